"""Spreadsheets as grids of cell texts, numbered as the spreadsheet numbers them.

A department's table arrives as CSV or Excel .xlsx. Both become `Grid`s: one per sheet,
every cell as text (a number typed into Excel becomes its shortest text), row 1 = the
sheet's first row, column A = the first column, and each cell of a merged range holding the
range's text (a header merged over two rows or over an indicator's columns reads the same
in every cell it covers).

Why openpyxl and not python-calamine: calamine is faster but reports values only, not the
merged ranges that the bureaus' two-row headers are made of; openpyxl reads them, is pure
Python, and also writes workbooks (the demo's generator, the tests' planted mistakes).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from statlib.errors import InputError

CSV_SHEET = "CSV"  # the sheet name a CSV file's single table is given in messages


@dataclass(frozen=True)
class Grid:
    """One sheet: `rows[i][j]` is the text of row i + 1, column j + 1 ("" when empty)."""

    sheet: str
    rows: tuple[tuple[str, ...], ...]

    def cell(self, row: int, column: int) -> str:
        """Text at 1-based (row, column); "" outside the grid."""
        if 1 <= row <= len(self.rows) and 1 <= column <= len(self.rows[row - 1]):
            return self.rows[row - 1][column - 1]
        return ""


def column_letter(column: int) -> str:
    """The spreadsheet's name of a 1-based column: 1 -> A, 28 -> AB."""
    return get_column_letter(column)


def read_grids(path: Path) -> list[Grid]:
    """Every sheet of an .xlsx file, or the one table of a CSV, as grids.

    Raises:
        InputError: the file is neither a readable .xlsx nor a UTF-8 (or GB18030) CSV.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return _xlsx(path)
    if suffix == ".csv":
        return [_csv(path)]
    raise InputError(
        f"cannot read {path.suffix or 'a file without a suffix'}",
        source=path.name,
        rule="a .csv or .xlsx file",
    )


def _xlsx(path: Path) -> list[Grid]:
    try:
        book = load_workbook(path, data_only=True)  # values, not formulas
    except (InvalidFileException, OSError, KeyError, ValueError) as error:
        raise InputError(f"not a readable .xlsx workbook: {error}", source=path.name) from error
    grids = []
    for sheet in book.worksheets:
        rows = [[_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        for merged in sheet.merged_cells.ranges:
            value = rows[merged.min_row - 1][merged.min_col - 1]
            for r in range(merged.min_row, merged.max_row + 1):
                for c in range(merged.min_col, merged.max_col + 1):
                    rows[r - 1][c - 1] = value
        grids.append(Grid(sheet.title, tuple(tuple(r) for r in rows)))
    return grids


def _csv(path: Path) -> Grid:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):  # Excel's "CSV UTF-8", then Chinese Windows
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        # newline="": a bare CR ends a row, as Excel (and old Mac files) read it, and the
        # line breaks inside quoted cells stay in their cells; the rows are Excel's rows.
        reader = csv.reader(io.StringIO(text, newline=""))
        try:
            rows = list(reader)
        except csv.Error as error:  # a cell over the csv module's limit, say
            raise InputError(
                f"not a readable CSV table at line {reader.line_num}: {error}",
                source=path.name,
                rule="a CSV table",
            ) from error
        return Grid(CSV_SHEET, tuple(tuple(c.strip() for c in row) for row in rows))
    raise InputError("not UTF-8 or GB18030 text", source=path.name, rule="a CSV in UTF-8")


def _text(value: object) -> str:
    """A cell as text: numbers without a trailing .0, dates as ISO, empty as ""."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value).strip()
