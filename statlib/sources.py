"""The registry of data sources a domain can name in its params (`source:`).

A source knows which bundled files it reads, how to turn them into KPI observations (for
the frequency of the domain that names it), raw events where it has them, and data-quality
notes (statlib.ingest), and how to read its unit boundaries for maps. Adding a source is
one entry here plus its ingest module.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from statlib import schema as S
from statlib.aggregate import event_counts, request_kpis
from statlib.errors import ParamsError
from statlib.ingest import (
    baltimore_arrests,
    baltimore_register,
    inspections,
    mmr_register,
    nypd,
    nypd_reference,
    payroll,
    requests,
)
from statlib.ingest.boundaries import read_district_boundaries, read_named_boundaries
from statlib.ingest.notes import DataQualityNote, notes_frame
from statlib.params import DomainParams


@dataclass(frozen=True)
class Loaded:
    """What one source brings to the warehouse."""

    observations: pd.DataFrame  # KPI frame (statlib.schema)
    notes: pd.DataFrame  # domain + statlib.schema.NOTE_COLUMNS
    content_hash: str  # of the input files: the same files are never loaded twice
    events: pd.DataFrame | None = None  # statlib.schema.EVENT_COLUMNS + CLOSED_AT, if any


@dataclass(frozen=True)
class Source:
    """A data source: its files under data/ and how to read them."""

    key: str
    files: Sequence[str]  # paths under data/, hashed to version a load
    # data folder, the domain naming it; None: the data arrive only as department
    # submissions (statlib.ingest.submissions), one load per file
    ingest: Callable[[Path, DomainParams], Loaded] | None
    read_boundaries: Callable[[Path], dict[str, Any]]
    # a register's catalogue of measures (statlib.schema.CATALOGUE_COLUMNS): reference data
    # the register stage reads beside the observations, as maps read boundaries
    catalogue: Callable[[Path, DomainParams], pd.DataFrame] | None = None


def content_hash(paths: Sequence[Path]) -> str:
    """SHA-256 over the files' bytes, in order."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _nypd_compstat(data_dir: Path, params: DomainParams) -> Loaded:
    # Published weekly: the counts are the KPIs, whatever the domain's frequency says.
    path = data_dir / "nypd" / "weekly.parquet"
    result = nypd.weekly_kpis(nypd.read_weekly(path), source=path.name)
    notes = notes_frame(result.notes, "public_safety")
    return Loaded(result.kpis, notes, content_hash([path]))


# Request types with a received-requests metric of their own: the five biggest.
REQUEST_TYPE_METRICS = (
    "bulky_items",
    "graffiti_removal",
    "illegal_dumping",
    "metal_appliances",
    "homeless_encampment",
)


def _democity_311(data_dir: Path, params: DomainParams) -> Loaded:
    path = data_dir / "democity" / "requests.parquet"
    result = requests.request_events(requests.read_requests(path), source=path.name)
    # The extract's last day is the last day with a request: a later part-period is left out.
    as_of = result.events[S.OCCURRED_AT].max().date()
    kpis = request_kpis(
        result.events,
        domain=params.domain,
        freq=params.frequency,
        as_of=as_of,
        service_days=requests.SERVICE_LEVEL_DAYS,
        categories=REQUEST_TYPE_METRICS,
        week_end=params.week_end,
    )
    last = kpis[S.PERIOD_END].max().date()
    after = int((result.events[S.OCCURRED_AT].dt.date > last).sum())
    partial = DataQualityNote(
        path.name,
        "partial_last_period",
        after,
        "reported",
        f"The extract runs to {as_of.isoformat()}; the {after} requests created after the "
        f"last whole {params.frequency} (ending {last.isoformat()}) are stored as events but "
        "not yet in the KPIs.",
    )
    notes = notes_frame((*result.notes, partial), params.domain)
    events = result.events.assign(**{S.DOMAIN: params.domain})
    return Loaded(kpis, notes, content_hash([path]), events)


