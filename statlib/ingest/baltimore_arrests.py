"""Baltimore Police Department arrests (Open Baltimore layout): read, resolve, emit events.

Source: data/baltimore/arrests.parquet, the arrests of January 2017 to 17 February 2018 as
published on Open Baltimore (see data/baltimore/README.md), one row per arrest with the
charge it was booked on. Columns as published: Arrest (arrest number, sometimes empty),
Age, Sex, Race, ArrestDate ("12/23/2017"), ArrestTime ("23:24" or "9:05"), Charge (a
code), ChargeDescription (free text, "ASSAULT-SEC DEGREE"), District (one of the nine
police districts by name, often empty), Longitude, Latitude (empty without a place).

What ingest does, each with a data-quality note:

* A row identical to an earlier one in every column (the arrest number included, or both
  without one) is a repeated export of one arrest: dropped.
* No district: kept, counted citywide but in no district, so citywide exceeds the sum
  of the districts (in this extract about half the arrests: the city left District,
  Post and the coordinates empty together, so they cannot be placed).
* The charge description is free text: each arrest gets one offence category by the
  first of `CHARGE_CATEGORIES` whose pattern it matches, else "other" (which holds the
  "Unknown Charge" rows, counted in the note).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from statlib import schema as S
from statlib.errors import InputError
from statlib.ingest.boundaries import read_keyed_boundaries
from statlib.ingest.notes import DataQualityNote
from statlib.ingest.validate import read_parquet, reject_first

ARREST, DATE, TIME = "Arrest", "ArrestDate", "ArrestTime"
CHARGE, DESCRIPTION, DISTRICT = "Charge", "ChargeDescription", "District"
LONGITUDE, LATITUDE = "Longitude", "Latitude"
COLUMNS = (ARREST, "Age", "Sex", "Race", DATE, TIME, CHARGE, DESCRIPTION, DISTRICT)
COLUMNS += (LONGITUDE, LATITUDE)
TOTAL = "arrests"  # the metric of all arrests
OTHER = "other"
UNKNOWN_CHARGE = "UNKNOWN CHARGE"

# The nine police districts: name in the arrest records -> BPD's district number, as the
# boundary file keys them (`number`) and the posts begin (post 913 is in district 9).
DISTRICT_NUMBERS: dict[str, str] = {
    "Central": "1",
    "Southeast": "2",
    "Eastern": "3",
    "Northeast": "4",
    "Northern": "5",
    "Northwest": "6",
    "Western": "7",
    "Southwest": "8",
    "Southern": "9",
}

# Offence categories by the charge's description (upper case), tried in order: the first
# match wins, so an armed robbery is violent before it is a weapons charge. Misspellings
# as the city wrote them ("ASSUALT", "TRESSPASSING") are matched on purpose.
CHARGE_CATEGORIES: tuple[tuple[str, str], ...] = (
    (
        "violent",
        r"MURDER|HOMICIDE|MANSLAUGHTER|RAPE|SEX OFF|SEXUAL|ROBB|ASS(?:AU|UA)?LT|CARJACK|"
        r"KIDNAP|CHILD ABUSE|ARMED|SHOOT|STAB|RECKLESS ENDANGER|HOME INVASION",
    ),
    ("weapons", r"HANDGUN|\bHGV\b|FIREARM|\bGUN\b|WEAPON|AMMO|PISTOL|RIFLE"),
    (
        "drugs",
        r"\bCDS\b|CDS:|NARC|HEROIN|COCAINE|MARIJUANA|PWID|PARAPHERNALIA|DRUG|\bDIST(?:RIBUTION)?\b",
    ),
    (
        "property",
        r"BURG|THEFT|LARCENY|STOLE|UNAUTH|DEST|B ?[&+] ?E|BREAKING|SHOPLIFT|ARSON|FRAUD|"
        r"FORGERY|COUNTERFEIT|EMBEZZ|RECEIV|TRES+PAS|UNLAWFUL TAKING|VANDAL|CREDIT CARD",
    ),
    (
        "warrants",
        r"FAILURE TO APPEAR|\bFTA\b|PROBATION|\bVOP\b|WARRANT|DETAIN|EXPARTE|PROTECT|"
        r"PEACE ORDER|CONTEMPT|BENCH|FUGITIVE|PAROLE|REG(?:ISTER)? OFFENDER|COURT|BAIL",
    ),
)
CATEGORIES: tuple[str, ...] = (*(name for name, _ in CHARGE_CATEGORIES), OTHER)
# No arrest is dated before the Baltimore Police Department (1784) or after the extract.
FIRST_DATE = date(1784, 1, 1)


@dataclass(frozen=True)
class ArrestEvents:
    """The arrests as events, and the notes about their making.

    Attributes:
        events: Columns domain, event_id, category, unit (district "1".."9" or None),
            occurred_at (datetime64[ns]), longitude, latitude (NaN without a place).
        notes: The data-quality notes, in the order the steps ran.
    """

    events: pd.DataFrame
    notes: tuple[DataQualityNote, ...]


def read_arrests(path: Path) -> pd.DataFrame:
    """Read and check an arrest extract as published (every column text).

    Returns:
        The published columns (`COLUMNS`) as text, plus `occurred_at` (datetime64[ns]).

    Raises:
        InputError: A missing column, a date or time that is not one, or an unknown
            district; names the file, row (1 = first data row), column and rule.
    """
    path = Path(path)
    return validate_arrests(read_parquet(path), source=path.name)


def validate_arrests(table: pd.DataFrame, *, source: str) -> pd.DataFrame:
    """Check an extract as published (see `read_arrests`); pure, no I/O."""
    table = table.reset_index(drop=True)
    missing = [column for column in COLUMNS if column not in table.columns]
    if missing:
        raise InputError(
            f"missing column {missing[0]!r}", source=source, column=missing[0], rule="a column"
        )
    when = pd.to_datetime(table[DATE] + " " + table[TIME], format="%m/%d/%Y %H:%M", errors="coerce")
    reject_first(table, when.isna() | (when < pd.Timestamp(FIRST_DATE)), DATE, source=source,
                 rule="a date MM/DD/YYYY and a time HH:MM, from 1784")  # fmt: skip
    known = table[DISTRICT].isin([*DISTRICT_NUMBERS, ""])
    districts = f"one of {', '.join(DISTRICT_NUMBERS)}, or empty"
    reject_first(table, ~known, DISTRICT, source=source, rule=districts)
    return table.assign(**{S.OCCURRED_AT: when.astype("datetime64[ns]")})


def charge_category(descriptions: pd.Series) -> pd.Series:
    """Each charge description's offence category (`CHARGE_CATEGORIES`, else "other")."""
    text = descriptions.str.strip().str.upper()
    category = pd.Series(OTHER, index=descriptions.index, dtype=object)
    unset = pd.Series(True, index=descriptions.index)
    for name, pattern in CHARGE_CATEGORIES:
        hit = unset & text.str.contains(pattern, regex=True)
        category[hit] = name
        unset &= ~hit
    return category


