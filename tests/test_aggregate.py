"""statlib.aggregate: request KPIs from a hand-made event table, computed by hand.

The second half checks the DuckDB SQL against the pandas code it replaced
(tests/aggregate_reference.py): identical frames on hand-made, synthetic and demo events.

Weekly periods ending on Sunday keep the arithmetic short: week 1 is Mon 2024-01-01 ..
Sun 01-07, week 2 is 01-08 .. 01-14 (ISO 2024-W01, W02). The warm-up is 0 days unless a
test says otherwise.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest
from aggregate_reference import request_kpis_pandas

from statlib import aggregate as A
from statlib import schema as S
from statlib.compare import compare, window_coverage
from statlib.errors import InputError
from statlib.ingest import requests
from statlib.ingest.requests import SERVICE_LEVEL_DAYS
from statlib.periods import parse_period
from statlib.sources import REQUEST_TYPE_METRICS
from statlib.synthetic_events import synthetic_events

ROOT = Path(__file__).resolve().parents[1]

SERVICE = {"bulky": 2.0, "graffiti": 1.0}
NaT = None


def events(rows):
    """Rows of (category, unit, occurred_at, closed_at or None)."""
    frame = pd.DataFrame(rows, columns=[S.CATEGORY, S.UNIT, S.OCCURRED_AT, S.CLOSED_AT])
    frame[S.OCCURRED_AT] = pd.to_datetime(frame[S.OCCURRED_AT]).astype("datetime64[ns]")
    frame[S.CLOSED_AT] = pd.to_datetime(frame[S.CLOSED_AT]).astype("datetime64[ns]")
    return frame


def kpis(frame, as_of, warm_up_days=0):
    return A.request_kpis(
        frame,
        domain="sr",
        freq="week",
        as_of=as_of,
        service_days=SERVICE,
        categories=("bulky",),
        warm_up_days=warm_up_days,
    )


def value(table, metric, unit, period):
    row = table[(table[S.METRIC] == metric) & (table[S.UNIT] == unit) & (table[S.PERIOD] == period)]
    return row[S.VALUE].item() if len(row) else "absent"


@pytest.fixture
def two_weeks():
    return events(
        [
            # week 1
            ("bulky", "1", "2024-01-01 09:00", "2024-01-02 09:00"),  # 1.0 day, on time (<= 2)
            ("bulky", "1", "2024-01-02 09:00", "2024-01-05 09:00"),  # 3.0 days, late
            ("graffiti", "1", "2024-01-03 12:00", "2024-01-04 00:00"),  # 0.5 day, on time
            (
                "graffiti",
                "2",
                "2024-01-06 08:00",
                "2024-01-09 08:00",
            ),  # closes in week 2: 3 d, late
            ("bulky", None, "2024-01-07 23:00", NaT),  # no district, still open
            # week 2
            ("bulky", "2", "2024-01-08 10:00", "2024-01-10 10:00"),  # 2.0 days: on time (<=)
            ("bulky", "1", "2024-01-14 20:00", "2024-01-15 01:00"),  # closes after week 2
        ]
    )


def test_received_counts_by_unit_and_citywide(two_weeks):
    table = kpis(two_weeks, date(2024, 1, 14))
    # week 1: unit 1 has 3, unit 2 has 1, the district-less one counts citywide only: 5
    assert value(table, A.RECEIVED, "1", "2024-W01") == 3
    assert value(table, A.RECEIVED, "2", "2024-W01") == 1
    assert value(table, A.RECEIVED, S.CITYWIDE, "2024-W01") == 5
    # bulky in week 1: unit 1 has 2 (rows 1, 2), citywide 3 (+ the district-less one)
    assert value(table, "bulky", "1", "2024-W01") == 2
    assert value(table, "bulky", S.CITYWIDE, "2024-W01") == 3
    # week 2: unit 1 one, unit 2 one; zero-request cells are 0, not absent
    assert value(table, A.RECEIVED, S.CITYWIDE, "2024-W02") == 2
    assert value(table, "bulky", "2", "2024-W01") == 0


def test_on_time_share_is_over_requests_closed_in_the_period(two_weeks):
    table = kpis(two_weeks, date(2024, 1, 14))
    # week 1 closures, citywide: rows 1 (on time), 2 (late), 3 (on time): 2 / 3
    row = table[
        (table[S.METRIC] == A.ON_TIME)
        & (table[S.UNIT] == S.CITYWIDE)
        & (table[S.PERIOD] == "2024-W01")
    ]
    assert (row[S.NUMERATOR].item(), row[S.DENOMINATOR].item()) == (2, 3)
    assert row[S.VALUE].item() == pytest.approx(2 / 3)
    # week 2 closures: row 4 (graffiti, 3 d > 1: late) and row 6 (bulky, 2 d <= 2: on time)
    assert value(table, A.ON_TIME, S.CITYWIDE, "2024-W02") == pytest.approx(1 / 2)
    # unit 2 closed nothing in week 1: no share (NaN), not 0%
    assert np.isnan(value(table, A.ON_TIME, "2", "2024-W01"))


def test_median_days_over_requests_closed_in_the_period(two_weeks):
    table = kpis(two_weeks, date(2024, 1, 14))
    # week 1 citywide: 1.0, 3.0, 0.5 -> median 1.0; unit 1 the same three
    assert value(table, A.MEDIAN_DAYS, S.CITYWIDE, "2024-W01") == pytest.approx(1.0)
    # week 2 citywide: 3.0 and 2.0 -> 2.5 (the one closing on 01-15 is not in week 2)
    assert value(table, A.MEDIAN_DAYS, S.CITYWIDE, "2024-W02") == pytest.approx(2.5)


def test_backlog_counts_what_is_open_at_the_period_end(two_weeks):
    table = kpis(two_weeks, date(2024, 1, 14))
    # end of week 1 (2024-01-08 00:00): created 5, closed 3 -> open: row 4 (closes 01-09)
    # and row 5 (never): 2 citywide; unit 2 holds row 4: 1; unit 1 none
    assert value(table, A.BACKLOG, S.CITYWIDE, "2024-W01") == 2
    assert value(table, A.BACKLOG, "2", "2024-W01") == 1
    assert value(table, A.BACKLOG, "1", "2024-W01") == 0
    # end of week 2: row 5 (never closed) and row 7 (closes 01-15, after the end): 2
    assert value(table, A.BACKLOG, S.CITYWIDE, "2024-W02") == 2


def test_only_whole_periods_and_no_settled_metrics_in_the_warm_up(two_weeks):
    # as_of Saturday 01-13: week 2 is not whole, so only week 1 is emitted
    assert set(kpis(two_weeks, date(2024, 1, 13))[S.PERIOD]) == {"2024-W01"}
    # events starting mid-week: the part week is left out
    later = two_weeks[two_weeks[S.OCCURRED_AT] >= "2024-01-02"]
    assert set(kpis(later, date(2024, 1, 14))[S.PERIOD]) == {"2024-W02"}


def test_warm_up_leaves_closures_and_backlog_out_but_counts_requests(two_weeks):
    table = kpis(two_weeks, date(2024, 1, 14), warm_up_days=14)
    # week 1 ends 01-08 00:00 < 01-01 + 14 days: no backlog, share or median for it
    assert value(table, A.BACKLOG, S.CITYWIDE, "2024-W01") == "absent"
    assert value(table, A.ON_TIME, S.CITYWIDE, "2024-W01") == "absent"
    assert value(table, A.RECEIVED, S.CITYWIDE, "2024-W01") == 5
    # week 2 ends 01-15 00:00, the end of the warm-up: kept
    assert value(table, A.BACKLOG, S.CITYWIDE, "2024-W02") == 2


def test_output_is_the_kpi_frame_and_input_is_untouched(two_weeks):
    before = two_weeks.copy()
    table = kpis(two_weeks, date(2024, 1, 14))
    assert list(table.columns) == [*S.KPI_COLUMNS, S.NUMERATOR, S.DENOMINATOR]
    assert table[S.PERIOD_END].dtype == "datetime64[ns]"
    assert set(table[S.METRIC]) == {A.RECEIVED, "bulky", A.ON_TIME, A.MEDIAN_DAYS, A.BACKLOG}
    pd.testing.assert_frame_equal(two_weeks, before)


def test_a_category_without_service_level_is_refused(two_weeks):
    with pytest.raises(InputError, match="no service level"):
        kpis(two_weeks.assign(**{S.CATEGORY: "potholes"}), date(2024, 1, 14))


def test_periods_straddling_new_year_are_also_counted_on_each_side_of_it():
    # 2025-W01 = Mon 2024-12-30 .. Sun 2025-01-05; 2025-W02 = 01-06 .. 01-12.
    # Unit 1: bulky 12-30 and 12-31 (closed 01-01, on time), graffiti 01-02 (closed 01-04,
    # late: 2 days > 1), bulky 01-07. Year to date to 2025-01-12 is 01-01 .. 01-12: the
    # cut 2025-01-01..2025-01-05 (1 request) + W02 (1 request) = 2, not W01 + W02 = 4.
    table = kpis(
        events(
            [
                ("bulky", "1", "2024-12-30 10:00", "2024-12-31 10:00"),
                ("bulky", "1", "2024-12-31 10:00", "2025-01-01 10:00"),
                ("graffiti", "1", "2025-01-02 10:00", "2025-01-04 10:00"),
                ("bulky", "1", "2025-01-07 10:00", NaT),
            ]
        ),
        as_of=date(2025, 1, 12),
    )
    before, after = "2024-12-30..2024-12-31", "2025-01-01..2025-01-05"
    assert value(table, A.RECEIVED, "1", "2025-W01") == 3
    assert (value(table, A.RECEIVED, "1", before), value(table, A.RECEIVED, "1", after)) == (2, 1)
    assert (value(table, "bulky", "1", before), value(table, "bulky", "1", after)) == (2, 0)
    # closures: 12-31 on time (before); 01-01 on time and 01-04 late (after): 1 of 2
    on_time = table[(table[S.METRIC] == A.ON_TIME) & (table[S.UNIT] == "1")].set_index(S.PERIOD)
    assert (on_time.loc[before, S.NUMERATOR], on_time.loc[before, S.DENOMINATOR]) == (1, 1)
    assert (on_time.loc[after, S.NUMERATOR], on_time.loc[after, S.DENOMINATOR]) == (1, 2)
    assert on_time.loc[after, S.PERIOD_END] == pd.Timestamp("2025-01-05")
    # no cut of W02 (inside one year), none of the median or the backlog
    assert set(table.loc[table[S.PERIOD] == after, S.METRIC]) == {A.RECEIVED, "bulky", A.ON_TIME}
    week = parse_period("2025-W02")
    rows = compare(table, week, windows=("ytd",), additive={A.RECEIVED})
    mine = rows[(rows[S.UNIT] == "1") & (rows[S.METRIC] == A.RECEIVED)]
    assert mine[S.CURRENT].item() == 2
    coverage = window_coverage(table, week, windows=("ytd",))
    current = coverage[(coverage[S.METRIC] == A.RECEIVED) & (coverage[S.WINDOW_SIDE] == S.CURRENT)]
    assert current[S.COVER_LABELS].item() == f"{after};2025-W02"
    assert current[S.EXTRA_DAYS].item() == 0
# --- the DuckDB SQL against the pandas code it replaced (tests/aggregate_reference.py) ---


def both_ways(frame, **kwargs):
    """The library's frame and the pandas oracle's, for the same arguments."""
    return A.request_kpis(frame, **kwargs), request_kpis_pandas(frame, **kwargs)


@pytest.mark.parametrize(
    ("as_of", "warm_up_days"), [(date(2024, 1, 14), 0), (date(2024, 1, 14), 14)]
)
def test_hand_made_events_give_the_oracle_frame(two_weeks, as_of, warm_up_days):
    new, old = both_ways(
        two_weeks,
        domain="sr",
        freq="week",
        as_of=as_of,
        service_days=SERVICE,
        categories=("bulky", "graffiti"),
        warm_up_days=warm_up_days,
    )
    pd.testing.assert_frame_equal(new, old, check_exact=True)


@pytest.mark.parametrize("freq", ["week", "fortnight", "month", "quarter"])
def test_synthetic_events_give_the_oracle_frame(freq):
    # 30,000 requests over 400 days: open ones, ones without a unit, months-long ones,
    # closes after the last whole period and a part period at the end
    frame = synthetic_events(30_000, seed=7, days=400)
    new, old = both_ways(
        frame,
        domain="sr",
        freq=freq,
        as_of=date(2025, 1, 20),
        service_days=SERVICE_LEVEL_DAYS,
        categories=("bulky_items", "dead_animal"),
    )
    assert len(new) > 0
    pd.testing.assert_frame_equal(new, old, check_exact=True)


def test_a_warehouse_table_gives_the_same_frame_as_a_pandas_frame():
    # the warehouse stores TIMESTAMP (microseconds) where pandas holds nanoseconds
    frame = synthetic_events(5_000, seed=3, days=200)
    kwargs = dict(
        domain="sr",
        freq="fortnight",
        as_of=date(2024, 7, 18),
        service_days=SERVICE_LEVEL_DAYS,
        categories=("graffiti_removal",),
        warm_up_days=30,
    )
    with duckdb.connect() as connection:
        connection.register("incoming", frame)
        connection.execute(
            f"""CREATE TABLE events AS SELECT {S.CATEGORY}, {S.UNIT},
                {S.OCCURRED_AT}::TIMESTAMP AS {S.OCCURRED_AT},
                {S.CLOSED_AT}::TIMESTAMP AS {S.CLOSED_AT} FROM incoming"""
        )
        from_table = A.request_kpis(connection.table("events"), **kwargs)
    pd.testing.assert_frame_equal(from_table, A.request_kpis(frame, **kwargs), check_exact=True)


def test_the_demo_extract_gives_the_oracle_frame():
    path = ROOT / "data" / "democity" / "requests.parquet"
    frame = requests.request_events(requests.read_requests(path)).events
    new, old = both_ways(
        frame,
        domain="service_requests",
        freq="fortnight",
        as_of=frame[S.OCCURRED_AT].max().date(),
        service_days=SERVICE_LEVEL_DAYS,
        categories=REQUEST_TYPE_METRICS,
    )
    assert set(new[S.UNIT]) == {str(d) for d in range(1, 16)} | {S.CITYWIDE}
    pd.testing.assert_frame_equal(new, old, check_exact=True)


def test_no_events_give_an_empty_kpi_frame(two_weeks):
    table = kpis(two_weeks.iloc[:0], date(2024, 1, 14))
    assert table.empty
    assert list(table.columns) == [*S.KPI_COLUMNS, S.NUMERATOR, S.DENOMINATOR]


@pytest.mark.parametrize("n", range(1, 13))
def test_median_is_the_middle_value_or_the_mean_of_the_two_middle_ones(n):
    # n closures in week 1 (ties included): odd n takes the middle, even n the mean of two
    rng = np.random.default_rng(n)
    hours = rng.choice([3, 7, 7, 12, 20, 33, 41, 50, 50, 64], size=n)
    start = pd.Timestamp("2024-01-01 00:00")
    frame = events([("bulky", "1", start, start + pd.Timedelta(hours=int(h))) for h in hours])
    table = kpis(frame, date(2024, 1, 7))
    assert value(table, A.MEDIAN_DAYS, "1", "2024-W01") == np.median(hours / 24)
    assert value(table, A.MEDIAN_DAYS, S.CITYWIDE, "2024-W01") == np.median(hours / 24)
