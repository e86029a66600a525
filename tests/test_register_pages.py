"""The register pages end to end: Baltimore's and NYC's registers, in English and Chinese."""

from __future__ import annotations

import pytest
from conftest import REGISTER_PERIODS

from statlib import run
from statlib.params import load_domain
from statlib.periods import parse_period

pytestmark = pytest.mark.slow


def test_register_pages_render(demo_site) -> None:
    catalog, outcomes = demo_site
    for domain, period in REGISTER_PERIODS.items():
        (outcome,) = [o for o in outcomes if o.domain == domain]
        assert outcome.error is None and outcome.period == period
    baltimore = catalog.page("FY2025", "performance_measures").read_text()
    for phrase in (
        "Agency scorecard",
        "Critical measures that missed their target",
        "Worsening trends",
        # the zoning board: 4 measures, 4 with a target, 1 met, 25%, none critical missed
        "Baltimore City Board of Municipal and Zoning Appeals</th><td>4</td><td>4</td>"
        "<td>1</td><td>25%</td><td>0</td><td>1</td>",
        "Repeated measures",
        "634 rows repeat a measure",
        "488 cells written with a percent sign",
    ):
        assert phrase in baltimore, phrase
    nyc = catalog.page("FY2023", "mayors_management_report").read_text()
    assert "183 of the 351 judged against a target met it (52%)" in nyc


def test_register_page_in_chinese(demo_site) -> None:
    catalog, _ = demo_site
    params = load_domain(catalog.params_file("performance_measures"))
    page = run.render_period(catalog, params, parse_period("FY2025"), "zh").read_text()
    expected = ("各机构计分卡", "未达目标的关键指标", "持续变差的指标", "重复的指标", "全部机构")
    for phrase in expected:
        assert phrase in page, phrase
