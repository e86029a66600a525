"""Reporting-unit keys: one spelling per unit, whatever the source file wrote.

NYPD files spell the same precinct three ways: zero-padded ("001", the CompStat 2.0
weekly feed), bare ("1", the precinct GeoJSON) and ordinal ("1st Precinct", the annual
tables and the population file; sometimes with the precinct's name in brackets,
"14th Precinct (Midtown South)", or by name alone, "Midtown South Precinct"). Every
reader normalises keys here, once, to the bare number ("1", "75", "116"); the
whole-city aggregate becomes `statlib.schema.CITYWIDE`.
"""

from __future__ import annotations

import re

import pandas as pd

from statlib.errors import InputError
from statlib.schema import CITYWIDE

# The NYPD patrol precincts that publish CompStat figures, as in the weekly feed of
# CompStat 2.0 (2024-2026). The 116th Precinct (south-east Queens, carved out of the
# 105th) is included; the 121st dates from 2013.
NYPD_PRECINCTS: frozenset[int] = frozenset(
    (1, 5, 6, 7, 9, 10, 13, 14, 17, 18, 19, 20, 22, 23, 24, 25, 26, 28, 30, 32, 33, 34)
    + (40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 52, 60, 61, 62, 63, 66, 67, 68, 69)
    + (70, 71, 72, 73, 75, 76, 77, 78, 79, 81, 83, 84, 88, 90, 94, 100, 101, 102, 103)
    + (104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115, 116, 120, 121, 122, 123)
)

# Precincts the NYPD annual tables name instead of numbering (nypd_annual_by_precinct_long).
PRECINCT_NAMES: dict[str, int] = {
    "midtown south precinct": 14,
    "midtown north precinct": 18,
    "central park precinct": 22,
}

CITYWIDE_SPELLINGS: frozenset[str] = frozenset({"citywide", "city wide", "nyc"})

_NUMBER = re.compile(r"0*(\d{1,3})")
# "1st Precinct", "22nd Precinct (Central Park)": the suffix must fit the number.
_ORDINAL = re.compile(r"0*(\d{1,3})(st|nd|rd|th) precinct(?: \([^()]+\))?")

RULE_KNOWN_PRECINCT = (
    "a precinct key is 'Citywide', a known NYPD precinct number or its ordinal name"
)


def normalize_precinct(key: str) -> str:
    """The canonical key of an NYPD reporting unit.

    Args:
        key: A precinct as some file spells it: "001", "1", "1st Precinct",
            "14th Precinct (Midtown South)", "Midtown South Precinct", or "Citywide".

    Returns:
        The bare precinct number as a string ("1", "14"), or `statlib.schema.CITYWIDE`.

    Raises:
        InputError: `key` is not a string, not one of the spellings above, names a number
            that is not an NYPD precinct, or has an ordinal suffix that does not fit its
            number ("1th Precinct").
    """
    if not isinstance(key, str):
        raise InputError(f"precinct key {key!r} is not a string", rule=RULE_KNOWN_PRECINCT)
    spelled = " ".join(key.split()).lower()
    if spelled in CITYWIDE_SPELLINGS:
        return CITYWIDE
    if spelled in PRECINCT_NAMES:
        return str(PRECINCT_NAMES[spelled])
    number = _precinct_number(spelled)
    if number is None or number not in NYPD_PRECINCTS:
        raise InputError(f"unknown precinct key {key!r}", rule=RULE_KNOWN_PRECINCT)
    return str(number)


def normalize_precincts(keys: pd.Series, *, source: str, column: str) -> pd.Series:
    """`normalize_precinct` over a column of a published table.

    Args:
        keys: The column as published (str).
        source: The file name, for the error message.
        column: The column name, for the error message.

    Returns:
        A new Series of canonical keys, same index as `keys`.

    Raises:
        InputError: The first unknown spelling, naming the file, row (1 = first data
            row, counted by position) and column.
    """
    canonical: dict[str, str] = {}
    for row, key in enumerate(keys, start=1):
        if key in canonical:
            continue
        try:
            canonical[key] = normalize_precinct(key)
        except InputError as unknown:
            raise InputError(
                f"unknown precinct key {key!r}",
                source=source,
                row=row,
                column=column,
                rule=unknown.rule,
            ) from unknown
    return keys.map(canonical).astype(str)


def ordinal_suffix(number: int) -> str:
    """The English ordinal suffix of `number`: 1 -> "st", 12 -> "th", 22 -> "nd"."""
    if number % 100 in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")


def _precinct_number(spelled: str) -> int | None:
    """The number in a numeric or ordinal spelling, or None when it is neither."""
    numeric = _NUMBER.fullmatch(spelled)
    if numeric:
        return int(numeric[1])
    ordinal = _ORDINAL.fullmatch(spelled)
    if ordinal and ordinal_suffix(int(ordinal[1])) == ordinal[2]:
        return int(ordinal[1])
    return None
