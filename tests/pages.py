"""The headless-browser harness shared by the page tests.

Debian's /usr/bin/chromium driven by Playwright (never `playwright install`, which downloads
a browser build). Every request other than the page's own file is aborted and recorded, and
console errors are kept, so a test can assert that a page loads nothing from the network.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).parent.parent / "test-artifacts"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}


def _unavailable(reason: str) -> None:
    message = (
        f"{reason}; install it with scripts/install-browser (and .venv/bin/pip install playwright)"
    )
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser tests cannot run: {message}", pytrace=False)
    pytest.skip(message)


def launch_browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright Python package is missing")
    with sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class OpenedPage:
    page: object
    url: str
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def open_offline(browser: object, path: Path) -> Iterator[OpenedPage]:
    """Open `path` with every other request aborted and recorded, and console errors kept."""
    page = browser.new_page(viewport=DESKTOP)  # type: ignore[attr-defined]
    opened = OpenedPage(page, path.resolve().as_uri())

    def route(request_route: object) -> None:
        url = request_route.request.url  # type: ignore[attr-defined]
        if url == opened.url:
            request_route.continue_()  # type: ignore[attr-defined]
        else:
            opened.blocked.append(url)
            request_route.abort()  # type: ignore[attr-defined]

    page.route("**/*", route)
    page.on(
        "console", lambda message: message.type == "error" and opened.errors.append(message.text)
    )
    page.on("pageerror", lambda error: opened.errors.append(str(error)))
    page.on(
        "requestfailed",
        lambda request: (
            request.url != opened.url
            and request.url not in opened.blocked
            and opened.blocked.append(request.url)
        ),
    )
    page.goto(opened.url, wait_until="load")
    yield opened
    page.close()


# A point inside the path's fill, in viewport coordinates: the centre of a concave
# district's box may lie outside it (over a neighbour, or over no district at all).
_INSIDE_POINT = """path => {
    const box = path.getBBox(), matrix = path.getScreenCTM();
    for (let step = 2; step <= 64; step *= 2) {
        for (let i = 1; i < step; i++) {
            for (let j = 1; j < step; j++) {
                const x = box.x + box.width * i / step, y = box.y + box.height * j / step;
                const point = new DOMPoint(x, y);
                if (path.isPointInFill(point)) {
                    const screen = point.matrixTransform(matrix);
                    return [screen.x, screen.y];
                }
            }
        }
    }
    return null;
}"""


def hover_inside(page: object, path: object) -> None:
    """Move the mouse onto a point inside an SVG path's fill (a map polygon)."""
    path.scroll_into_view_if_needed()  # type: ignore[attr-defined]
    x, y = path.evaluate(_INSIDE_POINT)  # type: ignore[attr-defined]
    page.mouse.move(x, y)  # type: ignore[attr-defined]
