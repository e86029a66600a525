"""Make the industrial_economy demo data: a synthetic province, city and districts.

Writes, from a seeded model (a re-run writes the same numbers):

- data/submissions/industrial_economy/<YYYY-MM>-districts.xlsx: the city bureau's monthly
  workbook, one per release February 2015 .. August 2020 (no January release: Jan-Feb is
  the first of each year), the city and its 10 districts in the bureau's layout (a title
  row, merged two-row Chinese headers, units in the headers, numbers as text);
- data/submissions/industrial_economy/<YYYY-MM>-province.xlsx: the province's monthly
  ranking table of its 16 cities and the province total;
- data/industry/districts.geojson: 10 synthetic district polygons.

Every city's figures for Jan-Aug 2020 are chosen first (cumulative level, year-on-year
growth, August's growth), and each series is built backwards and forwards from them, so
the focus city reproduces the seed report's Jan-Aug 2020 paragraph exactly (see
data/industry/README.md); `check` asserts each figure before anything is written.

    .venv/bin/python scripts/make_industry_demo.py
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import numpy as np
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

SEED = 20200831
ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "submissions" / "industrial_economy"
GEOJSON = ROOT / "data" / "industry" / "districts.geojson"
FIRST_YEAR, LAST_YEAR, LAST_MONTH = 2014, 2020, 8  # 2014 only as the base of 2015's growth
CITY_NAME, PROVINCE_NAME = "淮川市", "江淮省"
FOCUS = "citywide"
# The 15 other cities of the province (names invented).
PEERS = {
    "anhe": "安河市", "baihu": "白湖市", "changling": "长岭市", "dongling": "东陵市",
    "fenglin": "枫林市", "guangning": "广宁市", "heyang": "河阳市", "jingchuan": "景川市",
    "lanxi": "蓝溪市", "mingshui": "明水市", "nanping": "南屏市", "qingshi": "青石市",
    "ruishan": "瑞山市", "tongjiang": "桐江市", "xiling": "西岭市",
}  # fmt: skip
CITIES = {FOCUS: CITY_NAME, **PEERS}
DISTRICTS = {
    "chengdong": "城东区", "chengxi": "城西区", "beian": "北岸区", "nanhu": "南湖区",
    "gaoxin": "高新区", "jingkai": "经开区", "linchuan": "临川县", "shuangqiao": "双桥县",
    "shimen": "石门县", "qinghe": "清河县",
}  # fmt: skip
NO_GAS_DISTRICT = "shimen"  # uses no piped gas: its gas cells are "—" (not reported)
MONTHS = [(y, m) for y in range(FIRST_YEAR, LAST_YEAR + 1) for m in range(1, 13)]
MONTHS = [(y, m) for y, m in MONTHS if (y, m) <= (LAST_YEAR, LAST_MONTH)]
RELEASES = [(y, m) for y, m in MONTHS if y > FIRST_YEAR and m >= 2]
# 2020 relative to 2019 by month, before scaling: the Jan-Feb shutdown and the recovery.
COVID = np.array([0.90, 0.62, 0.86, 0.95, 1.00, 1.03, 1.05])  # January .. July
SEASON = np.array([0.92, 0.70, 1.02, 1.00, 1.02, 1.05, 1.01, 0.98, 1.03, 1.05, 1.07, 1.15])


def r1(value: float) -> float:
    """Round half away from zero to one decimal, as statistics bureaus publish."""
    return float(Decimal(repr(float(value))).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


# --- Jan-Aug 2020: the figures the seed report states, and the peers around them ----------
# (level in the stored unit, cumulative growth %, August-alone growth %) per city.
# Levels: electricity 10,000 kWh, tax 10,000 yuan, gas 10,000 m3, value added 100 million
# yuan. The focus city's are the seed's; the peers' are placed to give its ranks.
def _targets(rng: np.random.Generator) -> dict[str, dict[str, tuple[float, float, float]]]:
    peers = list(PEERS)

    def spread(above: list[float], below: list[float]) -> dict[str, float]:
        values = above + below
        order = rng.permutation(len(peers))
        return {peers[i]: values[k] for k, i in enumerate(order)}

    electricity_growth = spread(
        [9.8, 7.4, 6.2, 5.5, 4.3, 3.7, 2.9, 2.2], [0.8, -0.4, -1.7, -2.6, -3.8, -5.1, -7.2]
    )  # 8 above +1.6: rank 9
    august_growth = spread(
        [52.0, 47.3, 44.1, 41.6, 39.2, 36.8], [31.5, 27.9, 24.4, 20.8, 16.2, 12.7, 9.3, 5.9, 2.4]
    )  # 6 above +35.1: rank 7
    electricity_size = dict(zip(peers, rng.uniform(0.4, 2.6, 15) * 306_000, strict=True))
    tax_size = spread([2.6, 2.1, 1.7, 1.25], [0.94, 0.86, 0.8, 0.72, 0.63, 0.55, 0.5, 0.43, 0.38,
                                              0.31, 0.26])  # fmt: skip
    tax_growth = spread([6.3], [3.6, 2.8, 1.9, 0.7, -0.6, -1.8, -2.9, -3.5, -4.7, -6.1, -7.4,
                                -8.8, -10.2, -12.5])  # fmt: skip
    # value added: 7.0% of the province, the 6th largest
    va_share = spread([14.5, 11.2, 9.8, 8.6, 7.6], [6.4, 5.8, 5.2, 4.7, 4.2, 3.7, 3.3, 3.0, 2.8,
                                                    2.2])  # fmt: skip
    gas_size = dict(zip(peers, rng.uniform(0.3, 3.0, 15) * 13_000, strict=True))
    gas_growth = dict(zip(peers, np.round(rng.uniform(-8, 30, 15), 1), strict=True))
    def near(value: float, within: float) -> float:  # the seed's figure, not a round number
        return float(value + rng.uniform(-within, within))

    out = {
        "electricity": {FOCUS: (near(306_000, 300), 1.6, 35.1)},
        "industrial_tax": {FOCUS: (near(850_000, 300), 4.1, float("nan"))},
        "natural_gas": {FOCUS: (near(13_000, 300), 22.3, float("nan"))},
        "value_added": {FOCUS: (7.0, float("nan"), float("nan"))},
    }
    for p in peers:
        out["electricity"][p] = (electricity_size[p], electricity_growth[p], august_growth[p])
        tax = near(tax_size[p] * 850_000, 2_000)
        out["industrial_tax"][p] = (tax, tax_growth[p], float("nan"))
        out["natural_gas"][p] = (gas_size[p], gas_growth[p], float("nan"))
        out["value_added"][p] = (near(va_share[p], 0.02), float("nan"), float("nan"))
    return out


def _level_series(
    rng: np.random.Generator, level: float, growth: float, august: float, annual: float,
    august_level: float | None = None,
) -> dict[tuple[int, int], float]:
    """Monthly single-month levels, 2014-01 .. 2020-08.

    Jan-Aug 2020 is `level`, growing `growth` % on Jan-Aug 2019 (and August alone
    `august` %, when given).
    """
    season = SEASON * rng.uniform(0.96, 1.04, 12)
    last = level / (1 + growth / 100)  # Jan-Aug 2019
    months: dict[tuple[int, int], float] = {}
    rates = rng.normal(annual, 3.0, LAST_YEAR - FIRST_YEAR)  # growth into each next year
    base = last / season[:8].sum()
    for back, year in enumerate(range(LAST_YEAR - 1, FIRST_YEAR - 1, -1)):
        scale = base / np.prod(1 + rates[:back] / 100)
        for month in range(1, 13):
            months[(year, month)] = scale * season[month - 1] * rng.uniform(0.97, 1.03)
    jan_aug = cumulative(months, LAST_YEAR - 1, 8)
    for month in range(1, 13):
        months[(LAST_YEAR - 1, month)] *= last / jan_aug
    if np.isnan(august):
        aug_2020 = months[(LAST_YEAR - 1, 8)] * (1 + growth / 100) * 1.04
    else:
        # August alone grows by `august`: the rest of Jan-Aug 2019 carries the difference.
        aug_2020 = august_level or level * rng.uniform(0.12, 0.15)
        aug_2019 = aug_2020 / (1 + august / 100)
        spread = (last - aug_2019) / cumulative(months, LAST_YEAR - 1, 7)
        for m in range(1, 8):
            months[(LAST_YEAR - 1, m)] *= spread
        months[(LAST_YEAR - 1, 8)] = aug_2019
    shape = np.array([months[(LAST_YEAR - 1, m)] for m in range(1, 8)]) * COVID
    shape *= (level - aug_2020) / shape.sum()
    for m in range(1, 8):
        months[(LAST_YEAR, m)] = float(shape[m - 1])
    months[(LAST_YEAR, 8)] = aug_2020
    return months


def _integer_months(months: dict[tuple[int, int], float]) -> dict[tuple[int, int], int]:
    """Whole units per month whose cumulative sums round the way the floats' do."""
    out: dict[tuple[int, int], int] = {}
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        carried = 0.0
        total = 0
        for month in range(1, 13):
            if (year, month) not in months:
                break
            carried += months[(year, month)]
            out[(year, month)] = int(round(carried)) - total
            total += out[(year, month)]
    return out


