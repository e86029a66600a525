"""CompStat cells of the real NYPD file, checked against hand-computed sums.

Every expected number below was read off the published rows of data/nypd/weekly.parquet
(the CompStat 2.0 weekly table as published) and added up by hand; the comments list the
rows ("MM-DD count" per published week end) and the arithmetic. The rows were listed with

    duckdb: SELECT week_end, count FROM 'data/nypd/weekly.parquet'
            WHERE precinct = ? AND category = ? ORDER BY week_end

CompStat compares a window of days with the same dates one year earlier. 365 days are
52 weeks and a day, so last year's days of a Monday..Sunday week are a Sunday..Saturday
week: exactly NYPD's weeks before the switch (to Sat 2025-07-12), and, for the switch's
overlap, the Saturday-ending weeks it published next to the Sunday-ending ones (Sat
2025-07-19 .. 08-16). The windows of the review week 2026-W33:

    week, current                 Sun 2026-08-16                         (08-10 .. 08-16)
    week, prior                   Sat 2025-08-16                         (08-10 .. 08-16)
    28 days, current              Sun 2026-07-26, 08-02, 08-09, 08-16    (07-20 .. 08-16)
    28 days, prior                Sat 2025-07-26, 08-02, 08-09, 08-16    (07-20 .. 08-16)
    year to date, current         Sun 2026-01-04 .. 08-16, 33 weeks      (2025-12-29 ..)
    year to date, prior           Sat 2025-01-04 .. 08-16, 33 weeks      (2024-12-29 ..)

The year to date should start on 1 January; weeks cannot, so both sides take three days
of December (reported by `window_coverage`). Before the date-based windows, the prior
side used the Sunday-ending weeks of 2025 (one day later than CompStat's).

pct_change is checked to 0.1 and z = 2 * (sqrt(current) - sqrt(prior)) to 0.01, the
precision a CompStat table prints.
"""

import math
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from statlib import schema as S
from statlib.compare import (
    DAYS_28,
    PREVIOUS_PERIOD,
    WEEK,
    YTD,
    compare,
    periods_only,
    window_coverage,
    window_days,
)
from statlib.ingest.nypd import read_weekly, weekly_kpis
from statlib.params import load_domain
from statlib.periods import parse_period, period_containing
from statlib.report import windows as window_section

ROOT = Path(__file__).resolve().parents[1]
WEEKLY_FILE = ROOT / "data" / "nypd" / "weekly.parquet"
CALENDAR = load_domain(ROOT / "params" / "public_safety.yaml").calendar
REVIEW_WEEK = "2026-W33"
PRIOR_CELLS, CHANGED_CELLS = 4476, 957  # 79 units x 19 metrics x 3 windows, less 116's extras
# The nine categories the upstream "extra" pull stops at the week ending 2026-07-19.
EXTRA_METRICS = (
    "patrol_bureau",
    "transit",
    "housing",
    "rape_ucr",
    "other_sex_crimes",
    "petit_larceny",
    "misdemeanor_assault",
    "hate_crimes",
    "traffic_fatalities",
)
CURRENT_28_DAYS = ("2026-07-26", "2026-08-02", "2026-08-09", "2026-08-16")
SUNDAY_28_DAYS_2025 = ("2025-07-27", "2025-08-03", "2025-08-10", "2025-08-17")
SATURDAY_28_DAYS_2025 = ("2025-07-26", "2025-08-02", "2025-08-09", "2025-08-16")


@pytest.fixture(scope="module")
def raw() -> pd.DataFrame:
    return read_weekly(WEEKLY_FILE)


@pytest.fixture(scope="module")
def kpis(raw) -> pd.DataFrame:
    return weekly_kpis(raw).kpis


def compared(kpis: pd.DataFrame, week: str, calendar=CALENDAR) -> pd.DataFrame:
    metrics = kpis[S.METRIC].unique()
    return compare(kpis, parse_period(week), additive=metrics, counts=metrics, calendar=calendar)


@pytest.fixture(scope="module")
def comparison(kpis) -> pd.DataFrame:
    return compared(kpis, REVIEW_WEEK)


def cell(comparison: pd.DataFrame, unit: str, metric: str, window: str) -> pd.Series:
    rows = comparison[
        (comparison[S.UNIT] == unit)
        & (comparison[S.METRIC] == metric)
        & (comparison[S.WINDOW] == window)
    ]
    assert len(rows) == 1, f"{unit}/{metric}/{window}: {len(rows)} rows"
    return rows.iloc[0]


