"""The layout of a submitted table: where its header is and what each column holds.

A department's sheet may start with a title row ("淮川市2020年1-8月工业经济主要指标") and
have a header of one to three rows, merged across an indicator's columns ("工业用电量"
over "本月(万千瓦时)", "1-8月累计(万千瓦时)", "同比增长(%)"). The header row is the first
row naming the key column (the reporting unit or the indicator, as the domain's
`submission.headers` spell it); the rows below it whose key cell is blank or repeats the
key header belong to the header too. Each column's header parts are then read: a field
("累计" -> value), an indicator name (an alias of a metric), a unit of measure in brackets
("(万千瓦时)") and a period ("1-8月").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from statlib.errors import PeriodError
from statlib.ingest.sheets import Grid
from statlib.params import DomainParams
from statlib.periods import ReportSpan, find_span
from statlib.periods.statistical import without_span

KEY_FIELDS = ("unit", "metric")
NUMBER_FIELDS = ("value", "month_value", "growth", "rank")
HEADER_SEARCH_ROWS = 15  # title and notes above a table are a few rows, not pages
MAX_HEADER_ROWS = 3
_BRACKETS = re.compile(r"[(（\[]([^)）\]]*)[)）\]]")


@dataclass(frozen=True)
class Column:
    """One column of a submitted table, as its header describes it."""

    index: int  # 1-based, as the spreadsheet numbers it
    header: str  # the header parts joined with " / ", as written
    field: str | None  # statlib.params.SubmissionField, None when no part names one
    metric: str | None  # metric key named in the header (wide layouts)
    measure: str | None  # unit of measure in brackets, e.g. "万千瓦时", "%"
    span: ReportSpan | None  # period written in the header ("1-8月累计")
    unknown: tuple[str, ...] = ()  # header parts that name nothing known
    header_row: int = 1  # the header's last row: where a problem of the header is named


@dataclass(frozen=True)
class Layout:
    """Where a sheet's table is: title rows, header rows, and its columns."""

    title: tuple[str, ...]  # texts above the header
    header_rows: tuple[int, ...]
    columns: tuple[Column, ...]
    span_errors: tuple[tuple[int, int, str], ...] = ()  # (row, column, text) unreadable

    @property
    def first_data_row(self) -> int:
        """The first row below the header."""
        return self.header_rows[-1] + 1

    def column(self, field: str) -> Column | None:
        """The first column holding `field`, if any."""
        return next((c for c in self.columns if c.field == field), None)


def normalise(text: str) -> str:
    """A header or name as looked up: no units in brackets, no period, no spaces, any case."""
    bare = _BRACKETS.sub("", without_span(text))
    return re.sub(r"\s+", "", bare).casefold()


def name_index(params: DomainParams) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Lookups (normalised text -> key) of header fields, metrics and reporting units."""
    spec = params.submission
    headers = {normalise(k): v for k, v in spec.headers.items()} if spec else {}
    metrics = {}
    for metric in params.metrics:
        for name in (metric.key, metric.label.en, metric.label.zh, *metric.aliases):
            metrics[normalise(name)] = metric.key
    units = {normalise(key): key for key in (spec.units.values() if spec else ())}
    for group in params.peer_groups.values():
        for key in group.units:
            units[normalise(key)] = key
        for key, label in group.names.items():
            units.update({normalise(label.en): key, normalise(label.zh): key})
    units.update({normalise(k): v for k, v in (spec.units.items() if spec else ())})
    return headers, metrics, units


def find_layout(grid: Grid, headers: dict[str, str], metrics: dict[str, str]) -> Layout | None:
    """The layout of `grid`'s table.

    None when no row within the first ones names a key column (the caller reports it).
    """
    for row in range(1, min(HEADER_SEARCH_ROWS, len(grid.rows)) + 1):
        keys = [
            c
            for c, text in enumerate(grid.rows[row - 1], start=1)
            if headers.get(normalise(text)) in KEY_FIELDS
        ]
        if keys:
            return _layout_from(grid, row, keys[0], headers, metrics)
    return None


def _layout_from(
    grid: Grid, start: int, key: int, headers: dict[str, str], metrics: dict[str, str]
) -> Layout:
    rows = [start]
    key_text = grid.cell(start, key)
    while len(rows) < MAX_HEADER_ROWS:
        below = rows[-1] + 1
        if below > len(grid.rows) or not any(grid.rows[below - 1]):
            break
        if grid.cell(below, key) not in ("", key_text):
            break
        rows.append(below)
    width = max(len(grid.rows[r - 1]) for r in rows)
    columns, span_errors = [], []
    for index in range(1, width + 1):
        parts = list(dict.fromkeys(t for r in rows if (t := grid.cell(r, index))))
        if not parts:
            continue
        column, bad = _column(index, parts, headers, metrics, rows[-1])
        columns.append(column)
        span_errors += [(rows[-1], index, text) for text in bad]
    title = tuple(
        dict.fromkeys(t for r in range(1, start) for t in grid.rows[r - 1] if t)
    )
    return Layout(title, tuple(rows), tuple(columns), tuple(span_errors))


def _column(
    index: int, parts: list[str], headers: dict[str, str], metrics: dict[str, str], row: int
) -> tuple[Column, list[str]]:
    field = metric = measure = span = None
    unknown, unreadable = [], []
    for part in parts:
        name = normalise(part)
        bracket = _BRACKETS.search(part)
        if bracket and bracket.group(1).strip():
            measure = bracket.group(1).strip()
        try:
            span = find_span(_BRACKETS.sub("", part)) or span
        except PeriodError:
            unreadable.append(part)
        if name in headers:
            field = headers[name]
        elif name in metrics:
            metric = metrics[name]
        else:
            unknown.append(part)
    header = " / ".join(parts)
    column = Column(index, header, field, metric, measure, span, tuple(unknown), row)
    return column, unreadable