def _split(total: dict[tuple[int, int], int], weights: np.ndarray, rng) -> dict:
    """Split a city's monthly levels into districts: whole units that add up exactly."""
    parts = {d: {} for d in range(len(weights))}
    drift = weights.copy()
    for key in sorted(total):
        drift = np.clip(drift * rng.normal(1, 0.01, len(drift)), 0, None)
        share = drift / drift.sum()
        exact = share * total[key]
        whole = np.floor(exact).astype(int)
        for i in np.argsort(-(exact - whole))[: total[key] - whole.sum()]:
            whole[i] += 1
        for d in range(len(weights)):
            parts[d][key] = int(whole[d])
    return parts


def cumulative(months: dict[tuple[int, int], float], year: int, month: int) -> float:
    """Jan .. `month` of `year`."""
    return sum(months[(year, m)] for m in range(1, month + 1))


def _growth_path(rng, annual: list[float], noise: float, jan_feb_2020: float, aug_2020: float,
                 jul_2020: float | None = None) -> dict[tuple[int, int], float]:  # fmt: skip
    """Reported cumulative growth (percent) for every release, pinned in 2020."""
    path = {}
    for year in range(FIRST_YEAR + 1, LAST_YEAR):
        start = rng.normal(0, noise)
        for month in range(2, 13):
            settle = np.exp(-(month - 2) / 3)
            path[(year, month)] = r1(annual[year - FIRST_YEAR - 1] + start * settle
                                     + rng.normal(0, noise / 6))  # fmt: skip
    recovery = np.array([0.0, 0.42, 0.63, 0.77, 0.86, 0.93, 1.0])  # Jan-Feb .. Jan-Aug
    for k, month in enumerate(range(2, 9)):
        value = jan_feb_2020 + (aug_2020 - jan_feb_2020) * recovery[k]
        path[(LAST_YEAR, month)] = r1(value + (rng.normal(0, noise / 8) if 0 < k < 6 else 0))
    if jul_2020 is not None:
        path[(LAST_YEAR, 7)] = jul_2020
    return path