def published(raw: pd.DataFrame, precinct: str, category: str, week_ends) -> dict[str, int]:
    """The published rows of one cell in the given week ends (absent weeks are left out)."""
    rows = raw[
        (raw["precinct"] == precinct)
        & (raw["category"] == category)
        & raw["week_end"].isin(pd.to_datetime(list(week_ends)))
    ]
    return {str(d.date()): int(n) for d, n in zip(rows["week_end"], rows["count"], strict=True)}


def assert_printed(row: pd.Series, current, prior, pct, z) -> None:
    """Current and prior exactly, % change to 0.1 and z to 0.01 (NaN = an empty cell)."""
    assert (row[S.CURRENT], row[S.PRIOR]) == (current, prior)
    if pct is None:
        assert math.isnan(row[S.PCT_CHANGE])
    else:
        assert round(row[S.PCT_CHANGE], 1) == pct
    assert round(row[S.POISSON_Z], 2) == z


# --- which published weeks are which ISO weeks --------------------------------------


@pytest.mark.parametrize(
    ("published_end", "week_end", "label"),
    [
        (date(2024, 12, 28), "SAT", "2024-W52"),  # Sun 12-22 .. Sat 12-28, Wed 12-25
        (date(2025, 1, 4), "SAT", "2025-W01"),  # Sun 12-29 .. Sat 01-04, Wed 01-01
        (date(2025, 7, 12), "SAT", "2025-W28"),  # the last Saturday week kept
        (date(2025, 7, 19), "SAT", "2025-W29"),  # dropped: Sun 07-20 is also W29
        (date(2025, 7, 20), "SUN", "2025-W29"),
        (date(2025, 7, 26), "SAT", "2025-W30"),
        (date(2025, 7, 27), "SUN", "2025-W30"),
        (date(2025, 8, 16), "SAT", "2025-W33"),
        (date(2025, 8, 17), "SUN", "2025-W33"),
        (date(2026, 1, 4), "SUN", "2026-W01"),  # Mon 2025-12-29 .. Sun 2026-01-04
        (date(2026, 8, 16), "SUN", "2026-W33"),
    ],
)
def test_published_week_ends_name_the_iso_weeks_of_the_windows(published_end, week_end, label):
    assert period_containing(published_end, "week", week_end=week_end).label == label


def test_windows_of_the_review_week(kpis):
    week = parse_period(REVIEW_WEEK)
    assert window_days(week, WEEK) == (
        (date(2026, 8, 10), date(2026, 8, 16)),
        (date(2025, 8, 10), date(2025, 8, 16)),
    )
    assert window_days(week, DAYS_28)[1] == (date(2025, 7, 20), date(2025, 8, 16))
    assert window_days(week, YTD) == (
        (date(2026, 1, 1), date(2026, 8, 16)),
        (date(2025, 1, 1), date(2025, 8, 16)),
    )
    assert CALENDAR.week_end_of("2025-W28") == "SAT" and CALENDAR.week_end_of("2025-W29") == "SUN"
    coverage = window_coverage(kpis, week, calendar=CALENDAR)
    robbery = coverage[coverage[S.METRIC] == "robbery"].set_index([S.WINDOW, S.WINDOW_SIDE])
    assert robbery.loc[(WEEK, S.PRIOR), S.COVER_LABELS] == "2025-08-10..2025-08-16"
    assert robbery.loc[(DAYS_28, S.PRIOR), S.COVER_LABELS].split(";") == [
        "2025-07-20..2025-07-26",
        "2025-07-27..2025-08-02",
        "2025-08-03..2025-08-09",
        "2025-08-10..2025-08-16",
    ]
    exact = robbery.loc[
        [(WEEK, S.CURRENT), (WEEK, S.PRIOR), (DAYS_28, S.CURRENT), (DAYS_28, S.PRIOR)]
    ]
    assert (exact[S.MISSING_DAYS] == 0).all() and (exact[S.EXTRA_DAYS] == 0).all()
    # year to date: W01 .. W28 (Saturday weeks), the 07-13 .. 07-19 cut and the four
    # Saturday cuts: 33 rows from 2024-12-29, three days before 1 January
    prior_ytd = robbery.loc[(YTD, S.PRIOR)]
    labels = prior_ytd[S.COVER_LABELS].split(";")
    assert (len(labels), labels[0], labels[27], labels[28]) == (
        33,
        "2025-W01",
        "2025-W28",
        "2025-07-13..2025-07-19",
    )
    assert prior_ytd[S.COVER_FIRST] == pd.Timestamp("2024-12-29")
    assert (prior_ytd[S.MISSING_DAYS], prior_ytd[S.EXTRA_DAYS]) == (0, 3)
    assert robbery.loc[(YTD, S.CURRENT), S.EXTRA_DAYS] == 3
    # Housing (extra pull) has no Saturday cut after 07-19: last year's week is the
    # Sunday one, 2025-08-11 .. 08-17, one day missing and one extra
    housing = coverage[coverage[S.METRIC] == "housing"].set_index([S.WINDOW, S.WINDOW_SIDE])
    assert housing.loc[(WEEK, S.PRIOR), S.COVER_LABELS] == "2025-W33"
    assert tuple(housing.loc[(WEEK, S.PRIOR), [S.MISSING_DAYS, S.EXTRA_DAYS]]) == (1, 1)


