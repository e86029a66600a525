"""Forecast every series of a long KPI frame.

Each series is placed on the full grid of period ends from its first period to the last
period of the whole frame, so a missing row is a missing value (never zero) and a series
that stopped reporting is forecast for the same future periods as the others.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import numpy as np
import pandas as pd

from statlib.errors import InputError, ParamsError
from statlib.forecast.series import forecast_series
from statlib.schema import (
    BACKTEST_MASE,
    FORECAST,
    FORECAST_COLUMNS,
    HI_80,
    HI_95,
    LO_80,
    LO_95,
    METRIC,
    MODEL,
    PERIOD_END,
    SERIES_KEYS,
    STEP,
    VALUE,
)

SOURCE = "forecast input frame"


def check_columns(frame: pd.DataFrame, needed: tuple[str, ...]) -> None:
    """Raise InputError naming the first column of `needed` that the frame lacks."""
    for column in needed:
        if column not in frame.columns:
            raise InputError(
                f"column {column!r} is missing", source=SOURCE, column=column, rule="required"
            )


def series_on_grid(
    frame: pd.DataFrame, *, freq: str
) -> Iterator[tuple[tuple, pd.DatetimeIndex, np.ndarray]]:
    """Yield (series key, period ends, values) with every period up to the frame's end.

    Args:
        frame: Long KPI frame with SERIES_KEYS, PERIOD_END and VALUE.
        freq: Pandas offset alias of the period end dates ("W-SUN", "ME", "QE-DEC").

    Raises:
        InputError: If a period end is duplicated within a series or is not on the grid
            of `freq` (e.g. a Saturday in a "W-SUN" series).
    """
    last = pd.Timestamp(frame[PERIOD_END].max())
    for key, rows in frame.groupby(list(SERIES_KEYS), sort=True):
        ends = pd.DatetimeIndex(rows[PERIOD_END])
        if ends.has_duplicates:
            duplicate = ends[ends.duplicated()][0]
            raise InputError(
                f"series {key} has period_end {duplicate.date()} more than once",
                source=SOURCE,
                column=PERIOD_END,
                rule="one row per series and period",
            )
        grid = pd.date_range(ends.min(), last, freq=freq)
        off_grid = ends.difference(grid)
        if len(off_grid):
            raise InputError(
                f"series {key} has period_end {off_grid[0].date()}, not a {freq!r} period end",
                source=SOURCE,
                column=PERIOD_END,
                rule=f"period ends follow freq {freq!r}",
            )
        values = pd.Series(rows[VALUE].to_numpy(dtype=float), index=ends).reindex(grid)
        yield key, grid, values.to_numpy()


def _nonnegative_for(metric: str, nonnegative: bool | Mapping[str, bool]) -> bool:
    if isinstance(nonnegative, bool):
        return nonnegative
    if metric not in nonnegative:
        raise ParamsError(
            f"metric {metric!r} is missing from the nonnegative mapping "
            f"(rule: every forecast metric says whether it can go below zero)"
        )
    return bool(nonnegative[metric])


def forecast(
    frame: pd.DataFrame,
    *,
    horizon: int,
    season_length: int,
    freq: str,
    nonnegative: bool | Mapping[str, bool] = False,
) -> pd.DataFrame:
    """Forecast each series `horizon` periods past the last period of the frame.

    Args:
        frame: Long KPI frame with SERIES_KEYS (domain, metric, unit), PERIOD_END, VALUE.
        horizon: Number of future periods, >= 1.
        season_length: Periods per seasonal cycle (52 weekly, 12 monthly, 4 quarterly).
        freq: Pandas offset alias of the period end dates, used for future period ends.
        nonnegative: True to clip every forecast at zero (counts), or a mapping from
            metric key to that choice; every metric of the frame must be in the mapping.

    Returns:
        Long frame with FORECAST_COLUMNS: SERIES_KEYS, PERIOD_END (future), STEP
        (1..horizon), FORECAST, LO_80, HI_80, LO_95, HI_95, MODEL, BACKTEST_MASE.
        Series with too little data have MODEL "insufficient_data" and NaN values.

    Raises:
        InputError: Missing columns, duplicated or off-grid period ends.
        ParamsError: Bad horizon, season length, or an incomplete nonnegative mapping.
    """
    check_columns(frame, (*SERIES_KEYS, PERIOD_END, VALUE))
    if frame.empty:
        return pd.DataFrame(columns=list(FORECAST_COLUMNS))
    parts = []
    steps = np.arange(1, horizon + 1)
    for key, grid, values in series_on_grid(frame, freq=freq):
        clip = _nonnegative_for(key[SERIES_KEYS.index(METRIC)], nonnegative)
        result = forecast_series(
            values, horizon=horizon, season_length=season_length, nonnegative=clip
        )
        future = pd.date_range(grid[-1], periods=horizon + 1, freq=freq)[1:]
        part = {name: [part_key] * horizon for name, part_key in zip(SERIES_KEYS, key, strict=True)}
        part.update(
            {
                PERIOD_END: future,
                STEP: steps,
                FORECAST: result.mean,
                LO_80: result.lo_80,
                HI_80: result.hi_80,
                LO_95: result.lo_95,
                HI_95: result.hi_95,
                MODEL: result.model,
                BACKTEST_MASE: result.backtest_mase,
            }
        )
        parts.append(pd.DataFrame(part))
    return pd.concat(parts, ignore_index=True)[list(FORECAST_COLUMNS)]
