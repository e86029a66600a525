"""The action register: what earlier reviews agreed, read and checked as analysts keep it.

One CSV per domain, `data/actions/<domain>.csv`, often exported from Excel (so a UTF-8
byte-order mark and extra columns are tolerated; extra columns are dropped). Columns:
action_id, agreed_period, owner, unit, metric, action, due_period, status (open | done |
dropped), closed_period (the period it was marked done or dropped; empty while open) and
update (optional). Every cell is read as text: a unit "075" or an id "0012" stays as typed.

pandera checks the shape (columns present, required cells filled, ids unique, status and
metric from their lists); the domain checks need the domain's calendar and units (periods
parse in the domain's frequency, due and closed not before agreed, a closed action says
when, the unit exists). Either way the error names the file, row, column and rule.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Collection
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from statlib import schema as S
from statlib.errors import InputError, PeriodError
from statlib.ingest.validate import validate_table
from statlib.params import DomainParams
from statlib.periods import Period, parse_period

OPEN = "open"
_OPTIONAL = (S.CLOSED_PERIOD, S.UPDATE)


def register_rules(params: DomainParams) -> dict[str, str]:
    """Column -> its rule in words, for the error messages."""
    label = f"a {params.frequency} label such as {_example(params)}"
    return {
        S.ACTION_ID: "a unique, non-empty text key",
        S.AGREED_PERIOD: label,
        S.OWNER: "a named owner (non-empty)",
        S.UNIT: f"a unit key as in the observations, or {S.CITYWIDE!r}",
        S.METRIC: f"a metric key of params/{params.domain}.yaml",
        S.ACTION_TEXT: "the agreed action (non-empty)",
        S.DUE_PERIOD: f"{label}, not before agreed_period",
        S.ACTION_STATUS: f"one of {', '.join(S.ACTION_STATUSES)}",
        S.CLOSED_PERIOD: f"{label}, not before agreed_period; set exactly when status is "
        "done or dropped",
        S.UPDATE: "optional text",
    }


def _example(params: DomainParams) -> str:
    examples = {"week": "2026-W38", "fortnight": "2026-F17", "month": "2026-08"}
    return examples.get(params.frequency, "2026-Q3")


def register_schema(params: DomainParams) -> pa.DataFrameSchema:
    """The pandera schema of a domain's register (shape and lists, not the calendar)."""
    text = {"dtype": str, "nullable": False}
    return pa.DataFrameSchema(
        {
            S.ACTION_ID: pa.Column(**text, unique=True, report_duplicates="exclude_first"),
            S.AGREED_PERIOD: pa.Column(**text),
            S.OWNER: pa.Column(**text),
            S.UNIT: pa.Column(**text),
            S.METRIC: pa.Column(**text, checks=pa.Check.isin([m.key for m in params.metrics])),
            S.ACTION_TEXT: pa.Column(**text),
            S.DUE_PERIOD: pa.Column(**text),
            S.ACTION_STATUS: pa.Column(**text, checks=pa.Check.isin(list(S.ACTION_STATUSES))),
            S.CLOSED_PERIOD: pa.Column(str, nullable=True),
            S.UPDATE: pa.Column(str, nullable=True),
        },
        strict="filter",
    )


def empty_register(domain: str) -> pd.DataFrame:
    """A register with no actions: domain + statlib.schema.ACTION_COLUMNS, all text."""
    return pd.DataFrame({c: pd.Series(dtype=object) for c in (S.DOMAIN, *S.ACTION_COLUMNS)})


def read_register(path: Path, params: DomainParams, units: Collection[str]) -> pd.DataFrame:
    """Read and check one domain's action register.

    Args:
        path: the CSV (data/actions/<domain>.csv). A missing file is a register with no
            actions.
        params: the domain's params (metrics, frequency, week end).
        units: the unit keys of the domain's observations (citywide included).

    Returns:
        Columns domain + statlib.schema.ACTION_COLUMNS (action_id, agreed_period, owner,
        unit, metric, action, due_period, status, closed_period, update), all text; empty
        optional cells are None. One row per action, in file order.

    Raises:
        InputError: naming the file, the row (1 = first data row), the column and the rule.
    """
    path = Path(path)
    if not path.is_file():
        return empty_register(params.domain)
    raw = _read_csv(path)
    # Excel pads cells and leaves optional columns out; an empty cell is a missing value.
    raw.columns = [str(c).strip() for c in raw.columns]
    cleaned = raw.apply(lambda column: column.str.strip()).replace("", None)
    for column in _OPTIONAL:
        if column not in cleaned.columns:
            cleaned[column] = None
    rules = register_rules(params)
    checked = validate_table(cleaned, register_schema(params), source=path.name, rules=rules)
    for row, action in enumerate(checked.itertuples(index=False), start=1):
        _check_action(action._asdict(), row, params, units, path.name, rules)
    checked.insert(0, S.DOMAIN, params.domain)
    register = checked[[S.DOMAIN, *S.ACTION_COLUMNS]].astype(object).reset_index(drop=True)
    return register.where(register.notna(), None)


