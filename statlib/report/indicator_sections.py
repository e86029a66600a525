"""The sections of an indicator review (a bureau's monthly report): `(ReviewData, options)`.

They read the `indicators` and `outlook` result tables (statlib.indicators,
statlib.outlook) and say what a bureau's report says, generated from the numbers: the
cumulative value and its growth, the change in points and in rank since the year's first
release, the gap to the benchmark, the single month, the target's outlook.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from statlib import schema as S
from statlib.compare import SAME_PERIOD
from statlib.indicators import cumulative_metrics, first_release, own_units, previous_release
from statlib.messages import format_measure, format_number, format_percent, text
from statlib.params import MetricSpec
from statlib.periods import Period
from statlib.report.html import Html, paragraph, section

if TYPE_CHECKING:
    from statlib.report.review import ReviewData

Options = Mapping[str, object]
STAR = "\u2605"  # marks the city in its peers' league table
UP_ARROW = "\u2191"  # growth faster than at the previous release


def cumulative_label(period: Period, lang: str) -> str:
    """The months cumulated, "Jan-Aug" / "1-8月"; other frequencies: the period's label."""
    if period.freq != "month":
        return period.label
    if lang == "en":
        first, last = "Jan", period.end.strftime("%b")
    else:
        first, last = "1", str(period.end.month)
    return text("cumulative_months", lang, first=first, last=last)


def single_label(period: Period, lang: str) -> str:
    """The single month, "August" / "8月"; other frequencies: the period's label."""
    if period.freq != "month":
        return period.label
    month = period.end.strftime("%B") if lang == "en" else str(period.end.month)
    return text("single_month", lang, month=month)


def _row(frame: pd.DataFrame, metric: str, unit: str, window: str | None = None) -> pd.Series:
    chosen = frame[(frame[S.METRIC] == metric) & (frame[S.UNIT] == unit)]
    if window is not None:
        chosen = chosen[chosen[S.WINDOW] == window]
    return chosen.iloc[0] if len(chosen) else pd.Series(dtype=object)


def _number(row: pd.Series, column: str) -> float:
    value = row.get(column, np.nan)
    return np.nan if value is None or pd.isna(value) else float(value)


def _points(value: float, lang: str) -> str:
    return format_number(abs(value), lang, decimals=1)


def _percent(value: float, lang: str, signed: bool = True) -> str:
    return format_percent(value, lang, decimals=1, signed=signed)


def _value(data: ReviewData, metric: MetricSpec, value: float) -> str:
    return format_measure(value, metric.measure, data.lang)


def _unit(data: ReviewData, metric: MetricSpec) -> str:
    return metric.unit_label(data.lang) if metric.unit_label else ""


def amount(data: ReviewData, metric: MetricSpec, value: float) -> str:
    """A value with its unit: "964 firms", "85.0 (100 million yuan)", "85.0亿元"."""
    unit = _unit(data, metric)
    shown = _value(data, metric, value)
    if not unit:
        return shown
    key = "amount_count" if metric.measure in ("count", "stock") else "amount_measure"
    return text(key, data.lang, value=shown, unit=unit)


def _group(data: ReviewData, metric: MetricSpec) -> tuple[str, int]:
    if not metric.peers:
        return data.params.units.plural(data.lang), 0
    group = data.params.peer_groups[metric.peers]
    return group.label(data.lang), len(group.units)


def _growth_part(data: ReviewData, growth: float, prefix: str | None) -> str:
    lang = data.lang
    if lang == "zh":
        key = "up" if growth >= 0 else "down"
        shown = _percent(abs(growth), lang, signed=False)
        if prefix is None:
            return text(f"hl_growth_{key}", lang, growth=shown)
        only = "hl_growth_only" if growth >= 0 else "hl_growth_only_down"
        return text(only, lang, period=prefix, growth=shown)
    if prefix is None:
        return text("hl_growth_up", lang, growth=_percent(growth, lang))
    return text("hl_growth_only", lang, period=prefix, growth=_percent(growth, lang))


