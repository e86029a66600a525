"""False alarms per page: how many concerns a page of ~1,500 real weekly series raises by chance.

A public-safety page reviews every NYPD precinct x category series (data/nypd, real). Each
review period is judged as production judges it (statlib.compute's flag stage: the flags
of that period on the history up to it, the forecast made a period earlier, rare-count
series dropped), and the concerns (flags whose direction is "concern") are counted per page
and severity (at or above low, medium, high).

Three views, each over the last EVAL_PERIODS weeks:
- null model: every series' observed values randomly permuted in time (seeded): the same
  values, counts and noise, no level change, trend or season. Every flag is false.
- real: the series as published. The last weeks have no documented break (the rape
  definition changed in September 2024, the week end in July 2025); the flags are an upper
  bound of the false ones (some are real changes).
- injected, on the null-model series at the last period: a spike of SPIKE_SIZES robust sd
  in the concern direction, and a level shift of SHIFT_SIZE robust sd starting
  SHIFT_WINDOW - 1 periods before the last (found when flagged in one of its first
  SHIFT_WINDOW periods). Robust sd: 1.4826 * MAD of first differences / sqrt(2).

The rates "concerns by chance per series-period" of the null view are what
statlib.anomalies.budget states on the page; the budget severity is the lowest whose
expected chance concerns on a page of this size stay within PAGE_BUDGET.

Usage:
    .venv/bin/python benchmarks/false_alarms.py           # writes the README section
    .venv/bin/python benchmarks/false_alarms.py --quick   # 300 series, 3 periods, prints only
"""

from __future__ import annotations

import os

for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_variable] = "1"

import argparse  # noqa: E402
import datetime  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from concurrent.futures import ProcessPoolExecutor  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from readme_sections import replace_section  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from statlib import schema as S  # noqa: E402
from statlib.anomalies.budget import PAGE_BUDGET, budget_severity  # noqa: E402
from statlib.compute import StatisticsSpec, flag_stage, previous_forecast_stage  # noqa: E402
from statlib.params import load_domain  # noqa: E402
from statlib.periods import parse_period  # noqa: E402
from statlib.sources import source  # noqa: E402

SECTION = "## False alarms per page"
SEED = 20261210
EVAL_PERIODS = 8  # review weeks judged in the null and real views
SPIKE_SIZES = (4.0, 6.0)  # robust sd
SHIFT_SIZE = 3.0  # robust sd
SHIFT_WINDOW = 3  # a shift is found when flagged in one of its first 3 periods
MAD_TO_SD = 1.4826
SEVERITIES = ("low", "medium", "high")
RANK = {"low": 0, "medium": 1, "high": 2}


def observations_and_spec() -> tuple[pd.DataFrame, object]:
    """The NYPD weekly KPI frame (as ingested) and the public-safety params."""
    params = load_domain(REPO / "params" / "public_safety.yaml")
    observations = source("nypd_compstat").ingest(REPO / "data", params).observations
    observations = observations.sort_values([*S.SERIES_KEYS, S.PERIOD_END], kind="stable")
    return observations.reset_index(drop=True), params