LEVEL_METRICS = ("value_added", "industrial_tax", "electricity", "natural_gas")
GROWTH_METRICS = ("value_added", "industrial_investment", "upgrade_investment")
PROVINCE_VA = 8_500.0  # Jan-Aug 2020 value added of the province, 100 million yuan
VA_STEP = 100  # value added is stored in hundredths of 100 million yuan


def build(seed: int = SEED) -> dict:
    """Every number of the demo: levels (whole stored units) and reported growths."""
    rng = np.random.default_rng(seed)
    targets = _targets(rng)
    levels: dict[str, dict[str, dict]] = {}
    near_48k = 48_000.0 + rng.uniform(-300, 300)  # August 2020 alone: 4.8 (100 million kWh)
    for metric in LEVEL_METRICS:
        levels[metric] = {}
        for unit, (level, growth, august) in targets[metric].items():
            if metric == "value_added":  # shares of the province; growth at current prices
                level, growth = level / 100 * PROVINCE_VA * VA_STEP, rng.normal(4.0, 4.0)
            floats = _level_series(
                rng, level, growth, august, annual=rng.uniform(3, 10),
                august_level=near_48k if (metric, unit) == ("electricity", FOCUS) else None,
            )  # fmt: skip
            levels[metric][unit] = _integer_months(floats)
        levels[metric]["province"] = {
            key: sum(levels[metric][c][key] for c in CITIES) for key in levels[metric][FOCUS]
        }
    weights = rng.dirichlet(np.full(len(DISTRICTS), 3.0))
    districts = {}
    for metric in ("industrial_tax", "electricity", "natural_gas"):
        w = weights.copy()
        if metric == "natural_gas":
            w[list(DISTRICTS).index(NO_GAS_DISTRICT)] = 0.0
        parts = _split(levels[metric][FOCUS], w, rng)
        districts[metric] = {d: parts[i] for i, d in enumerate(DISTRICTS)}
    growth = {
        "level": {
            m: {u: _level_growth(series) for u, series in {**levels[m], **districts.get(m, {})}
                .items()}
            for m in LEVEL_METRICS
        }
    }  # fmt: skip
    growth["reported"] = _reported_growths(rng, levels["value_added"])
    firms, new_firms = _firms(rng, weights)
    return {"levels": levels, "districts": districts, "growth": growth, "firms": firms,
            "new_firms": new_firms}  # fmt: skip


