"""Comparisons a review prints: against last year, the previous period, and the target.

The CompStat table compares three windows, each with the same window one year earlier:
the week, the last 28 days (four weeks) and the year to date. It shows the % change (empty
where the prior is 0) and, for counts, the Poisson z = 2 * (sqrt(current) - sqrt(prior)):
under a Poisson model the square root stabilises the variance (sd ~ 1/2), so |z| > 3 is a
real change while a rise from 4 to 9 (+125%) is only z = 2.

Windows are built from whole periods of the KPI frame. With weekly inputs the year to date
runs from week 1 of the (ISO) year to the current week and is compared with weeks 1..n of the
previous year, so both windows hold the same number of weeks; day-for-day windows over raw
event records use `statlib.periods.ytd_windows`. A window missing any of its periods gives
NaN, never a partial sum that would read as a fall.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

import numpy as np
import pandas as pd

from statlib import schema as S
from statlib.errors import InputError
from statlib.periods import Period, parse_period, periods_between

WEEK, DAYS_28, YTD = "week", "28_day", "ytd"  # the CompStat windows (weekly reviews)
SAME_PERIOD, PREVIOUS_PERIOD = "same_period_last_year", "previous_period"
COMPSTAT_WINDOWS: tuple[str, ...] = (WEEK, DAYS_28, YTD, PREVIOUS_PERIOD)
PERIOD_WINDOWS: tuple[str, ...] = (SAME_PERIOD, YTD, PREVIOUS_PERIOD)  # other frequencies
_SINGLE_PERIOD = {WEEK, SAME_PERIOD, PREVIOUS_PERIOD}
_YEAR_START = {"week": "W01", "fortnight": "F01", "month": "01", "quarter": "Q1", "half": "H1"}


def default_windows(period: Period) -> tuple[str, ...]:
    """The windows a review of `period`'s frequency prints."""
    return COMPSTAT_WINDOWS if period.freq == "week" else PERIOD_WINDOWS


def year_start(period: Period) -> Period:
    """The first period of `period`'s year (ISO year for weeks and fortnights)."""
    if period.freq not in _YEAR_START:
        raise InputError(f"a year-to-date window needs sub-annual periods, not {period.freq}")
    calendar = {"week_end": getattr(period, "week_end", "SUN")}
    return parse_period(f"{period.label[:4]}-{_YEAR_START[period.freq]}", **calendar)


def window_periods(period: Period, window: str) -> tuple[list[Period], list[Period]]:
    """The periods summed on the current and the prior side of one comparison window."""
    if window == PREVIOUS_PERIOD:
        return [period], [period.previous()]
    last_year = period.same_period_last_year()
    if window in (WEEK, SAME_PERIOD):
        return [period], [last_year]
    if window == DAYS_28:
        if period.freq != "week":
            raise InputError(f"the 28-day window needs weekly periods, not {period.freq}")
        return (
            periods_between(period.shift(-3), period),
            periods_between(last_year.shift(-3), last_year),
        )
    if window == YTD:
        return (
            periods_between(year_start(period), period),
            periods_between(year_start(last_year), last_year),
        )
    raise InputError(
        f"unknown comparison window {window!r}", rule=f"one of {COMPSTAT_WINDOWS + PERIOD_WINDOWS}"
    )


