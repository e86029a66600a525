"""Turn an ipyleaflet Map saved in notebook metadata into a spec our offline renderer draws.

nbclient stores every widget model's state in the executed notebook
(metadata.widgets["application/vnd.jupyter.widget-state+json"]) and the output cell keeps
only a model id. Instead of shipping the Jupyter widget manager (CDN-loaded, megabytes),
we pick out the map's own models and hand them to static/map.js as plain JSON.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from statlib.errors import RenderError

WIDGET_STATE_MIMETYPE = "application/vnd.jupyter.widget-state+json"
WIDGET_VIEW_MIMETYPE = "application/vnd.jupyter.widget-view+json"
MODEL_REF_PREFIX = "IPY_MODEL_"  # how ipywidgets serialises a reference to another model

MAP_MODEL = "LeafletMapModel"
GEOJSON_MODELS = frozenset({"LeafletGeoJSONModel", "LeafletChoroplethModel"})
GROUP_MODELS = frozenset({"LeafletLayerGroupModel", "LeafletFeatureGroupModel"})
TILE_MODELS = frozenset({"LeafletTileLayerModel"})
ZOOM_CONTROL_MODEL = "LeafletZoomControlModel"
SCALE_CONTROL_MODEL = "LeafletScaleControlModel"
# Controls that only steer a live kernel or a tile basemap: nothing of the data is lost
# when they are left out of a static page.
IGNORED_CONTROL_MODELS = frozenset(
    {"LeafletAttributionControlModel", "LeafletFullScreenControlModel"}
)

# 5 decimal places of a degree is about 1 m on the ground: finer than any precinct
# boundary needs, and it keeps a city's polygons well under the page-weight budget.
COORDINATE_DECIMALS = 5


def widget_state(metadata: Mapping[str, Any]) -> dict[str, Any]:
    """The model_id -> model dict saved by nbclient, or {} when the run saved none."""
    saved = metadata.get("widgets", {}).get(WIDGET_STATE_MIMETYPE, {})
    return dict(saved.get("state", {}))


def _model(state: Mapping[str, Any], ref: str, where: str) -> dict[str, Any]:
    """The saved model a reference ("IPY_MODEL_<id>" or a bare id) points to."""
    model_id = ref.removeprefix(MODEL_REF_PREFIX)
    if model_id not in state:
        raise RenderError(
            f"{where}: widget model {model_id!r} is not in the saved widget state; "
            "rule: the executed notebook must store widget state (nbclient store_widget_state)"
        )
    return state[model_id]


def _rounded(value: Any) -> Any:
    """A GeoJSON value with every float rounded to COORDINATE_DECIMALS (new object)."""
    if isinstance(value, float):
        return round(value, COORDINATE_DECIMALS)
    if isinstance(value, list):
        return [_rounded(item) for item in value]
    if isinstance(value, dict):
        return {key: _rounded(item) for key, item in value.items()}
    return value


def _geojson_data(data: Any) -> dict[str, Any]:
    """The layer's GeoJSON with only the geometry coordinates rounded."""
    if isinstance(data, str):  # older ipyleaflet versions sync data as a JSON string
        data = json.loads(data)
    features = data.get("features", [data] if data.get("type") == "Feature" else [])
    return {
        "type": "FeatureCollection",
        "features": [
            {**feature, "geometry": _rounded(feature.get("geometry"))} for feature in features
        ],
    }