def _level_growth(series: dict[tuple[int, int], int]) -> dict[tuple[int, int], float]:
    """Cumulative growth on the same months of last year, from the whole-unit levels."""
    out = {}
    for year, month in RELEASES:
        now, before = cumulative(series, year, month), cumulative(series, year - 1, month)
        out[(year, month)] = r1((now / before - 1) * 100) if before else float("nan")
    return out


def _reported_growths(rng, va_levels) -> dict[str, dict[str, dict]]:
    """Growth reported without a level (value added at comparable prices, investment)."""
    out: dict[str, dict[str, dict]] = {m: {} for m in GROWTH_METRICS}
    va_aug = dict(zip(rng.permutation(list(PEERS)), [6.8, 5.9, 5.1, 4.6, 4.0, 3.6, 3.2, 2.9,
                  2.6, 2.3, 1.7, 0.9, -0.3, -1.5, -2.8], strict=True))  # 10 above +2.1
    inv_aug = dict(zip(rng.permutation(list(PEERS)), [7.2, 3.0, 0.6, -2.4, -5.5, -7.9, -9.9,
                   -11.6, -13.8, -15.3, -17.6, -19.4, -22.1, -25.7, -30.2], strict=True))
    upg_aug = dict(zip(rng.permutation(list(PEERS)), [8.9, 4.1, 1.2, -0.8, -2.5, -3.7, -6.2,
                   -8.4, -10.6, -12.9, -15.1, -17.8, -20.3, -24.6, -29.5], strict=True))
    va_years = [8.6, 8.1, 7.7, 7.3, 6.9]
    out["value_added"][FOCUS] = _growth_path(rng, va_years, 2.0, -22.5, 2.1, jul_2020=1.4)
    out["industrial_investment"][FOCUS] = _growth_path(rng, [15, 13, 11, 9, 8.5], 8.0, -31.4,
                                                       3.9)  # fmt: skip
    out["industrial_investment"]["province"] = _growth_path(rng, [13, 12, 10, 8, 8], 5.0,
                                                            -33.2, -9.7)  # fmt: skip
    out["upgrade_investment"][FOCUS] = _growth_path(rng, [18, 15, 13, 12, 10], 9.0, -36.0, -4.6)
    out["upgrade_investment"]["province"] = _growth_path(rng, [16, 14, 12, 11, 9], 6.0, -38.5,
                                                         -10.0)  # fmt: skip
    for peer in PEERS:
        out["value_added"][peer] = _growth_path(
            rng, list(np.array(va_years) + rng.normal(0, 1.2)), 2.0, rng.uniform(-20.5, -6.0),
            va_aug[peer])  # fmt: skip
        out["industrial_investment"][peer] = _growth_path(
            rng, list(rng.normal(11, 5, 5)), 10.0, rng.uniform(-45, -15), inv_aug[peer])
        out["upgrade_investment"][peer] = _growth_path(
            rng, list(rng.normal(13, 6, 5)), 12.0, rng.uniform(-50, -15), upg_aug[peer])
    # The province's value added grows as its cities do, weighted by last year's levels.
    out["value_added"]["province"] = {
        (y, m): r1(sum(out["value_added"][c][(y, m)] * cumulative(va_levels[c], y - 1, m)
                       for c in CITIES) / cumulative(va_levels["province"], y - 1, m))
        for y, m in RELEASES
    }  # fmt: skip
    accelerate = set(rng.choice(list(DISTRICTS), 7, replace=False))
    for district in DISTRICTS:
        offset = rng.normal(0, 1.5)
        for metric, noise, spread in (("value_added", 2.0, 4.0),
                                      ("industrial_investment", 10.0, 12.0),
                                      ("upgrade_investment", 12.0, 15.0)):  # fmt: skip
            city = out[metric][FOCUS]
            years = [np.mean([city[(y, m)] for m in range(2, 13)]) + offset
                     for y in range(FIRST_YEAR + 1, LAST_YEAR)]  # fmt: skip
            jul = city[(LAST_YEAR, 7)] + rng.normal(0, spread / 3)
            step = rng.uniform(0.3, 2.0) if district in accelerate else -rng.uniform(0.3, 1.5)
            path = _growth_path(rng, years, noise, city[(LAST_YEAR, 2)] + rng.normal(0, spread),
                                r1(jul + (step if metric == "value_added" else
                                          rng.normal(0.5, 2))), jul_2020=r1(jul))  # fmt: skip
            out[metric][district] = path
    return out


