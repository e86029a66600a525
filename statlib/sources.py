"""The registry of data sources a domain can name in its params (`source:`).

A source knows which bundled files it reads, how to turn them into KPI observations and
data-quality notes (statlib.ingest), and how to read its unit boundaries for maps. Adding
a source is one entry here plus its ingest module.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from statlib import schema as S
from statlib.errors import ParamsError
from statlib.ingest import nypd, nypd_reference
from statlib.ingest.notes import notes_frame


@dataclass(frozen=True)
class Loaded:
    """What one source brings to the warehouse."""

    observations: pd.DataFrame  # KPI frame (statlib.schema)
    notes: pd.DataFrame  # domain + statlib.schema.NOTE_COLUMNS
    content_hash: str  # of the input files: the same files are never loaded twice


@dataclass(frozen=True)
class Source:
    """A data source: its files under data/ and how to read them."""

    key: str
    files: Sequence[str]  # paths under data/, hashed to version a load
    ingest: Callable[[Path], Loaded]
    read_boundaries: Callable[[Path], dict[str, Any]]


def content_hash(paths: Sequence[Path]) -> str:
    """SHA-256 over the files' bytes, in order."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _nypd_compstat(data_dir: Path) -> Loaded:
    path = data_dir / "nypd" / "weekly.parquet"
    result = nypd.weekly_kpis(nypd.read_weekly(path), source=path.name)
    notes = notes_frame(result.notes)
    notes.insert(0, S.DOMAIN, "public_safety")
    return Loaded(result.kpis, notes, content_hash([path]))


SOURCES: dict[str, Source] = {
    "nypd_compstat": Source(
        key="nypd_compstat",
        files=("nypd/weekly.parquet",),
        ingest=_nypd_compstat,
        read_boundaries=nypd_reference.read_boundaries,
    ),
}


def source(key: str) -> Source:
    """The registered source `key`, or ParamsError listing the known ones."""
    if key not in SOURCES:
        raise ParamsError(f"unknown source {key!r}; known sources: {', '.join(SOURCES)}")
    return SOURCES[key]
