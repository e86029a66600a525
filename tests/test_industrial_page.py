"""The industrial economy review end to end: the seed's own Jan-Aug 2020 report, figure by
figure, from the CSV beside the page, and the page itself in English and Chinese.

The seed (the city bureau's September 2020 work report) says, for Jan-Aug 2020: value added
of industry above designated size 7.0% of the province (rank 6), +2.1%, 24.6 points above
Jan-Feb, growth rank 11, up 5 places since Jan-Feb; 964 firms, 79 new; industrial investment
+3.9%, 13.6 points above the province, rank 2; technical-upgrade investment -4.6%, 5.4
points above the province, rank 7; industrial tax 8.50 bn yuan (85.0 x 100 million, rank 5),
+4.1% (rank 2); industrial electricity 3.06 bn kWh (30.6 x 100 million) +1.6% (rank 9),
August alone 0.48 bn kWh (4.8) +35.1% (rank 7); industrial gas 1.3 (100 million m3)
+22.3%; 7 districts' growth faster than in Jan-Jul.
"""

from decimal import ROUND_HALF_UP, Decimal

import pandas as pd
import pytest
from conftest import IE_PERIOD
from pages import PHONE, open_offline

from statlib import run
from statlib import schema as S
from statlib.catalog import default_catalog
from statlib.params import load_domain
from statlib.periods import parse_period

pytestmark = pytest.mark.slow
DOMAIN = "industrial_economy"


def bureau(value: float) -> float:
    """Rounded as a statistics bureau prints: one decimal, halves away from zero."""
    return float(Decimal(str(float(value))).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


@pytest.fixture(scope="module")
def csv(demo_site) -> pd.DataFrame:
    catalog, _ = demo_site
    return pd.read_csv(catalog.page(IE_PERIOD, DOMAIN, ".csv"), dtype={S.UNIT: str})


def _cell(csv: pd.DataFrame, metric: str, window: str, column: str, unit: str = S.CITYWIDE):
    row = csv[(csv[S.METRIC] == metric) & (csv[S.UNIT] == unit) & (csv[S.WINDOW] == window)]
    assert len(row) == 1, (metric, window, unit)
    return row[column].iloc[0]


@pytest.mark.parametrize(
    ("metric", "window", "column", "seed"),
    [
        ("value_added", S.YTD, S.SHARE, 7.0),
        ("value_added", S.YTD, S.LEVEL_RANK, 6),
        ("value_added", S.YTD, S.PCT_CHANGE, 2.1),
        ("value_added", S.YTD_SINCE_FIRST, S.PP_CHANGE, 24.6),
        ("value_added", S.YTD, S.RANK, 11),
        ("value_added", S.YTD_SINCE_FIRST, S.RANK_CHANGE, 5),
        ("firms", "same_period_last_year", S.CURRENT, 964),
        ("new_firms", S.YTD, S.CURRENT, 79),
        ("industrial_investment", S.YTD, S.PCT_CHANGE, 3.9),
        ("industrial_investment", S.YTD, S.BENCHMARK_GAP, 13.6),
        ("industrial_investment", S.YTD, S.RANK, 2),
        ("upgrade_investment", S.YTD, S.PCT_CHANGE, -4.6),
        ("upgrade_investment", S.YTD, S.BENCHMARK_GAP, 5.4),
        ("upgrade_investment", S.YTD, S.RANK, 7),
        ("industrial_tax", S.YTD, S.CURRENT, 85.0),
        ("industrial_tax", S.YTD, S.LEVEL_RANK, 5),
        ("industrial_tax", S.YTD, S.PCT_CHANGE, 4.1),
        ("industrial_tax", S.YTD, S.RANK, 2),
        ("electricity", S.YTD, S.CURRENT, 30.6),
        ("electricity", S.YTD, S.PCT_CHANGE, 1.6),
        ("electricity", S.YTD, S.RANK, 9),
        ("electricity", S.SINGLE_PERIOD, S.CURRENT, 4.8),
        ("electricity", S.SINGLE_PERIOD, S.PCT_CHANGE, 35.1),
        ("electricity", S.SINGLE_PERIOD, S.RANK, 7),
        ("natural_gas", S.YTD, S.CURRENT, 1.3),
        ("natural_gas", S.YTD, S.PCT_CHANGE, 22.3),
    ],
)
def test_csv_holds_every_figure_of_the_seed_paragraph(csv, metric, window, column, seed):
    assert bureau(_cell(csv, metric, window, column)) == seed


def test_seven_districts_accelerated_against_jan_jul(csv):
    params = load_domain(default_catalog().params_file(DOMAIN))
    districts = set(params.units.names) - {"province"}
    rows = csv[(csv[S.METRIC] == "value_added") & (csv[S.WINDOW] == S.YTD)]
    rows = rows[rows[S.UNIT].isin(districts)]
    assert len(rows) == 10 and int(rows[S.ACCELERATED].astype(bool).sum()) == 7


def test_targets_carry_a_projection_and_a_chance(csv):
    for metric, target in (("value_added", 9.0), ("industrial_investment", 12.0)):
        assert _cell(csv, metric, S.YTD, S.TARGET) == target
        chance = _cell(csv, metric, S.YTD, S.P_REACH_TARGET)
        assert 0.0 <= chance <= 1.0
        low, high = (_cell(csv, metric, S.YTD, c) for c in (S.PROJECTION_LO_80, S.PROJECTION_HI_80))
        assert low <= _cell(csv, metric, S.YTD, S.PROJECTION) <= high


def test_page_reads_like_the_bureau_report_in_both_languages(demo_site, browser):
    catalog, _ = demo_site
    page = catalog.page(IE_PERIOD, DOMAIN)
    english = page.read_text()
    for phrase in (
        "7.0% of the province; rank 6 by size; +2.1% year on year; 24.6 points above "
        "Jan-Feb; growth rank 11 of 16; up 5 places since Jan-Feb",
        "964 firms at the end of August",
        "13.6 points above the province",
        "August alone 4.8 (100 million kWh), +35.1% year on year, rank 7",
        "7 of 10 districts grew faster than in Jan-Jul",
    ):
        assert phrase in english, phrase
    for opened in open_offline(browser, page):
        assert opened.blocked == [] and opened.errors == []
        opened.page.set_viewport_size(PHONE)
        assert opened.page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    params = load_domain(catalog.params_file(DOMAIN))
    chinese = run.render_period(catalog, params, parse_period(IE_PERIOD), "zh").read_text()
    for phrase in (
        "占全省比重7.0%；总量居全省各市第6位；同比增长2.1%；较1-2月提高24.6个百分点；"
        "增幅居全省各市第11位；较1-2月前移5个位次",
        "高于全省平均13.6个百分点",
        "其中8月完成4.8亿千瓦时，同比增长35.1%，居全省各市第7位",
        "7个县区增速较1-7月加快",
    ):
        assert phrase in chinese, phrase
