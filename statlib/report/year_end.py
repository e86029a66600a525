"""The year to date against an annual target (a budget), and the projection to year end.

Draws the `year_end` results (statlib.stages): for a metric with a `per: year` level target,
the total so far against the target's pro-rata share, the projected full-year total with its
80% range, and whether the target will likely be met; then every unit's projection beside
its last year, largest first, so a director sees where the money goes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from statlib import schema as S
from statlib.errors import ParamsError
from statlib.messages import format_compact, format_percent, text
from statlib.report.html import HeaderCell, Html, paragraph, section, table

if TYPE_CHECKING:
    from statlib.report.review import ReviewData

HEADINGS = ("target", "budget")  # option `heading`: the target's name on the page


def _metric(data: ReviewData, options: Mapping[str, object]) -> str:
    """The option's metric, else the first with an annual level target."""
    if "metric" in options:
        return str(options["metric"])
    keys = [m.key for m in data.params.metrics if m.annual_total_target is not None]
    if not keys:
        raise ParamsError(
            f"params/{data.params.domain}.yaml: section annual_target needs a metric with a "
            "`per: year` level target (a budget)"
        )
    return keys[0]


def _outlook(outlook: str, direction: str, word: str, lang: str) -> str:
    """The outlook in words: a ceiling (a budget) is stayed within, a floor reached."""
    if outlook not in ("likely", "uncertain", "unlikely"):
        return "—"
    side = "ceiling" if direction == S.DECREASE else "floor"
    return text(f"year_end_{side}_{outlook}", lang, word=word)


def _change(current: float, prior: float, lang: str) -> str:
    """Percent change on last year's total; a dash without one."""
    if np.isnan(prior) or prior == 0 or np.isnan(current):
        return "—"
    return format_percent(100.0 * (current / prior - 1.0), lang)


def _sentence(data: ReviewData, row: pd.Series, word: str) -> str:
    """The target unit's year in one sentence: so far, against the share to date, and ahead."""
    lang, spec = data.lang, data.metric_spec(str(row[S.METRIC]))
    to_date, year_to_date = float(row[S.TARGET_TO_DATE]), float(row[S.YEAR_TO_DATE])
    return text(
        "year_end_sentence",
        lang,
        unit=data.unit_label(str(row[S.UNIT])),
        metric=spec.label(lang),
        period=data.period.label,
        so_far=format_compact(year_to_date, lang),
        to_date=format_compact(to_date, lang),
        gap=format_percent(100.0 * (year_to_date / to_date - 1.0), lang) if to_date else "—",
        elapsed=int(row[S.PERIODS_ELAPSED]),
        periods=int(row[S.PERIODS_ELAPSED] + row[S.PERIODS_REMAINING]),
        year=int(row[S.YEAR]),
        projected=format_compact(row[S.PROJECTED_TOTAL], lang),
        low=format_compact(row[S.TOTAL_LO_80], lang),
        high=format_compact(row[S.TOTAL_HI_80], lang),
        target=format_compact(row[S.TARGET_TOTAL], lang),
        word=word,
        outlook=_outlook(str(row[S.TARGET_OUTLOOK]), spec.direction, word, lang),
    )


def annual_target(data: ReviewData, options: Mapping[str, object]) -> Html:
    """The year to date against the annual target, the projection, and each unit's year.

    Options: `metric` (default: the first with a `per: year` level target) and `heading`
    ("target" or "budget": what the page calls it). Needs the `year_end` results.
    """
    lang, key = data.lang, _metric(data, options)
    heading = str(options.get("heading", "target"))
    if heading not in HEADINGS:
        raise ParamsError(f"section annual_target: heading {heading!r} is not one of {HEADINGS}")
    word = text(f"year_end_word_{heading}", lang)
    frame = data.table("year_end")
    frame = frame[frame[S.METRIC] == key]
    if frame.empty:
        return section(f"annual_{heading}", lang, paragraph(text("year_end_none", lang)))
    spec = data.metric_spec(key)
    targeted = frame[frame[S.TARGET_TOTAL].notna()]
    others = frame[frame[S.TARGET_TOTAL].isna()].sort_values(S.PROJECTED_TOTAL, ascending=False)
    parts = [paragraph(_sentence(data, row, word)) for _, row in targeted.iterrows()]
    unit = spec.unit_label(lang) if spec.unit_label else ""
    header = [
        [HeaderCell(data.params.units.label(lang))]
        + [
            HeaderCell(text(k, lang, unit=unit, word=word.capitalize()))
            for k in (
                "year_end_col_so_far",
                "year_end_col_to_date",
                "year_end_col_projected",
                "year_end_col_range",
                "year_end_col_last_year",
                "year_end_col_change",
                "year_end_col_outlook",
            )
        ]
    ]
    rows = [
        [
            data.unit_label(str(r[S.UNIT])),
            format_compact(r[S.YEAR_TO_DATE], lang),
            format_compact(r[S.TARGET_TO_DATE], lang),
            format_compact(r[S.PROJECTED_TOTAL], lang),
            f"{format_compact(r[S.TOTAL_LO_80], lang)} – {format_compact(r[S.TOTAL_HI_80], lang)}",
            format_compact(r[S.PRIOR_YEAR_TOTAL], lang),
            _change(float(r[S.PROJECTED_TOTAL]), float(r[S.PRIOR_YEAR_TOTAL]), lang),
            _outlook(str(r[S.TARGET_OUTLOOK]), spec.direction, word, lang),
        ]
        for _, r in pd.concat([targeted, others]).iterrows()
    ]
    parts.append(table(header, rows))
    parts.append(paragraph(text("year_end_method", lang, word=word), "note"))
    return section(f"annual_{heading}", lang, *parts)
