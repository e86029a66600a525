"""Council-district boundaries (GeoJSON) keyed as the request data keys its districts.

The Los Angeles council districts (data/democity/council_districts.geojson, from the Hack
for LA 311-data repository) name each district in the property `name` ("1" .. "15"); the
reader copies it to the property `unit` that statlib.maps joins on.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from statlib.errors import InputError
from statlib.schema import UNIT

DISTRICT_NAME = "name"  # the feature property holding the district number


def read_district_boundaries(path: Path) -> dict[str, Any]:
    """Read the district GeoJSON and add the district key as property `unit`.

    Returns:
        The FeatureCollection as a dict; every feature keeps its published properties and
        gains `unit` ("1" .. "15"), unique across features.

    Raises:
        InputError: Not a FeatureCollection, a feature without a polygon geometry or a
            numeric `name`, or two features for one district; names the file, the feature
            (row, 1-based) and the rule.
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
        name = str(feature.get("properties", {}).get(DISTRICT_NAME, ""))
        polygon = feature.get("geometry", {}).get("type") in ("Polygon", "MultiPolygon")
        if not (name.isdigit() and polygon) or name in seen:
            raise InputError(
                f"feature with {DISTRICT_NAME} {name!r} is not a new numbered district polygon",
                source=path.name,
                row=number,
                column=DISTRICT_NAME,
                rule="one Polygon or MultiPolygon feature per district, named by its number",
            )
        seen.add(name)
        feature["properties"][UNIT] = name
    return collection