# --- citywide: murder, robbery, the seven major felonies ------------------------------

# Citywide Murder
#   2026 W30..W33: 07-26 6, 08-02 2, 08-09 2, 08-16 7                  -> 28 days 17, week 7
#   2025 Sat: 07-26 7, 08-02 11, 08-09 8, 08-16 8                      -> 28 days 34, week 8
#   2026 W01..W33 (33 rows): 5 3 2 7 3 4 6 6 2 5 6 6 5 9 5 4 4 3 8 2 5 11 6 6 3 6 8 4 4
#       6 2 2 7                                                        -> 165
#   2025 Sat W01..W28 (01-04 .. 07-12): 8 5 9 4 6 6 7 5 7 6 4 3 5 6 5 9 9 6 5 6 6 4 10 5
#       6 10 6 5                                                       -> 173
#   2025 Sat 07-19 9 + the 28 days 34 = 43; 173 + 43 = 216
#   week:    7 v 8:     -1/8 = -12.5%;     z = 2 * (2.645751 - 2.828427) = -0.37
#   28 days: 17 v 34:   -17/34 = -50.0%;   z = 2 * (4.123106 - 5.830952) = -3.42
#   ytd:     165 v 216: -51/216 = -23.6%;  z = 2 * (12.845233 - 14.696938) = -3.70
# Citywide Robbery
#   2026 W30..W33: 346 + 269 + 267 + 254 = 1136; week 254
#   2025 Sat: 07-26 341, 08-02 327, 08-09 304, 08-16 337 = 1309; week 337
#   2026 W01..W33: 33 rows summing to 8361
#   2025 Sat W01..W28: 28 rows summing to 7947; Sat 07-19 325 + 1309 = 1634
#       -> 7947 + 1634 = 9581
#   week:    254 v 337:   -83/337 = -24.6%;     z = 2 * (15.937377 - 18.357560) = -4.84
#   28 days: 1136 v 1309: -173/1309 = -13.2%;   z = 2 * (33.704599 - 36.180105) = -4.95
#   ytd:     8361 v 9581: -1220/9581 = -12.7%;  z = 2 * (91.438504 - 97.882583) = -12.89
# Citywide TotalMajor7
#   2026 W30..W33: 2385 + 2178 + 2378 + 2330 = 9271; week 2330
#   2025 Sat: 07-26 2597, 08-02 2480, 08-09 2495, 08-16 2514 = 10086; week 2514
#   2026 W01..W33: 33 rows summing to 71876
#   2025 Sat W01..W28: 28 rows summing to 64161; Sat 07-19 2451 + 10086 = 12537
#       -> 64161 + 12537 = 76698
#   week:    2330 v 2514:    -184/2514 = -7.3%;   z = 2 * (48.270074 - 50.139805) = -3.74
#   28 days: 9271 v 10086:   -815/10086 = -8.1%;  z = 2 * (96.286032 - 100.429079) = -8.29
#   ytd:     71876 v 76698:  -4822/76698 = -6.3%; z = 2 * (268.096997 - 276.944038) = -17.69
CITYWIDE_CELLS = [
    ("murder", WEEK, 7, 8, -12.5, -0.37),
    ("murder", DAYS_28, 17, 34, -50.0, -3.42),
    ("murder", YTD, 165, 216, -23.6, -3.70),
    ("robbery", WEEK, 254, 337, -24.6, -4.84),
    ("robbery", DAYS_28, 1136, 1309, -13.2, -4.95),
    ("robbery", YTD, 8361, 9581, -12.7, -12.89),
    ("major_felonies_total", WEEK, 2330, 2514, -7.3, -3.74),
    ("major_felonies_total", DAYS_28, 9271, 10086, -8.1, -8.29),
    ("major_felonies_total", YTD, 71876, 76698, -6.3, -17.69),
]


