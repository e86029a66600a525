"""SPC judged on seasonally adjusted values and drawn on the observed scale."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from statlib.anomalies.seasonal import SEASONAL, seasonal_spc, seasonally_adjust
from statlib.charts import spc_chart
from statlib.schema import (
    CENTRE,
    LAST_VALUE,
    PERIOD,
    PERIOD_END,
    POINT_TYPE,
    RULE_OUTSIDE_LIMITS,
    TARGET,
    UPPER_LIMIT,
    VALUE,
)
from statlib.spc import evaluate

KEYS = {"domain": "d", "metric": "m", "unit": "u"}
# A strong additive monthly pattern on a level of 100 (every value > 0, so the
# decomposition is multiplicative).
PATTERN = np.array([-20, -15, -5, 0, 5, 15, 25, 20, 10, 0, -15, -20], dtype=float)


def monthly(values: np.ndarray) -> pd.DataFrame:
    ends = pd.date_range("2021-01-31", periods=len(values), freq="ME")
    return pd.DataFrame({**KEYS, PERIOD: ends.strftime("%Y-%m"), PERIOD_END: ends, VALUE: values})


def seasonal_series() -> np.ndarray:
    noise = np.random.default_rng(11).normal(0, 2, 48)
    return 100 + PATTERN[np.arange(48) % 12] + noise


def test_seasonal_series_is_judged_adjusted_and_drawn_observed():
    frame = monthly(seasonal_series())
    result = seasonal_spc(frame, freq="month", season_length=12)
    adjusted = seasonally_adjust(frame, freq="month", season_length=12)
    on_adjusted = evaluate(adjusted)
    points = result.points
    assert points[SEASONAL].all() and result.summary[SEASONAL].item()
    # The values drawn are the observed ones ...
    np.testing.assert_allclose(points[VALUE], frame[VALUE])
    # ... the rules and point types are those of the adjusted series ...
    assert (points[RULE_OUTSIDE_LIMITS] == on_adjusted.points[RULE_OUTSIDE_LIMITS]).all()
    assert (points[POINT_TYPE].fillna("") == on_adjusted.points[POINT_TYPE].fillna("")).all()
    # ... and the lines follow the season: centre = adjusted centre * the month's index.
    scale = adjusted["season_scale"].to_numpy()
    np.testing.assert_allclose(points[CENTRE], on_adjusted.points[CENTRE] * scale)
    july, january = points[CENTRE].iloc[6], points[CENTRE].iloc[0]
    assert july - january > 30  # about 25 - (-20) = 45 apart, as the pattern is
    # The summary's latest value is the observed one, not the adjusted one.
    assert result.summary[LAST_VALUE].item() == frame[VALUE].iloc[-1]


def test_a_summer_peak_is_not_a_signal_but_a_spike_within_the_season_is():
    values = seasonal_series()
    july = np.arange(48) % 12 == 6
    raw = evaluate(monthly(values)).points
    assert raw[RULE_OUTSIDE_LIMITS][july].any()  # on the raw scale the peaks break out
    result = seasonal_spc(monthly(values), freq="month", season_length=12).points
    assert not result[RULE_OUTSIDE_LIMITS][july].any()
    assert result[RULE_OUTSIDE_LIMITS].sum() < raw[RULE_OUTSIDE_LIMITS].sum()  # 1 vs 6
    values[40] += 40  # a May far above every May before it (May's index is ~1.05)
    spiked = seasonal_spc(monthly(values), freq="month", season_length=12).points
    assert spiked[RULE_OUTSIDE_LIMITS].iloc[40]
    assert spiked[VALUE].iloc[40] > spiked[UPPER_LIMIT].iloc[40]  # drawn outside, too


def test_a_non_seasonal_series_is_exactly_what_evaluate_gives():
    frame = monthly(100 + np.random.default_rng(5).normal(0, 3, 40))
    frame[TARGET] = 95.0
    result = seasonal_spc(frame, freq="month", season_length=12)
    plain = evaluate(frame)
    assert not result.summary[SEASONAL].item()
    pd.testing.assert_frame_equal(result.points.drop(columns=SEASONAL), plain.points)
    pd.testing.assert_frame_equal(
        result.summary.drop(columns=SEASONAL), plain.summary, check_dtype=False
    )


# Matplotlib measures CJK labels with its own font, which lacks them; the SVG keeps them as
# text (svg.fonttype none) and the browser draws them with the page's fonts.
@pytest.mark.filterwarnings("ignore:Glyph .* missing from font")
def test_the_chart_of_a_seasonal_series_says_its_limits_follow_the_season():
    seasonal = seasonal_spc(monthly(seasonal_series()), freq="month", season_length=12)
    assert "limits follow the season" in spc_chart(seasonal.points, title="KPI").caption
    assert "季节" in spc_chart(seasonal.points, title="KPI", lang="zh").caption
    flat = seasonal_spc(
        monthly(100 + np.random.default_rng(5).normal(0, 3, 40)), freq="month", season_length=12
    )
    assert "season" not in spc_chart(flat.points, title="KPI").caption


def test_a_fortnightly_summer_peak_is_adjusted_not_flagged():
    # 68 fortnights (as the demo's 311 requests) of 6,000 +/- 10% over the year plus
    # noise of sd 60 (seed 26): on the raw scale the summers and winters run above and
    # below the centre for months and 66 of the 68 points are special cause (as the demo's
    # chart had); the annual harmonics find the season and no adjusted point is.
    t = np.arange(68)
    noise = np.random.default_rng(26).normal(0, 60, t.size)
    values = 6000 * (1 + 0.1 * np.sin(2 * np.pi * t / 26)) + noise
    ends = pd.date_range("2024-01-14", periods=t.size, freq="14D")
    frame = pd.DataFrame({**KEYS, PERIOD: [f"F{i}" for i in t], PERIOD_END: ends, VALUE: values})
    raw = evaluate(frame).points
    result = seasonal_spc(frame, freq="fortnight", season_length=26)
    assert result.summary[SEASONAL].item()
    special = raw[POINT_TYPE] != "common_cause"
    adjusted_special = result.points[POINT_TYPE] != "common_cause"
    assert special.sum() == 66
    assert adjusted_special.sum() == 0
