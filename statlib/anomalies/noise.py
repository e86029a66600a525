"""The series' own noise, to tell whether a forecast breach is a real departure.

A breach compares the actual with an interval that also carries the forecasting model's
own uncertainty, so on a noisy stretch or after a badly fitted period a point can leave
the interval while differing from the forecast by no more than the series usually moves.
The noise score measures the miss (actual - forecast) in units of the series' own noise:
1.4826 * the MAD of the centred seasonal differences (same period a season apart) of the
points before it, divided by sqrt(2) because a difference of two independent points has
twice the variance. Seasonal differences need no model and are robust: a median ignores
earlier anomalies, and centring on the median difference removes the average yearly
growth. Without enough seasonal differences (a short or non-seasonal series), or where
they never vary, first differences serve instead.

A breach backs a medium or high flag only when its noise score reaches NOISE_SUPPORT_Z
(statlib.anomalies.severity). Chosen on the tuning half (even-numbered series) of
benchmarks/anomaly_detection.py, see benchmarks/README.md.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]

NOISE_SUPPORT_Z = 2.5  # the miss must reach 2.5 noise scales; tuning half of the benchmark
MIN_DIFFERENCES = 6  # fewer earlier differences than this: too few to measure the noise
MAD_TO_SD = 1.4826  # consistency constant of the MAD for normal data


def noise_scale(history: npt.ArrayLike, season_length: int) -> float:
    """Robust noise scale of a history on an unbroken period grid (NaN = missing).

    Args:
        history: Values in period order, one per grid period; NaN marks a missing period.
        season_length: Periods per season: the lag of the differences (1: first only).

    Returns:
        1.4826 * MAD of the centred lag-season differences / sqrt(2); first differences
        when there are fewer than MIN_DIFFERENCES seasonal ones or they never vary; NaN
        when neither gives a scale.
    """
    x = np.asarray(history, dtype=float)
    for lag in dict.fromkeys((season_length, 1)):
        if x.size <= lag:
            continue
        difference = x[lag:] - x[:-lag]
        difference = difference[~np.isnan(difference)]
        if difference.size < MIN_DIFFERENCES:
            continue
        spread = np.median(np.abs(difference - np.median(difference)))
        if spread > 0:
            return float(MAD_TO_SD * spread / np.sqrt(2.0))
    return float("nan")


def noise_scores(
    actual: npt.ArrayLike,
    forecast: npt.ArrayLike,
    positions: npt.ArrayLike,
    starts: npt.ArrayLike,
    season_length: int,
) -> FloatArray:
    """(actual - forecast) / noise scale of the points before, for every point with a forecast.

    Args:
        actual: Observed values (raw, not adjusted) in time order, series after series.
        forecast: The previous-origin forecast of each point (NaN: none).
        positions: Grid number of each point's period (statlib.anomalies.seasonal
            `grid_positions`), so that missing periods keep the season lag right.
        starts: True at the first point of each series.
        season_length: Periods per season.

    Returns:
        The score per point; NaN where there is no forecast or no noise scale.
    """
    x = np.asarray(actual, dtype=float)
    expected = np.asarray(forecast, dtype=float)
    grid_at = np.asarray(positions, dtype=np.int64)
    first = np.flatnonzero(np.asarray(starts, dtype=bool))
    if x.size and (first.size == 0 or first[0] != 0):
        first = np.concatenate([[0], first])
    score = np.full(x.size, np.nan)
    for begin, end in zip(first, [*first[1:], x.size], strict=True):
        judged = begin + np.flatnonzero(~np.isnan(expected[begin:end]))
        if judged.size == 0:
            continue
        offsets = grid_at[begin:end] - grid_at[begin]
        grid = np.full(offsets[-1] + 1, np.nan)
        grid[offsets] = x[begin:end]
        for row in judged:
            scale = noise_scale(grid[: offsets[row - begin]], season_length)
            score[row] = (x[row] - expected[row]) / scale
    return score
