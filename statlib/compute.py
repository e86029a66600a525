"""The compute pass: every statistic of one domain and period, ready to be written back.

Comparisons, ranks and targets are cheap table operations over the whole frame. SPC,
forecasts and flags are per series, so the series are cut into chunks and the chunks run
in worker processes (BLAS pinned to one thread each: with OpenBLAS's default threading,
per-series statsmodels fits ran about 3 times slower here). The result does not depend on
the number of workers: chunks are put back in series order.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing import get_context

import numpy as np
import pandas as pd
from tqdm import tqdm

from statlib import anomalies, forecast, spc
from statlib import schema as S
from statlib.anomalies.rare import rare_count_series, without_rare_counts
from statlib.anomalies.seasonal import seasonal_spc
from statlib.compare import compare, periods_only, versus_target, window_coverage
from statlib.errors import StatlibError
from statlib.followup import follow_up
from statlib.ingest.actions import empty_register
from statlib.messages import LANGS
from statlib.params import DomainParams
from statlib.peers import rank_units
from statlib.periods import SEASON_LENGTH, Period, pandas_freq

BLAS_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
DASK_CONNECT_SECONDS = 20
SERIES_PER_CHUNK = 64  # small enough to balance two workers, large enough to amortise pickling
_ADDITIVE = {"count", "money"}
_NONNEGATIVE = {"count", "stock", "money", "duration"}
# Counts whose single-period change gets the Poisson z: events in a period, and open
# backlogs (the number in an M/G/inf queue at a moment is Poisson). A backlog is never
# summed over periods, so its multi-period windows stay empty.
_POISSON = {"count", "stock"}


@dataclass(frozen=True)
class StatisticsSpec:
    """What the per-series statistics need to know about a domain (picklable)."""

    directions: dict[str, str]
    nonnegative: dict[str, bool]
    counts: frozenset[str]
    freq: str
    pandas_freq: str
    season_length: int
    horizon: int
    spc_settings: spc.SpcSettings
    period: str
    rates: frozenset[str] = frozenset()  # shares (0.85): flag messages show percentages

    @classmethod
    def of(cls, params: DomainParams, period: Period) -> StatisticsSpec:
        """The spec of a domain's params for one period."""
        return cls(
            directions=params.directions,
            nonnegative={m.key: m.measure in _NONNEGATIVE for m in params.metrics},
            counts=frozenset(m.key for m in params.metrics if m.measure == "count"),
            freq=params.frequency,
            pandas_freq=pandas_freq(params.frequency, params.week_end),
            season_length=SEASON_LENGTH[params.frequency],
            horizon=params.forecast_horizon,
            spc_settings=spc.SpcSettings(**params.spc.model_dump()),
            period=period.label,
            rates=frozenset(m.key for m in params.metrics if m.measure == "rate"),
        )


def series_statistics(observations: pd.DataFrame, spec: StatisticsSpec) -> dict[str, pd.DataFrame]:
    """SPC, forecasts and this period's flags for every series of `observations`.

    The four stages are separate functions so that benchmarks/statistics_pass.py times
    the very calls made here.

    Args:
        observations: KPI frame (series keys, period, period_end, value) up to the period.
        spec: the domain's directions, frequency and settings.

    Returns:
        "spc_points", "spc_summary" (with `rare_event`: a count series too sparse for XmR
        limits), "forecasts" and "flags" (the period's flags, one set per page language,
        with a `lang` column; none for rare-event series, see statlib.anomalies.rare).
    """
    evaluated = spc_stage(observations, spec)
    forecasts = forecast_stage(observations, spec)
    previous = previous_forecast_stage(observations, spec)
    flags, summary = flag_stage(observations, spec, previous, evaluated.summary)
    return {
        "spc_points": evaluated.points,
        "spc_summary": summary,
        "forecasts": forecasts,
        "flags": flags,
    }


def spc_stage(observations: pd.DataFrame, spec: StatisticsSpec) -> spc.SpcResult:
    """SPC judged on seasonally adjusted values as the flags are, drawn on the observed scale."""
    return seasonal_spc(
        observations,
        freq=spec.freq,
        season_length=spec.season_length,
        directions=spec.directions,
        settings=spec.spc_settings,
    )


