"""Full-year projections (statlib.outlook), checked by hand.

With three earlier years the t distribution has 2 degrees of freedom, whose CDF has a
closed form, F(x) = 1/2 + x / (2 sqrt(2 + x^2)), and whose 90% quantile is
sqrt(2) * 0.8 / sqrt(1 - 0.8^2) = 1.885618...: every number below follows from those.
"""

import math

import numpy as np
import pandas as pd
import pytest

from statlib import schema as S
from statlib.outlook import annual_growth_target, drift_projection, outlook, year_end
from statlib.params import DomainParams
from statlib.periods import parse_period

T90_DF2 = math.sqrt(2) * 0.8 / math.sqrt(1 - 0.8**2)


def t_cdf_df2(x: float) -> float:
    return 0.5 + x / (2 * math.sqrt(2 + x * x))


LABEL = {"en": "x", "zh": "x"}
PARAMS = DomainParams.model_validate(
    {
        "domain": "economy",
        "title": LABEL,
        "frequency": "month",
        "source": "test",
        "first_release_month": 2,
        "units": {"kind": "district", "label": LABEL, "plural": LABEL},
        "metrics": [
            {
                "key": "va",
                "label": LABEL,
                "accumulation": "ytd",
                "reported": ["growth"],
                "direction": "increase",
                "target": {"value": 9, "basis": "growth", "per": "year", "year": 2020},
            }
        ],
    }
)
# Cumulative growth in Aug, Sep and Dec of three earlier years, and Aug 2020.
GROWTH = {
    "2017-08": 5.0, "2017-09": 5.5, "2017-12": 6.0,
    "2018-08": 4.0, "2018-09": 4.5, "2018-12": 6.0,
    "2019-08": 6.0, "2019-09": 7.0, "2019-12": 6.0,
    "2020-08": 2.1,
}  # fmt: skip


def _observations() -> pd.DataFrame:
    return pd.DataFrame(
        {
            S.DOMAIN: "economy",
            S.METRIC: "va",
            S.UNIT: S.CITYWIDE,
            S.PERIOD: list(GROWTH),
            S.PERIOD_END: [pd.Timestamp(parse_period(p).end) for p in GROWTH],
            S.VALUE: np.nan,
            S.REPORTED_GROWTH: list(GROWTH.values()),
        }
    )


def test_drift_projection_by_hand():
    # drifts Aug -> Dec: 1, 2, 0: mean 1, sd 1, scale sqrt(1 + 1/3)
    centre, low, high, chance = drift_projection(2.1, np.array([1.0, 2.0, 0.0]), 9.0, "increase")
    scale = math.sqrt(4 / 3)
    assert centre == pytest.approx(3.1)
    assert low == pytest.approx(3.1 - T90_DF2 * scale)
    assert high == pytest.approx(3.1 + T90_DF2 * scale)
    assert chance == pytest.approx(1 - t_cdf_df2((9.0 - 3.1) / scale))
    assert chance == pytest.approx(0.01812, abs=1e-4)


def test_a_decrease_target_is_met_below_it():
    _, _, _, chance = drift_projection(2.1, np.array([1.0, 2.0, 0.0]), 3.1, "decrease")
    assert chance == pytest.approx(0.5)


def test_one_earlier_year_is_too_few():
    assert all(np.isnan(drift_projection(2.1, np.array([1.0]), 9.0, "increase")))


def test_outlook_frame_reads_the_target_and_the_next_release():
    row = outlook(_observations(), PARAMS, parse_period("2020-08")).squeeze()
    assert row[S.TARGET] == 9.0
    assert row[S.PROJECTION] == pytest.approx(3.1)
    assert row[S.P_REACH_TARGET] == pytest.approx(1 - t_cdf_df2(5.9 / math.sqrt(4 / 3)))
    assert row[S.NEXT_GROWTH] == pytest.approx(2.1 + (0.5 + 0.5 + 1.0) / 3)
    assert row[S.MODEL] == "growth_drift(n=3)"


def test_targets_apply_to_their_year_and_december_is_observed():
    assert np.isnan(annual_growth_target(PARAMS.metrics[0], 2021))
    assert year_end(parse_period("2020-08")).label == "2020-12"
    december = _observations().assign(**{S.PERIOD: "2020-12"}).tail(1)
    row = outlook(december, PARAMS, parse_period("2020-12")).squeeze()
    assert row[S.MODEL] == "observed" and row[S.P_REACH_TARGET] == 0.0
