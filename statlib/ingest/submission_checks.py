"""The problems found in a submission, collected in one pass and raised together.

Each problem names the file, the sheet, the row and the column as the spreadsheet numbers
them (row 7, column K with its header), and the rule, in the submitters' language; the
words come from the message catalogue (`submission_rule_<rule>`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from statlib.errors import InputError, PeriodError, SubmissionError
from statlib.ingest.sheets import Grid, column_letter, read_grids
from statlib.ingest.submission_table import Column
from statlib.messages import text
from statlib.periods import parse_period, parse_span

# The data-quality notes of an accepted submission: rule -> its action. Their detail is the
# catalogue's `quality_detail_<rule>` (with the count {n} and the unit conversions {units}),
# in the submitters' language, as their file's problems are.
NOTE_TEXTS: dict[str, str] = {
    "text_numbers": "filled",
    "unit_scaled": "filled",
    "not_reported": "kept",
    "single_month_checked": "reported",
    "ranks_checked": "reported",
}


@dataclass(frozen=True)
class Problem:
    """One broken rule at one place of a submitted file."""

    file: str
    sheet: str
    row: int | None  # as the spreadsheet numbers it; None for the whole sheet or file
    column: str | None  # the column's letter, "K"
    header: str | None  # the column's header as written
    rule: str  # e.g. "not_a_number"
    message: str  # in the submitters' language

    def __str__(self) -> str:
        return self.message


class Checker:
    """Collects problems; `raise_if_any` raises them all as one SubmissionError."""

    def __init__(self, file: str, lang: str) -> None:
        self.file, self.lang = file, lang
        self.problems: list[Problem] = []

    def add(
        self,
        rule: str,
        sheet: str,
        row: int | None = None,
        column: Column | None = None,
        **fields: object,
    ) -> None:
        """Record that `rule` is broken at (sheet, row, column); `fields` fill its text."""
        letter = column_letter(column.index) if column else None
        where = [
            text("submission_where_sheet", self.lang, sheet=sheet) if sheet else "",
            text("submission_where_row", self.lang, row=row) if row is not None else "",
            text("submission_where_column", self.lang, letter=letter, header=column.header)
            if column
            else "",
        ]
        message = text(
            "submission_problem",
            self.lang,
            file=self.file,
            where=", ".join(w for w in where if w)
            if self.lang == "en"
            else "，".join(w for w in where if w),
            message=text(f"submission_rule_{rule}", self.lang, **fields),
            rule=rule,
        )
        header = column.header if column else None
        self.problems.append(Problem(self.file, sheet, row, letter, header, rule, message))

    def has(self, rule: str, sheet: str, row: int | None, column: Column) -> bool:
        """Whether `rule` is already recorded at this place."""
        letter = column_letter(column.index)
        return any(
            (p.rule, p.sheet, p.row, p.column) == (rule, sheet, row, letter) for p in self.problems
        )

    def has_row(self, rule: str, sheet: str, row: int) -> bool:
        """Whether `rule` is already recorded anywhere in this row."""
        return any((p.rule, p.sheet, p.row) == (rule, sheet, row) for p in self.problems)

    def grids(self, path: Path) -> list[Grid]:
        """The file's sheets (statlib.ingest.sheets.read_grids).

        A file that cannot be read as a table is its one problem, a refusal like any
        other: a build holds it back and the briefing memo lists it.
        """
        try:
            return read_grids(path)
        except InputError as error:  # becomes the file's problem, raised just below
            self.add("unreadable_file", "", reason=str(error))
            self.raise_if_any()
            raise  # (not reached: raise_if_any raises the problem just added)

    def raise_if_any(self) -> None:
        """Raise every problem so far, in sheet, row and column order, as one error."""
        if not self.problems:
            return
        ordered = sorted(
            self.problems,
            key=lambda p: (p.sheet, p.row or 0, len(p.column or ""), p.column or "", p.rule),
        )
        head = text("submission_rejected", self.lang, file=self.file, count=len(ordered))
        lines = "\n".join(f"  - {p.message}" for p in ordered)
        raise SubmissionError(f"{head}\n{lines}", tuple(ordered))


def expected_period(period: str | None, checker: Checker) -> str | None:
    """The --period asked for, as a month label; a problem of `checker` when it is none."""
    if period is None:
        return None
    try:
        parsed = parse_period(period)
    except PeriodError:
        try:
            return parse_span(period).label()
        except PeriodError:
            checker.add("period_unreadable", "", value=period)
            return None
    if parsed.freq != "month":
        checker.add("period_unreadable", "", value=period)
        return None
    return parsed.label
