"""Department submissions: one table per period, checked completely, then loaded whole.

Any domain with `submission:` params receives its data this way: CSV or .xlsx, long (one
row per indicator, `指标名称`) or wide (one row per reporting unit, indicators over their
columns), headers in English or Chinese as `submission.headers` maps them, a title row or
merged header rows above the table, units of measure in the headers, numbers as text
("306,000", "2.1%") and "—" or blank for not reported (statlib.ingest.submission_table
finds the layout).

Validation is complete: every problem of the file is collected in one pass, each naming
the file, sheet, row and column as the spreadsheet numbers them, and the rule, in the
submitters' language (`submission.lang`); `SubmissionError` lists them all, and a rejected
file changes nothing. An accepted file is a snapshot of its (domain, kind, period): it is
loaded under `source_key(...)` so that a corrected resubmission replaces it whole.
"""

from __future__ import annotations

import calendar
import fnmatch
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from statlib import messages
from statlib import schema as S
from statlib.errors import PeriodError, SubmissionError
from statlib.ingest.measures import conversion, figure, scale
from statlib.ingest.notes import DataQualityNote, notes_frame
from statlib.ingest.sheets import Grid
from statlib.ingest.submission_checks import NOTE_TEXTS, Checker, expected_period
from statlib.ingest.submission_table import (
    NUMBER_FIELDS,
    Column,
    Layout,
    find_layout,
    name_index,
    normalise,
)
from statlib.params import DomainParams
from statlib.periods import ReportSpan, find_span, parse_span
from statlib.sources import content_hash

NOT_REPORTED = frozenset({"", "—", "-", "–", "－", "/", "…", "...", "n/a", "na"})
NOTE_STARTS = ("注", "说明", "资料来源", "note", "source")
ADDITIVE = frozenset({"count", "stock", "money", "amount", "energy", "volume"})
SUFFIXES = (".xlsx", ".csv")


@dataclass(frozen=True)
class Submission:
    """An accepted submission, ready to load."""

    domain: str
    kind: str
    period: str  # month label of the last month, e.g. "2020-08"
    file: str
    content_hash: str
    observations: pd.DataFrame  # KPI frame + reported_growth
    notes: pd.DataFrame  # domain + statlib.schema.NOTE_COLUMNS

    @property
    def source(self) -> str:
        """The warehouse source key of this (domain, kind, period) snapshot."""
        return source_key(self.domain, self.kind, self.period)


def source_key(domain: str, kind: str, period: str) -> str:
    """`submission:<domain>:<kind>:<period>`: one versioned source per snapshot."""
    return f"submission:{domain}:{kind}:{period}"


def submission_files(folder: Path, params: DomainParams) -> list[Path]:
    """The submissions waiting in `folder` for this domain, in file-name order."""
    if params.submission is None or not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in SUFFIXES and p.is_file())


def kind_of(path: Path, params: DomainParams) -> str | None:
    """The kind whose file pattern matches the file's name (the first declared), or None."""
    spec = params.submission
    kinds = spec.kinds.items() if spec else ()
    return next((k for k, kind in kinds if fnmatch.fnmatch(path.name, kind.files)), None)


