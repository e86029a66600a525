"""Sampling inspections: batches (or days, or samples) tested and passed, by unit and category.

The table a quality or agriculture bureau keeps (data/inspections/tests.csv): one row per
month, unit (county) and tested category, with `tested` and `passed` counts. Each category
is a declared rate metric; its pass rate is passed / tested. Ingest sums the months into
the domain's periods (month, quarter, year), the units into the city, and each category
into the metrics it is `part_of` (the two-level tree: risk monitoring's vegetables into
risk monitoring, risk monitoring into all products), so every level keeps its numerator
and denominator. Rows it cannot use are dropped with a note, never silently.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pandas as pd

from statlib import schema as S
from statlib.errors import ParamsError
from statlib.ingest.notes import DataQualityNote, IngestResult, drop_rows
from statlib.ingest.validate import read_text_table
from statlib.params import DomainParams
from statlib.periods import period_containing

MONTH, UNIT_COLUMN, CATEGORY, TESTED, PASSED = "month", "county", "category", "tested", "passed"
COLUMNS = (MONTH, UNIT_COLUMN, CATEGORY, TESTED, PASSED)
MONTHS_IN = {"month": 1, "quarter": 3, "half": 6, "year": 12, "fiscal_year": 12}


def read_tests(path: Path) -> pd.DataFrame:
    """The inspection table as written (every column text); InputError names a missing column."""
    return read_text_table(path, COLUMNS)


# A dropped row is named by these columns in its note.
_drop = partial(drop_rows, key=(MONTH, UNIT_COLUMN, CATEGORY))


def _ancestors(params: DomainParams, key: str) -> list[str]:
    """The metric itself and every metric it is part of, up the tree."""
    chain = [key]
    while (parent := params.metric(chain[-1]).part_of) is not None:
        chain.append(parent)
    return chain


def inspection_kpis(raw: pd.DataFrame, params: DomainParams, *, source: str) -> IngestResult:
    """KPI rows (with NUMERATOR and DENOMINATOR) of every declared rate, unit and period.

    Args:
        raw: `read_tests` output: month (YYYY-MM), county (unit key), category (metric
            key of a leaf of the tree), tested, passed.
        params: the domain's params: its frequency, units (`units.names`) and metrics.
        source: the file name, for the notes.

    Returns:
        The KPI frame (statlib.schema.KPI_COLUMNS + NUMERATOR, DENOMINATOR), one row per
        metric (leaf or parent), unit (counties and citywide) and whole period, and notes.

    Raises:
        ParamsError: the domain's frequency is shorter than a month.
    """
    if params.frequency not in MONTHS_IN:
        raise ParamsError(
            f"{params.domain}: inspection counts are monthly; a {params.frequency} review "
            f"cannot be made from them (use month, quarter, half or year)"
        )
    notes: list[DataQualityNote] = []
    frame = raw.assign(
        **{c: pd.to_numeric(raw[c].str.replace(",", ""), errors="coerce") for c in (TESTED, PASSED)}
    )
    bad = frame[TESTED].isna() | frame[PASSED].isna() | (frame[PASSED] < 0)
    bad |= (frame[PASSED] > frame[TESTED]) | (frame[TESTED] % 1 != 0) | (frame[PASSED] % 1 != 0)
    frame = _drop(frame, bad, notes, source, "invalid_counts", "with counts missing, "
                  "negative, fractional or more passed than tested")  # fmt: skip
    month = pd.to_datetime(frame[MONTH], format="%Y-%m", errors="coerce")
    frame = _drop(frame.assign(_month=month), month.isna(), notes, source, "bad_month",
                  "with a month that is not YYYY-MM")  # fmt: skip
    known = set(params.directions)
    frame = _drop(frame, ~frame[CATEGORY].isin(known), notes, source, "unknown_category",
                  "of a category no metric declares")  # fmt: skip
    frame = _drop(frame, ~frame[UNIT_COLUMN].isin(set(params.units.names)), notes, source,
                  "unknown_unit", "of a unit the params do not name")  # fmt: skip
    twice = frame.duplicated([MONTH, UNIT_COLUMN, CATEGORY], keep="last")
    frame = _drop(frame, twice, notes, source, "duplicate_rows",
                  "repeated for the same month, unit and category (the last kept)")  # fmt: skip

    periods = {
        m: period_containing((m + pd.offsets.MonthEnd(0)).date(), params.frequency)
        for m in frame["_month"].unique()
    }
    frame = frame.assign(**{S.PERIOD: frame["_month"].map(lambda m: periods[m].label)})
    months_seen = frame.groupby(S.PERIOD)["_month"].nunique()
    short = months_seen[months_seen < MONTHS_IN[params.frequency]].index
    partial = frame[S.PERIOD].isin(short)
    frame = _drop(frame, partial, notes, source, "incomplete_period",
                  f"of a {params.frequency} not yet complete")  # fmt: skip

    trees = {key: _ancestors(params, key) for key in frame[CATEGORY].unique()}
    leaves = frame.assign(**{S.METRIC: frame[CATEGORY].map(trees)}).explode(S.METRIC)
    city = leaves.assign(**{UNIT_COLUMN: S.CITYWIDE})
    rows = pd.concat([leaves, city], ignore_index=True)
    kpis = (
        rows.groupby([S.METRIC, UNIT_COLUMN, S.PERIOD], as_index=False)[[PASSED, TESTED]]
        .sum()
        .rename(columns={UNIT_COLUMN: S.UNIT, PASSED: S.NUMERATOR, TESTED: S.DENOMINATOR})
    )
    ends = {p.label: pd.Timestamp(p.end) for p in periods.values()}
    kpis = kpis.assign(
        **{
            S.DOMAIN: params.domain,
            S.PERIOD_END: kpis[S.PERIOD].map(ends).astype("datetime64[ns]"),
            S.VALUE: kpis[S.NUMERATOR] / kpis[S.DENOMINATOR].where(kpis[S.DENOMINATOR] > 0),
        }
    ).astype({S.NUMERATOR: float, S.DENOMINATOR: float})
    # The note is read on the page: parents by their English label, never by key.
    parents = sorted({params.metric(p).label.en for chain in trees.values() for p in chain[1:]})
    notes.append(
        DataQualityNote(
            source,
            "categories_summed",
            len(frame),
            "reported",
            f"{len(frame)} rows of {frame[CATEGORY].nunique()} tested categories summed into "
            f"{len(parents)} parent categories ({', '.join(parents) or 'none'}) and into the "
            f"city, by {params.frequency}; pass rates are ratios of the sums.",
        )
    )
    columns = [*S.KPI_COLUMNS, S.NUMERATOR, S.DENOMINATOR]
    ordered = kpis[columns].sort_values([S.METRIC, S.UNIT, S.PERIOD_END], ignore_index=True)
    return IngestResult(ordered, tuple(notes))
