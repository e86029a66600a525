"""Follow-up of agreed actions: the movement statistic, overdue, and what a review shows."""

import numpy as np
import pandas as pd
import pytest

from statlib import schema as S
from statlib.followup import WINDOW, follow_up, movement
from statlib.ingest.actions import empty_register
from statlib.periods import parse_period
from statlib.report.followup import actions, movement_words, ordered

REVIEW = parse_period("2026-W20")


def series(values: dict[int, float], metric: str = "robbery", unit: str = "75") -> pd.DataFrame:
    """A weekly KPI frame: week number -> value, in 2026."""
    return pd.DataFrame(
        {
            S.DOMAIN: "public_safety",
            S.METRIC: metric,
            S.UNIT: unit,
            S.PERIOD: [f"2026-W{week:02d}" for week in values],
            S.VALUE: list(values.values()),
        }
    )


def register(*rows: dict) -> pd.DataFrame:
    base = {
        S.DOMAIN: "public_safety",
        S.OWNER: "CO 75",
        S.UNIT: "75",
        S.METRIC: "robbery",
        S.ACTION_TEXT: "patrols",
        S.DUE_PERIOD: "2026-W30",
        S.ACTION_STATUS: "open",
        S.CLOSED_PERIOD: None,
        S.UPDATE: None,
    }
    return pd.DataFrame([{**base, **row} for row in rows], columns=[S.DOMAIN, *S.ACTION_COLUMNS])


def run(reg: pd.DataFrame, obs: pd.DataFrame, counts=("robbery",), **kw) -> pd.DataFrame:
    return follow_up(
        obs, reg, kw.get("period", REVIEW), directions={"robbery": S.DECREASE}, counts=counts
    )


def test_movement_on_a_hand_made_series():
    # Agreed 2026-W10. Baseline = weeks 6..9 = 30, 26, 28, 28 -> mean 28 (total 112).
    # Review 2026-W20: recent = weeks 17..20 = 20, 18, 19, 19 -> mean 19 (total 76).
    # % change = (19 - 28) / 28 * 100 = -32.142...
    # z = 2 * (sqrt(76) - sqrt(112)) = 2 * (8.7178 - 10.5830) = -3.7305: |z| >= 1.96 and
    # robbery should decrease, so "better".
    values = dict.fromkeys(range(1, 21), 50.0) | {6: 30, 7: 26, 8: 28, 9: 28}
    values |= {17: 20, 18: 18, 19: 19, 20: 19}
    out = run(register({S.ACTION_ID: "A1", S.AGREED_PERIOD: "2026-W10"}), series(values))
    row = out.iloc[0]
    assert (row[S.BASELINE], row[S.RECENT]) == (28.0, 19.0)
    assert row[S.PCT_CHANGE] == pytest.approx(-32.142857)
    assert row[S.POISSON_Z] == pytest.approx(2 * (np.sqrt(76) - np.sqrt(112)))
    assert row[S.MOVEMENT] == "better" and row[S.PERIOD] == "2026-W20"
    assert list(out.columns) == list(S.FOLLOWUP_COLUMNS)


def test_verdicts_small_change_rates_overlap_missing_and_direction():
    assert movement(28, 27, -0.4, direction=S.DECREASE, is_count=True, overlap=False) == (
        "no_clear_change"
    )
    assert movement(28, 40, 3.0, direction=S.DECREASE, is_count=True, overlap=False) == "worse"
    assert movement(28, 40, 3.0, direction=S.INCREASE, is_count=True, overlap=False) == "better"
    assert movement(28, 40, 3.0, direction=S.NEUTRAL, is_count=True, overlap=False) == (
        "clear_change"
    )
    assert movement(0.5, 0.9, np.nan, direction=S.INCREASE, is_count=False, overlap=False) == (
        "no_test"
    )
    assert movement(28, 10, -5, direction=S.DECREASE, is_count=True, overlap=True) == "too_early"
    assert movement(np.nan, 10, np.nan, direction=S.DECREASE, is_count=True, overlap=False) == (
        "no_data"
    )


def test_rates_get_no_z_and_a_gap_in_a_window_is_no_data():
    values = dict.fromkeys(range(1, 21), 5.0)
    out = run(register({S.ACTION_ID: "A1", S.AGREED_PERIOD: "2026-W10"}), series(values), ())
    assert out[S.MOVEMENT].item() == "no_test" and np.isnan(out[S.POISSON_Z].item())
    del values[8]  # one baseline week missing: no partial mean
    out = run(register({S.ACTION_ID: "A1", S.AGREED_PERIOD: "2026-W10"}), series(values))
    assert out[S.MOVEMENT].item() == "no_data" and np.isnan(out[S.BASELINE].item())


def test_windows_that_share_periods_are_too_early():
    values = dict.fromkeys(range(1, 21), 5.0)
    latest_judged = REVIEW.shift(1 - WINDOW).label  # 2026-W17: the recent window's start
    reg = register(
        {S.ACTION_ID: "judged", S.AGREED_PERIOD: latest_judged},
        {S.ACTION_ID: "early", S.AGREED_PERIOD: "2026-W18"},
    )
    out = run(reg, series(values)).set_index(S.ACTION_ID)[S.MOVEMENT]
    assert out.to_dict() == {"judged": "no_clear_change", "early": "too_early"}


