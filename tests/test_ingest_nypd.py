import time
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from statlib.errors import InputError
from statlib.ingest.notes import notes_frame
from statlib.ingest.nypd import read_weekly, validate_weekly, weekly_kpis
from statlib.ingest.nypd_reference import read_annual, read_boundaries, read_population
from statlib.periods import parse_period
from statlib.schema import CITYWIDE, KPI_COLUMNS, METRIC, NOTE_COLUMNS, PERIOD, UNIT, VALUE

BUNDLE = Path(__file__).resolve().parents[1] / "data" / "nypd"


def published(rows):
    """A weekly table as the CSV has it: all text."""
    return pd.DataFrame(
        [[p, c, w, str(n)] for p, c, w, n in rows],
        columns=["precinct", "category", "week_end", "count"],
    )


def values(kpis, unit, metric):
    series = kpis[(kpis[UNIT] == unit) & (kpis[METRIC] == metric)]
    return dict(zip(series[PERIOD], series[VALUE], strict=True))


def note(result, rule):
    (found,) = [n for n in result.notes if n.rule == rule]
    return found


# --- hand-made frames -------------------------------------------------------------


def test_zero_weeks_filled_inside_each_metric_range():
    # Robbery runs W34..W37 (Sundays 08-24 .. 09-14); murder only W35 (08-31).
    raw = validate_weekly(
        published(
            [
                ("001", "Robbery", "2025-08-24", 3),
                ("001", "Robbery", "2025-09-14", 2),
                ("075", "Robbery", "2025-08-31", 1),
                ("Citywide", "Robbery", "2025-08-24", 3),
                ("Citywide", "Robbery", "2025-08-31", 1),
                ("Citywide", "Robbery", "2025-09-14", 2),
                ("075", "Murder", "2025-08-31", 1),
                ("Citywide", "Murder", "2025-08-31", 1),
            ]
        ),
        source="hand.csv",
    )
    result = weekly_kpis(raw, source="hand.csv")
    kpis = result.kpis
    weeks = ["2025-W34", "2025-W35", "2025-W36", "2025-W37"]
    assert values(kpis, "1", "robbery") == dict(zip(weeks, [3.0, 0.0, 0.0, 2.0], strict=True))
    assert values(kpis, "75", "robbery") == dict(zip(weeks, [0.0, 1.0, 0.0, 0.0], strict=True))
    assert values(kpis, CITYWIDE, "robbery") == dict(zip(weeks, [3.0, 1.0, 0.0, 2.0], strict=True))
    # murder's range is W35 alone; precinct 1 published robbery in the same (core) pull,
    # so its murder series is all zero: omitted, not missing
    assert values(kpis, "75", "murder") == {"2025-W35": 1.0}
    assert values(kpis, "1", "murder") == {"2025-W35": 0.0}
    # filled: 2 (precinct 1) + 3 (precinct 75) + 1 (citywide) + 1 (precinct 1 murder) = 7
    assert note(result, "zero_weeks_omitted").affected_rows == 7
    assert "1 never published: all zero" in note(result, "zero_weeks_omitted").detail
    assert note(result, "series_never_published").affected_rows == 0
    assert list(kpis.columns) == list(KPI_COLUMNS)
    assert (kpis["domain"] == "public_safety").all()


