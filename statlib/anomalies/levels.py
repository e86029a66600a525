"""Runs, confirmed shifts and trends, and the "new level since <period>" rule.

SPC flags every point of a shift or trend once the run is long enough, including the
points before it was long enough, and both points of a two-of-three pattern. A review
reads flags period by period, as they were raised, so here a pattern counts only at the
point that completes it: the shift at its `shift_length`-th point, the trend at its
`trend_length`-th point (a longer trend is the same alarm and is not repeated), a
two-of-three hit only when an earlier hit of the same side lies within two points.

The level rule (exact): on one series and within one SPC partition, take the run of
consecutive observed points on one side of the centre line (a point on the line, a
point on the other side or a partition start ends it; a missing period neither ends
nor extends it, as in SPC).

1. The point where the run reaches `shift_length` points confirms the shift: it is
   flagged with the shift rule ("7 weeks in a row above the average").
2. Every later point of the same run is at the new level. Its SPC signals on the run's
   side (outside the limits, two of three, a trend in the run's direction) are not
   fresh alarms and are dropped.
3. The first of those later points is reported once as a level change, "new level since
   <the period the run started>"; the rest of the run raises nothing on that side.
4. Forecast-interval breaches and jumps are kept: by then the forecast and the recent
   level have followed the new level, so a breach or a jump means the point is off the
   new level too. Signals on the other side are always kept.

All functions but `date_level_shift` take numpy arrays of observed points in time order,
series after series, with `starts` marking the first point of each series or partition.

Dating a shift (`date_level_shift`). The run's first point is not the date of the shift:
a point of the old level that happens to lie on the new side starts the run early, and
against a whole-history mean the run can begin months before the change. The date is
estimated as the split of the series into two constant levels with the least squared
error (the least-squares break date, Bai 1997), with a 95% range from Bai's limiting
distribution: k +/- (floor(BAI_95 * s^2 / d^2) + 1) points, s^2 the residual variance and
d the difference of the two levels, so that a page can say "new level since <period>
(likely between A and B)". The flag that reports a level (rule 3) carries this date
(`new_level_dates`): Bai's estimator assumes one change in the points it splits, so it
splits the run together with as many points before it as the run has (never before the
partition's start): the run holds the new level, the points before it the old one, and
an older change further back does not pull the date away.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


def run_lengths(keys: npt.ArrayLike, starts: npt.ArrayLike) -> IntArray:
    """Length so far of the run of equal `keys` that ends at each element.

    Args:
        keys: Values in time order (e.g. the side of the centre line, -1/0/+1).
        starts: True where a new series or partition starts; a run never crosses it.

    Returns:
        For each element, how many elements in a row up to and including it share its key
        (1 for the first element of a run).
    """
    values = np.asarray(keys)
    breaks = np.asarray(starts, dtype=bool).copy()
    if values.size == 0:
        return np.zeros(0, dtype=np.int64)
    breaks[0] = True
    new_run = breaks
    new_run[1:] |= values[1:] != values[:-1]
    first_of_run = np.flatnonzero(new_run)
    run_id = np.cumsum(new_run) - 1
    return (np.arange(values.size) - first_of_run[run_id] + 1).astype(np.int64)


def centre_side(values: npt.ArrayLike, centre: npt.ArrayLike) -> IntArray:
    """+1 above the centre line, -1 below, 0 on it or where the centre is missing."""
    difference = np.asarray(values, dtype=float) - np.asarray(centre, dtype=float)
    return np.sign(np.nan_to_num(difference, nan=0.0)).astype(np.int64)


def confirmed_trend(
    values: npt.ArrayLike, starts: npt.ArrayLike, trend_hit: npt.ArrayLike, trend_length: int
) -> tuple[BoolArray, BoolArray, IntArray]:
    """Points that complete (or extend) a rising or a falling trend of `trend_length` points.

    Args:
        values: Values in time order.
        starts: True at the first point of each series or partition.
        trend_hit: SPC's trend rule per point (True for every point of a long trend).
        trend_length: Points that make a trend (SPC setting, 6-8).

    Returns:
        (rising, falling, points): whether the point ends a trend of at least
        `trend_length` points up / down, and how many points that trend has so far.
    """
    x = np.asarray(values, dtype=float)
    breaks = np.asarray(starts, dtype=bool)
    hit = np.asarray(trend_hit, dtype=bool)
    step = np.zeros(x.size, dtype=np.int64)  # +1 rose from the previous point, -1 fell
    if x.size > 1:
        step[1:] = np.sign(x[1:] - x[:-1]).astype(np.int64)
    step[breaks] = 0
    # A trend of n points is n - 1 steps in a row the same way, plus its first point.
    points = np.where(step != 0, run_lengths(step, breaks) + 1, 1)
    long_enough = hit & (points >= trend_length)
    return long_enough & (step > 0), long_enough & (step < 0), points


def shift_and_level(
    side: npt.ArrayLike, starts: npt.ArrayLike, shift_hit: npt.ArrayLike, shift_length: int
) -> tuple[BoolArray, BoolArray, BoolArray, IntArray]:
    """Apply the level rule of the module docstring.

    Args:
        side: +1 / -1 / 0: the point's side of its centre line (see `centre_side`).
        starts: True at the first point of each series or partition.
        shift_hit: SPC's shift rule per point (True for every point of a long run).
        shift_length: Points in a row that make a shift (SPC setting, 6-8).

    Returns:
        (confirms, at_new_level, reports_level, run_start): the point completes a shift;
        the point lies later in a confirmed run (its same-side SPC signals are dropped);
        the point is the one level-change report of its run; the index of the first
        point of the point's run.
    """
    sides = np.asarray(side, dtype=np.int64)
    in_run = np.asarray(shift_hit, dtype=bool) & (sides != 0)
    length = run_lengths(sides, starts)
    confirms = in_run & (length == shift_length)
    at_new_level = in_run & (length > shift_length)
    reports_level = in_run & (length == shift_length + 1)
    run_start = np.arange(sides.size, dtype=np.int64) - length + 1
    return confirms, at_new_level, reports_level, run_start


def completed_two_of_three(hit: npt.ArrayLike, starts: npt.ArrayLike) -> BoolArray:
    """Two-of-three hits on one side that complete their pattern (not its first point).

    SPC flags both points beyond the 2-sigma line, the earlier one only once the later
    one arrives. As raised period by period, a hit counts when one of the two points
    before it, in the same partition, was a hit on the same side.

    Args:
        hit: SPC's two-of-three rule on one side, per point in time order.
        starts: True at the first point of each series or partition.
    """
    flags = np.asarray(hit, dtype=bool)
    breaks = np.asarray(starts, dtype=bool)
    one_before = np.zeros(flags.size, dtype=bool)
    two_before = np.zeros(flags.size, dtype=bool)
    one_before[1:] = flags[:-1] & ~breaks[1:]
    two_before[2:] = flags[:-2] & ~breaks[2:] & ~breaks[1:-1]
    return flags & (one_before | two_before)


# 97.5% quantile of argmax_s (W(s) - |s| / 2), W a two-sided Brownian motion: the limiting
# law of (d^2 / s^2) * (break estimate - break) (Bai 1997, Review of Economics and
# Statistics 79(4), p. 556: "11.0" for a 95% interval).
BAI_95 = 11.03
MIN_SEGMENT = 3  # points on each side of a split: a level needs more than one point


@dataclass(frozen=True)
class LevelShift:
    """The estimated start of a new level in one series (positions in the input order).

    Attributes:
        start: Position of the first point at the new level.
        earliest: Earliest likely first point (95% range).
        latest: Latest likely first point (95% range).
        before: Mean of the points before `start`.
        after: Mean of the points from `start` on.
    """

    start: int
    earliest: int
    latest: int
    before: float
    after: float


def date_level_shift(
    values: npt.ArrayLike, *, min_segment: int = MIN_SEGMENT, quantile: float = BAI_95
) -> LevelShift | None:
    """The split of one series into two levels that fits best, with a 95% range.

    Args:
        values: One series in time order; NaN (missing periods) are skipped, positions
            still refer to the input.
        min_segment: Fewest observed points on each side of the split.
        quantile: Bai's quantile for the range (`BAI_95`).

    Returns:
        The `LevelShift` minimising the sum of squared deviations from the two segment
        means; None when fewer than 2 * `min_segment` points are observed or the series
        is constant. The range is clipped to the admissible splits.
    """
    x = np.asarray(values, dtype=float)
    where = np.flatnonzero(~np.isnan(x))
    y = x[where]
    n = y.size
    if n < 2 * min_segment or np.all(y == y[0]):
        return None
    splits = np.arange(min_segment, n - min_segment + 1)  # first point of the second part
    total, squares = np.cumsum(y), np.cumsum(y * y)
    left_n, right_n = splits, n - splits
    left_sum, right_sum = total[splits - 1], total[-1] - total[splits - 1]
    left_sq, right_sq = squares[splits - 1], squares[-1] - squares[splits - 1]
    sse = (left_sq - left_sum**2 / left_n) + (right_sq - right_sum**2 / right_n)
    best = int(np.argmin(sse))
    k = int(splits[best])
    before, after = float(left_sum[best] / k), float(right_sum[best] / (n - k))
    variance = max(float(sse[best]), 0.0) / (n - 2)
    half_width = int(np.floor(quantile * variance / (after - before) ** 2)) + 1
    earliest = max(k - half_width, int(splits[0]))
    latest = min(k + half_width, int(splits[-1]))
    return LevelShift(
        start=int(where[k]),
        earliest=int(where[earliest]),
        latest=int(where[latest]),
        before=before,
        after=after,
    )


def new_level_dates(
    values: npt.ArrayLike, labels: npt.ArrayLike, partition_start: int, run_start: int, at: int
) -> tuple[str, str | None, str | None]:
    """Where the new level reported at point `at` began, and its 95% range (period labels).

    Args:
        values: The values SPC judged, in time order; NaN where a point does not count
            (a ghosted point).
        labels: The points' period labels.
        partition_start: Position of the first point of `at`'s series or partition.
        run_start: Position of the first point of `at`'s run on one side of the centre.
        at: Position of the point that reports the level (rule 3 of the module docstring).

    Returns:
        (since, earliest, latest): the labels of `date_level_shift` on the run and as
        many points before it; (the run's first label, None, None) when those points
        cannot be split (too few, or constant).
    """
    periods = np.asarray(labels, dtype=object)
    window_start = max(int(partition_start), int(run_start) - (at - int(run_start) + 1))
    found = date_level_shift(np.asarray(values, dtype=float)[window_start : at + 1])
    if found is None:
        return str(periods[run_start]), None, None
    start, earliest, latest = (
        str(periods[window_start + p]) for p in (found.start, found.earliest, found.latest)
    )
    return start, earliest, latest
