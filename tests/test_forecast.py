import numpy as np
import pandas as pd
import pytest

from statlib.errors import InputError, ParamsError
from statlib.forecast import (
    cumulate,
    decumulate,
    forecast,
    forecast_series,
    forecast_total,
    forecast_year_end,
)
from statlib.forecast.cumulative import fiscal_year
from statlib.forecast.intervals import (
    INFLATION,
    INFLATION_BY_SEASON_LENGTH,
    Z_95,
    horizon_spread,
    interval_bounds,
    origin_half_life,
)
from statlib.forecast.naive import naive_paths, seasonal_naive_paths
from statlib.forecast.seasonality import estimate_seasonality, is_seasonal, seasonal_indices
from statlib.forecast.series import (
    LOG_SCALE_SHARE,
    _combination_paths,
    _in_sample_mae,
    _member_paths,
    _naive_share,
    _one_scale_paths,
)
from statlib.schema import (
    FORECAST,
    FORECAST_COLUMNS,
    MODEL,
    PERIOD_END,
    PROJECTED_GROWTH,
    PROJECTED_TOTAL,
    STEP,
    TARGET_OUTLOOK,
    VALUE,
    YEAR_END_COLUMNS,
)

RNG_SEED = 20260827


def seasonal_series(n: int, seed: int = RNG_SEED) -> np.ndarray:
    """Level 100, trend 0.5 per period, monthly sine of amplitude 15, noise sd 2."""
    rng = np.random.default_rng(seed)
    t = np.arange(n)
    return 100 + 0.5 * t + 15 * np.sin(2 * np.pi * t / 12) + rng.normal(0, 2, n)


def kpi_frame(values, ends, metric="robbery", unit="75") -> pd.DataFrame:
    return pd.DataFrame(
        {
            "domain": "public_safety",
            "metric": metric,
            "unit": unit,
            PERIOD_END: ends,
            VALUE: np.asarray(values, dtype=float),
        }
    )


def assert_nested_intervals(result) -> None:
    assert np.all(result.lo_95 <= result.lo_80 + 1e-12)
    assert np.all(result.lo_80 <= result.mean + 1e-12)
    assert np.all(result.mean <= result.hi_80 + 1e-12)
    assert np.all(result.hi_80 <= result.hi_95 + 1e-12)


# --- naive and seasonal naive, hand-computed ----------------------------------------


def test_naive_and_seasonal_naive_exact_forecasts():
    x = np.array([1.0, 2.0, 3.0, 4.0, 5.0, 6.0])
    horizons = np.arange(1, 5)
    # Naive from the last origin: the last value, 6, for every step.
    assert naive_paths(x, horizons)[-1].tolist() == [6.0, 6.0, 6.0, 6.0]
    # Seasonal naive, m = 3, origin t = 5: source = 5 - 3 + 1 + (h - 1) mod 3
    # = 3, 4, 5, 3 for h = 1..4, i.e. values 4, 5, 6, 4.
    assert seasonal_naive_paths(x, 3, horizons)[-1].tolist() == [4.0, 5.0, 6.0, 4.0]
    # Origin t = 1 has less than one season behind it: h = 1 needs x[-1] -> NaN.
    assert np.isnan(seasonal_naive_paths(x, 3, horizons)[1, 0])


# --- forecast_series ----------------------------------------------------------------


def test_seasonal_series_shapes_intervals_and_model():
    result = forecast_series(seasonal_series(60), horizon=18, season_length=12)
    for array in (result.mean, result.lo_80, result.hi_80, result.lo_95, result.hi_95):
        assert array.shape == (18,)
        assert np.all(np.isfinite(array))
    assert_nested_intervals(result)
    assert "season" in result.model
    assert 0 < result.backtest_mase < 2
    # The sine peaks at t = 3 (mod 12): step 4 after n = 60 is t = 63, near the peak, and
    # step 10 (t = 69) is near the trough; the forecast must follow the season.
    assert result.mean[3] - result.mean[9] > 20


def test_no_seasonal_model_with_fewer_than_two_seasons():
    result = forecast_series(seasonal_series(23), horizon=6, season_length=12)
    assert "season" not in result.model


def test_flat_noisy_series_has_flat_forecast():
    y = 50 + np.random.default_rng(RNG_SEED).normal(0, 1, 80)
    result = forecast_series(y, horizon=8, season_length=12)
    assert np.all(np.abs(result.mean - 50) < 1.5)
    # Positive data: bounds are multiplicative, so their log ratio never shrinks with h.
    assert np.all(np.diff(np.log(result.hi_95 / result.lo_95)) >= -1e-12)


