"""Seasonal adjustment of KPI series before SPC, and the period grid it needs.

SPC assumes the points vary around one level. A seasonal series (winter burglaries,
summer tourism) breaks that: its peaks look like special causes every year. So each
series is tested for seasonality and, when seasonal, SPC runs on its seasonally
adjusted values, for the flags and for the charts alike (`seasonal_spc`). The test and
the indices are the forecasting module's (`statlib.forecast.seasonality`: at least two
full seasons, a 90% autocorrelation test at the seasonal lag, classical decomposition).
The forecasts accept a season more readily (a looser test, and a backtest for monthly and
quarterly data): a missed season costs a forecast more than it costs SPC, where a false
season would hide real signals. Classical decomposition has a useful property
here: its centred moving average leaves out the newest half season, so the newest
point, the one being judged, barely moves the indices it is judged by.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pandas as pd

from statlib import schema as S
from statlib.errors import ParamsError
from statlib.forecast.seasonality import estimate_seasonality
from statlib.periods import FREQS, SEASON_LENGTH
from statlib.schema import PERIOD_END, SERIES_KEYS, VALUE
from statlib.spc import SpcResult, SpcSettings, evaluate

DAYS_PER_PERIOD: dict[str, int] = {"week": 7, "fortnight": 14}
# The other frequencies are whole months: 12 months / periods per year.
MONTHS_PER_PERIOD: dict[str, int] = {
    freq: 12 // SEASON_LENGTH[freq] for freq in FREQS if freq not in DAYS_PER_PERIOD
}

# Columns this module adds: raw = adjusted * SEASON_SCALE + SEASON_OFFSET.
RAW_VALUE = "raw_value"
SEASON_SCALE = "season_scale"  # multiplicative index (1 when additive or not seasonal)
SEASON_OFFSET = "season_offset"  # additive index (0 when multiplicative or not seasonal)
SEASONAL = S.SEASONAL  # bool: the series was found seasonal and adjusted
# The SPC lines that `seasonal_spc` puts back on the seasonal pattern.
SPC_LINES = (
    S.CENTRE,
    S.UPPER_LIMIT,
    S.LOWER_LIMIT,
    S.UPPER_TWO_SIGMA,
    S.LOWER_TWO_SIGMA,
    S.UPPER_ONE_SIGMA,
    S.LOWER_ONE_SIGMA,
)


def check_freq(freq: str) -> str:
    """Return `freq` if statlib knows it, else raise ParamsError naming it."""
    if freq not in FREQS:
        raise ParamsError(f"frequency {freq!r} is not known; choose one of {', '.join(FREQS)}")
    return freq


def check_season_length(freq: str, season_length: int | None) -> int:
    """Periods per season: `season_length`, or the frequency's when None; ParamsError if < 1."""
    periods = SEASON_LENGTH[freq] if season_length is None else season_length
    if isinstance(periods, bool) or not isinstance(periods, int) or periods < 1:
        raise ParamsError(f"season_length={periods!r}: must be an integer >= 1")
    return periods


def grid_positions(period_end: pd.Series, freq: str) -> npt.NDArray[np.int64]:
    """Number of each period on its frequency's unbroken grid (consecutive periods differ by 1).

    Weeks and fortnights count whole 7 / 14 day steps, so a week-end day that moves by a
    day (NYPD's Saturday to Sunday switch) keeps the numbering; the other frequencies
    count months.

    Args:
        period_end: Last day of each period (datetime64).
        freq: One of statlib.periods.FREQS.
    """
    ends = pd.DatetimeIndex(period_end)
    if check_freq(freq) in DAYS_PER_PERIOD:
        days = ends.to_numpy(dtype="datetime64[D]").astype(np.int64)
        return days // DAYS_PER_PERIOD[freq]
    months = ends.year.to_numpy(dtype=np.int64) * 12 + ends.month.to_numpy(dtype=np.int64) - 1
    return months // MONTHS_PER_PERIOD[freq]


def _adjust_series(
    values: npt.NDArray[np.float64], positions: npt.NDArray[np.int64], season_length: int
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.float64], bool]:
    """Adjusted values, scale and offset per observed point of one series in period order."""
    ones, zeros = np.ones(values.size), np.zeros(values.size)
    observed = ~np.isnan(values)
    if not observed.any():
        return values, ones, zeros, False
    offsets = positions - positions[observed][0]
    # Missing periods are interpolated only to estimate the indices; they stay missing.
    grid = np.arange(offsets[observed][-1] + 1)
    filled = np.interp(grid, offsets[observed], values[observed])
    seasonality = estimate_seasonality(filled, season_length)
    if seasonality.kind == "none":
        return values, ones, zeros, False
    index = seasonality.at(offsets)
    if seasonality.kind == "multiplicative":
        return values / index, index, zeros, True
    return values - index, ones, index, True


