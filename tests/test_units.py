import pandas as pd
import pytest

from statlib.errors import InputError
from statlib.schema import CITYWIDE
from statlib.units import NYPD_PRECINCTS, normalize_precinct, normalize_precincts, ordinal_suffix


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("001", "1"),  # CompStat 2.0 weekly feed
        ("1", "1"),  # precinct GeoJSON
        ("1st Precinct", "1"),  # population and annual tables
        ("075", "75"),
        ("75th Precinct", "75"),
        ("122nd Precinct", "122"),
        ("111th Precinct", "111"),  # 11..13 take "th"
        ("113th Precinct", "113"),
        ("123rd Precinct", "123"),
        ("14th Precinct (Midtown South)", "14"),
        ("Midtown South Precinct", "14"),
        ("Midtown North Precinct", "18"),
        ("Central Park Precinct", "22"),
        (" 1st  precinct ", "1"),
        ("Citywide", CITYWIDE),
        ("CITYWIDE", CITYWIDE),
    ],
)
def test_normalize_precinct_spellings(key, expected):
    assert normalize_precinct(key) == expected


@pytest.mark.parametrize(
    "key", ["999", "2", "0", "1th Precinct", "2st Precinct", "Brooklyn North", "", "7a"]
)
def test_unknown_precinct_raises_naming_the_value(key):
    with pytest.raises(InputError, match=f"unknown precinct key {key!r}") as error:
        normalize_precinct(key)
    assert error.value.rule is not None


def test_non_string_key_raises():
    with pytest.raises(InputError, match="not a string"):
        normalize_precinct(75)


def test_ordinal_suffix():
    assert [ordinal_suffix(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111)] == [
        "st", "nd", "rd", "th", "th", "th", "th", "st", "nd", "st", "th",
    ]  # fmt: skip


def test_known_precincts_are_the_78_of_the_weekly_feed():
    # 77 patrol precincts + the 116th (Queens)
    assert len(NYPD_PRECINCTS) == 78
    assert {1, 22, 116, 121, 123} <= NYPD_PRECINCTS
    assert 74 not in NYPD_PRECINCTS  # merged into the 78th long ago


def test_normalize_precincts_column_names_file_row_and_column():
    keys = pd.Series(["001", "Citywide", "1st Precinct", "Atlantis"])
    with pytest.raises(InputError) as error:
        normalize_precincts(keys, source="x.csv", column="precinct")
    message = str(error.value)
    assert "'Atlantis'" in message and "file x.csv" in message
    assert "row 4" in message and "column 'precinct'" in message


def test_normalize_precincts_keeps_index_and_does_not_mutate():
    keys = pd.Series(["001", "Citywide", "075"], index=[10, 11, 12])
    assert normalize_precincts(keys, source="x", column="p").to_dict() == {
        10: "1",
        11: CITYWIDE,
        12: "75",
    }
    assert keys.tolist() == ["001", "Citywide", "075"]
