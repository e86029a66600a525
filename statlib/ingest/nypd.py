"""NYPD CompStat weekly counts: read as published, repair in the open, emit KPIs.

Source: the CompStat 2.0 dashboard's weekly complaint counts per precinct
(data/nypd/weekly.parquet, bundled from `nypd_compstat_weekly_long.csv`; see
data/nypd/README.md). Columns precinct, category, week_end, count; 78 precincts and
"Citywide", 19 categories, weeks ending 2024-07-20 .. 2026-08-16, 123,570 rows.

What the file does, found by reading it (numbers for the bundled file):

* Two sets of categories, fetched separately upstream. The ten "core" ones (the seven
  major felonies, TotalMajor7, Sht. Inc., Sht. Vic.) run to the week ending 2026-08-16
  and omit zero weeks. The nine "extra" ones (PSB, Transit, Housing, Rape 1, Other Sex
  Crimes, Petit Larceny, Misd. Assault, Hate Crimes, Total Fatalities) end with the
  week ending 2026-07-19 (2026-W29), have no rows for precinct 116, and publish
  explicit zero rows (24,328 of them), except Total Fatalities, which omits zeros. So
  the extra metrics are zero-filled up to 2026-W29 only, never over the last four
  weeks, and not at all for precinct 116.
* "Rape" and "Rape 1" are not one category renamed: both cover the whole range.
  "Rape" is the major-felony count (TotalMajor7 equals the sum of the seven with
  "Rape" in 99.8% of unit-weeks; 20 cells are off by one); "Rape 1" is the dashboard's
  "UCR Rape*", the wider federal UCR definition (10,379 against 8,994 in total). Two
  metrics: `rape` and `rape_ucr`. The sparse categories (Murder 720 rows, Sht. Inc.
  1,462, Total Fatalities 490) are sparse because zero weeks are omitted, not because
  they were published for part of the range: each one's citywide series has a row
  in every week of its range (Total Fatalities: 102 of 105 weeks).
* The week end moves from Saturday to Sunday. Saturday-ending weeks run to 2025-07-19
  (2025-W29), Sunday-ending ones from 2025-07-20 (also W29). For W29..W33 both exist:
  Saturday 2025-07-19 carries all 19 categories; Saturdays 2025-07-26 .. 2025-08-16
  carry only the ten core ones (about 510 rows against about 1,140), the legacy
  core-only pull. They are not a partial cut: the Saturday counts are above the
  Sunday ones about as often as below (citywide TotalMajor7 2,597 v 2,577, 2,480 v
  2,468, 2,495 v 2,498, 2,514 v 2,527), as a window shifted by one day would be. The
  Sunday-ending rows are kept for those five weeks and the 3,203 Saturday rows
  dropped; the note gives the cell differences.
* Citywide is not exactly the sum of the precincts: it equals it for TotalMajor7,
  Burglary, Gr. Larceny, Murder, Housing and Transit, is higher in every week for
  PSB, Petit Larceny and Misd. Assault (complaints not assigned to a precinct), and
  is off by a few counts in a few weeks elsewhere. Reported, not changed.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from statlib.errors import InputError
from statlib.ingest.notes import DataQualityNote, IngestResult
from statlib.ingest.validate import check_dates, check_whole_numbers, read_parquet, validate_table
from statlib.ingest.weekly import (
    WEEK_END_DATE,
    fill_zero_weeks,
    label_weeks,
    resolve_week_end_switch,
)
from statlib.periods.coverage import is_cut_label
from statlib.schema import CITYWIDE, DOMAIN, KPI_COLUMNS, METRIC, PERIOD, UNIT, VALUE
from statlib.units import normalize_precinct, normalize_precincts

PUBLIC_SAFETY = "public_safety"  # the review domain of every NYPD metric

# The published file's columns (CompStat 2.0 weekly feed, long form).
PRECINCT, CATEGORY, COUNT = "precinct", "category", "count"
WEEKLY_COLUMNS: tuple[str, ...] = (PRECINCT, CATEGORY, WEEK_END_DATE, COUNT)

# CompStat 2.0's category abbreviations -> statlib metric keys. Readings of the less
# obvious ones follow the dashboard's own labels ("Rape 1" is shown as "UCR Rape*",
# "Total Fatalities" under traffic; PSB is the Patrol Services Bureau).
CATEGORY_METRICS: dict[str, str] = {
    "Murder": "murder",
    "Rape": "rape",
    "Robbery": "robbery",
    "Fel. Assault": "felony_assault",
    "Burglary": "burglary",
    "Gr. Larceny": "grand_larceny",
    "G.L.A.": "grand_larceny_auto",
    "TotalMajor7": "major_felonies_total",
    "Sht. Inc.": "shooting_incidents",
    "Sht. Vic.": "shooting_victims",
    "PSB": "patrol_bureau",
    "Transit": "transit",
    "Housing": "housing",
    "Rape 1": "rape_ucr",
    "Other Sex Crimes": "other_sex_crimes",
    "Petit Larceny": "petit_larceny",
    "Misd. Assault": "misdemeanor_assault",
    "Hate Crimes": "hate_crimes",
    "Total Fatalities": "traffic_fatalities",
}

# The nine categories of the upstream "extra" pull (see above); the others are "core".
EXTRA_CATEGORIES: tuple[str, ...] = (
    "PSB",
    "Transit",
    "Housing",
    "Rape 1",
    "Other Sex Crimes",
    "Petit Larceny",
    "Misd. Assault",
    "Hate Crimes",
    "Total Fatalities",
)
PUBLICATION_GROUPS: dict[str, str] = {
    metric: "extra" if category in EXTRA_CATEGORIES else "core"
    for category, metric in CATEGORY_METRICS.items()
}
# The dates a weekly count can have: CompStat began in 1994, and no week that has not yet
# ended is published (a day of slack for time zones).
FIRST_WEEK_END = date(1994, 1, 1)
LATEST_SLACK = timedelta(days=1)

WEEKLY_RULES: dict[str, str] = {
    PRECINCT: "a precinct key as text",
    CATEGORY: "a published CompStat category (statlib.ingest.nypd.CATEGORY_METRICS)",
    WEEK_END_DATE: "a date YYYY-MM-DD",
    COUNT: "a non-negative integer count",
}
WEEKLY_SCHEMA = pa.DataFrameSchema(
    {
        PRECINCT: pa.Column(str, nullable=False),
        CATEGORY: pa.Column(str, pa.Check.isin(list(CATEGORY_METRICS)), nullable=False),
        WEEK_END_DATE: pa.Column("datetime64[ns]", coerce=True, nullable=False),
        COUNT: pa.Column("int64", pa.Check.ge(0), coerce=True, nullable=False),
    },
    strict="filter",
)


def read_weekly(path: Path) -> pd.DataFrame:
    """Read and validate the weekly CompStat table as published (.parquet or .csv).

    Returns:
        Columns precinct (str, as published: "001", "Citywide"), category (str, as
        published), week_end (datetime64[ns]), count (int64); one row per published cell.

    Raises:
        InputError: A missing column, a bad date, a negative or non-integer count, an
            unknown category or precinct; names the file, row (1 = first data row),
            column and rule.
    """
    path = Path(path)
    if path.suffix == ".parquet":
        table = read_parquet(path)
    else:
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
    return validate_weekly(table, source=path.name)


def validate_weekly(table: pd.DataFrame, *, source: str, today: date | None = None) -> pd.DataFrame:
    """Validate a weekly table as published (see `read_weekly`); pure, no I/O.

    Args:
        table: Columns precinct, category, week_end, count; text or typed.
        source: The file name, for error messages.
        today: The last plausible date is the day after it (default: the clock's today).

    Returns:
        A validated copy with the dtypes `read_weekly` documents.
    """
    table = table.reset_index(drop=True)
    latest = (today or date.today()) + LATEST_SLACK
    check_dates(
        table,
        WEEK_END_DATE,
        source=source,
        earliest=FIRST_WEEK_END,
        latest=latest,
        rule=WEEKLY_RULES[WEEK_END_DATE],
    )
    check_whole_numbers(table, COUNT, source=source, rule=WEEKLY_RULES[COUNT])
    validated = validate_table(table, WEEKLY_SCHEMA, source=source, rules=WEEKLY_RULES)
    normalize_precincts(validated[PRECINCT], source=source, column=PRECINCT)
    return validated


def weekly_kpis(raw: pd.DataFrame, *, source: str = "weekly.parquet") -> IngestResult:
    """Turn the validated weekly table into the KPI frame, repairing its quirks.

    Steps, each with a note: precinct keys normalised ("001" -> "1", "Citywide" ->
    "citywide"); categories mapped to metric keys; weeks labelled by
    `statlib.periods`; the Saturday/Sunday overlap of 2025 resolved in favour of the
    Sunday-ending rows (the Saturday ones kept as cuts of their days); omitted zero
    weeks and all-zero series filled inside each metric's range; then
    findings reported without change (publication ranges, series never published,
    citywide against the sum of precincts).

    PERIOD_END is the Sunday ending the ISO week of PERIOD. Weeks published before the
    switch end on a Saturday; they are labelled by their ISO week (the one holding
    their 4th day) and so dated by that week's Sunday, one day after their real last day.

    Args:
        raw: Output of `read_weekly` (columns precinct, category, week_end, count).
        source: The file name, for notes and errors.

    Returns:
        IngestResult with `kpis` in the columns of `statlib.schema.KPI_COLUMNS`:
        domain ("public_safety"), metric, unit ("75", "citywide"), period ("2026-W33"),
        period_end (datetime64[ns], a Sunday), value (float count); one row per unit,
        metric and week, sorted by those, plus the cuts of the overlap (period
        "2025-08-10..2025-08-16", period_end their Saturday). `notes` lists what was
        done and found.

    Raises:
        InputError: An unknown category or precinct key, or a week published twice
            without a Sunday-ending version.
    """
    cells = _to_cells(raw, source)
    labelled = label_weeks(cells)
    resolved, switch_note = resolve_week_end_switch(labelled, source=source)
    filled, zero_note = fill_zero_weeks(resolved, source=source, groups=PUBLICATION_GROUPS)
    kpis = filled.assign(**{DOMAIN: PUBLIC_SAFETY})[list(KPI_COLUMNS)]
    weekly = kpis[~kpis[PERIOD].map(is_cut_label).astype(bool)]
    notes = (
        _keys_note(raw, source),
        switch_note,
        _explicit_zeros_note(resolved, source),
        zero_note,
        _publication_range_note(weekly, source),
        _unpublished_series_note(weekly, source),
        _citywide_note(weekly, source),
    )
    return IngestResult(kpis=kpis.reset_index(drop=True), notes=notes)


def _to_cells(raw: pd.DataFrame, source: str) -> pd.DataFrame:
    """Published rows with normalised unit keys and metric keys (UNIT, METRIC, VALUE)."""
    unknown = ~raw[CATEGORY].isin(list(CATEGORY_METRICS))
    if unknown.any():
        row = int(unknown.to_numpy().argmax()) + 1
        raise InputError(
            f"unknown category {raw[CATEGORY][unknown].iloc[0]!r}",
            source=source,
            row=row,
            column=CATEGORY,
            rule=WEEKLY_RULES[CATEGORY],
        )
    units = {key: normalize_precinct(key) for key in raw[PRECINCT].unique()}
    return pd.DataFrame(
        {
            UNIT: raw[PRECINCT].map(units).astype(str),
            METRIC: raw[CATEGORY].map(CATEGORY_METRICS).astype(str),
            WEEK_END_DATE: raw[WEEK_END_DATE].astype("datetime64[ns]"),
            VALUE: raw[COUNT].astype("float64"),
        }
    )


def _keys_note(raw: pd.DataFrame, source: str) -> DataQualityNote:
    """Precinct keys rewritten from their published spelling."""
    published = raw[PRECINCT].drop_duplicates()
    rewritten = published[published.map(normalize_precinct) != published]
    examples = ", ".join(f"{key!r}" for key in rewritten.head(3))
    detail = (
        f"{len(rewritten)} of {len(published)} precinct spellings normalised "
        f"(e.g. {examples or 'none'}) to bare numbers and {CITYWIDE!r}."
    )
    affected = int(raw[PRECINCT].isin(rewritten).sum())
    return DataQualityNote(source, "precinct_keys", affected, "kept", detail)


def _explicit_zeros_note(resolved: pd.DataFrame, source: str) -> DataQualityNote:
    """Zero rows that the source did publish (some categories do, most omit them)."""
    zeros = resolved[resolved[VALUE] == 0]
    metrics = ", ".join(sorted(_published_name(m) for m in zeros[METRIC].unique())) or "none"
    detail = f"{len(zeros)} published zero rows kept, in the metrics {metrics}."
    return DataQualityNote(source, "explicit_zero_rows", len(zeros), "kept", detail)


def _publication_range_note(kpis: pd.DataFrame, source: str) -> DataQualityNote:
    """Metrics published for part of the file's range; counts the cells not filled."""
    weeks = kpis[PERIOD].drop_duplicates()
    ranges = kpis.groupby(METRIC).agg(
        first=(PERIOD, "min"), last=(PERIOD, "max"), series=(UNIT, "nunique")
    )
    partial = ranges[(ranges["first"] != weeks.min()) | (ranges["last"] != weeks.max())]
    outside = partial.apply(
        lambda span: int(((weeks < span["first"]) | (weeks > span["last"])).sum()), axis=1
    )
    not_filled = int((outside * partial["series"]).sum()) if len(partial) else 0
    spans = "; ".join(
        f"{_published_name(metric)} {span['first']}..{span['last']}"
        for metric, span in partial.iterrows()
    )
    detail = (
        f"The file covers {weeks.min()}..{weeks.max()}; {len(partial)} metric(s) are "
        f"published for part of it and zero-filled only inside their own range, leaving "
        f"{not_filled} unit-weeks outside it absent: {spans or 'none'}."
    )
    return DataQualityNote(source, "metric_publication_range", not_filled, "reported", detail)


def _unpublished_series_note(kpis: pd.DataFrame, source: str) -> DataQualityNote:
    """Unit and metric pairs still absent after zero-filling: units a pull does not cover."""
    pairs = pd.MultiIndex.from_product([kpis[UNIT].unique(), kpis[METRIC].unique()])
    present = pd.MultiIndex.from_frame(kpis[[UNIT, METRIC]].drop_duplicates())
    absent = pairs.difference(present)
    listed = ", ".join(f"{unit}/{_published_name(metric)}" for unit, metric in absent[:12])
    more = f" and {len(absent) - 12} more" if len(absent) > 12 else ""
    detail = (
        f"{len(absent)} unit/metric series have no published row in a category pull that "
        f"does not cover the unit, and are left absent: {listed or 'none'}{more}."
    )
    return DataQualityNote(source, "series_never_published", len(absent), "reported", detail)


def _published_name(metric: str) -> str:
    """The category as NYPD publishes it, for a note a reader sees (never our key)."""
    names = {key: category for category, key in CATEGORY_METRICS.items()}
    return names.get(metric, metric.replace("_", " "))


def _citywide_note(kpis: pd.DataFrame, source: str) -> DataQualityNote:
    """Weeks in which the citywide value is not the sum of the precincts' values."""
    is_city = kpis[UNIT] == CITYWIDE
    city = kpis[is_city].set_index([METRIC, PERIOD])[VALUE]
    precincts = kpis[~is_city].groupby([METRIC, PERIOD])[VALUE].sum()
    gap = (city - precincts.reindex(city.index, fill_value=0.0)).dropna()
    differing = gap[gap != 0]
    by_metric = differing.groupby(level=METRIC).agg(["size", "sum"])
    parts = "; ".join(
        f"{_published_name(metric)} {int(row['size'])} weeks, net {int(row['sum']):+d}"
        for metric, row in by_metric.iterrows()
    )
    detail = (
        f"Citywide differs from the sum of the precincts in {len(differing)} of {len(gap)} "
        f"metric-weeks ({parts or 'none'}); left as published."
    )
    return DataQualityNote(
        source, "citywide_not_sum_of_precincts", len(differing), "reported", detail
    )
