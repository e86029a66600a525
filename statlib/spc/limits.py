"""XmR (individuals chart) limits per partition, as Making Data Count computes them.

Constants are the textbook ones for moving ranges of two consecutive points
(Montgomery, Introduction to Statistical Quality Control, appendix table VI):
d2 = 1.128 converts the average moving range to sigma, D4 = 3.267 bounds a moving range.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from statlib.schema import (
    LOWER_LIMIT,
    LOWER_ONE_SIGMA,
    LOWER_TWO_SIGMA,
    UPPER_LIMIT,
    UPPER_ONE_SIGMA,
    UPPER_TWO_SIGMA,
)

D2_RANGES_OF_TWO = 1.128  # d2 for subgroups of n = 2: E[range] / sigma
LIMIT_FACTOR = 2.66  # 3 / d2 = 3 / 1.128, rounded as MDC and PTD round it
TWO_SIGMA_FACTOR = 1.7733  # 2 / d2: two thirds of the limit distance, as MDC
ONE_SIGMA_FACTOR = 0.8867  # 1 / d2: one third of the limit distance, as MDC
MR_UPPER_FACTOR = 3.267  # D4 for n = 2: the upper limit of a moving range

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class PartitionLimits:
    """Centre and spread of each partition, and the moving range of each point.

    Attributes:
        centre: Mean of the points the limits come from, one per partition.
        mr_bar: Average moving range, one per partition; NaN with no moving range,
            0 for a constant partition ("no variation").
        n_used: Number of points the limits come from, one per partition.
        moving_range: abs(x_i - x_{i-1}) per point; NaN for the first point of a
            partition and next to a missing or ghosted point.
    """

    centre: FloatArray
    mr_bar: FloatArray
    n_used: IntArray
    moving_range: FloatArray


def _mean_by(segment: IntArray, values: FloatArray, take: BoolArray, n_segments: int) -> FloatArray:
    """Mean of `values[take]` within each segment; NaN for a segment with none."""
    total = np.bincount(segment, weights=np.where(take, values, 0.0), minlength=n_segments)
    count = np.bincount(segment, weights=take, minlength=n_segments)
    with np.errstate(invalid="ignore", divide="ignore"):
        return total / count


def partition_limits(
    values: npt.ArrayLike,
    *,
    usable: npt.ArrayLike | None = None,
    segment: npt.ArrayLike | None = None,
    baseline_points: int | None = None,
    screen_moving_ranges: bool = False,
) -> PartitionLimits:
    """Centre line, average moving range and moving ranges of one or many partitions.

    Args:
        values: Values in time order; NaN is a missing period, never a zero.
        usable: Booleans, False for ghosted points (drawn, never calculated with);
            missing values are never usable. Default: every non-missing point.
        segment: Partition number of each point, 0, 1, ..., non-decreasing, so many
            series can be computed in one call. Default: one partition.
        baseline_points: If set, only the first N usable points of each partition give
            the centre and MRbar (the limits are carried forward unchanged).
        screen_moving_ranges: Drop moving ranges above 3.267 * MRbar and recompute
            MRbar once (PTD's option; MDC does not screen).

    Returns:
        The per-partition centre, MRbar and count used, and the per-point moving range.
    """
    x = np.asarray(values, dtype=float)
    size = x.size
    used = ~np.isnan(x)
    if usable is not None:
        used &= np.asarray(usable, dtype=bool)
    seg = np.zeros(size, dtype=np.int64) if segment is None else np.asarray(segment, np.int64)
    n_segments = int(seg[-1]) + 1 if size else 0

    # A moving range spans two consecutive periods only: across a missing or ghosted
    # period it would span two periods and overstate the short-term variation.
    has_range = np.zeros(size, dtype=bool)
    has_range[1:] = used[1:] & used[:-1] & (seg[1:] == seg[:-1])
    moving_range = np.full(size, np.nan)
    moving_range[1:] = np.abs(np.diff(x))
    moving_range[~has_range] = np.nan

    in_limits = used.copy()
    if baseline_points is not None:
        # Rank of each usable point within its partition, 1-based.
        used_before = np.cumsum(used) - used
        starts_here = np.ones(size, dtype=bool)
        starts_here[1:] = seg[1:] != seg[:-1]
        segment_start = np.maximum.accumulate(np.where(starts_here, np.arange(size), 0))
        rank = used_before - used_before[segment_start] + 1
        in_limits &= rank <= baseline_points
    range_in_limits = has_range.copy()
    range_in_limits[1:] &= in_limits[1:] & in_limits[:-1]

    centre = _mean_by(seg, x, in_limits, n_segments)
    mr_bar = _mean_by(seg, moving_range, range_in_limits, n_segments)
    if screen_moving_ranges:
        with np.errstate(invalid="ignore"):
            kept = range_in_limits & (moving_range <= MR_UPPER_FACTOR * mr_bar[seg])
        mr_bar = _mean_by(seg, moving_range, kept, n_segments)
    n_used = np.bincount(seg, weights=in_limits, minlength=n_segments).astype(np.int64)
    return PartitionLimits(centre, mr_bar, n_used, moving_range)


def limit_lines(centre: npt.ArrayLike, mr_bar: npt.ArrayLike) -> dict[str, FloatArray]:
    """Process limits and 1- and 2-sigma lines from the centre line and MRbar.

    Where MRbar is 0 (a constant partition) or NaN (no moving range), the lines are NaN:
    limits of zero width would flag every later change, so none are drawn or used.

    Args:
        centre: Centre line(s).
        mr_bar: Average moving range(s), same shape.

    Returns:
        Arrays keyed by the statlib.schema names UPPER_LIMIT, LOWER_LIMIT,
        UPPER_TWO_SIGMA, LOWER_TWO_SIGMA, UPPER_ONE_SIGMA, LOWER_ONE_SIGMA.
    """
    cl = np.asarray(centre, dtype=float)
    spread = np.where(np.asarray(mr_bar, dtype=float) > 0, mr_bar, np.nan)
    return {
        UPPER_LIMIT: cl + LIMIT_FACTOR * spread,
        LOWER_LIMIT: cl - LIMIT_FACTOR * spread,
        UPPER_TWO_SIGMA: cl + TWO_SIGMA_FACTOR * spread,
        LOWER_TWO_SIGMA: cl - TWO_SIGMA_FACTOR * spread,
        UPPER_ONE_SIGMA: cl + ONE_SIGMA_FACTOR * spread,
        LOWER_ONE_SIGMA: cl - ONE_SIGMA_FACTOR * spread,
    }
