"""Year-to-date (cumulative) series: convert both ways, and project the year end.

Industrial and economic reports give cumulative figures ("Jan-Aug +2.1% year on year").
Forecasting works on single-period values; `decumulate` gets them, `cumulate` goes back,
and `forecast_year_end` answers "will the full year reach its growth target?".

A year is the twelve months from `year_start_month` (1 = calendar year, 7 = July fiscal
year), labelled by the calendar year in which it starts. A period belongs to the year that
contains its period end.
"""

from __future__ import annotations

from collections.abc import Collection

import numpy as np
import pandas as pd

from statlib.forecast.frame import check_columns, series_on_grid
from statlib.forecast.series import forecast_total
from statlib.schema import (
    DECREASE,
    GROWTH_HI_80,
    GROWTH_HI_95,
    GROWTH_LO_80,
    GROWTH_LO_95,
    MODEL,
    PERIOD_END,
    PERIODS_ELAPSED,
    PERIODS_REMAINING,
    PRIOR_YEAR_TOTAL,
    PROJECTED_GROWTH,
    PROJECTED_TOTAL,
    SERIES_KEYS,
    TARGET_GROWTH,
    TARGET_OUTLOOK,
    TARGET_TO_DATE,
    TARGET_TOTAL,
    TOTAL_HI_80,
    TOTAL_LO_80,
    UNIT,
    VALUE,
    YEAR,
    YEAR_END_COLUMNS,
    YEAR_TO_DATE,
)

LIKELY, UNCERTAIN, UNLIKELY, NO_DATA = "likely", "uncertain", "unlikely", "no_data"
OBSERVED = "observed"  # model name when the year is complete and nothing is forecast


def fiscal_year(period_end: pd.Series, year_start_month: int = 1) -> pd.Series:
    """Label each period end with its year (the calendar year in which that year starts)."""
    ends = pd.to_datetime(period_end)
    return ends.dt.year - (ends.dt.month < year_start_month).astype(int)


def _sorted_with_year(frame: pd.DataFrame, year_start_month: int) -> pd.DataFrame:
    check_columns(frame, (*SERIES_KEYS, PERIOD_END, VALUE))
    ordered = frame.sort_values([*SERIES_KEYS, PERIOD_END], ignore_index=True)
    return ordered.assign(**{YEAR: fiscal_year(ordered[PERIOD_END], year_start_month)})


def decumulate(frame: pd.DataFrame, *, year_start_month: int = 1) -> pd.DataFrame:
    """Turn year-to-date values into single-period values, per series and year.

    The first period of each year is its own value; later ones are the difference from
    the previous period's year-to-date value. A NaN makes that period and the next NaN
    (neither difference is known). Every period must have a row (NaN if unknown): a
    missing row would merge two periods into one difference.

    Args:
        frame: Long KPI frame with SERIES_KEYS, PERIOD_END and VALUE (year to date).
        year_start_month: First month of the year (1 = January).

    Returns:
        A new frame, sorted by series and PERIOD_END, with VALUE per single period.
    """
    ordered = _sorted_with_year(frame, year_start_month)
    previous = ordered.groupby([*SERIES_KEYS, YEAR], sort=False)[VALUE].shift(1)
    first_of_year = ~ordered.duplicated([*SERIES_KEYS, YEAR])
    ordered[VALUE] = (ordered[VALUE] - previous).where(~first_of_year, ordered[VALUE])
    return ordered.drop(columns=YEAR)


def cumulate(frame: pd.DataFrame, *, year_start_month: int = 1) -> pd.DataFrame:
    """Turn single-period values into year-to-date values, per series and year.

    A NaN period makes it and every later year-to-date value of that year NaN (the
    running total is unknown from there; a missing value is never taken as zero).

    Args:
        frame: Long KPI frame with SERIES_KEYS, PERIOD_END and VALUE (single period).
        year_start_month: First month of the year (1 = January).

    Returns:
        A new frame, sorted by series and PERIOD_END, with VALUE year to date.
    """
    ordered = _sorted_with_year(frame, year_start_month)
    grouped = ordered.groupby([*SERIES_KEYS, YEAR], sort=False)[VALUE]
    ordered[VALUE] = grouped.transform(lambda values: np.cumsum(values.to_numpy(dtype=float)))
    return ordered.drop(columns=YEAR)


def _outlook(low_80: float, high_80: float, target: float) -> str:
    """Likely if even the 80% lower bound reaches the target; unlikely if the upper misses."""
    if np.isnan(low_80) or np.isnan(high_80) or np.isnan(target):
        return NO_DATA
    if low_80 >= target:
        return LIKELY
    return UNLIKELY if high_80 < target else UNCERTAIN


