"""Indicator reports: cumulative values, their growth, peers, shares and benchmarks.

A statistics bureau's monthly report gives, for each indicator and unit, the value
cumulated since the start of the year ("Jan-Aug") and its growth on the same months last
year; the reader compares that growth with the previous cumulative period ("24.6 points
above Jan-Feb"), with the benchmark ("13.6 points above the provincial average") and with
the peers ("rank 11, up 5 places"). Where there is no January release the year's first
cumulative period is Jan-Feb (params `first_release_month: 2`).

A reported growth rate is never recomputed from levels: bureaus report growth at
comparable prices, which differs from the ratio of current-price levels. Where only levels
are reported, growth is computed from them. A single period is the difference of two
cumulative values (the year's first release is its own single period) and its growth is
computed from levels.

Every function is pure: frames in, new frames out.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from statlib import schema as S
from statlib.params import DomainParams, MetricSpec
from statlib.periods import Period, parse_period

GROWTH = "growth"  # working column: growth on the same period last year, percent
_PRIOR_LABEL = "_prior_label"


def first_release(period: Period, first_release_month: int) -> Period:
    """The year's first cumulative period up to `period` (Jan-Feb when there is no January)."""
    first = period
    while (earlier := previous_release(first, first_release_month)) is not None:
        first = earlier
    return first


def previous_release(period: Period, first_release_month: int) -> Period | None:
    """The cumulative period before `period` in the same year, or None for the first one."""
    before = period.shift(-1)
    if before.end.year != period.end.year or before.end.month < first_release_month:
        return None
    return before


def cumulative_metrics(params: DomainParams) -> list[MetricSpec]:
    """Metrics of an indicator report: reported year to date, or ranked among peers."""
    return [m for m in params.metrics if m.accumulation == "ytd" or m.peers]


def single_periods(observations: pd.DataFrame, params: DomainParams) -> pd.DataFrame:
    """Single-period values of the year-to-date metrics (others unchanged).

    The value of a period is its cumulative value less the previous release's of the same
    year; the year's first release is its own value. A missing previous release leaves
    the period unknown (NaN), never the cumulative value.

    Args:
        observations: KPI frame (series keys, period, period_end, value).
        params: the domain's metric declarations and `first_release_month`.

    Returns:
        A new frame with the same rows and columns, values per single period.
    """
    ytd = {m.key for m in params.metrics if m.accumulation == "ytd"}
    labels = observations[S.PERIOD].unique()
    week_end = params.week_end
    previous = {
        label: _label_or_none(
            previous_release(parse_period(label, week_end=week_end), params.first_release_month)
        )
        for label in labels
    }
    frame = observations.assign(_previous=observations[S.PERIOD].map(previous))
    earlier = frame[[*S.SERIES_KEYS, S.PERIOD, S.VALUE]].rename(
        columns={S.PERIOD: "_previous", S.VALUE: "_previous_value"}
    )
    merged = frame.merge(earlier, on=[*S.SERIES_KEYS, "_previous"], how="left")
    difference = merged[S.VALUE] - merged["_previous_value"]
    single = difference.where(merged["_previous"].notna(), merged[S.VALUE])
    values = single.where(merged[S.METRIC].isin(ytd), merged[S.VALUE])
    return observations.assign(**{S.VALUE: values.to_numpy()})