def _change_part(prefix: str, change: float, then: str, lang: str, amount: str) -> str:
    """A change in words: "24.6 points above Jan-Feb", "up 5 places since Jan-Feb"."""
    if change == 0:
        return text(f"{prefix}_same", lang, then=then)
    way = "up" if change > 0 else "down"
    return text(f"{prefix}_{way}", lang, then=then, **{amount: _amount(amount, change, lang)})


def _amount(kind: str, change: float, lang: str) -> str:
    if kind == "pp":
        return _points(change, lang)
    places = int(abs(change))
    return text("place", lang) if places == 1 else text("places", lang, n=places)


def headline(data: ReviewData, metric: MetricSpec) -> str:
    """One indicator's headline sentence for the city, generated from its numbers."""
    lang, period = data.lang, data.period
    indicators, outlook = data.table("indicators"), data.table("outlook")
    ytd = _row(indicators, metric.key, S.CITYWIDE, S.YTD)
    since_first = _row(indicators, metric.key, S.CITYWIDE, S.YTD_SINCE_FIRST)
    single = _row(indicators, metric.key, S.CITYWIDE, S.SINGLE_PERIOD)
    label = (
        cumulative_label(period, lang)
        if metric.accumulation == "ytd"
        else single_label(period, lang)
    )
    group, count = _group(data, metric)
    first = first_release(period, data.params.first_release_month)
    first_label = cumulative_label(first, lang)
    parts: list[str] = []
    current, growth = _number(ytd, S.CURRENT), _number(ytd, S.PCT_CHANGE)
    if metric.reports_value and not np.isnan(current):
        parts.append(text("hl_level", lang, period=label, amount=amount(data, metric, current)))
    if not np.isnan(share := _number(ytd, S.SHARE)):
        parent = data.unit_label(metric.share_of)
        parts.append(text("hl_share", lang, share=_percent(share, lang, False), parent=parent))
    if not np.isnan(level_rank := _number(ytd, S.LEVEL_RANK)):
        parts.append(text("hl_level_rank", lang, rank=int(level_rank), group=group))
    if not np.isnan(growth):
        parts.append(_growth_part(data, growth, None if parts else label))
    if first != period and not np.isnan(pp := _number(since_first, S.PP_CHANGE)):
        parts.append(_change_part("hl_pp", round(pp, 1), first_label, lang, "pp"))
    if not np.isnan(rank := _number(ytd, S.RANK)) and metric.peers:
        parts.append(text("hl_growth_rank", lang, rank=int(rank), count=count, group=group))
        moved = _number(since_first, S.RANK_CHANGE)
        if first != period and not np.isnan(moved):
            parts.append(_change_part("hl_rank", moved, first_label, lang, "places"))
    if not np.isnan(gap := _number(ytd, S.BENCHMARK_GAP)):
        way = "up" if gap >= 0 else "down"
        benchmark = data.unit_label(metric.benchmark)
        parts.append(text(f"hl_benchmark_{way}", lang, gap=_points(gap, lang), benchmark=benchmark))
    if not parts:
        parts.append(text("hl_no_data", lang))
    if metric.accumulation == "ytd" and first != period and metric.reports_value:
        parts += _single_parts(data, metric, single, group)
    sentence = text("hl_separator", lang).join(parts) + text("hl_end", lang)
    target = _target_sentence(data, _row(outlook, metric.key, S.CITYWIDE))
    named = text("hl_named", lang, name=data.metric_label(metric.key), sentence=sentence)
    return named + (f" {target}" if target else "")


def _single_parts(data: ReviewData, metric: MetricSpec, single: pd.Series, group: str):
    current, growth = _number(single, S.CURRENT), _number(single, S.PCT_CHANGE)
    if np.isnan(current):
        return []
    lang = data.lang
    part = text(
        "hl_single",
        lang,
        month=single_label(data.period, lang),
        amount=amount(data, metric, current),
        growth=_growth_part(data, growth, None) if not np.isnan(growth) else "—",
    )
    if not np.isnan(rank := _number(single, S.RANK)) and metric.peers:
        part += ("，" if lang == "zh" else ", ") + text(
            "hl_single_rank", lang, rank=int(rank), group=group
        )
    return [part]


