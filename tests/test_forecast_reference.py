"""Reference tests: statlib's numpy smoothing maths against statsmodels at fixed parameters.

statlib.forecast.smoothing fits SES, the damped trend and Theta over a fixed parameter grid
with initial states solved by least squares; it never calls statsmodels. The reference here
is statsmodels 0.15 (`tsa.holtwinters`, `tsa.exponential_smoothing.ets`,
`tsa.forecasting.theta`), run live in each test with the parameters statlib chose, so the
script that produces the expected numbers is the test itself.

statlib's grid search exposes only its best fit (a SmoothingFit: alpha, beta, phi and the
level/trend after every observation), not the initial states. The states before the first
observation follow from the first step of the error-correction recursion
(Hyndman et al. 2008, ch. 2), with p = l0 + phi*b0 the first one-step prediction:
    level[0] = p + alpha*(x0 - p)            ->  p  = (level[0] - alpha*x0) / (1 - alpha)
    trend[0] = phi*b0 + alpha*beta*(x0 - p)  ->  b0 = (trend[0] - alpha*beta*(x0 - p)) / phi
    l0 = p - phi*b0                          (SES: phi = 0, so l0 = p)
statsmodels is then given those exact alpha/beta/phi/l0/b0 with initialization "known".

Parametrisation (checked numerically in test_damped_trend_matches_holt_and_ets):
statlib's trend update is b_t = phi*b_(t-1) + alpha*beta*e_t, so SmoothingFit.beta is Holt's
beta* (statsmodels `Holt(...).fit(smoothing_trend=beta)`, which updates
b_t = beta*(l_t - l_(t-1)) + (1 - beta)*phi*b_(t-1)); the ETS / ETSModel smoothing_trend is
alpha*beta.
"""

import numpy as np
import pytest
from statsmodels.tsa.exponential_smoothing.ets import ETSModel
from statsmodels.tsa.forecasting.theta import ThetaModel
from statsmodels.tsa.holtwinters import Holt, SimpleExpSmoothing

from statlib.forecast.smoothing import (
    ALPHA_GRID,
    SmoothingFit,
    fit_ses_and_damped,
    smoothing_paths,
    theta_paths,
)

RNG_SEED = 20260827
TOLERANCE = 1e-8  # absolute, on series of magnitude ~100: same recursion, rounding only
HORIZONS = np.arange(1, 7)


def trending_walk(n: int = 48, seed: int = 0) -> np.ndarray:
    """Random walk with drift 0.5 (step sd 2) plus noise sd 1, starting near 100.

    With seed 0 statlib's damped fit lands on alpha 0.8, beta 0.2, phi 0.94: a trend
    weight large enough that confusing Holt's beta with ETS's alpha*beta shows.
    """
    rng = np.random.default_rng(seed)
    return 100 + np.cumsum(0.5 + rng.normal(0, 2, n)) + rng.normal(0, 1, n)


def ses_generated(n: int = 120, alpha: float = 0.3, seed: int = RNG_SEED) -> np.ndarray:
    """A series from the SES data-generating process.

    y_t = l_(t-1) + e_t and l_t = l_(t-1) + alpha*e_t, e_t ~ N(0, 1), l_(-1) = 10.
    """
    rng = np.random.default_rng(seed)
    errors = rng.normal(0, 1, n)
    values = np.empty(n)
    level = 10.0
    for t in range(n):
        values[t] = level + errors[t]
        level += alpha * errors[t]
    return values


def implied_initial_states(x: np.ndarray, fit: SmoothingFit) -> tuple[float, float]:
    """(l0, b0) before x[0], inverted from the fit's first level and trend (module docstring)."""
    first_prediction = (fit.level[0] - fit.alpha * x[0]) / (1.0 - fit.alpha)
    if fit.phi == 0.0:
        return float(first_prediction), 0.0
    first_error = x[0] - first_prediction
    b0 = (fit.trend[0] - fit.alpha * fit.beta * first_error) / fit.phi
    return float(first_prediction - fit.phi * b0), float(b0)


