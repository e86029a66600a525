"""The four special-cause rules of Making Data Count, each a small pure numpy function.

Every rule takes the points of one partition in time order (or of many partitions
laid end to end, with `starts` marking the first point of each, so that one call can
evaluate thousands of series) and returns two boolean arrays: `high` (the rule fired
on the high side: above a limit, above the centre line, increasing) and `low`.

The arrays hold only the points that take part in the calculation: ghosted and missing
points are removed before the rules run, so a gap neither breaks nor extends a run.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from statlib.errors import ParamsError
from statlib.spc.settings import LEGACY, MDC2023

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
RuleHits = tuple[BoolArray, BoolArray]


def _starts_or_first(length: int, starts: npt.ArrayLike | None) -> BoolArray:
    """Boolean array marking where a partition starts; by default only the first point."""
    if starts is None:
        marks = np.zeros(length, dtype=bool)
    else:
        marks = np.asarray(starts, dtype=bool).copy()
        if marks.shape != (length,):
            raise ParamsError(f"starts has shape {marks.shape}: must match the {length} points")
    if length:
        marks[0] = True
    return marks


def _long_runs(mask: BoolArray, min_length: int, breaks: BoolArray) -> BoolArray:
    """Mark the True elements of `mask` that sit in a run of at least `min_length`.

    A run is a stretch of equal values of `mask`; `breaks` starts a new run even
    when the value does not change (a partition boundary).
    """
    if mask.size == 0:
        return mask.copy()
    new_run = breaks.copy()
    new_run[1:] |= mask[1:] != mask[:-1]
    run_id = np.cumsum(new_run) - 1
    run_length = np.bincount(run_id)
    return mask & (run_length[run_id] >= min_length)


def rule_outside_limits(x: npt.ArrayLike, lower: npt.ArrayLike, upper: npt.ArrayLike) -> RuleHits:
    """Rule 1: a point strictly above the upper or below the lower process limit.

    Args:
        x: Values in time order.
        lower: Lower process limit (scalar or one per point); NaN never flags.
        upper: Upper process limit (scalar or one per point); NaN never flags.

    Returns:
        (high, low): x > upper, x < lower.
    """
    values = np.asarray(x, dtype=float)
    return values > np.asarray(upper, dtype=float), values < np.asarray(lower, dtype=float)


def rule_shift(side: npt.ArrayLike, n: int, *, starts: npt.ArrayLike | None = None) -> RuleHits:
    """Rule 2: `n` or more consecutive points on the same side of the centre line.

    A point exactly on the centre line (side 0) breaks the run. Every point of the run
    is flagged, not only the n-th.

    Args:
        side: +1 above the centre line, -1 below, 0 on it, in time order.
        n: Minimum run length (SPC.md: 7 by default, 6-8 allowed).
        starts: Optional booleans marking the first point of each partition; runs never
            cross a partition start.

    Returns:
        (high, low): points in a run above / below the centre line.
    """
    signs = np.sign(np.asarray(side, dtype=float))
    breaks = _starts_or_first(signs.size, starts)
    return _long_runs(signs > 0, n, breaks), _long_runs(signs < 0, n, breaks)


def rule_trend(x: npt.ArrayLike, n: int, *, starts: npt.ArrayLike | None = None) -> RuleHits:
    """Rule 3: `n` or more consecutive points each strictly higher (or lower) than the last.

    The endpoints count, so 1, 2, ..., 7 is a trend of 7 and all 7 points are flagged.
    An equal value breaks the trend.

    Args:
        x: Values in time order.
        n: Minimum number of points in the trend (SPC.md: 7 by default, 6-8 allowed).
        starts: Optional booleans marking the first point of each partition; a trend
            never crosses a partition start.

    Returns:
        (high, low): points in an increasing / a decreasing trend.
    """
    values = np.asarray(x, dtype=float)
    breaks = _starts_or_first(values.size, starts)
    if values.size < 2:
        empty = np.zeros(values.size, dtype=bool)
        return empty, empty.copy()
    # Step k joins point k to point k + 1; a trend of n points is n - 1 steps in a row.
    # A step into a partition start belongs to no partition, so it is neither up nor down.
    inside = ~breaks[1:]
    step_up = (values[1:] > values[:-1]) & inside
    step_down = (values[1:] < values[:-1]) & inside
    no_breaks = np.zeros(values.size - 1, dtype=bool)
    no_breaks[0] = True

    def points_of(steps: BoolArray) -> BoolArray:
        in_trend = _long_runs(steps, n - 1, no_breaks)
        points = np.zeros(values.size, dtype=bool)
        points[:-1] |= in_trend  # the point where a trend step starts
        points[1:] |= in_trend  # the point where it ends
        return points

    return points_of(step_up), points_of(step_down)


def rule_two_of_three(
    x: npt.ArrayLike,
    centre: npt.ArrayLike,
    two_sigma_upper: npt.ArrayLike,
    two_sigma_lower: npt.ArrayLike,
    upper: npt.ArrayLike,
    lower: npt.ArrayLike,
    mode: str = MDC2023,
    *,
    starts: npt.ArrayLike | None = None,
) -> RuleHits:
    """Rule 4: two of three consecutive points beyond a 2-sigma line, all three on that side.

    In each window of 3 consecutive points, if at least 2 are beyond the 2-sigma line on
    one side and all 3 are on that side of the centre line, the points beyond the 2-sigma
    line are flagged (the third, nearer point is not).

    Args:
        x: Values in time order.
        centre: Centre line (scalar or one per point).
        two_sigma_upper: CL + 1.7733 * MRbar (scalar or one per point).
        two_sigma_lower: CL - 1.7733 * MRbar.
        upper: Upper process limit; only used in "legacy" mode.
        lower: Lower process limit; only used in "legacy" mode.
        mode: "mdc2023": a point beyond the process limit counts as beyond 2 sigma (MDC
            since November 2023). "legacy": only points between 2 and 3 sigma count
            (PTD 0.2.2, MDC SQL v2.5).
        starts: Optional booleans marking the first point of each partition; a window
            never crosses a partition start.

    Returns:
        (high, low): points flagged on the high / the low side.

    Raises:
        ParamsError: An unknown mode.
    """
    values = np.asarray(x, dtype=float)
    size = values.size
    breaks = _starts_or_first(size, starts)
    centre_line = np.broadcast_to(np.asarray(centre, dtype=float), values.shape)
    beyond_high = values > np.asarray(two_sigma_upper, dtype=float)
    beyond_low = values < np.asarray(two_sigma_lower, dtype=float)
    if mode == LEGACY:
        beyond_high &= values <= np.asarray(upper, dtype=float)
        beyond_low &= values >= np.asarray(lower, dtype=float)
    elif mode != MDC2023:
        raise ParamsError(f"two_sigma_mode={mode!r}: must be one of {MDC2023}, {LEGACY}")
    if size < 3:
        empty = np.zeros(size, dtype=bool)
        return empty, empty.copy()
    # Window k holds points k, k + 1, k + 2 and must lie inside one partition.
    window_inside = ~breaks[1:-1] & ~breaks[2:]

    def side_hits(on_side: BoolArray, beyond: BoolArray) -> BoolArray:
        all_on_side = on_side[:-2] & on_side[1:-1] & on_side[2:]
        n_beyond = beyond[:-2].astype(int) + beyond[1:-1] + beyond[2:]
        window_fires = window_inside & all_on_side & (n_beyond >= 2)
        # Point i sits in windows i - 2, i - 1 and i; padding keeps the indices simple.
        padded = np.zeros(size + 2, dtype=bool)
        padded[2:size] = window_fires
        in_firing_window = padded[:size] | padded[1 : size + 1] | padded[2 : size + 2]
        return beyond & in_firing_window

    return (
        side_hits(values > centre_line, beyond_high),
        side_hits(values < centre_line, beyond_low),
    )
