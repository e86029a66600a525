"""statlib.ingest.requests: each quirk is resolved and reported; bad files name the place."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from statlib import schema as S
from statlib.errors import InputError
from statlib.ingest.boundaries import read_district_boundaries
from statlib.ingest.requests import read_requests, request_events, validate_requests

BUNDLE = Path(__file__).resolve().parents[1] / "data" / "democity" / "requests.parquet"
COLUMNS = ["srnumber", "requesttype", "status", "requestsource", "createddate", "closeddate", "cd"]


def published(rows):
    """An extract as a CSV has it: all text, empty cells as None."""
    return pd.DataFrame(rows, columns=COLUMNS)


def note(result, rule):
    (found,) = [n for n in result.notes if n.rule == rule]
    return found


GOOD = [
    ["1-100", "Bulky Items", "Closed", "Call", "2024-01-01 09:00", "2024-01-02 09:00", "3"],
    ["1-101", "Graffiti Removal", "Open", "Mobile App", "2024-01-01 10:00", None, "9"],
]


def test_duplicate_request_numbers_keep_the_first_row():
    raw = validate_requests(published([*GOOD, GOOD[0], GOOD[0]]), source="x.csv")
    result = request_events(raw, source="x.csv")
    assert list(result.events[S.EVENT_ID]) == ["1-100", "1-101"]
    found = note(result, "duplicate_request_numbers")
    assert (found.affected_rows, found.action) == (2, "dropped")
    assert "2 identical copies, 0 differing" in found.detail


def test_closed_before_created_is_dropped_and_reported():
    early = ["1-102", "Bulky Items", "Closed", "Call", "2024-01-03 09:00", "2024-01-03 03:00", "1"]
    result = request_events(validate_requests(published([*GOOD, early]), source="x.csv"))
    assert "1-102" not in set(result.events[S.EVENT_ID])
    found = note(result, "closed_before_created")
    assert (found.affected_rows, found.action) == (1, "dropped") and "6 to 6 hours" in found.detail


def test_missing_district_is_kept_without_a_unit():
    lost = ["1-103", "Bulky Items", "Open", "Call", "2024-01-03 09:00", None, None]
    result = request_events(validate_requests(published([*GOOD, lost]), source="x.csv"))
    row = result.events[result.events[S.EVENT_ID] == "1-103"]
    assert row[S.UNIT].isna().item()
    assert note(result, "district_missing").affected_rows == 1
    assert list(result.events[S.UNIT].dropna()) == ["3", "9"]


def test_unknown_request_type_counts_as_other():
    odd = ["1-104", "Feedback", "Closed", "Email", "2024-01-03 09:00", "2024-01-04 09:00", "2"]
    result = request_events(validate_requests(published([*GOOD, odd]), source="x.csv"))
    row = result.events[result.events[S.EVENT_ID] == "1-104"]
    assert row[S.CATEGORY].item() == "other"
    found = note(result, "unknown_request_type")
    assert (found.affected_rows, found.action) == (1, "kept") and "'Feedback'" in found.detail


def test_events_have_the_event_columns():
    result = request_events(validate_requests(published(GOOD), source="x.csv"))
    assert list(result.events.columns) == [*S.EVENT_COLUMNS, S.CLOSED_AT]
    assert result.events[S.CLOSED_AT].isna().tolist() == [False, True]


@pytest.mark.parametrize(
    ("row", "column", "value"),
    [
        (
            ["1-200", "Bulky Items", "Closed", "Call", "2024-01-01 09:00", "2024-01-02", "16"],
            "cd",
            16,
        ),
        (
            ["1-200", "Bulky Items", "Lost", "Call", "2024-01-01 09:00", "2024-01-02", "1"],
            "status",
            "Lost",
        ),
        (
            ["X200", "Bulky Items", "Closed", "Call", "2024-01-01 09:00", "2024-01-02", "1"],
            "srnumber",
            "X200",
        ),
        (
            ["1-200", "Bulky Items", "Closed", "Call", "not a date", "2024-01-02", "1"],
            "createddate",
            None,
        ),
        (
            ["1-200", "Bulky Items", "Closed", "Call", "2024-01-01 09:00", "2204-01-02", "1"],
            "closeddate",
            "2204-01-02",
        ),
        (
            ["1-200", "Bulky Items", "Closed", "Call", "1924-01-01 09:00", "2024-01-02", "1"],
            "createddate",
            "1924-01-01 09:00",
        ),
    ],
)
def test_bad_values_name_file_row_column_and_rule(row, column, value):
    with pytest.raises(InputError) as caught:
        validate_requests(published([*GOOD, row]), source="extract.csv")
    error = caught.value
    assert (error.source, error.row, error.column) == ("extract.csv", 3, column)
    assert error.rule and column in error.rule
    if value is not None:
        assert repr(value) in str(error)


def test_a_closed_request_without_close_date_is_an_error():
    row = ["1-201", "Bulky Items", "Closed", "Call", "2024-01-01 09:00", None, "1"]
    with pytest.raises(InputError) as caught:
        validate_requests(published([row, *GOOD]), source="extract.csv")
    assert (caught.value.row, caught.value.column) == (1, "closeddate")


def test_a_missing_column_is_named(tmp_path):
    path = tmp_path / "extract.csv"
    published(GOOD).drop(columns="cd").to_csv(path, index=False)
    with pytest.raises(InputError, match="'cd' is missing") as caught:
        read_requests(path)
    assert caught.value.source == "extract.csv"


def test_the_bundled_extract_reports_every_quirk():
    result = request_events(read_requests(BUNDLE), source=BUNDLE.name)
    counts = {n.rule: n.affected_rows for n in result.notes}
    # data/democity/build.py plants 140 repeated rows, 45 early closes, 260 missing
    # districts and 38 "Feedback" requests; a few coincide (a repeat of a planted row).
    assert counts["duplicate_request_numbers"] == 140
    assert counts["closed_before_created"] == 45
    assert 250 <= counts["district_missing"] <= 260
    assert 35 <= counts["unknown_request_type"] <= 38
    assert result.events[S.EVENT_ID].is_unique


def test_a_district_feature_not_named_by_a_number_is_named_in_the_error(tmp_path):
    path = tmp_path / "districts.geojson"
    square = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}
    features = [
        {"type": "Feature", "properties": {"name": name}, "geometry": square}
        for name in ("9", "nine")
    ]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    with pytest.raises(InputError, match=r"'nine' is not a known district.*row 2, column 'name'"):
        read_district_boundaries(path)