def one_step_predictions(x: np.ndarray, fit: SmoothingFit) -> np.ndarray:
    """statlib's one-step predictions of x[0..n-1]: the implied start, then smoothing_paths h=1."""
    l0, b0 = implied_initial_states(x, fit)
    first = l0 + fit.phi * b0
    return np.concatenate([[first], smoothing_paths(fit, np.array([1]))[:-1, 0]])


# --- SES: ETS(A,N,N) ------------------------------------------------------------------


def test_ses_matches_simple_exp_smoothing_at_fixed_parameters():
    x = trending_walk()
    ses, _ = fit_ses_and_damped(x)
    l0, _ = implied_initial_states(x, ses)
    reference = SimpleExpSmoothing(x, initialization_method="known", initial_level=l0).fit(
        smoothing_level=ses.alpha, optimized=False
    )
    np.testing.assert_allclose(ses.level, reference.level, rtol=0, atol=TOLERANCE)
    np.testing.assert_allclose(
        one_step_predictions(x, ses), reference.fittedvalues, rtol=0, atol=TOLERANCE
    )
    np.testing.assert_allclose(
        smoothing_paths(ses, HORIZONS)[-1], reference.forecast(HORIZONS.size), atol=TOLERANCE
    )
    # SES carries no trend: every origin's forecast is flat at its level.
    assert np.all(ses.trend == 0.0)


def test_ses_initial_level_is_the_least_squares_one():
    # For the alpha statlib chose, statsmodels' optimiser over the initial level alone must
    # not beat statlib's exact least-squares l0 (it can only match it, to its tolerance).
    x = trending_walk()
    ses, _ = fit_ses_and_damped(x)
    l0, _ = implied_initial_states(x, ses)
    statlib_sse = float(np.sum((x - one_step_predictions(x, ses)) ** 2))
    optimised = SimpleExpSmoothing(x, initialization_method="estimated").fit(
        smoothing_level=ses.alpha
    )
    assert statlib_sse <= optimised.sse * (1 + 1e-9)
    assert optimised.params["initial_level"] == pytest.approx(l0, rel=1e-6)


def test_grid_ses_is_within_one_percent_of_the_optimiser():
    # Series from SES with alpha 0.3. statsmodels optimises alpha and l0 continuously
    # (measured: alpha 0.250, SSE 107.70); statlib's grid picks alpha 0.3 with least-squares
    # l0 (SSE 108.28, ratio 1.0054).
    x = ses_generated()
    ses, _ = fit_ses_and_damped(x)
    assert ses.alpha in ALPHA_GRID
    statlib_sse = float(np.sum((x - one_step_predictions(x, ses)) ** 2))
    optimised = SimpleExpSmoothing(x, initialization_method="estimated").fit()
    assert optimised.sse <= statlib_sse <= 1.01 * optimised.sse


# --- damped trend: ETS(A,Ad,N) --------------------------------------------------------


