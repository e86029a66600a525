"""311 service requests (MyLA311 layout): read, validate, resolve quirks, emit events.

Source: the demo city's extract, data/democity/requests.parquet (synthetic records in the
column layout of the City of Los Angeles' MyLA311 open data; see data/democity/README.md).
Columns as published: srnumber (request number, "1-2400000037"), requesttype (e.g.
"Bulky Items"), status (Closed, Cancelled, Open, Pending, Referred Out), requestsource,
createddate, closeddate (empty while open), cd (council district 1..15, empty when the
address was not placed in one).

What ingest does, each with a data-quality note:

* A request number exported more than once: the first row is kept, the rest dropped
  (the note says how many of them differed from the kept row).
* A close date before the creation date: the request cannot be timed, and its place in
  the backlog is unknown, so it is dropped from every metric.
* No council district: kept; counted citywide, in no district, so the citywide values
  exceed the sum of the districts by these requests.
* A request type outside the published list (`TYPE_CATEGORIES`): kept, counted as
  "other", with the "Other" service level.
* Cancelled requests end on their close date like closed ones (as MyLA311 records them):
  they leave the backlog and count as closed when they are timed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa

from statlib import schema as S
from statlib.errors import InputError
from statlib.ingest.notes import DataQualityNote
from statlib.ingest.validate import check_dates, read_parquet, validate_table

SERVICE_REQUESTS = "service_requests"  # the review domain of the 311 metrics

# The published columns (MyLA311 names, lower case as in the 2020 extract).
SR_NUMBER, REQUEST_TYPE, STATUS, REQUEST_SOURCE = (
    "srnumber",
    "requesttype",
    "status",
    "requestsource",
)
CREATED, CLOSED, DISTRICT = "createddate", "closeddate", "cd"
STATUSES: tuple[str, ...] = ("Closed", "Cancelled", "Open", "Pending", "Referred Out")
ENDED: tuple[str, ...] = ("Closed", "Cancelled")  # statuses that carry a close date
COUNCIL_DISTRICTS = range(1, 16)  # Los Angeles' 15 council districts
OTHER = "other"

# MyLA311 request types -> event categories (metric keys where a type has its own metric).
TYPE_CATEGORIES: dict[str, str] = {
    "Bulky Items": "bulky_items",
    "Graffiti Removal": "graffiti_removal",
    "Illegal Dumping Pickup": "illegal_dumping",
    "Metal/Household Appliances": "metal_appliances",
    "Homeless Encampment": "homeless_encampment",
    "Electronic Waste": "electronic_waste",
    "Dead Animal Removal": "dead_animal",
    "Other": OTHER,
    "Single Streetlight Issue": "streetlight_single",
    "Multiple Streetlight Issue": "streetlight_multiple",
    "Report Water Waste": "water_waste",
}

# The demo city's published service levels: days within which a request of each category
# should be closed (invented for the demo; data/democity/README.md lists them).
SERVICE_LEVEL_DAYS: dict[str, float] = {
    "bulky_items": 5,
    "graffiti_removal": 3,
    "illegal_dumping": 5,
    "metal_appliances": 5,
    "homeless_encampment": 30,
    "electronic_waste": 5,
    "dead_animal": 1,
    OTHER: 5,
    "streetlight_single": 14,
    "streetlight_multiple": 10,
    "water_waste": 3,
}

# The dates a request can have: the first US 311 line opened in 1996 (Baltimore), and no
# request is created or closed in the future (a day of slack for time zones).
FIRST_DATE = date(1996, 1, 1)
LATEST_SLACK = timedelta(days=1)

REQUEST_RULES: dict[str, str] = {
    SR_NUMBER: "a request number such as 1-2400000037",
    REQUEST_TYPE: "a non-empty request type",
    STATUS: f"one of {', '.join(STATUSES)}",
    REQUEST_SOURCE: "text or empty",
    CREATED: "a date and time",
    CLOSED: "a date and time, or empty while the request is open",
    DISTRICT: "a council district 1..15, or empty",
}
REQUEST_SCHEMA = pa.DataFrameSchema(
    {
        SR_NUMBER: pa.Column(str, pa.Check.str_matches(r"^1-\d+$"), nullable=False),
        REQUEST_TYPE: pa.Column(str, pa.Check.str_length(min_value=1), nullable=False),
        STATUS: pa.Column(str, pa.Check.isin(list(STATUSES)), nullable=False),
        REQUEST_SOURCE: pa.Column(str, nullable=True),
        CREATED: pa.Column("datetime64[ns]", coerce=True, nullable=False),
        CLOSED: pa.Column("datetime64[ns]", coerce=True, nullable=True),
        DISTRICT: pa.Column(
            "Int64",
            pa.Check.in_range(COUNCIL_DISTRICTS.start, COUNCIL_DISTRICTS.stop - 1),
            coerce=True,
            nullable=True,
        ),
    },
    strict="filter",
)


@dataclass(frozen=True)
class RequestEvents:
    """The requests as events, and the notes about their making.

    Attributes:
        events: Columns domain, event_id, category, unit (district "1".."15" or None),
            occurred_at, closed_at (NaT while open), both datetime64[ns].
        notes: The data-quality notes, in the order the steps ran.
    """

    events: pd.DataFrame
    notes: tuple[DataQualityNote, ...]


def read_requests(path: Path) -> pd.DataFrame:
    """Read and validate a request extract as published (.parquet, or .csv as text).

    Returns:
        Columns srnumber, requesttype, status, requestsource (str), createddate,
        closeddate (datetime64[ns], NaT while open), cd (Int64, NA without a district).

    Raises:
        InputError: A missing column, a malformed request number, an unknown status, a
            bad date or district, or an ended request without a close date; names the
            file, row (1 = first data row), column and rule.
    """
    path = Path(path)
    if path.suffix == ".parquet":
        table = read_parquet(path)
    else:
        table = pd.read_csv(path, dtype=str, keep_default_na=False).replace("", None)
    return validate_requests(table, source=path.name)


def validate_requests(
    table: pd.DataFrame, *, source: str, today: date | None = None
) -> pd.DataFrame:
    """Validate an extract as published (see `read_requests`); pure, no I/O.

    `today`: the last plausible date is the day after it (default: the clock's today).
    """
    table = table.reset_index(drop=True)
    latest = (today or date.today()) + LATEST_SLACK
    for column in (CREATED, CLOSED):
        rule = REQUEST_RULES[column]
        check_dates(table, column, source=source, earliest=FIRST_DATE, latest=latest, rule=rule)
    validated = validate_table(table, REQUEST_SCHEMA, source=source, rules=REQUEST_RULES)
    unclosed = validated[STATUS].isin(ENDED) & validated[CLOSED].isna()
    if unclosed.any():
        row = int(np.flatnonzero(unclosed.to_numpy())[0]) + 1
        raise InputError(
            f"a {validated[STATUS][unclosed].iloc[0]} request has no close date",
            source=source,
            row=row,
            column=CLOSED,
            rule=f"{CLOSED} is set when {STATUS} is one of {', '.join(ENDED)}",
        )
    return validated


def request_events(raw: pd.DataFrame, *, source: str = "requests.parquet") -> RequestEvents:
    """Turn a validated extract into events, resolving its quirks in the open.

    Args:
        raw: Output of `read_requests`.
        source: The file name, for the notes.

    Returns:
        RequestEvents: one event per kept request, sorted by occurred_at then event_id;
        notes on duplicates, closes before creation, missing districts, unknown types
        and cancelled requests.
    """
    first = ~raw[SR_NUMBER].duplicated(keep="first")
    kept = raw[first]
    duplicates = raw[~first]
    timeable = ~(kept[CLOSED] < kept[CREATED])
    early = kept[~timeable]
    kept = kept[timeable]
    categories = kept[REQUEST_TYPE].map(TYPE_CATEGORIES)
    events = pd.DataFrame(
        {
            S.DOMAIN: SERVICE_REQUESTS,
            S.EVENT_ID: kept[SR_NUMBER].astype(str),
            S.CATEGORY: categories.fillna(OTHER).astype(str),
            S.UNIT: kept[DISTRICT].astype("string").astype(object).where(kept[DISTRICT].notna()),
            S.OCCURRED_AT: kept[CREATED].astype("datetime64[ns]"),
            S.CLOSED_AT: kept[CLOSED].astype("datetime64[ns]"),
        }
    )
    events = events.sort_values([S.OCCURRED_AT, S.EVENT_ID], kind="stable")
    notes = (
        _duplicates_note(raw, duplicates, source),
        DataQualityNote(
            source,
            "closed_before_created",
            len(early),
            "dropped",
            f"{len(early)} requests have a close date before their creation date (by "
            f"{_hours(early)}); they cannot be timed or placed in the backlog and are left "
            "out of every metric.",
        ),
        DataQualityNote(
            source,
            "district_missing",
            int(events[S.UNIT].isna().sum()),
            "kept",
            f"{int(events[S.UNIT].isna().sum())} requests have no council district; they "
            "count citywide but in no district, so citywide exceeds the sum of the districts.",
        ),
        _unknown_types_note(kept, categories, source),
        DataQualityNote(
            source,
            "cancelled_requests",
            int((kept[STATUS] == "Cancelled").sum()),
            "kept",
            f"{int((kept[STATUS] == 'Cancelled').sum())} cancelled requests end on their "
            "close date like closed ones: they leave the backlog and count as closed.",
        ),
    )
    return RequestEvents(events.reset_index(drop=True), notes)


def _duplicates_note(raw: pd.DataFrame, dropped: pd.DataFrame, source: str) -> DataQualityNote:
    """Rows whose request number was already seen: how many, and how many differ."""
    kept = raw.drop_duplicates(SR_NUMBER).set_index(SR_NUMBER)
    again = dropped.set_index(SR_NUMBER)
    same = (kept.loc[again.index].fillna(-1) == again.fillna(-1)).all(axis=1)
    return DataQualityNote(
        source,
        "duplicate_request_numbers",
        len(dropped),
        "dropped",
        f"{len(dropped)} rows repeat a request number already read ({int(same.sum())} "
        f"identical copies, {int((~same).sum())} differing); the first row of each is kept.",
    )


def _hours(early: pd.DataFrame) -> str:
    """The range of the negative durations, in hours, for the note."""
    if early.empty:
        return "no hours"
    hours = (early[CREATED] - early[CLOSED]).dt.total_seconds() / 3600
    return f"{hours.min():.0f} to {hours.max():.0f} hours"


def _unknown_types_note(kept: pd.DataFrame, categories: pd.Series, source: str) -> DataQualityNote:
    """Request types outside the published list, counted as "other"."""
    unknown = kept.loc[categories.isna(), REQUEST_TYPE]
    names = ", ".join(f"{name!r}" for name in sorted(unknown.unique())) or "none"
    return DataQualityNote(
        source,
        "unknown_request_type",
        len(unknown),
        "kept",
        f"{len(unknown)} requests have a type outside the published list ({names}); "
        f"they are counted as {OTHER!r}, with its service level.",
    )