def seasonally_adjust(observations: pd.DataFrame, *, freq: str, season_length: int) -> pd.DataFrame:
    """Replace VALUE by its seasonally adjusted value in every seasonal series.

    Args:
        observations: SERIES_KEYS, PERIOD_END, VALUE (NaN = missing: it stays NaN and
            takes no part in the estimate), at most one row per series and period. Never
            modified.
        freq: The period frequency (statlib.periods.FREQS), to place the periods on a grid.
        season_length: Periods per year (12 monthly); below 2 nothing is seasonal.

    Returns:
        A copy sorted by SERIES_KEYS and PERIOD_END, with VALUE adjusted and RAW_VALUE
        (the observed value), SEASON_SCALE, SEASON_OFFSET (raw = VALUE * scale + offset)
        and SEASONAL (bool, per series) added.
    """
    frame = observations.sort_values([*SERIES_KEYS, PERIOD_END], kind="stable").reset_index(
        drop=True
    )
    raw = frame[VALUE].to_numpy(dtype=float, na_value=np.nan)
    positions = grid_positions(frame[PERIOD_END], freq)
    adjusted, scale, offset = raw.copy(), np.ones(raw.size), np.zeros(raw.size)
    seasonal = np.zeros(raw.size, dtype=bool)
    for rows in frame.groupby(list(SERIES_KEYS), sort=False).indices.values():
        adjusted[rows], scale[rows], offset[rows], seasonal[rows] = _adjust_series(
            raw[rows], positions[rows], season_length
        )
    return frame.assign(
        **{
            VALUE: adjusted,
            RAW_VALUE: raw,
            SEASON_SCALE: scale,
            SEASON_OFFSET: offset,
            SEASONAL: seasonal,
        }
    )


def seasonal_spc(
    observations: pd.DataFrame,
    *,
    freq: str,
    season_length: int,
    directions: dict[str, str] | str = "neutral",
    settings: SpcSettings | None = None,
) -> SpcResult:
    """SPC judged on the seasonally adjusted values, returned on the observed scale.

    The rules, point types and icons of a seasonal series come from its adjusted values,
    as the flags' do (statlib.anomalies.flags), so the chart and the flags agree. The
    points come back with their observed VALUE (and TARGET) and with the centre, limits
    and sigma lines put back on the seasonal pattern (line * scale + offset): a chart
    shows the numbers leaders know, with limits that follow the season, and a point
    outside them is one the rules judged. MOVING_RANGE stays that of the adjusted
    values. A non-seasonal series comes back exactly as `statlib.spc.evaluate` gives it.

    Args:
        observations: SERIES_KEYS, PERIOD_END, VALUE (NaN = a gap), optional TARGET and
            GHOST, as statlib.spc.evaluate takes them. Never modified.
        freq: The period frequency (statlib.periods.FREQS).
        season_length: Periods per year; below 2 nothing is seasonal.
        directions: As statlib.spc.evaluate.
        settings: As statlib.spc.evaluate (its defaults when None).

    Returns:
        The SpcResult of statlib.spc.evaluate; `points` and `summary` also carry SEASONAL
        (bool per series), and the summary's LAST_VALUE, CENTRE and limits are on the
        observed scale at the series' last point.
    """
    adjusted = seasonally_adjust(observations, freq=freq, season_length=season_length)
    scale, offset = adjusted[SEASON_SCALE], adjusted[SEASON_OFFSET]
    if S.TARGET in adjusted.columns:
        # Assurance compares the target with the limits, so both need the same scale.
        adjusted[S.TARGET] = (adjusted[S.TARGET] - offset) / scale
    result = evaluate(adjusted, directions=directions, settings=settings or SpcSettings())
    points = result.points
    scale, offset = points[SEASON_SCALE], points[SEASON_OFFSET]
    restored = {line: points[line] * scale + offset for line in SPC_LINES}
    if S.TARGET in points.columns:
        restored[S.TARGET] = points[S.TARGET] * scale + offset
    points = points.assign(**restored, **{VALUE: points[RAW_VALUE]}).drop(
        columns=[RAW_VALUE, SEASON_SCALE, SEASON_OFFSET]
    )
    # Each series' pattern at its last point, and whether it is seasonal at all (a series
    # without a last point has no scale there but still has its SEASONAL flag).
    indices = result.points[[*SERIES_KEYS, PERIOD_END, SEASON_SCALE, SEASON_OFFSET]]
    seasonal = result.points.groupby(list(SERIES_KEYS), as_index=False)[SEASONAL].first()
    summary = result.summary.merge(
        indices.rename(columns={PERIOD_END: S.LAST_PERIOD_END}),
        on=[*SERIES_KEYS, S.LAST_PERIOD_END],
        how="left",
    ).merge(seasonal, on=list(SERIES_KEYS), how="left")
    at_last = {
        column: summary[column] * summary[SEASON_SCALE] + summary[SEASON_OFFSET]
        for column in (S.LAST_VALUE, S.CENTRE, S.UPPER_LIMIT, S.LOWER_LIMIT)
    }
    summary = summary.assign(**at_last).drop(columns=[SEASON_SCALE, SEASON_OFFSET])
    return SpcResult(points, summary)
