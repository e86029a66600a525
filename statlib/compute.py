"""The per-series statistics of the compute pass (statlib.stages lists every stage).

SPC, forecasts and flags are per series, so the series are cut into chunks and the chunks
run in worker processes (BLAS pinned to one thread each: with OpenBLAS's default threading,
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
from statlib.errors import StatlibError
from statlib.params import DomainParams
from statlib.periods import SEASON_LENGTH, Period, pandas_freq

BLAS_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
DASK_CONNECT_SECONDS = 20
DASK_CHUNKS_IN_FLIGHT_PER_THREAD = 4  # keeps every worker busy while results come back
SERIES_PER_CHUNK = 64  # small enough to balance two workers, large enough to amortise pickling


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

    @classmethod
    def of(cls, params: DomainParams, period: Period) -> StatisticsSpec:
        """The spec of a domain's params for one period."""
        return cls(
            directions=params.directions,
            nonnegative={m.key: m.traits.nonnegative for m in params.metrics},
            counts=frozenset(params.metrics_where("events")),
            freq=params.frequency,
            pandas_freq=pandas_freq(params.frequency, params.week_end),
            season_length=SEASON_LENGTH[params.frequency],
            horizon=params.forecast_horizon,
            spc_settings=spc.SpcSettings(**params.spc.model_dump()),
            period=period.label,
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
        limits), "forecasts" and "flags" (the period's flags as rule keys and numbers; none
        for rare-event series, see statlib.anomalies.rare).
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
    """The period's flags (rule keys and numbers, no words), and the SPC summary with RARE_EVENT.

    Rare-event count series (statlib.anomalies.rare) keep their summary row, marked, and
    lose their flags. The page words the flags (statlib.report.flag_words).
    """
    flags = anomalies.flag(
        observations,
        directions=spec.directions,
        freq=spec.freq,
        previous_forecasts=previous,
        spc_settings=spec.spc_settings,
        season_length=spec.season_length,
        period=spec.period,
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
        window = DASK_CHUNKS_IN_FLIGHT_PER_THREAD * max(sum(client.nthreads().values()), 1)
        parts: list[dict[str, pd.DataFrame]] = [{}] * len(chunks)
        number: dict[str, int] = {}  # future key -> chunk number
        running = as_completed(with_results=True)

        def collect(done: object, result: dict[str, pd.DataFrame]) -> None:
            parts[number.pop(done.key)] = result  # type: ignore[attr-defined]
            bar.update()

        # A window of chunks at a time, each result fetched (and so freed on the cluster)
        # as it completes: submitting every chunk at once put the whole panel in the
        # scheduler's memory and kept every result on the workers until the end.
        for index, chunk in enumerate(chunks):
            future = client.submit(series_statistics, chunk, spec, pure=False)
            number[future.key] = index
            running.add(future)
            if running.count() >= window:
                collect(*next(running))
        for done, result in running:
            collect(done, result)
        return parts
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _combine(parts: Sequence[dict[str, pd.DataFrame]]) -> dict[str, pd.DataFrame]:
    if not parts:
        return {}
    return {name: pd.concat([p[name] for p in parts], ignore_index=True) for name in parts[0]}
