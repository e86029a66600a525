/* statlib offline map renderer.
 *
 * Draws each ipyleaflet Map saved in an executed notebook from the spec that
 * statlib/render/maps.py places next to it (<script type="application/json">), using
 * the vendored Leaflet. No tiles by default: the polygons are the base layer, so the
 * map works with no network. Tooltip text is set with textContent, never as HTML.
 */
(function () {
  "use strict";

  var POINT_RADIUS = 6;

  function merged(base, extra) {
    var out = {};
    Object.keys(base || {}).forEach(function (key) { out[key] = base[key]; });
    Object.keys(extra || {}).forEach(function (key) { out[key] = extra[key]; });
    return out;
  }

  // The words shown for a unit: an explicit tooltip, else "name: value".
  function labelFor(feature) {
    var props = feature.properties || {};
    if (props.tooltip !== undefined && props.tooltip !== null) {
      return String(props.tooltip);
    }
    var name = props.name !== undefined && props.name !== null ? props.name : props.unit;
    if (name === undefined || name === null) {
      return "";
    }
    if (props.value !== undefined && props.value !== null) {
      return String(name) + ": " + String(props.value);
    }
    return String(name);
  }

  function tooltipElement(label) {
    var span = document.createElement("span");
    span.textContent = label;
    return span;
  }

  function featureStyle(layerSpec) {
    return function (feature) {
      var own = (feature.properties && feature.properties.style) || {};
      return merged(layerSpec.style, own);
    };
  }

  function addGeoJson(map, layerSpec, bounds) {
    var styleOf = featureStyle(layerSpec);
    var group = L.geoJSON(layerSpec.data, {
      style: styleOf,
      pointToLayer: function (feature, latlng) {
        return L.circleMarker(latlng, merged({ radius: POINT_RADIUS }, layerSpec.point_style));
      },
      onEachFeature: function (feature, layer) {
        var label = labelFor(feature);
        if (label) {
          layer.bindTooltip(tooltipElement(label), { sticky: true });
          // Touch screens have no hover: a tap opens the same tooltip. A unit whose card
          // is on the page (statlib.report.units) opens it once its tooltip shows.
          layer.on("click", function () {
            var link = feature.properties && feature.properties.link;
            var card = link && document.getElementById(String(link).replace(/^#/, ""));
            if (card && layer.isTooltipOpen()) { window.location.hash = String(link); return; }
            layer.openTooltip();
          });
        }
        layer.on("mouseover", function () {
          if (layer.setStyle) { layer.setStyle(merged(styleOf(feature), layerSpec.hover_style)); }
        });
        layer.on("mouseout", function () {
          if (layer.setStyle) { layer.setStyle(styleOf(feature)); }
        });
      }
    }).addTo(map);
    var layerBounds = group.getBounds();
    if (layerBounds.isValid()) { bounds.extend(layerBounds); }
  }

  function addTiles(map, tiles) {
    tiles.forEach(function (tile) {
      var options = { attribution: tile.attribution || "" };
      if (tile.max_zoom !== null && tile.max_zoom !== undefined) { options.maxZoom = tile.max_zoom; }
      if (tile.min_zoom !== null && tile.min_zoom !== undefined) { options.minZoom = tile.min_zoom; }
      L.tileLayer(tile.url, options).addTo(map);
    });
    if (tiles.length) { L.control.attribution({ prefix: false }).addTo(map); }
  }

  function draw(element) {
    var specNode = document.getElementById(element.getAttribute("data-spec"));
    var spec = JSON.parse(specNode.textContent);
    // A height set on the ipyleaflet Map's layout wins; otherwise report.css decides.
    var height = element.getAttribute("data-height");
    if (height) { element.style.height = height; }
    var options = {
      zoomControl: false,
      attributionControl: false,
      scrollWheelZoom: spec.scroll_wheel_zoom,
      dragging: spec.dragging
    };
    if (spec.min_zoom !== null) { options.minZoom = spec.min_zoom; }
    if (spec.max_zoom !== null) { options.maxZoom = spec.max_zoom; }
    var map = L.map(element, options);
    if (spec.controls.zoom) {
      L.control.zoom({
        position: spec.controls.zoom.position,
        zoomInTitle: spec.labels.zoom_in,
        zoomOutTitle: spec.labels.zoom_out
      }).addTo(map);
    }
    if (spec.controls.scale) { L.control.scale(spec.controls.scale).addTo(map); }
    addTiles(map, spec.tiles);
    var bounds = L.latLngBounds([]);
    spec.geojson.forEach(function (layerSpec) { addGeoJson(map, layerSpec, bounds); });
    // Fit the units, not the notebook's saved view: that view was chosen on a desktop
    // screen and can leave most units outside a phone-width map.
    if (bounds.isValid()) {
      map.fitBounds(bounds, { padding: [8, 8] });
    } else {
      map.setView(spec.center, spec.zoom);
    }
    element.setAttribute("data-drawn", "true");
  }

  document.querySelectorAll("div.statlib-map").forEach(draw);
}());