def test_damped_trend_matches_holt_and_ets():
    x = trending_walk()
    _, damped = fit_ses_and_damped(x)
    assert (damped.alpha, damped.beta, damped.phi) == pytest.approx((0.8, 0.2, 0.94))
    l0, b0 = implied_initial_states(x, damped)
    holt = Holt(
        x, damped_trend=True, initialization_method="known", initial_level=l0, initial_trend=b0
    ).fit(
        smoothing_level=damped.alpha,
        smoothing_trend=damped.beta,  # Holt's beta*, as statlib's beta
        damping_trend=damped.phi,
        optimized=False,
    )
    np.testing.assert_allclose(damped.level, holt.level, rtol=0, atol=TOLERANCE)
    np.testing.assert_allclose(damped.trend, holt.trend, rtol=0, atol=TOLERANCE)
    np.testing.assert_allclose(
        one_step_predictions(x, damped), holt.fittedvalues, rtol=0, atol=TOLERANCE
    )
    np.testing.assert_allclose(
        smoothing_paths(damped, HORIZONS)[-1], holt.forecast(HORIZONS.size), atol=TOLERANCE
    )
    # The ETS form of the same model: its trend weight is alpha*beta (0.8*0.2 = 0.16).
    ets = ETSModel(
        x,
        trend="add",
        damped_trend=True,
        initialization_method="known",
        initial_level=l0,
        initial_trend=b0,
    )
    smoothed = ets.smooth([damped.alpha, damped.alpha * damped.beta, damped.phi])
    np.testing.assert_allclose(damped.level, smoothed.level, rtol=0, atol=TOLERANCE)
    np.testing.assert_allclose(damped.trend, smoothed.slope, rtol=0, atol=TOLERANCE)
    # And the check can fail: reading statlib's beta as the ETS weight gives another path.
    misread = ets.smooth([damped.alpha, damped.beta, damped.phi])
    assert np.max(np.abs(damped.trend - misread.slope)) > 0.1


# --- Theta: SES with drift (Hyndman & Billah 2003) ------------------------------------
# Both implement forecast = l_t + b/2 * (h - 1 + (1 - (1 - alpha)^(t+1)) / alpha), b the OLS
# slope of the data up to the origin. They differ, legitimately, in how they estimate the
# SES part: statsmodels' ThetaModel.fit(use_mle=False) fixes l0 = x[0] and optimises alpha;
# statlib picks alpha from its grid with a least-squares l0. So the tests feed statsmodels'
# SES (its alpha, its level path) to statlib's theta_paths and demand the same forecast,
# and check statlib's own drift against statsmodels' slope b0.


def theta_reference(x: np.ndarray, origin: int) -> tuple[SmoothingFit, object]:
    """statsmodels' Theta fit on x[:origin + 1], and its SES as a statlib SmoothingFit on x."""
    theta = ThetaModel(x[: origin + 1], period=1, deseasonalize=False, method="additive")
    result = theta.fit(use_mle=False)
    alpha = float(result.params["alpha"])
    ses = SimpleExpSmoothing(x, initialization_method="known", initial_level=x[0]).fit(
        smoothing_level=alpha, optimized=False
    )
    return SmoothingFit(alpha, 0.0, 0.0, np.asarray(ses.level), np.zeros(x.size)), result


@pytest.mark.parametrize("origin", [47, 29])
def test_theta_forecast_matches_theta_model_given_its_ses(origin):
    # Origin 29 checks the honest running slope: row 29 may use only x[0..29], exactly
    # what ThetaModel sees when fitted to those 30 values.
    x = trending_walk()
    ses, reference = theta_reference(x, origin)
    expected = reference.forecast(HORIZONS.size, theta=2).to_numpy()
    np.testing.assert_allclose(theta_paths(x, ses, HORIZONS)[origin], expected, atol=TOLERANCE)


def test_theta_drift_on_statlib_ses_is_half_the_theta_model_slope():
    # With statlib's own SES, theta minus SES is the drift b0/2 * (h - 1 + catch-up), b0 the
    # OLS slope statsmodels reports for the whole series.
    x = trending_walk()
    ses, _ = fit_ses_and_damped(x)
    _, reference = theta_reference(x, x.size - 1)
    b0 = float(reference.params["b0"])
    catch_up = (1.0 - (1.0 - ses.alpha) ** x.size) / ses.alpha
    expected_drift = b0 / 2.0 * (HORIZONS - 1.0 + catch_up)
    drift = theta_paths(x, ses, HORIZONS)[-1] - smoothing_paths(ses, HORIZONS)[-1]
    np.testing.assert_allclose(drift, expected_drift, rtol=0, atol=TOLERANCE)
    assert b0 == pytest.approx(np.polyfit(np.arange(x.size), x, 1)[0], rel=1e-12)
