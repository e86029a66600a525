"""The drill-down by unit: a commander picks their precinct and sees its own page part.

One card per unit, inside the same offline page: the unit's CompStat table (every window,
current, prior, % change and z, the figures of the CSV), its signals of the period in
words, and the history of one metric against its process band. No script: a list of
links picks a card, and CSS shows the card the address points at (`#unit-75`), so it works
on a phone, offline, and from a link in a message or on the map.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

import pandas as pd

from statlib import schema as S
from statlib.boundaries import crossed, in_force
from statlib.compare import PREVIOUS_PERIOD
from statlib.maps import unit_anchor as anchor
from statlib.messages import format_date, text
from statlib.params import DomainParams, UnitsSpec
from statlib.report import sections
from statlib.report.compstat import HEADLINE_METRIC_POSITION
from statlib.report.flag_words import describe
from statlib.report.html import Html, esc, paragraph, section
from statlib.sparklines import sparkline

if TYPE_CHECKING:
    from statlib.report.review import ReviewData

HISTORY_PERIODS = 26  # half a year of weeks, a year of fortnights: the recent history
SHORT_KEY = 4  # unit keys this short ("75", "112") label their link; longer ones use names


def units(data: ReviewData, options: Mapping[str, object]) -> Html:
    """Every unit's card, behind a list of links (option `metric`: the history drawn).

    Needs the `comparisons`, `flags` and `spc_points` results.
    """
    lang = data.lang
    plural = data.params.units.plural(lang)
    history = str(options.get("metric", data.major_metrics[HEADLINE_METRIC_POSITION]))
    comparisons = data.table("comparisons")
    keys = sorted(
        set(comparisons[S.UNIT]) - {S.CITYWIDE}, key=lambda k: (not k.isdigit(), k.zfill(8))
    )
    links = "".join(
        f'<li><a href="#{anchor(k)}" aria-label="{esc(data.unit_label(k))}">'
        f"{esc(k if shows_key(data.params, k) else data.unit_label(k))}</a></li>"
        for k in keys
    )
    picker = (
        f'<nav class="unit-picker" aria-label="{esc(text("units_picker", lang, units=plural))}">'
        f"<ul>{links}</ul></nav>"
    )
    windows = [w for w in dict.fromkeys(comparisons[S.WINDOW]) if w != PREVIOUS_PERIOD]
    by_unit = {
        name: dict(tuple(data.table(name).groupby(S.UNIT, sort=False)))
        for name in ("comparisons", "flags")
    }
    points = data.table("spc_points")
    points = points[points[S.METRIC] == history]
    history_of = dict(tuple(points.groupby(S.UNIT, sort=False)))
    cards = "".join(
        card(
            data,
            k,
            by_unit["comparisons"].get(k, comparisons.iloc[:0]),
            by_unit["flags"].get(k, data.table("flags").iloc[:0]),
            history_of.get(k, points.iloc[:0]),
            history,
            windows,
        )
        for k in keys
    )
    intro = f"<p>{esc(text('units_intro', lang, units=plural))}</p>"
    heading = esc(text("section_units", lang, units=plural))
    return Html(
        f'<section class="statlib-section" id="units"><h2>{heading}</h2>'
        f"{intro}{picker}{cards}</section>"
    )


def shows_key(params: DomainParams, key: str) -> bool:
    """A link shows the unit's key itself: short ("75") and with no name of its own."""
    return len(key) <= SHORT_KEY and key not in params.units.names


def boundaries(data: ReviewData, options: Mapping[str, object]) -> Html:
    """Which unit boundaries the page uses, and whether its comparisons cross a redraw.

    The compared days are those of the `windows` result (every window, both sides), or
    the period's own days when there is none.
    """
    spans = data.table("windows").dropna(subset=[S.WINDOW_FIRST])
    first = min([data.period.start, *pd.to_datetime(spans[S.WINDOW_FIRST]).dt.date])
    last = max([data.period.end, *pd.to_datetime(spans[S.WINDOW_LAST]).dt.date])
    return boundary_words(data.params.units, first, last, data.lang)


