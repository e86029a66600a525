"""Data-quality notes: what ingest found in a source and what it did about it.

A note is small and frozen; the report prints them as a table (`notes_frame`). Every
repair ingest makes to published numbers has a note, with the rows it touched, so a
filled zero or a dropped duplicate is never silent.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

from statlib.schema import (
    DOMAIN,
    NOTE_ACTION,
    NOTE_AFFECTED_ROWS,
    NOTE_COLUMNS,
    NOTE_DETAIL,
    NOTE_RULE,
    NOTE_SOURCE,
)

# What ingest did with the affected rows: added them (zero weeks), dropped them
# (duplicates), kept them as published, corrected cells in them (a register's "64.98%"),
# or only reported a finding about them.
Action = Literal["filled", "dropped", "kept", "corrected", "reported"]


@dataclass(frozen=True)
class DataQualityNote:
    """One finding about a source and the action ingest took.

    Attributes:
        source: The file (or frame) the note is about, e.g. "weekly.parquet".
        rule: Short key of the quirk, e.g. "zero_weeks_omitted".
        affected_rows: Rows filled, dropped, kept or found, as `action` says.
        action: One of "filled", "dropped", "kept", "reported".
        detail: One or two sentences with the numbers, for the report.
    """

    source: str
    rule: str
    affected_rows: int
    action: Action
    detail: str


@dataclass(frozen=True)
class IngestResult:
    """The output of an ingest: a long KPI frame and the notes about its making.

    Attributes:
        kpis: Frame with the columns of `statlib.schema.KPI_COLUMNS`.
        notes: The data-quality notes, in the order the steps ran.
    """

    kpis: pd.DataFrame
    notes: tuple[DataQualityNote, ...] = field(default=())


def notes_frame(notes: Iterable[DataQualityNote], domain: str | None = None) -> pd.DataFrame:
    """The notes as a table for the report, or with their `domain` as the warehouse stores them.

    Returns:
        Frame with columns source, rule, affected_rows, action, detail
        (`statlib.schema.NOTE_COLUMNS`), one row per note, in the given order; with a
        `domain`, a first column DOMAIN holding it.
    """
    rows = [
        {
            NOTE_SOURCE: note.source,
            NOTE_RULE: note.rule,
            NOTE_AFFECTED_ROWS: note.affected_rows,
            NOTE_ACTION: note.action,
            NOTE_DETAIL: note.detail,
        }
        for note in notes
    ]
    frame = pd.DataFrame(rows, columns=list(NOTE_COLUMNS)).astype({NOTE_AFFECTED_ROWS: "int64"})
    if domain is not None:
        frame.insert(0, DOMAIN, domain)
    return frame


def drop_rows(
    frame: pd.DataFrame,
    bad: pd.Series,
    notes: list[DataQualityNote],
    source: str,
    rule: str,
    what: str,
    *,
    key: Sequence[str],
) -> pd.DataFrame:
    """`frame` without the `bad` rows, noting how many went and why.

    The "dropped" note says `what` ("with a month that is not YYYY-MM") and names three of
    the rows by their `key` columns.
    """
    if bad.any():
        count = int(bad.sum())
        named = frame.loc[bad, list(key)].head(3).astype(str)
        examples = ", ".join("/".join(row) for row in named.itertuples(index=False))
        detail = f"{count} rows {what} (e.g. {examples})."
        notes.append(DataQualityNote(source, rule, count, "dropped", detail))
    return frame[~bad]
