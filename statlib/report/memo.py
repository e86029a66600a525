"""The briefing memo before a review meeting: what to ask each unit, from the numbers.

For each unit with a medium or high concern (statlib.anomalies flags), the facts (each
flag's rules and numbers in words, the metric's change over its main comparison window, the
unit's open actions) and the questions they raise (what changed, why an action is late,
who owns a concern nobody has acted on); then every open action due by the period, and the
data problems the operations team must resolve before the meeting (the submissions refused
and waiting for a correction, then the data-quality notes of the data the page was
computed from). Units are ordered by severity.

Only rows of the result tables are chosen and put in words here: the compute pass did the
statistics. `brief` makes the memo's content, statlib.report.memo_page draws it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

from statlib import schema as S
from statlib.errors import SubmissionError
from statlib.messages import format_date, format_measure, format_number, text
from statlib.phrases import CATALOGUE
from statlib.report.flag_words import describe
from statlib.report.followup import MAX_ROWS, ordered
from statlib.report.review import ReviewData

BRIEF_SEVERITIES = ("high", "medium")  # the concerns a unit is briefed on, worst first
# The comparison a fact quotes: the first of these windows the metric has.
FACT_WINDOWS = ("28_day", "same_period_last_year", "week", "previous_period", "ytd")
REFUSED_PROBLEMS_SHOWN = 3  # of a refused file's problems; the submitter has them all
UNIT_ACTIONS = 10  # a unit's actions in its part of the memo (one printed sheet at most)
_SEVERITY_KEY = {"high": "severity_3", "medium": "severity_2"}


@dataclass(frozen=True)
class UnitBrief:
    """One unit's part of the memo: its worst concern, the facts and the questions."""

    unit: str
    heading: str
    severity: str  # "high" | "medium"
    facts: list[str]
    questions: list[str]


@dataclass(frozen=True)
class Brief:
    """The memo's content, in the review's language."""

    lang: str
    title: str
    subtitle: str
    units: list[UnitBrief]
    actions_due: list[str]
    data_problems: list[str]


def brief(review: ReviewData, prepared: date, refused: Sequence[SubmissionError] = ()) -> Brief:
    """The briefing memo of one loaded review (statlib.report.open_review).

    Reads the result tables flags, comparisons, indicators and followup, and the notes;
    `refused`: the submissions waiting unloaded because they failed their checks
    (statlib.intake.refused), listed first among the data problems.
    """
    lang = review.lang
    flags = review.table("flags")
    concerns = flags[
        flags[S.FLAG_DIRECTION].eq("concern") & flags[S.SEVERITY].isin(BRIEF_SEVERITIES)
    ]
    followup = review.table("followup")
    open_actions = followup[followup[S.ACTION_STATUS].eq("open")]
    units = [
        _unit_brief(review, unit, rows, open_actions[open_actions[S.UNIT] == unit])
        for unit, rows in concerns.groupby(S.UNIT, sort=False)
    ]
    order = {s: i for i, s in enumerate(BRIEF_SEVERITIES)}
    units.sort(key=lambda u: (order[u.severity], -len(u.facts), u.heading))
    load, loaded = review.data_load or ("—", None)
    return Brief(
        lang=lang,
        title=text(
            "memo_title", lang, domain=review.params.title(lang), period=review.period.label
        ),
        subtitle=text(
            "memo_subtitle",
            lang,
            load=load,
            loaded="—" if loaded is None else format_date(loaded.date(), lang),
            prepared=format_date(prepared, lang),
        ),
        units=units,
        actions_due=_actions_due(review, open_actions),
        data_problems=[_refusal(r, lang) for r in refused] + _data_problems(review),
    )


def _unit_brief(
    review: ReviewData, unit: str, concerns: pd.DataFrame, actions: pd.DataFrame
) -> UnitBrief:
    lang = review.lang
    order = {s: i for i, s in enumerate(BRIEF_SEVERITIES)}
    concerns = concerns.sort_values(
        [S.SEVERITY, S.METRIC], key=lambda c: c.map(order) if c.name == S.SEVERITY else c
    )
    facts, questions = [], []
    for metric, rows in concerns.groupby(S.METRIC, sort=False):
        label = review.metric_label(metric)
        measure = review.measures.get(metric, "count")
        for _, flag in rows.iterrows():
            facts.append(
                text("memo_fact_flag", lang, metric=label, words=describe(flag, lang, measure))
            )
        change = _change_fact(review, unit, metric)
        if change:
            facts.append(change)
        questions.append(text("memo_ask_change", lang, metric=label))
        if not actions[S.METRIC].eq(metric).any():
            questions.append(text("memo_ask_owner", lang, metric=label))
    shown = ordered(actions).head(UNIT_ACTIONS)  # overdue first
    for _, action in shown.iterrows():
        facts.append(_action_words(action, lang))
        if bool(action[S.OVERDUE]):
            questions.append(
                text("memo_ask_overdue", lang, id=action[S.ACTION_ID], due=action[S.DUE_PERIOD])
            )
    facts += _more(review, len(actions) - len(shown))
    severity = concerns[S.SEVERITY].iloc[0]
    heading = text(
        "memo_unit_heading",
        lang,
        unit=review.unit_label(unit),
        severity=text(_SEVERITY_KEY[severity], lang),
    )
    return UnitBrief(unit, heading, severity, facts, questions)


