"""A seeded synthetic KPI panel: realistic government series for docs, tests and benchmarks.

One generator serves the examples, the tests and the benchmarks alike (as statsforecast's
`generate_series` does), so they all see the same kinds of series. The series look like
what a performance review receives:

- counts (calls, repairs, incidents) drawn around a level with yearly seasonality, a slow
  trend, an occasional level shift and rare spikes; half the series are Poisson, half
  over-dispersed (negative binomial), because real counts usually vary more than Poisson;
- percentages (0..100) of cases handled within a target, drawn as binomial proportions of
  a varying caseload, so small caseloads give noisier percentages;
- varying lengths that all END at the same last period (units join the programme at
  different times); some series miss periods, kept as rows with a NaN value (NaN never
  means zero).

The frame is the long KPI frame of `statlib.schema`. The same arguments always give the
same frame; nothing is read or written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from statlib import schema as S
from statlib.errors import ParamsError
from statlib.periods import SEASON_LENGTH, Freq, Period, period_containing


@dataclass(frozen=True)
class SyntheticMetric:
    """One metric of the synthetic panel.

    Attributes:
        key: Metric key (schema.METRIC).
        measure: "count" (non-negative integers) or "percent" (0..100), as in the params.
        direction: Improvement direction (schema.DIRECTIONS).
    """

    key: str
    measure: str
    direction: str


# Sorted by key, so the frame comes out sorted by series keys and period end.
SYNTHETIC_METRICS: tuple[SyntheticMetric, ...] = (
    SyntheticMetric("calls_answered_in_target", "percent", S.INCREASE),
    SyntheticMetric("calls_for_service", "count", S.NEUTRAL),
    SyntheticMetric("missed_collections", "count", S.DECREASE),
    SyntheticMetric("permits_on_time", "percent", S.INCREASE),
    SyntheticMetric("potholes_repaired", "count", S.INCREASE),
    SyntheticMetric("robberies", "count", S.DECREASE),
)
METRIC_DIRECTIONS: dict[str, str] = {m.key: m.direction for m in SYNTHETIC_METRICS}
METRIC_NONNEGATIVE: dict[str, bool] = {m.key: m.measure == "count" for m in SYNTHETIC_METRICS}

DEFAULT_START_YEAR = 2016  # with 120 months, the longest series covers 2016-01..2025-12
UNIT_KEY_DIGITS = 4  # "u0001"; more digits only when there are more units

# Shape of the counts (chosen to look like city KPIs, not taken from a source).
COUNT_LEVEL_MEDIAN = 40.0  # typical count per period
COUNT_LEVEL_LOG_SD = 1.2  # levels from about 4 to 400 (95% of series)
SEASONAL_AMPLITUDE_MAX = 0.3  # up to +-30% around the level over the year
TREND_PER_YEAR_SD = 0.05  # log change of the level per year
SHIFT_PROBABILITY = 0.3  # share of series with one step change of level
SHIFT_LOG_SD = 0.3  # size of that step, on the log scale
SPIKE_PROBABILITY = 0.01  # share of periods with a one-off spike
SPIKE_FACTOR = (2.0, 4.0)  # a spike multiplies the expected count by this much
POISSON_SHARE = 0.5  # the other counts are negative binomial
NB_SIZE_RANGE = (5.0, 50.0)  # negative binomial size k: variance = mu + mu**2 / k

# Shape of the percentages.
PERCENT_LOGIT_MEAN, PERCENT_LOGIT_SD = 1.0, 0.8  # typical level about 73%
CASES_RANGE = (30, 500)  # cases per period behind each percentage

# Missing periods.
GAPPY_SHARE = 0.1  # share of series with missing periods
GAP_PROBABILITY = 0.05  # in those series, the share of periods missing


def synthetic_panel(
    n_series: int,
    *,
    freq: Freq = "month",
    length: tuple[int, int] = (60, 120),
    seed: int = 0,
    domain: str = "synthetic",
    start_year: int = DEFAULT_START_YEAR,
) -> pd.DataFrame:
    """A seeded panel of `n_series` synthetic KPI series that all end at the same period.

    Series i is metric ``SYNTHETIC_METRICS[i % 6]`` of unit ``u{i // 6 + 1:04d}``: each
    unit reports every metric, as in a real domain. The longest possible series
    (``length[1]`` periods) starts with the first period that begins on or after
    1 January `start_year`; every series ends ``length[1] - 1`` periods later.

    Args:
        n_series: Number of series (>= 0).
        freq: Period frequency (statlib.periods.FREQS); seasonality has
            SEASON_LENGTH[freq] periods.
        length: Smallest and largest number of periods per series, both included.
        seed: Seed of the numpy Generator; the same arguments give the same frame.
        domain: The DOMAIN key of every row.
        start_year: Calendar year in which the longest possible series starts.

    Returns:
        schema.KPI_COLUMNS: DOMAIN, METRIC, UNIT, PERIOD (label, e.g. "2025-12"),
        PERIOD_END (datetime64[ns], last day of the period), VALUE (float; NaN =
        missing period). Counts are non-negative whole numbers, percentages lie in
        0..100. Sorted by series keys and period end, one row per series and period.

    Raises:
        ParamsError: A negative `n_series` or a bad `length`.
        PeriodError: An unknown `freq`.
    """
    if isinstance(n_series, bool) or not isinstance(n_series, int) or n_series < 0:
        raise ParamsError(f"n_series={n_series!r}: must be an integer >= 0")
    shortest, longest = length
    if not 1 <= shortest <= longest:
        raise ParamsError(f"length={length!r}: need 1 <= shortest <= longest periods")
    periods = _periods(freq, start_year, longest)
    season_length = SEASON_LENGTH[freq]
    rng = np.random.default_rng(seed)

    lengths = rng.integers(shortest, longest + 1, size=n_series)
    metric_index = np.arange(n_series) % len(SYNTHETIC_METRICS)
    is_count = np.array([m.measure == "count" for m in SYNTHETIC_METRICS])[metric_index]
    time = np.arange(longest)
    values = np.empty((n_series, longest))
    values[is_count] = _counts(rng, int(is_count.sum()), time, season_length)
    values[~is_count] = _percentages(rng, int((~is_count).sum()), time, season_length)
    values[_missing(rng, n_series, longest)] = np.nan

    # Series i covers the last lengths[i] periods of the common grid.
    observed = time[None, :] >= (longest - lengths)[:, None]
    series_of_row, time_of_row = np.nonzero(observed)
    # Rows in series-key order (metric, then unit, then period), as the docstring says.
    unit_index = np.arange(n_series) // len(SYNTHETIC_METRICS)
    order = np.lexsort((time_of_row, unit_index[series_of_row], metric_index[series_of_row]))
    series_of_row, time_of_row = series_of_row[order], time_of_row[order]
    n_units = -(-n_series // len(SYNTHETIC_METRICS))
    digits = max(UNIT_KEY_DIGITS, len(str(n_units)))
    units = [f"u{u + 1:0{digits}d}" for u in range(n_units)]
    # Index.take repeats the few distinct strings without building a Python object per row.
    return pd.DataFrame(
        {
            S.DOMAIN: _repeat_labels([domain], np.zeros_like(series_of_row)),
            S.METRIC: _repeat_labels(
                [m.key for m in SYNTHETIC_METRICS], metric_index[series_of_row]
            ),
            S.UNIT: _repeat_labels(units, unit_index[series_of_row]),
            S.PERIOD: _repeat_labels([p.label for p in periods], time_of_row),
            S.PERIOD_END: pd.to_datetime([p.end for p in periods])
            .astype("datetime64[ns]")
            .to_numpy()[time_of_row],
            S.VALUE: values[series_of_row, time_of_row],
        },
        columns=list(S.KPI_COLUMNS),
    )


def _repeat_labels(labels: list[str], positions: np.ndarray) -> pd.api.extensions.ExtensionArray:
    """The string column whose row r is labels[positions[r]]."""
    return pd.Index(labels, dtype="str").take(positions).array


def _periods(freq: Freq, start_year: int, count: int) -> list[Period]:
    """`count` consecutive periods from the first one starting on or after 1 January."""
    first = period_containing(date(start_year, 1, 1), freq)
    if first.start < date(start_year, 1, 1):  # a week or fortnight that began in December
        first = first.next()
    periods = [first]
    while len(periods) < count:
        periods.append(periods[-1].next())
    return periods


def _season(rng: np.random.Generator, n: int, time: np.ndarray, season_length: int) -> np.ndarray:
    """A yearly sine wave per series, random amplitude and phase: shape (n, len(time))."""
    amplitude = rng.uniform(0, SEASONAL_AMPLITUDE_MAX, size=(n, 1))
    phase = rng.uniform(0, 2 * np.pi, size=(n, 1))
    return amplitude * np.sin(2 * np.pi * time[None, :] / season_length + phase)


def _log_level_changes(
    rng: np.random.Generator, n: int, time: np.ndarray, season_length: int
) -> np.ndarray:
    """Trend plus an occasional step change, on the log (or logit) scale: (n, len(time))."""
    trend = rng.normal(0, TREND_PER_YEAR_SD, size=(n, 1)) * (time[None, :] / season_length)
    has_shift = rng.random((n, 1)) < SHIFT_PROBABILITY
    shift_at = rng.integers(0, time.size, size=(n, 1))
    step = rng.normal(0, SHIFT_LOG_SD, size=(n, 1)) * has_shift
    return trend + step * (time[None, :] >= shift_at)


def _counts(rng: np.random.Generator, n: int, time: np.ndarray, season_length: int) -> np.ndarray:
    """Poisson or negative-binomial counts around a seasonal, trending level: (n, len(time))."""
    level = COUNT_LEVEL_MEDIAN * np.exp(rng.normal(0, COUNT_LEVEL_LOG_SD, size=(n, 1)))
    mean = level * np.exp(_log_level_changes(rng, n, time, season_length))
    mean = mean * (1 + _season(rng, n, time, season_length))
    spikes = rng.random(mean.shape) < SPIKE_PROBABILITY
    mean = np.where(spikes, mean * rng.uniform(*SPIKE_FACTOR, size=mean.shape), mean)
    poisson = rng.random((n, 1)) < POISSON_SHARE
    size = rng.uniform(*NB_SIZE_RANGE, size=(n, 1))
    # numpy's negative binomial counts failures before `size` successes: mean size(1-p)/p.
    over_dispersed = rng.negative_binomial(size, size / (size + mean))
    return np.where(poisson, rng.poisson(mean), over_dispersed).astype(float)


def _percentages(
    rng: np.random.Generator, n: int, time: np.ndarray, season_length: int
) -> np.ndarray:
    """Percent of cases within target, binomial around a seasonal logit level: (n, len(time))."""
    logit = rng.normal(PERCENT_LOGIT_MEAN, PERCENT_LOGIT_SD, size=(n, 1))
    logit = logit + _log_level_changes(rng, n, time, season_length)
    logit = logit + _season(rng, n, time, season_length)
    share = 1 / (1 + np.exp(-logit))
    cases = rng.integers(CASES_RANGE[0], CASES_RANGE[1] + 1, size=(n, time.size))
    return 100 * rng.binomial(cases, share) / cases


def _missing(rng: np.random.Generator, n: int, periods: int) -> np.ndarray:
    """Which (series, period) cells are missing: a few periods of a few series."""
    gappy = rng.random((n, 1)) < GAPPY_SHARE
    return gappy & (rng.random((n, periods)) < GAP_PROBABILITY)
