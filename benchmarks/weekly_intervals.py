"""Weekly prediction intervals: do statlib's 80% and 95% ranges cover the NYPD weeks?

The interval factors of statlib.forecast.intervals were first calibrated on monthly and
quarterly competition data (benchmarks/forecast_accuracy.py). The demo domain is weekly
crime counts, whose in-sample errors are mostly week-to-week noise, so the monthly
correction for in-sample optimism need not fit. There is no weekly competition set in the
offline packages, so this script uses the bundled NYPD series themselves, split in time
as the competitions are:

- every series whose mean is at least RARE_COUNT_MEAN (rarer ones raise no flags) and
  with at least MIN_HISTORY observed weeks before an origin is forecast HORIZON weeks
  ahead from ORIGINS origins, 4, 8, ..., 24 weeks before the data's end;
- the older origins (13-24 weeks before the end) CALIBRATE: the factor that would make
  their points cover 80% / 95% is reported;
- the newer origins (the last 12 weeks) VALIDATE: the coverage of the intervals as
  shipped is what a review would have seen.

Scale: each point's miss is divided by the half-width of its interval on the interval's
own scale (log ratios where the interval is multiplicative), so "inside" is a ratio <= 1
and the factor that covers a share q is the shipped factor times the q-quantile of the
ratios.

Usage:
    .venv/bin/python benchmarks/weekly_intervals.py   # about a minute; writes README
"""

from __future__ import annotations

import os

# Pin BLAS to one thread per process BEFORE numpy is imported (inherited by the workers).
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_variable] = "1"

import datetime  # noqa: E402
import sys  # noqa: E402
from concurrent.futures import ProcessPoolExecutor  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
from readme_sections import replace_section  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from statlib import schema as S  # noqa: E402
from statlib.anomalies.rare import RARE_COUNT_MEAN  # noqa: E402
from statlib.forecast import forecast_series  # noqa: E402
from statlib.forecast.intervals import inflation_factors  # noqa: E402
from statlib.params import load_domain  # noqa: E402
from statlib.periods import SEASON_LENGTH  # noqa: E402
from statlib.sources import source  # noqa: E402

SECTION = "## Weekly intervals (NYPD)"
HORIZON = 4  # weeks: the demo's forecast horizon
ORIGINS = 6  # origins 4, 8, ..., 24 weeks before the end
VALIDATION_ORIGINS = 3  # the newest three (the last 12 weeks) validate
MIN_HISTORY = 40  # observed weeks before an origin
WEEKS = SEASON_LENGTH["week"]
LEVELS = ("80", "95")


def weekly_series() -> list[np.ndarray]:
    """Every non-rare NYPD series, in period order (NaN = no observation)."""
    params = load_domain(REPO / "params/public_safety.yaml")
    observations = source("nypd_compstat").ingest(REPO / "data", params).observations
    series = []
    for _, group in observations.groupby(list(S.SERIES_KEYS)):
        values = group.sort_values(S.PERIOD_END)[S.VALUE].to_numpy(dtype=float)
        if np.nanmean(values) >= RARE_COUNT_MEAN:
            series.append(values)
    return series


def miss_ratios(values: np.ndarray) -> list[tuple[int, np.ndarray, np.ndarray]]:
    """(origin number, 80% ratios, 95% ratios) of one series' forecasts at every origin."""
    out = []
    for k in range(1, ORIGINS + 1):
        origin = values.size - HORIZON * k
        history, actual = values[:origin], values[origin : origin + HORIZON]
        if np.isnan(actual).any() or np.sum(~np.isnan(history)) < MIN_HISTORY:
            continue
        result = forecast_series(history, horizon=HORIZON, season_length=WEEKS, nonnegative=True)
        if np.isnan(result.mean).any():
            continue
        ratios = [
            _ratio(actual, result.mean, lo, hi)
            for lo, hi in ((result.lo_80, result.hi_80), (result.lo_95, result.hi_95))
        ]
        out.append((k, *ratios))
    return out


def _ratio(actual: np.ndarray, mean: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """|miss| / half-width on the interval's scale (log where lo * hi = mean**2)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        multiplicative = (lo > 0) & np.isclose(lo * hi, mean * mean, rtol=1e-9)
        log_ratio = np.abs(np.log(actual / mean)) / np.log(hi / mean)
        additive = np.abs(actual - mean) / (hi - mean)
        ratio = np.where(multiplicative, log_ratio, additive)
    return np.where(np.isnan(ratio), np.inf, ratio)  # a zero count under a log range: outside


def chunk_ratios(chunk: list[np.ndarray]) -> list[tuple[int, np.ndarray, np.ndarray]]:
    return [row for values in chunk for row in miss_ratios(values)]


def main() -> None:
    series = weekly_series()
    with ProcessPoolExecutor(max_workers=2) as pool:
        rows = [
            r for part in pool.map(chunk_ratios, [series[i::8] for i in range(8)]) for r in part
        ]
    shipped = inflation_factors(WEEKS)
    parts = {
        "calibration (13-24 weeks before the end)": [r for r in rows if r[0] > VALIDATION_ORIGINS],
        "validation (the last 12 weeks)": [r for r in rows if r[0] <= VALIDATION_ORIGINS],
    }
    lines = [
        SECTION,
        "",
        f"Run {datetime.date.today().isoformat()}. "
        "Command: `.venv/bin/python benchmarks/weekly_intervals.py`",
        "",
        f"{len(series)} NYPD weekly series with a mean of at least {RARE_COUNT_MEAN:g} a week; "
        f"{HORIZON}-week forecasts from {ORIGINS} origins each (4 to 24 weeks before the end). "
        f"Weekly interval factors as shipped: {shipped}.",
        "",
        "| origins | forecasts | points | 80% cover | 95% cover | factor for 80% "
        "| factor for 95% |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, chosen in parts.items():
        ratios = {
            level: np.concatenate([r[1 + i] for r in chosen]) for i, level in enumerate(LEVELS)
        }
        cover = {level: 100 * np.mean(ratios[level] <= 1.0) for level in LEVELS}
        needed = {
            level: shipped[level] * np.quantile(ratios[level], int(level) / 100) for level in LEVELS
        }
        lines.append(
            f"| {name} | {len(chosen)} | {ratios['80'].size} | {cover['80']:.1f} | "
            f"{cover['95']:.1f} | {needed['80']:.2f} | {needed['95']:.2f} |"
        )
    lines += [
        "",
        "The weekly factors in statlib.forecast.intervals were set from the calibration rows",
        "(the factor that covers 80% / 95% there); the validation rows are the later weeks.",
    ]
    section = "\n".join(lines) + "\n"
    print(section)
    replace_section(SECTION, section)


if __name__ == "__main__":
    main()
