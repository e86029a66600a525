"""NYPD reference tables: precinct boundaries, population and annual history.

The companions of the weekly CompStat counts (`statlib.ingest.nypd`), bundled in
data/nypd/ (see its README). Each reader validates the file as published and
normalises its precinct keys with `statlib.units.normalize_precinct`, so that all
three join on the same `unit` ("1", "75", "116"):

* precincts.geojson: 78 polygons, property `precinct` spelled "1".
* population_2020.csv: 2020 census residents per precinct, spelled "1st Precinct".
* annual.parquet: yearly complaint counts per precinct 1993-2025, spelled
  "1st Precinct", "14th Precinct (Midtown South)", "Midtown South Precinct" (2025)
  and "14th Precinct" (2024); after normalisation there is one row per precinct, year
  and category.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pandera.pandas as pa

from statlib.errors import InputError
from statlib.ingest.boundaries import read_keyed_boundaries
from statlib.ingest.nypd import PUBLIC_SAFETY
from statlib.ingest.validate import validate_table
from statlib.schema import DOMAIN, KPI_COLUMNS, METRIC, PERIOD, PERIOD_END, POPULATION, UNIT, VALUE
from statlib.units import normalize_precinct, normalize_precincts

# The published files' columns.
PRECINCT, CATEGORY, COUNT, YEAR = "precinct", "category", "count", "year"
POPULATION_2020 = "population_2020"

# The annual tables' category names -> metric keys (same keys as the weekly feed's).
ANNUAL_CATEGORY_METRICS: dict[str, str] = {
    "Murder": "murder",
    "Rape": "rape",
    "Robbery": "robbery",
    "Fel. Assault": "felony_assault",
    "Burglary": "burglary",
    "Gr. Larceny": "grand_larceny",
    "G.L.A.": "grand_larceny_auto",
    "Shooting Inc.": "shooting_incidents",
    "Misd. Assault": "misdemeanor_assault",
    "Petit Larceny": "petit_larceny",
    "Harassment": "harassment",
}

POPULATION_RULES = {PRECINCT: "a precinct key", POPULATION_2020: "a non-negative integer"}
POPULATION_SCHEMA = pa.DataFrameSchema(
    {
        PRECINCT: pa.Column(str, nullable=False),
        POPULATION_2020: pa.Column("int64", pa.Check.ge(0), coerce=True, nullable=False),
    },
    strict="filter",
)
ANNUAL_RULES = {
    PRECINCT: "a precinct key",
    YEAR: "a year from 1900 to 2100",
    CATEGORY: "an annual category (statlib.ingest.nypd_reference.ANNUAL_CATEGORY_METRICS)",
    COUNT: "a non-negative integer count",
}
ANNUAL_SCHEMA = pa.DataFrameSchema(
    {
        PRECINCT: pa.Column(str, nullable=False),
        YEAR: pa.Column("int64", pa.Check.in_range(1900, 2100), coerce=True, nullable=False),
        CATEGORY: pa.Column(str, pa.Check.isin(list(ANNUAL_CATEGORY_METRICS)), nullable=False),
        COUNT: pa.Column("int64", pa.Check.ge(0), coerce=True, nullable=False),
    },
    strict="filter",
)


def read_boundaries(path: Path) -> dict[str, Any]:
    """Read the precinct GeoJSON and add the normalised key as property `unit`.

    Returns:
        The FeatureCollection as a dict; every feature keeps its published properties
        and gains `unit` ("1", "75", ...), unique across features.

    Raises:
        InputError: Not a FeatureCollection, a feature without a polygon geometry or a
            `precinct` property, an unknown precinct, or two features for one unit;
            names the file, the feature (row, 1-based) and the rule.
    """
    return read_keyed_boundaries(path, column=PRECINCT, key=normalize_precinct, what="precinct")


def read_population(path: Path) -> pd.DataFrame:
    """Read the 2020 population per precinct.

    Returns:
        Columns unit (normalised key), population (int64, 2020 census residents);
        one row per precinct.

    Raises:
        InputError: A missing column, a bad count, an unknown or repeated precinct.
    """
    path = Path(path)
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    validated = validate_table(table, POPULATION_SCHEMA, source=path.name, rules=POPULATION_RULES)
    population = pd.DataFrame(
        {
            UNIT: normalize_precincts(validated[PRECINCT], source=path.name, column=PRECINCT),
            POPULATION: validated[POPULATION_2020],
        }
    )
    _reject_repeats(population, [UNIT], path.name)
    return population


def read_annual(path: Path) -> pd.DataFrame:
    """Read the annual complaint counts per precinct as a KPI frame.

    Returns:
        Columns of `statlib.schema.KPI_COLUMNS`: domain "public_safety", metric (see
        `ANNUAL_CATEGORY_METRICS`), unit (normalised key), period ("1993"), period_end
        (datetime64[ns], 31 December), value (float count); sorted by unit, metric, year.

    Raises:
        InputError: A missing column, a bad year or count, an unknown category or
            precinct, or two rows for one precinct, year and category after keys are
            normalised.
    """
    path = Path(path)
    if path.suffix == ".parquet":
        table = pd.read_parquet(path)
    else:
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
    validated = validate_table(
        table.reset_index(drop=True), ANNUAL_SCHEMA, source=path.name, rules=ANNUAL_RULES
    )
    years = validated[YEAR]
    annual = pd.DataFrame(
        {
            DOMAIN: PUBLIC_SAFETY,
            METRIC: validated[CATEGORY].map(ANNUAL_CATEGORY_METRICS).astype(str),
            UNIT: normalize_precincts(validated[PRECINCT], source=path.name, column=PRECINCT),
            PERIOD: years.astype(str),
            PERIOD_END: pd.to_datetime([date(year, 12, 31) for year in years]).astype(
                "datetime64[ns]"
            ),
            VALUE: validated[COUNT].astype("float64"),
        }
    )
    _reject_repeats(annual, [UNIT, METRIC, PERIOD], path.name)
    ordered = annual.sort_values([UNIT, METRIC, PERIOD], kind="stable")
    return ordered[list(KPI_COLUMNS)].reset_index(drop=True)


def _reject_repeats(frame: pd.DataFrame, keys: list[str], source: str) -> None:
    """Raise InputError on the first repeated key (e.g. two spellings of one precinct)."""
    repeated = frame.duplicated(keys, keep="first")
    if repeated.any():
        row = int(repeated.to_numpy().argmax()) + 1
        values = frame.loc[repeated, keys].iloc[0].to_dict()
        raise InputError(
            f"{values} appears twice once precinct keys are normalised",
            source=source,
            row=row,
            rule=f"one row per {', '.join(keys)}",
        )
