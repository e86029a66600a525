import math

import numpy as np
import pandas as pd
import pytest

from statlib import schema as S
from statlib.compare import compare, pct_change, poisson_z, versus_target, window_periods
from statlib.errors import InputError
from statlib.periods import parse_period, periods_between


def weekly(first: str, last: str, value_of, metric: str = "robbery", unit: str = "75"):
    weeks = periods_between(parse_period(first), parse_period(last))
    return pd.DataFrame(
        {
            S.DOMAIN: "public_safety",
            S.METRIC: metric,
            S.UNIT: unit,
            S.PERIOD: [w.label for w in weeks],
            S.PERIOD_END: pd.to_datetime([w.end for w in weeks]),
            S.VALUE: [float(value_of(w)) for w in weeks],
        }
    )


def by_window(result: pd.DataFrame) -> dict[str, pd.Series]:
    return {row[S.WINDOW]: row for _, row in result.iterrows()}


def test_poisson_z_and_pct_change_reference_values():
    # SPC.md: a rise from 4 to 9 is +125% but z = 2 * (3 - 2) = 2.
    assert poisson_z(np.array([9.0]), np.array([4.0]))[0] == pytest.approx(2.0)
    assert pct_change(np.array([9.0]), np.array([4.0]))[0] == pytest.approx(125.0)
    assert math.isnan(pct_change(np.array([3.0]), np.array([0.0]))[0])  # empty cell


def test_compstat_windows_hand_computed():
    # value = 1 in 2025, 2 in 2026 weeks 1..32, and 10 in 2026-W33.
    frame = weekly(
        "2025-W01",
        "2026-W33",
        lambda w: 1 if w.label < "2026" else (10 if w.label == "2026-W33" else 2),
    )
    result = compare(frame, parse_period("2026-W33"), additive={"robbery"}, counts={"robbery"})
    rows = by_window(result)
    assert list(result[S.WINDOW]) == ["week", "28_day", "ytd", "previous_period"]
    # week: 10 vs 1 -> +900%, z = 2 * (sqrt(10) - 1) = 4.3246
    assert (rows["week"][S.CURRENT], rows["week"][S.PRIOR]) == (10, 1)
    assert rows["week"][S.PCT_CHANGE] == pytest.approx(900.0)
    assert rows["week"][S.POISSON_Z] == pytest.approx(4.324555, abs=1e-6)
    # 28 days: W30..W33 = 2 + 2 + 2 + 10 = 16 vs 4 x 1 = 4 -> +300%, z = 2 * (4 - 2) = 4
    assert (rows["28_day"][S.CURRENT], rows["28_day"][S.PRIOR]) == (16, 4)
    assert rows["28_day"][S.POISSON_Z] == pytest.approx(4.0)
    # year to date: 32 x 2 + 10 = 74 vs 33 x 1 = 33
    assert (rows["ytd"][S.CURRENT], rows["ytd"][S.PRIOR]) == (74, 33)
    # previous period: 10 vs 2, change +8
    assert (rows["previous_period"][S.PRIOR], rows["previous_period"][S.CHANGE]) == (2, 8)


def test_window_missing_a_period_is_nan_not_a_partial_sum():
    frame = weekly("2025-W01", "2026-W33", lambda w: 1)
    frame = frame[frame[S.PERIOD] != "2025-W10"]  # a hole in last year's YTD
    rows = by_window(compare(frame, parse_period("2026-W33"), additive={"robbery"}))
    assert rows["ytd"][S.CURRENT] == 33
    assert math.isnan(rows["ytd"][S.PRIOR])
    assert rows["28_day"][S.PRIOR] == 4  # W30..W33 of 2025 are all there


def test_rates_are_not_summed_and_get_no_poisson_z():
    frame = weekly("2025-W01", "2026-W33", lambda w: 50, metric="closure_rate")
    rows = by_window(compare(frame, parse_period("2026-W33")))
    assert math.isnan(rows["28_day"][S.CURRENT]) and math.isnan(rows["ytd"][S.CURRENT])
    assert rows["week"][S.CURRENT] == 50 and rows["week"][S.CHANGE] == 0  # pp change
    assert math.isnan(rows["week"][S.POISSON_Z])


def test_53_week_year_is_compared_with_week_52():
    # 2026 has 53 ISO weeks; its W53 is compared with 2025-W52 (2025 has 52).
    current, prior = window_periods(parse_period("2026-W53"), "week")
    assert prior[0].label == "2025-W52"
    ytd_current, ytd_prior = window_periods(parse_period("2026-W53"), "ytd")
    assert (len(ytd_current), len(ytd_prior)) == (53, 52)


