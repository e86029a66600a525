"""Events into KPIs: service requests per period and unit, plus citywide. Pure, no I/O.

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

Only whole periods inside the data are emitted: from the first period that starts on or
after the first request's day to the last that ends on or before `as_of`. The metrics of
closed and open requests are left out for periods ending within `WARM_UP_DAYS` of the
first request: an extract that starts on a day holds none of the requests opened before
it, so its early backlogs would read too low and its early closures too quick.

The events are aggregated by DuckDB, where they live: the input is a DuckDB relation (the
warehouse's events table, a Parquet scan) or a pandas frame, which DuckDB scans in place.
Only per-unit, per-period totals come back to Python (10 million events: about a second,
benchmarks/README.md "Events into KPIs"). Timestamps count to the microsecond, as
DuckDB's TIMESTAMP does.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta

import duckdb
import pandas as pd

from statlib import schema as S
from statlib.errors import InputError
from statlib.periods import Freq, Period, period_containing, periods_between

RECEIVED = "requests_received"
ON_TIME = "closed_on_time"
MEDIAN_DAYS = "median_days_to_close"
BACKLOG = "open_backlog"
WARM_UP_DAYS = 90  # longer than almost every request stays open (data/democity/README.md)
_DAY_NS = 86_400 * 10**9
_EVENTS = "events"  # the name the SQL below gives its input


def request_kpis(
    events: pd.DataFrame | duckdb.DuckDBPyRelation,
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
            closed_at (NaT or NULL while open); closed_at is never before occurred_at.
            A pandas frame or a DuckDB relation, e.g. `connection.table("events")`.
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
        metric, unit and period (citywide's unit is "citywide"), sorted by them.
    """
    if isinstance(events, pd.DataFrame):
        with duckdb.connect() as connection:
            return request_kpis(
                connection.from_df(events),
                domain=domain,
                freq=freq,
                as_of=as_of,
                service_days=service_days,
                categories=categories,
                week_end=week_end,
                warm_up_days=warm_up_days,
            )
    [(first, present)] = events.query(
        _EVENTS,
        f"SELECT min({S.OCCURRED_AT}), list(DISTINCT {S.CATEGORY}) FROM {_EVENTS}",
    ).fetchall()
    missing = sorted(set(present or ()) - set(service_days))
    if missing:
        raise InputError(
            f"no service level for categories {missing}",
            column=S.CATEGORY,
            rule="every category has a service level in days",
        )
    periods = whole_periods(first.date(), freq, as_of, week_end) if first is not None else []
    if not periods:
        return _empty()
    opened = events.query(_EVENTS, _opened_sql(periods, categories)).df()
    closed = events.query(_EVENTS, _closed_sql(periods, service_days)).df()
    units = sorted(set(opened[S.UNIT].dropna()) - {S.CITYWIDE}, key=_unit_order)
    units.append(S.CITYWIDE)
    grid = pd.MultiIndex.from_product([units, range(len(periods))], names=[S.UNIT, "p"])

    def per_period(totals: pd.DataFrame, column: str) -> pd.Series:
        inside = totals[(totals["p"] >= 0) & (totals["p"] < len(periods))]
        return inside.set_index([S.UNIT, "p"])[column].astype(float).reindex(grid)

    frames = [_rows(RECEIVED, per_period(opened, "opened").fillna(0.0))]
    for i, category in enumerate(categories):
        frames.append(_rows(category, per_period(opened, f"c{i}").fillna(0.0)))
    numerator = per_period(closed, "on_time").fillna(0.0)
    denominator = per_period(closed, "closed").fillna(0.0)
    rate = _rows(ON_TIME, numerator / denominator.where(denominator > 0))
    rate[S.NUMERATOR], rate[S.DENOMINATOR] = numerator.to_numpy(), denominator.to_numpy()
    # the mean of the two middle values, as pandas' median (DuckDB's interpolates)
    median = (per_period(closed, "lower") + per_period(closed, "upper")) / 2
    settled = [rate, _rows(MEDIAN_DAYS, median)]
    settled.append(_rows(BACKLOG, _backlog(opened, closed, grid)))
    warm = pd.Timestamp(first.date()) + timedelta(days=warm_up_days)
    early = [i for i, p in enumerate(periods) if _end(p) < warm]
    frames += [frame[~frame["p"].isin(early)] for frame in settled]
    out = pd.concat(frames, ignore_index=True)
    out[S.PERIOD] = [periods[i].label for i in out["p"]]
    out[S.PERIOD_END] = pd.to_datetime([periods[i].end for i in out["p"]]).astype("datetime64[ns]")
    out[S.DOMAIN] = domain
    columns = [*S.KPI_COLUMNS, S.NUMERATOR, S.DENOMINATOR]
    out = out.reindex(columns=columns).sort_values([S.METRIC, S.UNIT, S.PERIOD_END], kind="stable")
    return out.reset_index(drop=True)


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


