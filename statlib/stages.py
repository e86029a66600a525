"""The compute pass as a declared list of stages.

Each stage names the result tables it writes, with their columns (statlib.schema), and
the function that makes them from the pass's inputs. `compute_domain` runs the list in
order and checks every table against its declared columns (statlib.schema.RESULT_TABLES,
which the warehouse stores and the review page reads without importing the statistics).
Adding a statistic is adding a stage; no stage asks which domain it is in: each reads
the metric declarations.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from statlib import schema as S
from statlib.compare import compare, periods_only, versus_target, window_coverage
from statlib.compute import StatisticsSpec, statistics
from statlib.errors import StatlibError
from statlib.followup import follow_up
from statlib.forecast import against_total_target, forecast_year_end
from statlib.indicators import indicator_report, single_periods, spread_first_release
from statlib.ingest.actions import empty_register
from statlib.outlook import outlook
from statlib.overview import DomainResults, domain_counts, exceptions
from statlib.params import DomainParams
from statlib.peers import rank_units
from statlib.periods import SEASON_LENGTH, Period, pandas_freq
from statlib.proportions import funnels, p_charts
from statlib.registers import agency_scorecard, judge_measures


@dataclass(frozen=True)
class StageInput:
    """What every stage may read: the observations up to the period, and the settings."""

    observations: pd.DataFrame  # the series up to the period's end, with targets
    # as `observations`, plus rows covering other runs of days (NYPD's Saturday weeks of the
    # week-end switch) that only comparison windows use (statlib.compare.periods_only)
    published: pd.DataFrame
    params: DomainParams
    period: Period
    register: pd.DataFrame  # the action register (domain + ACTION_COLUMNS)
    # a register of measures (params `measure_register:`): its catalogue and yearly observations,
    # kept out of `observations` (its measures are declared by its data, not the params)
    catalogue: pd.DataFrame | None = None
    measures: pd.DataFrame | None = None
    # an overview's input (params `reads: domains`): the domains read, with their results
    read: tuple[DomainResults, ...] = ()
    workers: int = 1
    scheduler: str | None = None
    progress: bool = False

    def accumulating(self, accumulation: str, *, published: bool = False) -> pd.DataFrame:
        """The rows of metrics that accumulate that way ("period" or "ytd").

        `published` takes them from `published` (with the cuts of other days) instead of
        the series.
        """
        keys = [m.key for m in self.params.metrics if m.accumulation == accumulation]
        frame = self.published if published else self.observations
        return frame[frame[S.METRIC].isin(keys)]


@dataclass(frozen=True)
class Stage:
    """One step of the compute pass: a name, its tables and their columns, its function."""

    name: str
    tables: tuple[str, ...]  # the result tables it writes (statlib.schema.RESULT_TABLES)
    run: Callable[[StageInput], dict[str, pd.DataFrame]]
    # what it judges: the params' declared metrics, a register's measures (params
    # `measure_register`), or the other domains' results (params `reads: domains`); a
    # domain declaring none of them gets the stage's tables empty
    reads: Literal["metrics", "register", "domains"] = "metrics"

    def applies(self, params: DomainParams) -> bool:
        """Whether the domain declares what this stage reads."""
        if self.reads == "domains":
            return params.reads == "domains"
        return bool(params.metrics) if self.reads == "metrics" else bool(params.measure_register)


def _comparisons(given: StageInput) -> dict[str, pd.DataFrame]:
    # Year-to-date metrics are reported cumulative: their windows are the indicators'.
    params = given.params
    frame = given.accumulating("period", published=True)
    return {
        "comparisons": compare(
            frame,
            given.period,
            additive=params.metrics_where("additive"),
            counts=params.metrics_where("poisson"),
            ratios=params.metrics_where("ratio") & _with_parts(frame),
            calendar=params.calendar,
        )
    }


def _windows(given: StageInput) -> dict[str, pd.DataFrame]:
    frame = given.accumulating("period", published=True)
    return {"windows": window_coverage(frame, given.period, calendar=given.params.calendar)}


def _ranks(given: StageInput) -> dict[str, pd.DataFrame]:
    frame = given.accumulating("period")
    return {"ranks": rank_units(frame, given.period, given.params.directions)}


def _targets(given: StageInput) -> dict[str, pd.DataFrame]:
    return {"targets": versus_target(given.observations, given.period, given.params.directions)}


def _followup(given: StageInput) -> dict[str, pd.DataFrame]:
    return {
        "followup": follow_up(
            single_periods(given.observations, given.params),
            given.register,
            given.period,
            directions=given.params.directions,
            counts=given.params.metrics_where("events"),
        )
    }


def _indicators(given: StageInput) -> dict[str, pd.DataFrame]:
    return {"indicators": indicator_report(given.observations, given.params, given.period)}


def _outlook(given: StageInput) -> dict[str, pd.DataFrame]:
    return {"outlook": outlook(given.observations, given.params, given.period)}


def _year_end(given: StageInput) -> dict[str, pd.DataFrame]:
    # A budget (an annual level target of an additive metric): the year's total projected
    # from its single periods, judged against the budget, for every unit of the metric.
    params, year = given.params, given.period.end.year
    single = single_periods(given.observations, params)
    freq = pandas_freq(params.frequency, params.week_end)
    made = []
    for metric in params.metrics:
        target = metric.annual_total_target
        if target is None or target.year not in (None, year):
            continue
        rows = single[(single[S.METRIC] == metric.key) & single[S.VALUE].notna()]
        projected = forecast_year_end(
            rows,
            season_length=SEASON_LENGTH[params.frequency],
            freq=freq,
            nonnegative=metric.traits.nonnegative,
        )
        units = None if target.unit is None else (target.unit,)
        made.append(
            against_total_target(
                projected, target=target.value, direction=metric.direction, units=units
            )
        )
    if not made:
        return {}
    return {"year_end": pd.concat(made, ignore_index=True)}


def _series(given: StageInput) -> dict[str, pd.DataFrame]:
    # SPC, forecasts and flags judge single periods: a cumulative series rises all year by
    # construction. Growth-only metrics have no levels, hence no series here.
    single = spread_first_release(single_periods(given.observations, given.params), given.params)
    known = single.groupby(list(S.SERIES_KEYS))[S.VALUE].transform(lambda v: v.notna().any())
    spec = StatisticsSpec.of(given.params, given.period)
    return statistics(
        single[known],
        spec,
        workers=given.workers,
        scheduler=given.scheduler,
        progress=given.progress,
    )


def _proportions(given: StageInput) -> dict[str, pd.DataFrame]:
    # Rates counted as numerator / denominator: p-charts per series, funnels of the units.
    params, frame = given.params, given.accumulating("period")
    keys = params.metrics_where("ratio") & _with_parts(frame)
    frame = frame[frame[S.METRIC].isin(keys)]
    return {
        "p_chart": p_charts(frame, params.directions, shift_length=params.spc.shift_length),
        "funnel": funnels(frame, given.period, params.directions),
    }


def _register(given: StageInput) -> dict[str, pd.DataFrame]:
    spec = given.params.measure_register
    if spec is None or given.catalogue is None or given.measures is None:
        raise StatlibError(f"{given.params.domain}: a register domain needs its catalogue")
    judged = judge_measures(given.measures, given.catalogue, given.period.label)
    return {
        "register_measures": judged,
        "register_agencies": agency_scorecard(judged, spec.worsening_years),
    }


def _overview(given: StageInput) -> dict[str, pd.DataFrame]:
    domain, period = given.params.domain, given.period.label
    items = exceptions(given.read, domain, period)
    return {
        "overview_items": items,
        "overview_domains": domain_counts(given.read, items, domain, period),
    }


STAGES: tuple[Stage, ...] = (
    Stage("comparisons", ("comparisons",), _comparisons),
    Stage("windows", ("windows",), _windows),
    Stage("ranks", ("ranks",), _ranks),
    Stage("targets", ("targets",), _targets),
    Stage("followup", ("followup",), _followup),
    Stage("indicators", ("indicators",), _indicators),
    Stage("outlook", ("outlook",), _outlook),
    Stage("year_end", ("year_end",), _year_end),
    Stage("series", ("spc_points", "spc_summary", "forecasts", "flags"), _series),
    Stage("proportions", ("p_chart", "funnel"), _proportions),
    Stage("register", ("register_measures", "register_agencies"), _register, "register"),
    Stage("overview", ("overview_items", "overview_domains"), _overview, "domains"),
)


def _with_parts(frame: pd.DataFrame) -> set[str]:
    """Metrics whose every observed row carries its numerator and denominator."""
    if S.NUMERATOR not in frame.columns or S.DENOMINATOR not in frame.columns:
        return set()
    parts = frame[S.NUMERATOR].notna() & frame[S.DENOMINATOR].notna()
    complete = (parts | frame[S.VALUE].isna()).groupby(frame[S.METRIC]).all()
    return set(complete[complete].index)


def with_targets(observations: pd.DataFrame, params: DomainParams) -> pd.DataFrame:
    """`observations` with the params' per-period targets where the data set none.

    Args:
        observations: KPI frame, with or without a `target` column.
        params: the domain's params (`MetricSpec.period_target`).

    Returns:
        A new frame with a float `target` column (NaN where neither sets one).
    """
    declared = {m.key: m.period_target for m in params.metrics if m.period_target is not None}
    given = observations.get(S.TARGET, np.nan)
    from_params = observations[S.METRIC].map(declared).astype(float)
    return observations.assign(
        **{S.TARGET: pd.Series(given, index=observations.index).fillna(from_params)}
    )


def compute_domain(
    observations: pd.DataFrame,
    params: DomainParams,
    period: Period,
    *,
    register: pd.DataFrame | None = None,
    catalogue: pd.DataFrame | None = None,
    read: Sequence[DomainResults] = (),
    workers: int = 1,
    scheduler: str | None = None,
    progress: bool = False,
) -> dict[str, pd.DataFrame]:
    """Every result of one domain and period, by result table (statlib.schema.RESULT_TABLES).

    Args:
        observations: the domain's KPI frame (all periods up to `period` at least).
        params: the domain's params.
        period: the period under review.
        register: the domain's action register (domain + statlib.schema.ACTION_COLUMNS);
            None or empty: no actions to follow up.
        catalogue: a register's catalogue (statlib.schema.CATALOGUE_COLUMNS); its measures'
            observations go to the register stage only.
        read: an overview's input, the domains it reads with their results
            (statlib.domain_results.read_domains).
        workers: processes for the per-series statistics.
        scheduler: Dask scheduler address, "local", or None (see statlib.compute.statistics).
        progress: show a progress bar.

    Raises:
        StatlibError: a stage returned a table it does not declare, or without a declared
            column (a programming error, never a silent gap on the page).
    """
    observations = observations[observations[S.PERIOD_END] <= pd.Timestamp(period.end)]
    in_register = observations[S.METRIC].isin(() if catalogue is None else catalogue[S.METRIC])
    published = with_targets(observations[~in_register], params)
    given = StageInput(
        observations=periods_only(published),
        published=published,
        params=params,
        period=period,
        register=empty_register(params.domain) if register is None else register,
        catalogue=catalogue,
        measures=observations[in_register],
        read=tuple(read),
        workers=workers,
        scheduler=scheduler,
        progress=progress,
    )
    results: dict[str, pd.DataFrame] = {}
    for stage in STAGES:
        made = stage.run(given) if stage.applies(params) else {}
        for table in stage.tables:
            columns = S.RESULT_TABLES[table]
            frame = made.get(table, pd.DataFrame(columns=list(columns)))
            missing = [c for c in columns if c not in frame.columns]
            if missing or set(made) - set(stage.tables):
                raise StatlibError(
                    f"stage {stage.name!r} broke its declaration: table {table!r} lacks "
                    f"{', '.join(missing) or '-'}; undeclared tables: "
                    f"{', '.join(sorted(set(made) - set(stage.tables))) or '-'}"
                )
            results[table] = frame
    return results