def test_which_actions_a_review_shows_and_overdue():
    reg = register(
        {S.ACTION_ID: "due_past", S.AGREED_PERIOD: "2026-W10", S.DUE_PERIOD: "2026-W19"},
        {S.ACTION_ID: "due_now", S.AGREED_PERIOD: "2026-W10", S.DUE_PERIOD: "2026-W20"},
        {S.ACTION_ID: "agreed_now", S.AGREED_PERIOD: "2026-W20"},
        {S.ACTION_ID: "agreed_later", S.AGREED_PERIOD: "2026-W21"},
        {
            S.ACTION_ID: "closed_now",
            S.AGREED_PERIOD: "2026-W10",
            S.DUE_PERIOD: "2026-W12",
            S.ACTION_STATUS: "done",
            S.CLOSED_PERIOD: "2026-W20",
        },
        {
            S.ACTION_ID: "closed_before",
            S.AGREED_PERIOD: "2026-W10",
            S.ACTION_STATUS: "dropped",
            S.CLOSED_PERIOD: "2026-W19",
        },
        {
            S.ACTION_ID: "closed_later",
            S.AGREED_PERIOD: "2026-W10",
            S.DUE_PERIOD: "2026-W15",
            S.ACTION_STATUS: "done",
            S.CLOSED_PERIOD: "2026-W22",
        },
    )
    out = run(reg, series(dict.fromkeys(range(1, 21), 5.0))).set_index(S.ACTION_ID)
    assert list(out.index) == ["due_past", "due_now", "closed_now", "closed_later"]
    assert out[S.OVERDUE].to_dict() == {
        "due_past": True,  # open and due before the review period
        "due_now": False,  # due in the review period itself: not yet late
        "closed_now": False,  # done, even though it was due in W12
        "closed_later": True,  # closed after this review: it was open (and late) then
    }
    assert out.loc["closed_later", S.ACTION_STATUS] == "open"
    assert pd.isna(out.loc["closed_later", S.CLOSED_PERIOD])


def test_no_register_gives_an_empty_typed_table_and_the_page_says_so():
    out = run(empty_register("public_safety"), series({1: 1.0}))
    assert out.empty and list(out.columns) == list(S.FOLLOWUP_COLUMNS)
    assert out[S.OVERDUE].dtype == bool and out[S.BASELINE].dtype == "float64"
    html = actions(out, str, str, "week", "en").body
    assert "Actions from earlier reviews" in html and "No actions from earlier reviews" in html
    assert "以往评估议定的行动" in actions(out, str, str, "week", "zh").body


def test_page_table_marks_overdue_in_words_and_lists_closed_last():
    values = dict.fromkeys(range(1, 21), 50.0) | {6: 30, 7: 26, 8: 28, 9: 28}
    values |= {17: 20, 18: 18, 19: 19, 20: 19}
    reg = register(
        {
            S.ACTION_ID: "A0",
            S.AGREED_PERIOD: "2026-W09",
            S.ACTION_STATUS: "done",
            S.CLOSED_PERIOD: "2026-W20",
        },
        {S.ACTION_ID: "A1", S.AGREED_PERIOD: "2026-W10", S.DUE_PERIOD: "2026-W12"},
        {S.ACTION_ID: "A2", S.AGREED_PERIOD: "2026-W11", S.UPDATE: "on <track>"},
    )
    out = run(reg, series(values))
    assert list(ordered(out)[S.ACTION_ID]) == ["A1", "A2", "A0"]
    html = actions(out, str.title, str, "week", "en").body
    assert html.index("A1: ") < html.index("A2: ") < html.index("A0: ")
    assert html.count("⚠ Overdue") == 1 and "Done" in html
    assert "28 → 19 a week (-32%), better" in html
    assert "on &lt;track&gt;" in html  # the analyst's text is escaped


def test_movement_of_a_share_or_a_duration_shows_the_measure_without_a_per_period():
    row = pd.Series(
        {
            S.BASELINE: 0.85,
            S.RECENT: 0.90,
            S.PCT_CHANGE: 5.882,
            S.POISSON_Z: np.nan,
            S.MOVEMENT: "no_test",
        }
    )
    # 0.85 -> 0.90 is +5.9%, shown whole: +6%.
    assert movement_words(row, "fortnight", "en", "rate") == (
        "85.0% → 90.0% (+6%), no test for this measure"
    )
    days = row.copy()
    days[S.BASELINE], days[S.RECENT] = 6.25, 4.0
    days[S.PCT_CHANGE] = -36.0
    assert movement_words(days, "fortnight", "en", "duration").startswith("6.2 → 4.0 (-36%)")
    assert movement_words(days, "fortnight", "en", "count").startswith("6.2 → 4.0 a fortnight")
