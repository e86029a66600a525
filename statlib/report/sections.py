"""Report sections: each turns result frames into one HTML section. Drawing only.

Every function takes frames the compute pass wrote (statlib.schema columns) plus labels,
and returns `Html`. Missing data is said in words, never left as a silent gap.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import pandas as pd

from statlib import schema as S
from statlib.anomalies.rare import RARE_COUNT_MEAN
from statlib.messages import (
    format_date,
    format_measure,
    format_number,
    format_percent,
    text,
)
from statlib.periods import Period
from statlib.report.flag_words import describe, in_page_order
from statlib.report.html import HeaderCell, Html, badge, esc, paragraph, section, table
from statlib.report.labels import model_label

Label = Callable[[str], str]  # key -> label in the page's language

SIGNIFICANT_Z = 3.0  # |z| > 3 is a real change for counts (SPC.md, secondary signals)
CHANGE_WINDOW = "28_day"  # the window of rises and maps in weekly reviews (CompStat)
_SEVERITY_KEY = {"high": "severity_3", "medium": "severity_2", "low": "severity_1"}


def _z(value: float, lang: str) -> str:
    if pd.isna(value):
        return format_number(None, lang)
    return format_number(round(float(value), 1) + 0.0, lang, decimals=1)  # + 0.0: no "-0.0"


def summary(
    period: Period,
    data_load: tuple[int, pd.Timestamp] | None,
    latest: str,
    counts: str,
    lang: str,
) -> Html:
    """The page's opening lines: period, data freshness, the counts' words, the caveat."""
    lines = [
        text(
            "period_line",
            lang,
            period=period.label,
            start=format_date(period.start, lang),
            end=format_date(period.end, lang),
        ),
        text(
            "freshness",
            lang,
            load="—" if data_load is None else data_load[0],
            loaded="—" if data_load is None else format_date(data_load[1].date(), lang),
            latest=latest,
        ),
        counts,
    ]
    body = "".join(paragraph(line).body for line in lines)
    return section("summary", lang, Html(body), paragraph(text("preliminary", lang), "caveat"))


def exceptions(
    flags: pd.DataFrame,
    metric: Label,
    unit: Label,
    lang: str,
    measures: Mapping[str, str] | None = None,
) -> Html:
    """Flags of the period, concerns first, then by severity; or a sentence saying none.

    Each flag is worded here (statlib.report.flag_words.describe), its numbers in its
    metric's measure (`measures`: metric -> measure; counts when not given).

    Low-severity flags (a single run rule) fold into a details element, so the signals a
    leader must act on come first on a phone too; nothing is dropped.
    """
    if flags.empty:
        return section("exceptions", lang, paragraph(text("no_exceptions", lang)))
    measure = _measure_of(measures)
    ordered = in_page_order(flags)
    header = [
        [
            HeaderCell(text("col_metric", lang)),
            HeaderCell(text("col_signal", lang)),
            HeaderCell(text("col_severity", lang)),
            HeaderCell(text("col_what", lang)),
        ]
    ]

    def rows_of(frame: pd.DataFrame) -> list[list[str]]:
        return [
            [
                f"{metric(r[S.METRIC])} · {unit(r[S.UNIT])}",
                _direction_badge(r[S.FLAG_DIRECTION], lang, r.get(S.SIDE)),
                text(_SEVERITY_KEY.get(r[S.SEVERITY], "severity_1"), lang),
                describe(r, lang, measure(r[S.METRIC])),
            ]
            for _, r in frame.iterrows()
        ]

    low = ordered[S.SEVERITY].eq("low")
    if low.all() or not low.any():
        return section("exceptions", lang, table(header, rows_of(ordered), raw_columns=_BADGE))
    folded = table(header, rows_of(ordered[low]), raw_columns=_BADGE)
    summary_line = esc(text("more_flags", lang, count=int(low.sum())))
    return section(
        "exceptions",
        lang,
        table(header, rows_of(ordered[~low]), raw_columns=_BADGE),
        Html(f"<details><summary>{summary_line}</summary>{folded.body}</details>"),
    )


_BADGE, _JUDGED, _SIDES = frozenset({1}), ("improvement", "concern"), {"low": "low"}
_NOT_NEGATIVE = frozenset({"count", "stock", "rate"})  # limits below zero read as zero


def _direction_badge(direction: str, lang: str, side: object = "high") -> str:
    kind = direction if direction in _JUDGED else f"neutral_{_SIDES.get(side, 'high')}"
    return f'<span class="spc-badge flag-{kind}">{esc(text("point_" + kind, lang))}</span>'


def _measure_of(measures: Mapping[str, str] | None) -> Callable[[str], str]:
    """Metric key -> measure; every metric is a count when no measures are given."""
    return lambda key: (measures or {}).get(key, "count")


def compstat(
    comparisons: pd.DataFrame,
    metrics: Sequence[str],
    metric: Label,
    windows: Sequence[str],
    period: Period,
    lang: str,
    measures: Mapping[str, str] | None = None,
    bare: bool = False,
) -> Html:
    """The CompStat table: one row per metric; current, prior, % change and z per window.

    `measures` (metric -> statlib.params measure) sets how values read: rates as
    percentages, durations in tenths; counts when not given. `bare`: the table alone (a
    unit's, in statlib.report.units), without the section, heading and remark.
    """
    measure = _measure_of(measures)
    this_year, last_year = period.label[:4], period.same_period_last_year().label[:4]
    header = [
        [HeaderCell(text("col_metric", lang))]
        + [HeaderCell(text("window_" + w, lang), span=4) for w in windows],
        [HeaderCell("")]
        + [
            HeaderCell(label)
            for _ in windows
            for label in (
                text("col_current", lang, year=this_year),
                text("col_prior", lang, year=last_year),
                text("col_pct", lang),
                text("col_z", lang),
            )
        ],
    ]
    keyed = comparisons.set_index([S.METRIC, S.WINDOW])
    rows = []
    for key in metrics:
        row = [metric(key)]
        for window in windows:
            if (key, window) in keyed.index:
                r = keyed.loc[(key, window)]
                row += [
                    format_measure(r[S.CURRENT], measure(key), lang),
                    format_measure(r[S.PRIOR], measure(key), lang),
                    _change(r, measure(key), lang),
                    _z(r[S.POISSON_Z], lang),
                ]
            else:
                row += ["—"] * 4
        rows.append(row)
    if bare:
        return table(header, rows)
    parts = [table(header, rows)]
    current = comparisons.set_index([S.METRIC, S.WINDOW])[S.CURRENT]
    missing = [metric(k) for k in metrics if pd.isna(current.get((k, windows[0]), float("nan")))]
    if missing:
        parts.append(paragraph(text("no_data_metrics", lang, metrics=", ".join(missing)), "remark"))
    return section("compstat", lang, *parts)


def _change(row: pd.Series, measure: str, lang: str) -> str:
    """% change; for a rate its change in percentage points (85% -> 88% is +3.0 pp, not +3.5%)."""
    if measure != "rate":
        return format_percent(row[S.PCT_CHANGE], lang)
    points = row[S.CHANGE] * 100
    if pd.isna(points):
        return "—"
    sign = "+" if points > 0 else ""
    return text("pp_change", lang, value=sign + format_number(points, lang, 1))


def rises(
    comparisons: pd.DataFrame,
    metric: Label,
    unit: Label,
    units_word: str,
    top_n: int,
    lang: str,
    window: str = CHANGE_WINDOW,
) -> Html:
    """Units with the largest significant rises by Poisson z (not by raw %) over `window`.

    Only counts have a z, so rates and durations never appear here.
    """
    worded = "" if window == CHANGE_WINDOW else "_" + window
    chosen = (
        comparisons[
            (comparisons[S.WINDOW] == window)
            & (comparisons[S.UNIT] != S.CITYWIDE)
            & (comparisons[S.POISSON_Z] > SIGNIFICANT_Z)
        ]
        .sort_values([S.POISSON_Z, S.METRIC, S.UNIT], ascending=[False, True, True])
        .head(top_n)
    )
    if chosen.empty:
        return section(
            "rises",
            lang,
            paragraph(
                text("no_rises" + worded, lang, units=units_word, threshold=f"{SIGNIFICANT_Z:g}")
            ),
        )
    header = [
        [
            HeaderCell(text("col_unit", lang)),
            HeaderCell(text("col_metric", lang)),
            HeaderCell(text("window_" + window, lang)),
            HeaderCell(text("col_pct", lang)),
            HeaderCell(text("col_z", lang)),
        ]
    ]
    rows = [
        [
            unit(r[S.UNIT]),
            metric(r[S.METRIC]),
            f"{format_number(r[S.CURRENT], lang)} / {format_number(r[S.PRIOR], lang)}",
            format_percent(r[S.PCT_CHANGE], lang),
            _z(r[S.POISSON_Z], lang),
        ]
        for _, r in chosen.iterrows()
    ]
    intro = paragraph(
        text("rises_intro" + worded, lang, units=units_word, threshold=f"{SIGNIFICANT_Z:g}")
    )
    return section("rises", lang, intro, table(header, rows))


def process(
    summary_frame: pd.DataFrame,
    metrics: Sequence[str],
    metric: Label,
    lang: str,
    measures: Mapping[str, str] | None = None,
    period_end: pd.Timestamp | None = None,
) -> Html:
    """SPC summary per metric; a series that stopped before `period_end` says so, no icon."""
    keyed = summary_frame.set_index(S.METRIC)
    measure = _measure_of(measures)
    header = [
        [
            HeaderCell(text(k, lang))
            for k in (
                "col_metric",
                "col_latest",
                "col_mean",
                "col_limits",
                "col_variation",
                "col_assurance",
            )
        ]
    ]
    rows, remarks = [], []
    for key in [k for k in metrics if k in keyed.index]:
        r = keyed.loc[key]
        lower = (
            max(r[S.LOWER_LIMIT], 0) + 0.0 if measure(key) in _NOT_NEGATIVE else r[S.LOWER_LIMIT]
        )
        stale = period_end is not None and pd.Timestamp(r[S.LAST_PERIOD_END]) < period_end
        limits = (
            f"{format_measure(lower, measure(key), lang, 1)} – "
            f"{format_measure(r[S.UPPER_LIMIT], measure(key), lang, 1)}"
        )
        rows.append(
            [
                metric(key),
                text("last_reported", lang, date=format_date(r[S.LAST_PERIOD_END].date(), lang))
                if stale
                else format_measure(r[S.LAST_VALUE], measure(key), lang),
                format_measure(r[S.CENTRE], measure(key), lang, 1),
                limits,
                badge(None if stale else r[S.VARIATION_ICON], lang),
                badge(None if stale else r[S.ASSURANCE_ICON], lang),
            ]
        )
        if r[S.STATUS] != "ok":
            remarks.append(f"{metric(key)}: {text('status_' + r[S.STATUS], lang)}")
    parts = [table(header, rows, raw_columns=frozenset({4, 5}))]
    parts += [paragraph(remark, "remark") for remark in remarks]
    return section("process", lang, *parts)


def forecasts(
    frame: pd.DataFrame,
    metrics: Sequence[str],
    metric: Label,
    period_of: Callable[[int], str],
    horizon: int,
    lang: str,
    measures: Mapping[str, str] | None = None,
) -> Html:
    """Point forecasts with 80% and 95% ranges for the next periods."""
    measure = _measure_of(measures)
    header = [
        [
            HeaderCell(text(k, lang))
            for k in (
                "col_metric",
                "col_period",
                "forecast",
                "col_range80",
                "col_range95",
                "col_model",
            )
        ]
    ]
    rows = []
    for key in metrics:
        for _, r in frame[frame[S.METRIC] == key].sort_values(S.STEP).iterrows():
            shown = {c: format_measure(r[c], measure(key), lang) for c in _FORECAST_VALUES}
            rows.append(
                [
                    metric(key),
                    period_of(int(r[S.STEP])),
                    shown[S.FORECAST],
                    f"{shown[S.LO_80]} – {shown[S.HI_80]}",
                    f"{shown[S.LO_95]} – {shown[S.HI_95]}",
                    model_label(str(r[S.MODEL]), lang),
                ]
            )
    if not rows:
        return section("forecasts", lang, paragraph(text("no_data", lang)))
    intro = paragraph(text("forecast_intro", lang, horizon=horizon))
    return section("forecasts", lang, intro, table(header, rows))


_FORECAST_VALUES = (S.FORECAST, S.LO_80, S.HI_80, S.LO_95, S.HI_95)


def methods(settings: str, rare_series: int, source: str, lang: str) -> Html:
    """How the numbers were made: SPC settings, rare events, z, forecasts, the source."""
    lines = [
        text("note_spc", lang, settings=settings),
        text("note_rare", lang, count=rare_series, mean=f"{RARE_COUNT_MEAN:g}"),
        text("note_z", lang),
        text("note_forecast", lang),
        text("note_source", lang, source=source),
    ]
    return section("notes", lang, *(paragraph(line, "note") for line in lines))
