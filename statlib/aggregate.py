"""Events into KPIs: service requests (or any events) per period and unit, plus citywide.

Pure, no I/O. Events that never close (arrests, incidents) give only their counts
(`event_counts`); requests that close also give the closure metrics below.

Every value is what a review could have known at the end of its period, from requests
created or closed up to then:

* `requests_received`: requests created in the period (and one metric per chosen
  category, keyed by the category).
* `closed_on_time`: among requests closed in the period, the share closed within their
  category's service level (closed_at - occurred_at <= service-level days); numerator =
  closed on time, denominator = closed. NaN when none closed.
* `median_days_to_close`: the median of closed_at - occurred_at, in days, over requests
  closed in the period. NaN when none closed.
* `open_backlog`: requests created before the period's end and not closed by then (still
  open at the extract, or closed later): a count at one moment, not a sum over periods.

Year to date starts on 1 January, and a week or fortnight may straddle it (2026-F01 =
2025-12-29 .. 2026-01-11). Events give exact days, so for every such period the counts
(requests received, per category, and the on-time numerator and denominator) are also
emitted over each side of 1 January, as cuts labelled by their days
("2026-01-01..2026-01-11", `statlib.periods.coverage.cut_label`); the comparison windows
use them where they match a window's days (`statlib.compare`).

Only whole periods inside the data are emitted: from the first period that starts on or
after the first request's day to the last that ends on or before `as_of`. The metrics of
closed and open requests are left out for periods ending within `WARM_UP_DAYS` of the
first request: an extract that starts on a day holds none of the requests opened before
it, so its early backlogs would read too low and its early closures too quick.

The events are aggregated by DuckDB, where they live: the input is a DuckDB relation (the
warehouse's events table, a Parquet scan) or a pandas frame, which DuckDB scans in place.
Only per-unit, per-day and per-period totals come back to Python (10 million events: 1-2 s,
benchmarks/README.md "Events into KPIs"). Timestamps count to the microsecond, as
DuckDB's TIMESTAMP does.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta

import duckdb
import numpy as np
import pandas as pd

from statlib import schema as S
from statlib.errors import InputError
from statlib.periods import Freq, Period, period_containing, periods_between
from statlib.periods.coverage import cut_label

RECEIVED = "requests_received"
ON_TIME = "closed_on_time"
MEDIAN_DAYS = "median_days_to_close"
BACKLOG = "open_backlog"
WARM_UP_DAYS = 90  # longer than almost every request stays open (data/democity/README.md)
_DAY_NS = 86_400 * 10**9
_DAY = pd.Timedelta(days=1)
_EVENTS = "events"  # the name the SQL below gives its input


def request_kpis(
    events: pd.DataFrame | duckdb.DuckDBPyRelation,
    *,
    domain: str,
    freq: Freq,
    as_of: date,
    service_days: Mapping[str, float] | None,
    categories: Sequence[str] = (),
    week_end: str = "SUN",
    warm_up_days: int = WARM_UP_DAYS,
    total: str = RECEIVED,
) -> pd.DataFrame:
    """The request KPIs of every unit and citywide, for every whole period of `freq`.

    Args:
        events: Columns category, unit (None: counted citywide only), occurred_at,
            closed_at (NaT or NULL while open); closed_at is never before occurred_at.
            A pandas frame or a DuckDB relation, e.g. `connection.table("events")`.
        domain: The domain key written to the KPI rows.
        freq: The review frequency, e.g. "fortnight".
        as_of: The last day the events cover (inclusive).
        service_days: Category -> service level in days; every category must have one.
            None: the events never close (no closed_at column): counts only.
        categories: Categories that get their own received-requests metric.
        week_end: Last weekday of a week, for weekly and fortnightly periods.
        warm_up_days: Days after the first request before closures and backlogs count.
        total: The metric key of all events' count.

    Returns:
        KPI frame: domain, metric, unit, period, period_end (datetime64[ns]), value,
        numerator, denominator (both NaN except for `closed_on_time`); one row per
        metric, unit and period (citywide's unit is "citywide"), sorted by them; plus,
        for the periods straddling 1 January, the counts over each side of it (cuts,
        see the module docstring).
    """
    if isinstance(events, pd.DataFrame):
        with duckdb.connect() as connection:
            connection.execute("SET enable_progress_bar = false")  # no bars in a build's log
            return request_kpis(
                connection.from_df(events),
                domain=domain,
                freq=freq,
                as_of=as_of,
                service_days=service_days,
                categories=categories,
                week_end=week_end,
                warm_up_days=warm_up_days,
                total=total,
            )
    created = events.query(_EVENTS, _CREATED_SQL).df()  # requests per unit, day and category
    missing = sorted(set(created[S.CATEGORY]) - set(service_days or created[S.CATEGORY]))
    if missing:
        raise InputError(
            f"no service level for categories {missing}",
            column=S.CATEGORY,
            rule="every category has a service level in days",
        )
    if created.empty:
        return _empty()
    first_day = created["day"].min().date()
    periods = whole_periods(first_day, freq, as_of, week_end)
    if not periods:
        return _empty()
    created["p"] = _day_period(created["day"], periods)
    units = sorted(set(created[S.UNIT].dropna()) - {S.CITYWIDE}, key=_unit_order)
    units.append(S.CITYWIDE)
    grid = pd.MultiIndex.from_product([units, range(len(periods))], names=[S.UNIT, "p"])

    def per_period(totals: pd.Series) -> pd.Series:
        return totals.astype(float).reindex(grid)

    opened = _with_citywide(created)
    frames = [_rows(total, per_period(opened).fillna(0.0))]
    for category in categories:
        mine = _with_citywide(created[created[S.CATEGORY] == category])
        frames.append(_rows(category, per_period(mine).fillna(0.0)))
    early: list[int] = []
    if service_days is not None:
        closed = events.query(_EVENTS, _closed_sql(periods, service_days)).df()
        closed = closed.set_index([S.UNIT, "p"])
        numerator = per_period(closed["on_time"]).fillna(0.0)
        denominator = per_period(closed["closed"]).fillna(0.0)
        rate = _rows(ON_TIME, numerator / denominator.where(denominator > 0))
        rate[S.NUMERATOR], rate[S.DENOMINATOR] = numerator.to_numpy(), denominator.to_numpy()
        # the mean of the two middle values, as pandas' median (DuckDB's interpolates)
        median = (per_period(closed["lower"]) + per_period(closed["upper"])) / 2
        settled = [rate, _rows(MEDIAN_DAYS, median)]
        settled.append(_rows(BACKLOG, _backlog(opened, closed["closed"], grid)))
        warm = pd.Timestamp(first_day) + timedelta(days=warm_up_days)
        early = [i for i, p in enumerate(periods) if _end(p) < warm]
        frames += [frame[~frame["p"].isin(early)] for frame in settled]
    out = pd.concat(frames, ignore_index=True)
    out[S.PERIOD] = [periods[i].label for i in out["p"]]
    out[S.PERIOD_END] = pd.to_datetime([periods[i].end for i in out["p"]]).astype("datetime64[ns]")
    late = [p for i, p in enumerate(periods) if i not in early]
    straddling = [p for p in late if p.start.year != p.end.year]
    near = _events_of(events, straddling, closes=service_days is not None)
    parts = _year_parts(near, straddling, units, service_days, categories, total)
    out = pd.concat([out, parts], ignore_index=True)
    out[S.DOMAIN] = domain
    columns = [*S.KPI_COLUMNS, S.NUMERATOR, S.DENOMINATOR]
    out = out.reindex(columns=columns).sort_values([S.METRIC, S.UNIT, S.PERIOD_END], kind="stable")
    return out.reset_index(drop=True)


def event_counts(
    events: pd.DataFrame | duckdb.DuckDBPyRelation,
    *,
    domain: str,
    freq: Freq,
    as_of: date,
    total: str,
    categories: Sequence[str] = (),
    week_end: str = "SUN",
) -> pd.DataFrame:
    """Events that never close (arrests, incidents) counted per unit and period.

    Args:
        events: Columns category, unit (None: counted citywide only), occurred_at.
        domain: The domain key written to the KPI rows.
        freq: The review frequency, e.g. "week".
        as_of: The last day the events cover (inclusive).
        total: The metric key of all events' count.
        categories: Categories that get their own count, keyed by the category.
        week_end: Last weekday of a week, for weekly and fortnightly periods.

    Returns:
        KPI frame as `request_kpis`'s, with the counts only: every unit and period, zero
        where no event happened, and the cuts of the periods straddling 1 January.
    """
    return request_kpis(
        events,
        domain=domain,
        freq=freq,
        as_of=as_of,
        service_days=None,
        categories=categories,
        week_end=week_end,
        total=total,
    )


def _events_of(
    events: duckdb.DuckDBPyRelation, periods: list[Period], *, closes: bool
) -> pd.DataFrame:
    """The events created or closed in `periods`, each also as a citywide row, as pandas.

    Only the periods straddling 1 January (a week or two a year): `_year_parts` splits them.
    `closes`: the events have a closed_at column (else it comes back all NaT).
    """
    dates = [S.OCCURRED_AT, S.CLOSED_AT] if closes else [S.OCCURRED_AT]
    columns = [S.CATEGORY, S.UNIT, *dates]
    if not periods:
        return pd.DataFrame(columns=[S.CATEGORY, S.UNIT, S.OCCURRED_AT, S.CLOSED_AT])
    spans = " OR ".join(
        f"({column} >= DATE '{p.start}' AND {column} < DATE '{p.end + timedelta(days=1)}')"
        for p in periods
        for column in dates
    )
    near = events.query(_EVENTS, f"SELECT {', '.join(columns)} FROM {_EVENTS} WHERE {spans}").df()
    if not closes:
        near[S.CLOSED_AT] = pd.Series(pd.NaT, index=near.index, dtype="datetime64[ns]")
    return pd.concat(
        [near[near[S.UNIT].notna()], near.assign(**{S.UNIT: S.CITYWIDE})], ignore_index=True
    )


def _year_parts(
    both: pd.DataFrame,
    periods: list[Period],
    units: list[str],
    service_days: Mapping[str, float] | None,
    categories: Sequence[str],
    total: str,
) -> pd.DataFrame:
    """Counts and on-time parts over each side of 1 January of the periods straddling it.

    Events that never close (`service_days` None) give the counts only.
    """
    pieces = []
    days = (both[S.CLOSED_AT] - both[S.OCCURRED_AT]) / _DAY
    on_time = (days <= both[S.CATEGORY].map(service_days or {})).astype(float)
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

            rows = {total: count(ones, opened)}
            for category in categories:
                rows[category] = count(ones.where(both[S.CATEGORY] == category, 0.0), opened)
            for metric, values in rows.items():
                pieces.append(_part(metric, values, first, last))
            if service_days is None:
                continue
            numerator, denominator = count(on_time, closed), count(ones, closed)
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


def whole_periods(first_day: date, freq: Freq, as_of: date, week_end: str) -> list[Period]:
    """The periods wholly inside the events' span: first request's day .. `as_of`."""
    first = period_containing(first_day, freq, week_end=week_end)
    if first.start < first_day:
        first = first.next()
    last = period_containing(as_of, freq, week_end=week_end)
    if last.end > as_of:
        last = last.previous()
    return periods_between(first, last) if last.start >= first.start else []


def _end(period: Period) -> pd.Timestamp:
    """The first moment after `period` (its last day runs to midnight)."""
    return pd.Timestamp(period.end) + pd.Timedelta(days=1)


# Requests created per unit (NULL: none), day and category: a few thousand rows a year
# however many events, aggregated without the periods, which are known only after it.
_CREATED_SQL = f"""SELECT {S.UNIT}, CAST({S.OCCURRED_AT} AS DATE) AS day, {S.CATEGORY},
    count(*) AS requests FROM {_EVENTS} GROUP BY ALL"""


def _day_period(days: pd.Series, periods: list[Period]) -> np.ndarray:
    """Position of each day's period; -1 before the first, len(periods) after the last."""
    starts = np.array([p.start for p in periods], dtype="datetime64[D]")
    values = days.to_numpy(dtype="datetime64[D]")
    index = np.searchsorted(starts, values, side="right") - 1
    return np.where(values > np.datetime64(periods[-1].end, "D"), len(periods), index)


def _with_citywide(created: pd.DataFrame) -> pd.Series:
    """Requests per (unit, p), plus citywide (every request, with a unit or not)."""
    by_unit = created.groupby([S.UNIT, "p"])["requests"].sum()  # NULL units left out
    citywide = created.groupby("p")["requests"].sum()
    citywide.index = pd.MultiIndex.from_product([[S.CITYWIDE], citywide.index])
    return pd.concat([by_unit, citywide]).rename_axis([S.UNIT, "p"])


def _closed_sql(periods: list[Period], service_days: Mapping[str, float]) -> str:
    """SQL: requests closed per unit and period: count, on time, and the two middle days.

    Closures up to the last period's end, by unit and citywide (unit "citywide"); p is
    the period's position, -1 before the first (still counted in backlogs).
    """
    first, end = periods[0].start, periods[-1].end + timedelta(days=1)
    # each day's period position, looked up by the day's offset from the first period
    lookup = ", ".join(
        str(i) for i, p in enumerate(periods) for _ in range((p.end - p.start).days + 1)
    )
    day = f"CAST({S.CLOSED_AT} AS DATE)"
    p = f"CASE WHEN {day} < DATE '{first}' THEN -1 ELSE [{lookup}][{day} - DATE '{first}' + 1] END"
    levels = " ".join(
        f"WHEN {_text(c)} THEN CAST('{float(v)!r}' AS DOUBLE)" for c, v in service_days.items()
    )
    # nanoseconds as a double over a day's, as pandas divides timedeltas (identical floats)
    took = f"CAST(epoch_ns({S.CLOSED_AT}) - epoch_ns({S.OCCURRED_AT}) AS DOUBLE)"
    # the two middle values in one pass: quantile_disc(x, q) is the ceil(n * q)-th smallest
    # (exact for a DECIMAL q), so 0.5 gives the lower middle and 0.5 + 1e-18 the upper one
    # for any group of fewer than 5e17 values; tests/test_aggregate.py checks the medians.
    middle = "quantile_disc(took, [0.5, 0.500000000000000001]) FILTER (WHERE p >= 0)"
    # GROUPING SETS count each request once per unit and once citywide without copying it;
    # requests without a unit form a (NULL, p) group of their own, dropped: citywide only.
    return f"""
        SELECT CASE WHEN citywide = 1 THEN '{S.CITYWIDE}' ELSE {S.UNIT} END AS {S.UNIT}, p,
            closed, on_time, middle[1] AS lower, middle[2] AS upper
        FROM (
            SELECT GROUPING({S.UNIT}) AS citywide, {S.UNIT}, p, count(*) AS closed,
                count(*) FILTER (WHERE took <= level) AS on_time, {middle} AS middle
            FROM (
                SELECT {S.UNIT}, {p} AS p, {took} / CAST({_DAY_NS} AS DOUBLE) AS took,
                    CASE {S.CATEGORY} {levels} END AS level
                FROM {_EVENTS} WHERE {S.CLOSED_AT} < TIMESTAMP '{end}'
            )
            GROUP BY GROUPING SETS (({S.UNIT}, p), (p))
        )
        WHERE citywide = 1 OR {S.UNIT} IS NOT NULL"""


def _backlog(opened: pd.Series, closed: pd.Series, grid: pd.MultiIndex) -> pd.Series:
    """Open requests at each period's end: created before it, not closed before it."""

    # open at the end of p = created up to p (from -1: before the first) - closed up to p
    # (nothing closes before it opens)
    def up_to(totals: pd.Series) -> pd.Series:
        full = pd.MultiIndex.from_product(
            [grid.levels[0], range(-1, len(grid.levels[1]) + 1)], names=[S.UNIT, "p"]
        )
        return totals.astype(float).reindex(full, fill_value=0.0).groupby(level=S.UNIT).cumsum()

    return (up_to(opened) - up_to(closed)).reindex(grid)


def _text(value: str) -> str:
    """A SQL string literal."""
    return "'" + value.replace("'", "''") + "'"


def _rows(metric: str, values: pd.Series) -> pd.DataFrame:
    """A (unit, p)-indexed series as long rows of one metric."""
    return values.rename(S.VALUE).reset_index().assign(**{S.METRIC: metric})


def _unit_order(unit: str) -> tuple[int, str]:
    """Numeric unit keys in numeric order ("2" before "10"), others after."""
    return (int(unit), "") if unit.isdigit() else (10**9, unit)


def _empty() -> pd.DataFrame:
    columns = [*S.KPI_COLUMNS, S.NUMERATOR, S.DENOMINATOR]
    return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
