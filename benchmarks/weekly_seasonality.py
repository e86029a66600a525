"""Weekly seasonality: which real NYPD weekly series does statlib call seasonal, and how often
does it call a season where there is none?

Detection: statlib.forecast.seasonality.is_seasonal at 52 weeks a year, at the level
statlib uses for weekly seasons (z 2.326, p < 0.01, anomalies and forecasts alike) and,
for comparison, at the monthly test's (z 1.645, p < 0.05) and the monthly forecasts'
(z 1.0, p < 0.16), on each series as statlib.anomalies.seasonal sees it (missing weeks
interpolated). There is no labelled
truth for real series, so:

- the share detected seasonal is reported for the 19 citywide series (crime in New York
  is known to peak in summer; shootings most) and for every precinct series with a mean of
  at least RARE_COUNT_MEAN a week;
- false detections are measured on the same series shuffled in time (SHUFFLES random
  permutations each, seeded): a permutation keeps every value and destroys any season, so
  each detection there is false;
- for reference, the lag-52 autocorrelation test that was used before (the M4 test, as
  for monthly data) on the same series.

Usage:
    .venv/bin/python benchmarks/weekly_seasonality.py   # well under a minute; writes README
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

import numpy as np
from readme_sections import replace_section
from statsmodels.tsa.stattools import acf

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from statlib import schema as S  # noqa: E402
from statlib.anomalies.rare import RARE_COUNT_MEAN  # noqa: E402
from statlib.forecast.seasonality import (  # noqa: E402
    LONG_SEASON_Z,
    SEASONALITY_Z,
    is_seasonal,
)
from statlib.forecast.series import FORECAST_SEASONALITY_Z  # noqa: E402
from statlib.params import load_domain  # noqa: E402
from statlib.periods import SEASON_LENGTH  # noqa: E402
from statlib.sources import source  # noqa: E402

SECTION = "## Weekly seasonality (NYPD)"
WEEKS = SEASON_LENGTH["week"]
SHUFFLES = 20  # permutations per series
SEED = 20261201
CITYWIDE = "citywide"
LEVELS = {
    "statlib's (z 2.326)": LONG_SEASON_Z,
    "monthly test's (z 1.645)": SEASONALITY_Z,
    "monthly forecasts' (z 1.0)": FORECAST_SEASONALITY_Z,
}


def weekly_series() -> dict[tuple[str, str], np.ndarray]:
    """{(metric, unit): values} of every NYPD weekly series, gaps interpolated, in week order."""
    params = load_domain(REPO / "params/public_safety.yaml")
    observations = source("nypd_compstat").ingest(REPO / "data", params).observations
    series = {}
    # ISO weeks only: ingest also keeps the Saturday-ending weeks published during the
    # Saturday-to-Sunday switch, which would count five weeks twice.
    observations = observations[observations[S.PERIOD].str.contains("-W")]
    for (metric, unit), group in observations.groupby([S.METRIC, S.UNIT]):
        values = group.sort_values(S.PERIOD_END)[S.VALUE].to_numpy(dtype=float)
        observed = np.flatnonzero(~np.isnan(values))
        if observed.size < 2 * WEEKS:
            continue
        values = values[observed[0] : observed[-1] + 1]
        grid = np.arange(values.size)
        known = ~np.isnan(values)
        series[(metric, unit)] = np.interp(grid, grid[known], values[known])
    return series


def autocorrelation_test(x: np.ndarray, z: float) -> bool:
    """The lag-52 autocorrelation test used before (Bartlett standard error, as for months)."""
    if np.ptp(x) == 0:
        return False
    r = acf(x, nlags=WEEKS, fft=False)
    bound = z * np.sqrt((1.0 + 2.0 * np.sum(r[1:WEEKS] ** 2)) / x.size)
    return bool(abs(r[WEEKS]) > bound)


def shares(chosen: list[np.ndarray], z: float, rng: np.random.Generator) -> tuple[float, ...]:
    """% detected by harmonics, by autocorrelation, and % of shuffles detected by each."""
    harmonic = np.mean([is_seasonal(x, WEEKS, long_season_z=z) for x in chosen])
    autocorrelation = np.mean([autocorrelation_test(x, z) for x in chosen])
    shuffled = [rng.permutation(x) for x in chosen for _ in range(SHUFFLES)]
    false_harmonic = np.mean([is_seasonal(x, WEEKS, long_season_z=z) for x in shuffled])
    false_autocorrelation = np.mean([autocorrelation_test(x, z) for x in shuffled])
    found = (harmonic, false_harmonic, autocorrelation, false_autocorrelation)
    return tuple(100 * v for v in found)


def main() -> None:
    series = weekly_series()
    citywide = {key: x for key, x in series.items() if key[1] == CITYWIDE}
    precincts = [x for key, x in series.items() if key[1] != CITYWIDE]
    common = [x for x in precincts if x.mean() >= RARE_COUNT_MEAN]
    groups = {
        f"citywide ({len(citywide)})": list(citywide.values()),
        f"precinct, mean >= {RARE_COUNT_MEAN:g} a week ({len(common)})": common,
        f"precinct, all ({len(precincts)})": precincts,
    }
    lines = [
        SECTION,
        "",
        f"Run {datetime.date.today().isoformat()}. "
        "Command: `.venv/bin/python benchmarks/weekly_seasonality.py`",
        "",
        "NYPD CompStat weekly counts (data/nypd/, ISO weeks, 101-109 per series). Seasonal =",
        "statlib.forecast.seasonality.is_seasonal at 52 weeks a year: the F test of two annual",
        "harmonics over level and trend after a Cochrane-Orcutt step. False = the share of",
        f"the same series shuffled in time ({SHUFFLES} permutations each, seed {SEED}) called",
        "seasonal. Before = the lag-52 autocorrelation test used until now, on the same series.",
        "",
        "| series | test level | seasonal % | false % (shuffled) | before: seasonal % "
        "| before: false % |",
        "|---|---|---|---|---|---|",
    ]
    for name, chosen in groups.items():
        for level, z in LEVELS.items():
            found, false, before, before_false = shares(chosen, z, np.random.default_rng(SEED))
            lines.append(
                f"| {name} | {level} | {found:.1f} | {false:.1f} | {before:.1f} | "
                f"{before_false:.1f} |"
            )
    detected = sorted(m for (m, _), x in citywide.items() if is_seasonal(x, WEEKS))
    missed = sorted(set(m for m, _ in citywide) - set(detected))
    lines += [
        "",
        f"Citywide series found seasonal (statlib's level): {', '.join(detected)}.",
        f"Not seasonal: {', '.join(missed)}.",
    ]
    section = "\n".join(lines) + "\n"
    print(section)
    replace_section(SECTION, section)


if __name__ == "__main__":
    main()