def boundary_words(units: UnitsSpec, first: date, last: date, lang: str) -> Html:
    """The boundaries section for comparisons over the days first .. last (pure words)."""
    plural = units.plural(lang)
    current = in_force(units.changes, last)
    if current is not None:
        day = format_date(current.day, lang)
        drawn = text("boundaries_redrawn", lang, units=plural, change=current.label(lang), day=day)
    elif units.boundaries_label is not None:
        drawn = units.boundaries_label(lang)
    else:
        drawn = text("boundaries_as_published", lang, units=plural)
    lines = [text("boundaries_in_use", lang, units=plural, drawn=drawn)]
    span = {"first": format_date(first, lang), "last": format_date(last, lang)}
    for change in crossed(units.changes, first, last):
        day = format_date(change.day, lang)
        lines.append(text("boundaries_crossed", lang, change=change.label(lang), day=day, **span))
    if len(lines) == 1 and units.changes:
        lines.append(text("boundaries_comparable", lang, units=plural, **span))
    return section("boundaries", lang, *(paragraph(line) for line in lines))


def card(
    data: ReviewData,
    unit: str,
    comparisons: pd.DataFrame,
    flags: pd.DataFrame,
    points: pd.DataFrame,
    history: str,
    windows: list[str],
) -> str:
    """One unit's card: title, signals, CompStat table, history, a link back."""
    lang = data.lang
    metrics = [k for k in data.metric_keys if k in set(comparisons[S.METRIC])]
    grid = sections.compstat(
        comparisons,
        metrics,
        data.metric_label,
        windows,
        data.period,
        lang,
        data.measures,
        bare=True,
    )
    recent = points.sort_values(S.PERIOD_END).tail(HISTORY_PERIODS)
    label = text("units_history", lang, metric=data.metric_label(history), count=len(recent))
    chart = sparkline(recent, label, data.metric_spec(history).measure)
    figure = f"<figure>{chart}<figcaption>{esc(label)}</figcaption></figure>" if chart else ""
    return (
        f'<div class="unit-card" id="{anchor(unit)}">'
        f'<p class="unit-title" role="heading" aria-level="3">{esc(data.unit_label(unit))}</p>'
        f"{_signals(data, flags)}{grid.body}{figure}"
        f'<p><a href="#units">{esc(text("units_back", lang))}</a></p></div>'
    )


def _signals(data: ReviewData, flags: pd.DataFrame) -> str:
    """The unit's flags of the period in words, concerns and high severity first."""
    lang = data.lang
    if flags.empty:
        return f"<p>{esc(text('units_no_flags', lang))}</p>"
    order = {"high": 0, "medium": 1, "low": 2}
    ordered = flags.assign(
        _concern=flags[S.FLAG_DIRECTION].ne("concern"), _rank=flags[S.SEVERITY].map(order)
    ).sort_values(["_concern", "_rank", S.METRIC], kind="stable")
    items = "".join(
        "<li>"
        + esc(
            text(
                "units_flag_line",
                lang,
                metric=data.metric_label(r[S.METRIC]),
                signal=text("point_" + _signal(r[S.FLAG_DIRECTION], r.get(S.SIDE)), lang),
                severity=text(_SEVERITY_KEY.get(r[S.SEVERITY], "severity_1"), lang),
                words=describe(r, lang, data.metric_spec(r[S.METRIC]).measure),
            )
        )
        + "</li>"
        for _, r in ordered.iterrows()
    )
    return (
        f'<p class="unit-flags-label">{esc(text("units_flags", lang))}</p>'
        f'<ul class="unit-flags">{items}</ul>'
    )


_SEVERITY_KEY = {"high": "severity_3", "medium": "severity_2", "low": "severity_1"}


def _signal(direction: str, side: object) -> str:
    """The point type a flag reads as: a neutral metric's flag by its side."""
    if direction in ("improvement", "concern"):
        return direction
    return "neutral_low" if side == "low" else "neutral_high"
