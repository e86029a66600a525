import numpy as np

from statlib.forecast.accuracy import coverage, mase, msis, seasonal_naive_scale, smape

# Hand-computed: history 10, 12, 14, 12, 14, 16 with a season of 3 has seasonal
# differences 2, 2, 2, so the scale is 2. Actuals 10, 20, 5 against the interval [8, 12]:
# inside, 8 above it, 3 below it.
HISTORY = np.array([10.0, 12, 14, 12, 14, 16])
ACTUAL = np.array([10.0, 20, 5])
LOWER = np.full(3, 8.0)
UPPER = np.full(3, 12.0)


def test_seasonal_naive_scale_by_hand():
    assert seasonal_naive_scale(HISTORY, 3) == 2.0
    # Not longer than a season: naive differences 2, 2, -2, 2, 2 in absolute value.
    assert seasonal_naive_scale(HISTORY, 6) == 2.0
    assert np.isnan(seasonal_naive_scale(np.array([5.0, 5, 5, 5]), 2))
    assert np.isnan(seasonal_naive_scale(np.array([5.0]), 1))


def test_msis_by_hand():
    # Widths 4 each; penalties 2 / 0.05 = 40 times the miss: 0, 40 * 8, 40 * 3.
    # (4 + 324 + 124) / 3 = 150.667, divided by the scale 2 = 75.333.
    assert np.isclose(msis(ACTUAL, LOWER, UPPER, 2.0), 452 / 3 / 2)
    # At alpha 0.2 the penalty factor is 10: (4 + 84 + 34) / 3 / 2.
    assert np.isclose(msis(ACTUAL, LOWER, UPPER, 2.0, alpha=0.2), 122 / 3 / 2)
    # An interval covering everything scores its width alone.
    assert np.isclose(msis(ACTUAL, np.full(3, 0.0), np.full(3, 20.0), 2.0), 10.0)


def test_mase_smape_and_coverage_by_hand():
    forecast = np.full(3, 10.0)
    # Errors 0, 10, 5: mean 5, scaled by 2.
    assert np.isclose(mase(ACTUAL, forecast, 2.0), 2.5)
    # 0, 200 * 10 / 30, 200 * 5 / 15: both 66.667, mean 44.444.
    assert np.isclose(smape(ACTUAL, forecast), 400 / 9)
    assert smape(np.zeros(2), np.zeros(2)) == 0.0
    assert np.isclose(coverage(ACTUAL, LOWER, UPPER), 1 / 3)
    # Bounds count as inside.
    assert coverage(np.array([8.0, 12.0]), np.full(2, 8.0), np.full(2, 12.0)) == 1.0
