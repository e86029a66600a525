"""Validation of published tables with pandera, reported as `InputError`.

pandera checks a whole frame and lists every failure; a reader needs one clear error
that names the file, the row, the column and the rule. `validate_table` runs a schema
lazily and raises the first failure in file order (missing columns first), with the
total number of failures so the user knows whether one fix will do.

Rows are counted as in the published table: row 1 is the first data row after the
header.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
import pyarrow

from statlib.errors import InputError


def validate_table(
    table: pd.DataFrame,
    schema: pa.DataFrameSchema,
    *,
    source: str,
    rules: dict[str, str],
) -> pd.DataFrame:
    """Validate `table` against `schema`; return the validated (coerced) copy.

    Args:
        table: The table as read; its index must be the default 0..n-1 so that the
            failing row can be named.
        schema: The pandera schema of the table (with `coerce=True` where text is parsed).
        source: The file name, for the error message.
        rules: Column name -> the rule in words, e.g. {"count": "a non-negative integer"}.

    Returns:
        A new frame with the schema's dtypes; `table` is not changed.

    Raises:
        InputError: The first failure in file order, naming source, row, column, rule and
            the bad value.
    """
    try:
        return schema.validate(table.copy(), lazy=True)
    except pa.errors.SchemaErrors as errors:
        raise _first_failure(errors.failure_cases, source, rules, table.columns) from errors


def _first_failure(
    failures: pd.DataFrame, source: str, rules: dict[str, str], present: pd.Index
) -> InputError:
    """The InputError of the earliest failure: a missing column, else the lowest row."""
    total = len(failures)
    missing = failures[failures["check"] == "column_in_dataframe"]
    if not missing.empty:
        column = str(missing["failure_case"].iloc[0])
        return InputError(
            f"column {column!r} is missing; the table has {list(present)}",
            source=source,
            column=column,
            rule=f"the table has the columns {list(rules)}",
        )
    located = failures.dropna(subset=["index"]).copy()
    if located.empty:
        first = failures.iloc[0]
        return InputError(
            f"{total} check(s) failed, first: {first['check']} on {first['failure_case']!r}",
            source=source,
            column=str(first["column"]),
            rule=rules.get(str(first["column"]), str(first["check"])),
        )
    located["row_number"] = located["index"].astype("int64") + 1
    first = located.sort_values(["row_number", "column"], kind="stable").iloc[0]
    column = str(first["column"])
    value = first["failure_case"]
    # numpy scalars print as np.int64(-1); the user wrote -1
    value = value.item() if hasattr(value, "item") else value
    return InputError(
        f"bad value {value!r} ({total} failure(s) in all)",
        source=source,
        row=int(first["row_number"]),
        column=column,
        rule=f"{column} is {rules.get(column, 'valid')} (check {first['check']})",
    )


def check_whole_numbers(table: pd.DataFrame, column: str, *, source: str, rule: str) -> None:
    """Reject the first number in `column` that is not whole (3.5 counts nothing).

    Coercing to an integer would silently truncate it. Cells that are no number at all are
    left to the schema, which names them. Vectorised: as fast as a good file.

    Raises:
        InputError: naming the file, row (1 = first data row), column and rule.
    """
    if column not in table.columns:
        return
    values = pd.to_numeric(table[column], errors="coerce")
    fractional = values.notna() & (values % 1 != 0)
    reject_first(table, fractional, column, source=source, rule=rule, why="not a whole number")


def check_dates(
    table: pd.DataFrame,
    column: str,
    *,
    source: str,
    earliest: date,
    latest: date,
    rule: str,
) -> None:
    """Reject the first cell of `column` that is no date, or a date outside the source's range.

    A date far outside the range (a typed 2030 for 2026) would otherwise become the latest
    period and fill every series with zeros up to it. Parsed at once for the whole column,
    so one bad cell is reported as fast as a good file loads (the schema's coercion is
    row by row once a cell fails). Empty cells are left to the schema.

    Raises:
        InputError: naming the file, row (1 = first data row), column and rule.
    """
    if column not in table.columns:
        return
    cells = table[column]
    parsed = pd.to_datetime(cells, errors="coerce", format="ISO8601")
    bad = cells.notna() & (
        parsed.isna()
        | (parsed < pd.Timestamp(earliest))
        | (parsed >= pd.Timestamp(latest) + pd.Timedelta(days=1))
    )
    reject_first(
        table,
        bad,
        column,
        source=source,
        rule=f"{rule}, from {earliest.isoformat()} to {latest.isoformat()}",
        why=lambda row: "not a date" if pd.isna(parsed.iloc[row]) else "outside the source's dates",
    )


def reject_first(
    table: pd.DataFrame,
    bad: pd.Series,
    column: str,
    *,
    source: str,
    rule: str,
    why: str | Callable[[int], str] | None = None,
) -> None:
    """Raise the InputError of the first row where `bad` holds, naming its value.

    `rule` says what `column` must be ("a non-negative integer"); `why` what is wrong with
    the value, if anything beyond it (given the row, when it depends on the row).

    Raises:
        InputError: naming the file, row (1 = first data row), column and rule.
    """
    flags = bad.to_numpy(dtype=bool)
    if not flags.any():
        return
    row = int(flags.argmax())
    value = table[column].iloc[row]
    value = value.item() if hasattr(value, "item") else value  # np.float64(3.5) -> 3.5
    shown = value.isoformat() if hasattr(value, "isoformat") else value
    reason = why(row) if callable(why) else why
    raise InputError(
        f"bad value {shown!r}" + (f": {reason}" if reason else ""),
        source=source,
        row=row + 1,
        column=column,
        rule=f"{column} is {rule}",
    )


def read_text_table(path: Path, columns: Sequence[str]) -> pd.DataFrame:
    """A CSV as written (every column text, blanks kept as ""), restricted to `columns`.

    Raises:
        InputError: a column is missing, naming the file and every missing column.
    """
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InputError(
            f"missing columns {', '.join(missing)}", source=Path(path).name, rule="required columns"
        )
    return frame[list(columns)]


def read_parquet(path: Path) -> pd.DataFrame:
    """A Parquet file as published, or InputError naming it when it cannot be read.

    A truncated or damaged file (a copy cut short, a failed download) is the usual cause.
    """
    try:
        return pd.read_parquet(path)
    except (pyarrow.ArrowException, OSError) as error:
        raise InputError(
            f"not a readable Parquet file ({error}); copy or download it again",
            source=Path(path).name,
            rule="a complete Parquet file",
        ) from error
