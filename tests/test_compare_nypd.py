"""CompStat cells of the real NYPD file for 2026-W33, checked against hand-computed sums.

Every expected number below was read off the published rows of data/nypd/weekly.parquet
(the CompStat 2.0 weekly table as published) and added up by hand; the comments list the
rows ("MM-DD count" per published week end) and the arithmetic. The rows were listed with

    duckdb: SELECT week_end, count FROM 'data/nypd/weekly.parquet'
            WHERE precinct = ? AND category = ? ORDER BY week_end

Which published week ends make up each window (rule of statlib.periods: a week is named
after the ISO week holding its 4th day, so a Sunday..Saturday week takes the ISO week of
its Saturday, and a Monday..Sunday week that of its Sunday):

    2026-W33 (the review week)     Sun 2026-08-16
    28 days, current (W30..W33)    Sun 2026-07-26, 08-02, 08-09, 08-16
    year to date, current          Sun 2026-01-04 .. 2026-08-16, 33 weeks
    2025-W33 (same week last year) Sun 2025-08-17 (kept); Sat 2025-08-16 (dropped)
    28 days, prior (2025-W30..W33) Sun 2025-07-27, 08-03, 08-10, 08-17 (kept);
                                   Sat 2025-07-26, 08-02, 08-09, 08-16 (dropped)
    year to date, prior            Sat 2025-01-04 .. 07-12 (W01..W28, 28 weeks)
                                   + Sun 2025-07-20 .. 08-17 (W29..W33, 5 weeks);
                                   Sat 2025-07-19 .. 08-16 dropped

pct_change is checked to 0.1 and z = 2 * (sqrt(current) - sqrt(prior)) to 0.01, the
precision a CompStat table prints.
"""

import math
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from statlib import schema as S
from statlib.compare import DAYS_28, PREVIOUS_PERIOD, WEEK, YTD, compare, window_periods
from statlib.ingest.nypd import read_weekly, weekly_kpis
from statlib.periods import parse_period, period_containing

WEEKLY_FILE = Path(__file__).resolve().parents[1] / "data" / "nypd" / "weekly.parquet"
REVIEW_WEEK = "2026-W33"
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
def comparison(raw) -> pd.DataFrame:
    kpis = weekly_kpis(raw).kpis
    metrics = kpis[S.METRIC].unique()
    return compare(kpis, parse_period(REVIEW_WEEK), additive=metrics, counts=metrics)


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


def test_windows_of_the_review_week():
    current, prior = window_periods(parse_period(REVIEW_WEEK), YTD)
    assert (current[0].label, current[-1].label, len(current)) == ("2026-W01", "2026-W33", 33)
    assert (prior[0].label, prior[-1].label, len(prior)) == ("2025-W01", "2025-W33", 33)
    current, prior = window_periods(parse_period(REVIEW_WEEK), DAYS_28)
    assert [p.label for p in prior] == ["2025-W30", "2025-W31", "2025-W32", "2025-W33"]
    assert current[-1].end == date(2026, 8, 16)


# --- citywide: murder, robbery, the seven major felonies ------------------------------