@pytest.mark.parametrize(("metric", "window", "current", "prior", "pct", "z"), CITYWIDE_CELLS)
def test_citywide_cells_as_printed(comparison, metric, window, current, prior, pct, z):
    assert_printed(cell(comparison, S.CITYWIDE, metric, window), current, prior, pct, z)


def test_citywide_previous_period(comparison):
    # Citywide Murder 2026-08-09 2 -> 2026-W32; W33 7 v 2: +250.0%, z = 2 * (2.645751 -
    # 1.414214) = 2.46
    assert_printed(cell(comparison, S.CITYWIDE, "murder", PREVIOUS_PERIOD), 7, 2, 250.0, 2.46)


# --- a precinct with omitted zero weeks inside the windows ----------------------------


def test_omitted_zero_weeks_count_as_zero_in_the_windows(raw, comparison):
    # 017 Robbery, the published rows of the 28-day windows:
    #   2026: 07-26 3, 08-02 3; no row for 08-09 or 08-16 (zero weeks omitted)
    #   2025 Sat: 07-26 1, 08-02 4, 08-09 2, 08-16 2
    assert published(raw, "017", "Robbery", CURRENT_28_DAYS) == {"2026-07-26": 3, "2026-08-02": 3}
    assert published(raw, "017", "Robbery", SATURDAY_28_DAYS_2025) == {
        "2025-07-26": 1,
        "2025-08-02": 4,
        "2025-08-09": 2,
        "2025-08-16": 2,
    }
    # week: 08-16 absent -> 0 v Sat 08-16 2: -100.0%, z = 2 * (0 - 1.414214) = -2.83
    assert_printed(cell(comparison, "17", "robbery", WEEK), 0, 2, -100.0, -2.83)
    # 28 days: 3 + 3 + 0 + 0 = 6 v 1 + 4 + 2 + 2 = 9: -3/9 = -33.3%,
    #   z = 2 * (2.449490 - 3) = -1.10
    assert_printed(cell(comparison, "17", "robbery", DAYS_28), 6, 9, -33.3, -1.10)
    # previous period: W33 0 v W32 (08-09, absent) 0: % change empty, z = 0
    assert_printed(cell(comparison, "17", "robbery", PREVIOUS_PERIOD), 0, 0, None, 0.0)


# --- the Saturday -> Sunday week-end switch --------------------------------------------

# Last year's 28 days (2025-07-20 .. 08-16) are the Saturday-ending weeks; the Sunday
# ones (07-21 .. 08-17) are a day late. The sums differ in each cell:
#   cell              Saturday rows            = used   Sunday rows               = not
#   Citywide Murder   7 + 11 + 8 + 8           = 34     5 + 13 + 7 + 10           = 35
#   Citywide Robbery  341 + 327 + 304 + 337    = 1309   308 + 336 + 318 + 324     = 1286
#   Citywide TM7      2597 + 2480 + 2495 + 2514 = 10086 2577 + 2468 + 2498 + 2527 = 10070
#   017 Robbery       1 + 4 + 2 + 2            = 9      0 + 4 + 3 + 1             = 8
#   069 Murder        07-26 1                  = 1      no row                    = 0
SWITCH_CELLS = [
    ("Citywide", "Murder", S.CITYWIDE, "murder", 34, 35),
    ("Citywide", "Robbery", S.CITYWIDE, "robbery", 1309, 1286),
    ("Citywide", "TotalMajor7", S.CITYWIDE, "major_felonies_total", 10086, 10070),
    ("017", "Robbery", "17", "robbery", 9, 8),
    ("069", "Murder", "69", "murder", 1, 0),
]


@pytest.mark.parametrize(
    ("precinct", "category", "unit", "metric", "saturday_sum", "sunday_sum"), SWITCH_CELLS
)
def test_prior_28_days_sum_the_saturday_weeks_of_the_same_days(
    raw, comparison, precinct, category, unit, metric, saturday_sum, sunday_sum
):
    # the hand sums in the table above are those of the published rows
    assert sum(published(raw, precinct, category, SUNDAY_28_DAYS_2025).values()) == sunday_sum
    assert sum(published(raw, precinct, category, SATURDAY_28_DAYS_2025).values()) == saturday_sum
    prior = cell(comparison, unit, metric, DAYS_28)[S.PRIOR]
    assert prior == saturday_sum
    assert prior != sunday_sum


