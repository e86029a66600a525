"""The city overview on the demo site: by topic, exceptions first, every link resolving.

The session fixture `demo_site` (conftest.py) computes every domain, then the overview for
the month of the public-safety week (it reads their results). These tests read the page it
wrote and the results behind it.
"""

from __future__ import annotations

import html as html_text
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import DEMO_PERIOD, OVERVIEW_PERIOD, REGISTER_PERIODS
from pages import ARTIFACTS, DESKTOP, PHONE, open_offline

from statlib import run
from statlib import schema as S
from statlib.params import load_domain
from statlib.periods import parse_period
from statlib.warehouse import Warehouse

pytestmark = pytest.mark.slow


class _Links(HTMLParser):
    """The hrefs and ids of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "a" and found.get("href"):
            self.hrefs.append(str(found["href"]))
        if found.get("id"):
            self.ids.add(str(found["id"]))


def _parsed(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text("utf-8"))
    return parser


def _topic_part(html: str, topic: str) -> str:
    """The HTML of one topic's part of the page, up to the next topic."""
    found = re.search(rf'<h3 id="topic-{topic}">(.*?)(?=<h3 |</section>)', html, re.S)
    assert found, topic
    return found.group(1)


def test_every_link_is_relative_and_resolves_to_a_page_and_anchor(demo_site):
    catalog, outcomes = demo_site
    page = catalog.page(OVERVIEW_PERIOD, "city_overview")
    assert ("city_overview", OVERVIEW_PERIOD, None) in [
        (o.domain, o.period, o.error) for o in outcomes
    ]
    hrefs = _parsed(page).hrefs
    reviews = {h for h in hrefs if h.startswith("../") and "/index.html" not in h}
    assert len(reviews) > 20  # the reviews and their units' cards
    for href in hrefs:
        parts = urlsplit(href)
        assert not parts.scheme and not parts.netloc and not href.startswith("/"), href
        target = (page.parent / parts.path).resolve() if parts.path else page
        assert target.is_file(), href
        if parts.fragment:
            assert parts.fragment in _parsed(target).ids, href
    # The index links the overview at the top.
    index = (catalog.outputs_dir / "index.html").read_text("utf-8")
    assert f'<p class="overview-link"><a href="{OVERVIEW_PERIOD}/city_overview.html">' in index


def test_a_concern_of_each_domain_appears_under_its_topic(demo_site):
    catalog, _ = demo_site
    html = catalog.page(OVERVIEW_PERIOD, "city_overview").read_text("utf-8")
    month = parse_period(OVERVIEW_PERIOD)
    with Warehouse.open(catalog.warehouse) as warehouse:
        for params in run.all_domains(catalog):
            if not params.metrics:
                continue
            computed = [
                p
                for p in warehouse.computed_periods(params.domain)
                if parse_period(p, week_end=params.week_end).end <= month.end
            ]
            flags = warehouse.results("flags", params.domain, computed[-1])
            if flags.empty:
                continue
            concerns = flags[
                flags[S.FLAG_DIRECTION].eq("concern") & flags[S.SEVERITY].isin(("high", "medium"))
            ]
            for _, flag in concerns.head(3).iterrows():
                topic = params.topic_of(flag[S.METRIC], flag[S.UNIT])
                part = _topic_part(html, topic)
                label = params.metric(flag[S.METRIC]).label("en")
                row = re.search(rf"{re.escape(label)}<br/?>.*?</tr>", part, re.S)
                assert row, (params.domain, flag[S.METRIC], topic)
                assert f"../{computed[-1]}/{params.domain}.html" in row.group(0)
    # A metric's own topic wins over its domain's: traffic fatalities are transportation.
    assert load_domain(catalog.params_file("public_safety")).topic_of(
        "traffic_fatalities", "1"
    ) == ("transportation")


