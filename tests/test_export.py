"""The comparison CSV's rows (statlib.report.export)."""

import numpy as np
import pandas as pd

from statlib import schema as S
from statlib.report.export import comparison_rows

KEYS = {S.DOMAIN: "d", S.PERIOD: "2020-08"}


def test_comparisons_and_indicators_share_one_frame_and_the_outlook_sits_on_ytd():
    comparisons = pd.DataFrame(
        [{**KEYS, S.METRIC: "firms", S.UNIT: "citywide", S.WINDOW: "same_period_last_year",
          S.CURRENT: 964.0, S.PRIOR: 900.0}]
    )  # fmt: skip
    indicators = pd.DataFrame(
        [{**KEYS, S.METRIC: "va", S.UNIT: "citywide", S.WINDOW: w, S.PCT_CHANGE: 2.1}
         for w in (S.YTD, S.SINGLE_PERIOD)]
    )  # fmt: skip
    outlook = pd.DataFrame(
        [{**KEYS, S.METRIC: "va", S.UNIT: "citywide", S.TARGET: 9.0, S.PROJECTION: 3.1,
          S.P_REACH_TARGET: 0.02, S.MODEL: "growth_drift(n=3)"}]
    )  # fmt: skip
    rows = comparison_rows(comparisons, indicators, outlook)
    assert list(rows[S.METRIC]) == ["firms", "va", "va"]
    assert list(rows[S.WINDOW]) == ["same_period_last_year", S.SINGLE_PERIOD, S.YTD]
    ytd = rows[rows[S.WINDOW] == S.YTD].squeeze()
    assert (ytd[S.TARGET], ytd[S.PROJECTION], ytd[S.P_REACH_TARGET]) == (9.0, 3.1, 0.02)
    assert np.isnan(rows[rows[S.WINDOW] == S.SINGLE_PERIOD][S.TARGET].squeeze())
    for column in (S.RANK, S.RANK_CHANGE, S.PP_CHANGE, S.POISSON_Z):
        assert column in rows.columns


def test_no_rows_still_has_every_column():
    empty = pd.DataFrame()
    rows = comparison_rows(empty, empty, empty)
    assert rows.empty and {S.METRIC, S.WINDOW, S.PROJECTION, S.P_REACH_TARGET} <= set(rows.columns)
