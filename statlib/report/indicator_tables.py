"""The tables of an indicator review: the city, its peers, its districts, definitions.

Each is a section `(ReviewData, options) -> Html` (statlib.report.registry).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from statlib import schema as S
from statlib.indicators import cumulative_metrics, first_release, own_units, previous_release
from statlib.messages import format_number, format_percent, text
from statlib.params import MetricSpec
from statlib.report.html import HeaderCell, Html, paragraph, section, table
from statlib.report.indicator_sections import (
    STAR,
    UP_ARROW,
    _number,
    _percent,
    _row,
    _unit,
    _value,
    chance,
    cumulative_label,
)

if TYPE_CHECKING:
    from statlib.report.review import ReviewData

Options = Mapping[str, object]


def _points(value: float, lang: str) -> str:
    if np.isnan(value):
        return "—"
    return ("+" if value > 0 else "") + format_number(value, lang, decimals=1)


def _rank(rank: float, change: float, lang: str) -> tuple[str, str]:
    if np.isnan(rank):
        return "—", "—"
    moved = "—" if np.isnan(change) else ("+" if change > 0 else "") + format_number(change, lang)
    return format_number(rank, lang), moved


def indicator_table(data: ReviewData, options: Options) -> Html:
    """The city's indicators: cumulative value, growth, point and rank changes, target."""
    lang, period = data.lang, data.period
    indicators, outlook = data.table("indicators"), data.table("outlook")
    previous = previous_release(period, data.params.first_release_month)
    first = first_release(period, data.params.first_release_month)
    then_previous = cumulative_label(previous, lang) if previous else "—"
    labels = (
        text("col_indicator", lang),
        text("col_cumulative", lang, period=cumulative_label(period, lang)),
        text("col_growth", lang),
        text("col_pp_previous", lang, then=then_previous),
        text("col_pp_previous", lang, then=cumulative_label(first, lang)),
        text("col_growth_rank", lang),
        text("col_rank_change", lang),
        text("col_level_rank", lang),
        text("col_share", lang),
        text("col_vs_benchmark", lang),
        text("col_target", lang),
        text("col_projection", lang),
        text("col_chance", lang),
        text("col_next", lang),
    )
    rows = []
    for metric in cumulative_metrics(data.params):
        ytd = _row(indicators, metric.key, S.CITYWIDE, S.YTD)
        since_first = _row(indicators, metric.key, S.CITYWIDE, S.YTD_SINCE_FIRST)
        ahead = _row(outlook, metric.key, S.CITYWIDE)
        rank, moved = _rank(_number(ytd, S.RANK), _number(since_first, S.RANK_CHANGE), lang)
        level_rank = _number(ytd, S.LEVEL_RANK)
        target = _number(ahead, S.TARGET)
        rows.append(
            [
                _named_with_unit(data, metric),
                _value(data, metric, _number(ytd, S.CURRENT)) if metric.reports_value else "—",
                _percent(_number(ytd, S.PCT_CHANGE), lang),
                _points(_number(ytd, S.PP_CHANGE), lang),
                _points(_number(since_first, S.PP_CHANGE), lang),
                rank,
                moved,
                "—" if np.isnan(level_rank) else format_number(level_rank, lang),
                format_percent(_number(ytd, S.SHARE), lang, 1, signed=False),
                _points(_number(ytd, S.BENCHMARK_GAP), lang),
                "—" if np.isnan(target) else _percent(target, lang),
                _projection(ahead, lang) if not np.isnan(target) else "—",
                chance(_number(ahead, S.P_REACH_TARGET), lang),
                _percent(_number(ahead, S.NEXT_GROWTH), lang),
            ]
        )
    header = [[HeaderCell(label) for label in labels]]
    return section("indicator_table", lang, table(header, rows))


def _named_with_unit(data: ReviewData, metric: MetricSpec) -> str:
    unit = _unit(data, metric)
    return f"{data.metric_label(metric.key)} ({unit})" if unit else data.metric_label(metric.key)


def _projection(ahead: pd.Series, lang: str) -> str:
    """The projected year and its 80% range: "+3.1% (+0.9% – +5.3%)"."""
    projection = _number(ahead, S.PROJECTION)
    if np.isnan(projection):
        return "—"
    low, high = _number(ahead, S.PROJECTION_LO_80), _number(ahead, S.PROJECTION_HI_80)
    return f"{_percent(projection, lang)} ({_percent(low, lang)} – {_percent(high, lang)})"