def test_counts_with_zeros_are_clipped_at_zero():
    y = np.random.default_rng(RNG_SEED).poisson(0.4, 70).astype(float)
    result = forecast_series(y, horizon=12, season_length=52, nonnegative=True)
    assert min(result.mean.min(), result.lo_80.min(), result.lo_95.min()) >= 0
    assert result.hi_95.max() > 0


def test_nan_gaps_are_not_zeros():
    y = 100 + np.random.default_rng(RNG_SEED).normal(0, 1, 40)
    y[[5, 6, 20, 33]] = np.nan
    result = forecast_series(y, horizon=4, season_length=1)
    # Treating the four gaps as zeros would drag the level far below 100.
    assert np.all(np.abs(result.mean - 100) < 2)


def test_series_that_ends_early_is_forecast_across_the_gap():
    y = seasonal_series(48)
    ended = np.concatenate([[np.nan, np.nan], y, [np.nan] * 3])
    across = forecast_series(ended, horizon=2, season_length=12)
    direct = forecast_series(y, horizon=5, season_length=12)
    np.testing.assert_allclose(across.mean, direct.mean[3:])
    np.testing.assert_allclose(across.hi_95, direct.hi_95[3:])


def test_too_short_series_is_insufficient_data():
    result = forecast_series(np.array([np.nan, 3.0, 4.0, 5.0]), horizon=3, season_length=12)
    assert result.model == "insufficient_data"
    assert np.all(np.isnan(result.mean))


def test_constant_and_all_zero_series_give_zero_width_intervals():
    for value in (0.0, 7.0):
        result = forecast_series(np.full(30, value), horizon=3, season_length=12)
        assert result.model == "constant"
        assert result.lo_95.tolist() == result.hi_95.tolist() == [value] * 3


def test_bad_horizon_is_a_params_error():
    with pytest.raises(ParamsError, match="horizon 0"):
        forecast_series(np.arange(10.0), horizon=0, season_length=1)


def test_interval_coverage_on_random_walks():
    """Statistical test: 300 seeded Gaussian random walks, 6 steps each (1,800 points).

    With honest intervals the 95% coverage is 0.95 with sd about 0.01 (wider with the
    correlation along a path); the tolerance is generous on purpose.
    """
    rng = np.random.default_rng(RNG_SEED)
    inside_80 = inside_95 = 0
    for _ in range(300):
        path = np.cumsum(rng.normal(0, 1, 66)) + 50
        history, future = path[:60], path[60:]
        result = forecast_series(history, horizon=6, season_length=1)
        inside_80 += np.sum((future >= result.lo_80) & (future <= result.hi_80))
        inside_95 += np.sum((future >= result.lo_95) & (future <= result.hi_95))
    assert 0.70 <= inside_80 / 1800 <= 0.90
    assert 0.89 <= inside_95 / 1800 <= 0.99


def test_total_of_a_constant_series():
    # 4 more periods of a constant 10 sum to 40 with no uncertainty.
    total = forecast_total(np.full(12, 10.0), horizon=4, season_length=12)
    assert total.mean.tolist() == total.lo_95.tolist() == [40.0]


# --- interval spread and combination choices, hand-computed -------------------------


def test_recent_origins_weigh_more_in_the_spread():
    errors = np.array([[2.0], [0.0]])  # older origin missed by 2, latest by 0
    # Equal weights: sqrt((4 + 0) / 2) = 1.4142.
    assert horizon_spread(errors, 1)[0] == pytest.approx(np.sqrt(2.0))
    # Half-life 1 row: weights 0.5 (age 1) and 1 (age 0): sqrt(0.5 * 4 / 1.5) = 1.1547.
    assert horizon_spread(errors, 1, half_life=1.0)[0] == pytest.approx(np.sqrt(4.0 / 3.0))
    # Two seasons, at least 8 periods: 24 monthly, 8 quarterly, 8 (not 2) non-seasonal.
    assert [origin_half_life(m) for m in (12, 4, 1, 52)] == [24.0, 8.0, 8.0, 104.0]


