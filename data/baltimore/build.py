"""Rebuild the bundled Baltimore PoliceStat inputs in data/baltimore/ from the shared folder.

Run from the repository root:

    .venv/bin/python data/baltimore/build.py [--source /work/shared/data/baltimore]

The arrests stay AS PUBLISHED, every cell the text the city wrote (blank districts,
repeated rows, "Unknown Charge"), so that `statlib.ingest.baltimore_arrests` resolves
them where it can be seen and tested. Only the storage changes: the columns the review
reads become zstd Parquet. Age, sex and race stay because they are what tells a repeated
export of one arrest from a second arrest of the same charge at the same minute (rows
without an arrest number); the addresses, neighbourhood and post are left out. The police
district polygons are simplified (Ramer-Douglas-Peucker, `TOLERANCE_DEGREES`, about 5 m)
and rounded to 5 decimals, so that the page stays light; the 2023 file's district
number (`id`) is also written as `number`, the older file's name for it. The published PoliceStat
year-to-date snapshots are copied as they are.
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
from pathlib import Path

import pandas as pd

DEFAULT_SOURCE = Path("/work/shared/data/baltimore")
BUNDLE = Path(__file__).resolve().parent

ARRESTS = ("BPD_Arrests_2017-01_to_2018-02.csv", "arrests.parquet")
ARREST_COLUMNS = [
    "Arrest",
    "Age",
    "Sex",
    "Race",
    "ArrestDate",
    "ArrestTime",
    "Charge",
    "ChargeDescription",
    "District",
    "Longitude",
    "Latitude",
]
BOUNDARIES = (
    ("baltimore_police_districts.geojson", "police_districts.geojson"),
    ("baltimore_police_districts_2023.geojson", "police_districts_2023.geojson"),
)
SNAPSHOTS = ("baltimore_policestat_ytd_snapshots_2021_2022.csv", "policestat_ytd_snapshots.csv")
TOLERANCE_DEGREES = 5e-5  # about 5 m in Baltimore: invisible at a city's zoom
DECIMALS = 5  # about 1 m


def bundle_arrests(source: Path, target: Path) -> int:
    """Write the arrests' needed columns, as text, to zstd Parquet; return the rows."""
    table = pd.read_csv(source, dtype=str, keep_default_na=False)[ARREST_COLUMNS]
    table.to_parquet(target, compression="zstd", index=False)
    assert pd.read_parquet(target).equals(table)  # the bundle holds the published cells
    return len(table)


def _distance(point: list[float], start: list[float], end: list[float]) -> float:
    """Distance from `point` to the segment start-end, in degrees."""
    dx, dy = end[0] - start[0], end[1] - start[1]
    if dx == dy == 0:
        return math.dist(point, start)
    t = max(
        0.0, min(1.0, ((point[0] - start[0]) * dx + (point[1] - start[1]) * dy) / (dx**2 + dy**2))
    )
    return math.dist(point, (start[0] + t * dx, start[1] + t * dy))


def simplify(line: list[list[float]], tolerance: float) -> list[list[float]]:
    """Ramer-Douglas-Peucker: the points of `line` that keep it within `tolerance`."""
    keep = [False] * len(line)
    keep[0] = keep[-1] = True
    stack = [(0, len(line) - 1)]
    while stack:
        first, last = stack.pop()
        far, index = 0.0, first
        for i in range(first + 1, last):
            distance = _distance(line[i], line[first], line[last])
            if distance > far:
                far, index = distance, i
        if far > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [point for point, kept in zip(line, keep, strict=True) if kept]


def _ring(ring: list[list[float]]) -> list[list[float]]:
    """A simplified, rounded ring; never fewer than 4 points (a closed triangle)."""
    simple = simplify(ring, TOLERANCE_DEGREES)
    if len(simple) < 4:
        simple = ring
    return [[round(x, DECIMALS), round(y, DECIMALS)] for x, y in simple]


def bundle_geojson(source: Path, target: Path) -> int:
    """Write the districts simplified and without whitespace; return the bytes written."""
    collection = json.loads(source.read_text())
    for feature in collection["features"]:
        # the 2023 file numbers its districts in `id`: copied to `number`, as the older has it
        feature["properties"].setdefault("number", feature["properties"].get("id"))
        geometry = feature["geometry"]
        polygons = geometry["coordinates"]
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        simple = [[_ring(ring) for ring in polygon] for polygon in polygons]
        geometry["coordinates"] = simple if geometry["type"] == "MultiPolygon" else simple[0]
    target.write_text(json.dumps(collection, separators=(",", ":")))
    return target.stat().st_size


def main() -> None:
    """Rebuild every bundled file and print what was written."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    source = parser.parse_args().source
    print(f"{ARRESTS[1]}: {bundle_arrests(source / ARRESTS[0], BUNDLE / ARRESTS[1])} rows")
    for published, bundled in BOUNDARIES:
        print(f"{bundled}: {bundle_geojson(source / published, BUNDLE / bundled)} bytes")
    shutil.copyfile(source / SNAPSHOTS[0], BUNDLE / SNAPSHOTS[1])
    for name in ("LICENSE", "SOURCE_arrests", "SOURCE_boundaries"):
        shutil.copyfile(source / name, BUNDLE / name)
    print(f"{SNAPSHOTS[1]}, LICENSE, SOURCE_arrests, SOURCE_boundaries: copied")


if __name__ == "__main__":
    main()
