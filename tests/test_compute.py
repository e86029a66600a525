"""The compute pass: the same results whatever runs it (one process, a pool, Dask)."""

import pandas as pd
import pytest

from statlib import schema as S
from statlib.compute import StatisticsSpec, statistics
from statlib.spc import SpcSettings
from statlib.synthetic import METRIC_DIRECTIONS, METRIC_NONNEGATIVE, synthetic_panel


@pytest.fixture(scope="module")
def panel_and_spec():
    panel = synthetic_panel(150, length=(36, 60), seed=3)  # 3 chunks of 64 series
    spec = StatisticsSpec(
        directions=dict(METRIC_DIRECTIONS),
        nonnegative=dict(METRIC_NONNEGATIVE),
        counts=frozenset(k for k, v in METRIC_NONNEGATIVE.items() if v),
        freq="month",
        pandas_freq="ME",
        season_length=12,
        horizon=3,
        spc_settings=SpcSettings(),
        period=panel[S.PERIOD].max(),
    )
    return panel, spec


def assert_same(left: dict[str, pd.DataFrame], right: dict[str, pd.DataFrame]) -> None:
    assert left.keys() == right.keys()
    for name in left:
        pd.testing.assert_frame_equal(left[name], right[name], obj=name)


def test_statistics_cover_every_series_once(panel_and_spec):
    panel, spec = panel_and_spec
    result = statistics(panel, spec)
    series = panel[list(S.SERIES_KEYS)].drop_duplicates()
    assert len(result["spc_summary"]) == len(series) == 150
    assert len(result["forecasts"]) == len(series) * spec.horizon
    assert list(result["flags"].columns) == list(S.FLAG_COLUMNS)  # keys and numbers, no words
    assert (result["flags"][S.PERIOD] == spec.period).all()


@pytest.mark.slow
def test_a_process_pool_and_a_dask_cluster_give_the_same_results(panel_and_spec):
    panel, spec = panel_and_spec
    alone = statistics(panel, spec, workers=1)
    assert_same(alone, statistics(panel, spec, workers=2))
    assert_same(alone, statistics(panel, spec, workers=2, scheduler="local"))