def _target_sentence(data: ReviewData, row: pd.Series) -> str:
    target = _number(row, S.TARGET)
    if np.isnan(target):
        return ""
    lang = data.lang
    shown = _percent(target, lang)
    if np.isnan(projection := _number(row, S.PROJECTION)):
        return text("hl_target_no_projection", lang, target=shown) + text("hl_end", lang)
    return text(
        "hl_target",
        lang,
        target=shown,
        projection=_percent(projection, lang),
        low=_percent(_number(row, S.PROJECTION_LO_80), lang),
        high=_percent(_number(row, S.PROJECTION_HI_80), lang),
        chance=chance(_number(row, S.P_REACH_TARGET), lang),
    ) + text("hl_end", lang)


def chance(probability: float, lang: str) -> str:
    """A probability in words a reader can trust: "under 1%" rather than a bare "0%"."""
    if np.isnan(probability):
        return "—"
    if probability < 0.005:
        return text("chance_under", lang)
    if probability > 0.995:
        return text("chance_over", lang)
    return format_percent(100 * probability, lang, 0, signed=False)


def period_headline(data: ReviewData, metric: MetricSpec) -> str:
    """A per-period metric's headline (a stock at the month's end): value and growth."""
    lang = data.lang
    row = _row(data.table("comparisons"), metric.key, S.CITYWIDE, SAME_PERIOD)
    current, growth = _number(row, S.CURRENT), _number(row, S.PCT_CHANGE)
    if np.isnan(current):
        sentence = text("hl_no_data", lang) + text("hl_end", lang)
        return text("hl_named", lang, name=data.metric_label(metric.key), sentence=sentence)
    key = "hl_stock" if not metric.traits.additive else "hl_period"
    parts = [
        text(
            key,
            lang,
            period=single_label(data.period, lang),
            amount=amount(data, metric, current),
        )
    ]
    if not np.isnan(growth):
        parts.append(_growth_part(data, growth, None))
    sentence = text("hl_separator", lang).join(parts) + text("hl_end", lang)
    return text("hl_named", lang, name=data.metric_label(metric.key), sentence=sentence)


def headlines(data: ReviewData, options: Options) -> Html:
    """A headline paragraph per indicator in declared order, then the districts' movement."""
    metrics = cumulative_metrics(data.params)
    paragraphs = [
        paragraph(headline(data, m) if m in metrics else period_headline(data, m))
        for m in data.params.metrics
    ]
    if metrics:
        key = str(options.get("metric", metrics[0].key))
        paragraphs.append(paragraph(accelerations(data, data.metric_spec(key))))
    return section("headlines", data.lang, *paragraphs)


def accelerations(data: ReviewData, metric: MetricSpec) -> str:
    """How many own units (districts) grew faster than at the previous release, and which."""
    lang = data.lang
    indicators = data.table("indicators")
    rows = indicators[(indicators[S.METRIC] == metric.key) & (indicators[S.WINDOW] == S.YTD)]
    own = rows[rows[S.UNIT].isin(own_units(data.params, rows[S.UNIT]))]
    before = previous_release(data.period, data.params.first_release_month)
    units = data.params.units.plural(lang)
    if before is None or own.empty:
        return ""
    then = cumulative_label(before, lang)
    faster = own[own[S.ACCELERATED].fillna(False).astype(bool)].sort_values(S.UNIT)
    if faster.empty:
        sentence = text("hl_accelerated_none", lang, units=units, then=then)
    else:
        names = ("、" if lang == "zh" else ", ").join(data.unit_label(u) for u in faster[S.UNIT])
        sentence = text(
            "hl_accelerated",
            lang,
            count=len(faster),
            total=len(own),
            units=units,
            then=then,
            names=names,
        )
    sentence += text("hl_end", lang)
    return text("hl_named", lang, name=data.metric_label(metric.key), sentence=sentence)
