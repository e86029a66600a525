"""Validation of published tables with pandera, reported as `InputError`.

pandera checks a whole frame and lists every failure; a reader needs one clear error
that names the file, the row, the column and the rule. `validate_table` runs a schema
lazily and raises the first failure in file order (missing columns first), with the
total number of failures so the user knows whether one fix will do.

Rows are counted as in the published table: row 1 is the first data row after the
header.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

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