def read_submission(
    path: Path,
    params: DomainParams,
    *,
    kind: str | None = None,
    period: str | None = None,
    lang: str | None = None,
) -> Submission:
    """Read and check one submitted file; every problem at once.

    Args:
        path: the .xlsx or .csv file.
        params: the domain's params (its `submission` spec, metrics and peer groups).
        kind: the kind of submission (default: by the file-name patterns of the params).
        period: the expected period ("2020-08" or "2020年1-8月"): the file must say the same.
        lang: the language of the problems (default: the submitters', `submission.lang`).

    Returns:
        The Submission: observations with columns domain, metric, unit, period,
        period_end, value (in the metric's unit_label), reported_growth (percent); notes.

    Raises:
        SubmissionError: listing every problem, each with file, sheet, row, column, rule.
    """
    path = Path(path)
    if params.submission is None:
        raise SubmissionError(f"domain {params.domain} takes no submissions (no `submission:`)")
    checker = Checker(path.name, lang or params.submission.lang)
    kind = kind or kind_of(path, params)
    if kind not in params.submission.kinds:
        kinds = ", ".join(f"{k}: {v.files}" for k, v in params.submission.kinds.items())
        checker.add("unknown_kind", "", name=path.name, kinds=kinds)
        checker.raise_if_any()
    expected = expected_period(period, checker)
    reading = _Reading(params, kind, checker)
    for grid in checker.grids(path):
        if any(any(row) for row in grid.rows):
            reading.read_sheet(grid)
    found = reading.period(expected)
    checker.raise_if_any()
    observations = reading.frame(found)
    notes = notes_frame(reading.notes(), params.domain)
    return Submission(
        params.domain, kind, found, path.name, content_hash([path]), observations, notes
    )


