"""Exponential smoothing and Theta on one (seasonally adjusted) series, in numpy.

Each model is the error-correction recursion of Hyndman et al. (2008), "Forecasting
with Exponential Smoothing", ch. 2: ETS(A,N,N) (simple exponential smoothing, SES) and
ETS(A,Ad,N) (damped trend). Theta is the SES-with-drift form of Hyndman & Billah (2003),
"Unmasking the Theta method", IJF 19(2), the same method as R's `forecast::thetaf`.

Why not statsmodels' ETSModel here: a numerical optimiser per series costs tens of
milliseconds; the review runs thousands of series. Instead every parameter combination of
a fixed grid runs in one vectorised pass (one numpy row per time step), and the initial
states, which enter the one-step errors linearly for fixed parameters, are solved
exactly by least squares. The whole fit costs about as much as a few hundred additions
per observation.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy.signal import lfilter

# Smoothing-parameter grids. ALPHA covers the usual range of fitted ETS alphas. The trend
# weight beta = alpha * fraction is Holt's form (statsmodels' `smoothing_trend`): the
# update is b_t = phi * b_(t-1) + alpha * beta * e_t, so the ETS-form trend weight is
# alpha * beta <= alpha, as ETS requires (tests/test_forecast_reference.py). PHI stays within
# [0.8, 0.98], the range Hyndman et al. (2008, sec. 5.5) recommend for damped trends.
ALPHA_GRID = np.array([0.01, 0.03, 0.06, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.65, 0.8, 0.99])
BETA_FRACTION_GRID = np.array([0.01, 0.04, 0.1, 0.25, 0.5])
PHI_GRID = np.array([0.8, 0.88, 0.94, 0.98])
RIDGE = 1e-9  # keeps the 2x2 initial-state system solvable for flat unit responses


@dataclass(frozen=True)
class SmoothingFit:
    """One fitted smoothing model: its parameters and its state after every observation.

    Attributes:
        alpha: Level smoothing weight.
        beta: Trend smoothing weight (0 for SES).
        phi: Trend damping factor (0 for SES).
        level: Level after observing x[t], shape (n,).
        trend: Trend after observing x[t], shape (n,).
    """

    alpha: float
    beta: float
    phi: float
    level: np.ndarray
    trend: np.ndarray


def _parameter_grid() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return (alpha, beta, phi) arrays: SES points first (phi = 0), then damped ones."""
    ses_alpha = ALPHA_GRID
    a, f, p = np.meshgrid(ALPHA_GRID, BETA_FRACTION_GRID, PHI_GRID, indexing="ij")
    alpha = np.concatenate([ses_alpha, a.ravel()])
    beta = np.concatenate([np.zeros_like(ses_alpha), (a * f).ravel()])
    phi = np.concatenate([np.zeros_like(ses_alpha), p.ravel()])
    return alpha, beta, phi


GRID_ALPHA, GRID_BETA, GRID_PHI = _parameter_grid()
N_SES = ALPHA_GRID.size


@dataclass(frozen=True)
class _UnitResponses:
    """Data-independent parts of the least-squares fit for series up to `length` long.

    e_level / e_trend: one-step errors from a unit initial level / trend and zero data,
    shape (length, G). kernel_fft: FFT of the errors caused by a unit data impulse (the
    filter from data to errors), zero-padded to 2 * length. gram_*: running sums over time
    of the products of the unit responses, so the normal equations of any shorter series
    are a lookup.
    """

    e_level: np.ndarray
    e_trend: np.ndarray
    kernel_fft: np.ndarray
    gram_ll: np.ndarray
    gram_tt: np.ndarray
    gram_lt: np.ndarray


@lru_cache(maxsize=8)
def _unit_responses(length: int) -> _UnitResponses:
    """Run the recursion once for every grid point from unit states with zero data.

    Cached by length (a power of two), so thousands of series share a few runs.
    """
    g = GRID_ALPHA.size
    level = np.concatenate([np.ones(g), np.zeros(g)])
    trend = np.concatenate([np.zeros(g), np.ones(g)])
    alpha, beta_alpha = np.tile(GRID_ALPHA, 2), np.tile(GRID_ALPHA * GRID_BETA, 2)
    phi = np.tile(GRID_PHI, 2)
    errors = np.empty((length, 2 * g))
    for t in range(length):
        predicted = level + phi * trend
        errors[t] = -predicted
        level = predicted - alpha * predicted
        trend = phi * trend - beta_alpha * predicted
    e_level, e_trend = errors[:, :g], errors[:, g:]
    # A unit data impulse at time 0 gives error 1, then leaves the state (alpha, alpha*beta).
    kernel = np.empty((length, g))
    kernel[0] = 1.0
    kernel[1:] = GRID_ALPHA * e_level[:-1] + GRID_ALPHA * GRID_BETA * e_trend[:-1]
    return _UnitResponses(
        e_level,
        e_trend,
        np.fft.rfft(kernel, n=2 * length, axis=0),
        np.cumsum(e_level * e_level, axis=0),
        np.cumsum(e_trend * e_trend, axis=0),
        np.cumsum(e_level * e_trend, axis=0),
    )


