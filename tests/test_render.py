"""statlib.render: self-contained pages from executed notebooks, and the site index.

Fast tests build small executed notebooks by hand with nbformat (no kernel); tests marked
slow execute tests/fixtures/review.ipynb with papermill first, so the widget state is the
one nbclient really saves.
"""

from __future__ import annotations

import copy
import math
import re
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import papermill
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from statlib.errors import ParamsError, RenderError
from statlib.render import IndexEntry, NavLink, PageContext, render_page, write_index
from statlib.render.maps import widget_state

FIXTURE = Path(__file__).parent / "fixtures" / "review.ipynb"
FIXTURE_FEATURES = 3  # polygons in the fixture's GeoJSON layer
PAGE_LIMIT_BYTES = 3 * 1024 * 1024  # issue 3: a domain page with its map under 3 MB
INDEX_LIMIT_BYTES = 300 * 1024  # issue 3: the index under 300 KB
GENERATED = datetime(2026, 8, 17, 6, 30, tzinfo=UTC)


def context(lang: str = "en", **changes: object) -> PageContext:
    fields: dict[str, object] = {
        "domain": "public_safety",
        "domain_title": "Public safety" if lang == "en" else "公共安全",
        "period": "2026-W33",
        "lang": lang,
        "generated_at": GENERATED,
        "prev_period": NavLink("2026-W32", "../2026-W32/public_safety.html"),
        "next_period": NavLink("2026-W34", "../2026-W34/public_safety.html"),
        "siblings": [NavLink("Sanitation", "sanitation.html")],
    }
    fields.update(changes)
    return PageContext(**fields)  # type: ignore[arg-type]


