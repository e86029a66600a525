"""Peer comparisons: where each unit ranks among its peers, how it moved, and its share.

Industrial and science reports print "rank 6 of 11, up 5 places"; CompStat commanders see
their precinct against the others. Rank 1 is the best unit in the metric's improvement
direction (highest for `increase`, lowest for `decrease`); neutral metrics rank the highest
value first. Ties share the better rank ("min" method), as league tables print them.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from statlib import schema as S
from statlib.errors import InputError
from statlib.periods import Period


def _ranked(rows: pd.DataFrame, directions: Mapping[str, str]) -> pd.Series:
    ascending = rows[S.METRIC].map(dict(directions)).eq(S.DECREASE)
    # Rank lower-is-better metrics on the value, the others on its negation, in one pass.
    key = np.where(ascending, rows[S.VALUE], -rows[S.VALUE])
    return (
        pd.Series(key, index=rows.index)
        .groupby([rows[S.DOMAIN], rows[S.METRIC]])
        .rank(method="min")
    )


def rank_units(
    frame: pd.DataFrame,
    period: Period,
    directions: Mapping[str, str],
    *,
    compared_with: Period | None = None,
) -> pd.DataFrame:
    """Rank every unit among its peers for each metric, with rank change and share.

    Args:
        frame: KPI frame with domain, metric, unit, period, value. The citywide unit is
            not a peer and is left out.
        period: the period ranked.
        directions: metric -> improvement direction.
        compared_with: the period whose ranks give the rank change (default: the previous).

    Returns:
        domain, metric, unit, period, value, rank, prior_rank, rank_change (prior_rank -
        rank: positive = moved up), share (percent of the peers' total), peers (how many
        units were ranked). Units without a value this period are not ranked.
    """
    missing = [c for c in (*S.SERIES_KEYS, S.PERIOD, S.VALUE) if c not in frame.columns]
    if missing:
        raise InputError(f"rank_units needs column(s) {', '.join(missing)}", column=missing[0])
    before = compared_with or period.previous()
    peers = frame[(frame[S.UNIT] != S.CITYWIDE) & frame[S.VALUE].notna()]
    now = peers[peers[S.PERIOD] == period.label].copy()
    then = peers[peers[S.PERIOD] == before.label]
    now[S.RANK] = _ranked(now, directions)
    prior = then[[*S.SERIES_KEYS]].assign(**{S.PRIOR_RANK: _ranked(then, directions)})
    out = now.merge(prior, on=list(S.SERIES_KEYS), how="left")
    out[S.RANK_CHANGE] = out[S.PRIOR_RANK] - out[S.RANK]
    totals = out.groupby([S.DOMAIN, S.METRIC])[S.VALUE].transform("sum")
    out[S.SHARE] = np.where(totals == 0, np.nan, out[S.VALUE] / totals * 100.0)
    out[S.PEER_COUNT] = out.groupby([S.DOMAIN, S.METRIC])[S.UNIT].transform("size")
    columns = [
        *S.SERIES_KEYS,
        S.PERIOD,
        S.VALUE,
        S.RANK,
        S.PRIOR_RANK,
        S.RANK_CHANGE,
        S.SHARE,
        S.PEER_COUNT,
    ]
    return out[columns].sort_values([S.METRIC, S.RANK], kind="stable").reset_index(drop=True)