def _firms(rng, weights) -> tuple[dict, dict]:
    """Above-size firms at each month's end and new entrants so far this year, by district.

    Citywide: 964 firms at the end of August 2020, 79 new ones in Jan-Aug 2020.
    """
    year_new = {y: int(rng.integers(70, 110)) for y in range(FIRST_YEAR, LAST_YEAR)}
    year_new[LAST_YEAR] = 79  # by August
    year_exit = {y: int(rng.integers(30, 60)) for y in range(FIRST_YEAR, LAST_YEAR + 1)}
    end_2019 = 964 - 79 + 36  # 36 exits in Jan-Aug 2020
    year_exit[LAST_YEAR] = 36
    stock = {}
    start = end_2019
    for year in range(LAST_YEAR - 1, FIRST_YEAR - 1, -1):  # back to the end of 2013
        start -= year_new[year] - year_exit[year]
    firms: dict[str, dict] = {d: {} for d in DISTRICTS}
    new: dict[str, dict] = {d: {} for d in DISTRICTS}
    names = list(DISTRICTS)
    counts = np.zeros(len(DISTRICTS), dtype=int)
    for i in rng.choice(len(DISTRICTS), start, p=weights):
        counts[i] += 1
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        last = 8 if year == LAST_YEAR else 12
        # Most new firms enter in January (firms that grew past the line last year).
        entries = rng.multinomial(year_new[year], [0.5] + [0.5 / (last - 1)] * (last - 1))
        exits = rng.multinomial(year_exit[year], [1 / last] * last)
        so_far = np.zeros(len(DISTRICTS), dtype=int)
        for month in range(1, last + 1):
            for i in rng.choice(len(DISTRICTS), entries[month - 1], p=weights):
                counts[i] += 1
                so_far[i] += 1
            for _ in range(exits[month - 1]):
                i = rng.choice(np.flatnonzero(counts > 5))
                counts[i] -= 1
            for k, name in enumerate(names):
                firms[name][(year, month)] = int(counts[k])
                new[name][(year, month)] = int(so_far[k])
        stock[year] = int(counts.sum())
    return firms, new


