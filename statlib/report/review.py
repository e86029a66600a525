"""One review page: the results of a domain and period, as the notebook shows them.

`open_review` reads everything a page needs from the warehouse once (read-only) and each
method returns one displayed section, so a notebook cell is one call. Nothing is computed
here beyond choosing rows and labels: the compute pass did the statistics.
"""

from __future__ import annotations

from dataclasses import dataclass

import ipyleaflet
import pandas as pd
from IPython.display import HTML, display

from statlib import charts, maps
from statlib import schema as S
from statlib.catalog import Catalog, default_catalog
from statlib.compare import DAYS_28, PREVIOUS_PERIOD, SAME_PERIOD
from statlib.errors import WarehouseError
from statlib.messages import text
from statlib.params import DomainParams, load_domain, run_params
from statlib.periods import Period, parse_period
from statlib.report import followup, sections
from statlib.report.html import Html, section
from statlib.sources import source
from statlib.warehouse import Warehouse

RESULT_TABLES = (
    "comparisons",
    "spc_points",
    "spc_summary",
    "forecasts",
    "flags",
    "ranks",
    "followup",
)
HEADLINE_METRIC_POSITION = -1  # the last major metric (a total) is the one mapped


@dataclass(frozen=True)
class Review:
    """Everything one page shows, loaded; each method is one section of the page."""

    params: DomainParams
    period: Period
    lang: str
    results: dict[str, pd.DataFrame]
    notes: pd.DataFrame
    data_load: tuple[int, pd.Timestamp] | None  # the newest load in the page's data
    latest_period: str
    boundaries: dict | None

    # --- labels -------------------------------------------------------------------------
    def metric_label(self, key: str) -> str:
        """A metric's name in the page's language."""
        return self.params.metric(key).label(self.lang)

    def unit_label(self, key: str) -> str:
        """A unit's name ("Precinct 75", "Citywide") in the page's language."""
        if key == S.CITYWIDE:
            return text("citywide", self.lang)
        return text("unit_name", self.lang, kind=self.params.units.label(self.lang), unit=key)

    @property
    def major_metrics(self) -> list[str]:
        """Metrics marked major in the params, in their declared order."""
        return [m.key for m in self.params.metrics if m.major]

    @property
    def measures(self) -> dict[str, str]:
        """Metric key -> measure ("count", "rate", ...), for formatting values."""
        return {m.key: m.measure for m in self.params.metrics}

    @property
    def change_window(self) -> str:
        """The window of rises and the map: 28 days weekly, else the same period last year.

        A fortnight or a month has no 28-day window of whole periods.
        """
        return DAYS_28 if self.params.frequency == "week" else SAME_PERIOD

    def _citywide(self, table: str) -> pd.DataFrame:
        frame = self.results[table]
        return frame[frame[S.UNIT] == S.CITYWIDE]

    # --- sections -----------------------------------------------------------------------
    def summary(self) -> Html:
        """Period, data freshness, counts of concerns and improvements, the caveat."""
        flags = self.results["flags"]
        return sections.summary(
            self.period,
            self.data_load,
            self.latest_period,
            int((flags[S.FLAG_DIRECTION] == "concern").sum()),
            int((flags[S.FLAG_DIRECTION] == "improvement").sum()),
            self.lang,
        )

    def exceptions(self) -> Html:
        """Every flag of the period, concerns first."""
        return sections.exceptions(
            self.results["flags"], self.metric_label, self.unit_label, self.lang
        )

    def actions(self) -> Html:
        """Actions agreed at earlier reviews: owner, status, overdue, the metric's movement."""
        return followup.actions(
            self.results["followup"],
            self.metric_label,
            self.unit_label,
            self.params.frequency,
            self.lang,
            lambda key: self.params.metric(key).measure,
        )

    def compstat_table(self) -> Html:
        """The citywide CompStat table (the previous period is in the CSV, not here)."""
        windows = [
            w for w in dict.fromkeys(self.results["comparisons"][S.WINDOW]) if w != PREVIOUS_PERIOD
        ]
        return sections.compstat(
            self._citywide("comparisons"),
            [m.key for m in self.params.metrics],
            self.metric_label,
            windows,
            self.period,
            self.lang,
            self.measures,
        )

    def largest_rises(self) -> Html:
        """Units with the largest significant rises, by z."""
        return sections.rises(
            self.results["comparisons"],
            self.metric_label,
            self.unit_label,
            self.params.units.plural(self.lang),
            self.params.top_n,
            self.lang,
            self.change_window,
        )

    def process_behaviour(self) -> Html:
        """SPC icons per metric, citywide."""
        return sections.process(
            self._citywide("spc_summary"),
            [m.key for m in self.params.metrics],
            self.metric_label,
            self.lang,
            self.measures,
        )

    def trends(self) -> Html:
        """An SPC chart with its forecast fan for each major metric, citywide."""
        points, fan = self._citywide("spc_points"), self._citywide("forecasts")
        figures = [
            Html(
                charts.spc_chart(
                    points[points[S.METRIC] == key],
                    title=self.metric_label(key),
                    lang=self.lang,
                    forecast=fan[fan[S.METRIC] == key],
                    measure=self.params.metric(key).measure,
                )._repr_html_()
            )
            for key in self.major_metrics
        ]
        return section("trends", self.lang, *figures)

    def map(self) -> ipyleaflet.Map | Html:
        """The unit map of the headline metric's change over `change_window` (heading first)."""
        if self.boundaries is None:
            return section("map", self.lang, Html(f"<p>{text('no_data', self.lang)}</p>"))
        key = self.major_metrics[HEADLINE_METRIC_POSITION]
        caption = text(
            "map_caption" + ("" if self.change_window == DAYS_28 else "_" + self.change_window),
            self.lang,
            metric=self.metric_label(key),
            unit=self.params.units.label(self.lang),
        )
        display(HTML(f'<h2 id="map">{text("section_map", self.lang)}</h2><p>{caption}</p>'))
        return maps.comparison_map(
            self.boundaries,
            self.results["comparisons"],
            metric=key,
            direction=self.params.metric(key).direction,
            unit_name=self.unit_label,
            lang=self.lang,
            window=self.change_window,
            measure=self.params.metric(key).measure,
        )

    def forecasts(self) -> Html:
        """Citywide forecasts of the major metrics."""
        return sections.forecasts(
            self._citywide("forecasts"),
            self.major_metrics,
            self.metric_label,
            lambda step: self.period.shift(step).label,
            self.params.forecast_horizon,
            self.lang,
            self.measures,
        )

    def data_quality(self) -> Html:
        """What ingest found and did about it."""
        return sections.quality(self.notes, self.lang)

    def methods(self) -> Html:
        """How the numbers were made, and the data's source."""
        summary = self.results["spc_summary"]
        settings = str(summary[S.SETTINGS].iloc[0]) if len(summary) else ""
        return sections.methods(
            settings,
            int(summary[S.RARE_EVENT].sum()),
            text("source_" + self.params.source, self.lang),
            self.lang,
        )


