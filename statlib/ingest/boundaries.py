"""Unit boundaries (GeoJSON), each feature keyed as the unit's observations are.

Every source's boundary file is a FeatureCollection of polygons naming its unit in one
property, spelled as that source spells it: NYPD precincts in `precinct` ("1", "75"),
the Los Angeles council districts (data/democity/council_districts.geojson, from the Hack
for LA 311-data repository) in `name` ("1" .. "15"). `read_keyed_boundaries` checks the
file and copies each normalised key into the property `unit` that statlib.maps joins on.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from statlib.errors import InputError
from statlib.schema import UNIT

POLYGONAL = frozenset({"Polygon", "MultiPolygon"})
DISTRICT_NAME = "name"  # the feature property holding the council district number


def read_keyed_boundaries(
    path: Path, *, column: str, key: Callable[[Any], str], what: str
) -> dict[str, Any]:
    """Read a GeoJSON FeatureCollection of unit polygons and add the unit key as `unit`.

    Args:
        path: The GeoJSON file.
        column: The feature property naming the unit.
        key: That property's value -> the unit key; raises InputError (with its rule) for
            a value that names no unit.
        what: The unit in words, for errors ("precinct", "district").

    Returns:
        The FeatureCollection as a dict; every feature keeps its published properties and
        gains `unit`, unique across features.

    Raises:
        InputError: Not a FeatureCollection, a feature without a polygon geometry, a value
            that names no unit, or two features for one unit; names the file, the feature
            (row, 1-based), the column and the rule.
    """
    path = Path(path)
    collection = json.loads(path.read_text())
    if collection.get("type") != "FeatureCollection":
        raise InputError(
            f"GeoJSON type is {collection.get('type')!r}",
            source=path.name,
            rule="a FeatureCollection",
        )
    seen: set[str] = set()
    for number, feature in enumerate(collection.get("features", []), start=1):
        unit = _feature_unit(feature, path.name, number, column, key, what)
        if unit in seen:
            raise InputError(
                f"{what} {unit!r} has a second feature",
                source=path.name,
                row=number,
                column=column,
                rule=f"one feature per {what}",
            )
        seen.add(unit)
        feature["properties"][UNIT] = unit
    return collection


def _feature_unit(
    feature: dict[str, Any],
    source: str,
    number: int,
    column: str,
    key: Callable[[Any], str],
    what: str,
) -> str:
    """The unit key of one GeoJSON feature, after checking its geometry."""
    geometry = feature.get("geometry") or {}
    if geometry.get("type") not in POLYGONAL:
        raise InputError(
            f"feature geometry is {geometry.get('type')!r}",
            source=source,
            row=number,
            column="geometry",
            rule="a Polygon or MultiPolygon",
        )
    value = (feature.get("properties") or {}).get(column)
    try:
        return key(value)
    except InputError as unknown:
        raise InputError(
            f"feature {column} {value!r} is not a known {what}",
            source=source,
            row=number,
            column=column,
            rule=unknown.rule,
        ) from unknown


def district_number(value: Any) -> str:
    """A council district's key: its number as text ("9"); InputError if not a number."""
    name = str(value if value is not None else "")
    if not name.isdigit():
        raise InputError(f"{name!r} is not a district number", rule="a district number")
    return name


def read_district_boundaries(path: Path) -> dict[str, Any]:
    """The council districts keyed by number in `unit` (see `read_keyed_boundaries`)."""
    return read_keyed_boundaries(path, column=DISTRICT_NAME, key=district_number, what="district")


def unit_key(value: Any) -> str:
    """A unit named by its key in the boundary file ("chengdong"); InputError if empty."""
    name = str(value if value is not None else "").strip()
    if not name:
        raise InputError("no unit key", rule="a non-empty unit key")
    return name


def read_named_boundaries(path: Path) -> dict[str, Any]:
    """Districts keyed by the unit key in their `district` property (the industry demo's)."""
    return read_keyed_boundaries(path, column="district", key=unit_key, what="district")