def forecast_stage(observations: pd.DataFrame, spec: StatisticsSpec) -> pd.DataFrame:
    """Forecasts of the next `spec.horizon` periods with their intervals."""
    return forecast.forecast(
        observations,
        horizon=spec.horizon,
        season_length=spec.season_length,
        freq=spec.pandas_freq,
        nonnegative=spec.nonnegative,
    )


def previous_forecast_stage(observations: pd.DataFrame, spec: StatisticsSpec) -> pd.DataFrame:
    """The one-step forecasts made a period earlier, that the breach rule judges against."""
    nonnegative = observations[S.METRIC].map(spec.nonnegative).fillna(False).astype(bool)
    return pd.concat(
        [
            anomalies.previous_origin_forecasts(
                group,
                freq=spec.freq,
                season_length=spec.season_length,
                nonnegative=clip,
            )
            for clip, group in observations.groupby(nonnegative)
        ],
        ignore_index=True,
    )


def flag_stage(
    observations: pd.DataFrame,
    spec: StatisticsSpec,
    previous: pd.DataFrame,
    spc_summary: pd.DataFrame,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The period's flags in every page language, and the SPC summary with RARE_EVENT.

    Rare-event count series (statlib.anomalies.rare) keep their summary row, marked, and
    lose their flags.
    """
    flags = anomalies.flag_in_languages(
        observations,
        langs=LANGS,
        directions=spec.directions,
        freq=spec.freq,
        previous_forecasts=previous,
        spc_settings=spec.spc_settings,
        season_length=spec.season_length,
        period=spec.period,
        rates=spec.rates,
    )
    rare = rare_count_series(spc_summary, spec.counts)
    summary = spc_summary.merge(
        rare.assign(**{S.RARE_EVENT: True}), on=list(S.SERIES_KEYS), how="left"
    )
    summary[S.RARE_EVENT] = summary[S.RARE_EVENT].fillna(False).astype(bool)
    return without_rare_counts(flags, rare), summary


def _chunks(observations: pd.DataFrame, size: int) -> Iterator[pd.DataFrame]:
    """The frame cut into chunks of whole series, in series order."""
    ordered = observations.sort_values([*S.SERIES_KEYS, S.PERIOD_END], kind="stable")
    series_id = ordered.groupby(list(S.SERIES_KEYS), sort=False).ngroup().to_numpy()
    bounds = np.searchsorted(series_id, np.arange(0, series_id.max(initial=-1) + 1, size))
    for start, stop in zip(bounds, [*bounds[1:], len(ordered)], strict=True):
        yield ordered.iloc[start:stop]


@contextmanager
def _blas_pinned() -> Iterator[None]:
    """One BLAS thread in every process started inside (they read the variables at import)."""
    saved = {variable: os.environ.get(variable) for variable in BLAS_THREAD_VARIABLES}
    os.environ.update({variable: "1" for variable in BLAS_THREAD_VARIABLES})
    try:
        yield
    finally:
        for variable, value in saved.items():
            if value is None:
                os.environ.pop(variable, None)
            else:
                os.environ[variable] = value


def statistics(
    observations: pd.DataFrame,
    spec: StatisticsSpec,
    *,
    workers: int = 1,
    scheduler: str | None = None,
    progress: bool = False,
) -> dict[str, pd.DataFrame]:
    """`series_statistics` over every series, in chunks, in parallel.

    Args:
        observations: KPI frame of every series (see `series_statistics`).
        spec: the domain's directions, frequency and settings.
        workers: local worker processes (1: in this process).
        scheduler: a Dask distributed scheduler address ("tcp://host:8786") to scale out
            over a cluster, or "local" for a local Dask cluster of `workers` processes;
            None uses a local process pool.
        progress: show a progress bar.

    Returns:
        The frames of `series_statistics`, over all series, in series order.
    """
    chunks = list(_chunks(observations, SERIES_PER_CHUNK))
    bar = tqdm(total=len(chunks), desc="statistics", unit="chunk", disable=not progress)
    if scheduler is not None:
        parts = _on_dask(chunks, spec, scheduler, workers, bar)
    elif workers <= 1 or len(chunks) <= 1:
        parts = []
        for chunk in chunks:
            parts.append(series_statistics(chunk, spec))
            bar.update()
    else:
        # forkserver: the server starts fresh (so it reads the pinned BLAS variables before
        # numpy starts its threads) and imports statlib once; each worker is a cheap fork.
        context = get_context("forkserver")
        context.set_forkserver_preload([__name__])
        with _blas_pinned(), ProcessPoolExecutor(workers, mp_context=context) as pool:
            parts = []
            for part in pool.map(series_statistics, chunks, [spec] * len(chunks)):
                parts.append(part)
                bar.update()
    bar.close()
    return _combine(parts)


def _on_dask(
    chunks: Sequence[pd.DataFrame], spec: StatisticsSpec, scheduler: str, workers: int, bar: tqdm
) -> list[dict[str, pd.DataFrame]]:
    """Run the chunks on a Dask distributed cluster; results come back in chunk order."""
    from distributed import Client, LocalCluster, as_completed  # only runs at scale need it

    with _blas_pinned():
        if scheduler == "local":
            cluster = LocalCluster(
                n_workers=max(workers, 1),
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
            )
            client = Client(cluster)
        else:
            try:
                cluster, client = None, Client(scheduler, timeout=DASK_CONNECT_SECONDS)
            except OSError as error:
                raise StatlibError(
                    f"cannot reach the Dask scheduler at {scheduler!r}: {error}"
                ) from error
    try:
        futures = client.map(series_statistics, chunks, spec=spec, pure=False)
        for _ in as_completed(futures):
            bar.update()
        return client.gather(futures)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _combine(parts: Sequence[dict[str, pd.DataFrame]]) -> dict[str, pd.DataFrame]:
    if not parts:
        return {}
    return {name: pd.concat([p[name] for p in parts], ignore_index=True) for name in parts[0]}


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
        params: the domain's params (`MetricSpec.target`).

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
    workers: int = 1,
    scheduler: str | None = None,
    progress: bool = False,
) -> dict[str, pd.DataFrame]:
    """Every result of one domain and period, by warehouse table name.

    Args:
        observations: the domain's KPI frame (all periods up to `period` at least).
        params: the domain's params.
        period: the period under review.
        register: the domain's action register (domain + statlib.schema.ACTION_COLUMNS);
            None or empty: no actions to follow up.
        workers: processes for the per-series statistics.
        scheduler: Dask scheduler address, "local", or None (see `statistics`).
        progress: show a progress bar.

    Returns:
        comparisons, windows (which published rows fill each comparison window, and how
        many days they are off: statlib.compare.window_coverage), ranks, targets,
        followup, spc_points, spc_summary, forecasts, flags.
    """
    published = with_targets(
        observations[observations[S.PERIOD_END] <= pd.Timestamp(period.end)], params
    )
    upto = periods_only(published)  # the series; cuts of other days serve the windows only
    measures = {m.key: m.measure for m in params.metrics}
    results = {
        "comparisons": compare(
            published,
            period,
            additive={k for k, m in measures.items() if m in _ADDITIVE},
            counts={k for k, m in measures.items() if m in _POISSON},
            ratios={k for k, m in measures.items() if m == "rate"} & _with_parts(published),
            calendar=params.calendar,
        ),
        "windows": window_coverage(published, period, calendar=params.calendar),
        "ranks": rank_units(upto, period, params.directions),
        "targets": versus_target(upto, period, params.directions),
        "followup": follow_up(
            upto,
            empty_register(params.domain) if register is None else register,
            period,
            directions=params.directions,
            counts={k for k, m in measures.items() if m == "count"},
        ),
    }
    spec = StatisticsSpec.of(params, period)
    results.update(statistics(upto, spec, workers=workers, scheduler=scheduler, progress=progress))
    return results
