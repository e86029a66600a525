"""The one SPC entry point: `evaluate` a long KPI frame into points and a summary.

Computing only: the returned frames hold everything a chart or a table needs (limits,
rule hits, point types, icons); `statlib.charts` draws them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from statlib.schema import (
    ASSURANCE_ICON,
    CENTRE,
    CHART,
    CONFLICT,
    GHOST,
    LAST_PERIOD_END,
    LAST_VALUE,
    LOWER_LIMIT,
    LOWER_ONE_SIGMA,
    LOWER_TWO_SIGMA,
    METRIC,
    MOVING_RANGE,
    N_POINTS,
    PARTITION,
    PERIOD_END,
    POINT_TYPE,
    RULE_OUTSIDE_LIMITS,
    RULE_SHIFT,
    RULE_TREND,
    RULE_TWO_OF_THREE,
    SERIES_KEYS,
    SETTINGS,
    SIDE,
    SPC_POINT_COLUMNS,
    SPC_SUMMARY_COLUMNS,
    STATUS,
    TARGET,
    UPPER_LIMIT,
    UPPER_ONE_SIGMA,
    UPPER_TWO_SIGMA,
    VALUE,
    VARIATION_ICON,
)
from statlib.spc.classify import assurance_icons, classify_points, direction_signs, variation_icon
from statlib.spc.limits import limit_lines, partition_limits
from statlib.spc.partitions import (
    RecalculationDates,
    check_columns,
    order_series,
    partition_segments,
)
from statlib.spc.rules import rule_outside_limits, rule_shift, rule_trend, rule_two_of_three
from statlib.spc.settings import SpcSettings

DEFAULT_SETTINGS = SpcSettings()  # MDC defaults; frozen, so one shared instance is safe
XMR, RUN = "xmr", "run"  # chart kinds
OK = "ok"
TRIAL_LIMITS = "trial_limits"
NOT_ENOUGH_DATA = "not_enough_data"
NO_VARIATION = "no_variation"

# dtypes of the added columns, so that an empty result has the same shape as a full one.
_POINT_DTYPES: dict[str, str] = {
    GHOST: "bool",
    PARTITION: "int64",
    CENTRE: "float64",
    UPPER_LIMIT: "float64",
    LOWER_LIMIT: "float64",
    UPPER_TWO_SIGMA: "float64",
    LOWER_TWO_SIGMA: "float64",
    UPPER_ONE_SIGMA: "float64",
    LOWER_ONE_SIGMA: "float64",
    MOVING_RANGE: "float64",
    RULE_OUTSIDE_LIMITS: "bool",
    RULE_SHIFT: "bool",
    RULE_TREND: "bool",
    RULE_TWO_OF_THREE: "bool",
    SIDE: "str",
    POINT_TYPE: "str",
    CONFLICT: "bool",
}
_SUMMARY_DTYPES: dict[str, str] = {
    N_POINTS: "int64",
    CHART: "str",
    STATUS: "str",
    LAST_PERIOD_END: "datetime64[ns]",
    LAST_VALUE: "float64",
    CENTRE: "float64",
    UPPER_LIMIT: "float64",
    LOWER_LIMIT: "float64",
    VARIATION_ICON: "str",
    ASSURANCE_ICON: "str",
    SETTINGS: "str",
}


@dataclass(frozen=True)
class SpcResult:
    """What `evaluate` returns: one row per input point and one per series.

    Attributes:
        points: The input columns, sorted by SERIES_KEYS and PERIOD_END, plus
            schema.SPC_POINT_COLUMNS.
        summary: One row per series, schema.SPC_SUMMARY_COLUMNS.
    """

    points: pd.DataFrame
    summary: pd.DataFrame


def _last_per_series(
    rows: npt.NDArray[np.int64], series: npt.NDArray[np.int64], n_series: int
) -> npt.NDArray[np.int64]:
    """Row number of the last of `rows` (sorted) in each series; -1 for a series with none."""
    last = np.full(n_series, -1, dtype=np.int64)
    of_series = series[rows]
    is_last = np.r_[of_series[1:] != of_series[:-1], True] if rows.size else rows.astype(bool)
    last[of_series[is_last]] = rows[is_last]
    return last


def _flags(size: int, positions: npt.NDArray[np.int64], hits: npt.NDArray[np.bool_]) -> np.ndarray:
    """Booleans for every row, True where an assessed point (at `positions`) was hit."""
    full = np.zeros(size, dtype=bool)
    full[positions] = hits
    return full


def _special_causes(
    x: npt.NDArray[np.float64],
    segment: npt.NDArray[np.int64],
    centre: npt.NDArray[np.float64],
    lines: Mapping[str, npt.NDArray[np.float64]],
    settings: SpcSettings,
) -> dict[str, tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]]:
    """The four rules over the assessed points of many partitions laid end to end.

    Returns:
        (high, low) hits keyed by the rule's column name.
    """
    starts = np.ones(x.size, dtype=bool)
    starts[1:] = segment[1:] != segment[:-1]
    return {
        RULE_OUTSIDE_LIMITS: rule_outside_limits(x, lines[LOWER_LIMIT], lines[UPPER_LIMIT]),
        RULE_SHIFT: rule_shift(np.sign(x - centre), settings.shift_length, starts=starts),
        RULE_TREND: rule_trend(x, settings.trend_length, starts=starts),
        RULE_TWO_OF_THREE: rule_two_of_three(
            x,
            centre,
            lines[UPPER_TWO_SIGMA],
            lines[LOWER_TWO_SIGMA],
            lines[UPPER_LIMIT],
            lines[LOWER_LIMIT],
            settings.two_sigma_mode,
            starts=starts,
        ),
    }


def evaluate(
    frame: pd.DataFrame,
    *,
    directions: Mapping[str, str] | str = "neutral",
    settings: SpcSettings = DEFAULT_SETTINGS,
    recalculate_at: RecalculationDates = (),
) -> SpcResult:
    """SPC in the Making Data Count style for every series of a long KPI frame.

    Steps: sort the series once; cut them into partitions at the recalculation dates;
    compute each partition's XmR limits; run the four special-cause rules; classify the
    points by improvement direction; summarise each series with its icons.

    Missing periods: a NaN value is a gap, never a zero. No moving range is taken across
    a gap (it would span two periods); the run rules skip the gap, so it neither breaks
    nor counts towards a shift, a trend or a two-of-three window. Ghosted points (GHOST
    True) are drawn but treated as gaps in every calculation. A period with no row at all
    cannot be seen here: complete the period grid first (statlib.periods).

    Args:
        frame: Long KPI frame with SERIES_KEYS (domain, metric, unit), PERIOD_END
            (datetime64) and VALUE; optional TARGET (the latest non-null target of a
            series is used for assurance) and GHOST (bool). Never modified.
        directions: Improvement direction ("increase", "decrease", "neutral") of every
            metric, or a mapping metric key -> direction.
        settings: Rule lengths, 2-sigma mode, screening, baseline, conflict preference.
        recalculate_at: period_end dates where the process changed, for every series, or a
            mapping (domain, metric, unit) -> dates.

    Returns:
        SpcResult with `points` (input columns + PARTITION, CENTRE, the limit and sigma
        lines, MOVING_RANGE, the four RULE_* flags, SIDE, POINT_TYPE, CONFLICT, GHOST) and
        `summary` (SERIES_KEYS, N_POINTS, CHART, STATUS, LAST_PERIOD_END, LAST_VALUE,
        CENTRE, UPPER_LIMIT, LOWER_LIMIT, VARIATION_ICON, ASSURANCE_ICON, SETTINGS).
        Text columns are pandas strings; "not assessed" (SIDE and POINT_TYPE of a ghosted,
        missing or run-chart point; the icons of a run chart) is a missing value.

    Raises:
        InputError: A missing or mistyped column, a missing key, a repeated period.
        ParamsError: An unknown direction or metric, a bad recalculation date.
    """
    check_columns(frame)
    if frame.empty:
        return _empty_result(frame)
    ordered = order_series(frame)
    points = ordered.frame
    segment = partition_segments(ordered, recalculate_at)
    signs = direction_signs(points[METRIC], directions)
    values = points[VALUE].to_numpy(dtype=float, na_value=np.nan)
    ghost = points[GHOST].to_numpy(dtype=bool) if GHOST in points else np.zeros(len(points), bool)
    usable = ~np.isnan(values) & ~ghost
    size, n_series = len(points), int(ordered.series[-1]) + 1

    # Limits per partition; a series with too few points is a run chart around its median.
    limits = partition_limits(
        values,
        usable=~ghost,
        segment=segment,
        baseline_points=settings.baseline_points,
        screen_moving_ranges=settings.screen_moving_ranges,
    )
    n_points = np.bincount(ordered.series, weights=usable, minlength=n_series).astype(np.int64)
    xmr_series = n_points >= settings.min_points
    segment_first = np.flatnonzero(np.r_[True, segment[1:] != segment[:-1]])
    xmr_segment = xmr_series[ordered.series[segment_first]]
    centre = limits.centre.copy()
    run_rows = usable & ~xmr_segment[segment]
    if run_rows.any():
        medians = pd.Series(values[run_rows]).groupby(segment[run_rows]).median()
        centre[medians.index.to_numpy()] = medians.to_numpy()
    lines = limit_lines(centre, np.where(xmr_segment, limits.mr_bar, np.nan))
    line_at = {name: line[segment] for name, line in lines.items()}
    centre_at = centre[segment]

    # Rules run on the assessed points only, laid end to end, one call for all series.
    at = np.flatnonzero(usable & xmr_segment[segment])
    hits = _special_causes(
        values[at], segment[at], centre_at[at], {k: v[at] for k, v in line_at.items()}, settings
    )
    high = np.logical_or.reduce([h for h, _ in hits.values()])
    low = np.logical_or.reduce([lo for _, lo in hits.values()])
    types, sides, conflicted = classify_points(
        high, low, signs[at], values[at] >= centre_at[at], conflict=settings.conflict
    )
    point_type = np.full(size, None, dtype=object)
    side = np.full(size, None, dtype=object)
    point_type[at], side[at] = types, sides

    new_columns = {
        GHOST: ghost,
        PARTITION: segment - segment[ordered.series_first][ordered.series],
        CENTRE: centre_at,
        **line_at,
        MOVING_RANGE: limits.moving_range,
        **{name: _flags(size, at, h | lo) for name, (h, lo) in hits.items()},
        SIDE: side,
        POINT_TYPE: point_type,
        CONFLICT: _flags(size, at, conflicted),
    }
    points = points.assign(**{name: new_columns[name] for name in SPC_POINT_COLUMNS}).astype(
        _POINT_DTYPES
    )

    # Summary: each series judged by its last usable point and its latest partition.
    last = _last_per_series(np.flatnonzero(usable), ordered.series, n_series)
    has_last = last >= 0
    latest = np.where(has_last, segment[np.maximum(last, 0)], 0)
    mr_bar_latest = np.where(has_last, limits.mr_bar[latest], np.nan)
    status = np.select(
        [~xmr_series, mr_bar_latest == 0, limits.n_used[latest] < settings.trial_points],
        [NOT_ENOUGH_DATA, NO_VARIATION, TRIAL_LIMITS],
        OK,
    ).astype(object)
    icons = [variation_icon(point_type[row], side[row]) if row >= 0 else None for row in last]
    target = np.full(n_series, np.nan)
    if TARGET in points:
        target_values = points[TARGET].to_numpy(dtype=float, na_value=np.nan)
        last_target = _last_per_series(
            np.flatnonzero(~np.isnan(target_values)), ordered.series, n_series
        )
        target = np.where(last_target >= 0, target_values[last_target], np.nan)
    keys = points.loc[ordered.series_first, list(SERIES_KEYS)].reset_index(drop=True)
    summary_columns = {
        N_POINTS: n_points,
        CHART: np.where(xmr_series, XMR, RUN).astype(object),
        STATUS: status,
        LAST_PERIOD_END: np.where(
            has_last, ordered.period_end[np.maximum(last, 0)], np.datetime64("NaT", "ns")
        ),
        LAST_VALUE: np.where(has_last, values[np.maximum(last, 0)], np.nan),
        CENTRE: np.where(has_last, centre[latest], np.nan),
        UPPER_LIMIT: np.where(has_last, lines[UPPER_LIMIT][latest], np.nan),
        LOWER_LIMIT: np.where(has_last, lines[LOWER_LIMIT][latest], np.nan),
        VARIATION_ICON: np.asarray(icons, dtype=object),
        ASSURANCE_ICON: assurance_icons(
            signs[ordered.series_first],
            target,
            np.where(has_last, lines[LOWER_LIMIT][latest], np.nan),
            np.where(has_last, lines[UPPER_LIMIT][latest], np.nan),
        ),
        SETTINGS: settings.describe(),
    }
    summary = keys.assign(**summary_columns)[list(SPC_SUMMARY_COLUMNS)].astype(
        {**_SUMMARY_DTYPES, LAST_PERIOD_END: frame[PERIOD_END].dtype}
    )
    return SpcResult(points=points, summary=summary)


def _empty_result(frame: pd.DataFrame) -> SpcResult:
    """Empty points and summary frames with the right columns."""
    points = frame.iloc[0:0].copy()
    for name in SPC_POINT_COLUMNS:
        points[name] = pd.Series(dtype=_POINT_DTYPES[name])
    dtypes = {**_SUMMARY_DTYPES, LAST_PERIOD_END: frame[PERIOD_END].dtype}
    summary = pd.DataFrame(
        {
            name: pd.Series(dtype=frame[name].dtype if name in SERIES_KEYS else dtypes[name])
            for name in SPC_SUMMARY_COLUMNS
        }
    )
    return SpcResult(points=points, summary=summary)