def _layer_specs(
    state: Mapping[str, Any], refs: list[str], where: str
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Split the map's layers into GeoJSON layer specs and tile layer specs."""
    geojson: list[dict[str, Any]] = []
    tiles: list[dict[str, Any]] = []
    for ref in refs:
        model = _model(state, ref, where)
        name, layer = model["model_name"], model["state"]
        if name in GEOJSON_MODELS:
            if not layer.get("visible", True):
                continue
            geojson.append(
                {
                    "data": _geojson_data(layer.get("data") or {}),
                    "style": layer.get("style") or {},
                    "hover_style": layer.get("hover_style") or {},
                    "point_style": layer.get("point_style") or {},
                }
            )
        elif name in GROUP_MODELS:
            inner_geojson, inner_tiles = _layer_specs(state, layer.get("layers", []), where)
            geojson += inner_geojson
            tiles += inner_tiles
        elif name in TILE_MODELS:
            tiles.append(
                {
                    "url": layer.get("url", ""),
                    "attribution": layer.get("attribution", ""),
                    "max_zoom": layer.get("max_zoom"),
                    "min_zoom": layer.get("min_zoom"),
                }
            )
        else:
            # A layer we cannot draw would vanish from the page without a word.
            raise RenderError(
                f"{where}: map layer {name!r} is not supported by the offline map renderer; "
                f"rule: supported layers are {sorted(GEOJSON_MODELS | GROUP_MODELS | TILE_MODELS)}"
            )
    return geojson, tiles


def _control_specs(state: Mapping[str, Any], refs: list[str], where: str) -> dict[str, Any]:
    """The zoom and scale controls' options, keyed by control."""
    controls: dict[str, Any] = {}
    for ref in refs:
        model = _model(state, ref, where)
        name, control = model["model_name"], model["state"]
        if name == ZOOM_CONTROL_MODEL:
            controls["zoom"] = {"position": control.get("position", "topleft")}
        elif name == SCALE_CONTROL_MODEL:
            controls["scale"] = {
                "position": control.get("position", "bottomleft"),
                "metric": control.get("metric", True),
                "imperial": control.get("imperial", True),
            }
        elif name not in IGNORED_CONTROL_MODELS:
            raise RenderError(
                f"{where}: map control {name!r} is not supported by the offline map renderer; "
                f"rule: supported controls are zoom and scale"
            )
    return controls


def map_spec(
    state: Mapping[str, Any], model_id: str, *, where: str, online_tiles: bool
) -> dict[str, Any]:
    """The JSON spec static/map.js draws for one saved ipyleaflet Map.

    Args:
        state: The notebook's saved widget state (see `widget_state`).
        model_id: The Map model's id, from the output's widget-view data.
        where: Names the cell in error messages.
        online_tiles: Keep tile layers in the spec (they load from the network).

    Returns:
        Keys: center [lat, lon], zoom, min_zoom, max_zoom, scroll_wheel_zoom, dragging,
        height (CSS length or None), controls {zoom?, scale?}, geojson [{data, style,
        hover_style, point_style}], tiles [{url, attribution, max_zoom, min_zoom}].

    Raises:
        RenderError: The model is missing, is not a Map, or holds a layer we cannot draw.
    """
    model = _model(state, model_id, where)
    if model.get("model_name") != MAP_MODEL:
        raise RenderError(
            f"{where}: widget {model.get('model_name')!r} cannot be rendered offline; "
            f"rule: the only widget a page may show is an ipyleaflet Map ({MAP_MODEL})"
        )
    settings = model["state"]
    geojson, tiles = _layer_specs(state, settings.get("layers", []), where)
    layout = settings.get("layout")
    height = _model(state, layout, where)["state"].get("height") if layout else None
    return {
        "center": settings.get("center", [0.0, 0.0]),
        "zoom": settings.get("zoom", 1),
        "min_zoom": settings.get("min_zoom"),
        "max_zoom": settings.get("max_zoom"),
        "scroll_wheel_zoom": bool(settings.get("scroll_wheel_zoom", False)),
        "dragging": bool(settings.get("dragging", True)),
        "height": height,
        "controls": _control_specs(state, settings.get("controls", []), where),
        "geojson": geojson,
        "tiles": tiles if online_tiles else [],
    }


def script_json(spec: Mapping[str, Any], *, where: str) -> str:
    """JSON safe to place inside <script type="application/json">.

    Escaping <, > and & means no property text (a unit name, a tooltip) can close the
    script element or start markup, whatever it contains.

    Raises:
        RenderError: The spec holds NaN or infinity, which JSON cannot carry.
    """
    try:
        encoded = json.dumps(spec, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except ValueError as error:
        raise RenderError(
            f"{where}: map data holds a NaN or infinite number ({error}); "
            "rule: give missing values as None so the map can say 'no data'"
        ) from error
    return encoded.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
