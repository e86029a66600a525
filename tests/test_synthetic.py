import numpy as np
import pandas as pd
import pytest

from statlib import schema as S
from statlib.errors import ParamsError, PeriodError
from statlib.periods import parse_period
from statlib.synthetic import SYNTHETIC_METRICS, synthetic_panel


@pytest.fixture(scope="module")
def panel() -> pd.DataFrame:
    return synthetic_panel(300, seed=7)


def test_same_seed_gives_the_same_frame():
    pd.testing.assert_frame_equal(synthetic_panel(30, seed=3), synthetic_panel(30, seed=3))


def test_another_seed_gives_other_values():
    first, second = synthetic_panel(30, seed=3), synthetic_panel(30, seed=4)
    common = first.merge(second, on=[*S.SERIES_KEYS, S.PERIOD], suffixes=("_a", "_b"))
    assert len(common) > 100
    assert (common["value_a"] != common["value_b"]).mean() > 0.5


def test_columns_and_types_are_the_kpi_frame(panel):
    assert list(panel.columns) == list(S.KPI_COLUMNS)
    assert panel[S.PERIOD_END].dtype == "datetime64[ns]"
    assert panel[S.VALUE].dtype == float
    assert (panel[S.DOMAIN] == "synthetic").all()


def test_month_labels_and_ends():
    # length (3, 3) from 2024: January..March 2024; February 2024 has 29 days (leap year).
    frame = synthetic_panel(1, length=(3, 3), start_year=2024)
    assert frame[S.PERIOD].tolist() == ["2024-01", "2024-02", "2024-03"]
    assert frame[S.PERIOD_END].tolist() == [
        pd.Timestamp("2024-01-31"),
        pd.Timestamp("2024-02-29"),
        pd.Timestamp("2024-03-31"),
    ]


def test_week_labels_and_ends():
    # 1 January 2026 is a Thursday: its week (Mon 2025-12-29 .. Sun 2026-01-04, 2026-W01)
    # began in December, so the first week is 2026-W02 = 2026-01-05 .. Sunday 2026-01-11.
    frame = synthetic_panel(1, freq="week", length=(2, 2), start_year=2026)
    assert frame[S.PERIOD].tolist() == ["2026-W02", "2026-W03"]
    assert frame[S.PERIOD_END].tolist() == [pd.Timestamp("2026-01-11"), pd.Timestamp("2026-01-18")]


@pytest.mark.parametrize("freq", ["month", "week"])
def test_every_label_names_its_period_end(freq):
    frame = synthetic_panel(12, freq=freq, length=(20, 60), seed=1)
    labels = frame.drop_duplicates(S.PERIOD)
    ends = [pd.Timestamp(parse_period(label).end) for label in labels[S.PERIOD]]
    assert labels[S.PERIOD_END].tolist() == ends


def test_series_end_together_and_start_at_different_times(panel):
    spans = panel.groupby(list(S.SERIES_KEYS))[S.PERIOD_END].agg(["min", "max", "size"])
    assert len(spans) == 300
    assert spans["max"].nunique() == 1
    assert spans["size"].between(60, 120).all()
    assert spans["min"].nunique() > 30
    # one row per series and period, none skipped: a missing period is a NaN row
    per_series = panel.groupby(list(S.SERIES_KEYS))[S.PERIOD].nunique()
    assert (per_series == spans["size"]).all()


def test_counts_are_non_negative_whole_numbers_and_percentages_in_range(panel):
    measure = panel[S.METRIC].map({m.key: m.measure for m in SYNTHETIC_METRICS})
    values = panel[S.VALUE]
    counts = values[(measure == "count") & values.notna()]
    percents = values[(measure == "percent") & values.notna()]
    assert len(counts) > 1000 and len(percents) > 1000
    assert (counts >= 0).all()
    assert (counts == np.round(counts)).all()
    assert percents.between(0, 100).all()


def test_some_periods_are_missing(panel):
    missing = panel[panel[S.VALUE].isna()]
    # 10% of series miss about 5% of their periods: a few series, a few rows each.
    assert 0 < len(missing) < 0.05 * len(panel)
    assert 0 < missing.groupby(list(S.SERIES_KEYS)).ngroups < 100


def test_unit_and_metric_keys():
    frame = synthetic_panel(12, length=(5, 5))
    assert sorted(frame[S.UNIT].unique()) == ["u0001", "u0002"]
    for _, metrics in frame.groupby(S.UNIT)[S.METRIC]:
        assert sorted(metrics.unique()) == sorted(m.key for m in SYNTHETIC_METRICS)


def test_rows_are_sorted_by_series_and_period(panel):
    ordered = panel.sort_values([*S.SERIES_KEYS, S.PERIOD_END], kind="stable")
    assert (ordered.index == panel.index).all()


def test_no_series_gives_an_empty_kpi_frame():
    frame = synthetic_panel(0)
    assert frame.empty
    assert list(frame.columns) == list(S.KPI_COLUMNS)


@pytest.mark.parametrize(
    ("arguments", "error", "message"),
    [
        ({"n_series": -1}, ParamsError, "n_series=-1"),
        ({"n_series": 2, "length": (5, 3)}, ParamsError, r"length=\(5, 3\)"),
        ({"n_series": 2, "length": (0, 3)}, ParamsError, r"length=\(0, 3\)"),
        ({"n_series": 2, "freq": "daily"}, PeriodError, "'daily'"),
    ],
)
def test_bad_arguments_are_named(arguments, error, message):
    with pytest.raises(error, match=message):
        synthetic_panel(**arguments)
