"""Date windows for CompStat comparisons: year to date and rolling days, day for day.

CompStat compares a window of days with the same month-days one year earlier. To
keep both windows the same length, 29 February is left out of both (it is not
counted and `contains`/`mask` reject it):

- Year to date (`ytd_windows`): from the start of the calendar or fiscal year to
  `as_of` inclusive, against the same month-days of the year before. YTD to
  2024-03-01 has 60 days (31 + 28 + 1), as does 2023-01-01 .. 2023-03-01. When
  `as_of` is 29 February both windows end on 28 February.
- Rolling windows (`rolling_window`, default `COMPSTAT_ROLLING_DAYS` = 28): `days`
  counted days ending on `end`. A window that spans 29 February therefore covers one
  more calendar day (2024-02-10 .. 2024-03-09 holds 28 counted days in 29 calendar
  days). An `end` on 29 February moves to 28 February, as for year to date.
- `same_days_last_year` moves a window's ends back one year (29 February becomes
  28 February at the end, 1 March at the start, the first counted day), so with
  29 February excluded both windows always count the same days.

Dates in parameter files stay strings until `parse_date` reads them.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

from statlib.errors import InputError, PeriodError

COMPSTAT_ROLLING_DAYS = 28  # the CompStat "28-day" comparison window
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class DateWindow:
    """The days `start` .. `end` (inclusive), by default without 29 February.

    Attributes:
        start: First day of the window.
        end: Last day of the window (inclusive).
        exclude_feb29: Leave 29 February out (CompStat day-for-day comparisons).
    """

    start: date
    end: date
    exclude_feb29: bool = True

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise PeriodError(
                f"date window {self.start.isoformat()} .. {self.end.isoformat()} ends before "
                "it starts"
            )

    @property
    def days(self) -> int:
        """Number of days counted in the window (29 February left out if excluded)."""
        calendar_days = (self.end - self.start).days + 1
        if not self.exclude_feb29:
            return calendar_days
        return calendar_days - _count_feb29(self.start, self.end)

    def contains(self, d: date) -> bool:
        """Whether the day `d` is counted in the window."""
        day = date(d.year, d.month, d.day)
        if self.exclude_feb29 and (day.month, day.day) == (2, 29):
            return False
        return self.start <= day <= self.end

    def mask(self, dates: pd.Series | pd.Index | np.ndarray) -> np.ndarray:
        """Which timestamps fall on a day counted in the window, vectorised.

        Args:
            dates: datetime64 values, e.g. the events' `schema.OCCURRED_AT` column.
                Time-zone-aware values are judged by their local calendar day; NaT is
                never in the window.

        Returns:
            A numpy bool array aligned with `dates`.

        Raises:
            InputError: `dates` is not of a datetime64 dtype.
        """
        if not pd.api.types.is_datetime64_any_dtype(dates):
            raise InputError(
                f"cannot filter values of dtype {dates.dtype} by date window",
                column=getattr(dates, "name", None),
                rule="timestamps must be datetime64; parse them at ingest",
            )
        stamps = pd.DatetimeIndex(dates)
        if stamps.tz is not None:
            stamps = stamps.tz_localize(None)  # keep the local wall-clock day
        inside = (stamps >= pd.Timestamp(self.start)) & (
            stamps < pd.Timestamp(self.end + timedelta(days=1))
        )
        if self.exclude_feb29:
            inside &= ~((stamps.month == 2) & (stamps.day == 29))
        return np.asarray(inside, dtype=bool)


def ytd_windows(as_of: date, *, year_start_month: int = 1) -> tuple[DateWindow, DateWindow]:
    """Year to date, day for day: the current window and the prior-year window.

    Args:
        as_of: Last day of the current window (inclusive); 29 February becomes 28.
        year_start_month: First month of the year: 1 for calendar years, 7 for a
            July fiscal year.

    Returns:
        (current, prior): `prior` covers the same month-days one year earlier. Both
        leave out 29 February, so they count the same number of days.

    Raises:
        PeriodError: `year_start_month` is not 1..12.
    """
    if not (isinstance(year_start_month, int) and 1 <= year_start_month <= 12):
        raise PeriodError(f"year_start_month {year_start_month!r} must be a month number 1..12")
    end = _feb29_to_feb28(as_of)
    start_year = end.year if end.month >= year_start_month else end.year - 1
    current = DateWindow(date(start_year, year_start_month, 1), end)
    return current, same_days_last_year(current)


def rolling_window(end: date, days: int = COMPSTAT_ROLLING_DAYS) -> DateWindow:
    """The `days` counted days ending on `end`, 29 February left out.

    Args:
        end: Last day of the window (inclusive); 29 February becomes 28.
        days: Number of counted days, at least 1.

    Raises:
        PeriodError: `days` is below 1.
    """
    if not (isinstance(days, int) and days >= 1):
        raise PeriodError(f"rolling window length {days!r} must be a whole number of days >= 1")
    last = _feb29_to_feb28(end)
    start = last - timedelta(days=days - 1)
    # Each 29 February inside costs one more calendar day; stepping back may cross another.
    while _count_feb29(start, last) > (last - start).days + 1 - days:
        start -= timedelta(days=1)
    return DateWindow(start, last)


def same_days_last_year(window: DateWindow) -> DateWindow:
    """The window over the same month-days one year earlier.

    29 February at the end becomes 28 February; at the start it becomes 1 March when
    29 February is excluded (1 March is then the first counted day) and 28 February
    otherwise.
    """
    start = window.start
    if (start.month, start.day) == (2, 29):
        start = date(start.year - 1, 3, 1) if window.exclude_feb29 else date(start.year - 1, 2, 28)
    else:
        start = start.replace(year=start.year - 1)
    end = _feb29_to_feb28(window.end)
    return DateWindow(start, end.replace(year=end.year - 1), window.exclude_feb29)


def parse_date(text: str) -> date:
    """Read a date written as YYYY-MM-DD (the only form parameter files use).

    Raises:
        PeriodError: The text is not of that form or names no calendar day.
    """
    if not isinstance(text, str) or not _ISO_DATE.fullmatch(text):
        raise PeriodError(f"date {text!r} must be written YYYY-MM-DD, e.g. 2026-08-16")
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise PeriodError(f"date {text!r} names no calendar day: {error}") from error


def _feb29_to_feb28(d: date) -> date:
    return d - timedelta(days=1) if (d.month, d.day) == (2, 29) else d


def _count_feb29(start: date, end: date) -> int:
    """How many 29 Februaries lie in start .. end (inclusive)."""
    return sum(
        1
        for year in range(start.year, end.year + 1)
        if calendar.isleap(year) and start <= date(year, 2, 29) <= end
    )