def test_interval_factors_depend_on_the_frequency():
    def half_width_95(season_length: int) -> float:
        bounds = interval_bounds(
            np.array([100.0]), np.array([1.0]), log_scale=False, season_length=season_length
        )
        return float(bounds["hi_95"][0] - 100.0)

    # Additive bounds: half width = z * inflation * spread = 1.96 * factor * 1.
    assert half_width_95(4) == pytest.approx(Z_95 * INFLATION_BY_SEASON_LENGTH[4]["95"])
    assert half_width_95(12) == pytest.approx(Z_95 * INFLATION["95"])
    # Weekly: 1.96 * 1.00 * 1, calibrated on the NYPD weeks.
    assert half_width_95(52) == pytest.approx(Z_95 * 1.00)
    # Uncalibrated frequencies (fortnights: 26 a year) take the monthly factors.
    assert half_width_95(26) == half_width_95(12)


def test_positive_series_blend_multiplicative_and_additive_bounds():
    # Monthly, forecast 100, log spread 0.1, additive spread 10: the 95% factor is
    # 1.96 * 1.48 = 2.9007. Multiplicative bounds 100 exp(-/+0.29007) = 74.82 / 133.66,
    # additive 100 -/+ 29.007 = 70.99 / 129.01; a quarter of the first plus three
    # quarters of the second: 71.95 / 130.17.
    bounds = interval_bounds(
        np.array([100.0]),
        np.array([0.1]),
        log_scale=True,
        season_length=12,
        additive_spread=np.array([10.0]),
    )
    assert bounds["lo_95"][0] == pytest.approx(71.950, abs=0.001)
    assert bounds["hi_95"][0] == pytest.approx(130.169, abs=0.001)
    # Weekly bounds stay multiplicative (their factors were calibrated so): 1.96 * 1.00.
    weekly = interval_bounds(
        np.array([100.0]),
        np.array([0.1]),
        log_scale=True,
        season_length=52,
        additive_spread=np.array([10.0]),
    )
    assert weekly["hi_95"][0] == pytest.approx(100 * np.exp(Z_95 * 0.1))


def test_naive_share_is_the_blend_with_the_lowest_in_sample_mae():
    actual = np.zeros(6)
    horizons = np.array([1])
    combination = np.ones((6, 1))  # every error -1 (errors = actual - forecast)
    # Seasonal naive errs +1: shares 0, 1/4, 1/2 give MAE 1, 0.5, 0 -> 1/2.
    assert _naive_share(actual, combination, -np.ones((6, 1)), horizons) == 0.5
    # Seasonal naive errs -3: MAE 1, 1.5, 2 -> 0 (the combination alone).
    assert _naive_share(actual, combination, np.full((6, 1), 3.0), horizons) == 0.0
    # No origin has a seasonal-naive forecast: nothing to score -> 0.
    assert _naive_share(actual, combination, np.full((6, 1), np.nan), horizons) == 0.0


def test_forecasts_keep_a_weak_season_that_the_m4_test_misses():
    # Seed 20260830, 48 months of 100 + 3 sin(2 pi t / 12) + N(0, 4): r_12 = 0.271 with
    # Bartlett standard error 0.190, i.e. 1.43 standard errors: under the M4 threshold
    # 1.645 (the anomaly module's test) but over the forecasts' 1.0.
    rng = np.random.default_rng(20260830)
    t = np.arange(48)
    y = 100 + 3 * np.sin(2 * np.pi * t / 12) + rng.normal(0, 4, 48)
    assert estimate_seasonality(y, 12).kind == "none"
    assert estimate_seasonality(y, 12, z=1.0).kind == "multiplicative"
    assert "multiplicative_season" in forecast_series(y, horizon=6, season_length=12).model


# --- forecast (frame API) -----------------------------------------------------------


def test_seasonal_indices_of_an_exact_pattern():
    # 12, 8 repeating: the centred 2x2 moving average is 10 everywhere inside, so the
    # ratios are 1.2 and 0.8 at every position and their mean is already 1.
    indices = seasonal_indices(np.array([12.0, 8, 12, 8, 12, 8]), 2)
    assert indices.kind == "multiplicative"
    np.testing.assert_allclose(indices.indices, [1.2, 0.8])
    # A zero in the data: additive indices, 10 + 2 and 10 - 2 around the same average.
    additive = seasonal_indices(np.array([12.0, 8, 12, 8, 12, 8]) - 8, 2)
    assert additive.kind == "additive"
    np.testing.assert_allclose(additive.indices, [2.0, -2.0])


PATTERN = np.array([0, 2, 5, 8, 9, 7, 4, 1, -2, -5, -4, -2], dtype=float)


