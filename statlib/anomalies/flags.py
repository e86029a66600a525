"""One flag per series and period: SPC special causes and forecast breaches combined.

Steps of `flag`: drop missing values (a missing period is never a zero and never
flagged); seasonally adjust the seasonal series; run SPC on the (adjusted) values; keep
each shift and trend only at the point that confirms it and apply the level rule
(statlib.anomalies.levels); compare each actual with the 95% range of the forecast made
one period earlier (statlib.anomalies.breaches) and measure the miss in units of the
series' own noise (statlib.anomalies.noise); score its jump from the recent level
(statlib.anomalies.jumps); classify the side as SPC does; keep the rule keys and the
numbers their words need (statlib.report.flag_words words them when a page is drawn).
Severity and direction: statlib.anomalies.severity.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from statlib.anomalies.breaches import breach_range, breach_sides, forecast_bounds
from statlib.anomalies.jumps import JUMP_Z, jump_scores
from statlib.anomalies.levels import (
    centre_side,
    completed_two_of_three,
    confirmed_trend,
    new_level_dates,
    shift_and_level,
)
from statlib.anomalies.noise import noise_scores
from statlib.anomalies.rules import (
    FORECAST_BREACH,
    HIGH,
    JUMP,
    LOW,
    NEW_LEVEL,
    OUTSIDE_LIMITS,
    RULE_ORDER,
    RULE_SEPARATOR,
    SHIFT,
    TREND,
    TWO_OF_THREE,
)
from statlib.anomalies.seasonal import (
    RAW_VALUE,
    SEASON_OFFSET,
    SEASON_SCALE,
    SEASONAL,
    check_freq,
    check_season_length,
    grid_positions,
    seasonally_adjust,
)
from statlib.anomalies.severity import (
    breach_backed,
    breach_supported,
    flag_direction,
    flag_severity,
    process_sigmas,
)
from statlib.errors import InputError
from statlib.schema import (
    CENTRE,
    EXPECTED,
    FLAG_COLUMNS,
    FLAG_DIRECTION,
    GHOST,
    JUMP_SCORE,
    LIMIT,
    LOWER_LIMIT,
    LOWER_TWO_SIGMA,
    METRIC,
    NEW_LEVEL_EARLIEST,
    NEW_LEVEL_LATEST,
    NEW_LEVEL_SINCE,
    NOISE_SCORE,
    OBSERVED,
    PARTITION,
    PERIOD,
    PERIOD_END,
    RANGE_HIGH,
    RANGE_LOW,
    RULE_OUTSIDE_LIMITS,
    RULE_SHIFT,
    RULE_SIDES,
    RULE_TREND,
    RULE_TWO_OF_THREE,
    RULES,
    RUN_LENGTH,
    SERIES_KEYS,
    SEVERITY,
    SIDE,
    TREND_LENGTH,
    UPPER_LIMIT,
    UPPER_TWO_SIGMA,
    VALUE,
)
from statlib.spc import SpcSettings, evaluate
from statlib.spc.classify import classify_points, direction_signs
from statlib.spc.partitions import RecalculationDates

REQUIRED_COLUMNS: tuple[str, ...] = (*SERIES_KEYS, PERIOD, PERIOD_END, VALUE)


def flag(
    observations: pd.DataFrame,
    *,
    directions: Mapping[str, str] | str,
    freq: str,
    previous_forecasts: pd.DataFrame | None = None,
    spc_settings: SpcSettings | None = None,
    season_length: int | None = None,
    recalculate_at: RecalculationDates = (),
    period: str | None = None,
) -> pd.DataFrame:
    """Flag the special periods of every series, one row per flagged series and period.

    Args:
        observations: Long KPI frame: SERIES_KEYS, PERIOD (label), PERIOD_END (datetime64),
            VALUE (NaN = missing, never zero); optional GHOST. Never modified.
        directions: Improvement direction of every metric ("increase", "decrease",
            "neutral"), or a mapping metric -> direction.
        freq: The period frequency (statlib.periods.FREQS): grid and period words.
        previous_forecasts: For each series and period, the forecast made with the data up
            to the previous period: FORECAST_KEYS + LO_95 + HI_95 (see
            `previous_origin_forecasts`). None: no breach rule.
        spc_settings: SPC options (run lengths, conflicts); None: the MDC defaults.
        season_length: Periods per year for the seasonality test; None: from `freq`.
            1 turns seasonal adjustment off.
        recalculate_at: SPC recalculation dates, as for statlib.spc.evaluate.
        period: Return only the flags of this period label (the review period); the
            whole history is still evaluated, as the level rule needs it. None: all.

    Returns:
        schema.FLAG_COLUMNS, sorted by series and period; empty (with these columns) when
        nothing is flagged: SERIES_KEYS, PERIOD, PERIOD_END; SEVERITY ("high" | "medium" |
        "low"); FLAG_DIRECTION ("improvement" | "concern" | "neutral"); RULES (rule keys of
        statlib.anomalies.rules joined by ";") and RULE_SIDES (the side each fired on);
        SIDE (the flag's side); the numbers the words need, in the series' own units:
        OBSERVED, EXPECTED (the recent level), LIMIT (the process limit crossed),
        RANGE_LOW and RANGE_HIGH (the forecast range a breach left), NOISE_SCORE,
        JUMP_SCORE, RUN_LENGTH, TREND_LENGTH, NEW_LEVEL_SINCE, NEW_LEVEL_EARLIEST and
        NEW_LEVEL_LATEST (period labels of the new level's estimated start and its 95%
        range, statlib.anomalies.levels; None) and SEASONAL. No words:
        statlib.report.flag_words.describe makes them when a page is drawn.

    Raises:
        InputError: A missing column, a repeated period, bad forecast columns.
        ParamsError: An unknown frequency, direction or a bad season length.
    """
    detected = _detect(
        observations,
        directions=directions,
        freq=freq,
        previous_forecasts=previous_forecasts,
        spc_settings=spc_settings,
        season_length=season_length,
        recalculate_at=recalculate_at,
        period=period,
    )
    if detected is None:
        return empty_flags(observations)
    return _flag_frame(*detected)


def _detect(
    observations: pd.DataFrame,
    *,
    directions: Mapping[str, str] | str,
    freq: str,
    previous_forecasts: pd.DataFrame | None = None,
    spc_settings: SpcSettings | None = None,
    season_length: int | None = None,
    recalculate_at: RecalculationDates = (),
    period: str | None = None,
) -> tuple | None:
    """Every signal of every period, before the flag rows; None when nothing was observed."""
    periods_per_season = check_season_length(check_freq(freq), season_length)
    settings = spc_settings if spc_settings is not None else SpcSettings()
    for column in REQUIRED_COLUMNS:
        if column not in observations.columns:
            raise InputError(
                f"the observations have no {column!r} column", column=column, rule="required"
            )
    keep = [*REQUIRED_COLUMNS, *([GHOST] if GHOST in observations.columns else [])]
    observed = observations.loc[observations[VALUE].notna(), keep]
    if observed.empty:
        return None

    adjusted = seasonally_adjust(observed, freq=freq, season_length=periods_per_season)
    points = evaluate(
        adjusted, directions=directions, settings=settings, recalculate_at=recalculate_at
    ).points
    points = points.sort_values([*SERIES_KEYS, PERIOD_END], kind="stable").reset_index(drop=True)
    hits, details = _signals(points, settings)
    forecast, lo_95, hi_95 = forecast_bounds(points, previous_forecasts)
    low, high = breach_range(forecast, lo_95, hi_95)
    raw = points[RAW_VALUE].to_numpy(dtype=float)
    hits[FORECAST_BREACH] = breach_sides(raw, low, high)
    # The jump rule judges the adjusted values against their own recent noise, series by
    # series (statlib.anomalies.jumps); an SPC partition does not restart it.
    keys = points[list(SERIES_KEYS)]
    series_starts = (keys != keys.shift()).any(axis=1).to_numpy()
    positions = grid_positions(points[PERIOD_END], freq)
    noise = noise_scores(raw, forecast, positions, series_starts, periods_per_season)
    score, prediction = jump_scores(points[VALUE].to_numpy(dtype=float), series_starts)
    hits[JUMP] = (score > JUMP_Z, score < -JUMP_Z)
    expected = prediction * points[SEASON_SCALE].to_numpy(dtype=float)
    details.update(
        lo_95=low,
        hi_95=high,
        noise_score=noise,
        expected=expected + points[SEASON_OFFSET].to_numpy(dtype=float),
        jump_score=score,
    )

    ghost = points[GHOST].to_numpy(dtype=bool)  # evaluate always returns GHOST
    any_high = np.logical_or.reduce([h for h, _ in hits.values()]) & ~ghost
    any_low = np.logical_or.reduce([lo for _, lo in hits.values()]) & ~ghost
    signs = direction_signs(points[METRIC], directions)
    x = points[VALUE].to_numpy(dtype=float)
    point_type, side, _ = classify_points(
        any_high,
        any_low,
        signs,
        x >= points[CENTRE].to_numpy(dtype=float),
        conflict=settings.conflict,
    )
    wanted = any_high | any_low
    if period is not None:
        # Rows cost more than the statistics: build them only for the period returned.
        wanted &= (points[PERIOD] == period).to_numpy()
    rows = np.flatnonzero(wanted)
    return points, rows, hits, details, point_type, side


def _signals(points: pd.DataFrame, settings: SpcSettings) -> tuple[dict, dict]:
    """SPC rule hits per side, as raised period by period, after the level rule."""
    x = points[VALUE].to_numpy(dtype=float)
    column = {
        name: points[name].to_numpy(dtype=float)
        for name in (CENTRE, UPPER_LIMIT, LOWER_LIMIT, UPPER_TWO_SIGMA, LOWER_TWO_SIGMA)
    }
    rule = {
        name: points[name].to_numpy(dtype=bool)
        for name in (RULE_OUTSIDE_LIMITS, RULE_SHIFT, RULE_TREND, RULE_TWO_OF_THREE)
    }
    keys = points[list(SERIES_KEYS)]
    new_series = (keys != keys.shift()).any(axis=1).to_numpy()
    starts = new_series | (points[PARTITION] != points[PARTITION].shift()).to_numpy()

    side = centre_side(x, column[CENTRE])
    confirms, at_new_level, reports_level, run_start = shift_and_level(
        side, starts, rule[RULE_SHIFT], settings.shift_length
    )
    rising, falling, trend_points = confirmed_trend(
        x, starts, rule[RULE_TREND], settings.trend_length
    )
    completes_trend = trend_points == settings.trend_length
    level_high, level_low = at_new_level & (side > 0), at_new_level & (side < 0)
    # At a confirmed new level the same-side SPC signals are the level itself: drop them.
    hits = {
        OUTSIDE_LIMITS: (
            rule[RULE_OUTSIDE_LIMITS] & (x > column[UPPER_LIMIT]) & ~level_high,
            rule[RULE_OUTSIDE_LIMITS] & (x < column[LOWER_LIMIT]) & ~level_low,
        ),
        SHIFT: (confirms & (side > 0), confirms & (side < 0)),
        TREND: (rising & completes_trend & ~level_high, falling & completes_trend & ~level_low),
        TWO_OF_THREE: (
            completed_two_of_three(rule[RULE_TWO_OF_THREE] & (x > column[UPPER_TWO_SIGMA]), starts)
            & ~level_high,
            completed_two_of_three(rule[RULE_TWO_OF_THREE] & (x < column[LOWER_TWO_SIGMA]), starts)
            & ~level_low,
        ),
        NEW_LEVEL: (reports_level & (side > 0), reports_level & (side < 0)),
    }
    details = {
        "centre": column[CENTRE],
        "upper_limit": column[UPPER_LIMIT],
        "lower_limit": column[LOWER_LIMIT],
        "trend_points": trend_points,
        "run_start": run_start,
        "partition_start": np.maximum.accumulate(np.where(starts, np.arange(x.size), 0)),
    }
    return hits, details


def _flag_frame(
    points: pd.DataFrame,
    rows: np.ndarray,
    hits: dict,
    details: dict,
    point_type: np.ndarray,
    side: np.ndarray,
) -> pd.DataFrame:
    """The flag rows: severity, direction, rule keys and sides, and the rules' numbers."""
    if rows.size == 0:
        return empty_flags(points)
    labels = points[PERIOD].to_numpy(dtype=object)
    level_values = np.where(points[GHOST].to_numpy(dtype=bool), np.nan, points[VALUE])
    starts, records = details["partition_start"], []
    for i in rows:
        fired = [
            (rule, rule_side)
            for rule in RULE_ORDER
            for rule_side, hit in zip((HIGH, LOW), hits[rule], strict=True)
            if hit[i]
        ]
        on_side = [rule for rule, rule_side in fired if rule_side == side[i]]
        records.append(
            (
                flag_severity(
                    on_side,
                    breach_supported(details["jump_score"][i], side[i]),
                    breach_backed(details["noise_score"][i], side[i]),
                    _sigmas(points, details, i, side[i]),
                ),
                flag_direction(point_type[i]),
                RULE_SEPARATOR.join(rule for rule, _ in fired),
                RULE_SEPARATOR.join(rule_side for _, rule_side in fired),
                # Fired on either side: its words need the dates (a conflict is rare).
                new_level_dates(level_values, labels, starts[i], details["run_start"][i], i)
                if any(r == NEW_LEVEL for r, _ in fired)
                else (None, None, None),
            )
        )
    severity, direction, rules, sides, dates = zip(*records, strict=True)
    since, earliest, latest = zip(*dates, strict=True)
    # Each rule fires on one side at most, so the limit crossed is the one on its side.
    high_limit, low_limit = (hit[rows] for hit in hits[OUTSIDE_LIMITS])
    scale = points[SEASON_SCALE].to_numpy(dtype=float)[rows]
    offset = points[SEASON_OFFSET].to_numpy(dtype=float)[rows]
    limit = np.where(
        high_limit,
        details["upper_limit"][rows],
        np.where(low_limit, details["lower_limit"][rows], np.nan),
    )
    breached = np.logical_or(*(hit[rows] for hit in hits[FORECAST_BREACH]))
    run_length = rows - details["run_start"][rows] + 1
    frame = points.loc[rows, [*SERIES_KEYS, PERIOD, PERIOD_END, SEASONAL]].reset_index(drop=True)
    return frame.assign(
        **{
            SEVERITY: list(severity),
            FLAG_DIRECTION: list(direction),
            RULES: list(rules),
            RULE_SIDES: list(sides),
            SIDE: side[rows],
            OBSERVED: points[RAW_VALUE].to_numpy(dtype=float)[rows],
            EXPECTED: details["expected"][rows],
            LIMIT: limit * scale + offset,  # back in the series' own units
            RANGE_LOW: np.where(breached, details["lo_95"][rows], np.nan),
            RANGE_HIGH: np.where(breached, details["hi_95"][rows], np.nan),
            NOISE_SCORE: details["noise_score"][rows],
            JUMP_SCORE: details["jump_score"][rows],
            RUN_LENGTH: run_length.astype(np.int64),
            TREND_LENGTH: details["trend_points"][rows].astype(np.int64),
            NEW_LEVEL_SINCE: list(since),
            NEW_LEVEL_EARLIEST: list(earliest),
            NEW_LEVEL_LATEST: list(latest),
        }
    )[list(FLAG_COLUMNS)]


def _sigmas(points: pd.DataFrame, details: dict, i: int, flag_side: str) -> float:
    """Point i's distance from its centre line in process sigmas, from its side's limit."""
    limit = details["upper_limit" if flag_side == HIGH else "lower_limit"][i]
    return process_sigmas(float(points[VALUE].iat[i]), details["centre"][i], limit)


# The types of the numeric columns, so that an empty frame (the first a warehouse table
# may be made from) and a chunk without flags keep them.
_NUMBER_TYPES = {
    **dict.fromkeys(
        (OBSERVED, EXPECTED, LIMIT, RANGE_LOW, RANGE_HIGH, NOISE_SCORE, JUMP_SCORE), "float64"
    ),
    RUN_LENGTH: "int64",
    TREND_LENGTH: "int64",
    SEASONAL: "bool",
}


def empty_flags(observations: pd.DataFrame) -> pd.DataFrame:
    """A flag frame with no rows, its key columns typed like the observations'."""
    columns = {
        name: pd.Series(
            dtype=_NUMBER_TYPES.get(
                name,
                observations[name].dtype if name in observations.columns else "object",
            )
        )
        for name in FLAG_COLUMNS
    }
    if PERIOD_END not in observations.columns:
        columns[PERIOD_END] = pd.Series(dtype="datetime64[ns]")
    return pd.DataFrame(columns)
