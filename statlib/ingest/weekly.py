"""Repairs of published weekly series: week labels, a week-end switch, omitted zeros.

These are pure functions over a long frame with the columns UNIT, METRIC, VALUE and
`WEEK_END_DATE` (the last day of the week as the source wrote it, datetime64). They do
not know which city published the data; `statlib.ingest.nypd` calls them in order:

1. `label_weeks` names each week by `statlib.periods` (the ISO week holding the week's
   4th day, whatever its end weekday) and dates it by that ISO week's Sunday.
2. `resolve_week_end_switch` keeps one published week per label where a source
   published the same week under two end days; the other is kept too, labelled by its
   own days (a cut, `statlib.periods.coverage.cut_label`), for the comparison windows
   whose days it matches.
3. `fill_zero_weeks` adds the zero weeks a source omits, inside each metric's range, and
   the series a source never published because they are all zero.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

import pandas as pd

from statlib.errors import InputError
from statlib.ingest.notes import DataQualityNote
from statlib.periods import WEEKDAYS, parse_period, period_containing
from statlib.periods.coverage import cut_label, is_cut_label
from statlib.schema import METRIC, PERIOD, PERIOD_END, UNIT, VALUE

WEEK_END_DATE = "week_end"  # published last day of a week; used inside ingest only
ISO_WEEK_END = "SUN"  # statlib dates every week by its ISO week's Sunday

SERIES = [UNIT, METRIC]


def label_weeks(frame: pd.DataFrame) -> pd.DataFrame:
    """Add the period label and period end of each published week.

    A week ending on any weekday is named by `statlib.periods.period_containing` with
    that weekday as `week_end`, so a Sunday-Saturday week ending Saturday 2025-07-12 and
    the Monday-Sunday week ending Sunday 2025-07-13 are both "2025-W28". PERIOD_END is
    the Sunday ending the ISO week of that label: for weeks that really end on a
    Saturday it is one day after their last day.

    Args:
        frame: Columns UNIT, METRIC, VALUE, WEEK_END_DATE (datetime64).

    Returns:
        A copy with PERIOD (str, e.g. "2025-W28") and PERIOD_END (datetime64[ns],
        a Sunday) added.
    """
    labels = {end: _week_label(end.date()) for end in frame[WEEK_END_DATE].unique()}
    iso_ends = {end: _iso_week_end(label) for end, label in labels.items()}
    labelled = frame.copy()
    labelled[PERIOD] = labelled[WEEK_END_DATE].map(labels).astype(str)
    labelled[PERIOD_END] = labelled[WEEK_END_DATE].map(iso_ends).astype("datetime64[ns]")
    return labelled


def resolve_week_end_switch(
    frame: pd.DataFrame, *, source: str, keep_week_end: str = ISO_WEEK_END
) -> tuple[pd.DataFrame, DataQualityNote]:
    """Keep one published week per label where a week appears under two end days.

    When a source moves its week end (NYPD: Saturday to Sunday in mid-2025) and runs
    both conventions for a while, one week has two labels' worth of rows. Whole
    published weeks are kept or dropped, never single cells: zero weeks are omitted,
    so a cell missing from the kept week is a zero of that cut, not a gap to patch
    from the other one.

    Args:
        frame: Output of `label_weeks`.
        source: The file name, for the note.
        keep_week_end: The end weekday whose rows win ("MON".."SUN").

    Returns:
        The frame in which the rows of the losing week ends are relabelled as cuts of
        their own days (PERIOD "2025-08-10..2025-08-16", PERIOD_END their real last day),
        so that the series keep one row per week while a window of exactly those days
        can still use them; and a note with the weeks affected, the rows set aside, and
        how their counts differ from the kept ones (cells compared over the metrics the
        other cut carries; absent cells are 0).

    Raises:
        InputError: A label has two week ends and none of them ends on `keep_week_end`.
    """
    ends_per_label = frame.groupby(PERIOD)[WEEK_END_DATE].unique()
    overlapping = ends_per_label[ends_per_label.map(len) > 1]
    keep_day = WEEKDAYS.index(keep_week_end)
    dropped_ends = []
    for label, ends in overlapping.items():
        kept = [end for end in ends if end.weekday() == keep_day]
        if len(kept) != 1:
            published = ", ".join(str(end.date()) for end in sorted(ends))
            raise InputError(
                f"week {label} is published with week ends {published}",
                source=source,
                column=WEEK_END_DATE,
                rule=f"a week published twice must have exactly one {keep_week_end} end",
            )
        dropped_ends.extend(end for end in ends if end.weekday() != keep_day)
    is_dropped = frame[WEEK_END_DATE].isin(dropped_ends)
    differences = _cut_differences(
        frame[is_dropped], frame[~is_dropped & frame[PERIOD].isin(overlapping.index)]
    )
    weeks = ", ".join(sorted(overlapping.index))
    detail = (
        f"{len(overlapping)} week(s) published under two week-end days ({weeks or 'none'}); "
        f"the {keep_week_end}-ending rows make the weekly series; the {int(is_dropped.sum())} "
        f"rows ending {', '.join(sorted({str(end.date()) for end in dropped_ends})) or 'nowhere'} "
        "are kept under their own days, used only where a comparison window covers exactly "
        f"those days. Of {differences['cells']} cells compared, {differences['differ']} differ: "
        f"sum of |other - kept| {differences['abs_sum']}, largest {differences['abs_max']}, "
        f"net {differences['net']:+d}."
    )
    note = DataQualityNote(source, "week_end_switch", int(is_dropped.sum()), "kept", detail)
    out = frame.copy()
    ends = out.loc[is_dropped, WEEK_END_DATE]
    week = pd.Timedelta(days=6)
    cuts = {end: cut_label((end - week).date(), end.date()) for end in ends.unique()}
    out.loc[is_dropped, PERIOD] = ends.map(cuts)
    out.loc[is_dropped, PERIOD_END] = ends
    return out.reset_index(drop=True), note


def fill_zero_weeks(
    frame: pd.DataFrame, *, source: str, groups: Mapping[str, str] | None = None
) -> tuple[pd.DataFrame, DataQualityNote]:
    """Add the omitted zero weeks of every published series, inside its metric's range.

    A metric's range runs from the first to the last week in which any unit has a row
    for it, so a metric introduced late, or discontinued, is not zero-filled outside
    the weeks it was published. A source that omits zero rows omits a series that is
    zero throughout as well (NYPD: no murder in precincts 20, 22 and 94 in two years),
    so every unit covered by a metric's publication group (`groups`: the metrics
    fetched together) gets a row in every week of the metric's range. A unit with no row
    in any metric of the group is not covered by it and stays absent.

    Cuts (rows labelled by their days, see `resolve_week_end_switch`) are filled the
    same way: every series of the metric gets a zero where a cut of its metric exists.

    Args:
        frame: Columns UNIT, METRIC, PERIOD, PERIOD_END (ISO Sundays; a cut's real last
            day), VALUE; one row per series and week (run `resolve_week_end_switch` first).
        source: The file name, for the note.
        groups: metric -> publication group; None: each metric is its own group (only
            series with at least one row are filled).

    Returns:
        Frame with the same columns plus every missing week of each series at VALUE 0,
        sorted by unit, metric and period end; and a note with the rows and the series
        added.

    Raises:
        InputError: A series has two rows for one week.
    """
    duplicated = frame.duplicated([*SERIES, PERIOD_END])
    if duplicated.any():
        first = frame[duplicated].iloc[0]
        raise InputError(
            f"unit {first[UNIT]!r} metric {first[METRIC]!r} has two rows for {first[PERIOD]}",
            source=source,
            rule="one row per unit, metric and week",
        )
    columns = [UNIT, METRIC, PERIOD, PERIOD_END, VALUE]
    group_of = frame[METRIC].map(dict(groups)) if groups else frame[METRIC]
    covered = frame.assign(group=group_of.fillna(frame[METRIC])).groupby("group")[UNIT].unique()
    is_cut = frame[PERIOD].map(is_cut_label).astype(bool)
    pieces = []
    for metric, rows in frame[~is_cut].groupby(METRIC, sort=True):
        units = covered[(groups or {}).get(metric, metric)]
        cuts = frame[is_cut & (frame[METRIC] == metric)]
        pieces.append(_fill_metric(rows[columns], cuts[columns], units))
    filled = pd.concat(pieces, ignore_index=True) if pieces else frame[columns].copy()
    added = len(filled) - len(frame)
    published = frame[SERIES].drop_duplicates().shape[0]
    series = filled[SERIES].drop_duplicates().shape[0]
    detail = (
        f"{added} omitted zero weeks added inside each metric's publication range "
        f"({series} series, of which {series - published} never published: all zero)."
    )
    note = DataQualityNote(source, "zero_weeks_omitted", added, "filled", detail)
    sorted_rows = filled.sort_values([UNIT, METRIC, PERIOD_END], kind="stable")
    return sorted_rows.reset_index(drop=True), note


def _fill_metric(rows: pd.DataFrame, cuts: pd.DataFrame, units: Sequence[str]) -> pd.DataFrame:
    """Every series of one metric on the full weekly grid of the metric's range, and cuts."""
    grid = pd.date_range(rows[PERIOD_END].min(), rows[PERIOD_END].max(), freq="W-SUN")
    full = pd.MultiIndex.from_product([units, grid], names=[UNIT, PERIOD_END]).to_frame(index=False)
    merged = full.merge(rows.drop(columns=[PERIOD]), on=[UNIT, PERIOD_END], how="left")
    labels = {end: _week_label(end.date()) for end in grid}
    merged[PERIOD] = merged[PERIOD_END].map(labels).astype(str)
    if len(cuts):
        spans = cuts[[PERIOD, PERIOD_END]].drop_duplicates()
        on_cuts = pd.DataFrame({UNIT: units}).merge(spans, how="cross")
        on_cuts = on_cuts.merge(cuts[[UNIT, PERIOD, VALUE]], on=[UNIT, PERIOD], how="left")
        merged = pd.concat([merged, on_cuts], ignore_index=True)
    merged[METRIC] = rows[METRIC].iloc[0]
    merged[VALUE] = merged[VALUE].fillna(0.0)
    return merged[[UNIT, METRIC, PERIOD, PERIOD_END, VALUE]]