def test_backtest_keeps_a_season_the_autocorrelation_test_rejects():
    # Two and a half years of a steady trend plus a fixed monthly pattern: the trend makes
    # every autocorrelation large, so the lag-12 test fails, but forecasting with the
    # season is far better at every in-sample origin.
    t = np.arange(30)
    y = 50 + t + PATTERN[t % 12]
    assert not is_seasonal(y, 12, z=1.0)
    result = forecast_series(y, horizon=12, season_length=12)
    assert result.model.endswith("_season")
    future = np.arange(30, 42)
    assert np.corrcoef(result.mean - future, PATTERN[future % 12])[0, 1] > 0.95


def test_backtest_is_not_used_for_weekly_seasons():
    # Two years of weekly noise around 50 (seed 1): 52 indices estimated in-sample from
    # two values each nearly memorise it and score a third better than no season, so a
    # backtest would keep them; the harmonic test alone decides, and finds nothing.
    y = 50 + np.random.default_rng(1).normal(0, 5, 110)
    horizons = np.arange(1, 5)
    seasonal_mae = _in_sample_mae(y, _member_paths(y, seasonal_indices(y, 52), horizons), horizons)
    plain, kind = _one_scale_paths(y, 52, horizons)
    assert seasonal_mae < 0.8 * _in_sample_mae(y, plain, horizons)
    assert not is_seasonal(y, 52, z=1.0)
    assert kind == "none"


def test_a_weekly_season_under_a_trend_is_found_by_its_harmonics():
    # The lag-52 autocorrelation of 50 + t + 8 sin(2 pi t / 52) is swamped by the trend;
    # the harmonic regression removes the trend and finds the annual cycle.
    t = np.arange(110)
    y = 50 + t + 8 * np.sin(2 * np.pi * t / 52)
    assert is_seasonal(y, 52, z=1.0)
    _, kind = _one_scale_paths(y, 52, np.arange(1, 5))
    assert kind == "multiplicative"


def test_backtest_does_not_invent_a_season_in_noise():
    y = 100 + np.random.default_rng(7).normal(0, 5, 36)
    assert not is_seasonal(y, 12, z=1.0)
    paths, kind = _one_scale_paths(y, 12, np.arange(1, 7))
    assert kind == "none"


def test_positive_series_average_the_original_and_the_log_scale_fits():
    t = np.arange(40)
    y = 100 * 1.03**t + np.random.default_rng(3).normal(0, 2, 40)
    horizons = np.arange(1, 7)
    linear, kind = _one_scale_paths(y, 12, horizons)
    logged, _ = _one_scale_paths(np.log(y), 12, horizons)
    paths, combined_kind = _combination_paths(y, 12, horizons)
    expected = (1 - LOG_SCALE_SHARE) * linear + LOG_SCALE_SHARE * np.exp(logged)
    np.testing.assert_allclose(paths, expected)
    assert combined_kind == kind
    # With a zero in the data only the original scale is fitted.
    y[5] = 0.0
    np.testing.assert_allclose(
        _combination_paths(y, 12, horizons)[0], _one_scale_paths(y, 12, horizons)[0]
    )


def test_frame_forecast_future_weekly_dates_and_columns():
    ends = pd.date_range("2025-08-24", "2026-08-16", freq="W-SUN")
    values = np.random.default_rng(RNG_SEED).poisson(20, len(ends))
    frame = kpi_frame(values, ends)
    result = forecast(frame, horizon=2, season_length=52, freq="W-SUN", nonnegative=True)
    assert list(result.columns) == list(FORECAST_COLUMNS)
    assert result[PERIOD_END].tolist() == [pd.Timestamp("2026-08-23"), pd.Timestamp("2026-08-30")]
    assert result[STEP].tolist() == [1, 2]
    assert (result[FORECAST] >= 0).all()


def test_frame_missing_rows_are_missing_values_not_zero():
    ends = pd.date_range("2020-01-31", periods=36, freq="ME")
    values = seasonal_series(36)
    frame = kpi_frame(values, ends).drop(index=[10, 11])  # two months not reported
    result = forecast(frame, horizon=3, season_length=12, freq="ME")
    gapped = values.copy()
    gapped[[10, 11]] = np.nan
    expected = forecast_series(gapped, horizon=3, season_length=12)
    np.testing.assert_allclose(result[FORECAST].to_numpy(), expected.mean)


def test_frame_series_ending_early_shares_future_periods():
    ends = pd.date_range("2020-03-31", periods=24, freq="QE-DEC")
    full = kpi_frame(np.arange(24.0) + 5, ends, unit="1")
    early = kpi_frame(np.arange(20.0) + 5, ends[:20], unit="2")
    result = forecast(pd.concat([full, early]), horizon=1, season_length=4, freq="QE-DEC")
    assert result[PERIOD_END].nunique() == 1
    assert result[PERIOD_END].iloc[0] == pd.Timestamp("2026-03-31")


