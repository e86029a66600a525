"""Comparisons a review prints: against last year, the previous period, and the target.

The CompStat table compares three windows, each with the same window one year earlier:
the week, the last 28 days (four weeks) and the year to date. It shows the % change (empty
where the prior is 0) and, for counts, the Poisson z = 2 * (sqrt(current) - sqrt(prior)):
under a Poisson model the square root stabilises the variance (sd ~ 1/2), so |z| > 3 is a
real change while a rise from 4 to 9 (+125%) is only z = 2.

Windows are sets of days (`window_days`): the review period's days, the 28 days ending on
its last day, and the year to date from 1 January; the prior side holds the same month-days
one year earlier. Each side is filled with the published rows whose days match it best
(`statlib.periods.coverage`): exactly where the source published those days (NYPD's
Saturday-ending weeks of the 2025 switch fill the prior year of Sunday-ending weeks), and
otherwise within a few days, which `window_coverage` reports for the page. The previous
period is the period before, whatever its days. A window missing any of its rows gives
NaN, never a partial sum that would read as a fall.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import date

import numpy as np
import pandas as pd

from statlib import schema as S
from statlib.errors import InputError
from statlib.periods import DateWindow, Period, rolling_window, same_days_last_year, ytd_windows
from statlib.periods.coverage import Cover, PublishedCalendar, covers, is_cut_label

WEEK, DAYS_28, YTD = "week", "28_day", "ytd"  # the CompStat windows (weekly reviews)
SAME_PERIOD, PREVIOUS_PERIOD = "same_period_last_year", "previous_period"
COMPSTAT_WINDOWS: tuple[str, ...] = (WEEK, DAYS_28, YTD, PREVIOUS_PERIOD)
PERIOD_WINDOWS: tuple[str, ...] = (SAME_PERIOD, YTD, PREVIOUS_PERIOD)  # other frequencies
_SINGLE_PERIOD = {WEEK, SAME_PERIOD, PREVIOUS_PERIOD}
DaySpan = tuple[date, date]  # first and last day, inclusive


def default_windows(period: Period) -> tuple[str, ...]:
    """The windows a review of `period`'s frequency prints."""
    return COMPSTAT_WINDOWS if period.freq == "week" else PERIOD_WINDOWS


def window_days(period: Period, window: str) -> tuple[DaySpan, DaySpan]:
    """The days of one day-based comparison window: (current, prior), each (first, last).

    The week (or same period) is the period's days; 28 days end on its last day; the
    year to date runs from 1 January to its last day. The prior side holds the same
    month-days one year earlier (`statlib.periods.same_days_last_year`).

    Raises:
        InputError: the previous period (not a set of days), a 28-day window of a
            frequency other than weeks, a year to date of yearly periods, or an unknown
            window.
    """
    if window in (WEEK, SAME_PERIOD):
        current = DateWindow(period.start, period.end, exclude_feb29=False)
    elif window == DAYS_28:
        if period.freq != "week":
            raise InputError(f"the 28-day window needs weekly periods, not {period.freq}")
        current = rolling_window(period.end)
    elif window == YTD:
        if period.freq in ("year", "fiscal_year"):
            raise InputError(f"a year-to-date window needs sub-annual periods, not {period.freq}")
        current, _ = ytd_windows(period.end)
    else:
        raise InputError(
            f"{window!r} is not a window of days",
            rule=f"one of {(WEEK, SAME_PERIOD, DAYS_28, YTD)}",
        )
    prior = same_days_last_year(current)
    return (current.start, current.end), (prior.start, prior.end)


def _calendar_of(period: Period) -> PublishedCalendar:
    return PublishedCalendar(period.week_end, (), period.fiscal_year_start_month)


def window_coverage(
    frame: pd.DataFrame,
    period: Period,
    *,
    windows: Collection[str] | None = None,
    calendar: PublishedCalendar | None = None,
) -> pd.DataFrame:
    """Which published rows fill each side of each window, per metric, and how well.

    Args:
        frame: KPI frame with metric and period (rows labelled by a period or a cut of
            days, `statlib.periods.coverage.cut_label`), up to the period under review.
        period: the period under review.
        windows: window names (default: `default_windows(period)`).
        calendar: how the labels map to days (default: the period's week end, no
            earlier week ends).

    Returns:
        One row per metric, window and side (current, prior), in window order: metric,
        window, window_side, window_first, window_last (the days wanted), labels (the rows
        chosen, ";"-joined), first_day, last_day (the days they cover; NaT when none
        does), missing_days, extra_days (0 and 0: exact; `missing_days` = the window's
        length when it cannot be filled). The previous period is reported as the rows of
        the two periods, with no days wanted.
    """
    _require(frame, (S.METRIC, S.PERIOD), "window_coverage")
    calendar = calendar or _calendar_of(period)
    windows = tuple(windows or default_windows(period))
    labels = frame[[S.METRIC, S.PERIOD]].drop_duplicates()
    rows = []
    for metric_labels, metrics in _metrics_by_labels(labels):
        for order, window in enumerate(windows):
            if window == PREVIOUS_PERIOD:
                for side, member in zip(
                    (S.CURRENT, S.PRIOR), (period, period.previous()), strict=True
                ):
                    present = member.label in metric_labels
                    first, last = calendar.days(member.label) if present else (None, None)
                    cover = Cover((member.label,) if present else (), first, last, 0, 0)
                    rows += [(m, order, window, side, None, None, cover) for m in metrics]
                continue
            sides = window_days(period, window)
            found = covers(sides, metric_labels, calendar)
            for side, (first, last), cover in zip((S.CURRENT, S.PRIOR), sides, found, strict=True):
                rows += [(m, order, window, side, first, last, cover) for m in metrics]
    out = pd.DataFrame(
        [
            {
                S.METRIC: metric,
                "order": order,
                S.WINDOW: window,
                S.WINDOW_SIDE: side,
                S.WINDOW_FIRST: first,
                S.WINDOW_LAST: last,
                S.COVER_LABELS: ";".join(cover.labels),
                S.COVER_FIRST: cover.first,
                S.COVER_LAST: cover.last,
                S.MISSING_DAYS: cover.missing,
                S.EXTRA_DAYS: cover.extra,
            }
            for metric, order, window, side, first, last, cover in rows
        ],
        columns=[S.METRIC, "order", *S.COVERAGE_COLUMNS[1:]],
    )
    for column in (S.WINDOW_FIRST, S.WINDOW_LAST, S.COVER_FIRST, S.COVER_LAST):
        out[column] = pd.to_datetime(out[column]).astype("datetime64[ns]")
    out = out.sort_values([S.METRIC, "order", S.WINDOW_SIDE], kind="stable")
    return out.drop(columns="order").reset_index(drop=True)


