"""The nbconvert exporter for review pages: our template, our preprocessing, no CDN.

Stock nbconvert HTML loads require.js, MathJax and the widget manager from CDNs. This
exporter uses the `statlib` template (templates/statlib/index.html.j2), which shows only
markdown and rich outputs, replaces saved ipyleaflet maps with an inline spec for
static/map.js, and finishes the page with the outline (one h1, ordered headings, contents).
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup
from nbconvert.exporters import HTMLExporter, TemplateExporter
from nbconvert.filters.highlight import Highlight2HTML
from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter
from nbconvert.preprocessors import Preprocessor
from nbformat import NotebookNode
from traitlets import Bool, Unicode, default

from statlib.errors import RenderError
from statlib.messages import text
from statlib.render.execution import describe_cell
from statlib.render.maps import (
    WIDGET_VIEW_MIMETYPE,
    map_spec,
    script_json,
    widget_state,
)
from statlib.render.outline import finish_outline

TEMPLATES_DIR = Path(__file__).parent / "templates"

# What a page may show, best first. No JavaScript or LaTeX outputs: both need a runtime
# (require.js, MathJax) that a self-contained page does not carry.
DISPLAY_PRIORITY: tuple[str, ...] = (
    "text/html",
    "image/svg+xml",
    "text/markdown",
    "image/png",
    "image/jpeg",
    "text/plain",
)
DISPLAY_OUTPUT_TYPES = frozenset({"execute_result", "display_data"})
NBCONVERT_NO_ALT = "No description has been provided for this image"  # HTMLExporter's words


def _map_html(spec_json: str, number: int, lang: str, height: str | None) -> str:
    """The element a saved map becomes: a container, a no-script note and its spec."""
    map_id = f"statlib-map-{number}"
    height_attr = f' data-height="{escape(height)}"' if height else ""
    return (
        f'<div class="map-block">'
        f'<div class="statlib-map" id="{map_id}" data-spec="{map_id}-spec"{height_attr} '
        f'role="region" tabindex="0" aria-label="{escape(text("render_map_label", lang))}">'
        f"<noscript><p>{escape(text('render_map_no_script', lang))}</p></noscript></div>"
        f'<script type="application/json" id="{map_id}-spec">{spec_json}</script>'
        f"</div>"
    )


class MapOutputPreprocessor(Preprocessor):
    """Replace each ipyleaflet Map output with our offline map element.

    Also checks that every rich output has something the page can show: an output the
    template would skip is a section quietly missing, so it raises RenderError instead.
    """

    lang = Unicode("en").tag(config=True)
    online_tiles = Bool(False).tag(config=True)
    source_name = Unicode("notebook").tag(config=True)

    def preprocess(
        self, nb: NotebookNode, resources: dict[str, Any]
    ) -> tuple[NotebookNode, dict[str, Any]]:
        """A new notebook whose map outputs are our map elements; `nb` is left as it is.

        Only the cells with a map output are copied, and the saved widget state (most of
        a notebook's bytes, and of no use once the maps are drawn) is left out, so the deep
        copy nbconvert makes of what it renders stays small.
        """
        state = widget_state(nb.metadata)
        maps_seen = 0
        cells = []
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                cells.append(cell)
                continue
            where = f"{self.source_name}: {describe_cell(nb, index)}"
            outputs = []
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                if output.get("output_type") not in DISPLAY_OUTPUT_TYPES:
                    pass
                elif WIDGET_VIEW_MIMETYPE in data:
                    if not state:
                        raise RenderError(
                            f"{where}: shows a widget but the notebook has no saved widget "
                            "state; rule: execute with nbclient store_widget_state=True "
                            "(papermill's default)"
                        )
                    maps_seen += 1
                    spec = map_spec(
                        state,
                        data[WIDGET_VIEW_MIMETYPE]["model_id"],
                        where=where,
                        online_tiles=self.online_tiles,
                    )
                    spec["labels"] = {
                        "zoom_in": text("render_zoom_in", self.lang),
                        "zoom_out": text("render_zoom_out", self.lang),
                    }
                    html = _map_html(
                        script_json(spec, where=where), maps_seen, self.lang, spec["height"]
                    )
                    output = NotebookNode({**output, "data": NotebookNode({"text/html": html})})
                elif data and not any(mimetype in data for mimetype in DISPLAY_PRIORITY):
                    raise RenderError(
                        f"{where}: output types {sorted(data)} cannot be shown on a "
                        f"self-contained page; rule: outputs must be one of {DISPLAY_PRIORITY}"
                    )
                outputs.append(output)
            cells.append(NotebookNode({**cell, "outputs": outputs}))
        metadata = NotebookNode({k: v for k, v in nb.metadata.items() if k != "widgets"})
        return NotebookNode({**nb, "metadata": metadata, "cells": cells}), resources


class PageExporter(HTMLExporter):
    """HTMLExporter with the `statlib` template and the map preprocessor.

    Pass page variables as resources={"statlib": {...}} (see pages.page_variables).
    """

    lang = Unicode("en").tag(config=True)
    online_tiles = Bool(False).tag(config=True)
    source_name = Unicode("notebook").tag(config=True)

    @default("template_name")
    def _template_name_default(self) -> str:
        return "statlib"

    @default("extra_template_basedirs")
    def _extra_template_basedirs_default(self) -> list[str]:
        return [str(TEMPLATES_DIR)]

    @default("exclude_anchor_links")
    def _exclude_anchor_links_default(self) -> bool:
        # The "¶" anchor is an icon without a text label; the contents list links instead.
        return True

    @property
    def default_config(self) -> Any:
        """HTMLExporter's config with our display priority (no JS, widgets or LaTeX)."""
        config = super().default_config
        config.NbConvertBase.display_data_priority = list(DISPLAY_PRIORITY)
        return config

    def from_notebook_node(  # type: ignore[override]
        self, nb: NotebookNode, resources: dict[str, Any] | None = None, **kw: Any
    ) -> tuple[str, dict[str, Any]]:
        """Render `nb` (never changing the caller's object); finish outline and contents.

        HTMLExporter.from_notebook_node, with one BeautifulSoup pass instead of two: its
        own (alt text for images, focusable cells) and the outline's share one parse.
        """
        maps = MapOutputPreprocessor(
            lang=self.lang, online_tiles=self.online_tiles, source_name=self.source_name
        )
        page_nb, resources = maps.preprocess(nb, dict(resources or {}))
        # As HTMLExporter.from_notebook_node (nbconvert 7) before its BeautifulSoup pass.
        language = page_nb.metadata.get("language_info", {})
        lexer = language.get("pygments_lexer", language.get("name", None))
        highlight_code = self.filters.get(
            "highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self)
        )
        resources = self._init_resources(resources)
        data_type = WidgetsDataTypeFilter(
            notebook_metadata=self._nb_metadata, parent=self, resources=resources
        )
        self.register_filter("highlight_code", highlight_code)
        self.register_filter("filter_data_type", data_type)
        # TemplateExporter deep-copies page_nb before preprocessing: `nb` stays untouched.
        html, resources = TemplateExporter.from_notebook_node(self, page_nb, resources, **kw)
        soup = BeautifulSoup(html, features="html.parser")
        for image in soup.select("img:not([alt])"):
            image.attrs["alt"] = NBCONVERT_NO_ALT
        for element in soup.select(
            ".jp-Notebook div.jp-Cell-inputWrapper, .jp-Notebook div.jp-OutputArea-output"
        ):
            element.attrs["tabindex"] = "0"
        return finish_outline(soup, self.lang, self.source_name), resources
