"""How good a forecast was: MASE, sMAPE, interval coverage and the scaled interval score.

The definitions are the M4 competition's (Makridakis et al. 2020, "The M4 Competition",
IJF 36(1), sec. 2.3 and 4.3), so statlib's figures compare with the published ones and
with statsforecast's in benchmarks/. MASE and MSIS share one scale, the in-sample MAE of
the seasonal-naive forecast, which makes series of any size and unit comparable.
"""

from __future__ import annotations

import numpy as np

MSIS_ALPHA = 0.05  # M4 scores the 95% interval


def seasonal_naive_scale(history: np.ndarray, season_length: int) -> float:
    """In-sample MAE of the one-step seasonal-naive forecast: mean |x_t - x_{t-m}|.

    Naive (lag 1) when the history is not longer than a season. NaN values are skipped;
    NaN when no difference exists or all are zero (the scaled scores are then undefined).
    """
    lag = season_length if history.size > season_length else 1
    if history.size <= lag:
        return np.nan
    differences = np.abs(history[lag:] - history[:-lag])
    if np.all(np.isnan(differences)):
        return np.nan
    scale = float(np.nanmean(differences))
    return scale if scale > 0 else np.nan


def mase(actual: np.ndarray, forecast: np.ndarray, scale: float) -> float:
    """Mean absolute scaled error: mean |actual - forecast| / scale."""
    return float(np.mean(np.abs(actual - forecast)) / scale)


def smape(actual: np.ndarray, forecast: np.ndarray) -> float:
    """Symmetric MAPE in percent, 200 |a - f| / (|a| + |f|); a point where both are 0 scores 0."""
    denominator = np.abs(actual) + np.abs(forecast)
    ratio = np.abs(actual - forecast) / np.where(denominator > 0, denominator, 1.0)
    return float(np.mean(200.0 * ratio))


def coverage(actual: np.ndarray, lower: np.ndarray, upper: np.ndarray) -> float:
    """Share (0-1) of the actual values inside [lower, upper], bounds included."""
    return float(np.mean((actual >= lower) & (actual <= upper)))


def msis(
    actual: np.ndarray,
    lower: np.ndarray,
    upper: np.ndarray,
    scale: float,
    *,
    alpha: float = MSIS_ALPHA,
) -> float:
    """Mean scaled interval score of a (1 - alpha) interval, lower is better.

    Per step: the width u - l, plus 2/alpha times the distance by which the actual falls
    outside the interval; averaged over the horizon and divided by `scale` (the in-sample
    seasonal-naive MAE, as for MASE). A narrow interval that misses pays 40 times the miss
    at alpha = 0.05, so the score rewards intervals as narrow as honesty allows.
    """
    width = upper - lower
    below = np.where(actual < lower, lower - actual, 0.0)
    above = np.where(actual > upper, actual - upper, 0.0)
    score = width + (2.0 / alpha) * (below + above)
    return float(np.mean(score) / scale)