class _Reading:
    """The cells of one submission as they are read, sheet by sheet."""

    def __init__(self, params: DomainParams, kind: str, checker: Checker) -> None:
        self.params, self.kind, self.check = params, kind, checker
        self.headers, self.metrics, self.units = name_index(params)
        self.cells: dict[tuple[str, str, str], tuple[float, str, int, Column]] = {}
        self.spans: list[tuple[ReportSpan, str, int, Column | None]] = []
        self.counts: Counter[str] = Counter()
        self.scalings: set[str] = set()

    # --- layout -----------------------------------------------------------------------
    def read_sheet(self, grid: Grid) -> None:
        layout = find_layout(grid, self.headers, self.metrics)
        if layout is None:
            self.check.add("missing_column", grid.sheet, name=self._field_names("unit", "metric"))
            return
        self._check_header(grid, layout)
        for text in layout.title:
            try:
                span = find_span(text)
            except PeriodError as error:  # a title that names a period wrongly
                self.check.add("period_unreadable", grid.sheet, 1, value=str(error))
                break
            if span is not None:
                self.spans.append((span, grid.sheet, 1, None))
                break
        for row in range(layout.first_data_row, len(grid.rows) + 1):
            self._read_row(grid, layout, row)

    def _check_header(self, grid: Grid, layout: Layout) -> None:
        row = layout.header_rows[-1]
        for column in layout.columns:
            if column.field == "ignore":
                continue
            for part in column.unknown:
                self.check.add("unknown_column", grid.sheet, row, column, name=part)
            if column.field is None and not column.unknown:
                self.check.add("unknown_column", grid.sheet, row, column, name=column.header)
            if column.span is not None:
                self.spans.append((column.span, grid.sheet, row, column))
        for bad_row, index, text in layout.span_errors:
            self.check.add("period_unreadable", grid.sheet, bad_row, _at(layout, index), value=text)
        numbers = [c for c in layout.columns if c.field in ("value", "month_value", "growth")]
        wide = any(c.metric for c in numbers)
        needed = ["unit"] if wide else ["metric"]
        if not numbers:
            needed.append("value")
        for field in needed:
            if layout.column(field) is None:
                self.check.add("missing_column", grid.sheet, name=self._field_names(field))

    def _field_names(self, *fields: str) -> str:
        spec = self.params.submission
        names = [h for h, f in spec.headers.items() if f in fields] if spec else list(fields)
        return " / ".join(names[:4])

    # --- rows -------------------------------------------------------------------------
    def _read_row(self, grid: Grid, layout: Layout, row: int) -> None:
        cells = grid.rows[row - 1]
        numbers = [c for c in layout.columns if c.field in NUMBER_FIELDS]
        if not any(cells):
            return
        first = next(t for t in cells if t)
        if first.casefold().startswith(NOTE_STARTS) and not any(
            grid.cell(row, c.index) for c in numbers
        ):
            return  # a note under the table ("注：...")
        unit = self._unit(grid, layout, row)
        row_metric = self._row_metric(grid, layout, row)
        row_measure = grid.cell(row, c.index) if (c := layout.column("measure_unit")) else None
        if (c := layout.column("period")) is not None:
            self._period_cell(grid, row, c)
        for column in numbers:
            metric = column.metric or row_metric
            if metric is None or unit is None:
                continue
            self._number(grid, row, column, unit, metric, column.measure or row_measure)

    def _unit(self, grid: Grid, layout: Layout, row: int) -> str | None:
        column = layout.column("unit")
        if column is None:
            return S.CITYWIDE  # a long table without a unit column: the city's own figures
        name = grid.cell(row, column.index)
        unit = self.units.get(normalise(name))
        if unit is None:
            self.check.add("unknown_unit", grid.sheet, row, column, name=name)
        return unit

    def _row_metric(self, grid: Grid, layout: Layout, row: int) -> str | None:
        column = layout.column("metric")
        if column is None:
            return None
        name = grid.cell(row, column.index)
        metric = self.metrics.get(normalise(name))
        if metric is None:
            self.check.add("unknown_metric", grid.sheet, row, column, name=name)
        return metric

    def _period_cell(self, grid: Grid, row: int, column: Column) -> None:
        text = grid.cell(row, column.index)
        try:
            self.spans.append((parse_span(text), grid.sheet, row, column))
        except PeriodError:
            self.check.add("period_unreadable", grid.sheet, row, column, value=text)

    def _number(
        self, grid: Grid, row: int, column: Column, unit: str, metric: str, measure: str | None
    ) -> None:
        text = grid.cell(row, column.index)
        if text.strip().casefold() in NOT_REPORTED:
            self.counts["not_reported"] += 1
            return
        cleaned = text.strip().replace(",", "").replace("，", "").replace(" ", "")
        percent = cleaned.endswith("%")
        if cleaned.rstrip("%") != text.strip():  # separators or a % sign
            self.counts["text_numbers"] += 1
        value = figure(cleaned.rstrip("%"))
        if value is None:
            self.check.add("not_a_number", grid.sheet, row, column, value=text)
            return
        spec = self.params.metric(metric)
        if column.field == "growth":
            if measure not in (None, "", "%") and not percent:
                self._bad_measure(grid, row, column, measure, "%")
                return
            if value < -100:
                self.check.add("growth_below_minus_100", grid.sheet, row, column, value=text)
        elif column.field == "rank":
            self._rank(grid, row, column, value, text, spec.peers)
        else:
            declared = spec.unit_label.zh if spec.unit_label else None
            factor = conversion(measure or "", declared) if measure else None
            if factor is None and not (measure is None and declared is None):
                self._bad_measure(grid, row, column, measure or "—", declared or "—")
                return
            if value < 0:
                self.check.add("negative_level", grid.sheet, row, column, value=text)
            if factor is not None and factor != 1:
                value = scale(value, factor)
                self.counts["unit_scaled"] += 1
                self.scalings.add(f"{measure} → {declared}")
        self._keep(grid, row, column, unit, metric, value)

    def _bad_measure(self, grid, row, column, written: str, declared: str) -> None:
        # A unit in the header is one problem of the column, not one per row.
        at = row if column.measure is None else column.header_row
        if not self.check.has("unknown_measure_unit", grid.sheet, at, column):
            self.check.add(
                "unknown_measure_unit", grid.sheet, at, column, written=written, declared=declared
            )

    def _rank(self, grid, row, column, value: float, text: str, peers: str | None) -> None:
        group = self.params.peer_groups.get(peers or "")
        count = len(group.units) if group else len(set(self.units.values()))
        if not value.is_integer() or not 1 <= value <= count:
            self.check.add("rank_out_of_range", grid.sheet, row, column, value=text, count=count)

    def _keep(self, grid, row, column, unit: str, metric: str, value: float) -> None:
        key = (unit, metric, column.field)
        if key in self.cells:
            first = self.cells[key][2]
            name = unit if column.metric else f"{unit} · {metric}"
            if not self.check.has_row("repeated_row", grid.sheet, row):  # once per row
                self.check.add("repeated_row", grid.sheet, row, column, name=name, first=first)
            return
        self.cells[key] = (value, grid.sheet, row, column)
        if column.field == "month_value":
            self.counts["single_month_checked"] += 1
        if column.field == "rank":
            self.counts["ranks_checked"] += 1

    # --- the whole file ---------------------------------------------------------------
    def period(self, expected: str | None) -> str:
        """The file's period; problems where its labels disagree or it names none."""
        titled = [s for s in self.spans if s[0].year is not None]
        year = titled[0][0].year if titled else (int(expected[:4]) if expected else None)
        if not self.spans and expected is None:
            self.check.add("period_missing", "")
            return ""
        found = titled[0][0].label() if titled else expected
        if found is None and year is None:
            self.check.add("period_missing", "")
            return ""
        found = found or self.spans[0][0].label(year)
        for span, sheet, row, column in self.spans:
            label = span.label(year)
            if label != found:
                self.check.add("period_mismatch", sheet, row, column, found=label, expected=found)
        if expected is not None and found != expected:
            first = titled[0] if titled else (self.spans[0] if self.spans else None)
            sheet, row = (first[1], first[2]) if first else ("", None)
            self.check.add("period_mismatch", sheet, row, found=found, expected=expected)
        if found.endswith("-01") and self.params.first_release_month == 2:
            self.check.add("january_release", "", period=found)
        self._check_totals()
        return found

    def _check_totals(self) -> None:
        total = self.params.submission.kinds[self.kind].total
        for (unit, metric, field), (value, sheet, row, column) in self.cells.items():
            if field == "month_value":
                cumulative = self.cells.get((unit, metric, "value"))
                if cumulative is not None and value > cumulative[0]:
                    self.check.add("month_above_cumulative", sheet, row, column,
                                   month=f"{value:g}", cumulative=f"{cumulative[0]:g}")  # fmt: skip
            whole = self.cells.get((total, metric, field)) if total else None
            additive = self.params.metric(metric).measure in ADDITIVE
            if field == "value" and unit != total and whole and additive and value > whole[0]:
                self.check.add("part_exceeds_total", sheet, row, column,
                               value=f"{value:g}", total=f"{whole[0]:g}")  # fmt: skip

    def frame(self, period: str) -> pd.DataFrame:
        """One row per (metric, unit) with a level or a reported growth."""
        year, month = int(period[:4]), int(period[5:7])
        end = pd.Timestamp(date(year, month, calendar.monthrange(year, month)[1]))
        keys = sorted({(m, u) for (u, m, f) in self.cells if f in ("value", "growth")})
        rows = [
            {
                S.DOMAIN: self.params.domain,
                S.METRIC: metric,
                S.UNIT: unit,
                S.PERIOD: period,
                S.PERIOD_END: end,
                S.VALUE: self.cells.get((unit, metric, "value"), (float("nan"),))[0],
                S.REPORTED_GROWTH: self.cells.get((unit, metric, "growth"), (float("nan"),))[0],
            }
            for metric, unit in keys
        ]
        columns = [*S.KPI_COLUMNS, S.REPORTED_GROWTH]
        frame = pd.DataFrame(rows, columns=columns)
        frame[S.PERIOD_END] = pd.to_datetime(frame[S.PERIOD_END]).astype("datetime64[ns]")
        return frame.astype({S.VALUE: "float64", S.REPORTED_GROWTH: "float64"})

    def notes(self) -> list[DataQualityNote]:
        """What ingest fixed or only checked, counted per rule."""
        check, units = self.check, "; ".join(sorted(self.scalings))
        return [
            DataQualityNote(
                check.file,
                rule,
                self.counts[rule],
                action,
                messages.text(
                    f"quality_detail_{rule}", check.lang, n=self.counts[rule], units=units
                ),
            )
            for rule, action in NOTE_TEXTS.items()
            if self.counts[rule]
        ]


def _at(layout: Layout, index: int) -> Column | None:
    return next((c for c in layout.columns if c.index == index), None)
