"""Tests of statlib.anomalies.noise and the symmetric breach range: hand-made vectors."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from statlib.anomalies import flag
from statlib.anomalies.breaches import breach_range, breach_sides
from statlib.anomalies.noise import NOISE_SUPPORT_Z, noise_scale, noise_scores
from statlib.anomalies.severity import breach_backed, flag_severity
from statlib.report.flag_words import describe
from statlib.schema import (
    FORECAST,
    HI_95,
    LO_95,
    PERIOD,
    PERIOD_END,
    RULES,
    SEVERITY,
    VALUE,
)

KEYS = {"domain": "public_safety", "metric": "robbery", "unit": "75"}


def weekly(values: list[float]) -> pd.DataFrame:
    """A weekly KPI frame (weeks ending on Sunday) labelled 2024-W01, 2024-W02, ..."""
    ends = pd.date_range("2024-01-07", periods=len(values), freq="W-SUN")
    labels = [f"2024-W{i + 1:02d}" for i in range(len(values))]
    return pd.DataFrame({**KEYS, PERIOD: labels, PERIOD_END: ends, VALUE: values})


def forecast_at(
    frame: pd.DataFrame, row: int, mean: float, low: float, high: float
) -> pd.DataFrame:
    """A hand-made previous-origin forecast for one period of `frame`."""
    keys = frame.iloc[[row]][[*KEYS, PERIOD_END]].reset_index(drop=True)
    return keys.assign(**{FORECAST: mean, LO_95: low, HI_95: high})


# --- noise scale --------------------------------------------------------------------------
def test_noise_scale_uses_the_seasonal_differences() -> None:
    # Season 2: lag-2 differences 1, 2, 3, 1, 2, 3, 1, 2: median 2, absolute deviations
    # 1, 0, 1, 1, 0, 1, 1, 0: MAD 1, so the scale is 1.4826 * 1 / sqrt(2) = 1.0484.
    # (The first differences, about 10 apart, would give a far larger scale.)
    x = [0, 10, 1, 12, 4, 13, 6, 16, 7, 18]
    assert noise_scale(x, season_length=2) == pytest.approx(1.4826 / np.sqrt(2))


def test_noise_scale_falls_back_to_first_differences() -> None:
    # Season 52 and 9 points: no seasonal difference. First differences 2, -3, 2, -1, -2,
    # 4, -2, 1: median 0, absolute deviations' median 2: 1.4826 * 2 / sqrt(2) = 2.0967.
    x = [50, 52, 49, 51, 50, 48, 52, 50, 51]
    assert noise_scale(x, season_length=52) == pytest.approx(1.4826 * 2 / np.sqrt(2))


def test_noise_scale_is_nan_when_too_short_or_constant() -> None:
    assert np.isnan(noise_scale([1.0, 2.0, 4.0], season_length=12))
    assert np.isnan(noise_scale([5.0] * 30, season_length=12))
    assert np.isnan(noise_scale([], season_length=1))


def test_noise_scores_only_where_there_is_a_forecast_and_per_series() -> None:
    first = [50, 52, 49, 51, 50, 48, 52, 50, 51, 60]  # scale 2.0967 from its first 9 points
    second = [7.0, 7.0, 7.0]  # too short: no scale
    actual = np.array(first + second, dtype=float)
    forecast = np.full(actual.size, np.nan)
    forecast[9] = 51.0
    forecast[12] = 7.0
    starts = np.zeros(actual.size, dtype=bool)
    starts[[0, 10]] = True
    positions = np.concatenate([np.arange(10), np.arange(3)])
    score = noise_scores(actual, forecast, positions, starts, season_length=52)
    assert score[9] == pytest.approx(9 / (1.4826 * 2 / np.sqrt(2)))  # 4.29 scales
    assert np.isnan(score[:9]).all() and np.isnan(score[10:]).all()


def test_noise_scores_keep_the_season_lag_across_a_missing_period() -> None:
    # Season 2 values on the grid 0..10 with period 5 missing. Lag-2 differences of the
    # grid before the last point: 1, 2, 3, (5-3 missing), 2, (7-5 missing), 1, 2: six
    # differences, median 2, deviations 1, 0, 1, 0, 1, 0: MAD 0.5. Counting the observed
    # points instead of the periods would pair values from different seasons.
    grid = [0, 10, 1, 12, 4, np.nan, 6, 16, 7, 18, 9]
    kept = [i for i, v in enumerate(grid) if v == v]
    actual = np.array([grid[i] for i in kept], dtype=float)
    forecast = np.full(actual.size, np.nan)
    forecast[-1] = 8.0
    starts = np.zeros(actual.size, dtype=bool)
    starts[0] = True
    score = noise_scores(actual, forecast, np.array(kept), starts, season_length=2)
    assert score[-1] == pytest.approx((9 - 8) / (1.4826 * 0.5 / np.sqrt(2)))


# --- symmetric breach range ---------------------------------------------------------------
def test_breach_range_is_the_forecast_plus_or_minus_the_narrower_half() -> None:
    low, high = breach_range([100.0, np.nan, 100.0], [80.0, 80.0, np.nan], [130.0, 130.0, 130.0])
    assert low.tolist()[0] == 80.0 and high.tolist()[0] == 120.0
    assert (low[1], high[1]) == (80.0, 130.0)  # no point forecast: the interval itself
    assert np.isnan(low[2]) and high[2] == 130.0  # a missing bound: the interval as given
    above, below = breach_sides([125.0, 125.0, 125.0], low, high)
    assert above.tolist() == [True, False, False] and not below.any()


# --- severity -------------------------------------------------------------------------------
def test_a_breach_needs_noise_backing_to_rank_above_low() -> None:
    assert flag_severity(["forecast_breach", "jump"], supported=True, backed=False) == "low"
    assert flag_severity(["forecast_breach"], supported=True, backed=False) == "low"
    assert flag_severity(["forecast_breach", "jump"], supported=True, backed=True) == "high"
    assert breach_backed(NOISE_SUPPORT_Z + 0.1, "high")
    assert not breach_backed(NOISE_SUPPORT_Z - 0.1, "high")
    assert not breach_backed(NOISE_SUPPORT_Z + 0.1, "low")  # the other side
    assert breach_backed(-(NOISE_SUPPORT_Z + 0.1), "low")
    assert breach_backed(float("nan"), "low")  # no forecast or no scale: as before


def test_a_rise_is_judged_against_the_narrower_half_of_the_interval() -> None:
    # Forecast 50 with a skewed interval 45-70: the range is 45-55 and 61 breaches it.
    # Noise (first differences of the 9 points before): 2.0967; miss 11 = 5.2 scales.
    frame = weekly([50, 52, 49, 51, 50, 48, 52, 50, 51, 61])
    flags = flag(
        frame,
        directions="increase",
        freq="week",
        previous_forecasts=forecast_at(frame, 9, 50.0, 45.0, 70.0),
    )
    row = flags.iloc[0]
    assert row[RULES] == "forecast_breach"
    assert row[SEVERITY] == "medium"  # 10 points: too short for a jump score
    assert describe(row, "en") == "outside the 95% forecast range: expected 45-55, got 61"


def test_a_breach_within_the_series_noise_stays_low() -> None:
    # First differences of the 9 points before: 10, -20, 15, -10, 5, 10, -20, 15: median
    # 7.5, deviations' median 7.5: noise 1.4826 * 7.5 / sqrt(2) = 7.86. The forecast range
    # 48-52 is too narrow: 62 breaches it, but misses 50 by 12 = 1.5 noise scales only.
    frame = weekly([50, 60, 40, 55, 45, 50, 60, 40, 55, 62])
    flags = flag(
        frame,
        directions="increase",
        freq="week",
        previous_forecasts=forecast_at(frame, 9, 50.0, 48.0, 52.0),
    )
    row = flags.iloc[0]
    assert row[RULES] == "forecast_breach"
    assert row[SEVERITY] == "low"
