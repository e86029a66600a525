"""The CSV beside each page: every comparison of the period, a row per metric, unit, window.

Comparisons (statlib.compare) and indicator rows (statlib.indicators) share their keys and
value columns; the full-year outlook (statlib.outlook) belongs to the year-to-date window.
"""

from __future__ import annotations

import pandas as pd

from statlib import schema as S

_OUTLOOK_VALUES = tuple(c for c in S.OUTLOOK_COLUMNS if c not in (*S.SERIES_KEYS, S.PERIOD))


def comparison_rows(
    comparisons: pd.DataFrame, indicators: pd.DataFrame, outlook: pd.DataFrame
) -> pd.DataFrame:
    """One frame of every comparison row, sorted by metric, unit and window.

    Args:
        comparisons: statlib.schema.COMPARISON_COLUMNS (may be empty, without columns).
        indicators: statlib.schema.INDICATOR_COLUMNS (may be empty, without columns).
        outlook: statlib.schema.OUTLOOK_COLUMNS (may be empty, without columns).

    Returns:
        The union of both tables' columns plus the outlook's, which are set on the YTD
        rows of the series that have one (NaN elsewhere).
    """
    columns = list(dict.fromkeys((*S.COMPARISON_COLUMNS, *S.INDICATOR_COLUMNS, *_OUTLOOK_VALUES)))
    parts = [
        frame.reindex(columns=list(declared))
        for frame, declared in (
            (comparisons, S.COMPARISON_COLUMNS),
            (indicators, S.INDICATOR_COLUMNS),
        )
        if len(frame)
    ]
    rows = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=columns)
    if len(outlook):
        ahead = outlook.reindex(columns=list(S.OUTLOOK_COLUMNS)).assign(**{S.WINDOW: S.YTD})
        rows = rows.merge(
            ahead.drop(columns=S.MODEL), on=[*S.SERIES_KEYS, S.PERIOD, S.WINDOW], how="left"
        )
    rows = rows.reindex(columns=columns)
    return rows.sort_values([S.METRIC, S.UNIT, S.WINDOW], kind="stable", ignore_index=True)