def rank(values: dict[str, float], unit: str) -> int:
    """1 + the number of cities with a strictly higher value."""
    return 1 + sum(v > values[unit] for c, v in values.items() if c != unit)


def check(data: dict) -> None:
    """The seed report's Jan-Aug 2020 figures, from the numbers about to be written."""
    lv, gr = data["levels"], data["growth"]
    aug, jul, feb = (LAST_YEAR, 8), (LAST_YEAR, 7), (LAST_YEAR, 2)

    def level(metric: str, unit: str, at=aug) -> float:
        return cumulative(lv[metric][unit], *at)

    share = level("value_added", FOCUS) / level("value_added", "province") * 100
    assert r1(share) == 7.0, share
    assert rank({c: level("value_added", c) for c in CITIES}, FOCUS) == 6
    va = gr["reported"]["value_added"]
    assert (va[FOCUS][aug], va[FOCUS][feb]) == (2.1, -22.5)
    assert rank({c: va[c][aug] for c in CITIES}, FOCUS) == 11
    assert rank({c: va[c][feb] for c in CITIES}, FOCUS) == 16
    assert sum(data["firms"][d][aug] for d in DISTRICTS) == 964
    assert sum(data["new_firms"][d][aug] for d in DISTRICTS) == 79
    for metric, city, province, place in (("industrial_investment", 3.9, -9.7, 2),
                                          ("upgrade_investment", -4.6, -10.0, 7)):  # fmt: skip
        reported = gr["reported"][metric]
        assert (reported[FOCUS][aug], reported["province"][aug]) == (city, province)
        assert rank({c: reported[c][aug] for c in CITIES}, FOCUS) == place
    tax = gr["level"]["industrial_tax"]
    assert r1(level("industrial_tax", FOCUS) / 10_000) == 85.0 and tax[FOCUS][aug] == 4.1
    assert rank({c: level("industrial_tax", c) for c in CITIES}, FOCUS) == 5
    assert rank({c: tax[c][aug] for c in CITIES}, FOCUS) == 2
    power = gr["level"]["electricity"]
    assert r1(level("electricity", FOCUS) / 10_000) == 30.6 and power[FOCUS][aug] == 1.6
    assert rank({c: power[c][aug] for c in CITIES}, FOCUS) == 9
    alone = {
        c: (level("electricity", c) - level("electricity", c, jul))
        / (level("electricity", c, (2019, 8)) - level("electricity", c, (2019, 7)))
        for c in CITIES
    }
    assert r1((level("electricity", FOCUS) - level("electricity", FOCUS, jul)) / 10_000) == 4.8
    assert r1((alone[FOCUS] - 1) * 100) == 35.1 and rank(alone, FOCUS) == 7
    gas = gr["level"]["natural_gas"]
    assert r1(level("natural_gas", FOCUS) / 10_000) == 1.3 and gas[FOCUS][aug] == 22.3
    accelerated = sum(va[d][aug] > va[d][jul] for d in DISTRICTS)
    assert accelerated == 7, accelerated
    for metric in ("industrial_tax", "electricity", "natural_gas"):
        for series in (*lv[metric].values(), *data["districts"][metric].values()):
            assert min(series.values()) >= 0, metric
    assert all(min(s.values()) > 0 for s in lv["value_added"].values())


# --- the workbooks ------------------------------------------------------------------------
DASH = "—"  # not reported


def _text(value: float, decimals: int = 0, percent: bool = False) -> str:
    """A number as the bureau's sheets hold it: text with thousands separators."""
    if value is None or np.isnan(value):
        return DASH
    shown = f"{value:,.{decimals}f}"
    return shown + "%" if percent else shown