def _grid_sse(x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Least-squares initial states and SSE for every grid point.

    For fixed parameters the one-step errors are linear in the initial level l0 and trend
    b0: e = e_data + l0 * e_level + b0 * e_trend, where e_data is the data filtered from a
    zero state (an FFT convolution with the impulse response). Minimising the SSE over
    (l0, b0) is then a 2x2 linear system per grid point.

    Returns:
        (l0, b0, sse, e_data) with e_data of shape (n, G).
    """
    n = x.size
    length = max(64, 1 << (n - 1).bit_length())
    unit = _unit_responses(length)
    e_data = np.fft.irfft(
        np.fft.rfft(x, n=2 * length)[:, None] * unit.kernel_fft, n=2 * length, axis=0
    )[:n]
    e_level, e_trend = unit.e_level[:n], unit.e_trend[:n]
    ll = unit.gram_ll[n - 1] + RIDGE
    tt = unit.gram_tt[n - 1] + RIDGE
    lt = unit.gram_lt[n - 1]
    ld = np.einsum("tg,tg->g", e_level, e_data)
    td = np.einsum("tg,tg->g", e_trend, e_data)
    dd = np.einsum("tg,tg->g", e_data, e_data)
    det = ll * tt - lt * lt
    l0 = (-ld * tt + td * lt) / det
    b0 = (-td * ll + ld * lt) / det
    # SES ignores the trend (phi = 0): solve its level alone.
    l0[:N_SES] = -ld[:N_SES] / ll[:N_SES]
    b0[:N_SES] = 0.0
    sse = dd + 2 * l0 * ld + 2 * b0 * td + l0 * l0 * ll + 2 * l0 * b0 * lt + b0 * b0 * tt
    return l0, b0, sse, e_data


def _fit_at(x: np.ndarray, best: int, l0: np.ndarray, b0: np.ndarray, e_data) -> SmoothingFit:
    """States of grid point `best` after every observation, from its one-step errors.

    level_t = x_t - (1 - alpha) e_t and b_t = phi b_(t-1) + alpha beta e_t (a first-order
    filter), so no second pass over the recursion is needed.
    """
    alpha, beta, phi = GRID_ALPHA[best], GRID_BETA[best], GRID_PHI[best]
    n = x.size
    unit = _unit_responses(max(64, 1 << (n - 1).bit_length()))
    errors = e_data[:, best] + l0[best] * unit.e_level[:n, best] + b0[best] * unit.e_trend[:n, best]
    level = x - (1.0 - alpha) * errors
    trend = lfilter([alpha * beta], [1.0, -phi], errors, zi=[phi * b0[best]])[0]
    return SmoothingFit(float(alpha), float(beta), float(phi), level, trend)


def fit_ses_and_damped(x: np.ndarray) -> tuple[SmoothingFit, SmoothingFit]:
    """Fit SES and the damped-trend model by least squares over the parameter grid.

    Args:
        x: A complete series (no NaN), at least 3 points.

    Returns:
        (ses, damped): the best SES and the best damped-trend fit by in-sample SSE.
    """
    l0, b0, sse, e_data = _grid_sse(x)
    best_ses = int(np.argmin(sse[:N_SES]))
    best_damped = N_SES + int(np.argmin(sse[N_SES:]))
    return _fit_at(x, best_ses, l0, b0, e_data), _fit_at(x, best_damped, l0, b0, e_data)


def damped_sum(phi: float, horizons: np.ndarray) -> np.ndarray:
    """Return phi + phi**2 + ... + phi**h for each h (h for phi = 1)."""
    if phi == 1.0:
        return horizons.astype(float)
    return phi * (1.0 - phi**horizons) / (1.0 - phi)


def smoothing_paths(fit: SmoothingFit, horizons: np.ndarray) -> np.ndarray:
    """Forecasts from every origin: row t is the forecast made after x[t], shape (n, H)."""
    return fit.level[:, None] + fit.trend[:, None] * damped_sum(fit.phi, horizons)[None, :]


def theta_paths(x: np.ndarray, ses: SmoothingFit, horizons: np.ndarray) -> np.ndarray:
    """Theta-method forecasts from every origin, shape (n, H).

    Hyndman & Billah (2003), eq. 3: SES forecast plus half the least-squares slope b of the
    data up to the origin, as a drift: l_t + b/2 * (h - 1 + (1 - (1 - alpha)^(t+1)) / alpha).
    The slope at each origin uses only data up to that origin (running sums), so
    in-sample errors at early origins are honest.
    """
    time = np.arange(x.size, dtype=float)
    count = time + 1.0
    sum_t, sum_x = np.cumsum(time), np.cumsum(x)
    sum_tt, sum_tx = np.cumsum(time * time), np.cumsum(time * x)
    variance = sum_tt - sum_t * sum_t / count
    with np.errstate(invalid="ignore", divide="ignore"):
        slope = np.where(variance > 0, (sum_tx - sum_t * sum_x / count) / variance, 0.0)
    alpha = ses.alpha
    catch_up = (1.0 - (1.0 - alpha) ** count) / alpha
    drift = (slope / 2.0)[:, None] * (horizons[None, :] - 1.0 + catch_up[:, None])
    return ses.level[:, None] + drift
