"""Make the workforce demo data: a synthetic city payroll of about 15,000 employees.

Writes, from a seeded model (a re-run writes the same bytes):

- data/workforce/pay_periods.csv: one row per pay period (a fortnight, Monday to Sunday
  two weeks, on the city's review grid) and department, 2023-F01 .. 2026-F16: budgeted and
  filled positions, city holidays, scheduled hours, sick hours, unscheduled absence hours,
  overtime hours and overtime cost.

Planted: from pay period 2026-F13, Sanitation's overtime is 2.4 times its usual level
(crews short after vacancies rose from 2026-F09). `check` asserts the headcount and the
surge before anything is written.

    .venv/bin/python scripts/make_workforce_demo.py
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import numpy as np
from demo_csv import write_csv

SEED = 20000615  # CitiStat's first meeting was in June 2000
ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "workforce"
FIRST_END = date(2023, 1, 15)  # 2023-F01 = ISO weeks 1 and 2 of 2023
LAST_END = date(2026, 8, 9)  # 2026-F16
DAYS = 14
WORKDAY_HOURS = 8
COLA = 0.03  # the wage rise in the first pay period ending in July
OVERTIME_PREMIUM = 1.5  # time and a half
# key -> (filled positions aimed at, base vacancy rate, hourly base rate in 2023 ($),
#         overtime hours per employee per fortnight, sick share, unscheduled share, 24/7)
DEPARTMENTS = {
    "police": (3500, 0.08, 42.0, 9.0, 0.032, 0.016, True),
    "fire": (1800, 0.05, 40.0, 12.0, 0.028, 0.012, True),
    "public_works": (2700, 0.09, 33.0, 4.0, 0.038, 0.022, False),
    "sanitation": (1100, 0.10, 29.0, 6.0, 0.045, 0.028, False),
    "transportation": (1450, 0.08, 34.0, 3.5, 0.035, 0.019, False),
    "health": (950, 0.12, 38.0, 1.2, 0.030, 0.013, False),
    "recreation_parks": (850, 0.11, 28.0, 2.0, 0.033, 0.018, False),
    "housing": (750, 0.09, 36.0, 1.0, 0.031, 0.015, False),
    "general_services": (500, 0.07, 31.0, 2.5, 0.036, 0.020, False),
    "library": (450, 0.06, 27.0, 0.5, 0.029, 0.012, False),
    "finance": (400, 0.07, 37.0, 1.5, 0.026, 0.010, False),
    "emergency_communications": (550, 0.15, 30.0, 10.0, 0.040, 0.025, True),
}
SURGE = ("sanitation", date(2026, 6, 14), 2.4)  # department, from 2026-F13 (its end), factor
SURGE_VACANCIES = (date(2026, 4, 19), 0.17)  # from 2026-F09 (its end), Sanitation's vacancy rate
HOLIDAY_COVER_HOURS = 2.0  # overtime per 24/7 employee per holiday (shifts covered)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th `weekday` (0 = Monday) of a month; n = -1 the last."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _observed(day: date) -> date:
    """A holiday on a Saturday is taken on Friday, on a Sunday on Monday."""
    return day + timedelta(days={5: -1, 6: 1}.get(day.weekday(), 0))


def city_holidays(year: int) -> list[date]:
    """The city's 12 paid holidays of `year`, on the weekday they are taken."""
    fixed = [date(year, 1, 1), date(year, 6, 19), date(year, 7, 4), date(year, 11, 11),
             date(year, 12, 25)]  # fmt: skip
    moving = [
        _nth_weekday(year, 1, 0, 3),  # Martin Luther King Jr. Day
        _nth_weekday(year, 2, 0, 3),  # Presidents' Day
        _nth_weekday(year, 5, 0, -1),  # Memorial Day
        _nth_weekday(year, 9, 0, 1),  # Labor Day
        _nth_weekday(year, 10, 0, 2),  # Indigenous Peoples' Day
        _nth_weekday(year, 11, 3, 4),  # Thanksgiving
    ]
    return sorted([_observed(d) for d in fixed] + moving + [moving[-1] + timedelta(days=1)])


def pay_period_ends() -> list[date]:
    """The last day (a Sunday) of every pay period, oldest first."""
    count = (LAST_END - FIRST_END).days // DAYS + 1
    return [FIRST_END + timedelta(days=DAYS * k) for k in range(count)]