def _require(frame: pd.DataFrame, columns: Collection[str], what: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InputError(f"{what} needs column(s) {', '.join(missing)}", column=missing[0])


def poisson_z(current: np.ndarray, prior: np.ndarray) -> np.ndarray:
    """2 * (sqrt(current) - sqrt(prior)): the variance-stabilised change of two counts."""
    return 2.0 * (np.sqrt(current) - np.sqrt(prior))


def pct_change(current: np.ndarray, prior: np.ndarray) -> np.ndarray:
    """Percent change; NaN where the prior is 0 (CompStat prints an empty cell)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(prior == 0, np.nan, (current - prior) / prior * 100.0)


def compare(
    frame: pd.DataFrame,
    period: Period,
    *,
    windows: Collection[str] | None = None,
    additive: Collection[str] = (),
    counts: Collection[str] = (),
    ratios: Collection[str] = (),
) -> pd.DataFrame:
    """Compare every series of `frame` over each window with the same window a year earlier.

    Args:
        frame: KPI frame with domain, metric, unit, period, value (all periods available).
        period: the period under review.
        windows: window names (default: `default_windows(period)`).
        additive: metrics whose values add up over periods (counts, money). Multi-period
            windows of other metrics are NaN: a sum of rates means nothing.
        counts: metrics that are event counts: they get the Poisson z.
        ratios: rates with NUMERATOR and DENOMINATOR in `frame`: a multi-period window is
            the ratio of the sums (year-to-date on-time share = all on time / all closed),
            never a mean of the periods' rates, which would weigh a quiet period like a
            busy one.

    Returns:
        Comparison frame: domain, metric, unit, period, window, current, prior, change,
        pct_change, z. One row per series and window, in window order.
    """
    _require(frame, (*S.SERIES_KEYS, S.PERIOD, S.VALUE), "compare")
    windows = tuple(windows or default_windows(period))
    wanted = pd.DataFrame(
        [
            (order, window, side, member.label)
            for order, window in enumerate(windows)
            for side, members in zip(
                (S.CURRENT, S.PRIOR), window_periods(period, window), strict=True
            )
            for member in members
        ],
        columns=["order", S.WINDOW, "side", S.PERIOD],
    )
    expected = wanted.groupby([S.WINDOW, "side"]).size().rename("expected")
    series = frame[list(S.SERIES_KEYS)].drop_duplicates()
    parts = [S.NUMERATOR, S.DENOMINATOR] if ratios else []
    _require(frame, parts, "compare (ratios)")
    joined = wanted.merge(
        frame[[*S.SERIES_KEYS, S.PERIOD, S.VALUE, *parts]], on=S.PERIOD, how="inner"
    )
    sums = joined.groupby([*S.SERIES_KEYS, S.WINDOW, "side"]).agg(
        total=(S.VALUE, "sum"),
        present=(S.VALUE, "count"),
        **{part: (part, "sum") for part in parts},
    )
    grid = series.merge(
        wanted[["order", S.WINDOW, "side"]].drop_duplicates(), how="cross"
    ).set_index([*S.SERIES_KEYS, S.WINDOW, "side"])
    grid = grid.join(sums).join(expected, on=[S.WINDOW, "side"])
    complete = grid["present"].fillna(0).to_numpy() == grid["expected"].to_numpy()
    grid["total"] = np.where(complete, grid["total"], np.nan)
    if ratios:
        keys = grid.index.to_frame(index=False)
        of_sums = keys[S.METRIC].isin(list(ratios)) & ~keys[S.WINDOW].isin(_SINGLE_PERIOD)
        with np.errstate(invalid="ignore", divide="ignore"):
            ratio = grid[S.NUMERATOR].to_numpy(float) / grid[S.DENOMINATOR].to_numpy(float)
        ratio = np.where(complete, ratio, np.nan)
        grid["total"] = np.where(of_sums.to_numpy(), ratio, grid["total"])
    out = (
        grid.reset_index()
        .set_index([*S.SERIES_KEYS, "order", S.WINDOW, "side"])["total"]
        .unstack("side")
        .reset_index()
    )
    out.columns.name = None
    out = out.reindex(columns=[*S.SERIES_KEYS, "order", S.WINDOW, S.CURRENT, S.PRIOR])
    multi = ~out[S.WINDOW].isin(_SINGLE_PERIOD)
    not_additive = multi & ~out[S.METRIC].isin([*additive, *ratios])
    out.loc[not_additive, [S.CURRENT, S.PRIOR]] = np.nan
    current, prior = out[S.CURRENT].to_numpy(float), out[S.PRIOR].to_numpy(float)
    out[S.CHANGE] = current - prior
    out[S.PCT_CHANGE] = pct_change(current, prior)
    out[S.POISSON_Z] = np.where(out[S.METRIC].isin(list(counts)), poisson_z(current, prior), np.nan)
    out[S.PERIOD] = period.label
    out = out.sort_values([*S.SERIES_KEYS, "order"], kind="stable").reset_index(drop=True)
    return out[list(S.COMPARISON_COLUMNS)]


def versus_target(
    frame: pd.DataFrame, period: Period, directions: Mapping[str, str]
) -> pd.DataFrame:
    """Each series' value against its target in `period`.

    Args:
        frame: KPI frame with domain, metric, unit, period, value, target.
        period: the period under review.
        directions: metric -> improvement direction ("increase", "decrease", "neutral").

    Returns:
        domain, metric, unit, period, value, target, gap (value - target), on_track (True
        when the value meets the target in the improvement direction; NA for neutral
        metrics and missing targets). Only rows with a target.
    """
    _require(frame, (*S.SERIES_KEYS, S.PERIOD, S.VALUE, S.TARGET), "versus_target")
    rows = frame.loc[
        (frame[S.PERIOD] == period.label) & frame[S.TARGET].notna(),
        [*S.SERIES_KEYS, S.PERIOD, S.VALUE, S.TARGET],
    ].copy()
    rows[S.GAP] = rows[S.VALUE] - rows[S.TARGET]
    direction = rows[S.METRIC].map(dict(directions)).fillna(S.NEUTRAL)
    meets = np.where(direction == S.INCREASE, rows[S.GAP] >= 0, rows[S.GAP] <= 0)
    judged = direction.isin([S.INCREASE, S.DECREASE]) & rows[S.VALUE].notna()
    rows[S.ON_TRACK] = pd.array(np.where(judged, meets, pd.NA), dtype="boolean")
    return rows.reset_index(drop=True)
