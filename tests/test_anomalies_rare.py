import pandas as pd

from statlib import schema as S
from statlib.anomalies.rare import RARE_COUNT_MEAN, rare_count_series, without_rare_counts


def test_rare_count_series_lose_their_flags_and_others_keep_them():
    summary = pd.DataFrame(
        {
            S.DOMAIN: "d",
            S.METRIC: ["murder", "murder", "robbery", "closure_rate"],
            S.UNIT: ["1", "2", "1", "1"],
            S.CENTRE: [0.1, RARE_COUNT_MEAN, 0.5, 0.5],  # the rate is not a count
        }
    )
    rare = rare_count_series(summary, counts={"murder", "robbery"})
    assert sorted(zip(rare[S.METRIC], rare[S.UNIT], strict=True)) == [
        ("murder", "1"),
        ("robbery", "1"),
    ]
    flags = pd.DataFrame(
        {
            S.DOMAIN: "d",
            S.METRIC: ["murder", "murder", "closure_rate"],
            S.UNIT: ["1", "2", "1"],
            S.RULES: ["shift", "jump", "trend"],
        }
    )
    kept = without_rare_counts(flags, rare)
    assert list(kept[S.RULES]) == ["jump", "trend"]  # the mean of exactly 2 is not rare