def test_week_end_switch_keeps_sunday_rows_and_the_saturday_cuts_on_hand_made_frame():
    # Saturday weeks to 07-26, Sunday weeks from 07-20: W29 and W30 appear twice.
    raw = validate_weekly(
        published(
            [
                ("075", "Robbery", "2025-07-12", 4),  # Sat, W28
                ("075", "Robbery", "2025-07-19", 6),  # Sat, W29: dropped
                ("075", "Robbery", "2025-07-20", 5),  # Sun, W29: kept
                ("075", "Robbery", "2025-07-26", 2),  # Sat, W30: dropped; no Sunday row = 0
                ("001", "Robbery", "2025-07-27", 3),  # Sun, W30: the Sunday cut of W30
                ("075", "Robbery", "2025-08-03", 7),  # Sun, W31
            ]
        ),
        source="hand.csv",
    )
    result = weekly_kpis(raw, source="hand.csv")
    assert values(result.kpis, "75", "robbery") == {
        "2025-07-13..2025-07-19": 6.0,
        "2025-07-20..2025-07-26": 2.0,
        "2025-W28": 4.0,
        "2025-W29": 5.0,
        "2025-W30": 0.0,  # the Sunday cut omits it, so it is 0, not the Saturday 2
        "2025-W31": 7.0,
    }
    # the Saturday weeks stay, labelled by their days and dated by their Saturday; the
    # cut omits precinct 1, which is filled with 0 as any omitted zero
    cuts = result.kpis[result.kpis[PERIOD].str.contains("..", regex=False)]
    assert values(cuts, "75", "robbery") == {
        "2025-07-13..2025-07-19": 6.0,
        "2025-07-20..2025-07-26": 2.0,
    }
    assert values(cuts, "1", "robbery") == {
        "2025-07-13..2025-07-19": 0.0,
        "2025-07-20..2025-07-26": 0.0,
    }
    assert set(cuts["period_end"]) == {pd.Timestamp("2025-07-19"), pd.Timestamp("2025-07-26")}
    weeks = result.kpis.drop(cuts.index)
    # W28 is Sun 07-06 .. Sat 07-12, dated by its ISO week's Sunday, 07-13
    assert weeks["period_end"].min() == pd.Timestamp("2025-07-13")
    switch = note(result, "week_end_switch")
    assert switch.affected_rows == 2 and switch.action == "kept"
    # cells (Saturday v Sunday): W29 75: 6 v 5; W30 75: 2 v 0; W30 1: 0 v 3
    # -> 3 differ, sum 1 + 2 + 3 = 6, largest 3, net 1 + 2 - 3 = 0
    assert "Of 3 cells compared, 3 differ: sum of |other - kept| 6, largest 3, net +0" in (
        switch.detail
    )
    # filled: 75 in W30, precinct 1 in W28, W29, W31, and precinct 1 in the two cuts
    assert note(result, "zero_weeks_omitted").affected_rows == 6


def test_week_published_twice_without_a_sunday_end_raises():
    # Fri 07-18 (Sat..Fri week, 4th day Tue 07-15) and Sat 07-19 are both 2025-W29
    raw = validate_weekly(
        published([("075", "Robbery", "2025-07-18", 1), ("075", "Robbery", "2025-07-19", 1)]),
        source="hand.csv",
    )
    with pytest.raises(InputError, match="week 2025-W29 is published with week ends"):
        weekly_kpis(raw, source="hand.csv")


def test_weekly_kpis_does_not_mutate_raw():
    raw = validate_weekly(published([("001", "Burglary", "2025-08-24", 3)]), source="h")
    before = raw.copy()
    weekly_kpis(raw)
    pd.testing.assert_frame_equal(raw, before)


@pytest.mark.parametrize(
    ("row", "column", "fragment"),
    [
        (("001", "Robbery", "2025-08-24", -1), "count", "bad value -1"),
        (("001", "Robbery", "2025-08-24", "2.5"), "count", "bad value '2.5'"),
        (("001", "Robbery", "1990-01-07", 1), "week_end", "bad value '1990-01-07'"),
        (("001", "Robbery", "2025-13-40", 1), "week_end", "bad value '2025-13-40'"),
        (("001", "Bicycle theft", "2025-08-24", 1), "category", "bad value 'Bicycle theft'"),
        (("999", "Robbery", "2025-08-24", 1), "precinct", "unknown precinct key '999'"),
    ],
)
def test_bad_weekly_input_names_file_row_and_column(row, column, fragment):
    good = ("001", "Robbery", "2025-08-17", 1)
    table = published([good, good[:2] + ("2025-08-10", 2), row])
    with pytest.raises(InputError) as error:
        validate_weekly(table, source="bad.csv")
    message = str(error.value)
    assert fragment in message
    assert "file bad.csv" in message and "row 3" in message and f"column {column!r}" in message


def test_missing_column_is_named(tmp_path):
    path = tmp_path / "weekly.csv"
    path.write_text("precinct,category,week_end\n001,Robbery,2025-08-24\n")
    with pytest.raises(InputError, match="column 'count' is missing") as error:
        read_weekly(path)
    assert "file weekly.csv" in str(error.value)


def test_read_weekly_csv_reports_row_of_negative_count(tmp_path):
    path = tmp_path / "weekly.csv"
    path.write_text(
        "precinct,category,week_end,count\n001,Robbery,2025-08-24,1\n075,Robbery,2025-08-24,-4\n"
    )
    with pytest.raises(InputError, match=r"bad value -4 .*row 2, column 'count'"):
        read_weekly(path)


