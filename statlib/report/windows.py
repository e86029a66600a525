"""The page's word on comparison windows: which could only be approximated. Drawing only.

Reads the `windows` result (statlib.compare.window_coverage) and says, per window and
side, how many days the published figures miss or add, or that none cover it.
"""

from __future__ import annotations

import pandas as pd

from statlib import schema as S
from statlib.messages import format_date, format_number, text
from statlib.report.html import Html, paragraph, section


def windows(coverage: pd.DataFrame, lang: str) -> Html:
    """Where a comparison window could only be approximated, and by how many days.

    Args:
        coverage: the `windows` result (statlib.compare.window_coverage).
        lang: page language.
    """

    def span(first: pd.Timestamp, last: pd.Timestamp) -> str:
        return f"{format_date(first.date(), lang)} – {format_date(last.date(), lang)}"

    days = coverage[coverage[S.WINDOW_FIRST].notna()]
    off = days[(days[S.MISSING_DAYS] > 0) | (days[S.EXTRA_DAYS] > 0)]
    if off.empty:
        return section("windows", lang, paragraph(text("windows_exact", lang)))
    keys = [S.WINDOW, S.WINDOW_SIDE, S.WINDOW_FIRST, S.WINDOW_LAST]
    keys += [S.COVER_FIRST, S.COVER_LAST, S.MISSING_DAYS, S.EXTRA_DAYS]
    groups = off.fillna({S.COVER_FIRST: pd.NaT}).groupby(keys, dropna=False, sort=False)
    lines = []
    for key, rows in groups:
        window, side, first, last, covered_first, covered_last, missing, extra = key
        values = {
            "window": text(f"window_{window}", lang),
            "side": text(f"windows_side_{side}", lang),
            "wanted": span(first, last),
            "metrics": format_number(rows[S.METRIC].nunique(), lang),
        }
        if pd.isna(covered_first):
            lines.append(text("windows_unfilled", lang, **values))
            continue
        values.update(
            covered=span(covered_first, covered_last),
            missing=format_number(missing, lang),
            extra=format_number(extra, lang),
        )
        lines.append(text("windows_approximate", lang, **values))
    return section("windows", lang, *(paragraph(line) for line in lines))
