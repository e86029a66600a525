"""CSV for spreadsheets: text cells that a spreadsheet would run as a formula are disarmed.

A cell starting with = + - @, a tab or a carriage return is read by Excel, LibreOffice and
Google Sheets as a formula (`=HYPERLINK(...)`, `+cmd|' /C calc'!A0`, `@SUM(1)`). Text from
an action register or a data file reaches the CSVs beside each page, so every text cell so
starting gets a leading apostrophe, as OWASP's "CSV Injection" page advises; the apostrophe
shows the cell as the text it is. Numbers stay numbers: numeric columns are not touched, and
a text cell that is a plain number ("-3", "+1.5e3") is no formula.
"""

from __future__ import annotations

import re

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # OWASP, CSV Injection
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def disarm(cell: object) -> object:
    """`cell` with a leading apostrophe when it is text a spreadsheet would run."""
    if (
        isinstance(cell, str)
        and cell.startswith(FORMULA_START)
        and not _PLAIN_NUMBER.fullmatch(cell)
    ):
        return "'" + cell
    return cell


FLOAT_FORMAT = "%.6g"  # six significant digits: enough for any KPI, stable across runs


def csv_text(frame: pd.DataFrame) -> str:
    """`frame` as the CSV statlib writes: no index, Unix line ends, every text cell disarmed.

    Works on any columns; `frame` is not changed.
    """
    text = [c for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c])]
    safe = frame.assign(**{str(c): frame[c].map(disarm) for c in text})
    header = [disarm(str(c)) for c in frame.columns]
    return safe.to_csv(index=False, header=header, float_format=FLOAT_FORMAT, lineterminator="\n")
