"""Tests of statlib.periods: named periods, their labels, and CompStat date windows.

Every expected date is checked by hand in the comment beside it (weekday of a known
day, then counting). Anchors used throughout: 2026-01-01 is a Thursday, 2025-01-01 a
Wednesday, 2024-01-01 a Monday, 2020-01-01 a Wednesday, 2032-01-01 a Thursday.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd
import pytest

from statlib.errors import InputError, PeriodError
from statlib.periods import (
    COMPSTAT_ROLLING_DAYS,
    FREQS,
    SEASON_LENGTH,
    DateWindow,
    find_span,
    latest_complete,
    pandas_freq,
    parse_date,
    parse_period,
    parse_span,
    period_containing,
    periods_between,
    rolling_window,
    same_days_last_year,
    ytd_windows,
)

# --- ISO weeks (week_end SUN) ------------------------------------------------------


def test_2026_w01_starts_monday_2025_12_29():
    # 2026-01-01 is a Thursday, so its ISO week (W01) runs Mon 2025-12-29 .. Sun 2026-01-04.
    week = parse_period("2026-W01")
    assert (week.start, week.end, week.days) == (date(2025, 12, 29), date(2026, 1, 4), 7)


def test_2026_w33_is_plain_iso_week():
    # W01 Monday 2025-12-29 + 32 weeks (224 days) = Mon 2026-08-10; Sunday 2026-08-16.
    week = parse_period("2026-W33")
    assert (week.start, week.end) == (date(2026, 8, 10), date(2026, 8, 16))


def test_2020_w53_exists():
    # 2020 starts on a Wednesday in a leap year, so it has 53 ISO weeks; W53 holds
    # Thu 2020-12-31 and runs Mon 2020-12-28 .. Sun 2021-01-03.
    week = parse_period("2020-W53")
    assert (week.start, week.end) == (date(2020, 12, 28), date(2021, 1, 3))
    assert week.next().label == "2021-W01"


def test_2021_w53_does_not_exist():
    # 2021-12-28 (always in the last ISO week) falls in W52: 2021 has 52 weeks.
    with pytest.raises(PeriodError, match="2021-W53"):
        parse_period("2021-W53")


def test_2024_12_30_is_in_2025_w01():
    # Mon 2024-12-30 .. Sun 2025-01-05 holds Thu 2025-01-02, so it is ISO 2025-W01.
    assert period_containing(date(2024, 12, 30), "week").label == "2025-W01"


def test_2026_w53_exists():
    # 2026 starts on a Thursday: 53 weeks; W53 = Mon 2026-12-28 .. Sun 2027-01-03.
    week = parse_period("2026-W53")
    assert (week.start, week.end) == (date(2026, 12, 28), date(2027, 1, 3))


# --- Weeks ending on other days ----------------------------------------------------


def test_saturday_weeks_2025_w29():
    # ISO 2025-W29 is Mon 2025-07-14 .. Sun 07-20. The Sunday-to-Saturday week whose
    # 4th day (Wed 07-16) is in it runs Sun 2025-07-13 .. Sat 2025-07-19.
    week = parse_period("2025-W29", week_end="SAT")
    assert (week.start, week.end) == (date(2025, 7, 13), date(2025, 7, 19))
    assert week.end.weekday() == 5  # Saturday


def test_saturday_weeks_2026_w33():
    # ISO 2026-W33 is Mon 08-10 .. Sun 08-16; Saturday weeks: Sun 08-09 .. Sat 08-15.
    week = parse_period("2026-W33", week_end="SAT")
    assert (week.start, week.end) == (date(2026, 8, 9), date(2026, 8, 15))


def test_saturday_week_containing_its_edges():
    # Sat 2025-07-19 closes W29; Sun 2025-07-20 opens W30 (2025-07-20 .. 07-26).
    assert period_containing(date(2025, 7, 19), "week", week_end="SAT").label == "2025-W29"
    week = period_containing(date(2025, 7, 20), "week", week_end="SAT")
    assert (week.label, week.end) == ("2025-W30", date(2025, 7, 26))


def test_wednesday_weeks_are_named_by_their_fourth_day():
    # Week ending Wed 2026-01-07 runs Thu 2026-01-01 .. Wed 01-07; its 4th day is
    # Sun 2026-01-04, in ISO 2026-W01. The one before (Thu 2025-12-25 .. Wed 12-31)
    # has 4th day Sun 2025-12-28, in ISO 2025-W52.
    week = period_containing(date(2026, 1, 7), "week", week_end="WED")
    assert (week.label, week.start) == ("2026-W01", date(2026, 1, 1))
    assert week.previous().label == "2025-W52"


def test_thursday_weeks_follow_the_majority_of_their_days():
    # Fri 2025-12-26 .. Thu 2026-01-01: Fri..Sun in ISO 2025-W52 (3 days), Mon 12-29 ..
    # Thu 01-01 in ISO 2026-W01 (4 days), so it is 2026-W01. The next one, Fri 01-02 ..
    # Thu 01-08, has Mon..Thu in ISO W02: 2026-W02.
    week = parse_period("2026-W01", week_end="THU")
    assert (week.start, week.end) == (date(2025, 12, 26), date(2026, 1, 1))
    assert period_containing(date(2026, 1, 8), "week", week_end="THU").label == "2026-W02"


# --- Fortnights --------------------------------------------------------------------


def test_fortnight_is_odd_plus_even_week():
    # 2026-F17 = W33 + W34 = Mon 2026-08-10 .. Sun 2026-08-23 (17 = 34 // 2).
    fortnight = parse_period("2026-F17")
    assert (fortnight.start, fortnight.end, fortnight.days) == (
        date(2026, 8, 10),
        date(2026, 8, 23),
        14,
    )


def test_fortnight_with_saturday_weeks():
    # Saturday weeks W33 + W34 of 2026: Sun 2026-08-09 .. Sat 2026-08-22.
    fortnight = parse_period("2026-F17", week_end="SAT")
    assert (fortnight.start, fortnight.end) == (date(2026, 8, 9), date(2026, 8, 22))


def test_fortnight_after_w53_flips_the_pairing():
    # 2026-W53 (Mon 2026-12-28) pairs with 2027-W01 (ends Sun 2027-01-10): labelled by
    # the second week's ISO year, index ceil(1 / 2) = 1. Then 2027 pairs even + odd:
    # F02 = W02 + W03 = Mon 2027-01-11 .. Sun 2027-01-24.
    assert parse_period("2026-F26").end == date(2026, 12, 27)  # W51 + W52
    first = parse_period("2027-F01")
    assert (first.start, first.end) == (date(2026, 12, 28), date(2027, 1, 10))
    assert parse_period("2026-F26").next() == first
    second = first.next()
    assert (second.label, second.start, second.end) == (
        "2027-F02",
        date(2027, 1, 11),
        date(2027, 1, 24),
    )


def test_fortnight_27_only_in_a_flipped_53_week_year():
    # 2026 pairs odd + even, so W53 leaves no room for an F27.
    with pytest.raises(PeriodError, match="2026-F27"):
        parse_period("2026-F27")
    # 2032 pairs even + odd (flipped by 2026-W53) and has 53 weeks (starts on a
    # Thursday): F27 = W52 + W53 = Mon 2032-12-20 .. Sun 2033-01-02, and 2033-F01
    # is back to W01 + W02 = Mon 2033-01-03 .. Sun 2033-01-16.
    f27 = parse_period("2032-F27")
    assert (f27.start, f27.end) == (date(2032, 12, 20), date(2033, 1, 2))
    assert (f27.next().label, f27.next().start) == ("2033-F01", date(2033, 1, 3))
    with pytest.raises(PeriodError, match="2033-F27"):
        parse_period("2033-F27")


def test_fortnight_grid_has_no_gaps_over_a_decade():
    # 14-day blocks tile the calendar through two W53 flips (2026, 2032).
    fortnight = parse_period("2025-F01")
    while fortnight.start < date(2035, 1, 1):
        following = fortnight.next()
        assert fortnight.days == 14
        assert following.start == fortnight.end + timedelta(days=1)
        fortnight = following


# --- Round trips and tiling --------------------------------------------------------

EVERY_LABEL_FORM = [
    "2026-W33",
    "2026-W01",
    "2020-W53",
    "2026-F17",
    "2027-F01",
    "2032-F27",
    "2026-08",
    "2026-01",
    "2026-12",
    "2026-Q1",
    "2026-Q3",
    "2026-H1",
    "2026-H2",
    "2026",
    "FY2026",
]


@pytest.mark.parametrize("week_end", ["SUN", "SAT", "MON"])
@pytest.mark.parametrize("label", EVERY_LABEL_FORM)
def test_labels_round_trip(label, week_end):
    period = parse_period(label, week_end=week_end)
    assert period.label == label
    assert period_containing(period.start, period.freq, week_end=week_end) == period
    assert period_containing(period.end, period.freq, week_end=week_end) == period


@pytest.mark.parametrize("week_end", ["SUN", "SAT"])
@pytest.mark.parametrize("freq", FREQS)
def test_periods_tile_the_calendar_and_labels_parse_back(freq, week_end):
    period = period_containing(date(2019, 12, 25), freq, week_end=week_end)
    seen = set()
    while period.start < date(2034, 1, 1):
        assert parse_period(period.label, week_end=week_end) == period
        assert period.label not in seen
        seen.add(period.label)
        following = period.next()
        assert following.start == period.end + timedelta(days=1)
        assert following.previous() == period
        period = following


# --- Shifting across year boundaries -----------------------------------------------


@pytest.mark.parametrize(
    ("label", "n", "expected"),
    [
        ("2025-W52", 1, "2026-W01"),  # 2025 has 52 weeks
        ("2026-W52", 1, "2026-W53"),
        ("2026-W53", 1, "2027-W01"),
        ("2026-W01", -1, "2025-W52"),
        ("2026-W02", -3, "2025-W51"),  # W02 -> W01 -> 2025-W52 -> W51
        ("2025-12", 1, "2026-01"),
        ("2026-12", 14, "2028-02"),  # 12 months to 2027-12, 2 more
        ("2026-01", -1, "2025-12"),
        ("2025-Q4", 1, "2026-Q1"),
        ("2026-Q1", -5, "2024-Q4"),  # 4 back is 2025-Q1, one more 2024-Q4
        ("2026-H1", -1, "2025-H2"),
        ("2026", 3, "2029"),
        ("FY2026", 1, "FY2027"),
        ("2026-F26", 2, "2027-F02"),
    ],
)
def test_shift(label, n, expected):
    assert parse_period(label).shift(n).label == expected


def test_ordering_is_by_start():
    labels = ["2026-03", "2025-12", "2026-01"]
    assert [p.label for p in sorted(parse_period(x) for x in labels)] == [
        "2025-12",
        "2026-01",
        "2026-03",
    ]


# --- Same period last year ---------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "expected", "days_earlier"),
    [
        ("2026-W33", "2025-W33", 364),  # Mon 2026-08-10 vs Mon 2025-08-11
        ("2027-W01", "2026-W01", 371),  # 2026 has 53 weeks: 2027-01-04 vs 2025-12-29
        ("2026-W53", "2025-W52", 371),  # no 2025-W53: Mon 2026-12-28 vs Mon 2025-12-22
        ("2021-W01", "2020-W01", 371),  # 2021-01-04 vs 2019-12-30
        ("2026-F17", "2025-F17", 364),  # 2026-08-10 vs W33 + W34 of 2025 (2025-08-11)
        ("2032-F27", "2032-F01", 364),  # 2032-12-20 vs 2031-12-22 (see module docstring)
        ("2026-08", "2025-08", 365),
        ("2024-03", "2023-03", 366),  # spans 2024-02-29
        ("2026-Q3", "2025-Q3", 365),
        ("2026-H1", "2025-H1", 365),
        ("2026", "2025", 365),
        ("FY2026", "FY2025", 365),  # 2025-07-01 vs 2024-07-01; 2025-02 has 28 days
    ],
)
def test_same_period_last_year(label, expected, days_earlier):
    period = parse_period(label)
    prior = period.same_period_last_year()
    assert prior.label == expected
    assert (period.start - prior.start).days == days_earlier


def test_same_period_last_year_keeps_the_calendar():
    week = parse_period("2026-W33", week_end="SAT")
    prior = week.same_period_last_year()
    # Saturday week 2025-W33: ISO W33 Mon 2025-08-11, so Sun 08-10 .. Sat 08-16.
    assert (prior.start, prior.end, prior.week_end) == (date(2025, 8, 10), date(2025, 8, 16), "SAT")


# --- Months, quarters, halves, years, fiscal years ---------------------------------


@pytest.mark.parametrize(
    ("label", "start", "end", "days"),
    [
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), 29),  # leap year
        ("2023-02", date(2023, 2, 1), date(2023, 2, 28), 28),
        ("2026-Q3", date(2026, 7, 1), date(2026, 9, 30), 92),  # 31 + 31 + 30
        ("2026-Q1", date(2026, 1, 1), date(2026, 3, 31), 90),  # 31 + 28 + 31
        ("2026-H1", date(2026, 1, 1), date(2026, 6, 30), 181),  # 90 + 30 + 31 + 30
        ("2026-H2", date(2026, 7, 1), date(2026, 12, 31), 184),  # 92 + 31 + 30 + 31
        ("2024", date(2024, 1, 1), date(2024, 12, 31), 366),
        ("FY2026", date(2025, 7, 1), date(2026, 6, 30), 365),
        ("FY2024", date(2023, 7, 1), date(2024, 6, 30), 366),  # holds 2024-02-29
    ],
)
def test_calendar_periods(label, start, end, days):
    period = parse_period(label)
    assert (period.start, period.end, period.days) == (start, end, days)


def test_fiscal_year_is_named_for_the_year_it_ends_in():
    assert period_containing(date(2026, 6, 30), "fiscal_year").label == "FY2026"
    assert period_containing(date(2025, 7, 1), "fiscal_year").label == "FY2026"
    assert period_containing(date(2026, 7, 1), "fiscal_year").label == "FY2027"


def test_fiscal_year_start_month_is_a_parameter():
    # October start (US federal): FY2026 = 2025-10-01 .. 2026-09-30.
    october = parse_period("FY2026", fiscal_year_start_month=10)
    assert (october.start, october.end) == (date(2025, 10, 1), date(2026, 9, 30))
    # Start month 1: fiscal years are calendar years.
    january = parse_period("FY2026", fiscal_year_start_month=1)
    assert (january.start, january.end) == (date(2026, 1, 1), date(2026, 12, 31))


def test_period_containing_every_freq():
    # Wed 2026-08-12: ISO W33; fortnight W33 + W34; August; Q3; H2; 2026; FY2027.
    day = date(2026, 8, 12)
    labels = {freq: period_containing(day, freq).label for freq in FREQS}
    assert labels == {
        "week": "2026-W33",
        "fortnight": "2026-F17",
        "month": "2026-08",
        "quarter": "2026-Q3",
        "half": "2026-H2",
        "year": "2026",
        "fiscal_year": "FY2027",
    }
    # A datetime is read as its day.
    assert period_containing(datetime(2026, 8, 16, 23, 59), "week").label == "2026-W33"


def test_contains():
    week = parse_period("2026-W33")
    assert week.contains(date(2026, 8, 10)) and week.contains(date(2026, 8, 16))
    assert not week.contains(date(2026, 8, 9)) and not week.contains(date(2026, 8, 17))


# --- Ranges and the latest complete period -----------------------------------------


def test_periods_between_is_inclusive_across_a_year_end():
    weeks = periods_between(parse_period("2025-W51"), parse_period("2026-W02"))
    assert [w.label for w in weeks] == ["2025-W51", "2025-W52", "2026-W01", "2026-W02"]
    assert periods_between(parse_period("2026-Q2"), parse_period("2026-Q2"))[0].label == "2026-Q2"


def test_periods_between_rejects_mixed_or_reversed_periods():
    with pytest.raises(PeriodError, match="same frequency"):
        periods_between(parse_period("2026-W01"), parse_period("2026-02"))
    with pytest.raises(PeriodError, match="same frequency"):
        periods_between(parse_period("2026-W01"), parse_period("2026-W02", week_end="SAT"))
    with pytest.raises(PeriodError, match="comes before"):
        periods_between(parse_period("2026-03"), parse_period("2026-01"))


@pytest.mark.parametrize(
    ("freq", "as_of", "expected"),
    [
        ("week", date(2026, 8, 17), "2026-W33"),  # Mon after Sun 08-16: W33 is complete
        ("week", date(2026, 8, 16), "2026-W32"),  # W33 ends today: not yet complete
        ("month", date(2026, 9, 1), "2026-08"),
        ("month", date(2026, 8, 31), "2026-07"),
        ("quarter", date(2026, 1, 1), "2025-Q4"),
        ("fiscal_year", date(2026, 7, 1), "FY2026"),
    ],
)
def test_latest_complete(freq, as_of, expected):
    assert latest_complete(freq, as_of).label == expected


def test_latest_complete_saturday_weeks():
    # Sat weeks: W33 = Sun 2026-08-09 .. Sat 08-15, complete on Sun 08-16.
    assert latest_complete("week", date(2026, 8, 16), week_end="SAT").label == "2026-W33"


# --- Constants for other modules ---------------------------------------------------


def test_season_length():
    assert SEASON_LENGTH == {
        "week": 52,
        "fortnight": 26,
        "month": 12,
        "quarter": 4,
        "half": 2,
        "year": 1,
        "fiscal_year": 1,
    }


@pytest.mark.parametrize(
    ("freq", "week_end", "fiscal_start", "alias"),
    [
        ("week", "SUN", 7, "W-SUN"),
        ("week", "SAT", 7, "W-SAT"),
        ("fortnight", "SUN", 7, "2W-SUN"),
        ("month", "SUN", 7, "ME"),
        ("quarter", "SUN", 7, "QE-DEC"),
        ("half", "SUN", 7, "6ME"),
        ("year", "SUN", 7, "YE-DEC"),
        ("fiscal_year", "SUN", 7, "YE-JUN"),
        ("fiscal_year", "SUN", 10, "YE-SEP"),
        ("fiscal_year", "SUN", 1, "YE-DEC"),
    ],
)
def test_pandas_freq_aliases(freq, week_end, fiscal_start, alias):
    assert pandas_freq(freq, week_end, fiscal_start) == alias


@pytest.mark.parametrize("week_end", ["SUN", "SAT"])
@pytest.mark.parametrize("freq", FREQS)
def test_pandas_freq_dates_are_period_ends(freq, week_end):
    # Starting at a period end, the pandas grid must hit every following period end.
    period = parse_period("2026-F26", week_end=week_end) if freq == "fortnight" else None
    period = period or period_containing(date(2025, 11, 20), freq, week_end=week_end)
    ends = [p.end for p in periods_between(period, period.shift(30))]
    grid = pd.date_range(period.end, periods=31, freq=pandas_freq(freq, week_end))
    assert [d.date() for d in grid] == ends


# --- Bad labels and settings -------------------------------------------------------


@pytest.mark.parametrize(
    "label",
    [
        "2026-W54",
        "2021-W53",
        "2026-W00",
        "2026-W5",
        "2026-w33",
        " 2026-W33",
        "2026-13",
        "2026-00",
        "2026-Q5",
        "2026-Q0",
        "2026-H3",
        "2026-F27",
        "2026-F00",
        "FY26",
        "fy2026",
        "26",
        "0226",
        "",
    ],
)
def test_bad_labels_raise_period_error_naming_the_label(label):
    with pytest.raises(PeriodError) as raised:
        parse_period(label)
    assert repr(label) in str(raised.value)
    assert "accepted forms" in str(raised.value)


def test_bad_calendar_settings_raise():
    with pytest.raises(PeriodError, match="'SATURDAY'"):
        parse_period("2026-W33", week_end="SATURDAY")
    with pytest.raises(PeriodError, match="13"):
        period_containing(date(2026, 1, 1), "fiscal_year", fiscal_year_start_month=13)
    with pytest.raises(PeriodError, match="'weekly'"):
        period_containing(date(2026, 1, 1), "weekly")  # type: ignore[arg-type]


# --- Year to date, day for day -----------------------------------------------------


def test_ytd_leaves_out_29_february():
    # 2024-01-01 .. 2024-03-01: 31 + 29 + 1 = 61 calendar days, 60 without 29 Feb.
    # Prior: 2023-01-01 .. 2023-03-01 = 31 + 28 + 1 = 60.
    current, prior = ytd_windows(date(2024, 3, 1))
    assert (current.start, current.end, current.days) == (date(2024, 1, 1), date(2024, 3, 1), 60)
    assert (prior.start, prior.end, prior.days) == (date(2023, 1, 1), date(2023, 3, 1), 60)
    assert not current.contains(date(2024, 2, 29))
    assert current.contains(date(2024, 2, 28)) and current.contains(date(2024, 3, 1))


def test_ytd_as_of_29_february_ends_on_28_february():
    # 31 (January) + 28 = 59 days in both windows.
    current, prior = ytd_windows(date(2024, 2, 29))
    assert (current.end, prior.end) == (date(2024, 2, 28), date(2023, 2, 28))
    assert current.days == prior.days == 59


def test_ytd_prior_year_leap_day_is_left_out_too():
    # As of 2025-03-01 the prior window 2024-01-01 .. 2024-03-01 holds 29 Feb: both 60.
    current, prior = ytd_windows(date(2025, 3, 1))
    assert (prior.start, prior.end) == (date(2024, 1, 1), date(2024, 3, 1))
    assert current.days == prior.days == 60


def test_fiscal_ytd():
    # July start, as of 2024-03-01: 2023-07-01 .. 2024-03-01 =
    # 31 + 31 + 30 + 31 + 30 + 31 (Jul..Dec) + 31 + 28 (Feb without 29th) + 1 = 244.
    current, prior = ytd_windows(date(2024, 3, 1), year_start_month=7)
    assert (current.start, prior.start, prior.end) == (
        date(2023, 7, 1),
        date(2022, 7, 1),
        date(2023, 3, 1),
    )
    assert current.days == prior.days == 244
    # As of the first day of the fiscal year the window is one day long.
    first, _ = ytd_windows(date(2025, 7, 1), year_start_month=7)
    assert (first.start, first.days) == (date(2025, 7, 1), 1)


# --- Rolling 28-day windows --------------------------------------------------------


def test_rolling_28_days_without_leap_day():
    # Sun 2026-08-16 back 28 days: 2026-07-20 .. 08-16 = 12 (Jul 20..31) + 16 = 28.
    window = rolling_window(date(2026, 8, 16))
    assert COMPSTAT_ROLLING_DAYS == 28
    assert (window.start, window.end, window.days) == (date(2026, 7, 20), date(2026, 8, 16), 28)
    prior = same_days_last_year(window)
    assert (prior.start, prior.end, prior.days) == (date(2025, 7, 20), date(2025, 8, 16), 28)


def test_rolling_28_days_across_29_february_covers_29_calendar_days():
    # 2024-02-10 .. 2024-03-09: 20 February days (10..29) + 9 March days = 29 calendar
    # days, 28 counted. Prior: 2023-02-10 .. 2023-03-09 = 19 + 9 = 28.
    window = rolling_window(date(2024, 3, 9), 28)
    assert (window.start, window.end, window.days) == (date(2024, 2, 10), date(2024, 3, 9), 28)
    assert (window.end - window.start).days + 1 == 29
    prior = same_days_last_year(window)
    assert (prior.start, prior.end, prior.days) == (date(2023, 2, 10), date(2023, 3, 9), 28)


def test_rolling_window_ending_29_february():
    # Ends on 28 Feb instead: 2024-02-01 .. 2024-02-28 = 28 days.
    window = rolling_window(date(2024, 2, 29))
    assert (window.start, window.end, window.days) == (date(2024, 2, 1), date(2024, 2, 28), 28)


def test_prior_window_in_a_leap_year_counts_the_same_days():
    # 2025-02-20 .. 03-05 = 9 + 5 = 14; prior 2024-02-20 .. 03-05 = 10 + 5 - 1 (29th) = 14.
    window = DateWindow(date(2025, 2, 20), date(2025, 3, 5))
    prior = same_days_last_year(window)
    assert (prior.start, prior.end) == (date(2024, 2, 20), date(2024, 3, 5))
    assert window.days == prior.days == 14


def test_prior_of_a_window_starting_29_february():
    # The first counted day of 2024-02-29 .. 03-05 is 1 March: prior 2023-03-01 .. 03-05.
    prior = same_days_last_year(DateWindow(date(2024, 2, 29), date(2024, 3, 5)))
    assert (prior.start, prior.end, prior.days) == (date(2023, 3, 1), date(2023, 3, 5), 5)
    # Without the exclusion it is a plain calendar shift: 2023-02-28 .. 03-05 = 6 days.
    plain = same_days_last_year(DateWindow(date(2024, 2, 29), date(2024, 3, 5), False))
    assert (plain.start, plain.days) == (date(2023, 2, 28), 6)


def test_bad_windows_raise():
    with pytest.raises(PeriodError, match="ends before"):
        DateWindow(date(2026, 2, 1), date(2026, 1, 31))
    with pytest.raises(PeriodError, match="0"):
        rolling_window(date(2026, 8, 16), 0)
    with pytest.raises(PeriodError, match="13"):
        ytd_windows(date(2026, 8, 16), year_start_month=13)


# --- Vectorised masks --------------------------------------------------------------


def test_mask_filters_timestamps_by_day():
    window = DateWindow(date(2024, 2, 27), date(2024, 3, 1))
    stamps = pd.Series(
        pd.to_datetime(
            [
                "2024-02-26 23:59",  # before the window
                "2024-02-27 00:00",  # first day
                "2024-02-29 12:00",  # leap day: left out
                "2024-03-01 23:59:59",  # last day, last second
                "2024-03-02 00:00",  # after
                None,  # NaT
            ],
            format="ISO8601",
        ),
        name="occurred_at",
    )
    before = stamps.copy()
    mask = window.mask(stamps)
    assert isinstance(mask, np.ndarray) and mask.dtype == bool
    assert mask.tolist() == [False, True, False, True, False, False]
    pd.testing.assert_series_equal(stamps, before)  # input untouched
    # Without the exclusion, 29 Feb counts; the same works on an Index.
    plain = DateWindow(window.start, window.end, exclude_feb29=False)
    assert plain.mask(pd.DatetimeIndex(stamps)).tolist() == [False, True, True, True, False, False]


def test_mask_uses_the_local_day_of_aware_timestamps():
    # 23:30 in New York on 2026-08-16 is 03:30 UTC on 08-17; the local day is the 16th.
    stamps = pd.Series(pd.to_datetime(["2026-08-16 23:30"]).tz_localize("America/New_York"))
    assert DateWindow(date(2026, 8, 10), date(2026, 8, 16)).mask(stamps).tolist() == [True]


def test_mask_rejects_non_datetime_values():
    strings = pd.Series(["2026-08-16"], name="occurred_at")
    with pytest.raises(InputError, match="occurred_at"):
        DateWindow(date(2026, 8, 10), date(2026, 8, 16)).mask(strings)


# --- Dates in parameters -----------------------------------------------------------


def test_parse_date():
    assert parse_date("2026-08-16") == date(2026, 8, 16)
    assert parse_date("2024-02-29") == date(2024, 2, 29)


@pytest.mark.parametrize(
    "text", ["2026-02-30", "2023-02-29", "16/08/2026", "20260816", "", "2026-8-16"]
)
def test_parse_date_rejects_bad_text(text):
    with pytest.raises(PeriodError, match=re.escape(repr(text))):
        parse_date(text)


# --- statistical periods of cumulative reports (statlib.periods.statistical) -------------
@pytest.mark.parametrize(
    ("text", "year", "label"),
    [
        ("1-2月", 2020, "2020-02"),
        ("1-8月", 2020, "2020-08"),
        ("1～8月累计(万千瓦时)", 2019, "2019-08"),
        ("2020年1-8月", None, "2020-08"),
        ("淮川市2020年1-8月份工业经济主要指标", None, "2020-08"),
        ("一季度", 2020, "2020-03"),
        ("2020年上半年", None, "2020-06"),
        ("前三季度", 2020, "2020-09"),
        ("2019年全年", None, "2019-12"),
        ("Jan-Aug 2020", None, "2020-08"),
        ("January–February 2020", None, "2020-02"),
        ("Aug 2020", None, "2020-08"),
    ],
)
def test_statistical_period_labels_name_their_last_month(text, year, label):
    assert parse_span(text).label(year) == label


def test_statistical_spans_are_cumulative_from_january_or_single_months():
    assert parse_span("1-8月").cumulative and not parse_span("8月").cumulative
    assert find_span("同比增长(%)") is None and find_span("Market decrease (%)") is None
    with pytest.raises(PeriodError, match="does not start in January"):
        parse_span("3-8月")
    with pytest.raises(PeriodError, match="names no month"):
        parse_span("1-13月")
    with pytest.raises(PeriodError, match="names no year"):
        parse_span("1-8月").label()
    with pytest.raises(PeriodError, match="is not a statistical period"):
        parse_span("本年累计")