def test_a_registers_missed_critical_measures_appear_under_their_topic(demo_site):
    catalog, _ = demo_site
    html = catalog.page(OVERVIEW_PERIOD, "city_overview").read_text("utf-8")
    with Warehouse.open(catalog.warehouse) as warehouse:
        items = warehouse.results("overview_items", "city_overview", OVERVIEW_PERIOD)
        for domain, period in REGISTER_PERIODS.items():
            measures = warehouse.results("register_measures", domain, period)
            missed = measures[measures[S.CRITICAL] & measures[S.TARGET_STATUS].eq("missed")]
            listed = items[items[S.REVIEWED_DOMAIN].eq(domain)]
            assert len(listed) == len(missed) > 0
            params = load_domain(catalog.params_file(domain))
            police = listed[listed[S.UNIT].str.contains("police")]
            assert set(police[S.TOPIC]) <= {"safety"}  # by the register's agency topics
            assert params.topic_of("any", "comptroller") == "government_efficiency"
    police = items[items[S.UNIT].astype(str).str.contains("police")]
    assert len(police) and set(police[S.TOPIC]) == {"safety"}
    # The farthest off of a topic is on the page, linked to its register's list.
    safety = items[items[S.TOPIC].eq("safety") & items[S.ITEM].eq("missed_critical")]
    target = safety[S.TARGET].abs().where(safety[S.TARGET] != 0)  # as the page sorts them
    off = ((safety[S.VALUE] - safety[S.TARGET]).abs() / target).idxmax()
    first = safety.loc[off]
    part = _topic_part(html, "safety")
    name = re.escape(html_text.escape(first[S.MEASURE_NAME]))
    row = re.search(rf"{name}<br/?>.*?</tr>", part, re.S)
    anchor = f"../{first[S.REVIEWED_PERIOD]}/{first[S.REVIEWED_DOMAIN]}.html#missed_critical"
    assert row and anchor in row.group(0)


def test_one_paragraph_on_top_then_exceptions_and_it_fits_a_phone(demo_site, browser):
    catalog, _ = demo_site
    page = catalog.page(OVERVIEW_PERIOD, "city_overview")
    html = page.read_text("utf-8")
    assert html.index('id="overview_summary"') < html.index('id="topic_exceptions"')
    assert html.index('id="topic_exceptions"') < html.index('id="domain_links"')
    assert (
        f"Public safety: CompStat weekly review</a></th><td>Safety</td><td>{DEMO_PERIOD}<" in html
    )
    # A review with nothing in the year before the month shows its age: PoliceStat's latest
    # week ended Saturday 2018-02-17, 3,117 days (8 whole years) before 2026-08-31; the MMR's
    # FY2023 ended 2023-06-30 (1,158 days: 3 years).
    assert "<td>2018-W07 (8 yr earlier)</td>" in html and "<td>FY2023 (3 yr earlier)</td>" in html
    summary = html.split('id="overview_summary"')[1].split("</section>")[0]
    assert "5 of the 8 reviews have nothing in the year before 2026-08-31" in summary
    assert "Baltimore PoliceStat: weekly arrests review (2018-W07)" in summary
    for opened in open_offline(browser, page):
        assert opened.blocked == [] and opened.errors == []
        for name, size in (("1280", DESKTOP), ("360", PHONE)):
            opened.page.set_viewport_size(size)
            opened.page.wait_for_timeout(100)
            assert opened.page.evaluate("document.documentElement.scrollWidth") <= size["width"]
            opened.page.screenshot(path=str(ARTIFACTS / f"city-overview-{name}.png"))


def test_the_overview_in_chinese(demo_site):
    catalog, _ = demo_site
    params = load_domain(catalog.params_file("city_overview"))
    page = run.render_period(catalog, params, parse_period(OVERVIEW_PERIOD), "zh")
    html = page.read_text("utf-8")
    assert "公共安全" in html and "各专题异常事项" in html and "本月概览" in html
    run.render_period(catalog, params, parse_period(OVERVIEW_PERIOD), "en")  # as it was
