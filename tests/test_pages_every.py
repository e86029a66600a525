"""Every demo page, as its readers open it: at 1280 px and on a 360 px phone (issue 9).

The demo pipeline (conftest.demo_site) renders each domain; each page is opened in
headless Chromium with the network cut (tests/pages.py), and a screenshot at both widths
goes to test-artifacts/. What a reader must never meet: a table running off its box with
nothing to hold its row labels, a phone's first screen without the page's first message,
and text a program wrote for itself ("nan", "None", metric keys).
"""

from __future__ import annotations

import re

import pytest
from conftest import (
    DEMO_PERIOD,
    IE_PERIOD,
    OVERVIEW_PERIOD,
    PS_PERIOD,
    QI_PERIOD,
    REGISTER_PERIODS,
    SR_PERIOD,
    WF_PERIOD,
)
from pages import ARTIFACTS, DESKTOP, PHONE, open_offline

from statlib.params import load_domain

pytestmark = pytest.mark.slow

PAGES = [
    ("public_safety", DEMO_PERIOD),
    ("service_requests", SR_PERIOD),
    ("industrial_economy", IE_PERIOD),
    ("quality_inspections", QI_PERIOD),
    ("workforce", WF_PERIOD),
    ("baltimore_policestat", PS_PERIOD),
    *REGISTER_PERIODS.items(),
    ("city_overview", OVERVIEW_PERIOD),
]

# Tables wider than their box whose row labels do not stay in view (the sticky column).
_UNHELD_TABLES = """() => [...document.querySelectorAll('main table')].filter(table => {
    const box = table.closest('.table-scroll') || table.parentElement;
    if (table.scrollWidth <= box.clientWidth + 1) return false;
    const label = table.querySelector('tbody th[scope=row]');
    return !box.classList.contains('table-scroll') || !label
        || getComputedStyle(label).position !== 'sticky';
}).map(table => (table.closest('section') || {}).id || '?')"""

# The page's first message (its headline, else its first section's first line): the top of
# it, and its text.
_FIRST_MESSAGE = """() => {
    const first = document.querySelector('#headline li') || document.querySelector(
        'main section.statlib-section p, main section.statlib-section li');
    return first && [first.getBoundingClientRect().top + window.scrollY, first.innerText];
}"""

# The first exception (the first row of the exceptions table) when it is a high or medium
# concern: its "metric · unit".
_FIRST_EXCEPTION = """() => {
    const row = document.querySelector('#exceptions tbody tr');
    const concern = row && row.querySelector('.flag-concern')
        && ['High', 'Medium'].includes(row.children[2].innerText.trim());
    return concern ? row.children[0].innerText : null;
}"""


def _program_words(text: str, metric_keys: set[str]) -> list[str]:
    """Words a program wrote for itself: nan, None, inf, metric keys with underscores, and
    HTML entities shown as text (a cell escaped twice: "Mayor&#x27;s")."""
    found = re.findall(r"\b(?:nan|NaN|None|inf)\b", text)
    found += re.findall(r"&(?:#x?[0-9a-fA-F]+|amp|lt|gt|quot);", text)
    found += [key for key in metric_keys if "_" in key and key in text]
    return found


@pytest.mark.parametrize(("domain", "period"), PAGES, ids=[d for d, _ in PAGES])
def test_the_page_reads_on_a_desktop_and_on_a_phone(demo_site, browser, domain, period):
    catalog, _ = demo_site
    params = load_domain(catalog.params_file(domain))
    ARTIFACTS.mkdir(exist_ok=True)
    for opened in open_offline(browser, catalog.page(period, domain)):
        page = opened.page
        assert not opened.blocked and not opened.errors
        for viewport in (DESKTOP, PHONE):
            page.set_viewport_size(viewport)
            page.wait_for_timeout(100)
            assert page.evaluate(_UNHELD_TABLES) == [], viewport
            assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
            page.screenshot(
                path=str(ARTIFACTS / f"page-{domain}-{viewport['width']}.png"), full_page=True
            )
        # On the phone, the first screen carries the first message; a page with a headline
        # leads it with the first exception (a high or medium concern).
        top, first_message = page.evaluate(_FIRST_MESSAGE)
        assert top < PHONE["height"] - 100, (top, first_message)
        first_exception = page.evaluate(_FIRST_EXCEPTION)
        if first_exception and any(s.name == "headline_sentences" for s in params.sections):
            assert first_exception in first_message
        text = page.inner_text("main")
        assert _program_words(text, {m.key for m in params.metrics}) == []