def test_precinct_100_burglary_as_the_issue_reports(comparison):
    # 100 Burglary: 2026 Sun 08-02 1, 08-09 1, 08-16 1 (07-26 absent: 0) -> 28 days 3,
    #   week 1; 2025 Sat 07-26 1, 08-02 2, 08-09 absent (0), 08-16 3 -> 28 days 6, week 3
    #   (the Sunday weeks would give 1 + 2 + 0 + 4 = 7 and 4)
    #   week:    1 v 3: -66.7%, z = 2 * (1 - 1.732051) = -1.46
    #   28 days: 3 v 6: -50.0%, z = 2 * (1.732051 - 2.449490) = -1.43
    assert_printed(cell(comparison, "100", "burglary", WEEK), 1, 3, -66.7, -1.46)
    assert_printed(cell(comparison, "100", "burglary", DAYS_28), 3, 6, -50.0, -1.43)


def test_prior_ytd_crosses_the_switch_on_saturday_weeks(comparison):
    # Citywide Murder 2025: Saturday W01..W28 173 + Saturday 07-19 .. 08-16 43 = 216 (see
    # above). The Sunday weeks W29..W33 instead (9 + 5 + 13 + 7 + 10 = 44) gave 217.
    assert cell(comparison, S.CITYWIDE, "murder", YTD)[S.PRIOR] == 216
    # 017 Robbery 2025 Sat W01..W28 = 28 (01-11 1, 02-01 1, 02-15 2, 02-22 2, 03-22 1,
    #   04-05 3, 04-19 1, 04-26 2, 05-03 1, 05-10 1, 05-24 1, 05-31 2, 06-07 1, 06-14 3,
    #   07-05 3, 07-12 3); Sat 07-19 2, 07-26 1, 08-02 4, 08-09 2, 08-16 2 = 11 -> 39
    # 2026 W01..W33 = 28 (unchanged)
    #   28 v 39: -11/39 = -28.2%, z = 2 * (5.291503 - 6.244998) = -1.91
    assert_printed(cell(comparison, "17", "robbery", YTD), 28, 39, -28.2, -1.91)
    # 069 Murder: 2026 05-31 1, 08-09 1 = 2; 2025 Sat 06-07 1, 06-28 1, 07-26 1 = 3
    #   -1/3 = -33.3%, z = 2 * (1.414214 - 1.732051) = -0.64
    assert_printed(cell(comparison, "69", "murder", YTD), 2, 3, -33.3, -0.64)


def test_a_week_outside_the_switch(kpis):
    # 2026-W05 = Mon 01-26 .. Sun 02-01; last year's days 2025-01-26 .. 02-01 are the
    # Saturday week of 2025-02-01 (2025-W05), published before the switch: exact.
    # Citywide Murder 2026 Sun 01-04 5, 01-11 3, 01-18 2, 01-25 7, 02-01 3;
    #   2025 Sat 01-04 8, 01-11 5, 01-18 9, 01-25 4, 02-01 6
    #   week:    3 v 6:           -50.0%, z = 2 * (1.732051 - 2.449490) = -1.43
    #   28 days: 3+2+7+3 = 15 v 5+9+4+6 = 24: -37.5%, z = 2 * (3.872983 - 4.898979) = -2.05
    #   ytd:     15 + 5 = 20 v 24 + 8 = 32:   -37.5%, z = 2 * (4.472136 - 5.656854) = -2.37
    comparison = compared(kpis, "2026-W05")
    assert_printed(cell(comparison, S.CITYWIDE, "murder", WEEK), 3, 6, -50.0, -1.43)
    assert_printed(cell(comparison, S.CITYWIDE, "murder", DAYS_28), 15, 24, -37.5, -2.05)
    assert_printed(cell(comparison, S.CITYWIDE, "murder", YTD), 20, 32, -37.5, -2.37)
    coverage = window_coverage(kpis, parse_period("2026-W05"), calendar=CALENDAR)
    murder = coverage[coverage[S.METRIC] == "murder"].set_index([S.WINDOW, S.WINDOW_SIDE])
    assert murder.loc[(WEEK, S.PRIOR), S.COVER_LABELS] == "2025-W05"
    assert murder.loc[(WEEK, S.PRIOR), S.MISSING_DAYS] == 0