def test_notes_frame_columns():
    raw = validate_weekly(published([("001", "Burglary", "2025-08-24", 3)]), source="h")
    table = notes_frame(weekly_kpis(raw).notes)
    assert list(table.columns) == list(NOTE_COLUMNS)
    assert len(table) == 7


# --- the bundled real file ----------------------------------------------------------


@pytest.fixture(scope="module")
def real():
    return weekly_kpis(read_weekly(BUNDLE / "weekly.parquet"))


def test_real_switch_keeps_the_saturday_weeks_as_cuts(real):
    # Saturday rows of 2025-W29..W33: 1149 + 514 + 504 + 511 + 525 = 3203, kept as cuts
    # and zero-filled like the weeks: 19 metrics x 79 units (W29, less 116's 9 extras:
    # 1492) + 4 weeks x 10 core metrics x 79 units (3160) = 4652 rows
    switch = note(real, "week_end_switch")
    assert switch.affected_rows == 3203
    cuts = real.kpis[real.kpis[PERIOD].str.contains("..", regex=False)]
    assert len(cuts) == 4652
    assert sorted(cuts[PERIOD].unique()) == [
        "2025-07-13..2025-07-19",
        "2025-07-20..2025-07-26",
        "2025-07-27..2025-08-02",
        "2025-08-03..2025-08-09",
        "2025-08-10..2025-08-16",
    ]
    # 100 Burglary, published "100,Burglary,2025-08-16,3" and "2025-08-17,4"
    assert values(real.kpis, "100", "burglary")["2025-08-10..2025-08-16"] == 3.0
    assert values(real.kpis, "100", "burglary")["2025-W33"] == 4.0
    assert "2025-W29, 2025-W30, 2025-W31, 2025-W32, 2025-W33" in switch.detail
    assert "1870 differ" in switch.detail and "largest 33" in switch.detail


def test_real_series_are_complete_contiguous_sunday_weeks(real):
    kpis = real.kpis[~real.kpis[PERIOD].str.contains("..", regex=False)]
    assert not kpis.duplicated([UNIT, METRIC, PERIOD]).any()
    assert (kpis["period_end"].dt.day_of_week == 6).all()
    spans = kpis.groupby([UNIT, METRIC])["period_end"].agg(["min", "max", "size"])
    assert ((spans["max"] - spans["min"]).dt.days // 7 + 1 == spans["size"]).all()
    labels = kpis[[PERIOD, "period_end"]].drop_duplicates()
    assert all(
        pd.Timestamp(parse_period(label).end) == end
        for label, end in labels.itertuples(index=False)
    )
    assert kpis[PERIOD].min() == "2024-W29" and kpis[PERIOD].max() == "2026-W33"


def test_real_extra_metrics_not_filled_past_their_last_week(real):
    kpis = real.kpis
    assert kpis.loc[kpis[METRIC] == "housing", PERIOD].max() == "2026-W29"
    assert kpis.loc[kpis[METRIC] == "robbery", PERIOD].max() == "2026-W33"
    assert values(kpis, "116", "housing") == {}  # never published for the 116th
    # 9 metrics x 78 units (all but 116) x 4 weeks = 2808
    assert note(real, "metric_publication_range").affected_rows == 2808


def test_real_cells_read_straight_from_the_csv(real):
    # nypd_compstat_weekly_long.csv:
    #   075,Robbery,2026-08-16,5    -> 2026-W33 (Mon 08-10 .. Sun 08-16)
    #   075,Robbery,2025-08-16,21   (Saturday label, W33: dropped)
    #   075,Robbery,2025-08-17,19   -> 2025-W33 (Sunday label: kept)
    robbery_75 = values(real.kpis, "75", "robbery")
    assert robbery_75["2026-W33"] == 5.0
    assert robbery_75["2025-W33"] == 19.0
    # Citywide,Robbery,2025-08-17,324 (the Saturday 2025-08-16 row says 337)
    assert values(real.kpis, CITYWIDE, "robbery")["2025-W33"] == 324.0


def test_real_series_of_zeros_have_rows(real):
    # No Murder row at all for precincts 20, 22 and 94 in the file: all zero, in each of
    # 2024-W29..2026-W33 = 24 + 52 + 33 = 109 weeks
    for unit in ("20", "22", "94"):
        murders = values(real.kpis, unit, "murder")
        weeks = {label: n for label, n in murders.items() if ".." not in label}
        assert len(weeks) == 109 and set(weeks.values()) == {0.0}
    # 15 series never published: murder 20, 22, 94; shootings (incidents, victims) 17,
    # 22, 68, 123; traffic fatalities 1, 9, 26, 48. Only 116's nine extras stay absent.
    assert "15 never published" in note(real, "zero_weeks_omitted").detail
    assert note(real, "series_never_published").affected_rows == 9


def test_real_zero_fill_and_citywide_findings(real):
    assert note(real, "zero_weeks_omitted").affected_rows == 40902
    citywide = note(real, "citywide_not_sum_of_precincts")
    assert citywide.action == "reported"
    assert "PSB 105 weeks" in citywide.detail  # named as NYPD publishes it


# --- reference tables ---------------------------------------------------------------


def test_boundaries_population_and_annual_share_unit_keys():
    boundaries = read_boundaries(BUNDLE / "precincts.geojson")
    population = read_population(BUNDLE / "population_2020.csv")
    feature_units = {f["properties"][UNIT] for f in boundaries["features"]}
    assert len(feature_units) == 78
    assert feature_units == set(population[UNIT])
    assert population.loc[population[UNIT] == "1", "population"].item() == 84778
    annual = read_annual(BUNDLE / "annual.parquet")
    assert set(annual[UNIT]) == feature_units
    # nypd_annual_by_precinct_long.csv: "14th Precinct,2024,Robbery,405" and
    # "14th Precinct (Midtown South),2025,Robbery,353"
    robbery_14 = values(annual, "14", "robbery")
    assert (robbery_14["2024"], robbery_14["2025"]) == (405.0, 353.0)


def test_population_with_two_spellings_of_one_precinct_raises(tmp_path):
    path = tmp_path / "population.csv"
    path.write_text("precinct,population_2020\n1st Precinct,10\n001,12\n")
    with pytest.raises(InputError, match=r"appears twice.*row 2"):
        read_population(path)


def test_boundary_with_unknown_precinct_raises(tmp_path):
    path = tmp_path / "p.geojson"
    square = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}
    path.write_text(
        '{"type":"FeatureCollection","features":[{"type":"Feature",'
        f'"properties":{{"precinct":"999"}},"geometry":{str(square).replace(chr(39), chr(34))}}}]}}'
    )
    with pytest.raises(InputError, match=r"'999'.*row 1, column 'precinct'"):
        read_boundaries(path)