def _change_fact(review: ReviewData, unit: str, metric: str) -> str | None:
    """The metric's change over its first window of FACT_WINDOWS, in words; None: none."""
    lang, measure = review.lang, review.measures.get(metric, "count")
    for name in ("comparisons", "indicators"):
        table = review.table(name)
        rows = table[(table[S.UNIT] == unit) & (table[S.METRIC] == metric)]
        for window in FACT_WINDOWS:
            chosen = rows[rows[S.WINDOW] == window]
            if len(chosen) and pd.notna(chosen[S.CURRENT].iloc[0]):
                row = chosen.iloc[0]
                return text(
                    "memo_fact_change",
                    lang,
                    metric=review.metric_label(metric),
                    window=text("window_" + window, lang),
                    current=format_measure(row[S.CURRENT], measure, lang),
                    prior=format_measure(row[S.PRIOR], measure, lang),
                    change=_change(row, measure, lang),
                    z=format_number(row.get(S.POISSON_Z), lang, 1),
                )
    return None


def _change(row: pd.Series, measure: str, lang: str) -> str:
    """% change; a rate's change in percentage points."""
    if measure == "rate" and pd.notna(row.get(S.CHANGE)):
        points = float(row[S.CHANGE]) * 100
        sign = "+" if points > 0 else ""
        return text("pp_change", lang, value=sign + format_number(points, lang, 1))
    pct = row.get(S.PCT_CHANGE)
    if pct is None or pd.isna(pct):
        return "—"
    return ("+" if pct > 0 else "") + format_number(pct, lang, 0) + "%"


def _action_words(action: pd.Series, lang: str) -> str:
    words = text(
        "memo_fact_action",
        lang,
        id=action[S.ACTION_ID],
        agreed=action[S.AGREED_PERIOD],
        owner=action[S.OWNER],
        action=action[S.ACTION_TEXT],
        due=action[S.DUE_PERIOD],
    )
    return f"{text('memo_overdue', lang)}: {words}" if bool(action[S.OVERDUE]) else words


def _actions_due(review: ReviewData, open_actions: pd.DataFrame) -> list[str]:
    """Every open action due by the review period (overdue ones first), any unit."""
    due = open_actions[
        open_actions[S.OVERDUE].astype(bool) | open_actions[S.DUE_PERIOD].eq(review.period.label)
    ]
    due = due.assign(_late=~due[S.OVERDUE].astype(bool)).sort_values(
        ["_late", S.DUE_PERIOD, S.ACTION_ID], kind="stable"
    )
    lines = [
        f"{review.unit_label(a[S.UNIT])} · {review.metric_label(a[S.METRIC])}: "
        f"{_action_words(a, review.lang)}"
        for _, a in due.head(MAX_ROWS).iterrows()
    ]
    return lines + _more(review, len(due) - len(lines))


def _more(review: ReviewData, hidden: int) -> list[str]:
    """The line saying how many actions a bounded list leaves out, and where they all are."""
    if hidden <= 0:
        return []
    csv = f"{review.params.domain}.actions.csv"
    return [text("memo_more", review.lang, n=format_number(hidden, review.lang), file=csv)]


def _refusal(refusal: SubmissionError, lang: str) -> str:
    """One refused file: its first problems (place, value and rule) and how many more."""
    problems = [str(p) for p in refusal.problems]
    shown = "; ".join(problems[:REFUSED_PROBLEMS_SHOWN])
    hidden = len(problems) - REFUSED_PROBLEMS_SHOWN
    file = getattr(refusal.problems[0], "file", "?") if problems else "?"
    line = text("memo_refused_submission", lang, file=file, count=len(problems), problems=shown)
    return line + (text("memo_refused_more", lang, n=hidden) if hidden > 0 else "")


def _data_problems(review: ReviewData) -> list[str]:
    """The data-quality notes, one line per check, most rows affected first.

    A check's notes are added up: one that fired on every submitted file is one problem.
    """
    notes = review.notes
    lines = []
    grouped = notes.groupby([S.NOTE_RULE, S.NOTE_ACTION], sort=False)
    totals = grouped[S.NOTE_AFFECTED_ROWS].sum().sort_values(ascending=False, kind="stable")
    for (rule, action), rows in totals.items():
        group = grouped.get_group((rule, action))
        more = len(group) - 1
        lines.append(
            text(
                "memo_data_problem",
                review.lang,
                rule=_named("quality_rule_", rule, review.lang),
                rows=format_number(rows, review.lang),
                action=_named("quality_action_", action, review.lang),
                detail=group[S.NOTE_DETAIL].iloc[0],
            )
            + (text("memo_more_notes", review.lang, count=more) if more else "")
        )
    return lines


def _named(prefix: str, key: str, lang: str) -> str:
    """The catalogue name of an ingest key; a key a new source adds shows as itself."""
    return text(prefix + key, lang) if prefix + key in CATALOGUE else key
