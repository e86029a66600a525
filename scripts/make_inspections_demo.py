"""Make the quality_inspections demo data: a synthetic city's sampling tests by county.

Writes, from a seeded model (a re-run writes the same bytes):

- data/inspections/tests.csv: one row per month, county and tested category, January 2017
  .. June 2020: batches (or days, or samples) tested and those that passed;
- data/inspections/counties.geojson: 8 synthetic county polygons.

The first half of 2020 reproduces the seed's half-year report of the city agriculture
bureau: 77,018 batches sampled, 99.9% passed; risk monitoring 13,399 (vegetables 9,851,
livestock 3,527, veterinary drugs 13, feed 8), supervision 63,619 (vegetables 3,189,
livestock 60,246, aquatic 54, other 130: the seed's "..."). `check` asserts them.

    .venv/bin/python scripts/make_inspections_demo.py
"""

from __future__ import annotations

import calendar
import json
from pathlib import Path

import numpy as np
from demo_csv import write_csv

SEED = 20200630
ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "inspections"
MONTHS = [(y, m) for y in range(2017, 2021) for m in range(1, 13) if (y, m) <= (2020, 6)]
H1_2020 = [(2020, m) for m in range(1, 7)]
COUNTIES = {
    "chengqu": "城区", "dongshan": "东山县", "xihe": "西河县", "nanling": "南岭县",
    "beitang": "北塘县", "qingxi": "青溪县", "baishi": "白石县", "liuwan": "柳湾县",
}  # fmt: skip
# County shares of the sampling (livestock testing follows the slaughterhouses).
WEIGHTS = np.array([0.20, 0.16, 0.14, 0.12, 0.11, 0.10, 0.09, 0.08])
# Leaf category -> (batches in H1 2020, the seed's; failure rate, per batch).
PRODUCTS = {
    "rm_vegetables": (9_851, 0.0025),
    "rm_livestock": (3_527, 0.0010),
    "rm_vet_drugs": (13, 0.0),
    "rm_feed": (8, 0.0),
    "sv_vegetables": (3_189, 0.0030),
    "sv_livestock": (60_246, 0.0001),
    "sv_aquatic": (54, 0.02),
    "sv_other": (130, 0.01),
}
PLANTED = ("baishi", "rm_vegetables", (2019, 10))  # from then on, 4x the failures
WATER_SAMPLES = 12  # drinking-water source samples a county tests each month


def _volumes(rng: np.random.Generator, h1_total: int) -> dict[tuple[int, int], np.ndarray]:
    """Batches per month and county: H1 2020 sums to the seed's total, earlier years less."""
    season = 1 + 0.15 * np.sin(np.arange(12) / 12 * 2 * np.pi)
    scale = {2017: 0.78, 2018: 0.86, 2019: 0.94, 2020: 1.0}
    expected = {ym: scale[ym[0]] * season[ym[1] - 1] * rng.lognormal(0, 0.08) for ym in MONTHS}
    h1 = sum(expected[ym] for ym in H1_2020)
    out = {}
    in_h1 = rng.multinomial(h1_total, [expected[ym] / h1 for ym in H1_2020])
    for ym in MONTHS:
        total = in_h1[H1_2020.index(ym)] if ym in H1_2020 else round(h1_total * expected[ym] / h1)
        out[ym] = rng.multinomial(total, WEIGHTS)
    return out


def build() -> list[dict]:
    """Every row of tests.csv, in order."""
    rng = np.random.default_rng(SEED)
    rows = []
    monthly = {ym: rng.lognormal(0, 0.35) for ym in MONTHS}  # the rate moves month to month
    county_effect = dict(zip(COUNTIES, rng.lognormal(0, 0.2, len(COUNTIES)), strict=True))
    for metric, (h1_total, rate) in PRODUCTS.items():
        for (year, month), batches in _volumes(rng, h1_total).items():
            for county, tested in zip(COUNTIES, batches, strict=True):
                p = rate * monthly[(year, month)] * county_effect[county]
                if (county, metric) == PLANTED[:2] and (year, month) >= PLANTED[2]:
                    p *= 4
                failed = int(rng.binomial(tested, min(p, 0.5)))
                rows.append(_row(year, month, county, metric, tested, tested - failed))
    for year, month in MONTHS:
        days = calendar.monthrange(year, month)[1]
        winter = month in (12, 1, 2)
        for county in COUNTIES:
            bad = rng.binomial(days, 0.02 + (0.06 if winter else 0.0) * rng.uniform(0.3, 1.5))
            rows.append(_row(year, month, county, "air_good_days", days, days - int(bad)))
            failed = int(rng.binomial(WATER_SAMPLES, 0.004))
            rows.append(_row(year, month, county, "water_compliance", WATER_SAMPLES,
                             WATER_SAMPLES - failed))  # fmt: skip
    return rows


def _row(year: int, month: int, county: str, metric: str, tested: int, passed: int) -> dict:
    return {"month": f"{year}-{month:02d}", "county": county, "category": metric,
            "tested": int(tested), "passed": int(passed)}  # fmt: skip


def check(rows: list[dict]) -> None:
    """The seed's half-year figures, from the rows about to be written."""
    h1 = [r for r in rows if r["month"] in {f"{y}-{m:02d}" for y, m in H1_2020}]

    def total(prefix: str, column: str = "tested") -> int:
        return sum(r[column] for r in h1 if r["category"].startswith(prefix))

    for metric, (batches, _) in PRODUCTS.items():
        assert total(metric) == batches, metric
    assert total("rm_") == 13_399 and total("sv_") == 63_619
    sampled = total("rm_") + total("sv_")
    passed = total("rm_", "passed") + total("sv_", "passed")
    assert sampled == 77_018
    assert round(100 * passed / sampled, 1) == 99.9, passed / sampled
    assert all(0 <= r["passed"] <= r["tested"] for r in rows)


def counties_geojson() -> dict:
    """Eight synthetic county polygons: a 4 x 2 grid of slightly skewed quadrilaterals."""
    rng = np.random.default_rng(SEED)
    west, south, step = 116.40, 31.60, 0.18
    corners = {(i, j): (west + i * step + rng.uniform(-0.03, 0.03),
                        south + j * step + rng.uniform(-0.03, 0.03))
               for i in range(5) for j in range(3)}  # fmt: skip
    features = []
    for k, (key, name) in enumerate(COUNTIES.items()):
        i, j = k % 4, k // 4
        ring = [corners[(i, j)], corners[(i + 1, j)], corners[(i + 1, j + 1)],
                corners[(i, j + 1)], corners[(i, j)]]  # fmt: skip
        features.append({
            "type": "Feature",
            "properties": {"district": key, "name_zh": name, "synthetic": True},
            "geometry": {"type": "Polygon",
                         "coordinates": [[[round(x, 5), round(y, 5)] for x, y in ring]]},
        })  # fmt: skip
    return {
        "type": "FeatureCollection",
        "name": "synthetic counties of the demo city (not real boundaries)",
        "features": features,
    }


def main() -> None:
    """Check the seed's figures, then write tests.csv and the county polygons."""
    rows = build()
    check(rows)
    write_csv(OUT / "tests.csv", rows)
    geojson = json.dumps(counties_geojson(), ensure_ascii=False, indent=1) + "\n"
    (OUT / "counties.geojson").write_text(geojson, encoding="utf-8")
    print(f"{len(rows)} rows in {OUT / 'tests.csv'}; {OUT / 'counties.geojson'}")


if __name__ == "__main__":
    main()