def _growth_and_rank(growth: float, rank: float, lang: str) -> str:
    if np.isnan(growth):
        return "—"
    return f"{_percent(growth, lang)} ({format_number(rank, lang)})"


def peer_league(data: ReviewData, options: Options) -> Html:
    """Every peer's growth and rank for each ranked indicator, best first by the first one."""
    lang = data.lang
    ranked = [m for m in cumulative_metrics(data.params) if m.peers]
    if not ranked:
        return section("peer_league", lang, paragraph(text("no_data", lang)))
    indicators = data.table("indicators")
    ytd = indicators[indicators[S.WINDOW] == S.YTD]
    lead = data.metric_spec(str(options.get("metric", ranked[0].key)))
    group = data.params.peer_groups[lead.peers]
    order = (
        ytd[(ytd[S.METRIC] == lead.key) & ytd[S.UNIT].isin(group.units)]
        .sort_values([S.RANK, S.UNIT], na_position="last")[S.UNIT]
        .tolist()
    )
    order += [u for u in group.units if u not in order]
    header = [
        [HeaderCell(text("col_peer", lang))]
        + [HeaderCell(data.metric_label(m.key)) for m in ranked]
    ]
    rows = []
    for unit in order:
        name = group.names[unit](lang) if unit in group.names else data.unit_label(unit)
        cells = [f"{STAR} {name}" if unit == S.CITYWIDE else name]
        for metric in ranked:
            row = _row(ytd, metric.key, unit)
            growth, rank = _number(row, S.PCT_CHANGE), _number(row, S.RANK)
            cells.append(
                "—"
                if np.isnan(growth)
                else f"{_percent(growth, lang)} ({format_number(rank, lang)})"
            )
        rows.append(cells)
    intro = text(
        "league_intro",
        lang,
        period=cumulative_label(data.period, lang),
        metric=data.metric_label(lead.key),
    )
    return section("peer_league", lang, paragraph(intro), table(header, rows))


def districts(data: ReviewData, options: Options) -> Html:
    """The domain's own units: each indicator's growth, arrowed where it accelerated."""
    lang = data.lang
    indicators = data.table("indicators")
    ytd = indicators[indicators[S.WINDOW] == S.YTD]
    units = sorted(own_units(data.params, ytd[S.UNIT].unique()))
    metrics = [
        m
        for m in cumulative_metrics(data.params)
        if ytd[ytd[S.METRIC] == m.key][S.UNIT].isin(units).any()
    ]
    if not units or not metrics:
        return section("districts", lang, paragraph(text("no_data", lang)))
    header = [
        [HeaderCell(data.params.units.label(lang))]
        + [HeaderCell(data.metric_label(m.key)) for m in metrics]
    ]
    rows = []
    for unit in units:
        cells = [data.unit_label(unit)]
        for metric in metrics:
            row = _row(ytd, metric.key, unit)
            growth = _number(row, S.PCT_CHANGE)
            faster = bool(row.get(S.ACCELERATED)) if pd.notna(row.get(S.ACCELERATED)) else False
            cells.append(
                "—"
                if np.isnan(growth)
                else _percent(growth, lang) + (f" {UP_ARROW}" if faster else "")
            )
        rows.append(cells)
    previous = previous_release(data.period, data.params.first_release_month)
    intro = text(
        "districts_intro",
        lang,
        period=cumulative_label(data.period, lang),
        then=cumulative_label(previous, lang) if previous else "—",
    )
    return section("districts", lang, paragraph(intro), table(header, rows))


def definitions(data: ReviewData, options: Options) -> Html:
    """What each indicator measures, its unit and how it is reported; source and owner."""
    lang = data.lang
    header = [
        [
            HeaderCell(text(key, lang))
            for key in ("col_indicator", "col_unit_of", "col_reported", "col_definition")
        ]
    ]
    rows = [
        [
            data.metric_label(m.key),
            _unit(data, m) or "—",
            " · ".join(
                [text("accumulation_" + m.accumulation, lang)]
                + [text("reported_" + kind, lang) for kind in m.reported]
            ),
            m.definition(lang) if m.definition else "—",
        ]
        for m in data.params.metrics
    ]
    lines = [text("note_source", lang, source=text("source_" + data.params.source, lang))]
    if data.params.owner:
        lines.append(text("owner_line", lang, owner=data.params.owner(lang)))
    if any(m.accumulation == "ytd" for m in data.params.metrics):  # cumulative releases
        lines.append(text("single_month_note", lang))
    notes = [paragraph(line, "note") for line in lines]
    return section("definitions", lang, table(header, rows), *notes)
