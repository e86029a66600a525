"""The district map of an indicator review: each district's growth against the city's.

A section `(ReviewData, options) -> map` (statlib.report.registry). The colour is the
district's `relative_z` (statlib.indicators): its growth less the city's, in standard
deviations of the districts' growth, so a district far behind the city stands out whatever
the indicator's usual range.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import ipyleaflet
from IPython.display import HTML, display

from statlib import maps
from statlib import schema as S
from statlib.indicators import cumulative_metrics, own_units
from statlib.messages import text
from statlib.report.html import Html, paragraph, section
from statlib.report.indicator_sections import cumulative_label

if TYPE_CHECKING:
    from statlib.report.review import ReviewData

Options = Mapping[str, object]


def district_map(data: ReviewData, options: Options) -> ipyleaflet.Map | Html:
    """Each district's cumulative growth against the city's (option `metric`); heading first."""
    lang = data.lang
    metrics = cumulative_metrics(data.params)
    if data.boundaries is None or not metrics:
        return section("district_map", lang, paragraph(text("no_data", lang)))
    metric = data.metric_spec(str(options.get("metric", metrics[0].key)))
    indicators = data.table("indicators")
    rows = indicators[(indicators[S.METRIC] == metric.key) & (indicators[S.WINDOW] == S.YTD)]
    rows = rows[rows[S.UNIT].isin(own_units(data.params, rows[S.UNIT]))]
    caption = text(
        "district_map_caption",
        lang,
        metric=data.metric_label(metric.key),
        period=cumulative_label(data.period, lang),
        units=data.params.units.plural(lang),
    )
    heading = text("section_district_map", lang)
    display(HTML(f'<h2 id="district_map">{heading}</h2><p>{caption}</p>'))
    return maps.comparison_map(
        data.boundaries,
        rows.assign(**{S.POISSON_Z: rows[S.RELATIVE_Z]}),
        metric=metric.key,
        direction=metric.direction,
        unit_name=data.unit_label,
        lang=lang,
        window=S.YTD,
        measure=metric.measure,
    )