def _cut_differences(dropped: pd.DataFrame, kept: pd.DataFrame) -> dict[str, int]:
    """Cells and count differences between two cuts of the same weeks.

    Compared cells are the (unit, metric, week) of the metrics the dropped cut carries
    in that week; a cell absent from one cut counts as 0 there (zeros are omitted).
    """
    carried = dropped[[PERIOD, METRIC]].drop_duplicates()
    kept = kept.merge(carried, on=[PERIOD, METRIC])
    keys = [*SERIES, PERIOD]
    joined = (
        dropped.set_index(keys)[VALUE]
        .rename("dropped")
        .to_frame()
        .join(kept.set_index(keys)[VALUE].rename("kept"), how="outer")
    )
    delta = (joined["dropped"].fillna(0) - joined["kept"].fillna(0)).astype("int64")
    return {
        "cells": len(delta),
        "differ": int((delta != 0).sum()),
        "abs_sum": int(delta.abs().sum()),
        "abs_max": int(delta.abs().max()) if len(delta) else 0,
        "net": int(delta.sum()),
    }


def _week_label(last_day: date) -> str:
    """The label of the published week that ends on `last_day`."""
    return period_containing(last_day, "week", week_end=WEEKDAYS[last_day.weekday()]).label


def _iso_week_end(label: str) -> pd.Timestamp:
    """The Sunday that ends the ISO week `label`."""
    return pd.Timestamp(parse_period(label, week_end=ISO_WEEK_END).end)
