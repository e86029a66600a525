"""One review page: the results of a domain and period, loaded once for its sections.

`open_review` reads everything a page needs from the warehouse (read-only) into a
`Review`; `Review.show(name)` draws one section of those listed in the domain's params
(statlib.report.registry), so a notebook cell is one call. An analyst explores the same
results with `frame(name)` (a DataFrame), `unit(key)` / `metric(key)` (narrowed views)
and `chart(metric, unit)` (one series' chart). Nothing is computed here
beyond choosing rows and labels: the compute pass did the statistics.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import pandas as pd

from statlib import schema as S
from statlib.catalog import Catalog, default_catalog
from statlib.charts import Chart, spc_chart
from statlib.errors import ParamsError, WarehouseError
from statlib.params import DomainParams, MetricSpec, load_domain, run_params
from statlib.periods import Period, parse_period
from statlib.report.flag_words import page_flags
from statlib.report.labels import unit_name
from statlib.report.registry import check_sections, draw
from statlib.sources import source
from statlib.warehouse import Warehouse

METRIC_NAME = "metric_name"  # `Review.frame`'s column of metric names beside their keys


@dataclass(frozen=True)
class ReviewData:
    """Everything one page shows, loaded: what every section function receives."""

    params: DomainParams
    period: Period
    lang: str
    results: dict[str, pd.DataFrame]  # statlib.schema.RESULT_TABLES, flags in `lang`
    notes: pd.DataFrame
    data_load: tuple[int, pd.Timestamp] | None  # the newest load in the page's data
    latest_period: str
    boundaries: dict | None
    # the department submissions behind the data (statlib.warehouse_state.submissions)
    submissions: pd.DataFrame = field(default_factory=pd.DataFrame)
    # an overview's (params `reads: domains`): the params of each domain it read, by key
    read: dict[str, DomainParams] = field(default_factory=dict)

    # --- labels -------------------------------------------------------------------------
    def metric_label(self, key: str) -> str:
        """A metric's name in the page's language."""
        return self.params.metric(key).label(self.lang)

    def unit_label(self, key: str) -> str:
        """A unit's name ("Precinct 75", "Citywide", a peer city's name) in the language."""
        return unit_name(self.params, key, self.lang)

    def metric_spec(self, key: str) -> MetricSpec:
        """A metric's declaration."""
        return self.params.metric(key)

    @property
    def metric_keys(self) -> list[str]:
        """Every metric, in declared order."""
        return [m.key for m in self.params.metrics]

    @property
    def major_metrics(self) -> list[str]:
        """Metrics marked major in the params, in their declared order."""
        return [m.key for m in self.params.metrics if m.major]

    @property
    def measures(self) -> dict[str, str]:
        """Metric key -> measure ("count", "rate", ...), for formatting values."""
        return {m.key: m.measure for m in self.params.metrics}

    # --- results ------------------------------------------------------------------------
    def table(self, name: str) -> pd.DataFrame:
        """A result table; a run that wrote no rows gives its declared columns, empty."""
        frame = self.results[name]
        if frame.empty:
            return pd.DataFrame(columns=list(S.RESULT_TABLES[name]))
        return frame

    def citywide(self, name: str) -> pd.DataFrame:
        """The city's rows of a result table."""
        frame = self.table(name)
        return frame[frame[S.UNIT] == S.CITYWIDE]


