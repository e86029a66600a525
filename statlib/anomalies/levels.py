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

All functions take numpy arrays of observed points in time order, series after series,
with `starts` marking the first point of each series or partition.
"""

from __future__ import annotations

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