def _season(end: date) -> tuple[float, float, float]:
    """Multipliers of (sick, unscheduled, overtime) for the fortnight ending on `end`."""
    angle = 2 * np.pi * (end.timetuple().tm_yday / 365.25)
    sick = 1 + 0.22 * np.cos(angle)  # flu season: highest in January, lowest in July
    unscheduled = 1 + 0.10 * np.cos(angle - np.pi)  # summer
    overtime = 1 + 0.08 * np.cos(angle)  # winter storms and sickness cover
    return float(sick), float(unscheduled), float(overtime)


def build() -> list[dict]:
    """Every row of pay_periods.csv, in order."""
    rng = np.random.default_rng(SEED)
    ends = pay_period_ends()
    holidays = {d for year in range(2022, 2028) for d in city_holidays(year)}
    vacancy = {key: spec[1] for key, spec in DEPARTMENTS.items()}
    budgeted = {key: round(spec[0] / (1 - spec[1])) for key, spec in DEPARTMENTS.items()}
    rows = []
    for end in ends:
        start = end - timedelta(days=DAYS - 1)
        off = sum(start <= d <= end and d.weekday() < 5 for d in holidays)
        raises = sum(date(y, 7, 1) <= end for y in range(2023, 2027))
        sick_season, unscheduled_season, overtime_season = _season(end)
        common = rng.lognormal(0, 0.04)  # the city's fortnight: weather, events
        for key, (
            _,
            base_vacancy,
            rate,
            overtime,
            sick,
            unscheduled,
            round_the_clock,
        ) in DEPARTMENTS.items():
            if end.month == 7 and end.day <= DAYS:  # the fiscal year's new budget
                budgeted[key] += int(rng.integers(-10, 25))
            wanted = base_vacancy
            if key == SURGE[0] and end >= SURGE_VACANCIES[0]:
                wanted = SURGE_VACANCIES[1]
            vacancy[key] += 0.3 * (wanted - vacancy[key]) + rng.normal(0, 0.004)
            vacancy[key] = min(max(vacancy[key], 0.0), 0.5)
            filled = round(budgeted[key] * (1 - vacancy[key]))
            workdays = 2 * 5 - off
            scheduled = filled * WORKDAY_HOURS * workdays
            sick_hours = scheduled * sick * sick_season * rng.lognormal(0, 0.05)
            absent = scheduled * unscheduled * unscheduled_season * rng.lognormal(0, 0.08)
            hours = filled * overtime * overtime_season * common * rng.lognormal(0, 0.07)
            if round_the_clock:
                hours += filled * off * HOLIDAY_COVER_HOURS
            if key == SURGE[0] and end >= SURGE[1]:
                hours *= SURGE[2]
            wage = rate * (1 + COLA) ** raises * rng.lognormal(0, 0.01)  # grade mix
            rows.append(
                {
                    "pay_period_start": start.isoformat(),
                    "pay_period_end": end.isoformat(),
                    "department": key,
                    "budgeted_positions": budgeted[key],
                    "filled_positions": filled,
                    "holidays": off,
                    "scheduled_hours": scheduled,
                    "sick_hours": round(sick_hours),
                    "unscheduled_absence_hours": round(absent),
                    "overtime_hours": round(hours),
                    "overtime_cost": f"{round(hours) * wage * OVERTIME_PREMIUM:.2f}",
                }
            )
    return rows


def check(rows: list[dict]) -> None:
    """About 15,000 employees (the seed's CitiStat figure) and the planted surge."""
    last = [r for r in rows if r["pay_period_end"] == LAST_END.isoformat()]
    filled = sum(r["filled_positions"] for r in last)
    assert 14_500 <= filled <= 15_500, filled
    surge = [r for r in rows if r["department"] == SURGE[0]]
    before = np.mean([r["overtime_hours"] for r in surge if r["pay_period_end"] < "2026-01-01"])
    after = np.mean(
        [r["overtime_hours"] for r in surge if r["pay_period_end"] >= SURGE[1].isoformat()]
    )
    assert after > 1.8 * before, (before, after)
    assert all(r["sick_hours"] < r["scheduled_hours"] for r in rows)
    assert all(r["filled_positions"] <= r["budgeted_positions"] for r in rows)


def main() -> None:
    """Check the headcount and the surge, then write pay_periods.csv."""
    rows = build()
    check(rows)
    write_csv(OUT / "pay_periods.csv", rows)
    print(f"{len(rows)} rows in {OUT / 'pay_periods.csv'}")


if __name__ == "__main__":
    main()