def _baltimore_arrests(data_dir: Path, params: DomainParams) -> Loaded:
    path = data_dir / "baltimore" / "arrests.parquet"
    raw = baltimore_arrests.read_arrests(path)
    result = baltimore_arrests.arrest_events(raw, domain=params.domain, source=path.name)
    # The extract's last day is the last day with an arrest: a later part-week is left out.
    as_of = result.events[S.OCCURRED_AT].max().date()
    kpis = event_counts(
        result.events,
        domain=params.domain,
        freq=params.frequency,
        as_of=as_of,
        total=baltimore_arrests.TOTAL,
        categories=baltimore_arrests.CATEGORIES,
        week_end=params.week_end,
    )
    notes = notes_frame(result.notes, params.domain)
    return Loaded(kpis, notes, content_hash([path]), result.events)


def _inspection_counts(data_dir: Path, params: DomainParams) -> Loaded:
    path = data_dir / "inspections" / "tests.csv"
    result = inspections.inspection_kpis(inspections.read_tests(path), params, source=path.name)
    notes = notes_frame(result.notes, params.domain)
    return Loaded(result.kpis, notes, content_hash([path]))


def _payroll_summaries(data_dir: Path, params: DomainParams) -> Loaded:
    path = data_dir / "workforce" / "pay_periods.csv"
    result = payroll.payroll_kpis(payroll.read_payroll(path), params, source=path.name)
    notes = notes_frame(result.notes, params.domain)
    return Loaded(result.kpis, notes, content_hash([path]))


def _register_source(key: str, path: str, layout: Any) -> Source:
    """A register of measures read by a layout module (statlib.ingest.registers)."""

    def read(data_dir: Path, params: DomainParams) -> Any:
        critical = params.measure_register.critical_types if params.measure_register else ()
        return layout.register(layout.read_register(data_dir / path), params.domain, critical)

    def ingest(data_dir: Path, params: DomainParams) -> Loaded:
        made = read(data_dir, params)
        return Loaded(made.observations, made.notes_frame(), content_hash([data_dir / path]))

    return Source(key, (path,), ingest, read_named_boundaries, lambda d, p: read(d, p).catalogue)


SOURCES: dict[str, Source] = {
    "nypd_compstat": Source(
        key="nypd_compstat",
        files=("nypd/weekly.parquet",),
        ingest=_nypd_compstat,
        read_boundaries=nypd_reference.read_boundaries,
    ),
    "democity_311": Source(
        key="democity_311",
        files=("democity/requests.parquet",),
        ingest=_democity_311,
        read_boundaries=read_district_boundaries,
    ),
    # The city bureau's monthly workbooks and the province's ranking table, submitted as
    # files (data/submissions/industrial_economy/; synthetic demo, see data/industry/).
    "industry_submissions": Source(
        key="industry_submissions",
        files=(),
        ingest=None,
        read_boundaries=read_named_boundaries,
    ),
    # Sampling inspections by county and category (synthetic demo, data/inspections/).
    "inspection_counts": Source(
        key="inspection_counts",
        files=("inspections/tests.csv",),
        ingest=_inspection_counts,
        read_boundaries=read_named_boundaries,
    ),
    # Hours, overtime and positions by pay period and department (synthetic, data/workforce/).
    "payroll_summaries": Source(
        key="payroll_summaries",
        files=("workforce/pay_periods.csv",),
        ingest=_payroll_summaries,
        read_boundaries=read_named_boundaries,
    ),
    # Baltimore Police Department arrests by police district (Open Baltimore, 2017-18).
    "baltimore_arrests": Source(
        key="baltimore_arrests",
        files=("baltimore/arrests.parquet",),
        ingest=_baltimore_arrests,
        read_boundaries=baltimore_arrests.read_boundaries,
    ),
    # Registers of performance measures: one shape, one layout module per city's file.
    "baltimore_measures": _register_source(
        "baltimore_measures", "registers/baltimore_measures.csv", baltimore_register
    ),
    "nyc_mmr": _register_source("nyc_mmr", "registers/nyc_mmr_indicators.csv", mmr_register),
    # The other domains' results in the warehouse: the input of an overview (params
    # `reads: domains`, statlib.domain_results), which reads no files.
    "domain_results": Source(
        key="domain_results", files=(), ingest=None, read_boundaries=read_named_boundaries
    ),
}


def source(key: str) -> Source:
    """The registered source `key`, or ParamsError listing the known ones."""
    if key not in SOURCES:
        raise ParamsError(f"unknown source {key!r}; known sources: {', '.join(SOURCES)}")
    return SOURCES[key]
