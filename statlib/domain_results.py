"""What a domain that reads domains (params `reads: domains`) takes from the warehouse.

An overview for a period takes each other domain's latest computed period ending within or
before it, as known at the load its run is as of, and that period's result tables. Its own
periods are those of its frequency that hold the periods the domains it reads have data
for. The runner computes readers after the domains they read (statlib.build.all_domains
orders them), so an overview reads the results of the same run.
"""

from __future__ import annotations

from collections.abc import Sequence

from statlib.overview import DomainResults
from statlib.params import DomainParams
from statlib.periods import Period, parse_period, period_containing
from statlib.warehouse import Warehouse

READ_TABLES = ("flags", "spc_summary", "register_measures")  # what statlib.overview judges


def reads_domains(params: DomainParams) -> bool:
    """Whether the domain's input is the other domains' results (an overview)."""
    return params.reads == "domains"


def read_by(params: DomainParams, declared: Sequence[DomainParams]) -> list[DomainParams]:
    """The domains `params` reads, in declared order: every one that is not a reader."""
    if not reads_domains(params):
        return []
    return [p for p in declared if not reads_domains(p)]


def latest_by(
    warehouse: Warehouse, params: DomainParams, period: Period, as_of_load: int | None
) -> str | None:
    """The domain's latest computed period ending by `period`'s end (None: none)."""
    computed = warehouse.computed_periods(params.domain, as_of_load=as_of_load)
    ends = {
        label: parse_period(label, week_end=params.week_end).end
        for label in computed
        if parse_period(label, week_end=params.week_end).end <= period.end
    }
    return max(ends, key=ends.__getitem__) if ends else None


def read_domains(
    warehouse: Warehouse,
    params: DomainParams,
    declared: Sequence[DomainParams],
    period: Period,
    as_of_load: int | None = None,
) -> list[DomainResults]:
    """Each domain `params` reads, with its latest results by `period` (empty: none)."""
    read = []
    for other in read_by(params, declared):
        chosen = latest_by(warehouse, other, period, as_of_load)
        tables = (
            {
                name: warehouse.results(name, other.domain, chosen, as_of_load=as_of_load)
                for name in READ_TABLES
            }
            if chosen
            else {}
        )
        read.append(DomainResults(other, chosen, tables))
    return read


def read_runs(
    warehouse: Warehouse,
    params: DomainParams,
    declared: Sequence[DomainParams],
    period: Period,
    as_of_load: int | None = None,
) -> dict[str, int]:
    """Domain -> the compute run an overview of `period` reads (statlib.manifest)."""
    runs = {}
    for other in read_by(params, declared):
        chosen = latest_by(warehouse, other, period, as_of_load)
        run = (
            None
            if chosen is None
            else warehouse.latest_run(other.domain, chosen, as_of_load=as_of_load)
        )
        if run is not None:
            runs[other.domain] = run
    return runs


def period_range(
    warehouse: Warehouse,
    params: DomainParams,
    declared: Sequence[DomainParams],
    as_of: int | None = None,
) -> tuple[str, str] | None:
    """Labels of the domain's oldest and newest periods with data at `as_of`.

    A reader's are the periods of its frequency holding the oldest and newest periods of
    the domains it reads.
    """
    if not reads_domains(params):
        return warehouse.period_range(params.domain, as_of=as_of)
    ends = []
    for other in read_by(params, declared):
        known = warehouse.period_range(other.domain, as_of=as_of)
        ends += [parse_period(label, week_end=other.week_end).end for label in known or ()]
    if not ends:
        return None
    first, newest = (
        period_containing(day, params.frequency, week_end=params.week_end)
        for day in (min(ends), max(ends))
    )
    return first.label, newest.label