def test_without_the_declared_saturday_weeks_windows_are_approximate(kpis):
    # Read as if every week ended on Sunday, 2025-W05 would be 01-27 .. 02-02: a day off at
    # each end of last year's 2025-01-26 .. 02-01. Same value, but not exact.
    naive = window_coverage(kpis, parse_period("2026-W05"), calendar=None)
    murder = naive[naive[S.METRIC] == "murder"].set_index([S.WINDOW, S.WINDOW_SIDE])
    assert murder.loc[(WEEK, S.PRIOR), S.COVER_LABELS] == "2025-W05"
    assert tuple(murder.loc[(WEEK, S.PRIOR), [S.MISSING_DAYS, S.EXTRA_DAYS]]) == (1, 1)


def test_prior_year_cells_changed_by_the_date_based_windows(kpis, comparison):
    # Measured, not hand-computed: how many prior-year cells of 2026-W33 (week, 28 days,
    # year to date; every unit and metric) differ from the Sunday-week reading.
    naive = compared(periods_only(kpis), REVIEW_WEEK, calendar=None)
    keys = [S.UNIT, S.METRIC, S.WINDOW]
    joined = comparison.merge(naive, on=keys, suffixes=("", "_old"))
    joined = joined[joined[S.WINDOW] != PREVIOUS_PERIOD]
    changed = joined[S.PRIOR].fillna(-1) != joined[f"{S.PRIOR}_old"].fillna(-1)
    assert (len(joined), int(changed.sum())) == (PRIOR_CELLS, CHANGED_CELLS)


# --- categories that stop at 2026-W29 ---------------------------------------------------


def test_extra_categories_have_no_current_value(raw, comparison):
    # Citywide Housing: last row 2026-07-19 93 (W29); nothing published for W30..W33
    assert raw.loc[raw["category"] == "Housing", "week_end"].max() == pd.Timestamp("2026-07-19")
    week = cell(comparison, S.CITYWIDE, "housing", WEEK)
    # current NaN (no data), not 0; prior 2025-08-17 (Sunday: the extra pull has no
    # Saturday week after 07-19, so the nearest week, a day off) 129
    assert math.isnan(week[S.CURRENT]) and week[S.PRIOR] == 129
    assert math.isnan(week[S.PCT_CHANGE]) and math.isnan(week[S.POISSON_Z])
    # 2025 Sat W01..W28 3142 + Sun W29..W33 102 + 110 + 120 + 116 + 129 = 577 -> 3719
    #   (Sat 07-13 .. 07-19 107 then Sun W30..W33 is as far off, 5 days, and uses a cut)
    ytd = cell(comparison, S.CITYWIDE, "housing", YTD)
    assert math.isnan(ytd[S.CURRENT]) and ytd[S.PRIOR] == 3719
    # precinct 001 publishes explicit zero Housing rows to 07-19: still no data after
    assert math.isnan(cell(comparison, "1", "housing", WEEK)[S.CURRENT])
    extra = comparison[comparison[S.METRIC].isin(EXTRA_METRICS)]
    assert set(extra[S.METRIC]) == set(EXTRA_METRICS)
    assert extra[S.CURRENT].isna().all()


def test_core_categories_are_complete_in_every_window(comparison):
    # the ten core categories run to 2026-W33 and are zero-filled: no empty windows
    core = comparison[~comparison[S.METRIC].isin(EXTRA_METRICS)]
    assert core[S.METRIC].nunique() == 10
    assert core[[S.CURRENT, S.PRIOR]].notna().all().all()


def test_the_page_says_which_windows_are_approximate_and_by_how_many_days(kpis):
    coverage = window_coverage(kpis, parse_period(REVIEW_WEEK), calendar=CALENDAR)
    page = window_section.windows(coverage, "en").body
    # the ten core metrics: both years to date start three days before 1 January
    assert (
        "Year to date, this year: the days Jan 1, 2026 – Aug 16, 2026 are filled with "
        "figures covering Dec 29, 2025 – Aug 16, 2026 (0 days missing, 3 days extra; "
        "10 metrics)."
    ) in page
    # the nine extra metrics end at 2026-W29: no figures for this year's week at all
    assert "Week to date, this year: no published figures cover the days Aug 10, 2026" in page
    assert "(9 metrics); those cells are empty." in page
    assert "去年" in window_section.windows(coverage, "zh").body
    exact = coverage[coverage[S.METRIC] == "robbery"]
    exact = exact[exact[S.WINDOW] != YTD]
    assert "covering exactly" in window_section.windows(exact, "en").body