def _day_periods(periods: list[Period], stamp: str) -> str:
    """SQL: the days of `periods` (day, p), and `stamp`'s period as p (SQL expression).

    p is the period's position; -1 before the first period (still counted in backlogs),
    len(periods) after the last.
    """
    starts = ", ".join(f"DATE '{p.start.isoformat()}'" for p in periods)
    ends = ", ".join(f"DATE '{p.end.isoformat()}'" for p in periods)
    n = len(periods)
    days = f"""days AS (
        SELECT p, unnest(generate_series(s::TIMESTAMP, e::TIMESTAMP, INTERVAL 1 DAY))::DATE AS day
        FROM (SELECT unnest([{starts}]) AS s, unnest([{ends}]) AS e, unnest(range({n})) AS p)
    )"""
    first = periods[0].start.isoformat()
    # a period starts and ends at midnight, so a timestamp's day gives its period
    p = f"coalesce(d.p, CASE WHEN CAST({stamp} AS DATE) < DATE '{first}' THEN -1 ELSE {n} END)"
    return days, p


def _opened_sql(periods: list[Period], categories: Sequence[str]) -> str:
    """SQL: requests created per unit (NULL: citywide) and period p, in all and by category."""
    days, p = _day_periods(periods, f"e.{S.OCCURRED_AT}")
    counts = "".join(
        f", count(*) FILTER (WHERE {S.CATEGORY} = {_text(c)}) AS c{i}"
        for i, c in enumerate(categories)
    )
    return f"""WITH {days},
        opened AS (
            SELECT e.{S.UNIT}, e.{S.CATEGORY}, {p} AS p
            FROM {_EVENTS} e LEFT JOIN days d ON CAST(e.{S.OCCURRED_AT} AS DATE) = d.day
        )
        {_by_unit_and_citywide(f"count(*) AS opened{counts}", "opened")}"""


def _closed_sql(periods: list[Period], service_days: Mapping[str, float]) -> str:
    """SQL: requests closed per unit and period: count, on time, and the two middle days."""
    days, p = _day_periods(periods, f"e.{S.CLOSED_AT}")
    levels = " ".join(
        f"WHEN {_text(c)} THEN CAST('{float(v)!r}' AS DOUBLE)" for c, v in service_days.items()
    )
    # the two middle values in one pass: quantile_disc(x, q) is the ceil(n * q)-th smallest
    # (exact for a DECIMAL q), so 0.5 gives the lower middle and 0.5 + 1e-18 the upper one
    # for any group of fewer than 5e17 values; tests/test_aggregate.py checks the medians.
    middle = "quantile_disc(took, [0.5, 0.500000000000000001])"
    inside = f"p BETWEEN 0 AND {len(periods) - 1}"  # no medians outside the periods
    aggregates = (
        "count(*) AS closed, count(*) FILTER (WHERE took <= level) AS on_time, "
        f"{middle} FILTER (WHERE {inside}) AS middle"
    )
    # nanoseconds as a double over a day's, as pandas divides timedeltas (identical floats)
    took = f"CAST(epoch_ns(e.{S.CLOSED_AT}) - epoch_ns(e.{S.OCCURRED_AT}) AS DOUBLE)"
    return f"""WITH {days},
        closed AS (
            SELECT e.{S.UNIT}, {p} AS p, {took} / CAST({_DAY_NS} AS DOUBLE) AS took,
                CASE e.{S.CATEGORY} {levels} END AS level
            FROM {_EVENTS} e LEFT JOIN days d ON CAST(e.{S.CLOSED_AT} AS DATE) = d.day
            WHERE e.{S.CLOSED_AT} IS NOT NULL
        )
        SELECT * EXCLUDE (middle), middle[1] AS lower, middle[2] AS upper
        FROM ({_by_unit_and_citywide(aggregates, "closed")})"""


def _by_unit_and_citywide(aggregates: str, table: str) -> str:
    """SQL: `aggregates` by unit and p, and by p citywide (unit "citywide")."""
    # GROUPING SETS count each event once per unit and once citywide without copying it;
    # events without a unit form a (NULL, p) group of their own, dropped: citywide only.
    return f"""SELECT CASE WHEN citywide = 1 THEN '{S.CITYWIDE}' ELSE {S.UNIT} END AS {S.UNIT},
            * EXCLUDE ({S.UNIT}, citywide)
        FROM (
            SELECT GROUPING({S.UNIT}) AS citywide, {S.UNIT}, p, {aggregates}
            FROM {table} GROUP BY GROUPING SETS (({S.UNIT}, p), (p))
        )
        WHERE citywide = 1 OR {S.UNIT} IS NOT NULL"""


def _backlog(opened: pd.DataFrame, closed: pd.DataFrame, grid: pd.MultiIndex) -> pd.Series:
    """Open requests at each period's end: created before it, not closed before it."""

    # open at the end of p = created up to p (from -1: before the first) - closed up to p
    # (nothing closes before it opens)
    def up_to(totals: pd.DataFrame, column: str) -> pd.Series:
        counts = totals.set_index([S.UNIT, "p"])[column].astype(float)
        full = pd.MultiIndex.from_product(
            [grid.levels[0], range(-1, len(grid.levels[1]) + 1)], names=[S.UNIT, "p"]
        )
        return counts.reindex(full, fill_value=0.0).groupby(level=S.UNIT).cumsum()

    return (up_to(opened, "opened") - up_to(closed, "closed")).reindex(grid)


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