def open_review(
    domain: str,
    period: str = "latest",
    lang: str = "en",
    catalog: Catalog | None = None,
    as_of: str = "",
) -> Review:
    """Load one domain's page for `period` ("latest" = newest computed period).

    `as_of` (a load id or ISO date/time) shows the run that reproduced the data known then
    (`statlib run --as-of`); "" the current one. Notes, data freshness and the latest period
    come from the data the run computed from.

    Raises:
        ParamsError: bad domain, period or language.
        WarehouseError: no warehouse, or no computed results for that period.
    """
    run = run_params(domain, period, lang, as_of)
    catalog = catalog or default_catalog()
    params = load_domain(catalog.params_file(run.domain))
    with Warehouse.open(catalog.warehouse) as warehouse:
        as_of_load = warehouse.resolve_as_of(run.as_of) if run.as_of else None
        computed = warehouse.computed_periods(run.domain, as_of_load=as_of_load)
        if not computed:
            raise WarehouseError(f"nothing computed yet for {run.domain}: run `statlib demo`")
        label = computed[-1] if run.period == "latest" else run.period
        chosen = parse_period(label, week_end=params.week_end)
        results = {
            t: warehouse.results(t, run.domain, chosen.label, as_of_load=as_of_load)
            for t in RESULT_TABLES
        }
        flags = results["flags"]
        results["flags"] = flags[flags[S.LANG] == run.lang].drop(columns=S.LANG)
        run_id = warehouse.latest_run(run.domain, chosen.label, as_of_load=as_of_load)
        data = warehouse.run_data_load(run_id)  # None: a run from before versions, now
        notes = warehouse.quality_notes(run.domain, as_of=data)
        data_load = warehouse.latest_load(run.domain, as_of=data)
        latest = warehouse.latest_period(run.domain, as_of=data) or "—"
    boundaries = (
        source(params.source).read_boundaries(catalog.data_dir / params.units.boundaries)
        if params.units.boundaries
        else None
    )
    return Review(params, chosen, run.lang, results, notes, data_load, latest, boundaries)
