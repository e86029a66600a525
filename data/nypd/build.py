"""Rebuild the bundled NYPD demo inputs in data/nypd/ from the shared source folder.

Run from the repository root:

    .venv/bin/python data/nypd/build.py [--source /work/shared/data/nypd_compstat]

The bundle keeps the data AS PUBLISHED: zero-padded precinct keys, omitted zero weeks,
the Saturday/Sunday week-end overlap of 2025 and the dashboard's category names all
stay, so that `statlib.ingest.nypd` fixes them where the fixes can be seen and tested.
Only the storage changes: CSV tables become zstd Parquet (text columns kept as text,
counts as integers), the GeoJSON is written without whitespace (its coordinates are
already rounded to 5 decimals, about 1 m), and SOURCE_COMMIT is copied.
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

import pandas as pd

DEFAULT_SOURCE = Path("/work/shared/data/nypd_compstat")
BUNDLE = Path(__file__).resolve().parent

# Published file -> bundled file. The text columns are read as text so that "001"
# stays "001" and a date stays the string the city wrote.
WEEKLY = ("nypd_compstat_weekly_long.csv", "weekly.parquet", ["precinct", "category", "week_end"])
ANNUAL = ("nypd_annual_by_precinct_long.csv", "annual.parquet", ["precinct", "category"])
POPULATION = ("nypd_precinct_population_2020.csv", "population_2020.csv")
BOUNDARIES = ("nyc_police_precincts.geojson", "precincts.geojson")
GEOJSON_BUDGET_BYTES = 250_000  # keeps the bundle small enough to commit


def bundle_table(source: Path, target: Path, text_columns: list[str]) -> int:
    """Write one published CSV as zstd Parquet; return its row count.

    Counts are stored as int32 and checked to round-trip exactly, so the bundle holds
    the same numbers as the CSV.
    """
    table = pd.read_csv(source, dtype=dict.fromkeys(text_columns, str), keep_default_na=False)
    integers = table.drop(columns=text_columns)
    table[integers.columns] = integers.astype("int32")
    if not (table[integers.columns].astype("int64") == integers.astype("int64")).all().all():
        raise SystemExit(f"{source}: an integer column does not fit int32")
    table.to_parquet(target, compression="zstd", index=False)
    return len(table)


def bundle_geojson(source: Path, target: Path) -> int:
    """Write the GeoJSON without whitespace; return its size in bytes."""
    collection = json.loads(source.read_text())
    target.write_text(json.dumps(collection, separators=(",", ":")))
    size = target.stat().st_size
    if size > GEOJSON_BUDGET_BYTES:
        raise SystemExit(f"{target} is {size} bytes, over the {GEOJSON_BUDGET_BYTES} budget")
    return size


def main() -> None:
    """Rebuild every bundled file and print what was written."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    source = parser.parse_args().source
    for published, bundled, text_columns in (WEEKLY, ANNUAL):
        rows = bundle_table(source / published, BUNDLE / bundled, text_columns)
        print(f"{bundled}: {rows} rows")
    shutil.copyfile(source / POPULATION[0], BUNDLE / POPULATION[1])
    print(f"{POPULATION[1]}: copied")
    size = bundle_geojson(source / BOUNDARIES[0], BUNDLE / BOUNDARIES[1])
    print(f"{BOUNDARIES[1]}: {size} bytes")
    shutil.copyfile(source / "SOURCE_COMMIT", BUNDLE / "SOURCE_COMMIT")
    print("SOURCE_COMMIT: " + (BUNDLE / "SOURCE_COMMIT").read_text().strip())


if __name__ == "__main__":
    main()
