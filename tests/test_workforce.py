"""The workforce review: the synthetic payroll's numbers by hand, the budget projection's
arithmetic, the planted overtime surge flagged, and the budget section in both languages.

Hand counts (from data/workforce/pay_periods.csv, made by scripts/make_workforce_demo.py):

    awk -F, '$3=="fire" && $2>="2026-01-01" {s+=$11} END {printf "%.2f", s}' pay_periods.csv
    -> 24696572.60  (Fire's overtime cost, the 16 pay periods 2026-F01..F16)
    awk -F, '$3=="library" && $2=="2026-08-09"' pay_periods.csv
    -> ...,library,509,479,0,38320,857,559,234,10684.74  (sick 857 of 38,320 scheduled hours)
    awk -F, '$2=="2026-08-09" {a+=$8; b+=$7} END {print a, b}' pay_periods.csv
    -> 33391 1219360  (the city's sick and scheduled hours in 2026-F16)
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from statlib import schema as S
from statlib.forecast import against_total_target, forecast_year_end
from statlib.ingest.payroll import payroll_kpis, read_payroll
from statlib.params import load_domain
from statlib.periods import parse_period
from statlib.report.review import ReviewData
from statlib.report.year_end import annual_target
from statlib.sources import source
from statlib.stages import compute_domain

ROOT = Path(__file__).resolve().parents[1]
PERIOD = "2026-F16"  # the latest pay period of the demo payroll
PARAMS = load_domain(ROOT / "params" / "workforce.yaml")
BUDGET = 148_000_000.0


@pytest.fixture(scope="module")
def loaded():
    return source(PARAMS.source).ingest(ROOT / "data", PARAMS)


@pytest.fixture(scope="module")
def results(loaded) -> dict[str, pd.DataFrame]:
    return compute_domain(loaded.observations, PARAMS, parse_period(PERIOD))


def _row(frame: pd.DataFrame, metric: str, unit: str, period: str = PERIOD) -> pd.Series:
    chosen = frame[(frame[S.METRIC] == metric) & (frame[S.UNIT] == unit)]
    if S.PERIOD in chosen.columns:
        chosen = chosen[chosen[S.PERIOD] == period]
    assert len(chosen) == 1
    return chosen.iloc[0]


def test_the_demo_payroll_is_remade_byte_for_byte():
    sys.path.insert(0, str(ROOT / "scripts"))
    from demo_csv import csv_text
    from make_workforce_demo import build

    assert csv_text(build()) == (ROOT / "data" / "workforce" / "pay_periods.csv").read_text()


def test_sick_leave_rate_is_sick_hours_over_scheduled_hours(loaded):
    library = _row(loaded.observations, "sick_leave_rate", "library")
    assert (library[S.NUMERATOR], library[S.DENOMINATOR]) == (857, 38_320)
    assert library[S.VALUE] == pytest.approx(857 / 38_320)  # 2.24%
    city = _row(loaded.observations, "sick_leave_rate", S.CITYWIDE)
    assert (city[S.NUMERATOR], city[S.DENOMINATOR]) == (33_391, 1_219_360)
    assert city[S.VALUE] == pytest.approx(33_391 / 1_219_360)  # 2.74%


def test_about_fifteen_thousand_employees_in_twelve_departments(loaded):
    vacancy = loaded.observations[
        (loaded.observations[S.METRIC] == "vacancy_rate")
        & (loaded.observations[S.PERIOD] == PERIOD)
    ]
    city = vacancy[vacancy[S.UNIT] == S.CITYWIDE].iloc[0]
    filled = city[S.DENOMINATOR] - city[S.NUMERATOR]
    assert 14_500 <= filled <= 15_500
    assert len(vacancy) == 13  # 12 departments and the city


def test_fire_overtime_cost_year_to_date_counted_by_hand(results):
    fire = _row(results["year_end"], "overtime_cost", "fire")
    assert fire[S.YEAR] == 2026 and fire[S.PERIODS_ELAPSED] == 16
    assert fire[S.YEAR_TO_DATE] == pytest.approx(24_696_572.60)
    assert np.isnan(fire[S.TARGET_TOTAL])  # the budget is the city's, not Fire's


def test_the_city_budget_to_date_and_outlook(results, loaded):
    city = _row(results["year_end"], "overtime_cost", S.CITYWIDE)
    assert city[S.PERIODS_ELAPSED] == 16 and city[S.PERIODS_REMAINING] == 10
    assert city[S.TARGET_TOTAL] == BUDGET
    assert city[S.TARGET_TO_DATE] == pytest.approx(BUDGET * 16 / 26)  # 91,076,923.08
    costs = loaded.observations
    this_year = costs[
        (costs[S.METRIC] == "overtime_cost")
        & (costs[S.UNIT] == S.CITYWIDE)
        & (costs[S.PERIOD].str.startswith("2026-"))
    ]
    assert city[S.YEAR_TO_DATE] == pytest.approx(this_year[S.VALUE].sum())
    # The surge carries the year over the budget: even the 80% range's low end exceeds it.
    assert city[S.TOTAL_LO_80] > BUDGET and city[S.TARGET_OUTLOOK] == "unlikely"


def test_projection_arithmetic_on_a_flat_series():
    ends = pd.date_range("2024-01-31", "2026-06-30", freq="ME")
    frame = pd.DataFrame(
        {S.DOMAIN: "d", S.METRIC: "cost", S.UNIT: "city", S.PERIOD_END: ends, S.VALUE: 10.0}
    )
    projected = forecast_year_end(frame, season_length=12, freq="ME", nonnegative=True)
    row = projected.iloc[0]
    # Six months observed (60) and six forecast at the flat level (60): 120 for the year.
    assert (row[S.PERIODS_ELAPSED], row[S.PERIODS_REMAINING]) == (6, 6)
    assert row[S.YEAR_TO_DATE] == 60.0 and row[S.PROJECTED_TOTAL] == pytest.approx(120.0)
    assert row[S.PRIOR_YEAR_TOTAL] == 120.0 and row[S.TARGET_OUTLOOK] == "no_data"
    judged = against_total_target(projected, target=110.0, direction=S.DECREASE, units=None)
    assert judged.iloc[0][S.TARGET_TO_DATE] == pytest.approx(110.0 * 6 / 12)  # 55
    assert judged.iloc[0][S.TARGET_OUTLOOK] == "unlikely"  # 120 > 110: over the budget
    roomy = against_total_target(projected, target=130.0, direction=S.DECREASE, units=None)
    assert roomy.iloc[0][S.TARGET_OUTLOOK] == "likely"
    elsewhere = against_total_target(projected, target=130.0, direction=S.DECREASE, units=["x"])
    assert np.isnan(elsewhere.iloc[0][S.TARGET_TOTAL])


def test_the_planted_overtime_surge_is_flagged(results):
    flags = results["flags"]
    surge = flags[(flags[S.UNIT] == "sanitation") & flags[S.METRIC].str.startswith("overtime")]
    assert sorted(surge[S.METRIC]) == ["overtime_cost", "overtime_hours"]
    assert set(surge[S.FLAG_DIRECTION]) == {"concern"} and set(surge[S.SEVERITY]) == {"high"}
    assert all("outside_limits" in rules for rules in surge[S.RULES])


def test_ingest_drops_rows_it_cannot_use_with_notes(tmp_path):
    path = ROOT / "data" / "workforce" / "pay_periods.csv"
    raw = read_payroll(path).head(24).copy()
    raw.loc[0, "department"] = "zoo"  # no such department
    raw.loc[1, "pay_period_end"] = "2023-01-14"  # a Saturday: not a pay period's end
    raw.loc[2, "sick_hours"] = "-3"
    made = payroll_kpis(raw, PARAMS, source=path.name)
    dropped = {note.rule: note.affected_rows for note in made.notes if note.action == "dropped"}
    assert dropped == {"unknown_unit": 1, "not_a_pay_period": 1, "invalid_counts": 1}
    periods = set(made.kpis[S.PERIOD])
    assert periods == {"2023-F01", "2023-F02"}


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", ["annual budget of 148M: likely to exceed the budget", "Budget to date", "Fire"]),
        ("zh", ["年度预算1.48亿：预计超出预算", "预算进度", "消防局"]),
    ],
)
def test_the_budget_section_reads_in_both_languages(results, lang, words):
    data = ReviewData(
        params=PARAMS,
        period=parse_period(PERIOD),
        lang=lang,
        results=results,
        notes=pd.DataFrame(),
        data_load=None,
        latest_period=PERIOD,
        boundaries=None,
    )
    page = annual_target(data, PARAMS.section("annual_target").options).body
    for word in words:
        assert word in page
    assert page.index("Citywide" if lang == "en" else "全市") < page.index(words[2])
