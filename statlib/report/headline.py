"""The headline: one generated sentence per headline metric, for a leader. Drawing only.

"Seven major felonies: -7.8% on the week, -5.1% over 28 days, -6.3% year to date; down in
40 and up in 36 of 77 precincts over 28 days; 2 significant rises (z > 3): Precinct 112
(+45.0%), Precinct 75 (+30.2%)." Every number comes from the `comparisons` result, as the
CompStat table and the CSV show it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import pandas as pd

from statlib import schema as S
from statlib.compare import PREVIOUS_PERIOD
from statlib.errors import ParamsError
from statlib.messages import format_number, format_percent, text
from statlib.report.compstat import change_window
from statlib.report.flag_words import describe, in_page_order
from statlib.report.html import Html, esc, section
from statlib.report.sections import SIGNIFICANT_Z

if TYPE_CHECKING:
    from statlib.report.review import ReviewData

NAMED_UNITS = 3  # significant rises named in a sentence; the rest are counted
_Z_MEASURES = frozenset({"count", "stock"})  # measures with a Poisson z


def headline(data: ReviewData, options: Mapping[str, object]) -> Html:
    """One sentence per metric of option `metrics` (default: the major metrics).

    Needs the `comparisons` result (unit, metric, window, current, prior, change,
    pct_change, z). Option `window`: the window units are counted over (as the map's).
    """
    metrics = _metrics(data, options)
    comparisons = data.table("comparisons")
    windows = [w for w in dict.fromkeys(comparisons[S.WINDOW]) if w != PREVIOUS_PERIOD]
    over = change_window(data, options)
    items = [
        sentence(data, comparisons[comparisons[S.METRIC] == key], key, windows, over)
        for key in metrics
    ]
    first = top_concern(data)
    # The first concern leads (a phone's first screen); the metric sentences follow it.
    lead = f'<li class="first-concern">{first}</li>' if first else ""
    body = lead + "".join(f'<li class="metric-sentence">{item}</li>' for item in items)
    return section("headline", data.lang, Html(f'<ul class="headline">{body}</ul>'))


def top_concern(data: ReviewData) -> str | None:
    """The first exception of the page when it is a high or medium concern, as HTML.

    It leads the headline so that a phone's first screen carries it (the exceptions table
    follows further down, in the same order: statlib.report.flag_words.in_page_order).
    """
    flags = data.table("flags")
    if flags.empty:
        return None
    first = in_page_order(flags).iloc[0]
    if first[S.FLAG_DIRECTION] != "concern" or first[S.SEVERITY] not in ("high", "medium"):
        return None
    measure = data.measures.get(first[S.METRIC], "count")
    return text(
        "headline_top_concern",
        data.lang,
        label=f"<strong>{esc(text('headline_top_concern_label', data.lang))}</strong>",
        where=esc(f"{data.metric_label(first[S.METRIC])} · {data.unit_label(first[S.UNIT])}"),
        severity=esc(text(f"severity_{first[S.SEVERITY]}_word", data.lang)),
        words=esc(describe(first, data.lang, measure)),
    )


def _metrics(data: ReviewData, options: Mapping[str, object]) -> list[str]:
    chosen = options.get("metrics")
    if chosen is None:
        return data.major_metrics
    if not isinstance(chosen, (list, tuple)) or not chosen:
        raise ParamsError(f"headline: metrics must be a list of metric keys, not {chosen!r}")
    for key in chosen:
        data.metric_spec(str(key))  # raises ParamsError for an undeclared metric
    return [str(key) for key in chosen]


def sentence(data: ReviewData, rows: pd.DataFrame, key: str, windows: list[str], over: str) -> str:
    """The headline sentence of one metric, as HTML (the metric's name in bold)."""
    lang, measure = data.lang, data.metric_spec(key).measure
    name = f"<strong>{esc(data.metric_label(key))}</strong>"
    city = rows[rows[S.UNIT] == S.CITYWIDE].set_index(S.WINDOW)
    changes = [
        text(f"headline_window_{w}", lang, change=change_words(city.loc[w], measure, lang))
        for w in windows
        if w in city.index and pd.notna(city.loc[w, S.CURRENT])
    ]
    end = text("headline_end", lang)
    if not changes:
        return text("headline_no_data", lang, metric=name) + end
    parts = [text("headline_metric", lang, metric=name, changes=esc(_joined(changes, lang)))]
    units = rows[(rows[S.UNIT] != S.CITYWIDE) & (rows[S.WINDOW] == over)]
    units = units[units[S.CHANGE].notna()]
    if len(units):
        parts.append(
            esc(
                text(
                    "headline_units",
                    lang,
                    down=format_number(int((units[S.CHANGE] < 0).sum()), lang),
                    up=format_number(int((units[S.CHANGE] > 0).sum()), lang),
                    total=format_number(len(units), lang),
                    units=data.params.units.plural(lang),
                    window=text(f"headline_over_{over}", lang),
                )
            )
        )
        if measure in _Z_MEASURES:
            parts.append(esc(_rises(data, units)))
    return text("headline_part_separator", lang).join(parts) + end


def change_words(row: pd.Series, measure: str, lang: str) -> str:
    """The change of one window: % for counts, percentage points for a rate."""
    if measure == "rate":
        points = row[S.CHANGE] * 100
        if pd.isna(points):
            return "—"
        sign = "+" if points > 0 else ""
        return text("pp_change", lang, value=sign + format_number(points + 0.0, lang, 1))
    return format_percent(row[S.PCT_CHANGE], lang)


def _rises(data: ReviewData, units: pd.DataFrame) -> str:
    """The units whose rise is significant (Poisson z > SIGNIFICANT_Z), largest z first."""
    lang, threshold = data.lang, f"{SIGNIFICANT_Z:g}"
    rising = units[units[S.POISSON_Z] > SIGNIFICANT_Z].sort_values(
        [S.POISSON_Z, S.UNIT], ascending=[False, True]
    )
    if rising.empty:
        return text("headline_rises_none", lang, threshold=threshold)
    named = [
        text(
            "headline_named",
            lang,
            unit=data.unit_label(r[S.UNIT]),
            change=format_percent(r[S.PCT_CHANGE], lang),
        )
        for _, r in rising.head(NAMED_UNITS).iterrows()
    ]
    if len(rising) > NAMED_UNITS:
        named.append(text("headline_more", lang, count=len(rising) - NAMED_UNITS))
    key = "headline_rises_one" if len(rising) == 1 else "headline_rises_many"
    return text(key, lang, count=len(rising), threshold=threshold, names=_joined(named, lang))


def _joined(items: list[str], lang: str) -> str:
    return text("headline_list_separator", lang).join(items)
