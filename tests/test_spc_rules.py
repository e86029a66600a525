"""The four special-cause rules on hand-made vectors (statlib.spc.rules)."""

import numpy as np
import pytest

from statlib.errors import ParamsError
from statlib.spc.rules import rule_outside_limits, rule_shift, rule_trend, rule_two_of_three


def flagged(hits):
    """(high, low) as two plain index lists, for readable assertions."""
    return [np.flatnonzero(side).tolist() for side in hits]


# --- rule 1: outside the process limits -------------------------------------------


def test_outside_limits_is_strict():
    # upper 3, lower -3: 3 and -3 sit on the limits (not outside), 3.1 and -3.1 are outside.
    high, low = rule_outside_limits([3.0, 3.1, -3.0, -3.1, 0.0], -3.0, 3.0)
    assert high.tolist() == [False, True, False, False, False]
    assert low.tolist() == [False, False, False, True, False]


def test_outside_limits_missing_limits_never_flag():
    high, low = rule_outside_limits([100.0, -100.0], np.nan, np.nan)
    assert not high.any() and not low.any()


# --- rule 2: shift ------------------------------------------------------------------


def test_shift_of_seven_flags_every_point_of_the_run():
    assert flagged(rule_shift([1] * 7, 7)) == [list(range(7)), []]
    assert flagged(rule_shift([-1] * 8, 7)) == [[], list(range(8))]


def test_shift_of_six_is_not_a_shift_by_default_but_is_with_n_six():
    sides = [-1, 1, 1, 1, 1, 1, 1, -1]
    assert flagged(rule_shift(sides, 7)) == [[], []]
    assert flagged(rule_shift(sides, 6)) == [[1, 2, 3, 4, 5, 6], []]


def test_shift_of_eight_needed_with_n_eight():
    assert flagged(rule_shift([1] * 7, 8)) == [[], []]
    assert flagged(rule_shift([1] * 8, 8)) == [list(range(8)), []]


def test_point_on_the_centre_line_breaks_a_shift():
    # 3 above, one on the line, 4 above: two runs of 3 and 4, neither reaches 7.
    assert flagged(rule_shift([1, 1, 1, 0, 1, 1, 1, 1], 7)) == [[], []]


def test_shift_does_not_cross_a_partition_start():
    starts = np.zeros(10, dtype=bool)
    starts[5] = True  # runs of 5 and 5
    assert flagged(rule_shift([1] * 10, 7, starts=starts)) == [[], []]
    assert flagged(rule_shift([1] * 10, 7)) == [list(range(10)), []]


# --- rule 3: trend ------------------------------------------------------------------


def test_one_to_seven_is_a_trend_at_point_seven_all_flagged():
    assert flagged(rule_trend([1, 2, 3, 4, 5, 6, 7], 7)) == [list(range(7)), []]
    assert flagged(rule_trend([1, 2, 3, 4, 5, 6], 7)) == [[], []]


def test_trend_lengths_six_and_eight():
    assert flagged(rule_trend([1, 2, 3, 4, 5, 6], 6)) == [list(range(6)), []]
    assert flagged(rule_trend([1, 2, 3, 4, 5, 6, 7], 8)) == [[], []]
    assert flagged(rule_trend([8, 7, 6, 5, 4, 3, 2, 1], 8)) == [[], list(range(8))]


def test_equal_values_break_a_trend():
    # Steps: up up EQUAL up up up up: runs of 3 and 5 points, neither reaches 7.
    assert flagged(rule_trend([1, 2, 3, 3, 4, 5, 6, 7], 7)) == [[], []]


def test_trend_only_flags_its_own_points():
    # 9 before the trend is higher than 1: the trend is points 1..7 only.
    assert flagged(rule_trend([9, 1, 2, 3, 4, 5, 6, 7, 0], 7)) == [list(range(1, 8)), []]


def test_a_peak_can_end_one_trend_and_start_another():
    x = [1, 2, 3, 4, 5, 6, 7, 6, 5, 4, 3, 2, 1]
    assert flagged(rule_trend(x, 7)) == [list(range(7)), list(range(6, 13))]


def test_trend_does_not_cross_a_partition_start():
    starts = np.zeros(7, dtype=bool)
    starts[3] = True
    assert flagged(rule_trend(range(1, 8), 7, starts=starts)) == [[], []]


# --- rule 4: two of three beyond 2 sigma ---------------------------------------------
# Lines used below: centre 0, 2-sigma lines +-2, process limits +-3.
LINES = {
    "centre": 0.0,
    "two_sigma_upper": 2.0,
    "two_sigma_lower": -2.0,
    "upper": 3.0,
    "lower": -3.0,
}


def test_two_of_three_flags_the_points_beyond_two_sigma_not_the_third():
    assert flagged(rule_two_of_three([2.5, 0.5, 2.5], **LINES)) == [[0, 2], []]
    assert flagged(rule_two_of_three([-0.5, -2.5, -2.5], **LINES)) == [[], [1, 2]]


def test_two_of_three_needs_the_third_point_on_the_same_side():
    # The middle point is below the centre line: the window is not all above, no flag.
    assert flagged(rule_two_of_three([2.5, -0.5, 2.5], **LINES)) == [[], []]


def test_two_of_three_on_the_two_sigma_line_is_not_beyond():
    assert flagged(rule_two_of_three([2.0, 0.5, 2.5], **LINES)) == [[], []]


def test_two_of_three_beyond_the_limit_counts_in_mdc2023_not_in_legacy():
    # 3.5 is beyond the process limit (3): MDC since 2023 counts it, PTD 0.2.2 does not.
    x = [2.5, 0.5, 3.5]
    assert flagged(rule_two_of_three(x, **LINES, mode="mdc2023")) == [[0, 2], []]
    assert flagged(rule_two_of_three(x, **LINES, mode="legacy")) == [[], []]
    # A point exactly on the limit is not outside it, so legacy still counts it.
    assert flagged(rule_two_of_three([2.5, 0.5, 3.0], **LINES, mode="legacy")) == [[0, 2], []]


def test_two_of_three_window_does_not_cross_a_partition_start():
    starts = [False, True, False]
    assert flagged(rule_two_of_three([2.5, 2.5, 0.5], **LINES, starts=starts)) == [[], []]


def test_two_of_three_rejects_an_unknown_mode():
    with pytest.raises(ParamsError, match="'strict'"):
        rule_two_of_three([1.0, 2.0, 3.0], **LINES, mode="strict")


# --- edges ----------------------------------------------------------------------------


@pytest.mark.parametrize("size", [0, 1])
def test_empty_and_single_point_give_no_flags(size):
    x = [2.5] * size
    for hits in (
        rule_outside_limits(x, -3.0, 3.0),
        rule_shift([1] * size, 7),
        rule_trend(x, 7),
        rule_two_of_three(x, **LINES),
    ):
        assert [len(side) for side in hits] == [size, size]
        assert not any(side.any() for side in hits)


def test_rules_do_not_modify_their_inputs():
    x = np.array([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0])
    starts = np.zeros(7, dtype=bool)
    rule_trend(x, 7, starts=starts)
    rule_shift(np.ones(7), 7, starts=starts)
    assert x.tolist() == [1, 2, 3, 4, 5, 6, 7] and not starts.any()


def test_starts_of_the_wrong_length_are_refused():
    with pytest.raises(ParamsError, match="shape"):
        rule_shift([1, 1, 1], 7, starts=[True, False])
