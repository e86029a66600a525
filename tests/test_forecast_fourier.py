"""Annual seasonality of weekly and fortnightly series by harmonics (statlib.forecast.fourier)."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from statlib import schema as S
from statlib.forecast.fourier import (
    _lag_one_autocorrelation,
    fourier_terms,
    harmonic_indices,
    harmonics_p_value,
)
from statlib.forecast.seasonality import estimate_seasonality, is_seasonal
from statlib.params import load_domain
from statlib.sources import source

WEEKLY = Path(__file__).resolve().parents[1] / "data/nypd/weekly.parquet"


def test_fourier_terms_by_hand():
    # Position 13 of 52 is a quarter of the year: cos = 0, sin = 1; second harmonic:
    # half a turn, cos = -1, sin = 0. Columns are cos k=1, cos k=2, sin k=1, sin k=2.
    terms = fourier_terms(np.array([0.0, 13.0]), 52, 2)
    np.testing.assert_allclose(terms, [[1, 1, 0, 0], [0, -1, 1, 0]], atol=1e-12)


def test_lag_one_autocorrelation_by_hand():
    # 1, 1, -1, -1: products 1, -1, 1 sum to 1 over the sum of squares 4.
    assert _lag_one_autocorrelation(np.array([1.0, 1, -1, -1])) == 0.25
    # Alternating signs are negatively correlated: no correction.
    assert _lag_one_autocorrelation(np.array([1.0, -1, 1, -1])) == 0.0


def test_multiplicative_weekly_profile_by_hand():
    # Two years of 100 exp(0.2 cos(2 pi t / 52)): on the log scale exactly a level plus the
    # first harmonic, so the profile is exp(0.2 cos(2 pi p / 52)) over its mean, which is
    # I0(0.2) = 1.010025: week 0 is e^0.2 / 1.010025 = 1.2093, week 26 e^-0.2 / 1.010025
    # = 0.8106.
    t = np.arange(104)
    x = 100 * np.exp(0.2 * np.cos(2 * np.pi * t / 52))
    assert harmonics_p_value(np.log(x), 52) == 0.0
    seasonality = estimate_seasonality(x, 52)
    assert seasonality.kind == "multiplicative"
    assert seasonality.indices.size == 52
    assert seasonality.indices[0] == pytest.approx(1.2093, abs=1e-4)
    assert seasonality.indices[26] == pytest.approx(0.8106, abs=1e-4)
    assert seasonality.indices.mean() == pytest.approx(1.0)


def test_additive_fortnightly_profile_under_a_trend():
    # 3 sin(2 pi t / 26) on a rising line through zero (values <= 0: additive): the trend
    # is part of the regression, so the indices are 3 sin(2 pi p / 26) exactly.
    t = np.arange(60)
    x = 3 * np.sin(2 * np.pi * t / 26) + t / 13 - 1
    kind, indices = harmonic_indices(x, 26)
    assert kind == "additive"
    np.testing.assert_allclose(indices, 3 * np.sin(2 * np.pi * np.arange(26) / 26), atol=1e-9)
    assert is_seasonal(x, 26)


def test_noise_and_a_random_walk_are_not_seasonal():
    rng = np.random.default_rng(20261201)
    noise = 50 + rng.normal(0, 5, 110)
    assert not is_seasonal(noise, 52)
    # A random walk drifts like a season over two years; the Cochrane-Orcutt step (r near
    # 1) keeps the drift from passing the test.
    walk = 200 + np.cumsum(rng.normal(0, 5, 110))
    assert harmonics_p_value(np.log(walk), 52) > 0.05
    # Fewer than two years: never seasonal.
    assert not is_seasonal(100 * np.exp(0.2 * np.cos(2 * np.pi * np.arange(100) / 52)), 52)


def test_nypd_shootings_peak_in_summer():
    # NYPD citywide shooting incidents, weekly, as published (Saturday-ending weeks from
    # 2024-07-20 to 2025-07-12, Sunday-ending from 2025-07-20: 109 weeks once the five
    # doubly published weeks keep only their Sunday rows). Shootings peak in summer.
    weekly = pd.read_parquet(WEEKLY)
    rows = weekly[(weekly["precinct"] == "Citywide") & (weekly["category"] == "Sht. Inc.")]
    ends = pd.to_datetime(rows["week_end"])
    doubled = (ends.dt.day_of_week == 5) & (ends >= "2025-07-19")
    rows = rows[~doubled.to_numpy()].sort_values("week_end")
    counts = rows["count"].to_numpy(dtype=float)
    assert counts.size >= 104
    assert harmonics_p_value(np.log(counts), 52) < 1e-6
    seasonality = estimate_seasonality(counts, 52)
    assert seasonality.kind == "multiplicative"
    # The highest index falls in June-August, the lowest in December-March.
    first = pd.Timestamp(rows["week_end"].iloc[0])
    month_of = [(first + pd.Timedelta(weeks=int(p))).month for p in range(52)]
    assert month_of[int(np.argmax(seasonality.indices))] in (6, 7, 8)
    assert month_of[int(np.argmin(seasonality.indices))] in (12, 1, 2, 3)
    # Shuffled in time, the same counts show no season.
    shuffled = np.random.default_rng(0).permutation(counts)
    assert not is_seasonal(shuffled, 52)


def test_a_rise_at_the_end_of_two_years_is_not_taken_for_a_season():
    # NYPD precinct 112 grand larceny as ingested (zero weeks filled), 109 ISO weeks:
    # the summer of 2026 runs about 60% above the summers of 2024 and 2025, and with
    # level, trend and harmonics fitted to two years the rise passes the F test at
    # p = 0.048. statlib accepts weekly seasons at p < 0.01 (LONG_SEASON_Z), so the rise
    # stays a signal.
    root = Path(__file__).resolve().parents[1]
    params = load_domain(root / "params/public_safety.yaml")
    observations = source("nypd_compstat").ingest(root / "data", params).observations
    # The ISO weeks only: ingest also keeps the Saturday-ending weeks of the switch.
    series = observations[
        (observations[S.METRIC] == "grand_larceny")
        & (observations[S.UNIT] == "112")
        & observations[S.PERIOD].str.contains("-W")
    ]
    counts = series.sort_values(S.PERIOD_END)[S.VALUE].to_numpy(dtype=float)
    assert counts.size == 109 and not np.isnan(counts).any()
    assert harmonics_p_value(np.log(counts), 52) == pytest.approx(0.048, abs=0.001)
    assert not is_seasonal(counts, 52)
    assert is_seasonal(counts, 52, long_season_z=1.645)


def test_a_winter_sick_leave_peak_is_seasonal_and_peaks_in_winter():
    # Weekly sick-leave days of a workforce, 2.5 years: 200 a week, up to 50% more in an
    # eight-week flu season centred on week 4, Poisson counts (seed 5). Two harmonics
    # find it (p about 6e-10) and put the peak at week 3; they smooth a sharp peak (the
    # index is about 1.21 where the truth is 1.5), so SPC still sees part of a hard winter.
    rng = np.random.default_rng(5)
    week = np.arange(130) % 52
    distance = np.minimum(np.abs(week - 4), 52 - np.abs(week - 4))
    days = rng.poisson(200 * (1 + 0.5 * np.exp(-((distance / 4) ** 2)))).astype(float)
    assert harmonics_p_value(np.log(days), 52) < 1e-8
    seasonality = estimate_seasonality(days, 52)
    assert seasonality.kind == "multiplicative"
    assert 2 <= int(np.argmax(seasonality.indices)) <= 6
    assert 1.1 < seasonality.indices.max() < 1.5
