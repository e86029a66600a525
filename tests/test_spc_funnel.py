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
    winsorised,
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
    z = 1.58910, 2.24733, -6.74200, 2.75241, -3.89249
    winsorised at 10%: sorted z = -6.74200, -3.89249, 1.58910, 2.24733, 2.75241;
      10th centile at position 0.4: -6.74200 + 0.4 * 2.84951 = -5.60220
      90th centile at position 3.6: 2.24733 + 0.6 * 0.50508 = 2.55038
      w = 1.58910, 2.24733, -5.60220, 2.55038, -3.89249
    sum(w^2) = 2.52525 + 5.05050 + 31.38463 + 6.50443 + 15.15152 = 60.6163
      > chi2(4 df, 0.99) = 13.277: phi = 60.6163 / 5 = 12.1233
    county 3 (n = 500, p = 0.96): sigma 0.0044497; plain 99.8% lower
    0.99 - 3.0902 * 0.0044497 = 0.976250 (below it); widened
    0.99 - 3.0902 * sqrt(12.1233) * 0.0044497 = 0.942122 (within).
    """
    x, n = [995, 1990, 480, 2985, 1470], [1000, 2000, 500, 3000, 1500]
    z = [1.58910, 2.24733, -6.74200, 2.75241, -3.89249]
    assert winsorised(z) == pytest.approx([1.58910, 2.24733, -5.60220, 2.55038, -3.89249], abs=1e-5)
    made = funnel(x, n)
    assert made.phi == pytest.approx(12.1233, abs=1e-4)
    assert made.lower_998[2] == pytest.approx(0.942122, abs=1e-6)
    assert made.position[2] == WITHIN
    lower, _ = funnel_limits(0.99, [500], Z_998)
    assert lower[0] == pytest.approx(0.976250, abs=1e-6)
    assert lower[0] > 0.96


def test_winsorising_keeps_one_outlier_from_hiding_itself():
    """Eight counties, one far below (z = -6.78, the demo's Baishi vegetables, H1 2020).

    Raw: sum(z^2) = 56.4, phi would be 7.05 and the outlier only "below 95%". Winsorised
    at 10%: the outlier becomes the 10th centile, -6.78 + 0.7 * 6.09 = -2.52, sum(w^2) =
    16.5 < chi2(7 df, 0.99) = 18.48: phi = 1, and the county is below the 99.8% limit.
    """
    x = [957, 1506, 1961, 982, 1056, 1187, 780, 1364]
    n = [979, 1517, 1971, 986, 1060, 1190, 781, 1367]
    made = funnel(x, n)
    assert made.z[0] == pytest.approx(-6.78, abs=0.01)
    assert made.phi == 1.0
    assert made.position[0] == BELOW_998


def test_dispersion_factor_and_positions():
    assert dispersion_factor([0.5, -0.5, 1.0]) == 1.0  # chance alone: no widening
    assert dispersion_factor([]) == 1.0
    made = funnel([900, 1980, 2970], [1000, 2000, 3000])
    assert made.position[0] == BELOW_998 or made.phi > 1
