"""Will the year reach its target? Full-year projections of cumulative growth.

A bureau's annual target is a full-year growth rate ("value added +9%"). By August the
cumulative growth is known ("+2.1% so far"); what remains is how cumulative growth moves
from this month to December. That movement recurs from year to year (the same months are
still to come), so each earlier year gives one draw of it: d_y = g_y(December) - g_y(this
month). The projection is this year's growth plus their mean; its uncertainty is the
prediction interval of a new draw from a normal sample of n years, Student's t with n - 1
degrees of freedom and scale s * sqrt(1 + 1/n). The same works for growth-only indicators
(reported at comparable prices, with no levels to forecast) and for levels alike, and is
checkable by hand. The next release's growth is projected the same way.

Pure functions: frames in, new frames out.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from statlib import schema as S
from statlib.indicators import GROWTH, own_units, with_growth
from statlib.params import DomainParams, MetricSpec
from statlib.periods import Period

MIN_YEARS = 2  # earlier years needed for a spread (one gives no variance)
CENTRAL_80 = 0.9  # upper quantile of a central 80% interval
OBSERVED = "observed"  # the year is complete: nothing left to project
TOO_FEW_YEARS = "too_few_years"
DRIFT = "growth_drift"


def year_end(period: Period) -> Period:
    """The last period of `period`'s calendar year, in its frequency (December, Q4)."""
    last = period
    while last.next().end.year == period.end.year:
        last = last.next()
    return last


def annual_growth_target(metric: MetricSpec, year: int) -> float:
    """The metric's full-year growth target for `year` (percent), NaN when it has none."""
    spec = metric.target_spec
    if spec is None or spec.basis != "growth" or spec.per != "year":
        return np.nan
    return spec.value if spec.year in (None, year) else np.nan


def drift_projection(
    now: float, drifts: np.ndarray, target: float, direction: str
) -> tuple[float, float, float, float]:
    """Projection, 80% range and chance of meeting `target` from past years' drifts.

    Args:
        now: this year's cumulative growth so far (percent).
        drifts: earlier years' movement from this period to the target period (percent
            points), NaN-free.
        target: the growth target (percent); NaN for none.
        direction: the metric's improvement direction ("decrease": meeting the target is
            staying at or below it).

    Returns:
        (projection, low_80, high_80, chance): NaN where fewer than MIN_YEARS drifts.
    """
    n = drifts.size
    if n < MIN_YEARS or np.isnan(now):
        return np.nan, np.nan, np.nan, np.nan
    centre = now + float(drifts.mean())
    scale = float(drifts.std(ddof=1)) * np.sqrt(1.0 + 1.0 / n)
    if scale == 0.0:
        chance = float(_meets(centre, target, direction)) if not np.isnan(target) else np.nan
        return centre, centre, centre, chance
    half = float(stats.t.ppf(CENTRAL_80, df=n - 1)) * scale
    below = float(stats.t.cdf((target - centre) / scale, df=n - 1))
    chance = below if direction == S.DECREASE else 1.0 - below
    return centre, centre - half, centre + half, (chance if not np.isnan(target) else np.nan)


def _meets(value: float, target: float, direction: str) -> bool:
    return value <= target if direction == S.DECREASE else value >= target


def outlook(observations: pd.DataFrame, params: DomainParams, period: Period) -> pd.DataFrame:
    """Full-year projection, chance of the target and next release's growth, per series.

    For every year-to-date metric, the city and its own units (the domain's districts).

    Args:
        observations: KPI frame (series keys, period, value, reported_growth), all years.
        params: the domain's declarations (targets, directions, first release month).
        period: the period under review.

    Returns:
        A new frame with statlib.schema.OUTLOOK_COLUMNS.
    """
    metrics = [m for m in params.metrics if m.accumulation == "ytd"]
    frame = observations[observations[S.METRIC].isin([m.key for m in metrics])]
    if frame.empty:
        return pd.DataFrame(columns=list(S.OUTLOOK_COLUMNS))
    growth = with_growth(frame, params, reported=True).set_index(
        [S.METRIC, S.UNIT, S.PERIOD]
    )[GROWTH]
    final, following = year_end(period), period.next()
    first_year = int(pd.to_datetime(frame[S.PERIOD_END]).dt.year.min())
    years = range(period.end.year - 1, first_year - 1, -1)
    units = sorted({S.CITYWIDE} | own_units(params, frame[S.UNIT].unique()))
    rows = []
    for metric in metrics:
        target = annual_growth_target(metric, period.end.year)
        for unit in units:
            now = growth.get((metric.key, unit, period.label), np.nan)
            if final == period:
                centre, low, high = now, now, now
                chance = float(_meets(now, target, metric.direction))
                model = OBSERVED
            else:
                drifts = _drifts(growth, metric.key, unit, period, final, years)
                centre, low, high, chance = drift_projection(
                    now, drifts, target, metric.direction
                )
                model = f"{DRIFT}(n={drifts.size})" if drifts.size >= MIN_YEARS else TOO_FEW_YEARS
            if np.isnan(target):
                chance = np.nan
            ahead = _drifts(growth, metric.key, unit, period, following, years)
            next_growth = now + ahead.mean() if ahead.size >= MIN_YEARS else np.nan
            if following.end.year != period.end.year:
                next_growth = np.nan  # a new year starts over: no cumulative drift
            rows.append(
                {
                    S.DOMAIN: params.domain,
                    S.METRIC: metric.key,
                    S.UNIT: unit,
                    S.PERIOD: period.label,
                    S.TARGET: target,
                    S.PROJECTION: centre,
                    S.PROJECTION_LO_80: low,
                    S.PROJECTION_HI_80: high,
                    S.P_REACH_TARGET: chance,
                    S.NEXT_GROWTH: next_growth,
                    S.MODEL: model,
                }
            )
    return pd.DataFrame(rows, columns=list(S.OUTLOOK_COLUMNS))


def _drifts(
    growth: pd.Series, metric: str, unit: str, start: Period, end: Period, years: range
) -> np.ndarray:
    """Earlier years' growth at `end` less growth at `start` (same months), NaN-free."""
    values = []
    for year in years:
        back = start.end.year - year
        begin, finish = _years_back(start, back), _years_back(end, back)
        value = growth.get((metric, unit, finish), np.nan) - growth.get(
            (metric, unit, begin), np.nan
        )
        if not np.isnan(value):
            values.append(value)
    return np.asarray(values, dtype=float)


def _years_back(period: Period, years: int) -> str:
    for _ in range(years):
        period = period.same_period_last_year()
    return period.label
