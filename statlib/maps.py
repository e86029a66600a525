"""Maps by reporting unit: an ipyleaflet map whose polygons are coloured by a comparison.

Computing is done: this module only joins a comparison frame to unit boundaries and picks
colours. In JupyterLab the map is a live widget; the rendered page redraws the same saved
widget state offline (statlib.render), so each feature carries its own style and tooltip.
"""

from __future__ import annotations

import copy
import html
import re
from collections.abc import Callable, Mapping
from typing import Any

import ipyleaflet
import pandas as pd

from statlib import schema as S
from statlib.messages import format_measure, format_number, format_percent, text
from statlib.spc import POINT_TYPE_COLOURS

NO_DATA_COLOUR = "#f2f2f2"
NEUTRAL_FALL_COLOUR = "#009292"  # teal: beside MDC's neutral purple in one colour-blind-safe set
Z_STEPS = (1.0, 2.0, 3.0)  # |z| bands: faint, clear, significant (|z| > 3 is a real change)
_OPACITY = {0: 0.15, 1: 0.35, 2: 0.6, 3: 0.85}


def unit_anchor(unit: str) -> str:
    """The id of a unit's card on the page (statlib.report.units): "unit-75".

    Each polygon links to it, so the map is the way into a unit's figures.
    """
    return "unit-" + _UNSAFE_ID.sub("-", unit)


_UNSAFE_ID = re.compile(r"[^A-Za-z0-9_-]")


def _band(z: float) -> int:
    return sum(abs(z) > step for step in Z_STEPS)


def feature_style(z: float, direction: str) -> dict[str, Any]:
    """Fill for one unit: orange for a change that is a concern, blue for an improvement.

    A change within one z either way is no clear change: grey, whatever its sign.

    Args:
        z: the Poisson z of the unit's change (NaN: no data).
        direction: the metric's improvement direction.
    """
    if pd.isna(z):
        return {"fillColor": NO_DATA_COLOUR, "fillOpacity": 0.6}
    if _band(z) == 0:
        return {"fillColor": POINT_TYPE_COLOURS["common_cause"], "fillOpacity": _OPACITY[1]}
    worse = (z > 0) if direction != S.INCREASE else (z < 0)
    kind = "concern" if worse else "improvement"
    colour = POINT_TYPE_COLOURS[kind]
    if direction == S.NEUTRAL:  # up or down, neither better: purple (MDC's neutral) or teal
        colour = POINT_TYPE_COLOURS["neutral_high"] if z > 0 else NEUTRAL_FALL_COLOUR
    return {"fillColor": colour, "fillOpacity": _OPACITY[_band(z)]}


def legend(direction: str, lang: str) -> str:
    """The map's colour scale as HTML: one swatch per class of z, and no data.

    Classes run from below -3 to above +3 at the Z_STEPS edges. Each swatch is drawn with
    `feature_style` at a z inside its class, so the legend and the map cannot disagree.
    """
    edges = [-step for step in reversed(Z_STEPS)] + list(Z_STEPS)
    items = [_swatch(feature_style(edges[0] - 1, direction), f"< {_z(edges[0])}")]
    for low, high in zip(edges, edges[1:], strict=False):
        words = f"{_z(low)} – {_z(high)}"
        items.append(_swatch(feature_style((low + high) / 2, direction), words))
    items.append(_swatch(feature_style(edges[-1] + 1, direction), f"> {_z(edges[-1])}"))
    items.append(
        _swatch({"fillColor": NO_DATA_COLOUR, "fillOpacity": 0.6}, text("legend_no_data", lang))
    )
    title = html.escape(text("legend_z_title", lang))
    return f'<p class="map-legend"><span class="legend-title">{title}</span>{"".join(items)}</p>'


def _z(value: float) -> str:
    return f"{value:+g}".replace("-", "\N{MINUS SIGN}")


def _swatch(style: Mapping[str, Any], words: str) -> str:
    colour, opacity = style["fillColor"], style["fillOpacity"]
    return (
        f'<span class="legend-item"><span class="legend-swatch" '
        f'style="background:{colour};opacity:{opacity}"></span>{html.escape(words)}</span>'
    )


def comparison_map(
    boundaries: Mapping[str, Any],
    comparisons: pd.DataFrame,
    *,
    metric: str,
    direction: str,
    unit_name: Callable[[str], str],
    lang: str,
    window: str = "28_day",
    measure: str = "count",
) -> ipyleaflet.Map:
    """A map of `metric`'s change over `window`, one polygon per unit.

    Args:
        boundaries: GeoJSON FeatureCollection whose features have a `unit` property.
        comparisons: comparison frame (statlib.compare) with unit, metric, window,
            current, prior, pct_change, z.
        metric: the metric drawn.
        direction: its improvement direction (decides which colour a rise gets).
        unit_name: unit key -> label in `lang` for tooltips.
        lang: language of the tooltips.
        window: the comparison window drawn.
        measure: the metric's measure (statlib.params), for the numbers in tooltips.

    Returns:
        An ipyleaflet Map fitted to the boundaries with one GeoJSON layer.
    """
    rows = comparisons[(comparisons[S.METRIC] == metric) & (comparisons[S.WINDOW] == window)]
    by_unit = rows.set_index(S.UNIT)
    data = copy.deepcopy(dict(boundaries))  # never touch the caller's collection
    lats, lons = [], []
    for feature in data["features"]:
        unit = feature["properties"]["unit"]
        row = by_unit.loc[unit] if unit in by_unit.index else None
        z = float("nan") if row is None else float(row[S.POISSON_Z])
        feature["properties"]["style"] = feature_style(z, direction)
        feature["properties"]["link"] = "#" + unit_anchor(str(unit))
        feature["properties"]["tooltip"] = (
            f"{unit_name(unit)}: {text('no_data', lang)}"
            if row is None
            else text(
                "map_tooltip",
                lang,
                unit=unit_name(unit),
                current=format_measure(row[S.CURRENT], measure, lang),
                prior=format_measure(row[S.PRIOR], measure, lang),
                pct=format_percent(row[S.PCT_CHANGE], lang),
                z=format_number(z, lang, 1),
            )
        )
        _collect(feature["geometry"]["coordinates"], lats, lons)
    layer = ipyleaflet.GeoJSON(
        data=data,
        # No fillOpacity here: ipyleaflet would write it over every feature's own (its z band).
        style={"color": "#404040", "weight": 1},
        hover_style={"weight": 3, "color": "#000000"},
        name=text("section_map", lang),
    )
    south, north, west, east = min(lats), max(lats), min(lons), max(lons)
    m = ipyleaflet.Map(
        center=((south + north) / 2, (west + east) / 2),
        zoom=10,
        scroll_wheel_zoom=False,
        layout={"height": "480px", "width": "100%"},
    )
    m.add(layer)
    m.fit_bounds([[south, west], [north, east]])
    return m


def _collect(coordinates: Any, lats: list[float], lons: list[float]) -> None:
    """Gather every (lon, lat) pair of a (Multi)Polygon's nested coordinate lists."""
    if coordinates and isinstance(coordinates[0], (int, float)):
        lons.append(coordinates[0])
        lats.append(coordinates[1])
        return
    for part in coordinates:
        _collect(part, lats, lons)
