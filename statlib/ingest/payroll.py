"""Payroll: hours, overtime and positions by pay period and department.

The table a city's payroll office keeps for CitiStat's first metrics, absenteeism and
overtime (data/workforce/pay_periods.csv): one row per pay period (two weeks, Monday to
Sunday) and department, with budgeted and filled positions, scheduled hours (holidays
excluded: nobody is absent on a day off), sick hours, unscheduled absence hours, overtime
hours and overtime cost. Each declared metric is one column or a ratio of two
(PAYROLL_METRICS); rates keep their numerator and denominator, so every level (the
departments, the city) is a ratio of sums. Rows it cannot use are dropped with a note.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pandas as pd

from statlib import schema as S
from statlib.errors import ParamsError
from statlib.ingest.notes import DataQualityNote, IngestResult, drop_rows
from statlib.ingest.validate import read_text_table
from statlib.params import DomainParams
from statlib.periods import period_containing

START, END, DEPARTMENT = "pay_period_start", "pay_period_end", "department"
BUDGETED, FILLED, HOLIDAYS = "budgeted_positions", "filled_positions", "holidays"
SCHEDULED, SICK, UNSCHEDULED = "scheduled_hours", "sick_hours", "unscheduled_absence_hours"
OVERTIME_HOURS, OVERTIME_COST = "overtime_hours", "overtime_cost"
VACANT = "vacant_positions"  # budgeted less filled, derived here
COUNTS = (BUDGETED, FILLED, HOLIDAYS, SCHEDULED, SICK, UNSCHEDULED, OVERTIME_HOURS, OVERTIME_COST)
COLUMNS = (START, END, DEPARTMENT, *COUNTS)
PAY_PERIOD_DAYS = 14
# metric key -> (numerator column, denominator column or None for a plain total)
PAYROLL_METRICS: dict[str, tuple[str, str | None]] = {
    "overtime_hours": (OVERTIME_HOURS, None),
    "overtime_cost": (OVERTIME_COST, None),
    "sick_leave_rate": (SICK, SCHEDULED),
    "unscheduled_absence_rate": (UNSCHEDULED, SCHEDULED),
    "vacancy_rate": (VACANT, BUDGETED),
}


def read_payroll(path: Path) -> pd.DataFrame:
    """The payroll summary as written (every column text); InputError names a missing column."""
    return read_text_table(path, COLUMNS)


# A dropped row is named by these columns in its note.
_drop = partial(drop_rows, key=(END, DEPARTMENT))


def payroll_kpis(raw: pd.DataFrame, params: DomainParams, *, source: str) -> IngestResult:
    """KPI rows of every declared payroll metric, department and pay period, and the city.

    Args:
        raw: `read_payroll` output: pay_period_start, pay_period_end (ISO dates),
            department (unit key), and the counts of COUNTS.
        params: the domain's params: a fortnightly frequency, units (`units.names`), metrics
            (those PAYROLL_METRICS knows are made; others are not this source's).
        source: the file name, for the notes.

    Returns:
        The KPI frame (statlib.schema.KPI_COLUMNS + NUMERATOR, DENOMINATOR; the two are NaN
        for totals), one row per metric, unit (departments and citywide) and pay period.

    Raises:
        ParamsError: the domain is not reviewed by fortnight (pay periods are fortnights).
    """
    if params.frequency != "fortnight":
        raise ParamsError(
            f"{params.domain}: payroll data come by pay period (a fortnight); a "
            f"{params.frequency} review cannot be made from them (use frequency: fortnight)"
        )
    notes: list[DataQualityNote] = []
    numbers = {c: pd.to_numeric(raw[c].str.replace(",", ""), errors="coerce") for c in COUNTS}
    frame = raw.assign(**numbers)
    bad = frame[list(COUNTS)].isna().any(axis=1) | (frame[list(COUNTS)] < 0).any(axis=1)
    bad |= frame[FILLED] > frame[BUDGETED]
    bad |= frame[SICK] + frame[UNSCHEDULED] > frame[SCHEDULED]
    frame = _drop(frame, bad, notes, source, "invalid_counts", "with counts missing, "
                  "negative, more filled than budgeted positions or more absence than "
                  "scheduled hours")  # fmt: skip
    start = pd.to_datetime(frame[START], format="%Y-%m-%d", errors="coerce")
    end = pd.to_datetime(frame[END], format="%Y-%m-%d", errors="coerce")
    frame = frame.assign(_end=end)
    periods = {day: period_containing(day.date(), "fortnight", week_end=params.week_end)
               for day in end.dropna().unique()}  # fmt: skip
    on_grid = end.map(lambda d: pd.notna(d) and pd.Timestamp(periods[d].end) == d)
    off = ~on_grid.astype(bool) | ((end - start).dt.days != PAY_PERIOD_DAYS - 1)
    frame = _drop(frame, off, notes, source, "not_a_pay_period",
                  "whose dates are not one whole fortnight of the review calendar")  # fmt: skip
    frame = _drop(frame, ~frame[DEPARTMENT].isin(set(params.units.names)), notes, source,
                  "unknown_unit", "of a department the params do not name")  # fmt: skip
    twice = frame.duplicated([END, DEPARTMENT], keep="last")
    frame = _drop(frame, twice, notes, source, "duplicate_rows",
                  "repeated for the same pay period and department (the last kept)")  # fmt: skip

    frame = frame.assign(**{VACANT: frame[BUDGETED] - frame[FILLED]})
    city = frame.groupby("_end", as_index=False)[[*COUNTS, VACANT]].sum()
    rows = pd.concat([frame, city.assign(**{DEPARTMENT: S.CITYWIDE})], ignore_index=True)
    declared = [key for key in params.directions if key in PAYROLL_METRICS]
    kpis = pd.concat([_metric_rows(rows, key) for key in declared], ignore_index=True)
    kpis = kpis.assign(
        **{
            S.DOMAIN: params.domain,
            S.PERIOD: kpis[S.PERIOD_END].map(lambda d: periods[d].label),
        }
    )
    holiday_periods = int((city[HOLIDAYS] > 0).sum())
    notes.append(
        DataQualityNote(
            source,
            "holidays_excluded",
            holiday_periods,
            "reported",
            f"{holiday_periods} of {len(city)} pay periods hold city holidays; scheduled hours "
            "(the denominator of the absence rates) exclude them. Departments summed into the "
            "city; rates are ratios of the sums.",
        )
    )
    columns = [*S.KPI_COLUMNS, S.NUMERATOR, S.DENOMINATOR]
    ordered = kpis[columns].sort_values([S.METRIC, S.UNIT, S.PERIOD_END], ignore_index=True)
    return IngestResult(ordered, tuple(notes))


def _metric_rows(rows: pd.DataFrame, key: str) -> pd.DataFrame:
    """One metric's rows: a total as its value, a rate as numerator over denominator."""
    numerator, denominator = PAYROLL_METRICS[key]
    top = rows[numerator].astype(float)
    bottom = rows[denominator].astype(float) if denominator else pd.Series(float("nan"), rows.index)
    value = top / bottom.where(bottom > 0) if denominator else top
    return pd.DataFrame(
        {
            S.METRIC: key,
            S.UNIT: rows[DEPARTMENT],
            S.PERIOD_END: rows["_end"].astype("datetime64[ns]"),
            S.VALUE: value,
            S.NUMERATOR: top.where(bottom.notna()),
            S.DENOMINATOR: bottom,
        }
    )
