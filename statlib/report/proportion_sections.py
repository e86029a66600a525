"""Sections of rates counted as passes out of tests: the category tree, p-charts, the funnel.

Each is a section `(ReviewData, options) -> Html` (statlib.report.registry) that any domain
whose rate metrics carry numerators and denominators can list; they read the `p_chart` and
`funnel` tables of the proportions stage (statlib.proportions).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import pandas as pd

from statlib import schema as S
from statlib.messages import format_measure, format_number, text
from statlib.proportion_charts import funnel_plot, p_chart
from statlib.report.html import HeaderCell, Html, badge, paragraph, section, table
from statlib.spc.classify import variation_icon

if TYPE_CHECKING:
    from statlib.report.review import ReviewData

Options = Mapping[str, object]
INDENT = "\u3000"  # an ideographic space per level of the tree: reads in both languages


def _depth(data: ReviewData, key: str) -> int:
    depth, parent = 0, data.metric_spec(key).part_of
    while parent is not None:
        depth, parent = depth + 1, data.metric_spec(parent).part_of
    return depth


def _counts(rows: pd.DataFrame, lang: str) -> list[str]:
    """Tested, failed and pass rate of the summed rows (em dashes when none)."""
    tested, passed = rows[S.DENOMINATOR].sum(), rows[S.NUMERATOR].sum()
    if not len(rows) or tested <= 0:
        return ["—", "—", "—"]
    return [
        format_number(tested, lang),
        format_number(tested - passed, lang),
        format_measure(passed / tested, "rate", lang, 1),
    ]


def category_tree(data: ReviewData, options: Options) -> Html:
    """Citywide tests, failures and pass rates by category, this period and year to date.

    Rows follow the declared metrics, each indented under the metric it is `part_of`; the
    year to date sums the periods' counts (the pass rate of the sums, not a mean of rates).
    """
    lang, points = data.lang, data.citywide("p_chart")
    end = pd.Timestamp(data.period.end)
    year = points[(points[S.PERIOD_END].dt.year == end.year) & (points[S.PERIOD_END] <= end)]
    targets = data.citywide("targets").set_index(S.METRIC)
    header = [
        [HeaderCell(text("col_category", lang)), HeaderCell(text("col_this_period", lang), 3),
         HeaderCell(text("col_year_to_date", lang), 3), HeaderCell(text("col_rate_target", lang)),
         HeaderCell(text("col_chart_signal", lang))],
        [HeaderCell("")] + [HeaderCell(text(k, lang)) for k in ("col_tested", "col_failed",
                            "col_pass_rate")] * 2 + [HeaderCell(""), HeaderCell("")],
    ]  # fmt: skip
    rows = []
    for key in data.metric_keys:
        mine = year[year[S.METRIC] == key]
        if mine.empty:
            continue
        now = mine[mine[S.PERIOD] == data.period.label]
        target = data.metric_spec(key).period_target
        shown = "—"
        if target is not None and key in targets.index:
            met = bool(targets.loc[key, S.ON_TRACK])
            value = format_measure(target, "rate", lang, 1)
            shown = text("target_met" if met else "target_missed", lang, target=value)
        icon = variation_icon(now[S.POINT_TYPE].iloc[0], now[S.SIDE].iloc[0]) if len(now) else None
        signal = badge(icon, lang)
        label = INDENT * _depth(data, key) + data.metric_label(key)
        rows.append([label, *_counts(now, lang), *_counts(mine, lang), shown, signal])
    span = f"{year[S.PERIOD].min()} – {data.period.label}" if len(year) else "—"
    intro = text("category_intro", lang, period=data.period.label, span=span)
    return section(
        "category_tree", lang, paragraph(intro), table(header, rows, raw_columns=frozenset({8}))
    )


def p_charts(data: ReviewData, options: Options) -> Html:
    """A p-chart (Laney's p' where over-dispersed) of each major rate metric, citywide."""
    points = data.citywide("p_chart")
    figures = [
        Html(
            p_chart(
                points[points[S.METRIC] == key],
                title=data.metric_label(key),
                lang=data.lang,
                target=data.metric_spec(key).period_target,
            )._repr_html_()
        )
        for key in data.major_metrics
        if (points[S.METRIC] == key).any()
    ]
    if not figures:
        figures = [paragraph(text("no_data", data.lang))]
    return section("p_charts", data.lang, paragraph(text("p_charts_intro", data.lang)), *figures)


def funnel(data: ReviewData, options: Options) -> Html:
    """A funnel plot of the units for one rate metric (options `metric`, `window`)."""
    lang = data.lang
    key = str(options.get("metric", data.major_metrics[0]))
    window = str(options.get("window", S.YTD))
    frame = data.table("funnel")
    units = frame[(frame[S.METRIC] == key) & (frame[S.WINDOW] == window)]
    if units.empty:
        return section("funnel", lang, paragraph(text("no_data", lang)))
    units = units.sort_values(S.Z_SCORE)
    where = text(f"funnel_window_{window}", lang)
    names = {u: data.unit_label(u) for u in units[S.UNIT]}
    chart = funnel_plot(units, title=f"{data.metric_label(key)} ({where})", names=names, lang=lang)
    parts = [paragraph(text("funnel_intro", lang, metric=data.metric_label(key), window=where))]
    parts.append(Html(chart._repr_html_()))
    phi = float(units[S.PHI].iloc[0])
    if phi > 1:
        parts.append(paragraph(text("funnel_phi", lang, phi=format_number(phi, lang, 2)), "note"))
    columns = ("col_unit", "col_tested", "col_failed", "col_pass_rate", "col_z", "col_position")
    header = [[HeaderCell(text(k, lang)) for k in columns]]
    rows = [
        [
            names[r[S.UNIT]],
            format_number(r[S.DENOMINATOR], lang),
            format_number(r[S.DENOMINATOR] - r[S.NUMERATOR], lang),
            format_measure(r[S.VALUE], "rate", lang, 1),
            format_number(r[S.Z_SCORE], lang, 1),
            text(f"position_{r[S.FUNNEL_POSITION]}", lang),
        ]
        for _, r in units.iterrows()
    ]
    parts.append(table(header, rows))
    return section("funnel", lang, *parts)
