"""The "Actions from earlier reviews" section: the follow-up table, drawn only.

The compute pass wrote the table (statlib.followup); this module orders it and puts it in
words: overdue actions first, then the open ones, then those closed since the previous
review. Overdue is a word with an icon, never a colour alone. A page lists the
`MAX_ROWS` most urgent and links the CSV beside it, which has every one: a register of
100,000 actions would otherwise make a page of tens of megabytes no one can open.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from statlib import schema as S
from statlib.messages import format_measure, format_number, format_percent, text
from statlib.report.html import (
    HeaderCell,
    Html,
    esc,
    more_rows,
    paragraph,
    quoted,
    section,
    table,
)

Label = Callable[[str], str]  # key -> label in the page's language

MAX_ROWS = 50  # actions on a page; the CSV beside it (<domain>.actions.csv) has them all
SMALL_MEAN = 10  # means below this get one decimal: 2.5 → 1.8 reads better than 3 → 2
_COLUMNS = (
    "col_action_item",
    "col_owner",
    "col_unit",
    "col_metric",
    "col_agreed",
    "col_due",
    "col_status",
    "col_movement",
    "col_update",
)


def ordered(followup: pd.DataFrame) -> pd.DataFrame:
    """Overdue first, then open, then closed; each by agreed period and id.

    Args:
        followup: statlib.schema.FOLLOWUP_COLUMNS (status, overdue, agreed_period, action_id).

    Returns:
        The same rows in page order.
    """
    rank = followup[S.OVERDUE].map({True: 0, False: 1}) + followup[S.ACTION_STATUS].ne(
        "open"
    ).astype(int)
    return (
        followup.assign(_rank=rank)
        .sort_values(["_rank", S.AGREED_PERIOD, S.ACTION_ID], kind="stable")
        .drop(columns="_rank")
    )


def movement_words(row: pd.Series, freq: str, lang: str, measure: str = "count") -> str:
    """The movement in words, e.g. "28 → 19 a week (−32%), better" or "85.0% → 90.0% (+6%)".

    Counts are means per period ("a week"); other measures show in their own form.
    """
    verdict = text("movement_" + row[S.MOVEMENT], lang, z=format_number(row[S.POISSON_Z], lang, 1))
    if pd.isna(row[S.BASELINE]) or pd.isna(row[S.RECENT]):
        return verdict
    return text(
        "movement_line",
        lang,
        before=_mean(row[S.BASELINE], lang, measure),
        after=_mean(row[S.RECENT], lang, measure),
        per=text("per_" + freq, lang) if measure == "count" else "",
        pct=format_percent(row[S.PCT_CHANGE], lang, decimals=0),
        verdict=verdict,
    )


def _mean(value: float, lang: str, measure: str) -> str:
    if measure != "count":
        return format_measure(value, measure, lang)
    return format_number(value, lang, decimals=1 if abs(value) < SMALL_MEAN else 0)


def _status(row: pd.Series, lang: str) -> str:
    if row[S.OVERDUE]:
        return f'<span class="spc-badge flag-concern">{esc(text("action_overdue", lang))}</span>'
    return esc(text("action_" + row[S.ACTION_STATUS], lang))


def actions(
    followup: pd.DataFrame,
    metric: Label,
    unit: Label,
    freq: str,
    lang: str,
    measure: Label = lambda key: "count",
    csv_name: str = "",
) -> Html:
    """The follow-up table, or a sentence saying there is nothing to follow up.

    Args:
        followup: statlib.schema.FOLLOWUP_COLUMNS for one domain and review period.
        metric: metric key -> label.
        unit: unit key -> label.
        freq: the domain's frequency ("week", ...), for "a week" after the means.
        lang: page language.
        measure: metric key -> its measure (statlib.params), how the means are shown.
        csv_name: the CSV beside the page with every action, linked when the page shows
            only the first `MAX_ROWS`.
    """
    if followup.empty:
        return section("actions", lang, paragraph(text("no_actions", lang)))
    header = [[HeaderCell(text(key, lang)) for key in _COLUMNS]]
    rows = [
        [
            f"{esc(r[S.ACTION_ID])}: {quoted(r[S.ACTION_TEXT], lang)}",
            quoted(r[S.OWNER], lang),
            esc(unit(r[S.UNIT])),
            esc(metric(r[S.METRIC])),
            esc(r[S.AGREED_PERIOD]),
            esc(r[S.DUE_PERIOD]),
            _status(r, lang),
            esc(movement_words(r, freq, lang, measure(r[S.METRIC]))),
            "" if pd.isna(r[S.UPDATE]) else quoted(r[S.UPDATE], lang),
        ]
        for _, r in ordered(followup).head(MAX_ROWS).iterrows()
    ]
    intro = paragraph(text("actions_intro", lang))
    # Every cell is built as HTML: data quoted in its language, the overdue badge.
    drawn = intro + table(header, rows, raw_columns=frozenset(range(len(_COLUMNS))))
    hidden = len(followup) - len(rows)
    return section("actions", lang, drawn + more_rows(hidden, csv_name, lang) if hidden else drawn)
