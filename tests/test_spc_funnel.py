"""Funnel plots (statlib.spc.funnel), checked against values computed by hand."""

import pytest

from statlib.spc.funnel import (
    BELOW_95,
    BELOW_998,
    WITHIN,
    Z_95,
    Z_998,
    dispersion_factor,
    funnel,
    funnel_limits,
)


def test_funnel_limits_of_units_that_differ_by_chance():
    """Four counties, 500 to 3,000 batches each.

    p0 = 6,440 / 6,500 = 0.990769;  p0(1 - p0) = 0.0091456
    sigma at n: sqrt(0.0091456 / n): n = 1,000 -> 0.0030242, 500 -> 0.0042769
    county 3: p = 490 / 500 = 0.98, z = (0.98 - 0.990769) / 0.0042769 = -2.518
    sum(z^2) = 0.0647 + 0.6551 + 6.3406 + 0.2642 = 7.3246 < chi2(3 df, 0.99) = 11.345: phi = 1
    n = 500: 95% lower 0.990769 - 1.96 * 0.0042769 = 0.982387,
             99.8% lower 0.990769 - 3.0902 * 0.0042769 = 0.977553
    0.977553 < 0.98 < 0.982387: county 3 is below the 95% limit, inside the 99.8% one.
    """
    made = funnel([990, 1985, 490, 2975], [1000, 2000, 500, 3000])
    assert made.centre == pytest.approx(0.990769, abs=1e-6)
    assert made.phi == 1.0
    assert made.z[2] == pytest.approx(-2.518, abs=1e-3)
    assert made.lower_95[2] == pytest.approx(0.982387, abs=1e-6)
    assert made.lower_998[2] == pytest.approx(0.977553, abs=1e-6)
    assert made.upper_95[0] == pytest.approx(0.990769 + Z_95 * 0.0030242, abs=1e-6)
    assert list(made.position) == [WITHIN, WITHIN, BELOW_95, WITHIN]


def test_overdispersed_units_widen_the_funnel():
    """Five counties whose rates differ by more than chance.

    p0 = 9,920 / 10,000 = 0.99;  p0(1 - p0) = 0.0099
    z = 1.58910, 2.24733, -6.74200, 2.75241, -3.89249; sum(z^2) = 75.758
    > chi2(4 df, 0.99) = 13.277: phi = 75.758 / 5 = 15.1515
    county 3 (n = 500, p = 0.96): sigma 0.0044497; plain 99.8% lower
    0.99 - 3.0902 * 0.0044497 = 0.976250 (below it); widened
    0.99 - 3.0902 * sqrt(15.1515) * 0.0044497 = 0.936476 (within).
    """
    x, n = [995, 1990, 480, 2985, 1470], [1000, 2000, 500, 3000, 1500]
    made = funnel(x, n)
    assert made.phi == pytest.approx(15.1515, abs=1e-4)
    assert made.lower_998[2] == pytest.approx(0.936476, abs=1e-6)
    assert made.position[2] == WITHIN
    lower, _ = funnel_limits(0.99, [500], Z_998)
    assert lower[0] == pytest.approx(0.976250, abs=1e-6)
    assert lower[0] > 0.96


def test_dispersion_factor_and_positions():
    assert dispersion_factor([0.5, -0.5, 1.0]) == 1.0  # chance alone: no widening
    assert dispersion_factor([]) == 1.0
    made = funnel([900, 1980, 2970], [1000, 2000, 3000])
    assert made.position[0] == BELOW_998 or made.phi > 1
