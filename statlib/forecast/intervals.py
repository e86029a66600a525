"""Prediction intervals calibrated on a series' own multi-step forecast errors.

Why empirical: analytic ETS intervals assume the fitted model is the true one and are
typically too narrow (Makridakis et al. 2020, M4, sec. 4.3). Here every forecast origin
inside the history gives an h-step error for each horizon h; their weighted root mean
square by horizon is the spread of the interval, so model error, seasonal-index error and
bias all count. Recent origins weigh more (half-life of two seasons): the size of errors
drifts with the series (tourism series grew steadier in relative terms), and on training
holdouts this narrowed the 95% intervals of Tourism by 10-15% at the same coverage (mean
scaled interval score 18.1 -> 15.0 monthly, 19.3 -> 16.2 quarterly; M1 11.9 -> 11.8).
Because the parameters were fitted on the same data these in-sample errors are still a
little optimistic; INFLATION corrects for that, by interval level and data frequency.

Strictly positive series have errors on two scales. Multiplicative bounds alone (from
log errors) grow as exp(z * spread): at long horizons of short series the upper bound ran
to several times the forecast, and M1's mean scaled interval score (MSIS, the M4 measure,
statlib.forecast.accuracy) was worse than AutoETS's. Bounds on the original scale alone
were too narrow below and too wide above for Tourism's growth. So a positive series'
bounds are LOG_BOUND_SHARE of the multiplicative ones plus the rest of the additive ones.
On the training holdouts of benchmarks/forecast_accuracy.py (--calibrate; test sets
untouched), each share calibrated to cover 95% there, MSIS M1 / Tourism monthly /
Tourism quarterly: share 1 (before) 11.8 / 15.0 / 16.3, 0.5: 10.7 / 14.7 / 15.7,
0.25: 10.2 / 14.7 / 15.6, 0 (additive only) 9.6 / 15.2 / 16.1.
"""

from __future__ import annotations

import numpy as np

Z_80 = 1.2815515655446004  # normal quantile 0.90
Z_95 = 1.959963984540054  # normal quantile 0.975
MIN_ERRORS_PER_HORIZON = 6  # fewer errors than this give too noisy a spread; extrapolate
HALF_LIFE_SEASONS = 2  # origin weights halve every two seasons (training holdouts: 1-6)
MIN_HALF_LIFE = 8  # periods; non-seasonal data (season 1) still average over ~2 years
# Ratio of out-of-sample to in-sample error spread, per interval level: larger at 95%
# because forecast errors have heavier tails than the normal. Calibrated on the TRAINING
# parts of M1 monthly and Tourism monthly/quarterly (the last h points before each of
# three rolling origins held out, never the test sets) to cover 80% and 95% there; see
# benchmarks/forecast_accuracy.py --calibrate. Quarterly and weekly data have their own
# factors; every other season length uses the monthly ones. Weekly: about 1, because the
# in-sample errors of noisy weekly counts are mostly the noise itself, so there is little
# optimism to correct (the monthly factors covered 98.5% at 95% there). Calibrated on the
# NYPD weekly series' origins 13-24 weeks before the data's end and validated on the
# last 12 weeks (benchmarks/weekly_intervals.py); no weekly competition set is offline.
# Monthly and quarterly factors recalibrated for LOG_BOUND_SHARE 0.25 (on the same
# holdouts: pooled M1 and Tourism monthly cover 79.8% and 95.0%; Tourism quarterly 79.8%
# and 95.0%); they were 1.18 / 1.36 and 1.17 / 1.29 with multiplicative bounds alone.
INFLATION = {"80": 1.27, "95": 1.48}
INFLATION_BY_SEASON_LENGTH = {4: {"80": 1.29, "95": 1.51}, 52: {"80": 0.98, "95": 1.00}}
LOG_BOUND_SHARE = 0.25  # see the module docstring
# Weekly bounds stay multiplicative: their factors above were calibrated on that scale.
LOG_BOUND_SHARE_BY_SEASON_LENGTH = {52: 1.0}


def inflation_factors(season_length: int) -> dict[str, float]:
    """The interval factors calibrated for a season length (monthly ones where none were)."""
    return INFLATION_BY_SEASON_LENGTH.get(season_length, INFLATION)


def origin_half_life(season_length: int) -> float:
    """Half-life in periods of the weight of a forecast origin: two seasons, at least 8."""
    return float(max(HALF_LIFE_SEASONS * season_length, MIN_HALF_LIFE))


def horizon_spread(errors: np.ndarray, horizon: int, *, half_life: float = np.inf) -> np.ndarray:
    """Weighted root-mean-square error by horizon, extended to `horizon` steps, never decreasing.

    Args:
        errors: Matrix (origins, horizons) of in-sample errors, origins in time order;
            NaN where unavailable.
        horizon: Number of steps the spread is needed for.
        half_life: Origins this many rows before the last weigh half as much (inf: equal).

    Returns:
        Spread per step 1..horizon. Beyond the last horizon with enough errors the mean
        square grows linearly in h, as a random walk's does. NaN if no errors exist.
    """
    counts = np.sum(~np.isnan(errors), axis=0)
    age = errors.shape[0] - 1 - np.arange(errors.shape[0])
    weights = np.where(np.isnan(errors), 0.0, (0.5 ** (age / half_life))[:, None])
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_square = np.nansum(weights * errors**2, axis=0) / weights.sum(axis=0)
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


def log_bound_share(season_length: int) -> float:
    """Share of the multiplicative bounds in a positive series' bounds (module docstring)."""
    return LOG_BOUND_SHARE_BY_SEASON_LENGTH.get(season_length, LOG_BOUND_SHARE)


def interval_bounds(
    mean: np.ndarray,
    spread: np.ndarray,
    *,
    log_scale: bool,
    season_length: int = 1,
    additive_spread: np.ndarray | None = None,
) -> dict[str, np.ndarray]:
    """Return lo_80, hi_80, lo_95, hi_95 around `mean` for a given error spread.

    Args:
        mean: Point forecasts.
        spread: Error spread per step (same length), in log units if log_scale.
        log_scale: Errors were measured as log(actual / forecast): the bounds are then
            (mostly) multiplicative, so they widen with the level and stay positive.
        season_length: Periods per season: picks the calibrated INFLATION factors and
            the share of multiplicative bounds.
        additive_spread: With log_scale, the spread of the errors on the original scale:
            the bounds are log_bound_share() of the multiplicative ones plus the rest of
            the additive ones. None: multiplicative bounds alone. The additive part can
            put a volatile series' lower bound below zero: counts are clipped by the
            caller (forecast_series(nonnegative=True)).
    """
    inflation = inflation_factors(season_length)
    share = log_bound_share(season_length) if additive_spread is not None else 1.0
    bounds = {}
    for name, z in (("80", Z_80), ("95", Z_95)):
        factor = z * inflation[name]
        if log_scale:
            lower = mean * np.exp(-factor * spread)
            upper = mean * np.exp(factor * spread)
            if share < 1.0:
                lower = share * lower + (1.0 - share) * (mean - factor * additive_spread)
                upper = share * upper + (1.0 - share) * (mean + factor * additive_spread)
            bounds[f"lo_{name}"], bounds[f"hi_{name}"] = lower, upper
        else:
            bounds[f"lo_{name}"] = mean - factor * spread
            bounds[f"hi_{name}"] = mean + factor * spread
    return bounds
