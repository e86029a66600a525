import pandas as pd
import pytest

from statlib import schema as S
from statlib.errors import InputError
from statlib.peers import rank_units
from statlib.periods import parse_period


def table(rows):
    return pd.DataFrame(rows, columns=[S.DOMAIN, S.METRIC, S.UNIT, S.PERIOD, S.VALUE])


def test_rank_rank_change_and_share_by_direction():
    frame = table(
        [
            ("econ", "growth", "a", "2026-08", 5.0),
            ("econ", "growth", "b", "2026-08", 9.0),
            ("econ", "growth", "c", "2026-08", 6.0),
            ("econ", "growth", "citywide", "2026-08", 20.0),  # not a peer
            ("econ", "growth", "a", "2026-07", 9.0),
            ("econ", "growth", "b", "2026-07", 1.0),
            ("econ", "growth", "c", "2026-07", 5.0),
            ("econ", "crime", "a", "2026-08", 3.0),
            ("econ", "crime", "b", "2026-08", 1.0),
        ]
    )
    out = rank_units(frame, parse_period("2026-08"), {"growth": "increase", "crime": "decrease"})
    growth = out[out[S.METRIC] == "growth"].set_index(S.UNIT)
    # August: b 9 > c 6 > a 5 -> ranks 1, 2, 3. July: a 9, c 5, b 1 -> 1, 2, 3.
    assert list(growth[S.RANK]) == [1, 2, 3] and list(growth.index) == ["b", "c", "a"]
    assert growth.loc["b", S.RANK_CHANGE] == 2  # 3rd -> 1st: "up 2 places"
    assert growth.loc["a", S.RANK_CHANGE] == -2
    assert growth.loc["c", S.SHARE] == pytest.approx(6 / 20 * 100)
    assert set(growth[S.PEER_COUNT]) == {3}
    crime = out[out[S.METRIC] == "crime"].set_index(S.UNIT)
    assert crime.loc["b", S.RANK] == 1  # fewer crimes is better
    assert pd.isna(crime.loc["b", S.PRIOR_RANK])


def test_ties_share_the_better_rank_and_missing_column_is_named():
    frame = table([("d", "m", u, "2026-08", v) for u, v in (("a", 2.0), ("b", 2.0), ("c", 1.0))])
    out = rank_units(frame, parse_period("2026-08"), {"m": "neutral"})
    assert list(out[S.RANK]) == [1, 1, 3]
    with pytest.raises(InputError, match="value"):
        rank_units(frame.drop(columns=S.VALUE), parse_period("2026-08"), {})
