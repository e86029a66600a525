"""The whole statistics pass over a synthetic monthly panel, on 1 and on 2 processes.

What is timed is exactly what the compute pass runs for the per-series statistics:
`statlib.compute.statistics(observations, spec, workers=N)` (SPC, forecasts, the
previous-origin forecasts and this period's flags: rule keys and numbers), over
`--series` monthly series of 60..120 periods from `statlib.synthetic.synthetic_panel`.

Reported:
- wall seconds and series per second on 1 and on 2 processes, and the 2-vs-1 speed-up;
- the machine is shared and noisy, so every run is also given in BASELINE UNITS: its wall
  time divided by the time of a fixed baseline job measured in the same process just
  before it (`statlib.spc.evaluate` on the 200-series stage sample, best of
  BASELINE_REPEATS). The baseline-normalised speed-up corrects for load that changed
  between the two runs;
- the per-stage split on a STAGE_SAMPLE-series sample, in-process, calling the stage
  functions the way `series_statistics` does, chunk by chunk;
- peak memory: the parent's peak resident set during each run (Linux VmHWM, reset before
  the run through /proc/self/clear_refs) and the largest worker's (ru_maxrss of children);
- whether the 1- and 2-process results are identical (compute promises they are).

Usage:
    .venv/bin/python benchmarks/statistics_pass.py                 # 10,000 series, README
    .venv/bin/python benchmarks/statistics_pass.py --quick         # 500 series, prints only
    .venv/bin/python benchmarks/statistics_pass.py --series 2000   # any size, README

BLAS is pinned to one thread in this process too (the workers are pinned by compute), so
the 1-process run is the same single-threaded work the workers do.
"""

from __future__ import annotations

import os

# Pin BLAS BEFORE numpy is imported: compute pins it in its workers; do the same here so
# that 1 process and 2 processes run the same single-threaded code.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_variable] = "1"

import argparse  # noqa: E402
import datetime  # noqa: E402
import importlib.metadata  # noqa: E402
import platform  # noqa: E402
import sys  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402

import pandas as pd  # noqa: E402
import psutil  # noqa: E402
from readme_sections import replace_section  # noqa: E402

from statlib import schema as S  # noqa: E402
from statlib import spc  # noqa: E402
from statlib.compute import (  # noqa: E402
    SERIES_PER_CHUNK,
    StatisticsSpec,
    flag_stage,
    forecast_stage,
    previous_forecast_stage,
    series_statistics,
    spc_stage,
    statistics,
)
from statlib.periods import SEASON_LENGTH, pandas_freq  # noqa: E402
from statlib.synthetic import METRIC_DIRECTIONS, METRIC_NONNEGATIVE, synthetic_panel  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SECTION = "## Statistics pass"

SEED = 20260816
FULL_SERIES = 10_000
QUICK_SERIES = 500
SERIES_LENGTH = (60, 120)  # months: 5 to 10 years of history
HORIZON = 4  # months forecast, as a monthly domain's params would ask
STAGE_SAMPLE = 200  # series timed stage by stage, in this process
BASELINE_REPEATS = 5
STAGES = ("spc", "forecast", "previous-origin forecasts", "flags")
KIB_PER_MIB = 1024  # ru_maxrss and VmHWM are in KiB on Linux


@dataclass(frozen=True)
class PassRun:
    """One timed run of the statistics pass."""

    workers: int
    seconds: float
    baseline_seconds: float  # the baseline job, measured just before this run
    cpu_seconds: float  # user + system CPU of this process and the workers during the run
    parent_peak_mib: float
    parent_start_mib: float
    children_peak_mib: float
    result: dict[str, pd.DataFrame]


def monthly_spec(observations: pd.DataFrame) -> StatisticsSpec:
    """The spec a monthly domain of the synthetic metrics would get, for its last period."""
    return StatisticsSpec(
        directions=METRIC_DIRECTIONS,
        nonnegative=METRIC_NONNEGATIVE,
        counts=frozenset(key for key, nonnegative in METRIC_NONNEGATIVE.items() if nonnegative),
        freq="month",
        pandas_freq=pandas_freq("month"),
        season_length=SEASON_LENGTH["month"],
        horizon=HORIZON,
        spc_settings=spc.SpcSettings(),
        period=observations[S.PERIOD].max(),  # "YYYY-MM" labels sort in time order
    )


def first_series(observations: pd.DataFrame, n: int) -> pd.DataFrame:
    """The rows of the first `n` series (in series-key order)."""
    series_id = observations.groupby(list(S.SERIES_KEYS), sort=True).ngroup()
    return observations[series_id < n]