def test_frame_off_grid_date_and_missing_mapping_are_named():
    ends = pd.date_range("2026-01-04", periods=10, freq="W-SUN")
    frame = kpi_frame(np.arange(10.0), ends)
    shifted = frame.assign(
        **{PERIOD_END: frame[PERIOD_END].where(frame.index != 3, ends[3] - pd.Timedelta(days=1))}
    )
    with pytest.raises(InputError, match="2026-01-24"):
        forecast(shifted, horizon=2, season_length=52, freq="W-SUN")
    with pytest.raises(ParamsError, match="robbery"):
        forecast(frame, horizon=2, season_length=52, freq="W-SUN", nonnegative={"burglary": True})


# --- year to date -------------------------------------------------------------------


def test_decumulate_and_cumulate_round_trip():
    ends = pd.date_range("2023-11-30", periods=5, freq="ME")
    # YTD Nov 80, Dec 95 (year 2023), then Jan 10, Feb 25, Mar 45 (year 2024):
    # single values 80 (first row seen), 15, then 10 (new year), 15, 20.
    ytd = kpi_frame([80, 95, 10, 25, 45], ends)
    single = decumulate(ytd)
    assert single[VALUE].tolist() == [80.0, 15.0, 10.0, 15.0, 20.0]
    assert cumulate(single)[VALUE].tolist() == [80.0, 95.0, 10.0, 25.0, 45.0]
    assert ytd[VALUE].tolist() == [80.0, 95.0, 10.0, 25.0, 45.0]  # input untouched


def test_cumulate_does_not_treat_nan_as_zero():
    ends = pd.date_range("2024-01-31", periods=3, freq="ME")
    result = cumulate(kpi_frame([10, np.nan, 20], ends))
    assert result[VALUE].iloc[0] == 10 and result[VALUE].iloc[1:].isna().all()


def test_fiscal_year_starting_in_july():
    ends = pd.Series(pd.to_datetime(["2024-06-30", "2024-07-31"]))
    assert fiscal_year(ends, 7).tolist() == [2023, 2024]


def test_year_end_in_a_flat_seasonal_naive_world():
    # The same 12 monthly values every year: 2023 totals 136; Jan-Aug 2024 repeat 2023,
    # and seasonal naive (or the exact seasonal combination) repeats Sep-Dec 2023
    # (11 + 10 + 9 + 15 = 45) -> projected 91 + 45 = 136, growth 0% < target 9%.
    pattern = np.array([10, 12, 9, 11, 13, 10, 12, 14, 11, 10, 9, 15.0])
    ends = pd.date_range("2022-01-31", periods=32, freq="ME")
    frame = kpi_frame(np.tile(pattern, 3)[:32], ends)
    result = forecast_year_end(frame, target_growth=9.0, season_length=12, freq="ME")
    assert list(result.columns) == list(YEAR_END_COLUMNS)
    row = result.iloc[0]
    assert row[PROJECTED_TOTAL] == pytest.approx(136.0)
    assert row[PROJECTED_GROWTH] == pytest.approx(0.0, abs=1e-9)
    assert row[TARGET_OUTLOOK] == "unlikely"


def test_year_end_constant_growth_reaches_target():
    # 2023: 10 a month (120). 2024 through June: 12 a month, constant since Jan, so the
    # whole series is not constant but the forecast of Jul-Dec should stay near 12:
    # projected about 72 + 72 = 144, growth about +20%, target 9% likely met.
    ends = pd.date_range("2023-01-31", periods=18, freq="ME")
    frame = kpi_frame([10.0] * 12 + [12.0] * 6, ends, metric="value_added")
    row = forecast_year_end(frame, target_growth=9.0, season_length=12, freq="ME").iloc[0]
    assert row[PROJECTED_GROWTH] == pytest.approx(20.0, abs=3.0)
    assert row["prior_year_total"] == 120.0
    assert row[MODEL] != "insufficient_data"


def test_year_end_with_missing_prior_period_is_no_data():
    ends = pd.date_range("2023-01-31", periods=18, freq="ME")
    values = np.arange(18.0) + 10
    values[4] = np.nan
    row = forecast_year_end(kpi_frame(values, ends), target_growth=9.0, season_length=12, freq="ME")
    assert row[TARGET_OUTLOOK].iloc[0] == "no_data"