def _sheet(
    title: str, by: str, groups: list[tuple[str, list[str]]], key_header: str, rows: list[list]
) -> Workbook:
    """A workbook: title row, subtitle, merged two-row header (indicator over its columns)."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    width = 1 + sum(len(columns) for _, columns in groups) + 1
    sheet.cell(1, 1, title).font = Font(bold=True, size=14)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    sheet.cell(1, 1).alignment = Alignment(horizontal="center")
    sheet.cell(2, 1, f"填报单位：{by}")
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    sheet.cell(3, 1, key_header)
    sheet.merge_cells(start_row=3, start_column=1, end_row=4, end_column=1)
    column = 2
    for name, columns in groups:
        sheet.cell(3, column, name)
        if len(columns) > 1:
            sheet.merge_cells(start_row=3, start_column=column, end_row=3,
                              end_column=column + len(columns) - 1)  # fmt: skip
        for k, header in enumerate(columns):
            sheet.cell(4, column + k, header)
        column += len(columns)
    sheet.cell(3, width, "备注")
    sheet.merge_cells(start_row=3, start_column=width, end_row=4, end_column=width)
    for r, row in enumerate(rows, start=5):
        for c, value in enumerate(row, start=1):
            sheet.cell(r, c, value)
    return book


def _save(book: Workbook, path: Path) -> None:
    """Save with fixed times inside and in the zip, so a re-run writes the same bytes."""
    book.properties.creator = "synthetic demo (scripts/make_industry_demo.py)"
    scratch = io.BytesIO()
    book.save(scratch)
    stamp = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")
    with zipfile.ZipFile(scratch) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "docProps/core.xml":
                data = stamp.sub(b"2020-09-10T09:00:00Z", data)
            fixed = zipfile.ZipInfo(item.filename, date_time=(2020, 9, 10, 9, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, data)


def district_workbook(data: dict, year: int, month: int) -> Workbook:
    """The city bureau's monthly workbook: the city and its districts, one row each."""
    span = f"1-{month}月"
    groups = [
        ("规模以上工业增加值", ["同比增长(%)"]),
        ("规模以上工业企业", ["期末数(户)"]),
        ("新增规上工业企业", [f"{span}累计(户)"]),
        ("工业投资", ["同比增长(%)"]),
        ("技术改造投资", ["同比增长(%)"]),
        ("工业税收", [f"{span}累计(万元)", "同比增长(%)"]),
        ("工业用电量", ["本月(万千瓦时)", f"{span}累计(万千瓦时)", "同比增长(%)"]),
        ("工业用天然气", [f"{span}累计(万立方米)", "同比增长(%)"]),
    ]
    reported, by_level = data["growth"]["reported"], data["growth"]["level"]
    rows = []
    for unit, name in ((FOCUS, "全市"), *DISTRICTS.items()):

        def lv(metric: str, unit: str = unit) -> dict:
            source = data["levels"] if unit == FOCUS else data["districts"]
            return source[metric][unit]

        firms = (sum(data[k][d][(year, month)] for d in DISTRICTS) if unit == FOCUS
                 else data[k][unit][(year, month)] for k in ("firms", "new_firms"))  # fmt: skip
        gas = cumulative(lv("natural_gas"), year, month)
        power = lv("electricity")
        rows.append([
            name,
            _text(reported["value_added"][unit][(year, month)], 1),
            *(_text(n) for n in firms),
            _text(reported["industrial_investment"][unit][(year, month)], 1),
            _text(reported["upgrade_investment"][unit][(year, month)], 1),
            _text(cumulative(lv("industrial_tax"), year, month)),
            _text(by_level["industrial_tax"][unit][(year, month)], 1),
            _text(power[(year, month)]),
            _text(cumulative(power, year, month)),
            _text(by_level["electricity"][unit][(year, month)], 1),
            _text(gas if gas else float("nan")),
            _text(by_level["natural_gas"][unit][(year, month)], 1) if gas else DASH,
            None,
        ])  # fmt: skip
    title = f"{CITY_NAME}{year}年{span}工业经济主要指标（分县区）"
    return _sheet(title, f"{CITY_NAME}经济和信息化局", groups, "县区", rows)