def test_a_week_after_today_is_rejected_not_filled_with_zeros():
    good = ("001", "Robbery", "2026-08-16", 1)
    table = published([good, ("001", "Robbery", "2030-01-06", 1)])
    with pytest.raises(InputError) as error:
        validate_weekly(table, source="weekly.parquet", today=date(2026, 8, 20))
    message = str(error.value)
    assert "bad value '2030-01-06': outside the source's dates" in message
    assert "row 2" in message and "1994-01-01 to 2026-08-21" in message
    assert len(validate_weekly(table.iloc[:1], source="w", today=date(2026, 8, 20))) == 1


def test_one_bad_date_among_many_is_reported_as_fast_as_a_good_file_loads():
    rows = [
        ("001", "Robbery", str(day.date()), 1)
        for day in pd.date_range("2000-01-02", periods=1300, freq="W")
    ]
    table = published(rows * 100)  # 130,000 rows
    table.loc[len(table) - 2, "week_end"] = "2025-02-30"
    started = time.perf_counter()
    with pytest.raises(InputError, match="row 129999, column 'week_end'"):
        validate_weekly(table, source="weekly.parquet")
    assert time.perf_counter() - started < 5  # was minutes, cell by cell


def test_a_fractional_count_in_a_typed_file_is_rejected_not_truncated():
    table = published([("001", "Robbery", "2025-08-17", 1), ("001", "Robbery", "2025-08-24", 1)])
    table["count"] = [1.0, 3.5]  # as a Parquet file with a float column has it
    with pytest.raises(InputError, match=r"bad value 3.5: not a whole number .*row 2"):
        validate_weekly(table, source="weekly.parquet")
    table["count"] = [1.0, 3.0]  # whole numbers stored as floats are counts
    assert list(validate_weekly(table, source="weekly.parquet")["count"]) == [1, 3]


def test_a_truncated_parquet_file_is_named(tmp_path):
    whole = Path(__file__).resolve().parents[1] / "data" / "nypd" / "weekly.parquet"
    cut = tmp_path / "weekly.parquet"
    cut.write_bytes(whole.read_bytes()[:5000])
    with pytest.raises(InputError, match="not a readable Parquet file.*file weekly.parquet"):
        read_weekly(cut)