def executed(*cells: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A notebook as papermill leaves it: every code cell has an execution count."""
    for count, cell in enumerate(cells, start=1):
        if cell.cell_type == "code":
            cell.execution_count = count
    return new_notebook(cells=list(cells), metadata={"language_info": {"name": "python"}})


def html_output(html: str) -> nbformat.NotebookNode:
    return new_output("display_data", data={"text/html": html, "text/plain": "<HTML>"})


def write(nb: nbformat.NotebookNode, path: Path) -> Path:
    nbformat.write(nb, path)
    return path


def simple_notebook() -> nbformat.NotebookNode:
    return executed(
        new_markdown_cell("## Exceptions\n\nNo flags this week."),
        new_code_cell(
            "report.table()",
            outputs=[
                new_output("stream", name="stderr", text="UserWarning: noisy\n"),
                html_output(
                    "<table><tr><th>Unit</th><th>Value</th></tr><tr><td>75</td><td>3</td></tr></table>"
                ),
            ],
        ),
        new_markdown_cell("#### Deep note"),
        new_markdown_cell("## Trend"),
        new_code_cell(
            "charts.trend()",
            outputs=[
                html_output(
                    '<figure><svg role="img" aria-label="Robbery trend"><title>Robbery trend'
                    "</title></svg><figcaption>Robbery</figcaption></figure>"
                )
            ],
        ),
    )


class Tags(HTMLParser):
    """Collects headings (level, text) and every resource URL a page would load."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[tuple[int, str]] = []
        self.loads: list[str] = []
        self.handlers: list[str] = []
        self._open: int | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.handlers += [f"{tag} {name}" for name, _ in attrs if name.startswith("on")]
        if re.fullmatch(r"h[1-6]", tag):
            self._open = int(tag[1])
            self.headings.append((self._open, ""))
        # Hyperlinks (<a href>) are navigation, not loads; everything else with src/href is.
        if values.get("src"):
            self.loads.append(str(values["src"]))
        if tag in {"link", "script"} and values.get("href"):
            self.loads.append(str(values["href"]))

    def handle_endtag(self, tag: str) -> None:
        if re.fullmatch(r"h[1-6]", tag):
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            level, text = self.headings[-1]
            self.headings[-1] = (level, text + data)


def parse(html: str) -> Tags:
    tags = Tags()
    tags.feed(html)
    return tags


def assert_offline(html: str) -> None:
    tags = parse(html)
    remote = [url for url in tags.loads if re.match(r"(?i)\s*(https?:)?//", url)]
    assert remote == [], f"page loads {remote}"
    css_urls = re.findall(r"url\(\s*['\"]?\s*((?:https?:)?//[^)'\"]*)", html, flags=re.I)
    assert css_urls == [], f"CSS loads {css_urls}"
    assert "@import" not in html
    assert tags.handlers == [], f"inline event handlers {tags.handlers}"


def assert_outline(html: str) -> None:
    levels = [level for level, _ in parse(html).headings]
    assert levels.count(1) == 1 and levels[0] == 1, levels
    for before, after in zip(levels, levels[1:], strict=False):
        assert after <= before + 1, f"heading skips from h{before} to h{after}: {levels}"


# --- fast: hand-built executed notebooks -------------------------------------------------


def test_page_has_no_code_prompts_or_streams_and_keeps_outputs(tmp_path: Path) -> None:
    page = render_page(
        write(simple_notebook(), tmp_path / "nb.ipynb"), tmp_path / "p.html", context=context()
    )
    html = page.read_text("utf-8")
    assert "report.table()" not in html and "charts.trend()" not in html
    assert "In&nbsp;[" not in html and "UserWarning" not in html
    assert "<th>Unit</th>" in html  # tables keep their header cells
    assert "<title>Robbery trend</title>" in html and 'aria-label="Robbery trend"' in html
    assert 'class="table-scroll"' in html
    assert_offline(html)
    assert_outline(html)


def test_header_shows_period_generation_time_and_navigation(tmp_path: Path) -> None:
    html = render_page(
        write(simple_notebook(), tmp_path / "nb.ipynb"), tmp_path / "p.html", context=context()
    ).read_text("utf-8")
    assert '<html lang="en">' in html
    assert "Period: 2026-W33" in html
    assert "Generated Aug 17, 2026 06:30 UTC" in html
    assert 'href="../2026-W32/public_safety.html" rel="prev"' in html
    assert 'href="../2026-W34/public_safety.html" rel="next"' in html
    assert 'href="sanitation.html"' in html and 'href="../index.html"' in html
    assert "@media print" in html


def test_contents_lists_h2_and_h3_headings_with_working_anchors(tmp_path: Path) -> None:
    html = render_page(
        write(simple_notebook(), tmp_path / "nb.ipynb"), tmp_path / "p.html", context=context()
    ).read_text("utf-8")
    toc = re.search(r'<nav[^>]*id="toc".*?</nav>', html, flags=re.S)
    assert toc is not None
    targets = re.findall(r'href="#([^"]+)"', toc.group(0))
    assert len(targets) == 3  # Exceptions, Deep note (h4 clamped to h3), Trend
    for target in targets:
        assert f'id="{target}"' in html


def test_heading_levels_are_clamped_and_h1_is_unique(tmp_path: Path) -> None:
    # Headings as a careless notebook writes them: two h1s, then a jump from h1 to h4.
    nb = executed(
        new_markdown_cell("# First"),
        new_markdown_cell("#### Jumped"),
        new_markdown_cell("# Second"),
        new_code_cell("x", outputs=[html_output("<h2>From an output</h2><p>x</p>")]),
    )
    html = render_page(
        write(nb, tmp_path / "nb.ipynb"), tmp_path / "p.html", context=context()
    ).read_text("utf-8")
    # Two body h1s -> shifted to h2 under the page h1; h4 -> h5, clamped to h3.
    assert [h for h in parse(html).headings] == [
        (1, "Public safety"),
        (2, "First"),
        (3, "Jumped"),
        (2, "Second"),
        (3, "From an output"),
    ]
    assert_outline(html)


def test_a_notebook_title_heading_becomes_the_page_h1(tmp_path: Path) -> None:
    nb = executed(new_markdown_cell("# Weekly CompStat"), new_markdown_cell("### Exceptions"))
    html = render_page(
        write(nb, tmp_path / "nb.ipynb"), tmp_path / "p.html", context=context()
    ).read_text("utf-8")
    assert parse(html).headings == [(1, "Weekly CompStat"), (2, "Exceptions")]


def test_cell_error_raises_naming_the_cell_and_writes_nothing(tmp_path: Path) -> None:
    nb = simple_notebook()
    nb.cells[4].outputs = [
        new_output("error", ename="KeyError", evalue="'robbery'", traceback=["KeyError"])
    ]
    out = tmp_path / "p.html"
    with pytest.raises(RenderError, match=r"cell 5.*'Trend'.*KeyError: 'robbery'"):
        render_page(write(nb, tmp_path / "nb.ipynb"), out, context=context())
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [tmp_path / "nb.ipynb"]  # no temp file left either


def test_failed_render_keeps_the_previous_page(tmp_path: Path) -> None:
    out = tmp_path / "p.html"
    out.write_text("previous page", "utf-8")
    nb = simple_notebook()
    nb.cells[1].execution_count = None  # papermill stopped before this cell
    with pytest.raises(RenderError, match=r"cell 2.*'Exceptions'.*never executed"):
        render_page(write(nb, tmp_path / "nb.ipynb"), out, context=context())
    assert out.read_text("utf-8") == "previous page"


def test_notebook_run_for_another_period_raises(tmp_path: Path) -> None:
    nb = simple_notebook()
    nb.metadata["papermill"] = {"parameters": {"period": "2026-W32", "lang": "en"}}
    with pytest.raises(RenderError, match=r"period='2026-W32'.*period='2026-W33'"):
        render_page(write(nb, tmp_path / "nb.ipynb"), tmp_path / "p.html", context=context())


def test_output_the_page_cannot_show_raises(tmp_path: Path) -> None:
    nb = executed(
        new_markdown_cell("## Map"),
        new_code_cell(
            "x", outputs=[new_output("display_data", data={"application/javascript": "1"})]
        ),
    )
    with pytest.raises(RenderError, match=r"cell 2.*application/javascript"):
        render_page(write(nb, tmp_path / "nb.ipynb"), tmp_path / "p.html", context=context())


def test_widget_without_saved_state_raises(tmp_path: Path) -> None:
    view = {"model_id": "abc", "version_major": 2, "version_minor": 0}
    nb = executed(
        new_code_cell(
            "m",
            outputs=[
                new_output(
                    "execute_result",
                    data={"application/vnd.jupyter.widget-view+json": view, "text/plain": "Map()"},
                    execution_count=1,
                )
            ],
        )
    )
    with pytest.raises(RenderError, match=r"cell 1.*no saved widget state"):
        render_page(write(nb, tmp_path / "nb.ipynb"), tmp_path / "p.html", context=context())


def test_zh_page_uses_chinese_catalogue_text(tmp_path: Path) -> None:
    html = render_page(
        write(simple_notebook(), tmp_path / "nb.ipynb"), tmp_path / "p.html", context=context("zh")
    ).read_text("utf-8")
    assert '<html lang="zh">' in html
    assert "目录" in html and "期间：2026-W33" in html and "生成于 2026年8月17日 06:30 UTC" in html
    assert "上一期：2026-W32" in html and "全部报告" in html
    assert "Contents" not in html and "Period:" not in html


def test_context_text_is_escaped(tmp_path: Path) -> None:
    hostile = '<script>alert("x")</script>'
    ctx = context(domain_title=hostile, siblings=[NavLink(hostile, '"><img src=x>')])
    html = render_page(
        write(simple_notebook(), tmp_path / "nb.ipynb"), tmp_path / "p.html", context=ctx
    ).read_text("utf-8")
    assert hostile not in html and "<img src=x>" not in html
    assert "&lt;script&gt;alert" in html


def test_page_context_rejects_unknown_language() -> None:
    with pytest.raises(ParamsError, match="'fr'"):
        context("fr")


def big_map_notebook(units: int, vertices: int) -> nbformat.NotebookNode:
    """A map the size of a city's precincts: `units` polygons of `vertices` points each."""
    features = []
    for unit in range(units):
        lon0, lat0 = -74.2 + 0.05 * (unit % 10), 40.5 + 0.05 * (unit // 10)
        ring = [
            [
                lon0 + 0.02 * math.cos(2 * math.pi * k / vertices) + 1e-9 * k,
                lat0 + 0.02 * math.sin(2 * math.pi * k / vertices),
            ]
            for k in range(vertices)
        ]
        features.append(
            {
                "type": "Feature",
                "properties": {"name": str(unit), "value": unit, "tooltip": f"Precinct {unit}"},
                "geometry": {"type": "Polygon", "coordinates": [[*ring, ring[0]]]},
            }
        )
    state = {
        "map": {
            "model_name": "LeafletMapModel",
            "state": {
                "center": [40.7, -74.0],
                "zoom": 11,
                "layers": ["IPY_MODEL_geo"],
                "controls": ["IPY_MODEL_zoom"],
                "layout": "IPY_MODEL_layout",
            },
        },
        "geo": {
            "model_name": "LeafletGeoJSONModel",
            "state": {
                "data": {"type": "FeatureCollection", "features": features},
                "style": {"weight": 1},
                "hover_style": {"weight": 3},
                "visible": True,
            },
        },
        "zoom": {"model_name": "LeafletZoomControlModel", "state": {"position": "topleft"}},
        "layout": {"model_name": "LayoutModel", "state": {"height": "500px"}},
    }
    view = {"model_id": "map", "version_major": 2, "version_minor": 0}
    nb = executed(
        new_markdown_cell("## Map"),
        new_code_cell(
            "m",
            outputs=[
                new_output(
                    "execute_result",
                    data={"application/vnd.jupyter.widget-view+json": view, "text/plain": "Map()"},
                    execution_count=1,
                )
            ],
        ),
    )
    nb.metadata["widgets"] = {
        "application/vnd.jupyter.widget-state+json": {"state": state, "version_major": 2}
    }
    return nb


def test_export_leaves_the_callers_notebook_unchanged() -> None:
    from statlib.render.exporter import PageExporter
    from statlib.render.pages import page_variables

    nb = big_map_notebook(3, 8)
    nb.cells += simple_notebook().cells
    before = copy.deepcopy(nb)
    resources = {"statlib": page_variables(context())}
    html, _ = PageExporter().from_notebook_node(nb, resources=resources)
    assert 'class="statlib-map"' in html and "<table>" in html
    assert nb == before


@pytest.mark.slow  # a 4.5 MB notebook: a few seconds to read, copy and parse
def test_city_sized_map_page_stays_under_3_mb(tmp_path: Path) -> None:
    # 77 NYPD precincts x 600 vertices, coordinates with 15+ significant digits.
    page = render_page(
        write(big_map_notebook(77, 600), tmp_path / "nb.ipynb"),
        tmp_path / "p.html",
        context=context(),
    )
    size = page.stat().st_size
    assert size < PAGE_LIMIT_BYTES, size
    html = page.read_text("utf-8")
    assert html.count('"type":"Feature"') == 77
    assert 'data-height="500px"' in html
    # Rounded to 5 decimals: no coordinate keeps more digits than that.
    assert not re.search(
        r"-?\d+\.\d{6,}", html.split('type="application/json"')[1].split("</script>")[0]
    )


def test_unsupported_map_layer_raises(tmp_path: Path) -> None:
    nb = big_map_notebook(1, 4)
    state = widget_state(nb.metadata)
    state["marker"] = {"model_name": "LeafletMarkerModel", "state": {}}
    state["map"]["state"]["layers"].append("IPY_MODEL_marker")
    nb.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"] = state
    with pytest.raises(RenderError, match="LeafletMarkerModel"):
        render_page(write(nb, tmp_path / "nb.ipynb"), tmp_path / "p.html", context=context())


def test_tile_layers_are_left_out_unless_online_tiles(tmp_path: Path) -> None:
    nb = big_map_notebook(1, 4)
    state = widget_state(nb.metadata)
    state["tiles"] = {
        "model_name": "LeafletTileLayerModel",
        "state": {"url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png", "attribution": "OSM"},
    }
    state["map"]["state"]["layers"].insert(0, "IPY_MODEL_tiles")
    nb.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"] = state
    path = write(nb, tmp_path / "nb.ipynb")
    offline = render_page(path, tmp_path / "off.html", context=context()).read_text("utf-8")
    online = render_page(path, tmp_path / "on.html", context=context(online_tiles=True)).read_text(
        "utf-8"
    )
    assert "openstreetmap" not in offline and "img-src data:;" in offline
    assert "tile.openstreetmap.org" in online and "img-src data: https:;" in online


# --- index ----------------------------------------------------------------------------


def test_index_lists_newest_period_first_with_concerns(tmp_path: Path) -> None:
    entries = [
        IndexEntry("public_safety", "Public safety", "2026-W32", "2026-W32/public_safety.html", 1),
        IndexEntry("public_safety", "Public safety", "2026-W33", "2026-W33/public_safety.html", 4),
        IndexEntry(
            "sanitation",
            "Sanitation",
            "2026-07",
            "2026-07/sanitation.html",
            0,
            period_end=date(2026, 7, 31),
        ),
        IndexEntry(
            "sanitation",
            "Sanitation",
            "2026-08",
            "2026-08/sanitation.html",
            2,
            period_end=date(2026, 8, 31),
        ),
    ]
    page = write_index(tmp_path, entries, "en", GENERATED, overview_href="overview.html")
    html = page.read_text("utf-8")
    assert page == tmp_path / "index.html"
    assert html.index("2026-W33/public_safety.html") < html.index("2026-W32/public_safety.html")
    assert html.index("2026-08/sanitation.html") < html.index("2026-07/sanitation.html")
    latest = html.split('id="latest"')[1].split("</table>")[0]
    assert "2026-W33" in latest and "2026-08" in latest and "2026-W32" not in latest
    assert re.search(r"2026-W33</td><td class=\"num concerns-some\">4<", latest)
    assert 'href="overview.html"' in html and "City overview" in html
    assert_offline(html)
    assert_outline(html)


def test_index_in_chinese_and_without_overview(tmp_path: Path) -> None:
    entries = [IndexEntry("public_safety", "公共安全", "2026-W33", "2026-W33/ps.html", 1234)]
    html = write_index(tmp_path, entries, "zh", GENERATED).read_text("utf-8")
    assert '<html lang="zh">' in html and "绩效评估报告" in html and "关注项" in html
    assert "1,234" in html  # format_number grouping
    assert "全市概览" not in html


def test_index_of_two_years_of_ten_domains_stays_under_300_kb(tmp_path: Path) -> None:
    entries = [
        IndexEntry(
            f"domain_{d}",
            f"Domain {d}",
            f"{2025 + w // 52}-W{w % 52 + 1:02d}",
            f"{2025 + w // 52}-W{w % 52 + 1:02d}/domain_{d}.html",
            w % 7,
        )
        for d in range(10)
        for w in range(104)
    ]
    size = write_index(tmp_path, entries, "en", GENERATED).stat().st_size
    assert size < INDEX_LIMIT_BYTES, size


def test_index_rejects_negative_concerns() -> None:
    with pytest.raises(ParamsError, match="concerns=-1"):
        IndexEntry("d", "D", "2026-W33", "x.html", -1)


# --- slow: the fixture notebook executed by papermill -----------------------------------


@pytest.fixture(scope="module")
def executed_fixture(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("executed") / "review.ipynb"
    papermill.execute_notebook(
        str(FIXTURE),
        str(out),
        parameters={"period": "2026-W33"},
        kernel_name="python3",
        progress_bar=False,
    )
    return out


@pytest.mark.slow
def test_papermill_saves_map_state_and_page_is_offline(
    executed_fixture: Path, tmp_path: Path
) -> None:
    state = widget_state(nbformat.read(executed_fixture, as_version=4).metadata)
    assert "LeafletMapModel" in {model["model_name"] for model in state.values()}
    page = render_page(executed_fixture, tmp_path / "public_safety.html", context=context())
    html = page.read_text("utf-8")
    assert page.stat().st_size < PAGE_LIMIT_BYTES
    assert_offline(html)
    assert_outline(html)
    assert "stdout noise" not in html and "a warning the page must not show" not in html
    assert 'class="statlib-map"' in html and html.count('"type":"Feature"') == FIXTURE_FEATURES
    # Tooltip text travels as escaped JSON, never as markup.
    assert "79 \\u003cb\\u003e\\u0026amp;" in html
    assert "tile.openstreetmap.org" not in html  # the notebook's default basemap is dropped


@pytest.mark.slow
def test_papermill_failure_is_a_render_error_naming_the_cell(tmp_path: Path) -> None:
    out = tmp_path / "failed.ipynb"
    with pytest.raises(papermill.PapermillExecutionError):
        papermill.execute_notebook(
            str(FIXTURE),
            str(out),
            parameters={"fail": True},
            kernel_name="python3",
            progress_bar=False,
        )
    page = tmp_path / "page.html"
    with pytest.raises(RenderError, match=r"under heading 'Exceptions'.*ValueError"):
        render_page(out, page, context=context())
    assert not page.exists()
