"""The sections of a CompStat-style review: each `(ReviewData, options) -> Html`.

Options come from the section's entry in `params/<domain>.yaml` (see
statlib.report.registry for the options each takes); what a CompStat page used to hard-wire
(the mapped metric, the window of rises, the z a rise must pass) is an option with the
CompStat default.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import ipyleaflet
import pandas as pd
from IPython.display import HTML, display

from statlib import charts, maps
from statlib import schema as S
from statlib.compare import DAYS_28, PREVIOUS_PERIOD, SAME_PERIOD
from statlib.messages import text
from statlib.report import followup, provenance, sections, windows
from statlib.report.flag_words import chance_words
from statlib.report.html import Html, section
from statlib.report.labels import spc_settings_words
from statlib.spc.settings import SpcSettings

if TYPE_CHECKING:
    from statlib.report.review import ReviewData

Options = Mapping[str, object]
HEADLINE_METRIC_POSITION = -1  # by default the last major metric (a total) is mapped
_NEUTRAL = {S.NEUTRAL: "_neutral"}  # a neutral metric's map: up and down, not worse and better


def change_window(data: ReviewData, options: Options) -> str:
    """The window of rises and the map: 28 days weekly, else the same period last year.

    A fortnight or a month has no 28-day window of whole periods.
    """
    default = DAYS_28 if data.params.frequency == "week" else SAME_PERIOD
    return str(options.get("window", default))


def summary(data: ReviewData, options: Options) -> Html:
    """Period, data freshness, counts of concerns and improvements, the caveat.

    The counts say how many concerns a page of this many series raises by chance
    (statlib.anomalies.budget).
    """
    flags, series = data.table("flags"), data.table("spc_summary")
    counts = text(
        "concerns_count",
        data.lang,
        concerns=int((flags[S.FLAG_DIRECTION] == "concern").sum()),
        improvements=int((flags[S.FLAG_DIRECTION] == "improvement").sum()),
    )
    # Rare-event counts are never flagged (statlib.anomalies.rare): they cannot raise one.
    rare = series.get(S.RARE_EVENT, pd.Series(False, index=series.index))  # older runs: none
    flaggable = int((~rare.fillna(False).astype(bool)).sum())
    chance = chance_words(flags, flaggable, data.lang) if flaggable else ""
    return sections.summary(
        data.period, data.data_load, data.latest_period, f"{counts} {chance}".strip(), data.lang
    )


def exceptions(data: ReviewData, options: Options) -> Html:
    """Every flag of the period, concerns first."""
    return sections.exceptions(
        data.table("flags"), data.metric_label, data.unit_label, data.lang, data.measures
    )


def actions(data: ReviewData, options: Options) -> Html:
    """Actions agreed at earlier reviews: owner, status, overdue, the metric's movement."""
    return followup.actions(
        data.table("followup"),
        data.metric_label,
        data.unit_label,
        data.params.frequency,
        data.lang,
        lambda key: data.metric_spec(key).measure,
        csv_name=f"{data.params.domain}.actions.csv",
    )


def compstat_table(data: ReviewData, options: Options) -> Html:
    """The citywide CompStat table (the previous period is in the CSV, not here)."""
    comparisons = data.table("comparisons")
    windows = [w for w in dict.fromkeys(comparisons[S.WINDOW]) if w != PREVIOUS_PERIOD]
    return sections.compstat(
        data.citywide("comparisons"),
        sorted(set(comparisons[S.METRIC]), key=data.metric_keys.index),
        data.metric_label,
        windows,
        data.period,
        data.lang,
        data.measures,
    )


def comparison_windows(data: ReviewData, options: Options) -> Html:
    """Where a comparison window could only be approximated by the published days."""
    return windows.windows(data.table("windows"), data.lang)


def largest_rises(data: ReviewData, options: Options) -> Html:
    """Units with the largest significant rises, by z (option `window`)."""
    return sections.rises(
        data.table("comparisons"),
        data.metric_label,
        data.unit_label,
        data.params.units.plural(data.lang),
        int(options.get("top", data.params.top_n)),
        data.lang,
        change_window(data, options),
    )


def process_behaviour(data: ReviewData, options: Options) -> Html:
    """SPC icons per metric, citywide."""
    return sections.process(
        data.citywide("spc_summary"),
        data.metric_keys,
        data.metric_label,
        data.lang,
        data.measures,
        pd.Timestamp(data.period.end),
    )


def trends(data: ReviewData, options: Options) -> Html:
    """An SPC chart with its forecast fan for each major metric, citywide.

    Option `heading`: "single_period" titles it for the single months of cumulative
    indicators (the charts are the same: SPC runs on single periods).
    """
    points, fan = data.citywide("spc_points"), data.citywide("forecasts")
    figures = [
        Html(
            charts.spc_chart(
                points[points[S.METRIC] == key],
                title=data.metric_label(key),
                lang=data.lang,
                forecast=fan[fan[S.METRIC] == key],
                measure=data.metric_spec(key).measure,
            )._repr_html_()
        )
        for key in data.major_metrics
        if (points[S.METRIC] == key).any()
    ]
    heading = options.get("heading")
    return section(
        "trends" + (f"_{heading}" if heading else ""), data.lang, *figures, anchor="trends"
    )


def unit_map(data: ReviewData, options: Options) -> ipyleaflet.Map | Html:
    """The unit map of a metric's change (options `metric`, `window`); heading first."""
    if data.boundaries is None:
        return section("map", data.lang, Html(f"<p>{text('no_data', data.lang)}</p>"))
    key = str(options.get("metric", data.major_metrics[HEADLINE_METRIC_POSITION]))
    window = change_window(data, options)
    caption = text(
        "map_caption" + ("" if window == DAYS_28 else "_" + window),
        data.lang,
        metric=data.metric_label(key),
        unit=data.params.units.label(data.lang),
        colours=text(f"map_colours{_NEUTRAL.get(data.metric_spec(key).direction, '')}", data.lang),
    )
    legend = maps.legend(data.metric_spec(key).direction, data.lang)
    display(HTML(f'<h2 id="map">{text("section_map", data.lang)}</h2><p>{caption}</p>{legend}'))
    return maps.comparison_map(
        data.boundaries,
        data.table("comparisons"),
        metric=key,
        direction=data.metric_spec(key).direction,
        unit_name=data.unit_label,
        lang=data.lang,
        window=window,
        measure=data.metric_spec(key).measure,
    )


def forecasts(data: ReviewData, options: Options) -> Html:
    """Citywide forecasts of the major metrics."""
    return sections.forecasts(
        data.citywide("forecasts"),
        data.major_metrics,
        data.metric_label,
        lambda step: data.period.shift(step).label,
        data.params.forecast_horizon,
        data.lang,
        data.measures,
    )


def data_quality(data: ReviewData, options: Options) -> Html:
    """What ingest found and did about it: one row per check, over every file loaded."""
    return provenance.quality(provenance.by_check(data.notes), data.lang)


def methods(data: ReviewData, options: Options) -> Html:
    """How the numbers were made, and the data's source."""
    summary_frame = data.table("spc_summary")
    # The settings the params give (those the compute pass used), in the page's language.
    described = spc_settings_words(SpcSettings(**data.params.spc.model_dump()), data.lang)
    settings = described if len(summary_frame) else ""
    return sections.methods(
        settings,
        int(summary_frame[S.RARE_EVENT].fillna(False).astype(bool).sum()),
        text("source_" + data.params.source, data.lang),
        data.lang,
    )