def with_growth(frame: pd.DataFrame, params: DomainParams, *, reported: bool) -> pd.DataFrame:
    """`frame` with PRIOR (same period last year) and GROWTH (percent) per row.

    Args:
        frame: KPI frame (series keys, period, value; REPORTED_GROWTH optional).
        params: the domain's declarations (which metrics report their growth).
        reported: take the department's reported growth where the metric reports one
            (cumulative values); False computes every growth from levels (single periods).
    """
    labels = frame[S.PERIOD].unique()
    week_end = params.week_end
    year_ago = {
        label: parse_period(label, week_end=week_end).same_period_last_year().label
        for label in labels
    }
    prior = frame[[*S.SERIES_KEYS, S.PERIOD, S.VALUE]].rename(
        columns={S.PERIOD: _PRIOR_LABEL, S.VALUE: S.PRIOR}
    )
    merged = frame.assign(**{_PRIOR_LABEL: frame[S.PERIOD].map(year_ago)}).merge(
        prior, on=[*S.SERIES_KEYS, _PRIOR_LABEL], how="left"
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        from_levels = 100.0 * (merged[S.VALUE] / merged[S.PRIOR] - 1.0)
    from_levels = from_levels.where(merged[S.PRIOR] > 0)
    growth = from_levels
    if reported and S.REPORTED_GROWTH in merged.columns:
        reports = {m.key for m in params.metrics if m.reports_growth}
        uses_reported = merged[S.METRIC].isin(reports)
        growth = merged[S.REPORTED_GROWTH].where(uses_reported, from_levels)
    return merged.drop(columns=_PRIOR_LABEL).assign(**{GROWTH: growth.astype(float)})


def own_units(params: DomainParams, units: Iterable[str]) -> set[str]:
    """The domain's own units (the city's districts) among `units`.

    Own units are in no peer group, are not the city and not a benchmark or parent unit.
    """
    outside = {u for group in params.peer_groups.values() for u in group.units}
    outside |= {m.benchmark for m in params.metrics} | {m.share_of for m in params.metrics}
    outside.add(S.CITYWIDE)
    return {u for u in units if u not in outside}


def peer_units(params: DomainParams, metric: MetricSpec) -> set[str]:
    """The units of the metric's peer group (none when it has no peers)."""
    return set(params.peer_groups[metric.peers].units) if metric.peers else set()


def _ranks(values: pd.Series, units: pd.Series, groups: Iterable[set[str]], ascending: bool):
    """Competition ranks (1 = best; ties share the better rank) within each group."""
    ranks = pd.Series(np.nan, index=values.index)
    for group in groups:
        inside = units.isin(group) & values.notna()
        ranks[inside] = values[inside].rank(method="min", ascending=ascending)
    return ranks


def _previous_single(period: Period, first_release_month: int) -> Period:
    """The single period before `period`, skipping months with no release (January)."""
    before = period.shift(-1)
    while before.end.year == period.end.year and before.end.month < first_release_month:
        before = before.shift(-1)
    return before


def _label_or_none(period: Period | None) -> str | None:
    return None if period is None else period.label


def indicator_report(
    observations: pd.DataFrame, params: DomainParams, period: Period
) -> pd.DataFrame:
    """The indicator table of one period: every unit of every cumulative or ranked metric.

    Windows (statlib.schema): YTD is the cumulative value and its growth, with the change
    in growth (percentage points) and in rank since the previous release; YTD_SINCE_FIRST
    the same against the year's first release; SINGLE_PERIOD the period alone (cumulative
    less the previous release) against the same period last year, changes against the
    previous single period. Ranks are within the metric's peer group and within the
    domain's own units, best first in the metric's direction (highest when neutral);
    levels rank largest first. SHARE is percent of the metric's `share_of` unit (of the
    city for the domain's own units); BENCHMARK_GAP is growth less the `benchmark` unit's.

    Args:
        observations: KPI frame (series keys, period, period_end, value,
            reported_growth) holding at least this year's and last year's releases.
        params: the domain's declarations.
        period: the period under review.

    Returns:
        A new frame with statlib.schema.INDICATOR_COLUMNS, ordered by metric, unit, window.
    """
    metrics = cumulative_metrics(params)
    frame = observations[observations[S.METRIC].isin([m.key for m in metrics])]
    if frame.empty:
        return pd.DataFrame(columns=list(S.INDICATOR_COLUMNS))
    cumulative = with_growth(frame, params, reported=True)
    single = with_growth(single_periods(frame, params), params, reported=False)
    previous = previous_release(period, params.first_release_month)
    first = first_release(period, params.first_release_month)
    windows = (
        (S.YTD, cumulative, previous),
        (S.YTD_SINCE_FIRST, cumulative, None if first == period else first),
        (S.SINGLE_PERIOD, single, _previous_single(period, params.first_release_month)),
    )
    parts = []
    for window, values, against in windows:
        for metric in metrics:
            rows = values[values[S.METRIC] == metric.key]
            parts.append(_window_rows(rows, params, metric, window, period, against))
    table = pd.concat(parts, ignore_index=True)
    return table.sort_values([S.METRIC, S.UNIT, S.WINDOW], kind="stable", ignore_index=True)[
        list(S.INDICATOR_COLUMNS)
    ]


def _window_rows(
    rows: pd.DataFrame,
    params: DomainParams,
    metric: MetricSpec,
    window: str,
    period: Period,
    against: Period | None,
) -> pd.DataFrame:
    """One window of one metric: every unit's row, with ranks, share and benchmark gap."""
    now = rows[rows[S.PERIOD] == period.label].set_index(S.UNIT)
    units = now.index.to_series()
    peers, own = peer_units(params, metric), own_units(params, units)
    groups = [group for group in (peers, own) if group]
    growth_ascending = metric.direction == S.DECREASE
    out = pd.DataFrame(
        {
            S.DOMAIN: params.domain,
            S.METRIC: metric.key,
            S.UNIT: units.to_numpy(),
            S.PERIOD: period.label,
            S.WINDOW: window,
            S.CURRENT: now[S.VALUE].to_numpy(),
            S.PRIOR: now[S.PRIOR].to_numpy(),
            S.PCT_CHANGE: now[GROWTH].to_numpy(),
        }
    ).set_index(units.index)
    out[S.RANK] = _ranks(out[S.PCT_CHANGE], units, groups, growth_ascending)
    out[S.LEVEL_RANK] = _ranks(out[S.CURRENT], units, groups, ascending=False)
    if against is None:
        then = pd.DataFrame(index=units.index, columns=[GROWTH, S.VALUE], dtype=float)
    else:
        then = rows[rows[S.PERIOD] == against.label].set_index(S.UNIT).reindex(units.index)
    out[S.PP_CHANGE] = out[S.PCT_CHANGE] - then[GROWTH].astype(float)
    out[S.RANK_CHANGE] = _ranks(then[GROWTH].astype(float), units, groups, growth_ascending)
    out[S.RANK_CHANGE] -= out[S.RANK]
    out[S.LEVEL_RANK_CHANGE] = _ranks(then[S.VALUE].astype(float), units, groups, False)
    out[S.LEVEL_RANK_CHANGE] -= out[S.LEVEL_RANK]
    out[S.SHARE] = _share(out, metric, units, own)
    benchmark = out[S.PCT_CHANGE].get(metric.benchmark, np.nan) if metric.benchmark else np.nan
    out[S.BENCHMARK_GROWTH] = benchmark
    out[S.BENCHMARK_GAP] = out[S.PCT_CHANGE] - benchmark
    out[S.ACCELERATED] = (out[S.PP_CHANGE] > 0).where(out[S.PP_CHANGE].notna())
    out[S.RELATIVE_Z] = _relative_z(out[S.PCT_CHANGE], units, own)
    return out.reset_index(drop=True)


def _relative_z(growth: pd.Series, units: pd.Series, own: set[str]) -> pd.Series:
    """How far each own unit's growth is from the city's, in the own units' spread.

    (g_unit - g_city) / s, s the standard deviation (n - 1) of the own units' growth: the
    district map's colour. NaN outside the own units, or with fewer than 3 of them.
    """
    inside = units.isin(own) & growth.notna()
    city = growth.get(S.CITYWIDE, np.nan)
    spread = growth[inside].std(ddof=1) if inside.sum() >= 3 else np.nan
    if not spread or np.isnan(spread):
        return pd.Series(np.nan, index=growth.index)
    return ((growth - city) / spread).where(inside)


def _share(out: pd.DataFrame, metric: MetricSpec, units: pd.Series, own: set[str]):
    """Percent of the parent: `share_of` for the peers, the city for the domain's own units."""
    share = pd.Series(np.nan, index=out.index)
    if metric.share_of is None:
        return share
    current = out[S.CURRENT]
    parents = {metric.share_of: ~units.isin(own), S.CITYWIDE: units.isin(own)}
    for parent, members in parents.items():
        total = current.get(parent, np.nan)
        if pd.notna(total) and total > 0:
            share[members & (units != parent)] = 100.0 * current[members] / total
    return share


def spread_first_release(single: pd.DataFrame, params: DomainParams) -> pd.DataFrame:
    """Single periods on a full monthly grid: the Jan-Feb release split evenly over its months.

    Statistics bureaus publish no January figure; Jan-Feb covers two months. Forecasts and
    SPC need one value per month, so the first release of each year is shared equally
    among the months it covers (the usual convention for Jan-Feb figures). Only year-to-date
    metrics of monthly domains are split; the page's single-period window is not affected.

    Args:
        single: the output of `single_periods`.
        params: the domain's declarations (`first_release_month`, accumulations).

    Returns:
        A new frame, with rows added for the months before the first release.
    """
    months = params.first_release_month
    if params.frequency != "month" or months == 1:
        return single
    ytd = {m.key for m in params.metrics if m.accumulation == "ytd"}
    first = single[S.METRIC].isin(ytd) & (pd.to_datetime(single[S.PERIOD_END]).dt.month == months)
    shared = single[first].assign(**{S.VALUE: single.loc[first, S.VALUE] / months})
    earlier = []
    for back in range(1, months):
        ends = pd.to_datetime(shared[S.PERIOD_END]).dt.to_period("M") - back
        earlier.append(
            shared.assign(
                **{
                    S.PERIOD: ends.dt.strftime("%Y-%m").to_numpy(),
                    S.PERIOD_END: ends.dt.to_timestamp(how="end").dt.normalize().to_numpy(),
                }
            )
        )
    rest = single[~first]
    combined = pd.concat([rest, shared, *earlier], ignore_index=True)
    return combined.sort_values([*S.SERIES_KEYS, S.PERIOD_END], ignore_index=True)
