"""The memos as printable pages: plain HTML, A4, no script, nothing fetched.

The briefing memo before a meeting (statlib.report.memo chose its content; this module
only draws it) and the follow-up memo after it, from the action register. Each unit is kept on
one sheet when printed (`break-inside: avoid`), so a memo is at most a page per unit.
"""

from __future__ import annotations

import pandas as pd

from statlib import schema as S
from statlib.messages import format_number, text
from statlib.params import DomainParams
from statlib.periods import Period, parse_period
from statlib.report.followup import MAX_ROWS
from statlib.report.html import esc
from statlib.report.memo import Brief, UnitBrief

# Print first: A4 with margins, system fonts (CJK ones named for Chinese), no colour needed.
MEMO_CSS = """
@page { size: A4; margin: 18mm 16mm; }
body { font-family: system-ui, "Segoe UI", "Noto Sans CJK SC", "Microsoft YaHei",
       "PingFang SC", sans-serif; font-size: 11pt; line-height: 1.4; color: #111;
       max-width: 178mm; margin: 0 auto; padding: 8mm 4mm; }
h1 { font-size: 16pt; margin: 0 0 2mm; }
h2 { font-size: 13pt; border-bottom: 1px solid #999; margin: 6mm 0 2mm; }
h3 { font-size: 11.5pt; margin: 4mm 0 1mm; }
h4 { font-size: 10.5pt; margin: 2mm 0 1mm; }
.subtitle { color: #444; margin: 0 0 4mm; }
.unit { break-inside: avoid; page-break-inside: avoid; border-left: 3px solid #999;
        padding-left: 3mm; margin-bottom: 4mm; }
.unit.high { border-left-width: 6px; }
ul, ol { margin: 0 0 1mm; padding-left: 6mm; }
@media print { body { padding: 0; } }
"""


def memo_html(memo: Brief) -> str:
    """The whole memo document, self-contained."""
    lang = memo.lang
    units = "".join(_unit(u, lang) for u in memo.units) or _para(text("memo_no_units", lang))
    return (
        f'<!DOCTYPE html><html lang="{"zh-Hans" if lang == "zh" else "en"}"><head>'
        '<meta charset="utf-8"><meta name="viewport" content="width=device-width">'
        f"<title>{esc(memo.title)}</title><style>{MEMO_CSS}</style></head><body>"
        f'<h1>{esc(memo.title)}</h1><p class="subtitle">{esc(memo.subtitle)}</p>'
        f'<section id="units"><h2>{esc(text("memo_units", lang))}</h2>{units}</section>'
        + _listed("actions-due", "memo_actions_due", "memo_no_actions_due", memo.actions_due, lang)
        + _listed(
            "data-problems",
            "memo_data_problems",
            "memo_no_data_problems",
            memo.data_problems,
            lang,
        )
        + "</body></html>"
    )


def _unit(unit: UnitBrief, lang: str) -> str:
    return (
        f'<section class="unit {esc(unit.severity)}"><h3>{esc(unit.heading)}</h3>'
        f"<h4>{esc(text('memo_facts', lang))}</h4>{_items('ul', unit.facts)}"
        f"<h4>{esc(text('memo_questions', lang))}</h4>{_items('ol', unit.questions)}"
        "</section>"
    )


def _listed(anchor: str, heading: str, empty: str, lines: list[str], lang: str) -> str:
    body = _items("ul", lines) if lines else _para(text(empty, lang))
    return f'<section id="{anchor}"><h2>{esc(text(heading, lang))}</h2>{body}</section>'


def _items(tag: str, lines: list[str]) -> str:
    return f"<{tag}>" + "".join(f"<li>{esc(line)}</li>" for line in lines) + f"</{tag}>"


def _para(line: str) -> str:
    return f"<p>{esc(line)}</p>"


def followup_memo_html(
    register: pd.DataFrame, params: DomainParams, period: Period, lang: str
) -> str:
    """The memo after a review: what it agreed and closed, and what is due at the next one.

    Args:
        register: the action register (statlib.schema.ACTION_COLUMNS), as checked.
        params: the domain's params (title, unit and metric names).
        period: the period the meeting reviewed.
        lang: "en" or "zh".
    """
    following = period.next()

    def due_next(label: str) -> bool:
        return parse_period(label, week_end=params.week_end).end <= following.end

    open_ = register[S.ACTION_STATUS].eq("open")
    parts = (
        ("agreed", "followup_memo_agreed", register[S.AGREED_PERIOD].eq(period.label), {}),
        ("closed", "followup_memo_closed", register[S.CLOSED_PERIOD].eq(period.label), {}),
        (
            "due-next",
            "followup_memo_due_next",
            open_ & register[S.DUE_PERIOD].map(due_next).astype(bool),
            {"period": following.label},
        ),
    )
    title = text("followup_memo_title", lang, domain=params.title(lang), period=period.label)
    body = "".join(
        f'<section id="{anchor}"><h2>{esc(text(key, lang, **fields))}</h2>'
        + _action_list(register[chosen], params, lang)
        + "</section>"
        for anchor, key, chosen, fields in parts
    )
    return _head(title, lang) + body + "</body></html>"


def _action_list(actions: pd.DataFrame, params: DomainParams, lang: str) -> str:
    """The first MAX_ROWS actions as a list, then how many more the register holds."""
    if actions.empty:
        return _para(text("followup_memo_none", lang))
    shown = [_action_line(a, params, lang) for _, a in actions.head(MAX_ROWS).iterrows()]
    more = len(actions) - MAX_ROWS
    file = f"data/actions/{params.domain}.csv"
    return _items("ul", shown) + (
        _para(text("followup_memo_more", lang, n=format_number(more, lang), file=file))
        if more > 0
        else ""
    )


def _action_line(action: pd.Series, params: DomainParams, lang: str) -> str:
    unit = action[S.UNIT]
    if unit == S.CITYWIDE:
        unit = text("citywide", lang)
    elif unit in params.units.names:
        unit = params.units.names[unit](lang)
    words = text(
        "memo_fact_action",
        lang,
        id=action[S.ACTION_ID],
        agreed=action[S.AGREED_PERIOD],
        owner=action[S.OWNER],
        action=action[S.ACTION_TEXT],
        due=action[S.DUE_PERIOD],
    )
    return f"{unit} · {params.metric(action[S.METRIC]).label(lang)}: {words}"


def _head(title: str, lang: str) -> str:
    return (
        f'<!DOCTYPE html><html lang="{"zh-Hans" if lang == "zh" else "en"}"><head>'
        '<meta charset="utf-8"><meta name="viewport" content="width=device-width">'
        f"<title>{esc(title)}</title><style>{MEMO_CSS}</style></head><body>"
        f"<h1>{esc(title)}</h1>"
    )