def _metrics_by_labels(labels: pd.DataFrame) -> list[tuple[frozenset[str], list[str]]]:
    """Metrics grouped by the set of row labels they have (one cover search per group)."""
    groups: dict[frozenset[str], list[str]] = {}
    for metric, rows in labels.groupby(S.METRIC, sort=True):
        groups.setdefault(frozenset(rows[S.PERIOD]), []).append(str(metric))
    return list(groups.items())


def periods_only(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of `frame` labelled by a period: the series. Cuts of days serve windows only."""
    return frame[~frame[S.PERIOD].map(is_cut_label).astype(bool)]


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
    calendar: PublishedCalendar | None = None,
) -> pd.DataFrame:
    """Compare every series of `frame` over each window with the same window a year earlier.

    Args:
        frame: KPI frame with domain, metric, unit, period, value (all periods available;
            rows labelled by a cut of days, `statlib.periods.coverage.cut_label`, are
            published values over other days, used where they fit a window better).
        period: the period under review.
        windows: window names (default: `default_windows(period)`).
        additive: metrics whose values add up over periods (counts, money). Windows
            summing several rows of other metrics are NaN: a sum of rates means nothing.
        counts: metrics that are event counts: they get the Poisson z.
        ratios: rates with NUMERATOR and DENOMINATOR in `frame`: a multi-period window is
            the ratio of the sums (year-to-date on-time share = all on time / all closed),
            never a mean of the periods' rates, which would weigh a quiet period like a
            busy one.
        calendar: how the labels map to days (`window_coverage`).

    Returns:
        Comparison frame: domain, metric, unit, period, window, current, prior, change,
        pct_change, z. One row per series and window, in window order.
    """
    _require(frame, (*S.SERIES_KEYS, S.PERIOD, S.VALUE), "compare")
    windows = tuple(windows or default_windows(period))
    coverage = window_coverage(frame, period, windows=windows, calendar=calendar)
    coverage["order"] = coverage[S.WINDOW].map({w: i for i, w in enumerate(windows)})
    slots = coverage.rename(columns={S.WINDOW_SIDE: "side"})
    slots["expected"] = slots[S.COVER_LABELS].map(lambda text: len(text.split(";")) if text else 0)
    wanted = (
        slots.assign(**{S.PERIOD: slots[S.COVER_LABELS].str.split(";")})
        .explode(S.PERIOD)
        .query("expected > 0")[[S.METRIC, S.WINDOW, "side", S.PERIOD]]
    )
    series = frame[list(S.SERIES_KEYS)].drop_duplicates()
    parts = [S.NUMERATOR, S.DENOMINATOR] if ratios else []
    _require(frame, parts, "compare (ratios)")
    joined = wanted.merge(
        frame[[*S.SERIES_KEYS, S.PERIOD, S.VALUE, *parts]], on=[S.METRIC, S.PERIOD], how="inner"
    )
    sums = joined.groupby([*S.SERIES_KEYS, S.WINDOW, "side"]).agg(
        total=(S.VALUE, "sum"),
        present=(S.VALUE, "count"),
        **{part: (part, "sum") for part in parts},
    )
    grid = series.merge(
        slots[[S.METRIC, "order", S.WINDOW, "side", "expected"]], on=S.METRIC
    ).set_index([*S.SERIES_KEYS, S.WINDOW, "side"])
    grid = grid.join(sums)
    present = grid["present"].fillna(0).to_numpy()
    complete = (present == grid["expected"].to_numpy()) & (present > 0)
    grid["total"] = np.where(complete, grid["total"], np.nan)
    # A sum of several rows, or a window of several periods: only additive metrics add up.
    keys = grid.index.to_frame(index=False)
    summed = (~keys[S.WINDOW].isin(_SINGLE_PERIOD) | (grid["expected"].to_numpy() > 1)).to_numpy()
    if ratios:
        of_sums = keys[S.METRIC].isin(list(ratios)).to_numpy() & summed
        with np.errstate(invalid="ignore", divide="ignore"):
            ratio = grid[S.NUMERATOR].to_numpy(float) / grid[S.DENOMINATOR].to_numpy(float)
        ratio = np.where(complete, ratio, np.nan)
        grid["total"] = np.where(of_sums, ratio, grid["total"])
    not_additive = summed & ~keys[S.METRIC].isin([*additive, *ratios]).to_numpy()
    grid["total"] = np.where(not_additive, np.nan, grid["total"])
    out = (
        grid.reset_index()
        .set_index([*S.SERIES_KEYS, "order", S.WINDOW, "side"])["total"]
        .unstack("side")
        .reset_index()
    )
    out.columns.name = None
    out = out.reindex(columns=[*S.SERIES_KEYS, "order", S.WINDOW, S.CURRENT, S.PRIOR])
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
