"""Rendered pages in a real headless Chromium, with the network cut off.

Executes tests/fixtures/review.ipynb with papermill, renders it (en and zh) and an index,
then opens each file:// page in Debian's /usr/bin/chromium driven by Playwright. Every
request other than the page's own file is aborted and recorded; a page passes only if it
made none. Screenshots go to test-artifacts/ (git-ignored) for a person to look at.

Needs /usr/bin/chromium (scripts/install-browser) and the playwright wheel; never run
`playwright install` (it downloads a browser build). Without them the tests skip, except
under CI=true, where they fail.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import papermill
import pytest
from pages import ARTIFACTS, PHONE, OpenedPage, open_offline

from statlib.render import IndexEntry, NavLink, PageContext, render_page, write_index

pytestmark = pytest.mark.slow

FIXTURE = Path(__file__).parent / "fixtures" / "review.ipynb"
FIXTURE_FEATURES = 3  # polygons in the fixture's GeoJSON layer
# Tooltip of each fixture polygon, in feature order: two explicit `tooltip` properties,
# then a "name: value" fallback whose name holds markup that must show as text.
FIXTURE_TOOLTIPS = ("Precinct 75: 12 robberies", "Precinct 77: 9 robberies", "79 <b>&amp;</b>: 4")
GENERATED = datetime(2026, 8, 17, 6, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The fixture executed once and rendered as an en page, a zh page and an index."""
    root = tmp_path_factory.mktemp("site")
    executed = root / "review.ipynb"
    papermill.execute_notebook(
        str(FIXTURE),
        str(executed),
        parameters={"period": "2026-W33"},
        kernel_name="python3",
        progress_bar=False,
    )
    pages = {}
    for lang, title in (("en", "Public safety"), ("zh", "公共安全")):
        context = PageContext(
            domain="public_safety",
            domain_title=title,
            period="2026-W33",
            lang=lang,
            generated_at=GENERATED,
            prev_period=NavLink("2026-W32", "../2026-W32/public_safety.html"),
            siblings=[NavLink("Sanitation", "sanitation.html")],
        )
        pages[lang] = render_page(
            executed, root / "2026-W33" / f"public_safety.{lang}.html", context=context
        )
    entries = [
        IndexEntry(
            "public_safety", "Public safety", "2026-W33", "2026-W33/public_safety.en.html", 2
        )
    ]
    pages["index"] = write_index(root, entries, "en", GENERATED, overview_href=None)
    return pages


@pytest.fixture(params=["en", "zh"])
def domain_page(
    request: pytest.FixtureRequest, browser: object, site: dict[str, Path]
) -> Iterator[OpenedPage]:
    yield from open_offline(browser, site[request.param])


@pytest.fixture
def index_page(browser: object, site: dict[str, Path]) -> Iterator[OpenedPage]:
    yield from open_offline(browser, site["index"])


def test_page_loads_nothing_and_logs_no_errors(domain_page: OpenedPage) -> None:
    domain_page.page.wait_for_selector("div.statlib-map[data-drawn=true]")
    assert domain_page.blocked == []
    assert domain_page.errors == []


def test_map_draws_every_polygon(domain_page: OpenedPage) -> None:
    domain_page.page.wait_for_selector("div.statlib-map[data-drawn=true]")
    assert domain_page.page.locator("div.statlib-map path.leaflet-interactive").count() == (
        FIXTURE_FEATURES
    )


def test_hover_shows_each_units_tooltip_as_text(domain_page: OpenedPage) -> None:
    polygons = domain_page.page.locator("div.statlib-map path.leaflet-interactive")
    for number, expected in enumerate(FIXTURE_TOOLTIPS):
        polygons.nth(number).hover()
        tooltip = domain_page.page.locator(".leaflet-tooltip").last
        assert tooltip.inner_text() == expected
    assert domain_page.page.locator(".leaflet-tooltip b").count() == 0  # markup stayed text


def test_tap_shows_tooltip(browser: object, site: dict[str, Path]) -> None:
    for opened in open_offline(browser, site["en"]):
        page = opened.page
        page.set_viewport_size(PHONE)
        page.locator("div.statlib-map").scroll_into_view_if_needed()
        page.locator("div.statlib-map path.leaflet-interactive").first.click()
        assert page.locator(".leaflet-tooltip").last.inner_text() == FIXTURE_TOOLTIPS[0]


def test_zoom_buttons_work_offline(domain_page: OpenedPage) -> None:
    page = domain_page.page
    before = page.evaluate("document.querySelector('div.statlib-map path').getBBox().width")
    page.locator(".leaflet-control-zoom-in").click()
    page.wait_for_timeout(400)  # Leaflet's zoom animation
    after = page.evaluate("document.querySelector('div.statlib-map path').getBBox().width")
    assert after > before * 1.5  # one zoom level doubles the polygons' size on screen
    assert domain_page.blocked == []


def test_screenshots_and_phone_width(
    domain_page: OpenedPage, request: pytest.FixtureRequest
) -> None:
    page = domain_page.page
    lang = request.node.callspec.params["domain_page"]
    ARTIFACTS.mkdir(exist_ok=True)
    page.wait_for_selector("div.statlib-map[data-drawn=true]")
    page.screenshot(path=str(ARTIFACTS / f"page-{lang}-1280.png"), full_page=True)
    page.set_viewport_size(PHONE)
    page.wait_for_timeout(200)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    map_box = page.locator("div.statlib-map").bounding_box()
    assert map_box is not None and map_box["x"] + map_box["width"] <= PHONE["width"]
    page.screenshot(path=str(ARTIFACTS / f"page-{lang}-360.png"), full_page=True)


def test_index_is_offline_and_fits_a_phone(index_page: OpenedPage) -> None:
    page = index_page.page
    assert index_page.blocked == [] and index_page.errors == []
    assert page.locator("h1").count() == 1
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "index-360.png"), full_page=True)
