"""The briefing memo (statlib.report.memo, memo_page) on hand-made result tables."""

from datetime import date

import numpy as np
import pandas as pd
import pytest

from statlib import schema as S
from statlib.catalog import default_catalog
from statlib.params import load_domain
from statlib.periods import parse_period
from statlib.report.flag_words import describe
from statlib.report.memo import brief
from statlib.report.memo_page import memo_html
from statlib.report.review import ReviewData

PERIOD = "2026-W33"


def _flag(unit: str, metric: str, severity: str, direction: str = "concern") -> dict:
    row = {c: np.nan for c in S.FLAG_COLUMNS}
    row.update(
        {
            S.DOMAIN: "public_safety",
            S.METRIC: metric,
            S.UNIT: unit,
            S.PERIOD: PERIOD,
            S.PERIOD_END: pd.Timestamp("2026-08-16"),
            S.SEVERITY: severity,
            S.FLAG_DIRECTION: direction,
            S.RULES: "outside_limits",
            S.RULE_SIDES: "high",
            S.SIDE: "high",
            S.OBSERVED: 61.0,
            S.LIMIT: 40.2,
            S.NEW_LEVEL_SINCE: None,
            S.SEASONAL: False,
        }
    )
    return row


def _action(action_id: str, unit: str, metric: str, due: str, overdue: bool) -> dict:
    row = {c: None for c in S.FOLLOWUP_COLUMNS}
    row.update(
        {
            S.DOMAIN: "public_safety",
            S.PERIOD: PERIOD,
            S.ACTION_ID: action_id,
            S.AGREED_PERIOD: "2026-W29",
            S.OWNER: "CO 112",
            S.UNIT: unit,
            S.METRIC: metric,
            S.ACTION_TEXT: "extra patrols",
            S.DUE_PERIOD: due,
            S.ACTION_STATUS: "open",
            S.OVERDUE: overdue,
        }
    )
    return row


@pytest.fixture
def review() -> ReviewData:
    params = load_domain(default_catalog().params_file("public_safety"))
    flags = pd.DataFrame(
        [
            _flag("75", "robbery", "medium"),
            _flag("112", "grand_larceny", "high"),
            _flag("112", "robbery", "medium"),
            _flag("60", "burglary", "low"),  # low: not briefed
            _flag("61", "burglary", "high", "improvement"),  # good news: not briefed
        ]
    )
    comparisons = pd.DataFrame(
        {
            S.DOMAIN: "public_safety",
            S.METRIC: "grand_larceny",
            S.UNIT: "112",
            S.PERIOD: PERIOD,
            S.WINDOW: ["week", "28_day"],
            S.CURRENT: [20.0, 61.0],
            S.PRIOR: [9.0, 27.0],
            S.CHANGE: [11.0, 34.0],
            S.PCT_CHANGE: [122.2, 125.9],
            S.POISSON_Z: [2.7, 5.26],
        }
    )
    followup = pd.DataFrame(
        [
            _action("PS-1", "112", "grand_larceny", "2026-W31", True),
            _action("PS-2", "40", "robbery", PERIOD, False),  # due now, in a calm unit
            _action("PS-3", "40", "robbery", "2026-W40", False),  # not due yet
        ]
    )
    notes = pd.DataFrame(
        {
            S.NOTE_SOURCE: ["a.csv", "b.csv", "a.csv"],
            S.NOTE_RULE: ["not_reported", "not_reported", "precinct_keys"],
            S.NOTE_AFFECTED_ROWS: [2, 3, 90],
            S.NOTE_ACTION: ["kept", "kept", "kept"],
            S.NOTE_DETAIL: ["2 cells were blank", "3 cells were blank", "keys normalised"],
        }
    )
    results = {t: pd.DataFrame() for t in S.RESULT_TABLES}
    results.update(flags=flags, comparisons=comparisons, followup=followup)
    period = parse_period(PERIOD, week_end=params.week_end)
    load = (7, pd.Timestamp("2026-08-18 09:00"))
    return ReviewData(params, period, "en", results, notes, load, PERIOD, None)


def test_units_with_medium_or_high_concerns_in_order_of_severity(review):
    memo = brief(review, date(2026, 8, 19))
    assert [u.unit for u in memo.units] == ["112", "75"]
    assert [u.severity for u in memo.units] == ["high", "medium"]
    assert memo.units[0].heading == "Precinct 112: High concern"
    assert memo.subtitle.startswith("For the review meeting. Data as of load 7, Aug 18, 2026")


def test_facts_and_questions_come_from_the_numbers(review):
    first = brief(review, date(2026, 8, 19)).units[0]
    words = describe(review.table("flags").iloc[1], "en", "count")
    assert first.facts[0] == f"Grand larceny: {words}."
    assert first.facts[1] == "Grand larceny, 28 days: 61 against 27 (+126%, z 5.3)."
    assert first.facts[-1] == (
        "Overdue: Action PS-1 agreed in 2026-W29 (CO 112): extra patrols; due 2026-W31."
    )
    assert first.questions == [
        "Grand larceny: what changed, and what is planned?",
        "Robbery: what changed, and what is planned?",
        "Robbery: no action is agreed. Who owns it, and what will be done?",
        "Action PS-1 was due in 2026-W31: why is it late, and when will it be done?",
    ]


def test_actions_due_and_data_problems(review):
    memo = brief(review, date(2026, 8, 19))
    assert [line.split(":")[0] for line in memo.actions_due] == [
        "Precinct 112 · Grand larceny",
        "Precinct 40 · Robbery",
    ]
    assert memo.data_problems[0].startswith("Precinct keys (90 rows, Kept): keys normalised")
    assert memo.data_problems[1] == (
        "Cells not reported (5 rows, Kept): 2 cells were blank (and 1 more notes of this check)"
    )


def test_memo_page_is_printable_on_a4_self_contained_in_both_languages(review):
    page = memo_html(brief(review, date(2026, 8, 19)))
    assert "size: A4" in page and "break-inside: avoid" in page
    assert "<script" not in page and "http" not in page and "<link" not in page
    assert page.count('class="unit ') == 2
    chinese = memo_html(brief(ReviewData(**{**review.__dict__, "lang": "zh"}), date(2026, 8, 19)))
    assert '<html lang="zh-Hans">' in chinese and "会前简报" in chinese and "高关注" in chinese


def test_a_calm_period_says_so(review):
    calm = ReviewData(
        **{**review.__dict__, "results": {t: pd.DataFrame() for t in S.RESULT_TABLES}}
    )
    memo = brief(calm, date(2026, 8, 19))
    assert memo.units == [] and memo.actions_due == []
    assert "No unit has a medium or high concern this period." in memo_html(memo)
