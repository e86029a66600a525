"""Follow-up of agreed actions: has the metric moved since the review that agreed each one?

CompStat and CitiStat carry every agreed action, with its owner, from meeting to meeting
until it is solved. For the review of one period this module takes the actions still open
then (agreed at an earlier review) and those closed since the previous review, and for each
compares the metric of its unit before and after:

* baseline: the mean of the `WINDOW` periods just before the agreed period;
* recent: the mean of the latest `WINDOW` periods up to the review period;
* the % change, and for counts the Poisson z of the two window totals (statlib.compare's
  `poisson_z`: both windows hold the same number of periods, so the totals compare like
  the CompStat 28-day window). |z| >= `CLEAR_Z` in the improvement direction is "better",
  against it "worse". Rates and other measures get "no_test": the z is for counts only,
  and no other test is invented here.
* "too_early" when the two windows share periods (agreed less than `WINDOW` periods before
  the review): the numbers are shown but not judged. A window missing a period is "no_data",
  never a partial mean.

An action is overdue when it is open at the review and its due period is before the review
period. The status is as it stood at the review: an action closed in a later period was
still open then, so a past review reads the same after the register moves on.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

import numpy as np
import pandas as pd

from statlib import schema as S
from statlib.compare import pct_change, poisson_z
from statlib.periods import Period, parse_period, periods_between

WINDOW = 4  # periods on each side: four weeks = CompStat's 28-day window
CLEAR_Z = 1.96  # two-sided 5% for an approximately normal z
OPEN = "open"
BETTER, WORSE, CLEAR_CHANGE = "better", "worse", "clear_change"
NO_CLEAR_CHANGE, NO_TEST, TOO_EARLY, NO_DATA = "no_clear_change", "no_test", "too_early", "no_data"


def window_mean(values: Mapping[str, float], periods: list[Period]) -> float:
    """Mean of `values` (period label -> value) over `periods`; NaN if any is missing."""
    picked = [values.get(p.label, np.nan) for p in periods]
    return float(np.mean(picked)) if not np.isnan(picked).any() else np.nan


def movement(
    baseline: float, recent: float, z: float, *, direction: str, is_count: bool, overlap: bool
) -> str:
    """The verdict on one action's metric (see the module docstring for the vocabulary)."""
    if np.isnan(baseline) or np.isnan(recent):
        return NO_DATA
    if overlap:
        return TOO_EARLY
    if not is_count:
        return NO_TEST
    if abs(z) < CLEAR_Z:
        return NO_CLEAR_CHANGE
    if direction == S.NEUTRAL:
        return CLEAR_CHANGE
    fell = z < 0
    return BETTER if fell == (direction == S.DECREASE) else WORSE


def follow_up(
    observations: pd.DataFrame,
    register: pd.DataFrame,
    period: Period,
    *,
    directions: Mapping[str, str],
    counts: Collection[str],
) -> pd.DataFrame:
    """Every action relevant to the review of `period`, with its metric's movement.

    Args:
        observations: KPI frame with metric, unit, period, value (periods up to `period`).
        register: the action register: domain + statlib.schema.ACTION_COLUMNS (labels in
            `period`'s frequency, as statlib.ingest.actions checked them).
        period: the period under review.
        directions: metric -> improvement direction ("increase", "decrease", "neutral").
        counts: metrics that are event counts (they get the Poisson z).

    Returns:
        statlib.schema.FOLLOWUP_COLUMNS: domain, period (the review), the action columns
        with status and closed_period as they stood at the review, baseline, recent,
        pct_change, z (NaN unless a count), movement, overdue. Register order; empty (with
        these columns) when no action is relevant.
    """
    calendar = {
        "week_end": period.week_end,
        "fiscal_year_start_month": period.fiscal_year_start_month,
    }
    recent_periods = periods_between(period.shift(1 - WINDOW), period)
    series = {
        key: dict(zip(group[S.PERIOD], group[S.VALUE], strict=True))
        for key, group in observations.groupby([S.METRIC, S.UNIT])
    }
    rows = []
    for action in register.to_dict("records"):
        agreed = parse_period(action[S.AGREED_PERIOD], **calendar)
        closed_label = action[S.CLOSED_PERIOD]
        closed = None if pd.isna(closed_label) else parse_period(closed_label, **calendar)
        if closed is not None and closed > period:  # closed later: still open at this review
            action = {**action, S.ACTION_STATUS: OPEN, S.CLOSED_PERIOD: None}
            closed = None
        is_open = closed is None
        if not agreed < period or not (is_open or closed > period.previous()):
            continue
        values = series.get((action[S.METRIC], action[S.UNIT]), {})
        baseline = window_mean(values, periods_between(agreed.shift(-WINDOW), agreed.shift(-1)))
        recent = window_mean(values, recent_periods)
        is_count = action[S.METRIC] in counts
        z = float(poisson_z(WINDOW * recent, WINDOW * baseline)) if is_count else np.nan
        rows.append(
            {
                **action,
                S.PERIOD: period.label,
                S.BASELINE: baseline,
                S.RECENT: recent,
                S.PCT_CHANGE: float(pct_change(np.float64(recent), np.float64(baseline))),
                S.POISSON_Z: z,
                S.MOVEMENT: movement(
                    baseline,
                    recent,
                    z,
                    direction=directions.get(action[S.METRIC], S.NEUTRAL),
                    is_count=is_count,
                    overlap=recent_periods[0] < agreed,
                ),
                S.OVERDUE: is_open and parse_period(action[S.DUE_PERIOD], **calendar) < period,
            }
        )
    return _typed(pd.DataFrame(rows, columns=list(S.FOLLOWUP_COLUMNS)))


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    """Fixed dtypes, so an empty result still creates a well-typed warehouse table."""
    numbers = (S.BASELINE, S.RECENT, S.PCT_CHANGE, S.POISSON_Z)
    texts = [c for c in S.FOLLOWUP_COLUMNS if c not in (*numbers, S.OVERDUE)]
    return frame.astype({**dict.fromkeys(numbers, "float64"), S.OVERDUE: "bool"}).astype(
        dict.fromkeys(texts, "string")
    )
