"""XmR limits per partition (statlib.spc.limits), against the published check vector."""

import numpy as np
import pytest

from statlib.schema import LOWER_LIMIT, LOWER_TWO_SIGMA, UPPER_LIMIT, UPPER_ONE_SIGMA
from statlib.spc.limits import (
    LIMIT_FACTOR,
    ONE_SIGMA_FACTOR,
    TWO_SIGMA_FACTOR,
    limit_lines,
    partition_limits,
)

# SPC.md check vector (NHSRplotthedots vignette).
CHECK_VECTOR = [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1]


def test_constants_are_the_textbook_ones():
    # 3 / d2 with d2 = 1.128 is 2.6596, which MDC rounds to 2.66.
    assert abs(LIMIT_FACTOR - 3 / 1.128) < 5e-4
    # The sigma lines are two thirds and one third of the limit distance (MDC's rounding).
    assert abs(TWO_SIGMA_FACTOR - 2.66 * 2 / 3) < 1e-4
    assert abs(ONE_SIGMA_FACTOR - 2.66 / 3) < 1e-4


def test_check_vector_without_screening():
    # CL: nine 1s, eight 2s and a 10: (9 + 16 + 10) / 18 = 35 / 18 = 1.944.
    # MRs: 1, 1, 1, 8, 9 and twelve 1s -> 32 / 17 = 1.882.
    # Limits: 1.944 +- 2.66 * 1.882 = 1.944 +- 5.007 -> 6.95 / -3.06.
    limits = partition_limits(CHECK_VECTOR)
    assert limits.centre[0] == pytest.approx(35 / 18)
    assert limits.mr_bar[0] == pytest.approx(32 / 17)
    lines = limit_lines(limits.centre, limits.mr_bar)
    assert lines[UPPER_LIMIT][0] == pytest.approx(6.95, abs=0.005)
    assert lines[LOWER_LIMIT][0] == pytest.approx(-3.06, abs=0.005)


def test_check_vector_with_screening():
    # 3.267 * 1.882 = 6.149: the MRs 8 and 9 are dropped, the fifteen 1s remain -> MRbar 1.
    # Limits: 1.944 +- 2.66 -> 4.60 / -0.72.
    limits = partition_limits(CHECK_VECTOR, screen_moving_ranges=True)
    assert limits.mr_bar[0] == pytest.approx(1.0)
    lines = limit_lines(limits.centre, limits.mr_bar)
    assert lines[UPPER_LIMIT][0] == pytest.approx(4.60, abs=0.005)
    assert lines[LOWER_LIMIT][0] == pytest.approx(-0.72, abs=0.005)


def test_sigma_lines_are_two_and_one_thirds_of_the_limit_distance():
    lines = limit_lines([10.0], [3.0])
    # 2-sigma: 10 - 1.7733 * 3 = 4.6801; 1-sigma: 10 + 0.8867 * 3 = 12.6601.
    assert lines[LOWER_TWO_SIGMA][0] == pytest.approx(4.6801)
    assert lines[UPPER_ONE_SIGMA][0] == pytest.approx(12.6601)


def test_no_moving_range_across_a_gap():
    # 1, 3, gap, 10, 12: MRs are 2 and 2 (not 7 from 3 to 10) -> MRbar 2; CL = 26 / 4.
    limits = partition_limits([1, 3, np.nan, 10, 12])
    assert limits.moving_range.tolist()[1] == 2 and limits.moving_range.tolist()[4] == 2
    assert np.isnan(limits.moving_range[[0, 2, 3]]).all()
    assert limits.mr_bar[0] == pytest.approx(2.0)
    assert limits.centre[0] == pytest.approx(6.5)
    assert limits.n_used[0] == 4


def test_ghosted_point_is_left_out_like_a_gap():
    # The 100 is ghosted: CL = (1 + 3 + 10 + 12) / 4, MRs 2 and 2.
    limits = partition_limits([1, 3, 100, 10, 12], usable=[True, True, False, True, True])
    assert np.isnan(limits.moving_range[[2, 3]]).all()  # no MR into or out of the ghost
    assert limits.centre[0] == pytest.approx(6.5)
    assert limits.mr_bar[0] == pytest.approx(2.0)


def test_partitions_are_computed_separately():
    # Partition 0: 1, 3, 1 -> CL 5/3, MRbar 2; partition 1: 10, 11 -> CL 10.5, MRbar 1.
    # No MR joins the 1 and the 10 (a partition start).
    limits = partition_limits([1, 3, 1, 10, 11], segment=[0, 0, 0, 1, 1])
    assert limits.centre.tolist() == pytest.approx([5 / 3, 10.5])
    assert limits.mr_bar.tolist() == pytest.approx([2.0, 1.0])
    assert np.isnan(limits.moving_range[3])


def test_baseline_fixes_the_limits_after_n_points():
    # First 12 points alternate 1, 2: CL 1.5, MRbar 1. The later 50s do not move them.
    x = [1, 2] * 6 + [50, 50, 50]
    limits = partition_limits(x, baseline_points=12)
    assert limits.centre[0] == pytest.approx(1.5)
    assert limits.mr_bar[0] == pytest.approx(1.0)
    assert limits.n_used[0] == 12
    assert limits.moving_range[12] == 48  # still reported for the moving-range chart


def test_baseline_counts_usable_points_per_partition():
    # Partition 1 starts with a gap; its baseline is its first 12 non-missing points.
    x = [7.0] * 3 + [np.nan] + [1, 2] * 6 + [50.0]
    segment = [0] * 3 + [1] * 14
    limits = partition_limits(x, segment=segment, baseline_points=12)
    assert limits.centre.tolist() == pytest.approx([7.0, 1.5])
    assert limits.n_used.tolist() == [3, 12]


def test_constant_partition_has_no_limits():
    limits = partition_limits([4.0] * 20)
    assert limits.mr_bar[0] == 0
    lines = limit_lines(limits.centre, limits.mr_bar)
    assert all(np.isnan(line[0]) for line in lines.values())


def test_empty_and_single_point():
    empty = partition_limits([])
    assert empty.centre.size == 0 and empty.moving_range.size == 0
    single = partition_limits([5.0])
    assert single.centre.tolist() == [5.0] and np.isnan(single.mr_bar[0])
    assert np.isnan(limit_lines(single.centre, single.mr_bar)[UPPER_LIMIT][0])