def test_monthly_windows():
    months = periods_between(parse_period("2025-01"), parse_period("2026-08"))
    frame = pd.DataFrame(
        {
            S.DOMAIN: "economy",
            S.METRIC: "tax",
            S.UNIT: "city",
            S.PERIOD: [m.label for m in months],
            S.VALUE: [float(i + 1) for i in range(len(months))],
        }
    )
    rows = by_window(compare(frame, parse_period("2026-08"), additive={"tax"}))
    # Jan-Aug 2026 = 13 + ... + 20 = 132; Jan-Aug 2025 = 1 + ... + 8 = 36
    assert (rows["ytd"][S.CURRENT], rows["ytd"][S.PRIOR]) == (132, 36)
    assert (rows["same_period_last_year"][S.CURRENT], rows["same_period_last_year"][S.PRIOR]) == (
        20,
        8,
    )


def test_year_to_date_of_a_rate_is_the_ratio_of_the_sums():
    # On-time share per month: 2026 Jan 90 of 100, Feb 10 of 50 (a bad, quiet month), Mar
    # 180 of 200; 2025 the same months 80/100, 40/50, 160/200.
    # YTD 2026 = (90 + 10 + 180) / (100 + 50 + 200) = 280 / 350 = 0.8, not the mean of the
    # three shares (0.9 + 0.2 + 0.9) / 3 = 0.667; YTD 2025 = 280 / 350 = 0.8 as well.
    months = periods_between(parse_period("2025-01"), parse_period("2026-03"))
    on_time = {
        "2025-01": 80,
        "2025-02": 40,
        "2025-03": 160,
        "2026-01": 90,
        "2026-02": 10,
        "2026-03": 180,
    }
    closed = {
        "2025-01": 100,
        "2025-02": 50,
        "2025-03": 200,
        "2026-01": 100,
        "2026-02": 50,
        "2026-03": 200,
    }
    numerator = [float(on_time.get(m.label, 50)) for m in months]
    denominator = [float(closed.get(m.label, 100)) for m in months]
    frame = pd.DataFrame(
        {
            S.DOMAIN: "services",
            S.METRIC: "closed_on_time",
            S.UNIT: "city",
            S.PERIOD: [m.label for m in months],
            S.VALUE: np.array(numerator) / np.array(denominator),
            S.NUMERATOR: numerator,
            S.DENOMINATOR: denominator,
        }
    )
    rows = by_window(compare(frame, parse_period("2026-03"), ratios={"closed_on_time"}))
    assert rows["ytd"][S.CURRENT] == pytest.approx(0.8)
    assert rows["ytd"][S.PRIOR] == pytest.approx(0.8)
    assert rows["same_period_last_year"][S.CURRENT] == pytest.approx(0.9)  # 180 / 200
    # Without the parts a rate has no year to date, as before.
    plain = by_window(compare(frame, parse_period("2026-03")))
    assert math.isnan(plain["ytd"][S.CURRENT])
    with pytest.raises(InputError, match="numerator"):
        compare(frame.drop(columns=S.NUMERATOR), parse_period("2026-03"), ratios={"closed_on_time"})


def test_input_is_not_mutated_and_missing_column_is_named():
    frame = weekly("2025-W01", "2026-W33", lambda w: 1)
    before = frame.copy()
    compare(frame, parse_period("2026-W33"))
    pd.testing.assert_frame_equal(frame, before)
    with pytest.raises(InputError, match="value"):
        compare(frame.drop(columns=S.VALUE), parse_period("2026-W33"))


def test_versus_target_by_direction():
    frame = pd.DataFrame(
        {
            S.DOMAIN: "d",
            S.METRIC: ["pass_rate", "response_days", "calls", "pass_rate"],
            S.UNIT: "city",
            S.PERIOD: ["2026-08", "2026-08", "2026-08", "2026-07"],
            S.VALUE: [99.7, 6.0, 10.0, 99.0],
            S.TARGET: [99.6, 5.0, 8.0, 99.6],
        }
    )
    result = versus_target(
        frame,
        parse_period("2026-08"),
        {"pass_rate": "increase", "response_days": "decrease", "calls": "neutral"},
    )
    by_metric = {r[S.METRIC]: r for _, r in result.iterrows()}
    assert by_metric["pass_rate"][S.GAP] == pytest.approx(0.1)
    assert by_metric["pass_rate"][S.ON_TRACK] is True or by_metric["pass_rate"][S.ON_TRACK] == True  # noqa: E712
    assert by_metric["response_days"][S.ON_TRACK] == False  # noqa: E712  6 days > 5 target
    assert pd.isna(by_metric["calls"][S.ON_TRACK])
    assert len(result) == 3  # July is another period
