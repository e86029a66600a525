"""Where the page's figures come from: the submissions behind them, and the data quality.

The data-quality notes say what ingest found in the data and did about it (`quality`).

A section `(ReviewData, options) -> Html` (statlib.report.registry). Each figure of an
indicator page comes from one submission, of one kind (the city bureau's workbook, the
province's ranking table) and one period; a correction replaces its kind and period whole
(statlib.warehouse_state). The section lists the submissions of the periods the page
compares, with the file, when it arrived and whether it is a correction.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import pandas as pd

from statlib import schema as S
from statlib.indicators import first_release, previous_release
from statlib.messages import format_date, format_number, text
from statlib.periods import Period
from statlib.phrases import CATALOGUE
from statlib.report.html import HeaderCell, Html, esc, paragraph, quoted, section, table

if TYPE_CHECKING:
    from statlib.report.review import ReviewData

Options = Mapping[str, object]


def compared_periods(period: Period, first_release_month: int) -> list[Period]:
    """The periods a page of `period` compares, newest first, each once.

    The period, its previous and first release, and the same three a year earlier.
    """
    this_year = [
        period,
        previous_release(period, first_release_month),
        first_release(period, first_release_month),
    ]
    chosen = [p for p in this_year if p is not None]
    chosen += [p.same_period_last_year() for p in chosen]
    return sorted(set(chosen), key=lambda p: p.end, reverse=True)


def submissions(data: ReviewData, options: Options) -> Html:
    """The submissions behind the page's figures: kind, period, file, arrival, version."""
    lang = data.lang
    frame = data.submissions
    spec = data.params.submission
    if spec is None or frame.empty:
        return section("submissions", lang, paragraph(text("no_submissions", lang)))
    parts = frame["source"].str.split(":", expand=True)
    frame = frame.assign(kind=parts[2], period=parts[3])
    wanted = [p.label for p in compared_periods(data.period, data.params.first_release_month)]
    shown = frame[frame["period"].isin(wanted)].copy()
    shown["order"] = shown["period"].map({label: i for i, label in enumerate(wanted)})
    shown = shown.sort_values(["order", "kind"])
    header = [
        [
            HeaderCell(text(key, lang))
            for key in ("col_period", "col_kind", "col_file", "col_arrived", "col_version")
        ]
    ]
    rows = [
        [
            r["period"],
            spec.kinds[r["kind"]].label(lang) if r["kind"] in spec.kinds else r["kind"],
            str(r["file"] or "—"),
            format_date(pd.Timestamp(r["loaded_at"]).date(), lang)
            + pd.Timestamp(r["loaded_at"]).strftime(" %H:%M UTC"),
            _version(int(r["version"]), lang),
        ]
        for _, r in shown.iterrows()
    ]
    corrected = int((frame["version"] > 1).sum())
    intro = text("submissions_intro", lang, total=len(frame), corrected=corrected)
    return section("submissions", lang, paragraph(intro), table(header, rows))


def _version(version: int, lang: str) -> str:
    if version == 1:
        return text("version_first", lang)
    return text("version_correction", lang, n=version - 1)


NOTE_FILES = "files"  # a notes column: how many files share the note (else one)


def quality(notes: pd.DataFrame, lang: str) -> Html:
    """The data-quality notes of the latest load, as ingest wrote them."""
    if notes.empty:
        return section("quality", lang, paragraph(text("no_quality_notes", lang)))
    header = [
        [HeaderCell(text(k, lang)) for k in ("col_rule", "col_rows", "col_action", "col_detail")]
    ]
    rows = [
        [
            _named("quality_rule_", r[S.NOTE_RULE], lang),
            format_number(r[S.NOTE_AFFECTED_ROWS], lang),
            _named("quality_action_", r[S.NOTE_ACTION], lang),
            _in_files(r, lang) + quoted(r[S.NOTE_DETAIL], lang),  # as ingest wrote it
        ]
        for _, r in notes.iterrows()
    ]
    return section("quality", lang, table(header, rows, raw_columns=frozenset({3})))


def _in_files(note: pd.Series, lang: str) -> str:
    """The words before a note that many files share: "In 12 files; the latest (x.xlsx): "."""
    files = note.get(NOTE_FILES, 1)
    if pd.isna(files) or files <= 1:
        return ""
    return esc(text("quality_in_files", lang, files=int(files), file=note[S.NOTE_SOURCE]))


def _named(prefix: str, key: str, lang: str) -> str:
    """The catalogue name of an ingest key; a key a new source adds shows as itself."""
    return text(prefix + key, lang) if prefix + key in CATALOGUE else key


def by_check(notes: pd.DataFrame) -> pd.DataFrame:
    """The notes of many files (a submission per period) as one row per rule and action.

    Rows affected add up; the source and detail are the newest file's, and column NOTE_FILES
    counts the files (`quality` says it).
    """
    if notes.empty or notes[S.NOTE_SOURCE].nunique() <= 1:
        return notes
    keys = [S.NOTE_RULE, S.NOTE_ACTION]
    grouped = notes.groupby(keys, sort=False)
    combined = grouped.agg(
        **{
            S.NOTE_SOURCE: (S.NOTE_SOURCE, "last"),
            S.NOTE_AFFECTED_ROWS: (S.NOTE_AFFECTED_ROWS, "sum"),
            S.NOTE_DETAIL: (S.NOTE_DETAIL, "last"),
            NOTE_FILES: (S.NOTE_SOURCE, "nunique"),
        }
    ).reset_index()
    return combined[[*S.NOTE_COLUMNS, NOTE_FILES]]
