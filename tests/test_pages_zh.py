"""Every word on a Chinese page is Chinese, a proper noun of the catalogue, or data quoted
as published and marked with its language (issue 9).

Each demo page is rendered in Chinese from the demo's computed results; its main text,
less what is marked `lang="en"` (a register's measure names, an action register's
entries, ingest's notes: statlib.report.html.quoted), may hold no ASCII word of three
letters or more outside `PROPER_NOUNS`: no English left over from a template, a model
name or a key.
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from test_pages_every import PAGES

from statlib import run
from statlib.params import load_domain
from statlib.periods import parse_period
from statlib.phrases_pages import PROPER_NOUNS

pytestmark = pytest.mark.slow
ASCII_WORD = re.compile(r"[A-Za-z]{3,}")
# A file named on the page, by path (data/industry/README.md) or name (2020-08-districts.xlsx).
FILE = re.compile(r"[\w.-]+(?:/[\w.-]+)+|[\w.-]+\.(?:xlsx|xls|csv|md|py|parquet|geojson|json)\b")


def english_words(html: str) -> set[str]:
    """ASCII words of 3+ letters in the page's main text, outside marked quotations."""
    main = BeautifulSoup(html, "html.parser").find("main")
    for hidden in main.find_all(["script", "style", "svg", "noscript"]):
        hidden.decompose()
    for quotation in main.select("[lang]:not([lang^=zh])"):
        quotation.decompose()
    words = ASCII_WORD.findall(FILE.sub(" ", main.get_text(" ")))
    return set(words) - PROPER_NOUNS


@pytest.mark.parametrize(("domain", "period"), PAGES, ids=[d for d, _ in PAGES])
def test_a_chinese_page_has_no_english_left_over(demo_site, domain, period):
    catalog, _ = demo_site
    params = load_domain(catalog.params_file(domain))
    page = run.render_period(catalog, params, parse_period(period, week_end=params.week_end), "zh")
    assert english_words(page.read_text("utf-8")) == set()


def test_the_check_sees_english_and_spares_quotations():
    page = (
        '<main><p>本周 Robbery 上升 <span lang="en">Mayor\'s Office</span> CompStat</p>'
        "<p>见 data/industry/README.md、2020-08-districts.xlsx</p>"
        "<script>var x = 'hidden';</script></main>"
    )
    assert english_words(page) == {"Robbery"}
