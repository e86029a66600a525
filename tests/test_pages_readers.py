"""Pages a commander, a director and a mayor can use (issue 9), on the real demo pages.

The demo pipeline (conftest.demo_site) renders public safety and service requests; each
page is opened in headless Chromium with the network cut (tests/pages.py). Screenshots go
to test-artifacts/.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest
from conftest import DEMO_PERIOD, OVERVIEW_PERIOD, SR_PERIOD
from pages import ARTIFACTS, DESKTOP, PHONE, open_offline

from statlib import schema as S
from statlib.anomalies.rules import RULE_SEPARATOR
from statlib.catalog import Catalog
from statlib.messages import format_percent
from statlib.report.review import open_review

pytestmark = pytest.mark.slow


def _csv(catalog: Catalog, period: str, domain: str) -> pd.DataFrame:
    return pd.read_csv(catalog.page(period, domain, ".csv"), dtype={S.UNIT: str})


def _flag(catalog: Catalog, domain: str, period: str, metric: str, unit: str) -> pd.Series:
    flags = open_review(domain, period, "en", catalog).table("flags")
    row = flags[(flags[S.METRIC] == metric) & (flags[S.UNIT] == unit)]
    assert len(row) == 1, (domain, metric, unit)
    return row.iloc[0]


# --- severity ---------------------------------------------------------------------------
def test_the_planted_backlog_surge_and_precinct_112_rank_high_or_medium(demo_site):
    catalog, _ = demo_site
    # 165 against an upper process limit of 67, rising for six fortnights: high.
    assert _flag(catalog, "service_requests", SR_PERIOD, "open_backlog", "9")[S.SEVERITY] == (
        "high"
    )
    on_time = _flag(catalog, "service_requests", SR_PERIOD, "closed_on_time", "9")
    assert on_time[S.SEVERITY] in ("high", "medium")
    larceny = _flag(catalog, "public_safety", DEMO_PERIOD, "grand_larceny", "112")
    assert larceny[S.SEVERITY] in ("high", "medium")


def test_the_overview_lists_them(demo_site):
    catalog, _ = demo_site
    overview = catalog.page(OVERVIEW_PERIOD, "city_overview").read_text("utf-8")
    row = re.search(r"Open backlog<br/?>.*?</tr>", overview)
    assert row and f'href="../{SR_PERIOD}/service_requests.html#unit-9"' in row.group(0)
    row = re.search(r"Grand larceny<br/?>.*?</tr>", overview)
    assert row and f'href="../{DEMO_PERIOD}/public_safety.html#unit-112"' in row.group(0)


def test_every_folded_low_flag_has_at_most_two_rules_on_its_side(demo_site):
    # The folded list says "one or two rules each": true of every row.
    catalog, _ = demo_site
    for domain, period in (("public_safety", DEMO_PERIOD), ("service_requests", SR_PERIOD)):
        flags = open_review(domain, period, "en", catalog).table("flags")
        for _, row in flags[flags[S.SEVERITY] == "low"].iterrows():
            sides = str(row[S.RULE_SIDES]).split(RULE_SEPARATOR)
            assert 1 <= sides.count(row[S.SIDE]) <= 2, (domain, row[S.METRIC], row[S.UNIT])


# --- headline ---------------------------------------------------------------------------
def test_headline_sentence_carries_the_citywide_figures_of_the_csv(demo_site, browser):
    catalog, _ = demo_site
    csv = _csv(catalog, DEMO_PERIOD, "public_safety")
    city = csv[(csv[S.UNIT] == S.CITYWIDE) & (csv[S.METRIC] == "major_felonies_total")]
    expected = {
        window: format_percent(city[city[S.WINDOW] == window][S.PCT_CHANGE].iloc[0], "en")
        for window in ("week", "28_day", "ytd")
    }
    for opened in open_offline(browser, catalog.page(DEMO_PERIOD, "public_safety", ".html")):
        first = opened.page.locator("#headline li.metric-sentence").first.inner_text()
        assert first.startswith("Seven major felonies: ")
        assert f"{expected['week']} on the week" in first
        assert f"{expected['28_day']} over 28 days" in first
        assert f"{expected['ytd']} year to date" in first
        assert "significant rise" in first


# --- drill-down by unit -----------------------------------------------------------------
def _cells(page: object, unit: str) -> list[list[str]]:
    return page.evaluate(  # type: ignore[attr-defined]
        """unit => [...document.querySelectorAll(`#unit-${unit} tbody tr`)].map(
            tr => [...tr.children].map(cell => cell.textContent.trim()))""",
        unit,
    )


def test_a_precincts_card_shows_its_csv_figures_on_a_phone(demo_site, browser):
    catalog, _ = demo_site
    csv = _csv(catalog, DEMO_PERIOD, "public_safety")
    mine = csv[csv[S.UNIT] == "112"].set_index([S.METRIC, S.WINDOW])
    page_file = catalog.page(DEMO_PERIOD, "public_safety", ".html")
    for opened in open_offline(browser, page_file):
        page = opened.page
        assert not page.locator("#unit-112").is_visible()  # hidden until picked
        page.set_viewport_size(PHONE)
        page.locator('nav.unit-picker a[href="#unit-112"]').click()
        card = page.locator("#unit-112")
        assert card.is_visible() and not page.locator("#unit-75").is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        rows = {row[0]: row[1:] for row in _cells(page, "112")}
        # Grand larceny: week, 28 days, year to date; current and prior of each.
        got = rows["Grand larceny"]
        for i, window in enumerate(("week", "28_day", "ytd")):
            assert got[4 * i] == f"{mine.loc[('grand_larceny', window), S.CURRENT]:,.0f}"
            assert got[4 * i + 1] == f"{mine.loc[('grand_larceny', window), S.PRIOR]:,.0f}"
        assert "Grand larceny · Concern" in card.inner_text()
        assert card.locator("svg.sparkline polyline").count() == 1
        sticky = page.evaluate(
            "getComputedStyle(document.querySelector('#unit-112 tbody th')).position"
        )
        assert sticky == "sticky"
        ARTIFACTS.mkdir(exist_ok=True)
        card.screenshot(path=str(ARTIFACTS / "unit-112-360.png"))
        assert opened.blocked == [] and opened.errors == []


def test_clicking_a_district_on_the_map_opens_its_card(demo_site, browser):
    catalog, _ = demo_site
    for opened in open_offline(browser, catalog.page(SR_PERIOD, "service_requests", ".html")):
        page = opened.page
        page.wait_for_selector("div.statlib-map[data-drawn=true]")
        path = page.locator("div.statlib-map path.leaflet-interactive").first
        path.scroll_into_view_if_needed()
        path.hover()
        path.click()
        page.wait_for_timeout(200)
        target = page.evaluate("location.hash")
        assert target.startswith("#unit-")
        assert page.locator(target).is_visible()


# --- map legend -------------------------------------------------------------------------
@pytest.mark.parametrize(("domain", "period"), [("public_safety", DEMO_PERIOD)])
def test_map_has_a_legend_and_uses_five_classes(demo_site, browser, domain, period):
    catalog, _ = demo_site
    for opened in open_offline(browser, catalog.page(period, domain, ".html")):
        page = opened.page
        page.set_viewport_size(DESKTOP)
        page.wait_for_selector("div.statlib-map[data-drawn=true]")
        assert page.locator(".map-legend .legend-item").count() == 8
        fills = page.evaluate(
            """[...document.querySelectorAll('div.statlib-map path.leaflet-interactive')].map(
                p => p.getAttribute('fill') + ' ' + p.getAttribute('fill-opacity'))"""
        )
        legend = page.evaluate(
            """[...document.querySelectorAll('.legend-swatch')].map(
                s => s.style.background + ' ' + s.style.opacity)"""
        )
        assert len(set(fills)) >= 5
        assert len(legend) == 8
