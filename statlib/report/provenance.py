"""Where the page's figures come from: the department submissions behind them.

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

from statlib.indicators import first_release, previous_release
from statlib.messages import format_date, text
from statlib.periods import Period
from statlib.report.html import HeaderCell, Html, paragraph, section, table

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
