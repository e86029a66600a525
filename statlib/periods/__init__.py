"""Reporting periods and comparison windows.

`statlib.periods.period` names the periods (weeks with a configurable end day,
fortnights, months, quarters, halves, years, fiscal years) and reads their labels;
`statlib.periods.statistical` reads the cumulative periods of statistical reports
(1-8月, 上半年, Jan-Aug 2020); `statlib.periods.windows` builds the day-for-day CompStat
windows (year to date, rolling 28 days) that leave 29 February out.
"""

from statlib.periods.period import (
    FREQS,
    SEASON_LENGTH,
    WEEKDAYS,
    Freq,
    Period,
    latest_complete,
    pandas_freq,
    parse_period,
    period_containing,
    periods_between,
)
from statlib.periods.statistical import ReportSpan, find_span, parse_span
from statlib.periods.windows import (
    COMPSTAT_ROLLING_DAYS,
    DateWindow,
    parse_date,
    rolling_window,
    same_days_last_year,
    ytd_windows,
)

__all__ = [
    "COMPSTAT_ROLLING_DAYS",
    "FREQS",
    "SEASON_LENGTH",
    "WEEKDAYS",
    "DateWindow",
    "Freq",
    "Period",
    "ReportSpan",
    "find_span",
    "latest_complete",
    "pandas_freq",
    "parse_date",
    "parse_period",
    "parse_span",
    "period_containing",
    "periods_between",
    "rolling_window",
    "same_days_last_year",
    "ytd_windows",
]