def province_workbook(data: dict, year: int, month: int) -> Workbook:
    """The province's monthly ranking table: every city and the province total."""
    span = f"1-{month}月"
    groups = [
        ("规模以上工业增加值", [f"{span}累计(亿元)", "同比增长(%)", "位次"]),
        ("工业投资", ["同比增长(%)", "位次"]),
        ("技术改造投资", ["同比增长(%)", "位次"]),
        ("工业税收", [f"{span}累计(万元)", "同比增长(%)", "位次"]),
        ("工业用电量", [f"{span}累计(万千瓦时)", "同比增长(%)", "位次"]),
        ("工业用天然气", [f"{span}累计(万立方米)", "同比增长(%)"]),
    ]
    at = (year, month)
    reported, by_level, levels = data["growth"]["reported"], data["growth"]["level"], data["levels"]
    growth = {
        "value_added": {u: reported["value_added"][u][at] for u in (*CITIES, "province")},
        "industrial_investment": {u: reported["industrial_investment"][u][at]
                                  for u in (*CITIES, "province")},
        "upgrade_investment": {u: reported["upgrade_investment"][u][at]
                               for u in (*CITIES, "province")},
        **{m: {u: by_level[m][u][at] for u in (*CITIES, "province")}
           for m in ("industrial_tax", "electricity", "natural_gas")},
    }  # fmt: skip
    rows = []
    for unit, name in (("province", "全省"), *CITIES.items()):

        def place(metric: str, unit: str = unit) -> str:
            if unit == "province":
                return DASH
            return str(rank({c: growth[metric][c] for c in CITIES}, unit))

        def pct(metric: str, unit: str = unit) -> str:
            return _text(growth[metric][unit], 1, percent=True)

        rows.append([
            name,
            _text(cumulative(levels["value_added"][unit], year, month) / VA_STEP, 2),
            pct("value_added"), place("value_added"),
            pct("industrial_investment"), place("industrial_investment"),
            pct("upgrade_investment"), place("upgrade_investment"),
            _text(cumulative(levels["industrial_tax"][unit], year, month)),
            pct("industrial_tax"), place("industrial_tax"),
            _text(cumulative(levels["electricity"][unit], year, month)),
            pct("electricity"), place("electricity"),
            _text(cumulative(levels["natural_gas"][unit], year, month)), pct("natural_gas"),
            None,
        ])  # fmt: skip
    title = f"{PROVINCE_NAME}{year}年{span}各市工业经济主要指标及位次"
    return _sheet(title, f"{PROVINCE_NAME}经济和信息化厅", groups, "地区", rows)


def districts_geojson() -> dict:
    """Ten synthetic district polygons: a 5 x 2 grid of slightly skewed quadrilaterals."""
    rng = np.random.default_rng(SEED)
    west, south, step = 117.20, 32.80, 0.12
    corners = {(i, j): (west + i * step + rng.uniform(-0.02, 0.02),
                        south + j * step + rng.uniform(-0.02, 0.02))
               for i in range(6) for j in range(3)}  # fmt: skip
    features = []
    for k, (key, name) in enumerate(DISTRICTS.items()):
        i, j = k % 5, k // 5
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
        "name": "synthetic districts of the demo city (not real boundaries)",
        "features": features,
    }


def main() -> None:
    """Check the figures, then write every workbook and the district polygons."""
    data = build()
    check(data)
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.xlsx"):
        old.unlink()
    for year, month in RELEASES:
        _save(district_workbook(data, year, month), OUT / f"{year}-{month:02d}-districts.xlsx")
        _save(province_workbook(data, year, month), OUT / f"{year}-{month:02d}-province.xlsx")
    GEOJSON.parent.mkdir(parents=True, exist_ok=True)
    GEOJSON.write_text(json.dumps(districts_geojson(), ensure_ascii=False, indent=1) + "\n")
    print(f"{2 * len(RELEASES)} workbooks in {OUT}; {GEOJSON}")


if __name__ == "__main__":
    main()
