"""Indicator reports (statlib.indicators): every figure below is worked out by hand."""

import numpy as np
import pandas as pd
import pytest

from statlib import schema as S
from statlib.indicators import (
    first_release,
    indicator_report,
    own_units,
    previous_release,
    single_periods,
)
from statlib.params import DomainParams
from statlib.periods import parse_period

LABEL = {"en": "x", "zh": "x"}
PARAMS = DomainParams.model_validate(
    {
        "domain": "economy",
        "title": LABEL,
        "frequency": "month",
        "source": "test",
        "first_release_month": 2,
        "units": {"kind": "district", "label": LABEL, "plural": LABEL},
        "peer_groups": {"province": {"label": LABEL, "units": ["citywide", "c2", "c3"]}},
        "metrics": [
            {
                "key": "tax",
                "label": LABEL,
                "measure": "amount",
                "accumulation": "ytd",
                "reported": ["value", "growth"],
                "direction": "increase",
                "peers": "province",
                "share_of": "province",
                "benchmark": "province",
            },
            {
                "key": "va",
                "label": LABEL,
                "accumulation": "ytd",
                "reported": ["growth"],
                "direction": "increase",
                "peers": "province",
            },
        ],
    }
)

# (unit, period): (cumulative tax, reported tax growth, reported va growth)
ROWS = {
    ("citywide", "2019-02"): (10, np.nan, np.nan),
    ("citywide", "2019-03"): (16, np.nan, np.nan),
    ("citywide", "2020-02"): (8, -21.0, -22.5),
    ("citywide", "2020-03"): (15, -6.0, -9.0),
    ("c2", "2019-02"): (20, np.nan, np.nan),
    ("c2", "2019-03"): (30, np.nan, np.nan),
    ("c2", "2020-02"): (18, -12.0, -5.0),
    ("c2", "2020-03"): (30, 1.0, -9.0),
    ("c3", "2019-02"): (5, np.nan, np.nan),
    ("c3", "2019-03"): (8, np.nan, np.nan),
    ("c3", "2020-02"): (5, 2.0, 1.0),
    ("c3", "2020-03"): (9, 10.0, 2.0),
    ("province", "2019-02"): (40, np.nan, np.nan),
    ("province", "2019-03"): (60, np.nan, np.nan),
    ("province", "2020-02"): (35, -13.0, -10.0),
    ("province", "2020-03"): (60, 0.5, -3.0),
    ("d1", "2020-02"): (6, 1.0, 0.0),
    ("d1", "2020-03"): (10, 3.0, 0.0),
    ("d2", "2020-02"): (2, -10.0, 0.0),
    ("d2", "2020-03"): (5, -20.0, 0.0),
}


def _observations() -> pd.DataFrame:
    records = []
    for (unit, period), (tax, tax_growth, va_growth) in ROWS.items():
        end = pd.Timestamp(parse_period(period).end)
        common = {S.DOMAIN: "economy", S.UNIT: unit, S.PERIOD: period, S.PERIOD_END: end}
        records.append({**common, S.METRIC: "tax", S.VALUE: tax, S.REPORTED_GROWTH: tax_growth})
        records.append(
            {**common, S.METRIC: "va", S.VALUE: np.nan, S.REPORTED_GROWTH: va_growth}
        )
    return pd.DataFrame(records)


def _row(table: pd.DataFrame, metric: str, unit: str, window: str) -> pd.Series:
    chosen = table[(table[S.METRIC] == metric) & (table[S.UNIT] == unit)]
    return chosen[chosen[S.WINDOW] == window].squeeze()


@pytest.fixture(scope="module")
def report() -> pd.DataFrame:
    return indicator_report(_observations(), PARAMS, parse_period("2020-03"))


def test_releases_of_a_year_without_january():
    assert first_release(parse_period("2020-08"), 2).label == "2020-02"
    assert previous_release(parse_period("2020-03"), 2).label == "2020-02"
    assert previous_release(parse_period("2020-02"), 2) is None
    assert previous_release(parse_period("2020-01"), 1) is None
    assert previous_release(parse_period("2020-02"), 1).label == "2020-01"


def test_single_month_is_the_difference_of_two_cumulative_values():
    single = single_periods(_observations(), PARAMS)
    tax = single[(single[S.METRIC] == "tax") & (single[S.UNIT] == "citywide")]
    assert tax.set_index(S.PERIOD)[S.VALUE].to_dict() == {
        "2019-02": 10,  # the first release is its own single period (Jan-Feb)
        "2019-03": 6,
        "2020-02": 8,
        "2020-03": 7,
    }


def test_cumulative_growth_is_the_reported_one_not_the_ratio_of_levels(report):
    city = _row(report, "tax", "citywide", S.YTD)
    assert city[S.CURRENT] == 15 and city[S.PRIOR] == 16
    assert city[S.PCT_CHANGE] == -6.0  # reported; 15 / 16 - 1 would be -6.25
    assert city[S.PP_CHANGE] == pytest.approx(15.0)  # -6.0 - (-21.0) since Jan-Feb
    assert city[S.RANK] == 3 and city[S.RANK_CHANGE] == 0  # 3rd of 3, as in Jan-Feb
    assert city[S.LEVEL_RANK] == 2  # 30 > 15 > 9
    assert city[S.SHARE] == pytest.approx(25.0)  # 15 of the province's 60
    assert city[S.BENCHMARK_GROWTH] == 0.5
    assert city[S.BENCHMARK_GAP] == pytest.approx(-6.5)
    c3 = _row(report, "tax", "c3", S.YTD)
    assert c3[S.RANK] == 1 and c3[S.LEVEL_RANK] == 3


