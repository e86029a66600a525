"""What a run is asked for, checked before anything runs: domains, period, data state.

`statlib run` names domains (none: every domain, or with a period label those reviewed at
its frequency), a period label or "latest", and optionally `--as-of` (a load id or ISO
date/time: the data known then). A request that cannot make a true page is one clear error
(exit code 2) before any domain is computed: an unknown domain or as-of, a label of another
frequency, a period outside a domain's data. A page for a period without data would read
as "no problem", and the city overview would repeat it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from statlib.domain_results import period_range
from statlib.errors import ParamsError, PeriodError, WarehouseError
from statlib.params import DomainParams
from statlib.periods import Period, parse_period
from statlib.sources import source
from statlib.warehouse import Warehouse


@dataclass(frozen=True)
class Selection:
    """The checked request: each domain with its period, and the load its data is as of."""

    runs: list[tuple[DomainParams, Period]]
    as_of_load: int | None  # None: the current state


def select(
    warehouse_path: Path,
    declared: Sequence[DomainParams],
    domains: Sequence[str] | None,
    period: str,
    as_of: str | None,
) -> Selection:
    """Check a run request against the declared domains and the warehouse's data.

    Raises:
        ParamsError: an unknown domain or source, or no domain reviewed at the label's
            frequency.
        PeriodError: a bad label, a period of another frequency or outside the data.
        WarehouseError: a bad `as_of`, or a domain without observations.
    """
    unknown = sorted(set(domains or ()) - {p.domain for p in declared})
    if unknown:
        raise ParamsError(
            f"unknown domain {', '.join(map(repr, unknown))}; domains: "
            f"{', '.join(p.domain for p in declared)}"
        )
    chosen = [p for p in declared if domains is None or p.domain in domains]
    if period != "latest" and domains is None:
        chosen = reviewed_by(chosen, period)
    for params in chosen:  # a bad label or source fails before the warehouse is opened
        source(params.source)
        if period != "latest":  # a month for a weekly domain would be a page of blanks
            params.review_period(period)
    with Warehouse.open(warehouse_path) as warehouse:
        as_of_load = None if as_of is None else warehouse.resolve_as_of(as_of)
        if period != "latest" and domains is None:
            runs = _covering(warehouse, chosen, period, as_of_load, declared)
            return Selection(runs, as_of_load)
        runs = [(p, resolve_period(warehouse, p, period, as_of_load, declared)) for p in chosen]
    return Selection(runs, as_of_load)


def _covering(
    warehouse: Warehouse,
    chosen: Sequence[DomainParams],
    label: str,
    as_of: int | None,
    declared: Sequence[DomainParams],
) -> list[tuple[DomainParams, Period]]:
    """The domains (of the label's frequency) whose data covers the period, with it.

    A period label alone asks for every domain that has it, as a named domain asks for
    that one: another weekly review whose data ends earlier is not an error here.

    Raises:
        PeriodError: no domain's data covers the period (the first domain's error).
    """
    runs, refused = [], []
    for params in chosen:
        try:
            runs.append((params, resolve_period(warehouse, params, label, as_of, declared)))
        except PeriodError as error:
            refused.append(error)
    if not runs:
        raise refused[0]
    return runs


def resolve_period(
    warehouse: Warehouse,
    params: DomainParams,
    label: str,
    as_of: int | None = None,
    declared: Sequence[DomainParams] = (),
) -> Period:
    """`label` as a Period of the domain's data as of load `as_of` (None: now).

    "latest" is the newest period with observations; for a domain reading `declared`
    domains (an overview), the newest period holding theirs (statlib.domain_results).

    Raises:
        PeriodError: not a period label, a period of another frequency, or a period outside
            the domain's data (a run would publish an empty page).
        WarehouseError: the domain has no observations.
    """
    first, newest = period_range(warehouse, params, declared, as_of) or (None, None)
    if newest is None:
        raise WarehouseError(f"no observations for {params.domain}: run `statlib build`")
    if label == "latest":
        return parse_period(newest, week_end=params.week_end)
    period = parse_period(label, week_end=params.week_end)
    if period.freq != params.frequency:
        raise PeriodError(
            f"{label} is a {period.freq}, but {params.domain} is reviewed by {params.frequency} "
            f"(its latest period is {newest})"
        )
    start = parse_period(first, week_end=params.week_end)
    end = parse_period(newest, week_end=params.week_end)
    if not start.end <= period.end <= end.end:
        raise PeriodError(
            f"{label} is outside the data of {params.domain}, which runs from {first} to "
            f"{newest}: a page for it would have no data"
        )
    return period


def reviewed_by(declared: list[DomainParams], label: str) -> list[DomainParams]:
    """The domains whose frequency `label` names (a week label picks the weekly ones).

    Raises:
        PeriodError: `label` is not a period label.
        ParamsError: no domain is reviewed at that frequency.
    """
    chosen = [p for p in declared if parse_period(label, week_end=p.week_end).freq == p.frequency]
    if not chosen:
        frequencies = ", ".join(sorted({f"{p.domain} ({p.frequency})" for p in declared}))
        raise ParamsError(f"no domain is reviewed by the period {label!r}; domains: {frequencies}")
    return chosen
