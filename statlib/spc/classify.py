"""From rule hits to Making Data Count's vocabulary: point types, icons and colours.

One vocabulary runs from the maths to the colour map: a point is `improvement`,
`concern`, `neutral_high`, `neutral_low` or `common_cause`; None means the point was
not assessed (ghosted, missing, or on a run chart).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import numpy.typing as npt
import pandas as pd

from statlib.errors import ParamsError
from statlib.schema import DECREASE, DIRECTIONS, INCREASE, NEUTRAL
from statlib.spc.settings import PREFER_IMPROVEMENT

BoolArray = npt.NDArray[np.bool_]
ObjectArray = npt.NDArray[np.object_]

# Point types (SPC.md "Classification and icons").
IMPROVEMENT = "improvement"
CONCERN = "concern"
NEUTRAL_HIGH = "neutral_high"
NEUTRAL_LOW = "neutral_low"
COMMON_CAUSE = "common_cause"
POINT_TYPES: tuple[str, ...] = (IMPROVEMENT, CONCERN, NEUTRAL_HIGH, NEUTRAL_LOW, COMMON_CAUSE)

# Sides of a special cause.
HIGH = "high"
LOW = "low"

# MDC palette (SPC.md "Palette"); the NHS deliberately avoids red-amber-green, and
# shape or text always accompanies colour.
POINT_TYPE_COLOURS: dict[str, str] = {
    IMPROVEMENT: "#00b0f0",  # blue
    CONCERN: "#e46c0a",  # orange
    NEUTRAL_HIGH: "#490092",  # purple
    NEUTRAL_LOW: "#490092",  # purple
    COMMON_CAUSE: "#a6a6a6",  # grey
}
TARGET_COLOUR = "#de1b1b"  # red: the target line

# Variation icons: the MDC icon set, named "<class>_<side>" (the class of the last point
# and the side it is special on) or "common_cause".
VARIATION_ICONS: tuple[str, ...] = (
    "improvement_high",
    "improvement_low",
    "concern_high",
    "concern_low",
    NEUTRAL_HIGH,
    NEUTRAL_LOW,
    COMMON_CAUSE,
)

# Assurance icons (MDC): can the process be relied on to meet the target?
CONSISTENTLY_PASSES = "consistently_passes"
CONSISTENTLY_FAILS = "consistently_fails"
HIT_OR_MISS = "hit_or_miss"

# Improvement direction as a sign: high values are good (+1), bad (-1), neither (0).
DIRECTION_SIGN: dict[str, int] = {INCREASE: 1, DECREASE: -1, NEUTRAL: 0}


def _sign_of(direction: object, metric: object) -> int:
    if direction not in DIRECTION_SIGN:
        raise ParamsError(
            f"improvement direction {direction!r} for metric {metric!r}: must be one of "
            f"{', '.join(DIRECTIONS)}"
        )
    return DIRECTION_SIGN[direction]


def direction_signs(
    metrics: pd.Series, directions: Mapping[str, str] | str
) -> npt.NDArray[np.int64]:
    """Improvement direction of each row as +1 (increase), -1 (decrease) or 0 (neutral).

    Args:
        metrics: The metric key of each row.
        directions: One direction for every metric, or a mapping metric -> direction.
            Metrics of the mapping that are not in `metrics` are ignored (a catalogue
            covers more metrics than one run).

    Returns:
        One sign per row.

    Raises:
        ParamsError: An unknown direction, or a metric the mapping does not cover.
    """
    if isinstance(directions, str):
        return np.full(len(metrics), _sign_of(directions, "(all)"), dtype=np.int64)
    codes, uniques = pd.factorize(metrics)
    signs = []
    for metric in uniques:
        if metric not in directions:
            raise ParamsError(
                f"no improvement direction for metric {metric!r} (rule: every metric needs "
                f"one of {', '.join(DIRECTIONS)})"
            )
        signs.append(_sign_of(directions[metric], metric))
    return np.asarray(signs, dtype=np.int64)[codes]


def classify_points(
    high: npt.ArrayLike,
    low: npt.ArrayLike,
    direction_sign: npt.ArrayLike,
    above_centre: npt.ArrayLike,
    *,
    conflict: str = PREFER_IMPROVEMENT,
) -> tuple[ObjectArray, ObjectArray, BoolArray]:
    """Point type, side and conflict flag of each point from its rule hits.

    increase: high = improvement, low = concern; decrease: the reverse; neutral:
    neutral_high / neutral_low; no hit: common_cause. A point flagged on both sides (a
    trend running against a shift, say) is a conflict: for increase/decrease metrics the
    `conflict` setting picks improvement or concern; neutral metrics have no preference,
    so the point takes the side of the centre line it lies on (on the line: high).

    Args:
        high: Any rule fired on the high side.
        low: Any rule fired on the low side.
        direction_sign: +1 increase, -1 decrease, 0 neutral (scalar or per point).
        above_centre: The value is at or above the centre line (for neutral conflicts).
        conflict: "improvement" or "concern": the class a conflict resolves to.

    Returns:
        (point_type, side, conflicted): object arrays of point types and of "high" /
        "low" / None, and the boolean conflict flag.
    """
    is_high = np.asarray(high, dtype=bool)
    is_low = np.asarray(low, dtype=bool)
    sign = np.broadcast_to(np.asarray(direction_sign, dtype=int), is_high.shape)
    conflicted = is_high & is_low
    # In a conflict, the improvement side is high for increase metrics, low for decrease.
    conflict_goes_high = (sign > 0) == (conflict == PREFER_IMPROVEMENT)
    conflict_goes_high = np.where(
        sign == 0, np.asarray(above_centre, dtype=bool), conflict_goes_high
    )
    ends_high = np.where(conflicted, conflict_goes_high, is_high)
    special = is_high | is_low

    side = np.full(is_high.shape, None, dtype=object)
    side[special & ends_high] = HIGH
    side[special & ~ends_high] = LOW
    point_type = np.full(is_high.shape, COMMON_CAUSE, dtype=object)
    neutral = special & (sign == 0)
    point_type[neutral & ends_high] = NEUTRAL_HIGH
    point_type[neutral & ~ends_high] = NEUTRAL_LOW
    good = np.where(sign > 0, ends_high, ~ends_high)
    point_type[special & (sign != 0) & good] = IMPROVEMENT
    point_type[special & (sign != 0) & ~good] = CONCERN
    return point_type, side, conflicted


def variation_icon(point_type: str | None, side: str | None) -> str | None:
    """The MDC variation icon of a series: the class of its last assessed point.

    Args:
        point_type: Point type of the last usable point (None: not assessed).
        side: "high", "low" or None.

    Returns:
        One of VARIATION_ICONS, or None when the point was not assessed.
    """
    if point_type in (IMPROVEMENT, CONCERN):
        return f"{point_type}_{side}"
    return point_type


def assurance_icons(
    direction_sign: npt.ArrayLike,
    target: npt.ArrayLike,
    lower: npt.ArrayLike,
    upper: npt.ArrayLike,
) -> ObjectArray:
    """MDC assurance icon per series, from the latest partition's process limits.

    Boundaries are inclusive, as MDC's: for an increase metric a target at or below the
    lower limit is consistently passed, at or above the upper limit consistently failed,
    otherwise hit or miss; a decrease metric is the mirror image. Neutral metrics, a
    missing target and missing limits (run chart, no variation) give None.

    Args:
        direction_sign: +1 increase, -1 decrease, 0 neutral, one per series.
        target: The latest target of each series (NaN: none).
        lower: Lower process limit of the latest partition.
        upper: Upper process limit of the latest partition.

    Returns:
        Object array of "consistently_passes", "consistently_fails", "hit_or_miss" or None.
    """
    sign = np.asarray(direction_sign, dtype=int)
    goal = np.asarray(target, dtype=float)
    low_limit = np.asarray(lower, dtype=float)
    high_limit = np.asarray(upper, dtype=float)
    assessable = (sign != 0) & ~np.isnan(goal) & ~np.isnan(low_limit) & ~np.isnan(high_limit)
    below_process = goal <= low_limit  # every point expected above the target
    above_process = goal >= high_limit  # every point expected below the target
    passes = np.where(sign > 0, below_process, above_process)
    fails = np.where(sign > 0, above_process, below_process)
    icons = np.full(sign.shape, None, dtype=object)
    icons[assessable] = HIT_OR_MISS
    icons[assessable & passes] = CONSISTENTLY_PASSES
    icons[assessable & fails] = CONSISTENTLY_FAILS
    return icons
