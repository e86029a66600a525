"""Annual seasonality of weekly and fortnightly series, from a few Fourier terms.

Why not the monthly method (statlib.forecast.seasonality): at 26 or 52 periods a year a
city keeps two or three years of data, so the autocorrelation at lag m rests on a year
of pairs and is swamped by the trend, and classical decomposition estimates each of 52
weekly indices from two or three noisy values. A smooth annual profile of K harmonics
(2K numbers, "dynamic harmonic regression", Hyndman & Athanasopoulos, Forecasting:
Principles and Practice, 3rd ed., sec. 7.4 and 10.5) uses every point for every index.

The test is the F test of the harmonics in a regression on level, linear trend and the
harmonics (the trend keeps a rise over the years from passing for a season), after one
Cochrane-Orcutt step: weekly counts drift slowly, and ordinary least squares on
autocorrelated errors takes drift for a season. Strictly positive data are fitted on the
log scale (a multiplicative season, as classical decomposition chooses), others as they
are. The season has `season_length` periods: 52 weeks are 364 days, so the profile slips
by a day and a quarter a year, a week in five years, which the smooth profile absorbs.
"""

from __future__ import annotations

import numpy as np
from scipy.stats import f as f_distribution

HARMONICS = 2  # annual and half-year cycles: a summer peak, a winter (flu) peak, or both
MAX_AUTOCORRELATION = 0.95  # beyond this the Cochrane-Orcutt step leaves no signal


def fourier_terms(positions: np.ndarray, season_length: int, harmonics: int) -> np.ndarray:
    """Columns cos(2 pi k p / m), sin(2 pi k p / m) for k = 1..harmonics: (len, 2K)."""
    angles = 2 * np.pi * np.outer(positions, np.arange(1, harmonics + 1)) / season_length
    return np.column_stack([np.cos(angles), np.sin(angles)])


def _design(n: int, season_length: int, harmonics: int) -> np.ndarray:
    """Level, linear trend (in seasons) and the harmonics for positions 0..n-1."""
    t = np.arange(n, dtype=float)
    return np.column_stack(
        [np.ones(n), t / season_length, fourier_terms(t, season_length, harmonics)]
    )


def _residual_sum_of_squares(y: np.ndarray, design: np.ndarray) -> float:
    coefficients = np.linalg.lstsq(design, y, rcond=None)[0]
    return float(np.sum((y - design @ coefficients) ** 2))


def _lag_one_autocorrelation(residuals: np.ndarray) -> float:
    """r_1 of the residuals, clipped to [0, MAX_AUTOCORRELATION] (negative: no correction)."""
    denominator = np.sum(residuals**2)
    if denominator == 0:
        return 0.0
    r = np.sum(residuals[1:] * residuals[:-1]) / denominator
    return float(np.clip(r, 0.0, MAX_AUTOCORRELATION))


def fitting_scale(x: np.ndarray) -> tuple[np.ndarray, str]:
    """log(x) and "multiplicative" for strictly positive data, else x and "additive"."""
    if np.all(x > 0):
        return np.log(x), "multiplicative"
    return x, "additive"


def harmonics_p_value(x: np.ndarray, season_length: int, harmonics: int = HARMONICS) -> float:
    """p-value of the F test that the annual harmonics add nothing to level and trend.

    Args:
        x: A complete series (no NaN), on the scale of the fit (see fitting_scale).
        season_length: Periods per year (26, 52).
        harmonics: Number of harmonics K (2K coefficients tested).

    Returns:
        The p-value after one Cochrane-Orcutt step (rows x_t - r x_{t-1}, r the lag-one
        autocorrelation of the full model's residuals); 1.0 when the fit is exact both
        ways or too few points remain to test.
    """
    design = _design(x.size, season_length, harmonics)
    coefficients = np.linalg.lstsq(design, x, rcond=None)[0]
    r = _lag_one_autocorrelation(x - design @ coefficients)
    y = x[1:] - r * x[:-1]
    whitened = design[1:] - r * design[:-1]
    tested = 2 * harmonics
    free = y.size - design.shape[1]
    if free < 1:
        return 1.0
    full = _residual_sum_of_squares(y, whitened)
    restricted = _residual_sum_of_squares(y, whitened[:, :-tested])
    if full <= 1e-12 * max(restricted, 1e-300):
        return 0.0 if restricted > 0 else 1.0
    statistic = ((restricted - full) / tested) / (full / free)
    return float(f_distribution.sf(statistic, tested, free))


def harmonic_indices(
    x: np.ndarray, season_length: int, harmonics: int = HARMONICS
) -> tuple[str, np.ndarray]:
    """(kind, indices) of the fitted annual profile, one index per position 0..m-1.

    Multiplicative indices (strictly positive data) average 1, additive ones 0; the
    profile is fitted with level and linear trend by least squares.
    """
    y, kind = fitting_scale(x)
    design = _design(x.size, season_length, harmonics)
    coefficients = np.linalg.lstsq(design, y, rcond=None)[0]
    positions = np.arange(season_length, dtype=float)
    profile = fourier_terms(positions, season_length, harmonics) @ coefficients[2:]
    if kind == "multiplicative":
        indices = np.exp(profile)
        return kind, indices / indices.mean()
    return kind, profile - profile.mean()
