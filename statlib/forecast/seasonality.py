"""Whether a series is seasonal, and its classical seasonal indices.

Up to monthly seasons (m <= 12) the test and the decomposition are those of the M3/M4
Theta and Comb benchmarks (Makridakis et al. 2020, "The M4 Competition", IJF 36(1),
benchmark code): a 90% autocorrelation test at the seasonal lag, then classical
decomposition, multiplicative when the data are strictly positive and additive
otherwise. Longer seasons (26 fortnights, 52 weeks a year) are tested and estimated by a
few annual harmonics instead (statlib.forecast.fourier), at the same level: the
autocorrelation test missed the plain summer peak of the demo's fortnightly 311 requests.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.stats import norm
from statsmodels.tsa.seasonal import seasonal_decompose
from statsmodels.tsa.stattools import acf

from statlib.forecast.fourier import fitting_scale, harmonic_indices, harmonics_p_value

SEASONALITY_Z = 1.645  # one-sided 90% normal quantile, as in the M4 benchmarks
RECENCY = 0.8  # chosen over 1.0 (classical) and 0.6 on training holdouts (benchmarks/)
MIN_SEASONS = 2  # fewer than two full seasons: no seasonal model (indices unidentified)
# Longer seasons than this are tested and estimated by harmonics (module docstring).
MAX_CLASSICAL_SEASON_LENGTH = 12
# Harmonic seasons are accepted at p < 0.01 (one-sided normal quantile 0.99), by the
# anomaly module and the forecasts alike: two years of weekly data give a change at the
# end of a series room to pass for a season. At 0.05 the demo's planted backlog surge in
# district 9 (p = 0.032) and precinct 112's 2026 summer of grand larceny, 60% above the
# two summers before (p = 0.048), were called seasonal and went unflagged. The forecasts
# lose nothing by it: on the NYPD weekly series (4-week forecasts from the origins of
# benchmarks/weekly_intervals.py) the naive-scaled MAE was 0.818 accepting at z 1.0,
# 0.816 at 2.326 and 0.814 with no season at all. benchmarks/weekly_seasonality.py
# reports the detection at each level on the NYPD series.
LONG_SEASON_Z = 2.326


@dataclass(frozen=True)
class Seasonality:
    """Seasonal indices of one series.

    Attributes:
        kind: "none", "additive" or "multiplicative".
        indices: One index per position in the season (length season_length), where
            position p holds observation p, p + m, ...; ones (or zeros) when kind is "none".
    """

    kind: str
    indices: np.ndarray

    def at(self, positions: np.ndarray) -> np.ndarray:
        """Return the index for each absolute position (0 = first observation)."""
        return self.indices[positions % self.indices.size]

    def adjust(self, x: np.ndarray) -> np.ndarray:
        """Remove the seasonal pattern from x (positions 0..n-1)."""
        season = self.at(np.arange(x.size))
        return x / season if self.kind == "multiplicative" else x - season

    def restore(self, adjusted: np.ndarray, positions: np.ndarray) -> np.ndarray:
        """Put the seasonal pattern back on forecasts for the given positions."""
        season = self.at(positions)
        return adjusted * season if self.kind == "multiplicative" else adjusted + season


def no_seasonality() -> Seasonality:
    """Return the identity seasonality (additive zeros)."""
    return Seasonality("none", np.zeros(1))


def is_seasonal(
    x: np.ndarray,
    season_length: int,
    *,
    z: float = SEASONALITY_Z,
    long_season_z: float = LONG_SEASON_Z,
) -> bool:
    """Return True if the series' annual pattern is significant.

    Up to MAX_CLASSICAL_SEASON_LENGTH: the autocorrelation at the seasonal lag exceeds z
    standard errors (Bartlett's formula, sqrt((1 + 2 sum_{k<m} r_k^2) / n)); the default z
    tests at 90%, one-sided, as the M4 benchmarks do. Longer seasons: the F test of the
    annual harmonics (statlib.forecast.fourier) has a p-value below the one-sided normal
    tail beyond long_season_z (0.01 at the default). Series with fewer than two full
    seasons are never seasonal.
    """
    if season_length < 2 or x.size < MIN_SEASONS * season_length:
        return False
    if np.ptp(x) == 0:
        return False
    if season_length > MAX_CLASSICAL_SEASON_LENGTH:
        return harmonics_p_value(fitting_scale(x)[0], season_length) < norm.sf(long_season_z)
    r = acf(x, nlags=season_length, fft=False)
    bound = z * np.sqrt((1.0 + 2.0 * np.sum(r[1:season_length] ** 2)) / x.size)
    return bool(abs(r[season_length]) > bound)


def estimate_seasonality(
    x: np.ndarray,
    season_length: int,
    *,
    z: float = SEASONALITY_Z,
    long_season_z: float = LONG_SEASON_Z,
) -> Seasonality:
    """Classical decomposition indices if the series is seasonal, else no seasonality.

    Args:
        x: A complete series (no NaN).
        season_length: Periods per season (12 monthly, 4 quarterly, 52 weekly; above
            MAX_CLASSICAL_SEASON_LENGTH the indices are a smooth harmonic profile).
        z: Threshold of the seasonality test in standard errors (see is_seasonal).
        long_season_z: The same for harmonic seasons (see is_seasonal).
    """
    if not is_seasonal(x, season_length, z=z, long_season_z=long_season_z):
        return no_seasonality()
    if season_length > MAX_CLASSICAL_SEASON_LENGTH:
        return Seasonality(*harmonic_indices(x, season_length))
    return seasonal_indices(x, season_length)


def seasonal_indices(x: np.ndarray, season_length: int) -> Seasonality:
    """Classical decomposition indices, without testing whether the season is real.

    Multiplicative when the data are strictly positive, additive otherwise; recent
    seasons weigh more (RECENCY). Callers decide whether to use them: estimate_seasonality
    by the autocorrelation test, statlib.forecast.series also by a backtest.

    Args:
        x: A complete series (no NaN) of at least MIN_SEASONS * season_length points.
        season_length: Periods per season, >= 2.
    """
    kind = "multiplicative" if np.all(x > 0) else "additive"
    trend = seasonal_decompose(x, model=kind, period=season_length).trend
    detrended = x / trend if kind == "multiplicative" else x - trend
    # Recent seasons weigh more: seasonal patterns drift (tourism, school calendars), and
    # a fixed all-history average lags behind. Weight RECENCY**k for the k-th latest.
    seasons_back = (x.size - 1 - np.arange(x.size)) // season_length
    weights = np.where(np.isnan(detrended), 0.0, RECENCY**seasons_back)
    filled = np.where(np.isnan(detrended), 0.0, detrended)
    position = np.arange(x.size) % season_length
    indices = np.bincount(position, weights * filled, season_length) / np.bincount(
        position, weights, season_length
    )
    if kind == "multiplicative":
        return Seasonality(kind, indices / indices.mean())
    return Seasonality(kind, indices - indices.mean())