def _read_csv(path: Path) -> pd.DataFrame:
    """The register's cells as text: UTF-8 (Excel's "CSV UTF-8"), or UTF-16 with its mark.

    Raises:
        InputError: an empty file, text in another encoding (naming the row of the first
            byte that is not UTF-8), or a malformed CSV.
    """
    data = path.read_bytes()
    encoding = "utf-16" if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else None
    try:
        text = data.decode(encoding or "utf-8-sig")
    except UnicodeDecodeError as error:
        row = data[: error.start].count(b"\n")  # the header is line 1: data row = newlines
        raise InputError(
            f"byte 0x{data[error.start]:02x} is not UTF-8 text; save the register as "
            '"CSV UTF-8" (Excel) or UTF-8',
            source=path.name,
            row=row if row else None,
            rule="the register is UTF-8 text",
        ) from error
    if not text.strip():
        raise InputError(
            "the file is empty; a register with no actions still has its header row",
            source=path.name,
            rule=f"the first line is the header {','.join(S.ACTION_COLUMNS)}",
        )
    records = _records(text, path.name)
    header, width = records[0], len(records[0])
    repeated = sorted({c for c in header if header.count(c) > 1})
    if repeated:
        raise InputError(
            f"column(s) {', '.join(map(repr, repeated))} appear more than once",
            source=path.name,
            rule="each column once",
        )
    for row, record in enumerate(records[1:], start=1):
        if len(record) > width:
            raise InputError(
                f"{len(record)} cells where the header has {width}; a cell holding a comma "
                "must be in double quotes",
                source=path.name,
                row=row,
                rule="a row has no more cells than the header",
            )
    # A short row (Excel drops trailing empty cells) has its missing cells empty.
    rows = [record + [""] * (width - len(record)) for record in records[1:]]
    return pd.DataFrame(rows, columns=header, dtype=object)


def _records(text: str, source: str) -> list[list[str]]:
    """The CSV's records, blank lines skipped (as pandas and Excel do); the header first.

    Read with the csv module rather than pandas: pandas takes a first row one cell wider
    than the header as an index column, and names physical lines, not rows.

    Raises:
        InputError: a quote left open or a stray quote, naming the row it is in.
    """
    records: list[list[str]] = []
    try:
        for record in csv.reader(io.StringIO(text), strict=True):
            if record:
                records.append(record)
    except csv.Error as error:  # records holds the header and the rows read before
        raise InputError(
            f"not a readable CSV: {error}",
            source=source,
            row=len(records) or None,
            rule="cells with commas, quotes or line breaks are in double quotes",
        ) from error
    return records


def _check_action(
    action: dict[str, str | None],
    row: int,
    params: DomainParams,
    units: Collection[str],
    source: str,
    rules: dict[str, str],
) -> None:
    """The domain rules of one register row; raises the first broken one."""

    def fail(column: str, message: str) -> InputError:
        return InputError(message, source=source, row=row, column=column, rule=rules[column])

    agreed, due = _period(action[S.AGREED_PERIOD], params), _period(action[S.DUE_PERIOD], params)
    for column, period in ((S.AGREED_PERIOD, agreed), (S.DUE_PERIOD, due)):
        if period is None:
            raise fail(column, f"bad period {action[column]!r}")
    if due < agreed:
        raise fail(S.DUE_PERIOD, f"due {due.label} is before agreed {agreed.label}")
    if action[S.UNIT] not in units:
        raise fail(S.UNIT, f"unknown unit {action[S.UNIT]!r}")
    closed_label = None if pd.isna(action[S.CLOSED_PERIOD]) else action[S.CLOSED_PERIOD]
    if (action[S.ACTION_STATUS] == OPEN) != (closed_label is None):
        state = "is empty" if closed_label is None else f"is {closed_label!r}"
        raise fail(S.CLOSED_PERIOD, f"status {action[S.ACTION_STATUS]!r} but closed_period {state}")
    if closed_label is not None:
        closed = _period(closed_label, params)
        if closed is None:
            raise fail(S.CLOSED_PERIOD, f"bad period {closed_label!r}")
        if closed < agreed:
            raise fail(S.CLOSED_PERIOD, f"closed {closed.label} is before agreed {agreed.label}")


def _period(label: str, params: DomainParams) -> Period | None:
    """`label` as a period of the domain's frequency; None when it is not one."""
    try:
        period = parse_period(label, week_end=params.week_end)
    except PeriodError:
        return None  # the caller raises InputError naming the row, column and rule
    return period if period.freq == params.frequency else None
