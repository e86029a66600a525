"""Sections of a register page: the agency scorecard, critical misses, worsening trends.

Each draws the register stage's tables (statlib.registers, via statlib.stages); words come
from the catalogue in the page's language, numbers in each measure's kind.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import pandas as pd

from statlib import schema as S
from statlib.messages import format_number, format_percent, text
from statlib.report.html import HeaderCell, Html, esc, paragraph, quoted, section, table

if TYPE_CHECKING:
    from statlib.report.review import ReviewData

Options = Mapping[str, object]
MAX_ROWS = 60  # rows of a measure list; the page's CSV has them all


def value_text(value: float, kind: str, lang: str) -> str:
    """A register value in its kind: shares as percents, currency with $, counts as given."""
    if value is None or pd.isna(value):
        return "—"
    if kind == "percent":
        return format_percent(value * 100, lang, decimals=1, signed=False)
    decimals = 0 if float(value).is_integer() or abs(value) >= 1000 else 2
    shown = format_number(value, lang, decimals)
    return "$" + shown if kind == "currency" else shown


def _years(data: ReviewData) -> int:
    spec = data.params.measure_register
    return spec.worsening_years if spec else 3


def agency_scorecard(data: ReviewData, options: Options) -> Html:
    """Per agency: measures, share on target, critical measures missed, worsening trends."""
    lang, years = data.lang, _years(data)
    frame = data.table("register_agencies")
    measures = data.table("register_measures")
    if frame.empty:
        return section("agency_scorecard", lang, paragraph(text("no_data", lang)))
    spec = data.params.measure_register
    critical = spec.critical(lang) if spec else ""
    total = frame[frame[S.UNIT] == S.CITYWIDE].iloc[0]
    summary = text(
        "register_summary",
        lang,
        period=data.period.label,
        measures=format_number(total[S.MEASURES], lang),
        met=format_number(total[S.ON_TARGET], lang),
        judged=format_number(total[S.WITH_TARGET], lang),
        share=format_percent(total[S.SHARE_ON_TARGET] * 100, lang, decimals=0, signed=False),
        missed=format_number(total[S.CRITICAL_MISSED], lang),
        critical=critical,
        worsening=format_number(total[S.WORSENING], lang),
        years=years,
        unjudged=format_number((measures[S.TARGET_STATUS] == "no_target").sum(), lang),
    )
    agencies = frame[frame[S.UNIT] != S.CITYWIDE].sort_values(
        [S.SHARE_ON_TARGET, S.CRITICAL_MISSED, S.UNIT_NAME],
        ascending=[True, False, True],
        na_position="last",
        kind="stable",
    )
    header = [
        [
            HeaderCell(text(key, lang, years=years))
            for key in (
                "col_agency",
                "col_measures",
                "col_with_target",
                "col_on_target",
                "col_share_on_target",
                "col_critical_missed",
                "col_worsening",
            )
        ]
    ]
    rows = [
        [
            esc(text("register_all_agencies", lang))
            if r[S.UNIT] == S.CITYWIDE
            else quoted(r[S.UNIT_NAME], lang),
            format_number(r[S.MEASURES], lang),
            format_number(r[S.WITH_TARGET], lang),
            format_number(r[S.ON_TARGET], lang),
            format_percent(r[S.SHARE_ON_TARGET] * 100, lang, decimals=0, signed=False),
            format_number(r[S.CRITICAL_MISSED], lang),
            format_number(r[S.WORSENING], lang),
        ]
        for _, r in pd.concat([total.to_frame().T, agencies]).iterrows()
    ]
    method = text("register_method", lang, years=years, critical=critical)
    return section(
        "agency_scorecard",
        lang,
        paragraph(summary),
        table(header, rows, raw_columns=frozenset({0})),
        paragraph(method, "note"),
    )


def _measure_rows(frame: pd.DataFrame, lang: str, extra: str) -> list[list[str]]:
    rows = []
    for _, r in frame.head(MAX_ROWS).iterrows():
        row = [
            quoted(r[S.UNIT_NAME], lang),  # names as the register publishes them
            quoted(r[S.MEASURE_NAME], lang),
            text("desired_" + r[S.MEASURE_DIRECTION], lang),
            value_text(r[S.PRIOR], r[S.KIND], lang),
            value_text(r[S.VALUE], r[S.KIND], lang),
        ]
        rows.append(
            [*row, value_text(r[S.TARGET], r[S.KIND], lang)]
            if extra == "target"
            else [*row, format_number(r[S.WORSENING_YEARS], lang)]
        )
    return rows


def _measure_table(frame: pd.DataFrame, lang: str, extra: str) -> list[Html]:
    last = "col_register_target" if extra == "target" else "col_years_worse"
    header = [
        [
            HeaderCell(text(key, lang))
            for key in ("col_agency", "col_measure", "col_desired", "col_prior_year")
        ]
        + [HeaderCell(text("col_actual", lang)), HeaderCell(text(last, lang))]
    ]
    parts = [table(header, _measure_rows(frame, lang, extra), raw_columns=frozenset({0, 1}))]
    if len(frame) > MAX_ROWS:
        parts.append(paragraph(text("register_count_more", lang, count=len(frame) - MAX_ROWS)))
    return parts


def missed_critical(data: ReviewData, options: Options) -> Html:
    """Critical measures that missed their target, by agency, the farthest off first."""
    lang = data.lang
    frame = data.table("register_measures")
    missed = frame[frame[S.CRITICAL].astype(bool) & (frame[S.TARGET_STATUS] == "missed")]
    if missed.empty:
        return section(
            "missed_critical",
            lang,
            paragraph(text("register_none_missed", lang, period=data.period.label)),
        )
    # how far off, relative to the target, so that counts and shares sort together
    off = (missed[S.VALUE] - missed[S.TARGET]).abs() / missed[S.TARGET].abs().where(
        missed[S.TARGET] != 0
    )
    ordered = missed.assign(_off=off).sort_values(
        [S.UNIT_NAME, "_off"], ascending=[True, False], na_position="last"
    )
    return section("missed_critical", lang, *_measure_table(ordered, lang, "target"))


def worsening_trends(data: ReviewData, options: Options) -> Html:
    """Measures that moved against their desired outcome for several years running."""
    lang, years = data.lang, _years(data)
    frame = data.table("register_measures")
    worse = frame[frame[S.WORSENING_YEARS] >= years].sort_values(
        [S.WORSENING_YEARS, S.UNIT_NAME], ascending=[False, True]
    )
    body = (
        [paragraph(text("register_none_worsening", lang, years=years))]
        if worse.empty
        else [
            paragraph(text("register_worsening_intro", lang, years=years)),
            *_measure_table(worse, lang, "years"),
        ]
    )
    return section("worsening_trends", lang, *body)
