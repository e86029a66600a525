"""p-charts and funnels of KPI frames (statlib.proportions)."""

import numpy as np
import pandas as pd
import pytest

from statlib import schema as S
from statlib.periods import parse_period
from statlib.proportions import funnels, p_charts
from statlib.spc.pchart import p_chart_limits


def _frame(unit: str, passed: list[int], tested: list[int], metric: str = "pass") -> pd.DataFrame:
    ends = pd.date_range("2019-01-31", periods=len(passed), freq="ME")
    return pd.DataFrame(
        {
            S.DOMAIN: "d",
            S.METRIC: metric,
            S.UNIT: unit,
            S.PERIOD: [e.strftime("%Y-%m") for e in ends],
            S.PERIOD_END: ends,
            S.NUMERATOR: np.asarray(passed, dtype=float),
            S.DENOMINATOR: np.asarray(tested, dtype=float),
        }
    )


def test_p_chart_rows_carry_the_limits_and_flag_a_low_month():
    rng = np.random.default_rng(1)
    tested = rng.integers(900, 1100, 20)
    passed = tested - rng.binomial(tested, 0.01)
    passed[-1] = tested[-1] - 60  # 6% failed: far below the limits
    chart = p_charts(_frame(S.CITYWIDE, passed, tested), {"pass": "increase"})
    expected = p_chart_limits(passed, tested)
    assert chart[S.LOWER_LIMIT].to_numpy() == pytest.approx(expected.lower)
    assert chart[S.CENTRE].iloc[0] == pytest.approx(expected.centre)
    assert chart[S.POINT_TYPE].iloc[-1] == "concern"
    assert chart[S.SIDE].iloc[-1] == "low"
    assert set(chart[S.STATUS]) == {"ok"}
    assert list(chart.columns) == list(S.P_CHART_COLUMNS)


def test_short_series_have_no_limits_and_rare_failures_no_shift():
    short = p_charts(_frame(S.CITYWIDE, [9, 10], [10, 10]), {"pass": "increase"})
    assert short[S.UPPER_LIMIT].isna().all() and set(short[S.STATUS]) == {"not_enough_data"}
    # One failure in 20 months of 10 tests: 19 months at 100%, above p̄; not a shift.
    passed = [10] * 20
    passed[0] = 9
    rare = p_charts(_frame(S.CITYWIDE, passed, [10] * 20), {"pass": "increase"})
    assert set(rare[S.POINT_TYPE].iloc[1:]) == {"common_cause"}


def test_funnels_compare_units_in_the_period_and_the_year():
    units = {"a": (990, 1000), "b": (1985, 2000), "c": (490, 500), "d": (2975, 3000)}
    frame = pd.concat(
        [_frame(u, [x // 2, x - x // 2], [n // 2, n - n // 2]) for u, (x, n) in units.items()]
        + [_frame(S.CITYWIDE, [1, 1], [1, 1])]
    )
    made = funnels(frame, parse_period("2019-02"), {"pass": "increase"})
    year = made[made[S.WINDOW] == S.YTD].set_index(S.UNIT)
    assert S.CITYWIDE not in year.index
    assert year.loc["c", S.DENOMINATOR] == 500
    assert year.loc["c", S.CENTRE] == pytest.approx(6440 / 6500)
    assert year.loc["c", S.FUNNEL_POSITION] == "below_95"  # tests/test_spc_funnel.py by hand
    assert (made[S.WINDOW] == S.SINGLE_PERIOD).sum() == 4
    assert list(made.columns) == list(S.FUNNEL_COLUMNS)


def test_no_rates_give_empty_tables():
    empty = _frame("a", [], [])
    assert p_charts(empty, {}).empty
    assert funnels(empty, parse_period("2019-02"), {}).empty
