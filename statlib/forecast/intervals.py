"""Prediction intervals calibrated on a series' own multi-step forecast errors.

Why empirical: analytic ETS intervals assume the fitted model is the true one and are
typically too narrow (Makridakis et al. 2020, M4, sec. 4.3). Here every forecast origin
inside the history gives an h-step error for each horizon h; their root mean square by
horizon is the spread of the interval, so model error, seasonal-index error and bias all
count. Because the parameters were fitted on the same data these in-sample errors are
still a little optimistic; INFLATION corrects for that.
"""

from __future__ import annotations

import numpy as np

Z_80 = 1.2815515655446004  # normal quantile 0.90
Z_95 = 1.959963984540054  # normal quantile 0.975
MIN_ERRORS_PER_HORIZON = 6  # fewer errors than this give too noisy a spread; extrapolate
# Ratio of out-of-sample to in-sample error spread, per interval level: larger at 95%
# because forecast errors have heavier tails than the normal. Calibrated on the TRAINING
# parts of M1 monthly and Tourism monthly/quarterly (last h points held out, never the
# test sets); see benchmarks/forecast_accuracy.py --calibrate.
INFLATION = {"80": 1.2, "95": 1.4}


def horizon_spread(errors: np.ndarray, horizon: int) -> np.ndarray:
    """Root-mean-square error by horizon, extended to `horizon` steps, never decreasing.

    Args:
        errors: Matrix (origins, horizons) of in-sample errors; NaN where unavailable.
        horizon: Number of steps the spread is needed for.

    Returns:
        Spread per step 1..horizon. Beyond the last horizon with enough errors the mean
        square grows linearly in h, as a random walk's does. NaN if no errors exist.
    """
    counts = np.sum(~np.isnan(errors), axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_square = np.nansum(errors**2, axis=0) / counts
    reliable = np.flatnonzero(counts >= MIN_ERRORS_PER_HORIZON)
    if reliable.size == 0:
        # Very short history: pool what there is at the first horizon with any errors.
        reliable = np.flatnonzero(counts >= 2)[:1]
        if reliable.size == 0:
            return np.full(horizon, np.nan)
    last = int(reliable[-1])
    steps = np.arange(1, horizon + 1)
    spread_sq = np.empty(horizon)
    known = min(last + 1, horizon)
    spread_sq[:known] = mean_square[:known]
    spread_sq[known:] = mean_square[last] * steps[known:] / (last + 1)
    # Fill gaps (unreliable horizons below `last`) and keep the spread from shrinking.
    spread_sq = np.where(np.isnan(spread_sq), 0.0, spread_sq)
    return np.sqrt(np.maximum.accumulate(spread_sq))


def interval_bounds(
    mean: np.ndarray, spread: np.ndarray, *, log_scale: bool
) -> dict[str, np.ndarray]:
    """Return lo_80, hi_80, lo_95, hi_95 around `mean` for a given error spread.

    Args:
        mean: Point forecasts.
        spread: Error spread per step (same length), in log units if log_scale.
        log_scale: Errors were measured as log(actual / forecast): the bounds are then
            multiplicative, so they widen with the level and stay positive.
    """
    bounds = {}
    for name, z in (("80", Z_80), ("95", Z_95)):
        width = INFLATION[name] * spread
        if log_scale:
            bounds[f"lo_{name}"] = mean * np.exp(-z * width)
            bounds[f"hi_{name}"] = mean * np.exp(z * width)
        else:
            bounds[f"lo_{name}"] = mean - z * width
            bounds[f"hi_{name}"] = mean + z * width
    return bounds
