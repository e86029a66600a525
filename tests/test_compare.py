import math
from datetime import date

import numpy as np
import pandas as pd
import pytest

from statlib import schema as S
from statlib.compare import (
    compare,
    pct_change,
    poisson_z,
    versus_target,
    window_coverage,
    window_days,
)
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


def test_53_week_year_is_compared_with_the_same_days():
    # 2026-W53 = Mon 2026-12-28 .. Sun 2027-01-03; the same days of the year before,
    # 2025-12-28 .. 2026-01-03, are best filled by 2026-W01 (12-29 .. 01-04): one day
    # missing (12-28), one extra (01-04).
    week = parse_period("2026-W53")
    current, prior = window_days(week, "week")
    assert (current, prior) == (
        (date(2026, 12, 28), date(2027, 1, 3)),
        (date(2025, 12, 28), date(2026, 1, 3)),
    )
    frame = weekly("2025-W01", "2026-W53", lambda w: 1)
    coverage = window_coverage(frame, week).set_index([S.WINDOW, S.WINDOW_SIDE])
    prior_week = coverage.loc[("week", "prior")]
    assert prior_week[S.COVER_LABELS] == "2026-W01"
    assert (prior_week[S.MISSING_DAYS], prior_week[S.EXTRA_DAYS]) == (1, 1)
    # The year to date is 2027-01-01 .. 01-03: W53 starts four days early, more than
    # half a week, so weekly rows cannot fill it and the cell stays empty.
    assert window_days(week, "ytd")[0] == (date(2027, 1, 1), date(2027, 1, 3))
    assert coverage.loc[("ytd", "current"), S.COVER_LABELS] == ""
    assert coverage.loc[("ytd", "current"), S.MISSING_DAYS] == 3
    rows = by_window(compare(frame, week, additive={"robbery"}))
    assert math.isnan(rows["ytd"][S.CURRENT]) and rows["week"][S.PRIOR] == 1


def test_a_cut_of_the_exact_days_wins_over_a_week_off_by_one_day():
    # 2026-W33 = Mon 08-10 .. Sun 08-16; last year's same days 2025-08-10 .. 08-16 are a
    # Sunday..Saturday week. 2025-W33 (Mon 08-11 .. Sun 08-17) = 5 is one day off at each
    # end; a cut published over exactly 2025-08-10 .. 08-16 = 3 is chosen instead.
    frame = weekly("2025-W01", "2026-W33", lambda w: 5 if w.label < "2026" else 2)
    cut = frame.iloc[[0]].assign(
        **{S.PERIOD: "2025-08-10..2025-08-16", S.PERIOD_END: pd.Timestamp("2025-08-16")}
    )
    cut[S.VALUE] = 3.0
    week = parse_period("2026-W33")
    before = by_window(compare(frame, week, additive={"robbery"}))
    after = by_window(compare(pd.concat([frame, cut]), week, additive={"robbery"}))
    assert (before["week"][S.PRIOR], after["week"][S.PRIOR]) == (5, 3)
    # 28 days: 2025-07-20 .. 08-16; the cut ends on 08-16 but nothing else starts on a
    # Sunday, so the chain W30 .. W33 (07-21 .. 08-17, one day off at each end) stays.
    assert after["28_day"][S.PRIOR] == 20
    coverage = window_coverage(pd.concat([frame, cut]), week).set_index([S.WINDOW, S.WINDOW_SIDE])
    assert coverage.loc[("week", "prior"), S.COVER_LABELS] == "2025-08-10..2025-08-16"
    assert coverage.loc[("week", "prior"), S.MISSING_DAYS] == 0
    assert coverage.loc[("28_day", "prior"), S.MISSING_DAYS] == 1


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