def arrest_events(raw: pd.DataFrame, *, domain: str, source: str) -> ArrestEvents:
    """Turn a checked extract into events, resolving its quirks in the open.

    Args:
        raw: Output of `read_arrests`.
        domain: The review domain written to the events.
        source: The file name, for the notes.

    Returns:
        ArrestEvents: one event per kept arrest, sorted by occurred_at then event_id
        (the arrest number, or "row-<n>" by published row where it has none); notes on
        repeated rows, arrests without a district and charges without a description.
    """
    repeated = raw.duplicated(list(COLUMNS), keep="first")
    kept = raw[~repeated]
    numbered = kept[ARREST] != ""
    ids = kept[ARREST].where(numbered, "row-" + (kept.index + 1).astype(str))
    unit = kept[DISTRICT].map(DISTRICT_NUMBERS)
    events = pd.DataFrame(
        {
            S.DOMAIN: domain,
            S.EVENT_ID: ids.astype(str),
            S.CATEGORY: charge_category(kept[DESCRIPTION]),
            S.UNIT: unit.astype(object).where(unit.notna(), None),
            S.OCCURRED_AT: kept[S.OCCURRED_AT],
            S.LONGITUDE: pd.to_numeric(kept[LONGITUDE].replace("", None)),
            S.LATITUDE: pd.to_numeric(kept[LATITUDE].replace("", None)),
        }
    ).sort_values([S.OCCURRED_AT, S.EVENT_ID], kind="stable")
    unnumbered = int((raw.loc[repeated, ARREST] == "").sum())
    placeless = int(events[S.UNIT].isna().sum())
    unknown = int((kept[DESCRIPTION].str.strip().str.upper() == UNKNOWN_CHARGE).sum())
    notes = (
        DataQualityNote(
            source,
            "repeated_rows",
            int(repeated.sum()),
            "dropped",
            f"{int(repeated.sum())} rows repeat an earlier row in every column "
            f"({int(repeated.sum()) - unnumbered} with an arrest number, {unnumbered} "
            "without one): repeated exports of one arrest, each counted once.",
        ),
        DataQualityNote(
            source,
            "police_district_missing",
            placeless,
            "kept",
            f"{placeless} of {len(events)} arrests have no police district (nor post or "
            "coordinates); they count citywide but in no district, so citywide exceeds "
            "the sum of the districts.",
        ),
        DataQualityNote(
            source,
            "unknown_charge",
            unknown,
            "kept",
            f"{unknown} arrests are booked as 'Unknown Charge'; they count in all arrests "
            "and in the category 'other'.",
        ),
    )
    return ArrestEvents(events.reset_index(drop=True), notes)


def district_key(value: Any) -> str:
    """A police district's key: its number "1".."9"; InputError for any other value."""
    key = str(value if value is not None else "")
    if key not in DISTRICT_NUMBERS.values():
        raise InputError(f"{key!r} is not a police district number", rule="a number 1..9")
    return key


def read_boundaries(path: Path) -> dict[str, Any]:
    """The police districts keyed by number in `unit` (the file's property `number`)."""
    return read_keyed_boundaries(path, column="number", key=district_key, what="police district")
