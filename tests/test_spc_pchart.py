"""p-charts and Laney's p' (statlib.spc.pchart), checked against values computed by hand."""

import numpy as np
import pytest

from statlib.spc.pchart import (
    LANEY,
    P_CHART,
    binomial_sigmas,
    dispersion_ratio,
    laney_sigma_z,
    overdispersed,
    p_chart_limits,
    pooled_proportion,
    z_scores,
)

SMALL_X, SMALL_N = [10, 30, 5, 60], [100, 200, 100, 400]
# Seed-sized monthly batches: 99.85% pass, but the true rate moves from month to month.
LARGE_X = [9990, 11975, 8995, 10970, 9992]
LARGE_N = [10000, 12000, 9000, 11000, 10000]


def test_p_chart_limits_follow_each_denominator():
    """A small series the binomial explains: a plain p-chart.

    p̄ = sum(x) / sum(n) = 105 / 800 = 0.13125;  p̄(1 - p̄) = 0.13125 * 0.86875 = 0.1140234
    sigma_i = sqrt(0.1140234 / n_i): n = 100 -> 0.0337674, 200 -> 0.0238771, 400 -> 0.0168837
    p_i = 0.10, 0.15, 0.05, 0.15
    z_i = (p_i - p̄) / sigma_i = -0.92545, 0.78527, -2.40617, 1.11054
    sum(z^2) = 0.85646 + 0.61665 + 5.78966 + 1.23330 = 8.4961 < chi2(3 df, 0.99) = 11.345:
    not over-dispersed, so the limits are p̄ ± 3 sigma_i:
      n = 100: 0.13125 ± 0.101302 = 0.029948 .. 0.232552
      n = 200: 0.13125 ± 0.071631 = 0.059619 .. 0.202881
      n = 400: 0.13125 ± 0.050651 = 0.080599 .. 0.181901
    """
    limits = p_chart_limits(SMALL_X, SMALL_N)
    assert limits.centre == pytest.approx(0.13125)
    assert limits.sigma == pytest.approx([0.0337674, 0.0238771, 0.0337674, 0.0168837], abs=1e-7)
    assert limits.z == pytest.approx([-0.92545, 0.78527, -2.40617, 1.11054], abs=1e-5)
    assert limits.chart == P_CHART
    assert limits.lower == pytest.approx([0.029948, 0.059619, 0.029948, 0.080599], abs=1e-6)
    assert limits.upper == pytest.approx([0.232552, 0.202881, 0.232552, 0.181901], abs=1e-6)


def test_laney_sigma_z_from_moving_ranges_of_z():
    """Laney forced on the small series.

    moving ranges of z: |0.78527 + 0.92545| = 1.71072, |-2.40617 - 0.78527| = 3.19144,
    |1.11054 + 2.40617| = 3.51671; MRbar = 8.41887 / 3 = 2.80629
    sigma_z = MRbar / 1.128 = 2.48785
    limits p̄ ± 3 sigma_i sigma_z; n = 100: 0.13125 ± 3 * 0.0337674 * 2.48785 = ± 0.252024,
    so 0 (clipped from -0.120774) .. 0.383274; n = 400: ± 0.126012 -> 0.005238 .. 0.257262
    """
    limits = p_chart_limits(SMALL_X, SMALL_N, laney=True)
    assert limits.sigma_z == pytest.approx(2.48785, abs=1e-5)
    assert limits.chart == LANEY
    assert limits.lower == pytest.approx([0.0, 0.0, 0.0, 0.005238], abs=2e-6)
    assert limits.upper[0] == pytest.approx(0.383274, abs=2e-6)
    assert limits.upper[3] == pytest.approx(0.257262, abs=2e-6)


def test_large_denominators_are_overdispersed_and_take_laney():
    """Monthly batches of 9,000-12,000 at 99.85% pass: the plain limits are far too tight.

    p̄ = 51,922 / 52,000 = 0.9985;  p̄(1 - p̄) = 0.00149775
    sigma_i: n = 10,000 -> 0.00038701, 12,000 -> 0.00035329, 9,000 -> 0.00040794,
             11,000 -> 0.00036900
    p_i = 0.999, 0.9979167, 0.9994444, 0.9972727, 0.9992
    z_i = 1.29196, -1.65115, 2.31514, -3.32597, 1.80875
    sum(z^2) = 24.089 > chi2(4 df, 0.99) = 13.277: over-dispersed -> p'
    MR of z: 2.94312, 3.96630, 5.64111, 5.13471; MRbar = 4.42131; sigma_z = 3.91960
    p' limits, n = 10,000: 0.9985 ± 3 * 0.00038701 * 3.91960 = ± 0.0045508
      -> 0.993949 .. 1 (clipped from 1.003051)
    plain p-chart, n = 11,000: 0.9985 - 3 * 0.000369 = 0.997393 > p_4 = 0.9972727: the
    plain chart calls month 4 special cause; p' (lower 0.994161) does not.
    """
    z = [1.29196, -1.65115, 2.31514, -3.32597, 1.80875]
    assert overdispersed(z)
    assert dispersion_ratio(z) == pytest.approx(24.089 / 4, abs=1e-3)
    limits = p_chart_limits(LARGE_X, LARGE_N)
    assert limits.centre == pytest.approx(0.9985)
    assert limits.z == pytest.approx(z, abs=1e-5)
    assert limits.sigma_z == pytest.approx(3.91960, abs=1e-5)
    assert limits.chart == LANEY
    assert limits.lower[0] == pytest.approx(0.993949, abs=1e-6)
    assert limits.upper[0] == 1.0
    plain = p_chart_limits(LARGE_X, LARGE_N, laney=False)
    assert plain.lower[3] == pytest.approx(0.997393, abs=1e-6)
    assert LARGE_X[3] / LARGE_N[3] < plain.lower[3]
    assert LARGE_X[3] / LARGE_N[3] > limits.lower[3] == pytest.approx(0.994161, abs=1e-6)


def test_pieces_and_edge_cases():
    assert pooled_proportion([1, 3], [10, 30]) == 0.1  # not the mean of proportions
    assert np.isnan(pooled_proportion([], []))
    assert binomial_sigmas(0.5, [100]) == pytest.approx([0.05])
    assert np.isnan(z_scores([0.0], 0.0, [0.0])).all()  # p̄ = 0: no z
    assert np.isnan(laney_sigma_z([1.0]))
    assert not overdispersed([1.0])
    limits = p_chart_limits([5, 0, 7], [10, 0, 10])  # a period with nothing sampled
    assert np.isnan(limits.lower[1]) and limits.centre == pytest.approx(0.6)
