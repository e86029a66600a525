"""Rare-event counts: series too sparse for XmR limits are not flagged by SPC or forecasts.

With mostly zero periods (murders in one precinct in one week), the average moving range
understates the spread of a Poisson count: at a mean of 0.1 a week the upper limit sits near
0.6, so every single event would be "outside the limits" although one happens in about one
week in ten. NHS guidance charts such events as the time between them (g or t charts);
statlib judges them instead by the Poisson z of the 28-day and year-to-date changes (the
CompStat table and the largest-rises list), and says so on the page.
"""

from __future__ import annotations

from collections.abc import Collection

import pandas as pd

from statlib import schema as S

RARE_COUNT_MEAN = 2.0  # events per period: below this most periods are 0 or 1


def rare_count_series(summary: pd.DataFrame, counts: Collection[str]) -> pd.DataFrame:
    """The count series whose SPC centre line (their mean) is below RARE_COUNT_MEAN.

    Args:
        summary: SPC summary frame (statlib.spc): SERIES_KEYS, centre.
        counts: metric keys that are event counts.

    Returns:
        SERIES_KEYS of the rare-event series.
    """
    rare = summary[S.METRIC].isin(list(counts)) & (summary[S.CENTRE] < RARE_COUNT_MEAN)
    return summary.loc[rare, list(S.SERIES_KEYS)].reset_index(drop=True)


def without_rare_counts(flags: pd.DataFrame, rare: pd.DataFrame) -> pd.DataFrame:
    """`flags` without the rows of rare-event series (a new frame)."""
    keys = list(S.SERIES_KEYS)
    marked = flags.merge(rare.assign(_rare=True), on=keys, how="left")
    return flags[marked["_rare"].isna().to_numpy()].reset_index(drop=True)
