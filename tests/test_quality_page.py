"""The quality inspections review end to end: the seed's H1 2020 half-year figures on the
page, the p-charts' limits as statlib.spc.pchart computes them, the funnel's outlier, and
the page in English and Chinese.

The seed (a city agriculture bureau's half-year report) says: 77,018 batches sampled,
99.9% passed; risk monitoring 13,399 (vegetables 9,851, livestock 3,527, veterinary drugs
13, feed 8); supervision 63,619 (vegetables 3,189, livestock 60,246, aquatic 54, ...). The
demo's synthetic counts (scripts/make_inspections_demo.py) reproduce them for Jan-Jun 2020
and plant a rise in Baishi County's vegetable failures from October 2019.
"""

import re

import pytest
from conftest import QI_PERIOD
from pages import open_offline

from statlib import run
from statlib import schema as S
from statlib.params import load_domain
from statlib.periods import parse_period
from statlib.spc.pchart import p_chart_limits
from statlib.warehouse import Warehouse

pytestmark = pytest.mark.slow
DOMAIN = "quality_inspections"


@pytest.fixture(scope="module")
def results(demo_site) -> dict:
    catalog, _ = demo_site
    with Warehouse.open(catalog.warehouse) as warehouse:
        return {t: warehouse.results(t, DOMAIN, QI_PERIOD) for t in ("p_chart", "funnel")}


def _category_row(page: str, label: str) -> list[str]:
    """The cells of one row of the category table, by its label."""
    tree = page[page.index('id="category_tree"') :]
    row = re.search(
        r"<tr><th scope=\"row\">(?:\u3000)*" + re.escape(label) + r"</th>(.*?)</tr>", tree
    )
    assert row, label
    return re.findall(r"<td>(.*?)</td>", row.group(1))


def test_half_year_figures_are_the_seeds(demo_site):
    catalog, outcomes = demo_site
    assert [o.error for o in outcomes if o.domain == DOMAIN] == [None]
    page = catalog.page(QI_PERIOD, DOMAIN).read_text()
    # year to date columns: tested, failed, pass rate
    assert _category_row(page, "Agricultural products passed")[3:6] == ["77,018", "84", "99.89%"]
    for label, tested in (
        ("Risk monitoring", "13,399"),
        ("Risk monitoring: vegetables", "9,851"),
        ("Risk monitoring: livestock products", "3,527"),
        ("Risk monitoring: veterinary drugs", "13"),
        ("Risk monitoring: feed", "8"),
        ("Supervision sampling", "63,619"),
        ("Supervision: vegetables", "3,189"),
        ("Supervision: livestock products", "60,246"),
        ("Supervision: aquatic products", "54"),
    ):
        assert _category_row(page, label)[3] == tested, label
    assert _category_row(page, "Agricultural products passed")[6] == "99.60% (met)"
    assert _category_row(page, "Risk monitoring")[6] == "99.60% (missed)"


def test_p_chart_limits_on_the_page_are_the_pchart_maths(results):
    points = results["p_chart"]
    city = points[(points[S.UNIT] == S.CITYWIDE) & (points[S.METRIC] == "product_pass_rate")]
    city = city.sort_values(S.PERIOD_END)
    assert len(city) == 42  # January 2017 .. June 2020
    expected = p_chart_limits(city[S.NUMERATOR], city[S.DENOMINATOR])
    assert city[S.LOWER_LIMIT].to_numpy() == pytest.approx(expected.lower)
    assert city[S.CHART].iloc[0] == expected.chart == "laney"  # 77,018 batches: over-dispersed
    assert city[S.SIGMA_Z].iloc[0] == pytest.approx(expected.sigma_z)
    last = city.iloc[-1]
    assert last[S.POINT_TYPE] == "concern"  # risk monitoring's vegetables pull it down


def test_funnel_finds_the_planted_county(results):
    funnel = results["funnel"]
    year = funnel[(funnel[S.METRIC] == "rm_vegetables") & (funnel[S.WINDOW] == S.YTD)]
    assert len(year) == 8
    baishi = year.set_index(S.UNIT).loc["baishi"]
    assert baishi[S.FUNNEL_POSITION] == "below_998" and baishi[S.POINT_TYPE] == "concern"
    assert (year[S.UNIT] != "baishi").eq(year[S.FUNNEL_POSITION] != "below_998").all()


def test_page_in_both_languages(demo_site, browser):
    catalog, _ = demo_site
    page = catalog.page(QI_PERIOD, DOMAIN)
    english = page.read_text()
    for phrase in ("Sampling by category", "Laney p′ limits", "Below 99.8% limit"):
        assert phrase in english, phrase
    for opened in open_offline(browser, page):
        assert opened.blocked == [] and opened.errors == []
    params = load_domain(catalog.params_file(DOMAIN))
    chinese = run.render_period(catalog, params, parse_period(QI_PERIOD), "zh").read_text()
    for phrase in (
        "分类抽检情况",
        "风险监测：蔬菜",
        "Laney p′ 控制限",
        "低于 99.8% 控制限",
        "77,018",
    ):
        assert phrase in chinese, phrase
