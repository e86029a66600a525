"""The pandas implementation of statlib.aggregate.request_kpis, kept as its test oracle.

This is the code that computed the 311 KPIs before they moved into DuckDB SQL
(statlib.aggregate). It is not part of the library: tests/test_aggregate.py checks that
both give identical frames, on hand-made events and on the demo extract, and
benchmarks/events_aggregation.py times both on 10 million synthetic events. Do not
change it to follow the library; a change in the KPIs' meaning changes both on purpose.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta

import numpy as np
import pandas as pd

from statlib import schema as S
from statlib.aggregate import BACKLOG, MEDIAN_DAYS, ON_TIME, RECEIVED, WARM_UP_DAYS
from statlib.errors import InputError
from statlib.periods import Freq, Period, period_containing, periods_between
from statlib.periods.coverage import cut_label

_DAY = pd.Timedelta(days=1)


def request_kpis_pandas(
    events: pd.DataFrame,
    *,
    domain: str,
    freq: Freq,
    as_of: date,
    service_days: Mapping[str, float],
    categories: Sequence[str] = (),
    week_end: str = "SUN",
    warm_up_days: int = WARM_UP_DAYS,
) -> pd.DataFrame:
    """The request KPIs of every unit and citywide, for every whole period of `freq`.

    Args:
        events: Columns category, unit (None: counted citywide only), occurred_at,
            closed_at (NaT while open); closed_at is never before occurred_at.
        domain: The domain key written to the KPI rows.
        freq: The review frequency, e.g. "fortnight".
        as_of: The last day the events cover (inclusive).
        service_days: Category -> service level in days; every category must have one.
        categories: Categories that get their own received-requests metric.
        week_end: Last weekday of a week, for weekly and fortnightly periods.
        warm_up_days: Days after the first request before closures and backlogs count.

    Returns:
        KPI frame: domain, metric, unit, period, period_end (datetime64[ns]), value,
        numerator, denominator (both NaN except for `closed_on_time`); one row per
        metric, unit and period (citywide's unit is "citywide"), sorted by them; plus,
        for the periods straddling 1 January, the counts over each side of it (cuts,
        see the module docstring).
    """
    missing = sorted(set(events[S.CATEGORY]) - set(service_days))
    if missing:
        raise InputError(
            f"no service level for categories {missing}",
            column=S.CATEGORY,
            rule="every category has a service level in days",
        )
    periods = whole_periods(events, freq, as_of, week_end)
    if not periods:
        return _empty()
    both = pd.concat(
        [events[events[S.UNIT].notna()], events.assign(**{S.UNIT: S.CITYWIDE})],
        ignore_index=True,
    )
    bounds = pd.DatetimeIndex([pd.Timestamp(p.start) for p in periods] + [_end(periods[-1])])
    opened = _period_index(both[S.OCCURRED_AT], bounds)
    closed = _period_index(both[S.CLOSED_AT], bounds)
    units = sorted(set(both[S.UNIT]) - {S.CITYWIDE}, key=_unit_order) + [S.CITYWIDE]
    grid = pd.MultiIndex.from_product([units, range(len(periods))], names=[S.UNIT, "p"])

    def per_period(values: pd.Series, index: np.ndarray, how: str) -> pd.Series:
        inside = index >= 0
        grouped = values[inside].groupby([both[S.UNIT][inside], index[inside]])
        out = grouped.agg(how)
        out.index.names = [S.UNIT, "p"]
        return out.reindex(grid)

    ones = pd.Series(1.0, index=both.index)
    frames = [_rows(RECEIVED, per_period(ones, opened, "sum").fillna(0.0))]
    for category in categories:
        mine = ones.where(both[S.CATEGORY] == category, 0.0)
        frames.append(_rows(category, per_period(mine, opened, "sum").fillna(0.0)))
    days = (both[S.CLOSED_AT] - both[S.OCCURRED_AT]) / _DAY
    on_time = (days <= both[S.CATEGORY].map(service_days)).astype(float)
    numerator = per_period(on_time, closed, "sum").fillna(0.0)
    denominator = per_period(ones, closed, "sum").fillna(0.0)
    rate = _rows(ON_TIME, numerator / denominator.where(denominator > 0))
    rate[S.NUMERATOR], rate[S.DENOMINATOR] = numerator.to_numpy(), denominator.to_numpy()
    settled = [rate, _rows(MEDIAN_DAYS, per_period(days, closed, "median"))]
    settled.append(_rows(BACKLOG, _backlog(both, periods, units, grid)))
    warm = pd.Timestamp(both[S.OCCURRED_AT].min().date()) + timedelta(days=warm_up_days)
    early = [i for i, p in enumerate(periods) if _end(p) < warm]
    frames += [frame[~frame["p"].isin(early)] for frame in settled]
    out = pd.concat(frames, ignore_index=True)
    out[S.PERIOD] = [periods[i].label for i in out["p"]]
    out[S.PERIOD_END] = pd.to_datetime([periods[i].end for i in out["p"]]).astype("datetime64[ns]")
    late = [p for i, p in enumerate(periods) if i not in early]
    parts = _year_parts(both, late, units, service_days, categories)
    out = pd.concat([out, parts], ignore_index=True)
    out[S.DOMAIN] = domain
    columns = [*S.KPI_COLUMNS, S.NUMERATOR, S.DENOMINATOR]
    out = out.reindex(columns=columns).sort_values([S.METRIC, S.UNIT, S.PERIOD_END], kind="stable")
    return out.reset_index(drop=True)


def _year_parts(
    both: pd.DataFrame,
    periods: list[Period],
    units: list[str],
    service_days: Mapping[str, float],
    categories: Sequence[str],
) -> pd.DataFrame:
    """Counts and on-time parts over each side of 1 January of the periods straddling it."""
    pieces = []
    days = (both[S.CLOSED_AT] - both[S.OCCURRED_AT]) / _DAY
    on_time = (days <= both[S.CATEGORY].map(service_days)).astype(float)
    ones = pd.Series(1.0, index=both.index)
    for period in periods:
        if period.start.year == period.end.year:
            continue
        new_year = date(period.end.year, 1, 1)
        spans = [(period.start, new_year - timedelta(days=1)), (new_year, period.end)]
        for first, last in spans:
            start, stop = pd.Timestamp(first), pd.Timestamp(last) + _DAY
            opened = ((both[S.OCCURRED_AT] >= start) & (both[S.OCCURRED_AT] < stop)).to_numpy()
            closed = ((both[S.CLOSED_AT] >= start) & (both[S.CLOSED_AT] < stop)).to_numpy()

            def count(values: pd.Series, inside: np.ndarray) -> pd.Series:
                return values[inside].groupby(both[S.UNIT][inside]).sum().reindex(units).fillna(0.0)

            rows = {RECEIVED: count(ones, opened)}
            for category in categories:
                rows[category] = count(ones.where(both[S.CATEGORY] == category, 0.0), opened)
            numerator, denominator = count(on_time, closed), count(ones, closed)
            for metric, values in rows.items():
                pieces.append(_part(metric, values, first, last))
            rate = _part(ON_TIME, numerator / denominator.where(denominator > 0), first, last)
            rate[S.NUMERATOR], rate[S.DENOMINATOR] = numerator.to_numpy(), denominator.to_numpy()
            pieces.append(rate)
    return pd.concat(pieces, ignore_index=True) if pieces else pd.DataFrame()


def _part(metric: str, values: pd.Series, first: date, last: date) -> pd.DataFrame:
    """One metric's values per unit over the days first .. last, as rows of a cut."""
    return pd.DataFrame(
        {
            S.METRIC: metric,
            S.UNIT: values.index,
            S.PERIOD: cut_label(first, last),
            S.PERIOD_END: pd.Timestamp(last),
            S.VALUE: values.to_numpy(),
        }
    )


def whole_periods(events: pd.DataFrame, freq: Freq, as_of: date, week_end: str) -> list[Period]:
    """The periods wholly inside the events' span: first request's day .. `as_of`."""
    if events.empty:
        return []
    first_day = events[S.OCCURRED_AT].min().date()
    first = period_containing(first_day, freq, week_end=week_end)
    if first.start < first_day:
        first = first.next()
    last = period_containing(as_of, freq, week_end=week_end)
    if last.end > as_of:
        last = last.previous()
    return periods_between(first, last) if last.start >= first.start else []


def _end(period: Period) -> pd.Timestamp:
    """The first moment after `period` (its last day runs to midnight)."""
    return pd.Timestamp(period.end) + _DAY


def _period_index(stamps: pd.Series, bounds: pd.DatetimeIndex) -> np.ndarray:
    """Position of each timestamp's period in `bounds`; -1 outside them or NaT."""
    values = stamps.to_numpy(dtype="datetime64[ns]")
    index = np.searchsorted(bounds.to_numpy(dtype="datetime64[ns]"), values, side="right") - 1
    outside = np.isnat(values) | (index < 0) | (index >= len(bounds) - 1)
    return np.where(outside, -1, index)


def _backlog(
    both: pd.DataFrame, periods: list[Period], units: list[str], grid: pd.MultiIndex
) -> pd.Series:
    """Open requests at each period's end: created before it, not closed before it."""
    ends = np.array([_end(p).to_datetime64() for p in periods], dtype="datetime64[ns]")
    occurred = both[S.OCCURRED_AT].to_numpy(dtype="datetime64[ns]")
    closed = both[S.CLOSED_AT].to_numpy(dtype="datetime64[ns]")
    counts = []
    for unit in units:
        mine = (both[S.UNIT] == unit).to_numpy()
        created = np.sort(occurred[mine])
        ended = np.sort(closed[mine & ~np.isnat(closed)])
        # open at t = created before t - closed before t (nothing closes before it opens)
        counts.append(
            np.searchsorted(created, ends, side="left") - np.searchsorted(ended, ends, "left")
        )
    return pd.Series(np.concatenate(counts).astype(float), index=grid)


def _rows(metric: str, values: pd.Series) -> pd.DataFrame:
    """A (unit, p)-indexed series as long rows of one metric."""
    return values.rename(S.VALUE).reset_index().assign(**{S.METRIC: metric})


def _unit_order(unit: str) -> tuple[int, str]:
    """Numeric unit keys in numeric order ("2" before "10"), others after."""
    return (int(unit), "") if unit.isdigit() else (10**9, unit)


def _empty() -> pd.DataFrame:
    columns = [*S.KPI_COLUMNS, S.NUMERATOR, S.DENOMINATOR]
    return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
