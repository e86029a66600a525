"""Which periods are due (`statlib run --due`): the review cycle, run from a timer.

A domain's period is *complete* once it has ended and its publication lag has passed
(`publication_lag_days` in params: the days its data take to arrive after the period's
last day; the week-end day and frequency come from params too). A scheduled run reviews,
for every domain, each complete period after the last one published (outputs/manifest.json,
else the last computed), oldest first, so missed runs are caught up in order. A domain
never reviewed starts with the newest complete period in its data, not its whole history.
A complete period the data do not reach yet is *waiting*: nothing runs for it or after it
(pages are never made of missing data), and the run says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from statlib.catalog import Catalog
from statlib.domain_results import period_range
from statlib.errors import ParamsError
from statlib.manifest import read_manifest
from statlib.params import DomainParams
from statlib.periods import Period, latest_complete, parse_period
from statlib.warehouse import Warehouse


@dataclass(frozen=True)
class Due:
    """A scheduled run's work: the periods to review, in order, and those still waiting."""

    runs: list[tuple[DomainParams, Period]]
    waiting: list[tuple[DomainParams, Period, str]]  # domain, period, why (in words)


def newest_complete(params: DomainParams, today: date) -> Period:
    """The newest period of the domain complete on `today` (ended, and its lag passed)."""
    lagged = today - timedelta(days=params.publication_lag_days)
    return latest_complete(params.frequency, lagged, week_end=params.week_end)


def due_periods(
    params: DomainParams, today: date, last_done: str | None, newest_in_data: str | None
) -> tuple[list[Period], Period | None]:
    """The periods due for one domain, and the first complete one its data do not reach.

    Args:
        params: the domain's params (frequency, week_end, publication_lag_days).
        today: the date the scheduled run runs on.
        last_done: the label of the last period reviewed, or None.
        newest_in_data: the label of the newest period observed, or None (no data).

    Returns:
        (periods to review, oldest first; the first complete period beyond the data, or
        None when the data reach every complete period).
    """
    complete = newest_complete(params, today)
    newest = (
        None if newest_in_data is None else parse_period(newest_in_data, week_end=params.week_end)
    )
    if last_done is None:
        if newest is None:
            return [], complete
        first = newest if newest.end <= complete.end else complete
    else:
        first = parse_period(last_done, week_end=params.week_end).next()
    due: list[Period] = []
    period = first
    while period.end <= complete.end:
        if newest is None or period.end > newest.end:
            return due, period
        due.append(period)
        period = period.next()
    return due, None


def due(
    catalog: Catalog,
    declared: Sequence[DomainParams],
    domains: Sequence[str] | None,
    today: date,
) -> Due:
    """Every domain's due periods (statlib.run with `due=True`).

    Raises:
        ParamsError: an unknown domain.
    """
    unknown = sorted(set(domains or ()) - {p.domain for p in declared})
    if unknown:
        raise ParamsError(
            f"unknown domain {', '.join(map(repr, unknown))}; domains: "
            f"{', '.join(p.domain for p in declared)}"
        )
    published = read_manifest(catalog)
    runs, waiting = [], []
    with Warehouse.open(catalog.warehouse) as warehouse:
        for params in declared:
            if domains is not None and params.domain not in domains:
                continue
            done = sorted(
                (
                    parse_period(entry["period"], week_end=params.week_end)
                    for entry in published.values()
                    if entry.get("domain") == params.domain
                ),
                key=lambda p: p.end,
            )
            computed = warehouse.computed_periods(params.domain)
            last = done[-1].label if done else (computed[-1] if computed else None)
            newest = (period_range(warehouse, params, declared) or (None, None))[1]
            periods, beyond = due_periods(params, today, last, newest)
            runs += [(params, p) for p in periods]
            if beyond is not None:
                why = f"the data run to {newest}" if newest else "there is no data yet"
                waiting.append((params, beyond, why))
    return Due(runs, waiting)
