"""The CSS and JavaScript every page inlines, and the policy that keeps pages offline.

Pages are single files: stylesheets and scripts are read from statlib/render/static/ and
placed inside the page. A Content-Security-Policy meta tag then tells the browser to load
nothing from anywhere, so a stray URL in a notebook output fails closed instead of
quietly reaching the network.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import cache
from pathlib import Path

STATIC_DIR = Path(__file__).parent / "static"
LEAFLET_DIR = STATIC_DIR / "vendor" / "leaflet"  # Leaflet 1.9.4 from npm, BSD-2-Clause

# Leaflet's CSS points at marker and layer-switcher images we neither ship nor use
# (no markers, no layers control); a relative url() would be a file request from the page.
_LEAFLET_IMAGE_URL = re.compile(r"url\(images/[^)]*\)")


@cache
def stylesheet() -> str:
    """Leaflet's CSS (image URLs removed) followed by the report CSS."""
    leaflet = _LEAFLET_IMAGE_URL.sub("none", (LEAFLET_DIR / "leaflet.css").read_text("utf-8"))
    report = (STATIC_DIR / "report.css").read_text("utf-8")
    return f"{leaflet}\n{report}"


@cache
def report_stylesheet() -> str:
    """The report CSS alone, for pages without a map (the index)."""
    return (STATIC_DIR / "report.css").read_text("utf-8")


@cache
def map_scripts() -> tuple[str, ...]:
    """Leaflet, then our renderer of saved map state, in load order."""
    return (
        (LEAFLET_DIR / "leaflet.js").read_text("utf-8"),
        (STATIC_DIR / "map.js").read_text("utf-8"),
    )


def _script_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def content_security_policy(scripts: tuple[str, ...], *, online_tiles: bool = False) -> str:
    """A CSP that allows only our own inline scripts and no network loads.

    Args:
        scripts: The exact text of each inline <script> the page runs.
        online_tiles: Also allow https images, for map tiles on pages meant for online use.
    """
    script_src = " ".join(_script_hash(script) for script in scripts) or "'none'"
    images = "data: https:" if online_tiles else "data:"
    return (
        "default-src 'none'; "
        f"script-src {script_src}; "
        # Inline SVG charts carry <style> elements and style attributes.
        "style-src 'unsafe-inline'; "
        f"img-src {images}; font-src data:; "
        "base-uri 'none'; form-action 'none'"
    )
