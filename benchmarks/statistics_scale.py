"""The statistics pass at a big city's scale: 100,000 series on 2 workers, pool and Dask.

Times `statlib.compute.statistics` over `--series` synthetic monthly series (the panel and
the spec of benchmarks/statistics_pass.py) three ways, in one run:

- 1 process on the first ONE_PROCESS_SERIES series (the single-core reference: a whole
  100,000-series pass on one core would take about half an hour more);
- the local process pool of 2 workers (`workers=2`), all series;
- a local Dask cluster of 2 single-threaded worker processes (`scheduler="local"`), all
  series: the same code path as a remote cluster (`scheduler="tcp://host:8786"`).

Reported per 1,000 series: wall seconds, machine CPU seconds, and memory: the parent's
peak RSS above its RSS at the start (for Dask the scheduler runs in the parent) and the
largest single worker process's peak RSS; the speed-up of each 2-worker run over the
1-process rate, by wall time and in baseline units (see statistics_pass.py); and whether
the pool and Dask results are identical.

Usage:
    .venv/bin/python benchmarks/statistics_scale.py                  # 100,000 series, README
    .venv/bin/python benchmarks/statistics_scale.py --series 2000 --quick   # prints only
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import sys
import time
from dataclasses import dataclass

import pandas as pd
from readme_sections import replace_section

# statistics_pass pins BLAS to one thread before numpy is imported: import it first.
from statistics_pass import (  # isort: skip
    SEED,
    SERIES_LENGTH,
    STAGE_SAMPLE,
    WorkerMemory,
    _cpu_seconds,
    _reset_peak_rss,
    _status_mib,
    baseline_seconds,
    differing_tables,
    first_series,
    monthly_spec,
    versions,
)

from statlib import schema as S
from statlib.compute import DASK_CHUNKS_IN_FLIGHT_PER_THREAD, SERIES_PER_CHUNK, statistics
from statlib.synthetic import synthetic_panel

SECTION = "## Statistics pass at scale"
FULL_SERIES = 100_000
ONE_PROCESS_SERIES = 2_000
WORKERS = 2


@dataclass(frozen=True)
class ScaleRun:
    """One timed run."""

    label: str
    series: int
    seconds: float
    baseline_seconds: float
    cpu_seconds: float
    parent_extra_mib: float  # peak RSS above the RSS at the start
    worker_peak_mib: float
    result: dict[str, pd.DataFrame]

    def per_thousand(self, value: float) -> float:
        return 1000 * value / self.series


def timed(label: str, panel: pd.DataFrame, spec, **how) -> ScaleRun:
    """One pass over `panel` with `how` (workers=, scheduler=), after a fresh baseline."""
    baseline = baseline_seconds(first_series(panel, STAGE_SAMPLE), spec)
    _reset_peak_rss()
    start_mib = _status_mib("VmRSS")
    cpu_start = _cpu_seconds()
    start = time.perf_counter()
    with WorkerMemory() as memory:
        result = statistics(panel, spec, **how)
    seconds = time.perf_counter() - start
    return ScaleRun(
        label=label,
        series=panel.groupby(list(S.SERIES_KEYS)).ngroups,
        seconds=seconds,
        baseline_seconds=baseline,
        cpu_seconds=_cpu_seconds() - cpu_start,
        parent_extra_mib=_status_mib("VmHWM") - start_mib,
        worker_peak_mib=memory.peak_mib,
        result=result,
    )


def report(panel: pd.DataFrame, runs: list[ScaleRun], command: str, loads) -> str:
    one, *parallel = runs
    unit = one.seconds / one.baseline_seconds / one.series  # baseline units per series
    lines = [
        SECTION,
        "",
        f"Run {datetime.date.today().isoformat()} on {platform.machine()}, nproc "
        f"{os.cpu_count()} (shared with other jobs), Python {platform.python_version()}, "
        f"{versions()}, distributed {_version('distributed')}; BLAS pinned to 1 thread per "
        f"process. Load average (1 min) {loads[0][0]:.1f} at the start, {loads[1][0]:.1f} "
        "at the end.",
        f"Command: `{command}`",
        "",
        f"Data: `synthetic_panel({parallel[0].series}, length={SERIES_LENGTH}, seed={SEED})`, "
        f"monthly, {len(panel):,} rows; chunks of {SERIES_PER_CHUNK} series "
        f"({-(-parallel[0].series // SERIES_PER_CHUNK):,} chunks); Dask keeps "
        f"{DASK_CHUNKS_IN_FLIGHT_PER_THREAD} chunks per worker thread in flight.",
        "",
        "| run | series | wall s | wall s / 1,000 series | CPU s / 1,000 series "
        "| cores obtained | speed-up over 1 process (wall) | (baseline units) "
        "| parent peak MiB above start / 1,000 series | largest worker peak RSS MiB |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for run in runs:
        wall_ratio = one.per_thousand(one.seconds) / run.per_thousand(run.seconds)
        base_ratio = unit / (run.seconds / run.baseline_seconds / run.series)
        worker = f"{run.worker_peak_mib:.0f}" if run is not one else "-"
        lines.append(
            f"| {run.label} | {run.series:,} | {run.seconds:.1f} | "
            f"{run.per_thousand(run.seconds):.2f} | {run.per_thousand(run.cpu_seconds):.2f} | "
            f"{run.cpu_seconds / run.seconds:.2f} | {wall_ratio:.2f}x | {base_ratio:.2f}x | "
            f"{run.per_thousand(run.parent_extra_mib):.1f} | {worker} |"
        )
    differing = differing_tables(parallel[0].result, parallel[1].result)
    lines += [
        "",
        "Results of the process pool and of Dask: "
        + ("identical." if not differing else f"DIFFERENT in {', '.join(differing)}."),
        "",
        f"The 1-process row is the first {one.series:,} series in this process (the "
        "single-core reference); speed-ups compare seconds per 1,000 series. Baseline "
        "units divide each run by `statlib.spc.evaluate` on 200 series, timed just before "
        "it, to take out load changes between runs. CPU s is the whole machine's busy time "
        "(other jobs included). Parent peak: VmHWM reset before the run, minus the RSS at "
        "the start (the panel is already loaded); it holds the chunks, the results and, "
        "for Dask, the scheduler. Worker peak: the largest RSS of one process under this "
        "one (pool workers, or Dask's nannies and workers), sampled every 0.2 s. Both "
        "2-worker wall times include starting the workers.",
        "",
        _dask_overhead(*parallel),
        "",
    ]
    return "\n".join(lines)


def _dask_overhead(pool: ScaleRun, dask: ScaleRun) -> str:
    """What Dask costs over the pool on the same 2 cores, in CPU (the same series)."""
    extra = dask.per_thousand(dask.cpu_seconds) - pool.per_thousand(pool.cpu_seconds)
    return (
        f"Both 2-worker runs kept the 2 cores busy; Dask spent {extra:.2f} CPU s per 1,000 "
        f"series more than the pool ({extra / pool.per_thousand(pool.cpu_seconds):.0%}): "
        "its scheduler runs in the parent on the same 2 cores, and every chunk's rows and "
        "results travel between processes through its serialisation (not profiled further). "
        "On a cluster the scheduler has a machine of its own and each worker machine adds "
        "its cores; the pool cannot leave one machine. How to run it there: README, "
        "*Scaling out*."
    )


def _version(name: str) -> str:
    import importlib.metadata

    return importlib.metadata.version(name)


def _summary(run: ScaleRun) -> str:
    """A run's figures as they come (a long run's log keeps them if a later run fails)."""
    return (
        f"{run.label}: {run.seconds:.1f} s, {run.per_thousand(run.seconds):.2f} s and "
        f"{run.per_thousand(run.cpu_seconds):.2f} CPU s per 1,000 series, baseline "
        f"{run.baseline_seconds:.3f} s, parent +{run.parent_extra_mib:.0f} MiB, largest "
        f"worker {run.worker_peak_mib:.0f} MiB"
    )


def _say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--series", type=int, default=FULL_SERIES, help="series in the panel")
    parser.add_argument("--quick", action="store_true", help="print only (no README)")
    args = parser.parse_args()
    loads = [os.getloadavg()]
    start = time.perf_counter()
    panel = synthetic_panel(args.series, length=SERIES_LENGTH, seed=SEED)
    spec = monthly_spec(panel)
    _say(f"panel: {args.series} series, {len(panel):,} rows in {time.perf_counter() - start:.1f} s")
    sample = first_series(panel, min(ONE_PROCESS_SERIES, args.series))
    runs = [timed("1 process (sample)", sample, spec, workers=1)]
    _say(_summary(runs[-1]))
    runs.append(timed(f"process pool, {WORKERS} workers", panel, spec, workers=WORKERS))
    _say(_summary(runs[-1]))
    runs.append(
        timed(
            f"Dask LocalCluster, {WORKERS} workers", panel, spec, workers=WORKERS, scheduler="local"
        )
    )
    _say(_summary(runs[-1]))
    loads.append(os.getloadavg())
    command = ".venv/bin/python " + " ".join(["benchmarks/statistics_scale.py", *sys.argv[1:]])
    section = report(panel, runs, command, loads)
    print(section)
    if not args.quick:
        replace_section(SECTION, section)


if __name__ == "__main__":
    main()
