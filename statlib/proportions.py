"""Proportions: p-charts of each rate series and funnel plots of its units.

Applies statlib.spc.pchart and statlib.spc.funnel to the KPI frame: every metric whose
rows carry NUMERATOR and DENOMINATOR (passes out of batches sampled, good days out of
days) gets, per unit, a p-chart (Laney's p' when over-dispersed) and, per period, a funnel
of its units. Pure: frames in, new frames out. Nothing here asks which domain it is in.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from statlib import schema as S
from statlib.periods import Period
from statlib.spc.classify import classify_points, direction_signs
from statlib.spc.funnel import ABOVE_998, BELOW_998, funnel
from statlib.spc.pchart import dispersion_ratio, p_chart_limits
from statlib.spc.rules import rule_outside_limits, rule_shift

MIN_POINTS = 15  # as SPC.md: fewer points give no limits ("not enough data")
FUNNEL_MIN_UNITS = 3  # fewer units make no funnel worth drawing
# Expected count of the rarer outcome per period (mean n times min(p̄, 1 - p̄)) below which
# the shift rule is not used: with a failure in one period of ten, most periods sit at 100%,
# above p̄, and seven in a row is the rule, not a signal (such counts want a g-chart).
RARE_OUTCOMES_PER_PERIOD = 1.0
OK, NOT_ENOUGH_DATA = "ok", "not_enough_data"


def _one_p_chart(series: pd.DataFrame, sign: int, shift_length: int) -> pd.DataFrame:
    """One series' p-chart rows (in time order, periods with a denominator only)."""
    limits = p_chart_limits(series[S.NUMERATOR], series[S.DENOMINATOR])
    value = (series[S.NUMERATOR] / series[S.DENOMINATOR]).to_numpy(float)
    enough = len(series) >= MIN_POINTS
    lower = limits.lower if enough else np.full(len(series), np.nan)
    upper = limits.upper if enough else np.full(len(series), np.nan)
    high, low = rule_outside_limits(value, lower, upper)
    rarer = series[S.DENOMINATOR].mean() * min(limits.centre, 1.0 - limits.centre)
    if enough and rarer >= RARE_OUTCOMES_PER_PERIOD:
        shift_high, shift_low = rule_shift(np.sign(value - limits.centre), shift_length)
        high, low = high | shift_high, low | shift_low
    point_type, side, _ = classify_points(high, low, sign, value >= limits.centre)
    return series.assign(
        **{
            S.VALUE: value,
            S.CENTRE: limits.centre,
            S.SIGMA: limits.sigma,
            S.Z_SCORE: limits.z,
            S.UPPER_LIMIT: upper,
            S.LOWER_LIMIT: lower,
            S.CHART: limits.chart,
            S.SIGMA_Z: limits.sigma_z,
            S.DISPERSION: dispersion_ratio(limits.z),
            S.STATUS: OK if enough else NOT_ENOUGH_DATA,
            S.SIDE: side,
            S.POINT_TYPE: point_type,
        }
    )


def p_charts(
    frame: pd.DataFrame, directions: Mapping[str, str], *, shift_length: int = 7
) -> pd.DataFrame:
    """The p-chart (or p' chart) of every series of `frame`.

    Rules: outside the limits, and a shift of `shift_length` points on one side of p̄
    (SPC.md) unless the rarer outcome averages under one per period; the point types
    follow each metric's direction.

    Args:
        frame: KPI rows of rate metrics with NUMERATOR and DENOMINATOR (other columns
            ignored); rows without a positive denominator are left out.
        directions: metric key -> improvement direction.
        shift_length: points in a row on one side of the centre line that make a shift.

    Returns:
        statlib.schema.P_CHART_COLUMNS, one row per series and period.
    """
    usable = frame[frame[S.DENOMINATOR].fillna(0) > 0]
    if usable.empty:
        return pd.DataFrame(columns=list(S.P_CHART_COLUMNS))
    charts = []
    for (_, metric, _), series in usable.groupby(list(S.SERIES_KEYS), sort=True):
        sign = int(direction_signs(pd.Series([metric]), directions)[0])
        charts.append(_one_p_chart(series.sort_values(S.PERIOD_END), sign, shift_length))
    return pd.concat(charts, ignore_index=True)[list(S.P_CHART_COLUMNS)]


def _window_counts(frame: pd.DataFrame, period: Period, window: str) -> pd.DataFrame:
    """Numerators and denominators of each metric and unit summed over the window."""
    end = pd.Timestamp(period.end)
    if window == S.YTD:
        chosen = frame[(frame[S.PERIOD_END].dt.year == end.year) & (frame[S.PERIOD_END] <= end)]
    else:
        chosen = frame[frame[S.PERIOD] == period.label]
    keys = [S.DOMAIN, S.METRIC, S.UNIT]
    return chosen.groupby(keys, as_index=False)[[S.NUMERATOR, S.DENOMINATOR]].sum(min_count=1)


def funnels(frame: pd.DataFrame, period: Period, directions: Mapping[str, str]) -> pd.DataFrame:
    """Funnel plots of each metric's units (citywide excluded): the period and the year.

    Args:
        frame: KPI rows of rate metrics with NUMERATOR and DENOMINATOR.
        period: the period under review; windows: the period alone ("single_period") and
            the calendar year up to it ("ytd").
        directions: metric key -> improvement direction (beyond the 99.8% limits on the
            improvement side is an improvement, on the other a concern).

    Returns:
        statlib.schema.FUNNEL_COLUMNS, one row per metric, window and unit; metrics with
        fewer than three units with counts give none.
    """
    units = frame[frame[S.UNIT] != S.CITYWIDE]
    out = []
    for window in (S.SINGLE_PERIOD, S.YTD):
        counts = _window_counts(units, period, window)
        counts = counts[counts[S.DENOMINATOR].fillna(0) > 0]
        for metric, group in counts.groupby(S.METRIC, sort=True):
            if len(group) < FUNNEL_MIN_UNITS:
                continue
            made = funnel(group[S.NUMERATOR], group[S.DENOMINATOR])
            sign = int(direction_signs(pd.Series([metric]), directions)[0])
            high, low = made.position == ABOVE_998, made.position == BELOW_998
            value = (group[S.NUMERATOR] / group[S.DENOMINATOR]).to_numpy(float)
            point_type, _, _ = classify_points(high, low, sign, value >= made.centre)
            out.append(
                group.assign(
                    **{
                        S.PERIOD: period.label,
                        S.WINDOW: window,
                        S.VALUE: value,
                        S.CENTRE: made.centre,
                        S.Z_SCORE: made.z,
                        S.LOWER_95: made.lower_95,
                        S.UPPER_95: made.upper_95,
                        S.LOWER_998: made.lower_998,
                        S.UPPER_998: made.upper_998,
                        S.PHI: made.phi,
                        S.FUNNEL_POSITION: made.position,
                        S.POINT_TYPE: point_type,
                    }
                )
            )
    if not out:
        return pd.DataFrame(columns=list(S.FUNNEL_COLUMNS))
    return pd.concat(out, ignore_index=True)[list(S.FUNNEL_COLUMNS)]