@dataclass(frozen=True)
class Review(ReviewData):
    """A loaded page; each `show` draws one of the sections its params list."""

    @property
    def sections(self) -> list[str]:
        """The page's sections, in the order the params list them."""
        return [spec.name for spec in self.params.sections]

    def show(self, name: str):
        """Draw section `name` with the options the params give it (Html or a map)."""
        return draw(self, self.params.section(name))

    # --- exploring (an analyst in JupyterLab) -----------------------------------------
    def frame(self, name: str) -> pd.DataFrame:
        """Result table `name` (statlib.schema.RESULT_TABLES) as a plain DataFrame.

        Long format, one row per observation, keys and numbers as the compute pass wrote
        them, with the metric's and the unit's names beside their keys; a copy, to change
        freely. `unit(...)` and `metric(...)` narrow it first.
        """
        if name not in S.RESULT_TABLES:
            raise ParamsError(f"no result table {name!r}: one of {', '.join(S.RESULT_TABLES)}")
        frame = self.table(name).reset_index(drop=True).copy()
        declared = {m.key for m in self.params.metrics}
        if S.METRIC in frame and METRIC_NAME not in frame:
            names = frame[S.METRIC].map(lambda k: self.metric_label(k) if k in declared else k)
            frame.insert(frame.columns.get_loc(S.METRIC) + 1, METRIC_NAME, names)
        if S.UNIT in frame and S.UNIT_NAME not in frame:
            names = frame[S.UNIT].map(self.unit_label)
            frame.insert(frame.columns.get_loc(S.UNIT) + 1, S.UNIT_NAME, names)
        return frame

    def unit(self, key: str) -> Review:
        """The same review narrowed to one unit ("75", "citywide").

        Every table keeps its rows of that unit (a table without units stays whole), for
        `frame`, `show` and `chart`.
        """
        return self._narrowed(S.UNIT, str(key))

    def metric(self, key: str) -> Review:
        """The same review narrowed to one metric (its key, e.g. "robbery")."""
        return self._narrowed(S.METRIC, key)

    def chart(self, metric: str, unit: str = S.CITYWIDE) -> Chart:
        """The SPC chart of one series with its forecast fan, as the page draws it."""
        series = self.metric(metric).unit(unit)
        return spc_chart(
            series.table("spc_points"),
            title=f"{self.metric_label(metric)} · {self.unit_label(unit)}",
            lang=self.lang,
            forecast=series.table("forecasts"),
            measure=self.metric_spec(metric).measure,
        )

    def _narrowed(self, column: str, key: str) -> Review:
        known = {str(v) for t in self.results.values() if column in t for v in t[column].dropna()}
        if key not in known:
            shown = ", ".join(sorted(known)[:12]) + (" ..." if len(known) > 12 else "")
            raise ParamsError(f"no {column} {key!r} in this review: one of {shown}")
        kept = {
            name: t[t[column].astype(str) == key] if column in t else t
            for name, t in self.results.items()
        }
        return replace(self, results=kept)


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
        ParamsError: bad domain, period, language or section list.
        WarehouseError: no warehouse, or no computed results for that period.
    """
    run = run_params(domain, period, lang, as_of)
    catalog = catalog or default_catalog()
    params = load_domain(catalog.params_file(run.domain))
    check_sections(params)
    with Warehouse.open(catalog.warehouse) as warehouse:
        as_of_load = warehouse.resolve_as_of(run.as_of) if run.as_of else None
        computed = warehouse.computed_periods(run.domain, as_of_load=as_of_load)
        if not computed:
            raise WarehouseError(f"nothing computed yet for {run.domain}: run `statlib demo`")
        label = computed[-1] if run.period == "latest" else run.period
        chosen = parse_period(label, week_end=params.week_end)
        results = {
            t: warehouse.results(t, run.domain, chosen.label, as_of_load=as_of_load)
            for t in S.RESULT_TABLES
        }
        results["flags"] = page_flags(results["flags"], run.lang)
        run_id = warehouse.latest_run(run.domain, chosen.label, as_of_load=as_of_load)
        data = warehouse.run_data_load(run_id)  # None: a run from before versions, now
        notes = warehouse.quality_notes(run.domain, as_of=data)
        data_load = warehouse.latest_load(run.domain, as_of=data)
        latest = warehouse.latest_period(run.domain, as_of=data) or "—"
        submitted = warehouse.submissions(run.domain, as_of=data)
    drawn = params.units.boundaries_on(chosen.end)  # the map in force at the period's end
    boundaries = source(params.source).read_boundaries(catalog.data_dir / drawn) if drawn else None
    read = {
        domain: load_domain(catalog.params_file(domain))
        for domain in results["overview_domains"].get(S.REVIEWED_DOMAIN, ())
    }
    return Review(
        params, chosen, run.lang, results, notes, data_load, latest, boundaries, submitted, read
    )