# Citywide Murder
#   2026 W30..W33: 07-26 6, 08-02 2, 08-09 2, 08-16 7                  -> 28 days 17, week 7
#   2025 Sun W30..W33: 07-27 5, 08-03 13, 08-10 7, 08-17 10            -> 28 days 35, week 10
#   2026 W01..W33 (33 rows): 5 3 2 7 3 4 6 6 2 5 6 6 5 9 5 4 4 3 8 2 5 11 6 6 3 6 8 4 4
#       6 2 2 7                                                        -> 165
#   2025 Sat W01..W28 (01-04 .. 07-12): 8 5 9 4 6 6 7 5 7 6 4 3 5 6 5 9 9 6 5 6 6 4 10 5
#       6 10 6 5                                                       -> 173
#   2025 Sun W29..W33: 07-20 9, 07-27 5, 08-03 13, 08-10 7, 08-17 10   -> 44; 173 + 44 = 217
#   week:    7 v 10:   -3/10 = -30.0%;    z = 2 * (2.645751 - 3.162278) = -1.03
#   28 days: 17 v 35:  -18/35 = -51.4%;   z = 2 * (4.123106 - 5.916080) = -3.59
#   ytd:     165 v 217: -52/217 = -24.0%; z = 2 * (12.845233 - 14.730920) = -3.77
# Citywide Robbery
#   2026 W30..W33: 346 + 269 + 267 + 254 = 1136; week 254
#   2025 Sun W30..W33: 07-27 308, 08-03 336, 08-10 318, 08-17 324 = 1286; week 324
#   2026 W01..W33: 33 rows summing to 8361
#   2025 Sat W01..W28: 28 rows summing to 7947; Sun W29..W33: 342 + 1286 = 1628
#       -> 7947 + 1628 = 9575
#   week:    254 v 324:   -70/324 = -21.6%;     z = 2 * (15.937377 - 18) = -4.13
#   28 days: 1136 v 1286: -150/1286 = -11.7%;   z = 2 * (33.704599 - 35.860842) = -4.31
#   ytd:     8361 v 9575: -1214/9575 = -12.7%;  z = 2 * (91.438504 - 97.851929) = -12.83
# Citywide TotalMajor7
#   2026 W30..W33: 2385 + 2178 + 2378 + 2330 = 9271; week 2330
#   2025 Sun W30..W33: 07-27 2577, 08-03 2468, 08-10 2498, 08-17 2527 = 10070; week 2527
#   2026 W01..W33: 33 rows summing to 71876
#   2025 Sat W01..W28: 28 rows summing to 64161; Sun W29..W33: 2472 + 10070 = 12542
#       -> 64161 + 12542 = 76703
#   week:    2330 v 2527:    -197/2527 = -7.8%;   z = 2 * (48.270074 - 50.269275) = -4.00
#   28 days: 9271 v 10070:   -799/10070 = -7.9%;  z = 2 * (96.286032 - 100.349390) = -8.13
#   ytd:     71876 v 76703:  -4827/76703 = -6.3%; z = 2 * (268.096997 - 276.953065) = -17.71
CITYWIDE_CELLS = [
    ("murder", WEEK, 7, 10, -30.0, -1.03),
    ("murder", DAYS_28, 17, 35, -51.4, -3.59),
    ("murder", YTD, 165, 217, -24.0, -3.77),
    ("robbery", WEEK, 254, 324, -21.6, -4.13),
    ("robbery", DAYS_28, 1136, 1286, -11.7, -4.31),
    ("robbery", YTD, 8361, 9575, -12.7, -12.83),
    ("major_felonies_total", WEEK, 2330, 2527, -7.8, -4.00),
    ("major_felonies_total", DAYS_28, 9271, 10070, -7.9, -8.13),
    ("major_felonies_total", YTD, 71876, 76703, -6.3, -17.71),
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
    #   2025 Sun: no row for 07-27; 08-03 4, 08-10 3, 08-17 1
    #   (2025 Sat, dropped: 07-26 1, 08-02 4, 08-09 2, 08-16 2)
    assert published(raw, "017", "Robbery", CURRENT_28_DAYS) == {"2026-07-26": 3, "2026-08-02": 3}
    assert published(raw, "017", "Robbery", SUNDAY_28_DAYS_2025) == {
        "2025-08-03": 4,
        "2025-08-10": 3,
        "2025-08-17": 1,
    }
    # week: 08-16 absent -> 0 v 08-17 1: -100.0%, z = 2 * (0 - 1) = -2.00
    assert_printed(cell(comparison, "17", "robbery", WEEK), 0, 1, -100.0, -2.0)
    # 28 days: 3 + 3 + 0 + 0 = 6 v 0 + 4 + 3 + 1 = 8: -2/8 = -25.0%,
    #   z = 2 * (2.449490 - 2.828427) = -0.76
    assert_printed(cell(comparison, "17", "robbery", DAYS_28), 6, 8, -25.0, -0.76)
    # previous period: W33 0 v W32 (08-09, absent) 0: % change empty, z = 0
    assert_printed(cell(comparison, "17", "robbery", PREVIOUS_PERIOD), 0, 0, None, 0.0)


# --- the Saturday -> Sunday week-end switch --------------------------------------------

# The prior 28 days (2025-W30..W33) are published twice; the pipeline must sum the Sunday
# rows. Saturday sums, and Saturday + Sunday (double counting), differ in each cell:
#   cell              Sunday rows               = kept  Saturday rows            = dropped
#   Citywide Murder   5 + 13 + 7 + 10           = 35    7 + 11 + 8 + 8           = 34
#   Citywide Robbery  308 + 336 + 318 + 324     = 1286  341 + 327 + 304 + 337    = 1309
#   Citywide TM7      2577 + 2468 + 2498 + 2527 = 10070 2597 + 2480 + 2495 + 2514 = 10086
#   017 Robbery       0 + 4 + 3 + 1             = 8     1 + 4 + 2 + 2            = 9
#   069 Murder        no row                    = 0     07-26 1                  = 1
SWITCH_CELLS = [
    ("Citywide", "Murder", S.CITYWIDE, "murder", 35, 34),
    ("Citywide", "Robbery", S.CITYWIDE, "robbery", 1286, 1309),
    ("Citywide", "TotalMajor7", S.CITYWIDE, "major_felonies_total", 10070, 10086),
    ("017", "Robbery", "17", "robbery", 8, 9),
    ("069", "Murder", "69", "murder", 0, 1),
]


@pytest.mark.parametrize(
    ("precinct", "category", "unit", "metric", "sunday_sum", "saturday_sum"), SWITCH_CELLS
)
def test_prior_28_days_sum_the_sunday_rows(
    raw, comparison, precinct, category, unit, metric, sunday_sum, saturday_sum
):
    # the hand sums in the table above are those of the published rows
    assert sum(published(raw, precinct, category, SUNDAY_28_DAYS_2025).values()) == sunday_sum
    assert sum(published(raw, precinct, category, SATURDAY_28_DAYS_2025).values()) == saturday_sum
    prior = cell(comparison, unit, metric, DAYS_28)[S.PRIOR]
    assert prior == sunday_sum
    assert prior not in (saturday_sum, sunday_sum + saturday_sum)


def test_sunday_cut_with_no_row_gives_an_empty_percent(comparison):
    # 069 Murder, 28 days: 2026-08-09 1 -> 1 v Sunday cut 0 (the dropped Saturday 07-26
    # says 1): % change empty, z = 2 * (1 - 0) = 2.00
    assert_printed(cell(comparison, "69", "murder", DAYS_28), 1, 0, None, 2.0)


def test_prior_ytd_crosses_the_switch(comparison):
    # Citywide Murder 2025: Saturday W01..W28 173 + Sunday W29..W33 44 = 217 (see above).
    # Keeping the Saturday W29..W33 instead (9 + 7 + 11 + 8 + 8 = 43) would give 216;
    # keeping both 173 + 43 + 44 = 260.
    assert cell(comparison, S.CITYWIDE, "murder", YTD)[S.PRIOR] == 217
    # 017 Robbery 2025 Sat W01..W28: 01-11 1, 02-01 1, 02-15 2, 02-22 2, 03-22 1, 04-05 3,
    #   04-19 1, 04-26 2, 05-03 1, 05-10 1, 05-24 1, 05-31 2, 06-07 1, 06-14 3, 07-05 3,
    #   07-12 3 = 28 (other weeks omitted: 0); Sun W29..W33: 07-20 3, 07-27 absent, 08-03 4,
    #   08-10 3, 08-17 1 = 11 -> 39 (both cuts: 28 + 11 + 11 = 50)
    # 2026 W01..W33: 01-18 2, 02-01 1, 02-08 1, 03-01 1, 03-15 2, 03-29 1, 04-12 2, 04-26 1,
    #   05-03 1, 05-10 1, 05-17 1, 05-24 1, 05-31 1, 06-07 1, 06-21 1, 06-28 1, 07-12 2,
    #   07-19 1, 07-26 3, 08-02 3 = 28
    #   28 v 39: -11/39 = -28.2%, z = 2 * (5.291503 - 6.244998) = -1.91
    assert_printed(cell(comparison, "17", "robbery", YTD), 28, 39, -28.2, -1.91)
    # 069 Murder: 2026 05-31 1, 08-09 1 = 2; 2025 Sat 06-07 1, 06-28 1 + Sun 07-20 1 = 3
    #   -1/3 = -33.3%, z = 2 * (1.414214 - 1.732051) = -0.64
    assert_printed(cell(comparison, "69", "murder", YTD), 2, 3, -33.3, -0.64)


# --- categories that stop at 2026-W29 ---------------------------------------------------


def test_extra_categories_have_no_current_value(raw, comparison):
    # Citywide Housing: last row 2026-07-19 93 (W29); nothing published for W30..W33
    assert raw.loc[raw["category"] == "Housing", "week_end"].max() == pd.Timestamp("2026-07-19")
    week = cell(comparison, S.CITYWIDE, "housing", WEEK)
    # current NaN (no data), not 0; prior 2025-08-17 (Sunday) 129
    assert math.isnan(week[S.CURRENT]) and week[S.PRIOR] == 129
    assert math.isnan(week[S.PCT_CHANGE]) and math.isnan(week[S.POISSON_Z])
    # 2025 Sat W01..W28 3142 + Sun W29..W33 102 + 110 + 120 + 116 + 129 = 577 -> 3719
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