def test_single_month_growth_comes_from_levels(report):
    city = _row(report, "tax", "citywide", S.SINGLE_PERIOD)
    assert city[S.CURRENT] == 7 and city[S.PRIOR] == 6  # (15 - 8) and (16 - 10)
    assert city[S.PCT_CHANGE] == pytest.approx(100 * (7 / 6 - 1))
    # against the previous single period, Jan-Feb: 8 vs 10 = -20%
    assert city[S.PP_CHANGE] == pytest.approx(100 * (7 / 6 - 1) + 20.0)
    # single months: c2 (30-18)/(30-20) = +20%, c3 (9-5)/(8-5) = +33.3%, city +16.7%
    assert city[S.RANK] == 3 and _row(report, "tax", "c3", S.SINGLE_PERIOD)[S.RANK] == 1


def test_growth_only_metric_ranks_and_moves(report):
    city = _row(report, "va", "citywide", S.YTD_SINCE_FIRST)
    assert np.isnan(city[S.CURRENT])
    assert city[S.PCT_CHANGE] == -9.0
    assert city[S.PP_CHANGE] == pytest.approx(13.5)  # -9.0 - (-22.5)
    # Jan-Feb ranks: c3 1.0 (1), c2 -5.0 (2), city -22.5 (3); March: c3 2.0 (1), then
    # c2 and the city tie at -9.0 and share 2nd place: the city moved up one place.
    assert city[S.RANK] == 2 and city[S.RANK_CHANGE] == 1
    assert _row(report, "va", "c2", S.YTD)[S.RANK] == 2
    assert np.isnan(city[S.SHARE]) and np.isnan(city[S.BENCHMARK_GAP])


def test_districts_rank_among_themselves_share_the_city_and_accelerate(report):
    assert own_units(PARAMS, ["citywide", "c2", "province", "d1", "d2"]) == {"d1", "d2"}
    d1, d2 = (_row(report, "tax", unit, S.YTD) for unit in ("d1", "d2"))
    assert (d1[S.RANK], d2[S.RANK]) == (1, 2)
    assert d1[S.SHARE] == pytest.approx(100 * 10 / 15)  # of the city, not the province
    assert d1[S.PP_CHANGE] == pytest.approx(2.0) and d2[S.PP_CHANGE] == pytest.approx(-10.0)
    assert bool(d1[S.ACCELERATED]) and not bool(d2[S.ACCELERATED])


def test_every_unit_metric_and_window_has_one_row(report):
    assert len(report) == 2 * 6 * 3  # metrics x units x windows
    assert not report.duplicated([S.METRIC, S.UNIT, S.WINDOW]).any()
    assert list(report.columns) == list(S.INDICATOR_COLUMNS)


def test_the_first_release_has_no_earlier_release_to_compare_with():
    first = indicator_report(_observations(), PARAMS, parse_period("2020-02"))
    city = _row(first, "tax", "citywide", S.YTD)
    assert city[S.PCT_CHANGE] == -21.0 and np.isnan(city[S.PP_CHANGE])
    assert np.isnan(_row(first, "tax", "citywide", S.YTD_SINCE_FIRST)[S.PP_CHANGE])


def test_jan_feb_is_shared_evenly_for_the_monthly_statistics():
    from statlib.indicators import spread_first_release

    single = single_periods(_observations(), PARAMS)
    spread = spread_first_release(single, PARAMS)
    tax = spread[(spread[S.METRIC] == "tax") & (spread[S.UNIT] == "citywide")]
    assert tax.set_index(S.PERIOD)[S.VALUE].to_dict() == {
        "2019-01": 5.0,  # Jan-Feb 2019 was 10
        "2019-02": 5.0,
        "2019-03": 6,
        "2020-01": 4.0,
        "2020-02": 4.0,
        "2020-03": 7,
    }
    january = tax[tax[S.PERIOD] == "2020-01"][S.PERIOD_END].iloc[0]
    assert january == pd.Timestamp("2020-01-31")
    assert len(spread) == len(single) + (single[S.PERIOD].str.endswith("-02")).sum()


def test_relative_z_measures_a_district_against_the_city_in_the_districts_spread():
    from statlib.indicators import _relative_z

    units = pd.Series(["citywide", "d1", "d2", "d3", "c2"], index=list("abcde"))
    growth = pd.Series([2.0, 1.0, 3.0, 5.0, 9.0], index=units.index).set_axis(units)
    z = _relative_z(growth, units.set_axis(units), {"d1", "d2", "d3"})
    # districts 1, 3, 5: mean 3, sd 2; (g - 2) / 2
    assert z.to_dict() == pytest.approx(
        {"citywide": np.nan, "d1": -0.5, "d2": 0.5, "d3": 1.5, "c2": np.nan}, nan_ok=True
    )
