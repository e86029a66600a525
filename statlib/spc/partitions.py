"""From the long KPI frame to series and partitions, ready for array maths.

The frame is validated, sorted once (series, then period_end) and cut into partitions
with numpy indices, so the SPC maths can run over thousands of series in one pass
instead of one pandas group at a time.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from statlib.errors import InputError, ParamsError
from statlib.schema import GHOST, PERIOD_END, SERIES_KEYS, TARGET, VALUE

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
REQUIRED_COLUMNS: tuple[str, ...] = (*SERIES_KEYS, PERIOD_END, VALUE)

RecalculationDates = Mapping[tuple, Sequence] | Sequence


@dataclass(frozen=True)
class OrderedSeries:
    """The input rows sorted by series and period_end, with their integer labels.

    Attributes:
        frame: A sorted copy of the input, index 0..n-1.
        series: Series number of each row, 0, 1, ... in sorted key order.
        period_end: The rows' period_end as datetime64[ns].
        series_first: Row number of the first row of each series.
    """

    frame: pd.DataFrame
    series: IntArray
    period_end: npt.NDArray[np.datetime64]
    series_first: IntArray


def check_columns(frame: pd.DataFrame) -> None:
    """Check that the KPI frame has the columns and types SPC needs.

    Args:
        frame: Needs SERIES_KEYS, PERIOD_END (datetime64) and VALUE (numeric); TARGET
            (numeric) and GHOST (boolean) are optional.

    Raises:
        InputError: Names the missing or mistyped column and the rule.
    """
    for column in REQUIRED_COLUMNS:
        if column not in frame.columns:
            raise InputError(
                f"the SPC input has no {column!r} column", column=column, rule="required column"
            )
    for column in (VALUE, TARGET):
        if column in frame.columns and (
            not pd.api.types.is_numeric_dtype(frame[column])
            or pd.api.types.is_bool_dtype(frame[column])
        ):
            raise InputError(
                f"{column!r} has dtype {frame[column].dtype}",
                column=column,
                rule="numbers (NaN for a missing period)",
            )
    if not pd.api.types.is_datetime64_dtype(frame[PERIOD_END]):
        raise InputError(
            f"{PERIOD_END!r} has dtype {frame[PERIOD_END].dtype}",
            column=PERIOD_END,
            rule="timezone-naive datetime64; parse periods with statlib.periods first",
        )
    if GHOST in frame.columns and not pd.api.types.is_bool_dtype(frame[GHOST]):
        raise InputError(
            f"{GHOST!r} has dtype {frame[GHOST].dtype}", column=GHOST, rule="True or False"
        )
    for column in (*SERIES_KEYS, PERIOD_END, GHOST):
        if column in frame.columns and frame[column].isna().any():
            row = int(np.flatnonzero(frame[column].isna().to_numpy())[0])
            raise InputError(
                f"{column!r} is missing", row=row, column=column, rule="no missing keys or dates"
            )


def order_series(frame: pd.DataFrame) -> OrderedSeries:
    """Sort the rows by series (SERIES_KEYS) and period_end, once.

    Args:
        frame: A frame that passed `check_columns`.

    Returns:
        The sorted copy and the integer series labels.

    Raises:
        InputError: Two rows of one series share a period_end (names the input row).
    """
    codes = frame.groupby(list(SERIES_KEYS), sort=True).ngroup().to_numpy(np.int64)
    period_end = frame[PERIOD_END].to_numpy(dtype="datetime64[ns]")
    order = np.lexsort((period_end.view(np.int64), codes))
    series, period_end = codes[order], period_end[order]
    repeated = np.flatnonzero((series[1:] == series[:-1]) & (period_end[1:] == period_end[:-1]))
    if repeated.size:
        row = int(order[repeated[0] + 1])
        raise InputError(
            f"{PERIOD_END} {pd.Timestamp(period_end[repeated[0]]).date()} appears twice "
            f"for series {tuple(frame.iloc[row][list(SERIES_KEYS)])}",
            row=row,
            column=PERIOD_END,
            rule="one value per series and period",
        )
    first = np.flatnonzero(np.r_[True, series[1:] != series[:-1]])
    return OrderedSeries(frame.take(order).reset_index(drop=True), series, period_end, first)


def _parse_dates(dates: Sequence, where: str) -> npt.NDArray[np.datetime64]:
    """Recalculation dates as sorted datetime64[ns]; ParamsError names a bad one."""
    if isinstance(dates, str):
        raise ParamsError(f"recalculate_at{where}={dates!r}: must be a list of dates, not text")
    parsed = []
    for date in dates:
        try:
            parsed.append(pd.Timestamp(date))
        except (TypeError, ValueError) as error:
            raise ParamsError(
                f"recalculate_at{where}: {date!r} is not a date (rule: period_end dates "
                "where the process changed)"
            ) from error
        if pd.isna(parsed[-1]) or parsed[-1].tz is not None:
            raise ParamsError(
                f"recalculate_at{where}: {date!r} must be a timezone-naive date, not missing"
            )
    return np.sort(np.array([p.to_datetime64() for p in parsed], dtype="datetime64[ns]"))


def partition_segments(ordered: OrderedSeries, recalculate_at: RecalculationDates) -> IntArray:
    """Partition number of each row, counted across all series (0, 1, ...).

    A partition starts at each recalculation date: a row whose period_end is on or after
    the date belongs to the new partition. Recalculation happens only at the dates the
    user names (a process change), never automatically. Keys of a mapping that match no
    series in this frame are ignored: a parameter file names series of every domain,
    and one run may cover only some of them.

    Args:
        ordered: The sorted series.
        recalculate_at: Dates for every series, or a mapping from a series key tuple
            (domain, metric, unit) to its dates.

    Returns:
        Non-decreasing segment numbers without gaps; a new one starts at each series.

    Raises:
        ParamsError: A date that cannot be parsed or a key that is not a 3-tuple.
    """
    size = ordered.series.size
    dates_passed = np.zeros(size, dtype=np.int64)
    if isinstance(recalculate_at, Mapping):
        keys = ordered.frame.loc[ordered.series_first, list(SERIES_KEYS)]
        number_of = {tuple(key): n for n, key in enumerate(keys.itertuples(index=False))}
        row_end = np.r_[ordered.series_first[1:], size]
        for key, dates in recalculate_at.items():
            if not isinstance(key, tuple) or len(key) != len(SERIES_KEYS):
                raise ParamsError(
                    f"recalculate_at key {key!r}: must be a tuple of {', '.join(SERIES_KEYS)}"
                )
            parsed = _parse_dates(dates, f"[{key!r}]")
            if key in number_of:
                rows = slice(ordered.series_first[number_of[key]], row_end[number_of[key]])
                dates_passed[rows] = np.searchsorted(parsed, ordered.period_end[rows], "right")
    else:
        parsed = _parse_dates(recalculate_at, "")
        dates_passed = np.searchsorted(parsed, ordered.period_end, "right").astype(np.int64)
    new_segment = np.ones(size, dtype=bool)
    new_segment[1:] = (ordered.series[1:] != ordered.series[:-1]) | (
        dates_passed[1:] != dates_passed[:-1]
    )
    return np.cumsum(new_segment) - 1