def series_chunks(observations: pd.DataFrame) -> list[pd.DataFrame]:
    """Chunks of SERIES_PER_CHUNK whole series, as the compute pass cuts them."""
    series_id = observations.groupby(list(S.SERIES_KEYS), sort=True).ngroup()
    return [chunk for _, chunk in observations.groupby(series_id // SERIES_PER_CHUNK)]


def baseline_seconds(sample: pd.DataFrame, spec: StatisticsSpec) -> float:
    """Best-of time of the baseline job: SPC of the stage sample."""
    times = []
    for _ in range(BASELINE_REPEATS):
        start = time.perf_counter()
        spc.evaluate(sample, directions=spec.directions, settings=spec.spc_settings)
        times.append(time.perf_counter() - start)
    return min(times)


def stage_seconds(sample: pd.DataFrame, spec: StatisticsSpec) -> dict[str, float]:
    """Seconds per stage over the sample: the stage functions `series_statistics` calls."""
    seconds = dict.fromkeys((*STAGES, "series_statistics"), 0.0)
    for chunk in series_chunks(sample):
        clock = time.perf_counter()

        def lap(stage: str) -> None:
            nonlocal clock
            now = time.perf_counter()
            seconds[stage] += now - clock
            clock = now

        evaluated = spc_stage(chunk, spec)
        lap("spc")
        forecast_stage(chunk, spec)
        lap("forecast")
        previous = previous_forecast_stage(chunk, spec)
        lap("previous-origin forecasts")
        flag_stage(chunk, spec, previous, evaluated.summary)
        lap("flags")
    # The same chunks through the product function: the stages should add up to it.
    start = time.perf_counter()
    for chunk in series_chunks(sample):
        series_statistics(chunk, spec)
    seconds["series_statistics"] = time.perf_counter() - start
    return seconds


def _reset_peak_rss() -> None:
    # Linux: writing 5 to clear_refs resets this process's peak RSS (VmHWM) to its RSS.
    Path("/proc/self/clear_refs").write_text("5")


def _status_mib(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / KIB_PER_MIB
    raise RuntimeError(f"/proc/self/status has no {field!r} line: not Linux?")


def _cpu_seconds() -> float:
    """Busy CPU seconds of the whole machine (/proc/stat).

    The pool's workers are forked by a forkserver, so they are not children of this
    process and getrusage cannot see them; the machine-wide count includes them (and any
    other job, which is why the load average is printed with the table).
    """
    with open("/proc/stat") as stat:
        fields = [int(v) for v in stat.readline().split()[1:9]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


class WorkerMemory:
    """Samples the RSS of this process's descendants (the forkserver and its workers)."""

    def __init__(self, every: float = 0.2) -> None:
        self.peak_mib, self._every = 0.0, every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        me = psutil.Process()
        while not self._stop.wait(self._every):
            for child in me.children(recursive=True):
                try:
                    rss = child.memory_info().rss / 2**20
                except psutil.NoSuchProcess:
                    continue  # a worker that ended between listing and reading
                self.peak_mib = max(self.peak_mib, rss)

    def __enter__(self) -> WorkerMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def timed_pass(observations: pd.DataFrame, spec: StatisticsSpec, workers: int) -> PassRun:
    """Run the statistics pass once on `workers` processes, after a fresh baseline."""
    baseline = baseline_seconds(first_series(observations, STAGE_SAMPLE), spec)
    _reset_peak_rss()
    parent_start = _status_mib("VmRSS")
    cpu_start = _cpu_seconds()
    start = time.perf_counter()
    with WorkerMemory() as workers_memory:
        result = statistics(observations, spec, workers=workers)
    seconds = time.perf_counter() - start
    return PassRun(
        workers=workers,
        seconds=seconds,
        baseline_seconds=baseline,
        cpu_seconds=_cpu_seconds() - cpu_start,
        parent_peak_mib=_status_mib("VmHWM"),
        parent_start_mib=parent_start,
        children_peak_mib=workers_memory.peak_mib,
        result=result,
    )


def differing_tables(first: dict[str, pd.DataFrame], second: dict[str, pd.DataFrame]) -> list:
    """Names of the result tables that differ between two runs (NaN equals NaN)."""
    return sorted(
        name
        for name in first.keys() | second.keys()
        if name not in first or name not in second or not first[name].equals(second[name])
    )


def versions() -> str:
    """Versions of the packages the pass depends on."""
    return ", ".join(
        f"{name} {importlib.metadata.version(name)}" for name in ("numpy", "pandas", "statsmodels")
    )


def report(
    panel: pd.DataFrame,
    stages: dict[str, float],
    runs: list[PassRun],
    command: str,
    loads: tuple[tuple[float, ...], tuple[float, ...]],
) -> str:
    """The README section: provenance, the pass table, the stage split and the notes."""
    n_series = panel.groupby(list(S.SERIES_KEYS)).ngroups
    one, two = runs
    raw_speedup = one.seconds / two.seconds
    normalised_speedup = (one.seconds / one.baseline_seconds) / (two.seconds / two.baseline_seconds)
    differing = differing_tables(one.result, two.result)
    stage_total = sum(stages[s] for s in STAGES)
    lines = [
        SECTION,
        "",
        f"Run {datetime.date.today().isoformat()} on {platform.machine()}, nproc "
        f"{os.cpu_count()} (shared with other jobs), Python {platform.python_version()}, "
        f"{versions()}; BLAS pinned to 1 thread per process. Load average (1 min) "
        f"{loads[0][0]:.1f} at the start, {loads[1][0]:.1f} at the end.",
        f"Command: `{command}`",
        "",
        f"Data: `synthetic_panel({n_series}, length={SERIES_LENGTH}, seed={SEED})`, monthly, "
        f"{len(panel):,} rows ({panel[S.VALUE].isna().sum():,} missing periods), "
        f"horizon {HORIZON}, review period {runs[0].result['flags'][S.PERIOD].max()}; "
        f"{len(runs[0].result['flags']):,} flag rows.",
        "",
        "| processes | wall s | series / s | baseline s | wall in baseline units "
        "| CPU s | cores obtained | parent peak RSS MiB (at start) "
        "| largest worker peak RSS MiB |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for run in runs:
        workers_peak = f"{run.children_peak_mib:.0f}" if run.workers > 1 else "-"
        lines.append(
            f"| {run.workers} | {run.seconds:.1f} | {n_series / run.seconds:.1f} | "
            f"{run.baseline_seconds:.3f} | {run.seconds / run.baseline_seconds:.0f} | "
            f"{run.cpu_seconds:.1f} | {run.cpu_seconds / run.seconds:.2f} | "
            f"{run.parent_peak_mib:.0f} ({run.parent_start_mib:.0f}) | {workers_peak} |"
        )
    lines += [
        "",
        f"Speed-up of 2 processes over 1: {raw_speedup:.2f}x by wall time, "
        f"{normalised_speedup:.2f}x in baseline units. Results on 1 and 2 processes: "
        + ("identical." if not differing else f"DIFFERENT in {', '.join(differing)}."),
        "",
        f"Stage split ({STAGE_SAMPLE}-series sample, 1 process, chunks of "
        f"{SERIES_PER_CHUNK} series as in the pass):",
        "",
        "| stage | s per 1,000 series | share |",
        "|---|---|---|",
    ]
    for stage in STAGES:
        lines.append(
            f"| {stage} | {1000 * stages[stage] / STAGE_SAMPLE:.1f} | "
            f"{100 * stages[stage] / stage_total:.0f}% |"
        )
    lines += [
        f"| sum of stages | {1000 * stage_total / STAGE_SAMPLE:.1f} | 100% |",
        f"| series_statistics, same chunks | "
        f"{1000 * stages['series_statistics'] / STAGE_SAMPLE:.1f} | |",
        "",
        "Baseline: `statlib.spc.evaluate` on the first "
        f"{STAGE_SAMPLE} series, best of {BASELINE_REPEATS}, measured in this process just "
        "before each pass; dividing by it removes most of the machine's load changes "
        "between runs. The 2-process wall time includes starting the forkserver (it imports "
        "statlib once). Parent peak RSS is VmHWM reset just before the run "
        "(the value in brackets is the RSS at the start: the panel and the imports); the "
        "worker figure is the largest RSS of one worker, sampled every 0.2 s during the run. "
        "CPU s is the busy CPU time of the whole machine during the run (/proc/stat: the "
        "forkserver's workers are not children of this process); cores obtained = CPU s / "
        "wall s shows how much of the 2 cores the run got. Workers are forked from a "
        "forkserver that imported statlib once, so they do not pay the imports again.",
        "",
    ]
    return "\n".join(lines)


def _say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--series", type=int, default=FULL_SERIES, help="series in the panel")
    parser.add_argument(
        "--quick", action="store_true", help=f"{QUICK_SERIES} series, print only (no README)"
    )
    args = parser.parse_args()
    n_series = QUICK_SERIES if args.quick else args.series
    load_start = os.getloadavg()

    start = time.perf_counter()
    panel = synthetic_panel(n_series, length=SERIES_LENGTH, seed=SEED)
    spec = monthly_spec(panel)
    _say(f"panel: {n_series} series, {len(panel):,} rows in {time.perf_counter() - start:.1f} s")

    stages = stage_seconds(first_series(panel, STAGE_SAMPLE), spec)
    _say("stages: " + ", ".join(f"{k} {v:.2f} s" for k, v in stages.items()))
    runs = []
    for workers in (1, 2):
        runs.append(timed_pass(panel, spec, workers))
        _say(f"{workers} process(es): {runs[-1].seconds:.1f} s")

    command = "cd /work/main && .venv/bin/python " + " ".join(
        ["benchmarks/statistics_pass.py", *sys.argv[1:]]
    )
    section = report(panel, stages, runs, command, (load_start, os.getloadavg()))
    print(section)
    if not args.quick:
        replace_section(SECTION, section)


if __name__ == "__main__":
    main()