def permuted(observations: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Each series' observed values shuffled in time (missing periods stay missing)."""
    values = observations[S.VALUE].to_numpy(dtype=float).copy()
    for rows in observations.groupby(list(S.SERIES_KEYS), sort=False).indices.values():
        kept = rows[~np.isnan(values[rows])]
        values[kept] = rng.permutation(values[kept])
    return observations.assign(**{S.VALUE: values})


def robust_sd(values: np.ndarray) -> float:
    """1.4826 * MAD of the first differences / sqrt(2); 1 when they never vary."""
    difference = np.diff(values[~np.isnan(values)])
    spread = MAD_TO_SD * np.median(np.abs(difference - np.median(difference))) / np.sqrt(2)
    return float(spread) if spread > 0 else 1.0


def injected(observations: pd.DataFrame, params, kind: str, size: float) -> pd.DataFrame:
    """The series with a spike at the last period or a shift from SHIFT_WINDOW - 1 before.

    In the concern direction of each metric (up for "decrease" metrics); neutral metrics
    go up. Counts stay counts: the size is rounded and the result kept at or above zero.
    """
    values = observations[S.VALUE].to_numpy(dtype=float).copy()
    directions = params.directions
    for (_, metric, _), rows in observations.groupby(
        list(S.SERIES_KEYS), sort=False
    ).indices.items():
        sign = -1.0 if directions.get(metric) == "increase" else 1.0
        step = np.round(sign * size * robust_sd(values[rows]))
        span = rows[-1:] if kind == "spike" else rows[-SHIFT_WINDOW:]
        values[span] = np.maximum(values[span] + step, 0.0)
    return observations.assign(**{S.VALUE: values})


def page(job: tuple[pd.DataFrame, object, str]) -> tuple[str, pd.DataFrame, int]:
    """One review period as the compute pass judges it: (period, flags, series reviewed)."""
    observations, params, label = job
    spec = StatisticsSpec.of(params, parse_period(label))
    end = observations.loc[observations[S.PERIOD] == label, S.PERIOD_END].max()
    seen = observations[observations[S.PERIOD_END] <= end]
    seen = seen[seen[S.VALUE].notna()]
    previous = previous_forecast_stage(seen, spec)
    centre = seen.groupby(list(S.SERIES_KEYS), as_index=False)[S.VALUE].mean()
    summary = centre.rename(columns={S.VALUE: S.CENTRE})
    flags, marked = flag_stage(seen, spec, previous, summary)
    in_period = seen[seen[S.PERIOD] == label][list(S.SERIES_KEYS)]
    reviewed = in_period.merge(marked[~marked[S.RARE_EVENT]], on=list(S.SERIES_KEYS))
    return label, flags, len(reviewed)


def concerns(flags: pd.DataFrame) -> dict[str, int]:
    """Concern flags at or above each severity."""
    rank = flags.loc[flags[S.FLAG_DIRECTION] == "concern", S.SEVERITY].map(RANK)
    return {s: int((rank >= RANK[s]).sum()) for s in SEVERITIES}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    wall = time.perf_counter()
    observations, params = observations_and_spec()
    if args.quick:
        keys = observations[list(S.SERIES_KEYS)].drop_duplicates().iloc[::5].head(300)
        observations = observations.merge(keys, on=list(S.SERIES_KEYS))
    periods = sorted(observations[S.PERIOD].unique())
    evaluated = periods[-(3 if args.quick else EVAL_PERIODS) :]
    null = permuted(observations, np.random.default_rng(SEED))
    jobs = {
        "null": [(null, params, p) for p in evaluated],
        "real": [(observations, params, p) for p in evaluated],
    }
    for size in SPIKE_SIZES:
        jobs[f"spike {size:g} sd"] = [(injected(null, params, "spike", size), params, periods[-1])]
    shifted = injected(null, params, "shift", SHIFT_SIZE)
    jobs[f"shift {SHIFT_SIZE:g} sd"] = [(shifted, params, p) for p in periods[-SHIFT_WINDOW:]]
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        results = {view: list(pool.map(page, js)) for view, js in jobs.items()}
    report = "\n".join(
        [*summary_lines(results, null_page_size(results)), "", *detection_lines(results)]
    )
    report += f"\n\nWall {time.perf_counter() - wall:.0f} s with {args.workers} workers."
    print(report)
    if not args.quick:
        replace_section(SECTION, section_text(report))


def null_page_size(results: dict) -> int:
    """Series reviewed on a null-model page (the mean over its periods)."""
    return int(round(np.mean([n for _, _, n in results["null"]])))


def summary_lines(results: dict, series: int) -> list[str]:
    """Concerns per page per period and per 100 series-periods, null and real."""
    lines = [
        "| view | periods | series / page | concerns / page (any, medium+, high) "
        "| per 100 series-periods (any, medium+, high) |",
        "|---|---|---|---|---|",
    ]
    for view in ("null", "real"):
        counts = [concerns(f) for _, f, _ in results[view]]
        reviewed = sum(n for _, _, n in results[view])
        per_page = [np.mean([c[s] for c in counts]) for s in SEVERITIES]
        per_100 = [100 * sum(c[s] for c in counts) / reviewed for s in SEVERITIES]
        lines.append(
            f"| {view} | {len(counts)} | {reviewed / len(counts):.0f} | "
            + ", ".join(f"{v:.1f}" for v in per_page)
            + " | "
            + ", ".join(f"{v:.3f}" for v in per_100)
            + " |"
        )
    lines += [
        "",
        f"Budget {PAGE_BUDGET:g} chance concern per page: on a page of {series} series "
        f"the budget severity is {budget_severity(series)!r} (statlib.anomalies.budget).",
    ]
    return lines


def detection_lines(results: dict) -> list[str]:
    """Share of injected series flagged as a concern, at each severity."""
    lines = ["| injected | series | found (any, medium+, high) |", "|---|---|---|"]
    for view, pages in results.items():
        if view in ("null", "real"):
            continue
        reviewed = pages[-1][2]
        found = {s: set() for s in SEVERITIES}
        for _, flags, _ in pages:
            hit = flags[flags[S.FLAG_DIRECTION] == "concern"]
            for s in SEVERITIES:
                keep = hit[hit[S.SEVERITY].map(RANK) >= RANK[s]]
                found[s] |= set(map(tuple, keep[list(S.SERIES_KEYS)].to_numpy()))
        shares = ", ".join(f"{len(found[s]) / reviewed:.3f}" for s in SEVERITIES)
        lines.append(f"| {view} | {reviewed} | {shares} |")
    return lines


def section_text(report: str) -> str:
    """The README section: how it was run, the tables, how to read them."""
    return "\n".join(
        [
            SECTION,
            "",
            f"Run {datetime.date.today().isoformat()}. "
            "Command: `.venv/bin/python benchmarks/false_alarms.py`",
            "",
            report,
            "",
            "How to read this: the null view is every NYPD series with its own values in a",
            "random order, so each concern it raises is a false one; the real view is the same",
            "pages as published, whose concerns include real changes. Injected changes are added",
            "to the null-model series in the concern direction; a series counts once.",
            "",
        ]
    )


if __name__ == "__main__":
    main()
