"""Named reporting periods of performance reviews, weeks to fiscal years, and their labels.

A `Period` is a frozen span of whole days (`start` .. `end`, both inclusive) with a
canonical label that `parse_period` reads back exactly:

=============  ============  ==================================================
freq           label         meaning
=============  ============  ==================================================
week           ``2026-W33``  7 days ending on `week_end` (see the naming rule)
fortnight      ``2026-F17``  14 days: two consecutive named weeks
month          ``2026-08``   calendar month
quarter        ``2026-Q3``   calendar quarter
half           ``2026-H1``   calendar half-year (H1 = January..June)
year           ``2026``      calendar year
fiscal_year    ``FY2026``    12 months from `fiscal_year_start_month`, named for
                             the calendar year they end in (US style): with start
                             month 7, FY2026 = 2025-07-01 .. 2026-06-30; start
                             month 1 makes fiscal years calendar years.
=============  ============  ==================================================

Week naming rule. A week is 7 days ending on `week_end` (MON..SUN, default SUN). It
is named after the ISO week that contains its 4th day, i.e. the ISO week holding at
least 4 of its 7 days. With week_end SUN the labels are plain ISO weeks (2026-W33 =
Mon 2026-08-10 .. Sun 2026-08-16); with week_end SAT (NYPD CompStat until mid-2025)
2026-W33 = Sun 2026-08-09 .. Sat 2026-08-15. ISO years have 52 or 53 weeks (2020 and
2026 have a W53; 2021-W53 does not exist).

Fortnight rule. Fortnights are one unbroken grid of 14-day blocks, each two
consecutive named weeks (CitiStat meets every two weeks, whatever the calendar
does). The grid is anchored so that the named week 2026-W01 opens a fortnight, so
from 2021 to 2026 a fortnight is an odd week plus the following even week
(2026-F17 = W33 + W34). A fortnight is labelled by the ISO year of its second week
and the index ceil(second week / 2), which is (second week) // 2 whenever the
pairing is odd + even. Because an ISO year with 53 weeks has an odd number of weeks,
each W53 flips the pairing: 2026-W53 pairs with 2027-W01 as 2027-F01, so 2027..2032
pair even + odd weeks (2027-F02 = W02 + W03) and the flip back comes with 2032-W53,
which closes 2032-F27 (W52 + W53). F27 therefore exists only in such years.

Same period last year. For weeks, the same-numbered week of the previous ISO year
(52 weeks earlier, or 53 after a 53-week year); W53 maps to W52, because two
consecutive ISO years never both have 53 weeks. For fortnights, the fortnight 52
weeks (26 fortnights) earlier: the one holding the same-numbered week of the
previous ISO year as this fortnight's second week (W53 mapping to W52). Its index
is usually the same; across a W53 flip it is not (2032-F27 = 2032-12-20 ..
2033-01-02 maps to 2032-F01 = 2031-12-22 .. 2032-01-04, the same days of the year).
For months to fiscal years, the period 12 months earlier.

Date windows that are not named periods (year to date, rolling 28 days) are in
`statlib.periods.windows`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal, get_args

from statlib.errors import PeriodError

Freq = Literal["week", "fortnight", "month", "quarter", "half", "year", "fiscal_year"]
FREQS: tuple[str, ...] = get_args(Freq)

# How many periods make a year: the seasonal period handed to forecasting models.
SEASON_LENGTH: dict[str, int] = {
    "week": 52,
    "fortnight": 26,
    "month": 12,
    "quarter": 4,
    "half": 2,
    "year": 1,
    "fiscal_year": 1,
}

WEEKDAYS: tuple[str, ...] = ("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")  # date.weekday()
DEFAULT_WEEK_END = "SUN"  # ISO weeks; NYPD CompStat used SAT until mid-2025
DEFAULT_FISCAL_YEAR_START_MONTH = 7  # US state and city fiscal years start 1 July

# The fortnight grid: this named week opens a fortnight (see the module docstring).
FORTNIGHT_ANCHOR_ISO_YEAR, FORTNIGHT_ANCHOR_ISO_WEEK = 2026, 1

# Labels outside these years are typos (0226, 2962), not reporting periods.
SUPPORTED_YEARS = range(1900, 2200)

# Months per period for the calendar frequencies built from whole months.
_MONTHS_PER_PERIOD: dict[str, int] = {
    "month": 1,
    "quarter": 3,
    "half": 6,
    "year": 12,
    "fiscal_year": 12,
}

ACCEPTED_LABELS = (
    "accepted forms: week 2026-W33, fortnight 2026-F17, month 2026-08, quarter 2026-Q3, "
    "half 2026-H1, year 2026, fiscal year FY2026"
)
_LABEL_PATTERNS: tuple[tuple[Freq, re.Pattern[str]], ...] = (
    ("week", re.compile(r"(\d{4})-W(\d{2})")),
    ("fortnight", re.compile(r"(\d{4})-F(\d{2})")),
    ("month", re.compile(r"(\d{4})-(\d{2})")),
    ("quarter", re.compile(r"(\d{4})-Q(\d)")),
    ("half", re.compile(r"(\d{4})-H(\d)")),
    ("year", re.compile(r"(\d{4})()")),
    ("fiscal_year", re.compile(r"FY(\d{4})()")),
)


@dataclass(frozen=True, order=True)
class Period:
    """One reporting period: the days `start` .. `end` (inclusive), ordered by start.

    Build periods with `parse_period` or `period_containing`, not by hand: the label
    and the calendar settings must agree with the dates.

    Attributes:
        start: First day of the period.
        end: Last day of the period (inclusive).
        freq: One of `FREQS`.
        label: Canonical label, e.g. "2026-W33"; `parse_period(label)` gives this period.
        week_end: Last weekday of a week ("MON".."SUN"); used by weeks and fortnights.
        fiscal_year_start_month: First month of a fiscal year (1..12).
    """

    start: date
    end: date
    freq: Freq
    label: str
    week_end: str = DEFAULT_WEEK_END
    fiscal_year_start_month: int = DEFAULT_FISCAL_YEAR_START_MONTH

    @property
    def days(self) -> int:
        """Number of calendar days in the period, both ends included."""
        return (self.end - self.start).days + 1

    def contains(self, d: date) -> bool:
        """Whether the day `d` falls in this period."""
        return self.start <= d <= self.end

    def shift(self, n: int) -> Period:
        """The period `n` steps later (negative `n`: earlier) of the same frequency."""
        if self.freq == "week":
            anchor_day = self.start + timedelta(days=7 * n)
        elif self.freq == "fortnight":
            anchor_day = self.start + timedelta(days=14 * n)
        else:  # the other frequencies start on the 1st of a month
            anchor_day = _add_months(self.start, _MONTHS_PER_PERIOD[self.freq] * n)
        return period_containing(anchor_day, self.freq, **self._calendar())

    def previous(self) -> Period:
        """The period just before this one."""
        return self.shift(-1)

    def next(self) -> Period:
        """The period just after this one."""
        return self.shift(1)

    def same_period_last_year(self) -> Period:
        """The comparable period one year earlier (see the module docstring for W53/F27)."""
        if self.freq != "week":
            return self.shift(-SEASON_LENGTH[self.freq])
        iso_year, week = int(self.label[:4]), int(self.label[6:])
        # Every ISO year has a W52; only some have a W53.
        return parse_period(f"{iso_year - 1}-W{min(week, 52):02d}", **self._calendar())

    def _calendar(self) -> dict[str, str | int]:
        return {
            "week_end": self.week_end,
            "fiscal_year_start_month": self.fiscal_year_start_month,
        }


def parse_period(
    label: str,
    *,
    week_end: str = DEFAULT_WEEK_END,
    fiscal_year_start_month: int = DEFAULT_FISCAL_YEAR_START_MONTH,
) -> Period:
    """Read a period label such as "2026-W33", "2026-08" or "FY2026".

    Args:
        label: A canonical label (see the module docstring); matched exactly.
        week_end: Last weekday of a week, "MON".."SUN"; used by weeks and fortnights.
        fiscal_year_start_month: First month of a fiscal year, 1..12.

    Returns:
        The period whose `label` equals `label`.

    Raises:
        PeriodError: The label has none of the accepted forms, or names a period that
            does not exist (2026-W54, 2021-W53, 2026-13, 2026-Q5, 2026-F28).
    """
    _check_calendar(week_end, fiscal_year_start_month)
    if not isinstance(label, str):
        raise PeriodError(f"period label {label!r} is not a string; {ACCEPTED_LABELS}")
    for freq, pattern in _LABEL_PATTERNS:
        match = pattern.fullmatch(label)
        if match:
            year, number = int(match[1]), int(match[2] or 0)
            return _parse_matched(label, freq, year, number, week_end, fiscal_year_start_month)
    raise PeriodError(f"period label {label!r} is not recognised; {ACCEPTED_LABELS}")


def period_containing(
    d: date,
    freq: Freq,
    *,
    week_end: str = DEFAULT_WEEK_END,
    fiscal_year_start_month: int = DEFAULT_FISCAL_YEAR_START_MONTH,
) -> Period:
    """The period of frequency `freq` that contains the day `d`.

    Args:
        d: Any day (a `datetime` is read as its date).
        freq: One of `FREQS`.
        week_end: Last weekday of a week, "MON".."SUN"; used by weeks and fortnights.
        fiscal_year_start_month: First month of a fiscal year, 1..12.

    Raises:
        PeriodError: An unknown `freq`, `week_end` or fiscal start month.
    """
    _check_calendar(week_end, fiscal_year_start_month)
    _check_freq(freq)
    day = date(d.year, d.month, d.day)
    calendar = {"week_end": week_end, "fiscal_year_start_month": fiscal_year_start_month}
    if freq in ("week", "fortnight"):
        end_weekday = WEEKDAYS.index(week_end)
        week_start = day + timedelta(days=(end_weekday - day.weekday()) % 7 - 6)
        if freq == "week":
            iso = (week_start + timedelta(days=3)).isocalendar()
            label = f"{iso.year}-W{iso.week:02d}"
            return Period(week_start, week_start + timedelta(days=6), freq, label, **calendar)
        start = week_start - timedelta(days=7 * (_weeks_from_anchor(week_start, week_end) % 2))
        second = (start + timedelta(days=7 + 3)).isocalendar()
        label = f"{second.year}-F{(second.week + 1) // 2:02d}"
        return Period(start, start + timedelta(days=13), freq, label, **calendar)
    if freq == "fiscal_year":
        first_month = fiscal_year_start_month
        start_year = day.year if day.month >= first_month else day.year - 1
        start = date(start_year, first_month, 1)
        end = _add_months(start, 12) - timedelta(days=1)
        return Period(start, end, freq, f"FY{end.year}", **calendar)
    months = _MONTHS_PER_PERIOD[freq]
    first_month = (day.month - 1) // months * months + 1
    start = date(day.year, first_month, 1)
    end = _add_months(start, months) - timedelta(days=1)
    labels = {
        "month": f"{day.year}-{first_month:02d}",
        "quarter": f"{day.year}-Q{(first_month - 1) // 3 + 1}",
        "half": f"{day.year}-H{(first_month - 1) // 6 + 1}",
        "year": f"{day.year}",
    }
    return Period(start, end, freq, labels[freq], **calendar)


def periods_between(first: Period, last: Period) -> list[Period]:
    """All periods from `first` to `last`, both included, in order.

    Raises:
        PeriodError: The two periods differ in frequency or calendar, or `last`
            starts before `first`.
    """
    if (first.freq, first._calendar()) != (last.freq, last._calendar()):
        raise PeriodError(
            f"periods {first.label!r} ({first.freq}) and {last.label!r} ({last.freq}) "
            "must have the same frequency, week end and fiscal year start"
        )
    if last.start < first.start:
        raise PeriodError(f"period {last.label!r} comes before {first.label!r}; give them in order")
    periods = [first]
    while periods[-1].start < last.start:
        periods.append(periods[-1].next())
    return periods


def latest_complete(
    freq: Freq,
    as_of: date,
    *,
    week_end: str = DEFAULT_WEEK_END,
    fiscal_year_start_month: int = DEFAULT_FISCAL_YEAR_START_MONTH,
) -> Period:
    """The latest period whose `end` is strictly before `as_of`.

    A period ending on the day before `as_of` counts as complete: data run on a
    Monday report the week that ended on Sunday.
    """
    calendar = {"week_end": week_end, "fiscal_year_start_month": fiscal_year_start_month}
    candidate = period_containing(as_of - timedelta(days=1), freq, **calendar)
    return candidate if candidate.end < as_of else candidate.previous()


def pandas_freq(
    freq: Freq,
    week_end: str = DEFAULT_WEEK_END,
    fiscal_year_start_month: int = DEFAULT_FISCAL_YEAR_START_MONTH,
) -> str:
    """The pandas offset alias whose dates are the period END dates.

    "week" gives "W-SUN" (or "W-SAT", ...), "month" "ME", "quarter" "QE-DEC", "year"
    "YE-DEC", "fiscal_year" "YE-JUN" for a July start. "fortnight" ("2W-SUN") and
    "half" ("6ME") are multiples, so a date range must start at a period end
    (e.g. ``pd.date_range(period.end, periods=n, freq=...)``) to stay on the grid.
    """
    _check_calendar(week_end, fiscal_year_start_month)
    _check_freq(freq)
    if freq == "fiscal_year":
        end_month = date(2001, (fiscal_year_start_month - 2) % 12 + 1, 1).strftime("%b")
        return f"YE-{end_month.upper()}"
    aliases = {
        "week": f"W-{week_end}",
        "fortnight": f"2W-{week_end}",
        "month": "ME",
        "quarter": "QE-DEC",
        "half": "6ME",
        "year": "YE-DEC",
    }
    return aliases[freq]


def _parse_matched(
    label: str, freq: Freq, year: int, number: int, week_end: str, fiscal_start: int
) -> Period:
    """Build the period a label matched, or say why it names no period."""
    if year not in SUPPORTED_YEARS:
        raise PeriodError(
            f"period label {label!r}: year {year} is outside {SUPPORTED_YEARS.start}.."
            f"{SUPPORTED_YEARS.stop - 1}; {ACCEPTED_LABELS}"
        )
    if freq == "week":
        if not 1 <= number <= _iso_weeks_in_year(year):
            raise PeriodError(
                f"period label {label!r} names no week: ISO year {year} has weeks "
                f"W01..W{_iso_weeks_in_year(year)}; {ACCEPTED_LABELS}"
            )
        day = _named_week_start(year, number, week_end)
    elif freq == "fortnight":
        # Odd + even pairing gives second week W(2n); after a W53 flip it is W(2n - 1).
        flipped = _weeks_from_anchor(_named_week_start(year, 1, week_end), week_end) % 2
        second_week = 2 * number - flipped
        if not 1 <= second_week <= _iso_weeks_in_year(year):
            raise PeriodError(
                f"period label {label!r} names no fortnight: ISO year {year} has fortnights "
                f"F01..F{(_iso_weeks_in_year(year) + flipped) // 2:02d}; {ACCEPTED_LABELS}"
            )
        day = _named_week_start(year, second_week, week_end)
    elif freq == "fiscal_year":
        day = date(year, fiscal_start, 1) - timedelta(days=1 if fiscal_start > 1 else 0)
    else:
        periods_per_year = 12 // _MONTHS_PER_PERIOD[freq]
        if freq != "year" and not 1 <= number <= periods_per_year:
            raise PeriodError(
                f"period label {label!r} names no {freq}: a year has {periods_per_year} "
                f"of them, numbered from 1; {ACCEPTED_LABELS}"
            )
        day = date(year, max(number - 1, 0) * _MONTHS_PER_PERIOD[freq] + 1, 1)
    return period_containing(day, freq, week_end=week_end, fiscal_year_start_month=fiscal_start)


def _named_week_start(iso_year: int, iso_week: int, week_end: str) -> date:
    """First day of the week (ending on `week_end`) whose 4th day is in this ISO week."""
    monday = date.fromisocalendar(iso_year, iso_week, 1)
    fourth_day = monday + timedelta(days=(WEEKDAYS.index(week_end) - 3) % 7)
    return fourth_day - timedelta(days=3)


def _weeks_from_anchor(week_start: date, week_end: str) -> int:
    """Whole weeks from the fortnight anchor week to the week starting on `week_start`."""
    anchor = _named_week_start(FORTNIGHT_ANCHOR_ISO_YEAR, FORTNIGHT_ANCHOR_ISO_WEEK, week_end)
    return (week_start - anchor).days // 7


def _iso_weeks_in_year(iso_year: int) -> int:
    # 28 December always lies in the last ISO week of its year.
    return date(iso_year, 12, 28).isocalendar().week


def _add_months(d: date, months: int) -> date:
    year, month0 = divmod(d.year * 12 + d.month - 1 + months, 12)
    return date(year, month0 + 1, d.day)


def _check_freq(freq: str) -> None:
    if freq not in FREQS:
        raise PeriodError(f"frequency {freq!r} is unknown; use one of {', '.join(FREQS)}")


def _check_calendar(week_end: str, fiscal_year_start_month: int) -> None:
    if week_end not in WEEKDAYS:
        raise PeriodError(f"week_end {week_end!r} is unknown; use one of {', '.join(WEEKDAYS)}")
    if not (isinstance(fiscal_year_start_month, int) and 1 <= fiscal_year_start_month <= 12):
        raise PeriodError(
            f"fiscal_year_start_month {fiscal_year_start_month!r} must be a month number 1..12"
        )
