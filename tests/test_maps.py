"""The unit map's colours: one class per band of z, kept per feature, and their legend."""

from __future__ import annotations

import pandas as pd

from statlib import schema as S
from statlib.maps import comparison_map, feature_style, legend, unit_anchor


def _square(unit: str, x: float) -> dict:
    ring = [[x, 0.0], [x + 1, 0.0], [x + 1, 1.0], [x, 1.0], [x, 0.0]]
    return {
        "type": "Feature",
        "properties": {"unit": unit},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


def test_each_unit_keeps_the_fill_of_its_z_band_and_links_to_its_card() -> None:
    zs = {"a": -4.0, "b": -2.5, "c": -0.8, "d": 1.5, "e": 3.3}
    boundaries = {
        "type": "FeatureCollection",
        "features": [_square(u, i) for i, u in enumerate([*zs, "f"])],
    }
    comparisons = pd.DataFrame(
        {
            S.UNIT: list(zs),
            S.METRIC: "robbery",
            S.WINDOW: "28_day",
            S.CURRENT: 5.0,
            S.PRIOR: 4.0,
            S.PCT_CHANGE: 25.0,
            S.POISSON_Z: list(zs.values()),
        }
    )
    m = comparison_map(
        boundaries, comparisons, metric="robbery", direction="decrease", unit_name=str, lang="en"
    )
    layer = m.layers[-1]
    styles = [f["properties"]["style"] for f in layer.data["features"]]
    fills = [(s["fillColor"], s["fillOpacity"]) for s in styles]
    # z -0.8 must not look like z -4 (before: every unit had the layer's opacity 0.6).
    assert len(set(fills)) == 6
    assert fills[2] == ("#a6a6a6", 0.35)  # within one z: no clear change, grey
    assert fills[0] == ("#00b0f0", 0.85) and fills[4] == ("#e46c0a", 0.85)
    assert [f["properties"]["link"] for f in layer.data["features"]][:2] == [
        "#unit-a",
        "#unit-b",
    ]


def test_the_legend_shows_every_class_in_the_maps_own_colours() -> None:
    html = legend("increase", "en")
    assert html.count('class="legend-item"') == 8
    # For an increase metric a rise is an improvement: blue above +3.
    above = feature_style(4.0, "increase")
    assert f"background:{above['fillColor']};opacity:{above['fillOpacity']}" in html
    assert above["fillColor"] == "#00b0f0"
    assert "&gt; +3" in html and "&lt; −3" in html and "no data" in html


def test_unit_anchor_is_a_safe_id() -> None:
    assert unit_anchor("75") == "unit-75"
    assert unit_anchor("116/hate crimes") == "unit-116-hate-crimes"
