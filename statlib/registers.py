"""Judging a register of performance measures: met or missed, direction of travel, runs.

Pure functions over the register shape (statlib.ingest.registers): the yearly observations
(KPI columns + target) and the catalogue (statlib.schema.CATALOGUE_COLUMNS). A measure
meets its target when its value is at least the target (desired outcome: increase) or at
most it (decrease); a measure with no desired outcome is shown but never judged.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from statlib import schema as S

# A value within this of its target meets it: registers round, and 0.1 + 0.2 != 0.3.
TOLERANCE = 1e-9
_SIGN = {S.INCREASE: 1.0, S.DECREASE: -1.0, S.NEUTRAL: 0.0}


def judge_measures(
    observations: pd.DataFrame, catalogue: pd.DataFrame, period: str
) -> pd.DataFrame:
    """Every measure with a value in `period`: target met or missed, travel, worsening run.

    Args:
        observations: metric, unit, period, period_end, value, target (yearly rows).
        catalogue: statlib.schema.CATALOGUE_COLUMNS.
        period: the fiscal year under review ("FY2025").

    Returns:
        statlib.schema.REGISTER_MEASURE_COLUMNS: `prior` is the year before's value,
        `travel` improving | worsening | steady | not_judged (no direction) | new (no value
        the year before), `worsening_years` the changes in a row, ending in `period`, each
        worse than the year before (consecutive years only).
    """
    keys = [S.METRIC, S.UNIT]
    ordered = observations.sort_values([*keys, S.PERIOD_END], kind="stable")
    ordered = ordered[ordered[S.VALUE].notna()].merge(catalogue, on=[S.DOMAIN, *keys])
    if ordered.empty:
        return pd.DataFrame(columns=list(S.REGISTER_MEASURE_COLUMNS))
    sign = ordered[S.MEASURE_DIRECTION].map(_SIGN).fillna(0.0)
    years = ordered[S.PERIOD_END].dt.year
    same = ordered.groupby(keys, sort=False)
    follows = (years - same[S.PERIOD_END].shift().dt.year).eq(1)
    prior = same[S.VALUE].shift().where(follows)
    change = sign * (ordered[S.VALUE] - prior)
    worse = (change < -TOLERANCE).astype(int)
    # length of the run of worsening changes ending at each row, within each measure
    breaks = (worse == 0).groupby([ordered[S.METRIC], ordered[S.UNIT]]).cumsum()
    run = worse.groupby([ordered[S.METRIC], ordered[S.UNIT], breaks]).cumsum()
    judged = ordered.assign(
        **{
            S.PRIOR: prior,
            S.TRAVEL: np.select(
                [sign == 0, prior.isna(), change > TOLERANCE, change < -TOLERANCE],
                ["not_judged", "new", "improving", "worsening"],
                "steady",
            ),
            S.WORSENING_YEARS: run.astype(int),
        }
    )
    judged = judged[judged[S.PERIOD] == period].copy()
    gap = judged[S.MEASURE_DIRECTION].map(_SIGN) * (judged[S.VALUE] - judged[S.TARGET])
    judgeable = judged[S.TARGET].notna() & (judged[S.MEASURE_DIRECTION] != S.NEUTRAL)
    judged[S.TARGET_STATUS] = np.where(
        ~judgeable, "no_target", np.where(gap >= -TOLERANCE, "met", "missed")
    )
    return judged[list(S.REGISTER_MEASURE_COLUMNS)].reset_index(drop=True)


def agency_scorecard(measures: pd.DataFrame, worsening_years: int = 3) -> pd.DataFrame:
    """Per agency, and for the whole register (unit "citywide"): counts and share on target.

    Args:
        measures: `judge_measures` output for one period.
        worsening_years: the run of worsening years that counts as a worsening trend.

    Returns:
        statlib.schema.REGISTER_AGENCY_COLUMNS, agencies by name, the register first.
    """
    if measures.empty:
        return pd.DataFrame(columns=list(S.REGISTER_AGENCY_COLUMNS))
    flags = measures.assign(
        **{
            S.WITH_TARGET: measures[S.TARGET_STATUS] != "no_target",
            S.ON_TARGET: measures[S.TARGET_STATUS] == "met",
            S.CRITICAL_MISSED: measures[S.CRITICAL].astype(bool)
            & (measures[S.TARGET_STATUS] == "missed"),
            S.WORSENING: measures[S.WORSENING_YEARS] >= worsening_years,
        }
    )
    counted = [S.WITH_TARGET, S.ON_TARGET, S.CRITICAL_MISSED, S.WORSENING]
    by_agency = flags.groupby([S.DOMAIN, S.UNIT, S.UNIT_NAME, S.PERIOD], as_index=False).agg(
        **{S.MEASURES: (S.METRIC, "size")}, **{c: (c, "sum") for c in counted}
    )
    total = by_agency[[S.MEASURES, *counted]].sum().to_frame().T
    total = total.assign(
        **{
            S.DOMAIN: by_agency[S.DOMAIN].iloc[0],
            S.UNIT: S.CITYWIDE,
            S.UNIT_NAME: "",
            S.PERIOD: by_agency[S.PERIOD].iloc[0],
        }
    )
    frame = pd.concat([total, by_agency.sort_values(S.UNIT_NAME)], ignore_index=True)
    frame[[S.MEASURES, *counted]] = frame[[S.MEASURES, *counted]].astype(int)
    with_target = frame[S.WITH_TARGET].replace(0, np.nan)
    frame[S.SHARE_ON_TARGET] = frame[S.ON_TARGET] / with_target
    return frame[list(S.REGISTER_AGENCY_COLUMNS)]
