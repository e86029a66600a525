"""Recording what a review meeting agreed: `statlib actions add` and `statlib actions close`.

The action register stays the analysts' CSV (data/actions/<domain>.csv, statlib.ingest.
actions); these commands edit it as a person would, cell by cell: every other row, column
and cell is kept as it was (extra columns, a UTF-8 mark). The edited register is checked
whole (statlib.ingest.actions.read_register, against the domain's units) before it replaces
the file, so a rejected edit changes nothing. The next `statlib build` loads it as a new
version and the next page and memo follow the actions up.
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Collection
from pathlib import Path

import pandas as pd

from statlib import schema as S
from statlib.catalog import Catalog
from statlib.errors import InputError, ParamsError
from statlib.ingest.actions import read_register
from statlib.params import DomainParams
from statlib.periods import Period

BOM = "\ufeff"


def register_units(catalog: Catalog, params: DomainParams) -> set[str]:
    """The unit keys an action may name: the domain's observed units (and citywide)."""
    from statlib import intake  # the submissions reader, only for domains without data yet
    from statlib.warehouse import Warehouse

    units = {S.CITYWIDE}
    if catalog.warehouse.is_file():
        with Warehouse.open(catalog.warehouse) as warehouse:
            units |= set(warehouse.observations(params.domain)[S.UNIT])
    return units | set(intake.declared_units(params)[S.UNIT])


def add_action(
    catalog: Catalog,
    params: DomainParams,
    units: Collection[str],
    *,
    agreed_period: str,
    unit: str,
    metric: str,
    owner: str,
    action: str,
    due_period: str,
    action_id: str | None = None,
) -> dict[str, str]:
    """Append one open action to the register; the row as written.

    `action_id` defaults to "<agreed_period>-<n>", n counting that review's actions.

    Raises:
        InputError: the register would not pass its checks (naming row, column and rule),
            or `action_id` is taken.
    """
    path = catalog.actions_file(params.domain)
    header, rows, bom = _read_rows(path)
    taken = {r.get(S.ACTION_ID, "") for r in rows}
    if action_id is None:
        n = 1 + sum(r.get(S.AGREED_PERIOD) == agreed_period for r in rows)
        while f"{agreed_period}-{n}" in taken:
            n += 1
        action_id = f"{agreed_period}-{n}"
    elif action_id in taken:
        raise InputError(f"action {action_id!r} is already in the register", source=path.name)
    row = {
        S.ACTION_ID: action_id,
        S.AGREED_PERIOD: agreed_period,
        S.OWNER: owner,
        S.UNIT: unit,
        S.METRIC: metric,
        S.ACTION_TEXT: action,
        S.DUE_PERIOD: due_period,
        S.ACTION_STATUS: "open",
        S.CLOSED_PERIOD: "",
        S.UPDATE: "",
    }
    _write_checked(path, header, [*rows, row], bom, params, units)
    return row


def close_action(
    catalog: Catalog,
    params: DomainParams,
    units: Collection[str],
    action_id: str,
    *,
    closed_period: str,
    status: str = "done",
    update: str | None = None,
) -> dict[str, str]:
    """Mark an action done or dropped at `closed_period`; the row as written.

    Raises:
        InputError: no such action, or the register would not pass its checks.
    """
    path = catalog.actions_file(params.domain)
    header, rows, bom = _read_rows(path)
    matches = [r for r in rows if r.get(S.ACTION_ID, "").strip() == action_id]
    if not matches:
        raise InputError(
            f"no action {action_id!r} in the register",
            source=path.name,
            column=S.ACTION_ID,
            rule="close an action the register holds",
        )
    row = matches[0]
    row.update({S.ACTION_STATUS: status, S.CLOSED_PERIOD: closed_period})
    if update is not None:
        row[S.UPDATE] = update
    _write_checked(path, header, rows, bom, params, units)
    return row


def read_actions(catalog: Catalog, params: DomainParams, units: Collection[str]) -> pd.DataFrame:
    """The register as checked (statlib.ingest.actions.read_register)."""
    return read_register(catalog.actions_file(params.domain), params, units)


def _read_rows(path: Path) -> tuple[list[str], list[dict[str, str]], bool]:
    """The register's header, its rows as text cells, and whether it starts with a BOM."""
    if not path.is_file():
        return list(S.ACTION_COLUMNS), [], False
    content = path.read_text(encoding="utf-8")
    bom = content.startswith(BOM)
    reader = csv.DictReader(io.StringIO(content.removeprefix(BOM)))
    header = list(reader.fieldnames or S.ACTION_COLUMNS)
    header += [c for c in S.ACTION_COLUMNS if c not in header]
    return header, [dict(r) for r in reader], bom


def _write_checked(
    path: Path,
    header: list[str],
    rows: list[dict[str, str]],
    bom: bool,
    params: DomainParams,
    units: Collection[str],
) -> None:
    """Check the edited register as a file beside the register, then put it in place."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows({c: r.get(c) or "" for c in header} for r in rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    # The candidate has the register's name (errors name it) in a folder beside it.
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=".statlib-") as scratch:
        candidate = Path(scratch) / path.name
        candidate.write_text((BOM if bom else "") + out.getvalue(), encoding="utf-8")
        read_register(candidate, params, units)  # raises InputError: the register is kept
        candidate.replace(path)


def reviewed_period(catalog: Catalog, params: DomainParams, label: str | None) -> Period:
    """The review an edit belongs to: `label`, or the domain's newest computed period.

    Raises:
        ParamsError: no label and nothing computed yet; a label of another frequency.
        PeriodError: a bad label.
    """
    from statlib.warehouse import Warehouse

    if label is None:
        computed = []
        if catalog.warehouse.is_file():
            with Warehouse.open(catalog.warehouse) as warehouse:
                computed = warehouse.computed_periods(params.domain)
        if not computed:
            raise ParamsError(f"no review of {params.domain} has run yet: give --period")
        label = computed[-1]
    return params.review_period(label)


def write_followup_memo(
    catalog: Catalog, params: DomainParams, period: Period, lang: str, units: Collection[str]
) -> Path:
    """outputs/<period>/<domain>.followup.html from the register as it is now."""
    from statlib.render.publish import write_atomically
    from statlib.report.memo_page import followup_memo_html

    register = read_actions(catalog, params, units)
    page = catalog.in_language(lang).page(period.label, params.domain, ".followup.html")
    return write_atomically(page, followup_memo_html(register, params, period, lang))
