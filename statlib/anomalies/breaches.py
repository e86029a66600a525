"""Forecast-interval breaches, and the previous-origin forecasts they are judged against.

A breach: the actual lies outside the 95% forecast range of a forecast made with the
data up to the previous period. The range is the forecast plus or minus the NARROWER half
of its 95% prediction interval. Why symmetric: on the log scale the forecaster's intervals
are wider above the forecast than below it, so a spike had to rise further than a dip of
the same size had to fall; an anomaly adds to the level, and the benchmark's spikes were
found far less often than its dips (benchmarks/anomaly_detection.py, tuning half: medium+
recall 0.61 -> 0.68, with the noise backing of statlib.anomalies.noise). Without a point
forecast the interval itself is the range. The forecasts are an input of `flag`, so flagging
stays pure and cheap: a production run passes the forecasts it stored one period
earlier, or computes them here with `previous_origin_forecasts`, which refits the
forecasting model at each previous origin.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pandas as pd

from statlib.anomalies.seasonal import grid_positions
from statlib.errors import InputError, ParamsError
from statlib.forecast import forecast_series
from statlib.schema import FORECAST, HI_95, LO_95, PERIOD_END, SERIES_KEYS, VALUE

FORECAST_KEYS: tuple[str, ...] = (*SERIES_KEYS, PERIOD_END)

PREVIOUS_FORECAST_COLUMNS: tuple[str, ...] = (*SERIES_KEYS, PERIOD_END, FORECAST, LO_95, HI_95)


def previous_origin_forecasts(
    observations: pd.DataFrame,
    *,
    freq: str,
    season_length: int,
    periods: int = 1,
    nonnegative: bool = False,
) -> pd.DataFrame:
    """One-step forecasts of each series' last `periods` observed periods.

    Each forecast is made at the period before the one it forecasts, with no data from
    that period or later, as a production run would have made it.

    Args:
        observations: SERIES_KEYS, PERIOD_END, VALUE; NaN or absent periods are missing
            (never zero). Never modified.
        freq: The period frequency (statlib.periods.FREQS).
        season_length: Periods per year, handed to the forecasting model.
        periods: How many of the latest observed periods get a forecast (>= 1).
        nonnegative: Counts and amounts: clip forecasts and bounds at zero.

    Returns:
        SERIES_KEYS, PERIOD_END (the forecast period), FORECAST, LO_95, HI_95; bounds are
        NaN where the history was too short to forecast.

    Raises:
        ParamsError: If `periods` < 1.
    """
    if periods < 1:
        raise ParamsError(f"periods={periods}: at least one period must be forecast")
    observed = observations[~observations[VALUE].isna()]
    observed = observed.sort_values([*SERIES_KEYS, PERIOD_END], kind="stable")
    positions = grid_positions(observed[PERIOD_END], freq)
    values = observed[VALUE].to_numpy(dtype=float)
    rows: list[tuple] = []
    for keys, index in observed.groupby(list(SERIES_KEYS), sort=False).indices.items():
        offsets = positions[index] - positions[index[0]]
        grid = np.full(offsets[-1] + 1, np.nan)
        grid[offsets] = values[index]
        for row, offset in zip(index[-periods:], offsets[-periods:], strict=True):
            if offset == 0:
                continue  # the first observation has no history to forecast from
            result = forecast_series(
                grid[:offset], horizon=1, season_length=season_length, nonnegative=nonnegative
            )
            end = observed[PERIOD_END].iloc[row]
            rows.append((*keys, end, result.mean[0], result.lo_95[0], result.hi_95[0]))
    forecasts = pd.DataFrame(rows, columns=list(PREVIOUS_FORECAST_COLUMNS))
    if forecasts.empty:
        return _empty_forecasts(observations)
    return forecasts.astype({PERIOD_END: observations[PERIOD_END].dtype})


def _empty_forecasts(observations: pd.DataFrame) -> pd.DataFrame:
    """An empty forecast frame with the key dtypes of the observations."""
    columns = {
        name: pd.Series(dtype=observations[name].dtype if name in observations else "float64")
        for name in (*SERIES_KEYS, PERIOD_END)
    }
    columns.update({name: pd.Series(dtype="float64") for name in (FORECAST, LO_95, HI_95)})
    return pd.DataFrame(columns)


def breach_range(
    forecast: npt.ArrayLike, lo_95: npt.ArrayLike, hi_95: npt.ArrayLike
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """(low, high): the forecast plus or minus the narrower half of its 95% interval.

    Where the point forecast is missing (or outside its own interval), the interval
    itself; where the bounds are missing, NaN.
    """
    mean = np.asarray(forecast, dtype=float)
    lo = np.asarray(lo_95, dtype=float)
    hi = np.asarray(hi_95, dtype=float)
    half = np.minimum(hi - mean, mean - lo)
    usable = half >= 0  # False where any of the three is NaN
    return np.where(usable, mean - half, lo), np.where(usable, mean + half, hi)


def breach_sides(
    actual: npt.ArrayLike, low: npt.ArrayLike, high: npt.ArrayLike
) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """(above, below): the actual lies strictly above / below the range (`breach_range`).

    A missing bound (no forecast for that period) never breaches.
    """
    x = np.asarray(actual, dtype=float)
    return x > np.asarray(high, dtype=float), x < np.asarray(low, dtype=float)


def forecast_bounds(
    points: pd.DataFrame, previous_forecasts: pd.DataFrame | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """FORECAST, LO_95 and HI_95 of the previous-origin forecast of each point.

    NaN where a point has no forecast; FORECAST is optional in `previous_forecasts`
    (NaN throughout without it: the breach then uses the interval as it is).
    """
    missing = np.full(len(points), np.nan)
    if previous_forecasts is None or previous_forecasts.empty:
        return missing, missing.copy(), missing.copy()
    for column in (*FORECAST_KEYS, LO_95, HI_95):
        if column not in previous_forecasts.columns:
            raise InputError(
                f"the previous forecasts have no {column!r} column",
                column=column,
                rule="required for the forecast-breach rule",
            )
    forecasts = previous_forecasts[[*FORECAST_KEYS, LO_95, HI_95]]
    if FORECAST in previous_forecasts.columns:
        forecasts = forecasts.assign(**{FORECAST: previous_forecasts[FORECAST]})
    else:
        forecasts = forecasts.assign(**{FORECAST: np.nan})
    repeated = forecasts.duplicated(list(FORECAST_KEYS))
    if repeated.any():
        first = forecasts[repeated].iloc[0]
        raise InputError(
            f"two forecasts for {tuple(first[list(FORECAST_KEYS)])}",
            column=PERIOD_END,
            rule="one forecast per series and period",
        )
    keys = points[list(FORECAST_KEYS)].astype({PERIOD_END: forecasts[PERIOD_END].dtype})
    joined = keys.merge(forecasts, how="left", on=list(FORECAST_KEYS), validate="one_to_one")
    return (
        joined[FORECAST].to_numpy(dtype=float),
        joined[LO_95].to_numpy(dtype=float),
        joined[HI_95].to_numpy(dtype=float),
    )