def forecast_year_end(
    frame: pd.DataFrame,
    *,
    target_growth: float = np.nan,
    season_length: int,
    freq: str,
    year_start_month: int = 1,
    nonnegative: bool = False,
) -> pd.DataFrame:
    """Project each series' full-year total and its growth over the prior full year.

    The rest of the current year (the year of the frame's last period) is forecast on
    the single-period series and added to the observed year to date; the interval comes
    from the forecast of that sum (see statlib.forecast.series.forecast_total).

    Args:
        frame: Long KPI frame with SERIES_KEYS, PERIOD_END, VALUE of SINGLE-period values
            (use `decumulate` first for year-to-date input).
        target_growth: Annual growth target in percent (9.0 for "+9%"); NaN: none (an
            annual level target is judged by `against_total_target`).
        season_length: Periods per seasonal cycle.
        freq: Pandas offset alias of the period end dates.
        year_start_month: First month of the year (1 = January).
        nonnegative: Clip the forecast part at zero (counts and amounts).

    Returns:
        One row per series with YEAR_END_COLUMNS; growth and bounds in percent, totals in
        the series' units (TARGET_TOTAL and TARGET_TO_DATE NaN). Growth is NaN and
        TARGET_OUTLOOK "no_data" when the prior year or the year to date has a missing
        period, or the prior total is zero, or there is no growth target.
    """
    rows = []
    rest_names = ("mean", "lo_80", "hi_80", "lo_95", "hi_95")
    for key, grid, values in series_on_grid(frame, freq=freq):
        last = grid[-1]
        year = int(fiscal_year(pd.Series([last]), year_start_month).iloc[0])
        year_start = pd.Timestamp(year, year_start_month, 1)
        prior_start = year_start - pd.DateOffset(years=1)
        year_end = year_start + pd.DateOffset(years=1) - pd.Timedelta(days=1)
        remaining = len(pd.date_range(last, year_end, freq=freq)) - 1
        prior_grid = pd.date_range(prior_start, year_start - pd.Timedelta(days=1), freq=freq)
        prior_values = values[(grid >= prior_start) & (grid < year_start)]
        complete = prior_values.size == len(prior_grid) and not np.isnan(prior_values).any()
        prior_total = float(prior_values.sum()) if complete else np.nan
        # np.sum keeps NaN: a missing period makes the year to date unknown, not smaller.
        year_to_date = float(np.sum(values[grid >= year_start]))
        elapsed = int((grid >= year_start).sum())
        if remaining == 0:
            rest = dict.fromkeys(rest_names, 0.0)
            model = OBSERVED
        else:
            total = forecast_total(
                values, horizon=remaining, season_length=season_length, nonnegative=nonnegative
            )
            rest = {name: float(getattr(total, name)[0]) for name in rest_names}
            model = total.model
        with np.errstate(divide="ignore", invalid="ignore"):
            growth = {
                name: 100.0 * ((year_to_date + amount) / prior_total - 1.0)
                if prior_total != 0
                else np.nan
                for name, amount in rest.items()
            }
        record = dict(zip(SERIES_KEYS, key, strict=True))
        record.update(
            {
                YEAR: year,
                PERIOD_END: last,
                PERIODS_ELAPSED: elapsed,
                PERIODS_REMAINING: remaining,
                PRIOR_YEAR_TOTAL: prior_total,
                YEAR_TO_DATE: year_to_date,
                PROJECTED_TOTAL: year_to_date + rest["mean"],
                TOTAL_LO_80: year_to_date + rest["lo_80"],
                TOTAL_HI_80: year_to_date + rest["hi_80"],
                PROJECTED_GROWTH: growth["mean"],
                GROWTH_LO_80: growth["lo_80"],
                GROWTH_HI_80: growth["hi_80"],
                GROWTH_LO_95: growth["lo_95"],
                GROWTH_HI_95: growth["hi_95"],
                TARGET_GROWTH: float(target_growth),
                TARGET_TOTAL: np.nan,
                TARGET_TO_DATE: np.nan,
                TARGET_OUTLOOK: _outlook(growth["lo_80"], growth["hi_80"], target_growth),
                MODEL: model,
            }
        )
        rows.append(record)
    return pd.DataFrame(rows, columns=list(YEAR_END_COLUMNS))


def _total_outlook(low_80: float, high_80: float, target: float, direction: str) -> str:
    """Whether the year's total meets a level target, judged on its 80% range.

    A "decrease" target is a ceiling (a budget): likely met if even the upper bound stays at
    or below it, unlikely if the lower bound is above it. Otherwise a floor, the other way.
    """
    if np.isnan(low_80) or np.isnan(high_80) or np.isnan(target):
        return NO_DATA
    if direction == DECREASE:
        return LIKELY if high_80 <= target else UNLIKELY if low_80 > target else UNCERTAIN
    return LIKELY if low_80 >= target else UNLIKELY if high_80 < target else UNCERTAIN


def against_total_target(
    projected: pd.DataFrame, *, target: float, direction: str, units: Collection[str] | None
) -> pd.DataFrame:
    """Projected year totals against an annual level target (a budget for the total).

    The target to date is its pro-rata share for the periods elapsed: target * elapsed /
    (elapsed + remaining), the straight line a budget is spent along.

    Args:
        projected: `forecast_year_end` output.
        target: the year's target for the total, in the series' units.
        direction: the metric's improvement direction ("decrease": a ceiling).
        units: the units the target is for (e.g. only the city's budget); None: all.

    Returns:
        A new frame: those units' rows with TARGET_TOTAL, TARGET_TO_DATE and TARGET_OUTLOOK
        on the totals; other rows unchanged.
    """
    chosen = projected[UNIT].isin(units) if units is not None else projected[UNIT].notna()
    periods = projected[PERIODS_ELAPSED] + projected[PERIODS_REMAINING]
    outlooks = pd.Series(
        [
            _total_outlook(low, high, target, direction)
            for low, high in zip(projected[TOTAL_LO_80], projected[TOTAL_HI_80], strict=True)
        ],
        index=projected.index,
        dtype=object,
    )
    return projected.assign(
        **{
            TARGET_TOTAL: projected[TARGET_TOTAL].mask(chosen, float(target)),
            TARGET_TO_DATE: projected[TARGET_TO_DATE].mask(
                chosen, float(target) * projected[PERIODS_ELAPSED] / periods
            ),
            TARGET_OUTLOOK: projected[TARGET_OUTLOOK].mask(chosen, outlooks),
        }
    )
