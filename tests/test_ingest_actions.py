"""The action register: errors name file, row, column and rule; versions are append-only."""

from pathlib import Path

import pandas as pd
import pytest

from statlib import schema as S
from statlib.errors import InputError
from statlib.ingest.actions import read_register
from statlib.params import load_domain
from statlib.warehouse import Warehouse

ROOT = Path(__file__).resolve().parents[1]
PARAMS = load_domain(ROOT / "params" / "public_safety.yaml")
UNITS = {"75", "40", S.CITYWIDE}
HEADER = "action_id,agreed_period,owner,unit,metric,action,due_period,status,closed_period,update"
GOOD = [
    "A1,2026-W27,CO 75,75,robbery,Hot-spot patrols,2026-W31,open,,Running",
    "A2,2026-W28,PBBX,40,felony_assault,DV visits,2026-W36,done,2026-W33,",
]


def write(tmp_path: Path, rows: list[str], header: str = HEADER) -> Path:
    path = tmp_path / "public_safety.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def error_of(tmp_path: Path, rows: list[str], header: str = HEADER) -> InputError:
    with pytest.raises(InputError) as caught:
        read_register(write(tmp_path, rows, header), PARAMS, UNITS)
    return caught.value


def test_a_good_register_reads_as_text_with_empty_cells_as_none(tmp_path):
    path = tmp_path / "public_safety.csv"
    # As Excel saves "CSV UTF-8": a byte-order mark, padded cells, an extra column.
    text = "\n".join([HEADER + ",notes", *(row + ", x" for row in GOOD)]) + "\n"
    path.write_text(text, encoding="utf-8-sig")
    register = read_register(path, PARAMS, UNITS)
    assert list(register.columns) == [S.DOMAIN, *S.ACTION_COLUMNS]
    assert list(register[S.ACTION_ID]) == ["A1", "A2"]
    assert register.loc[0, S.CLOSED_PERIOD] is None and register.loc[1, S.UPDATE] is None
    assert register.loc[0, S.UPDATE] == "Running" and set(register[S.DOMAIN]) == {"public_safety"}


def test_no_file_is_no_actions(tmp_path):
    register = read_register(tmp_path / "missing.csv", PARAMS, UNITS)
    assert register.empty and list(register.columns) == [S.DOMAIN, *S.ACTION_COLUMNS]


@pytest.mark.parametrize(
    ("bad_row", "column", "rule_words"),
    [
        ("A3,2026-W29,CO,75,robberies,x,2026-W31,open,,", "metric", "metric key of params"),
        ("A3,2026-08,CO,75,robbery,x,2026-W31,open,,", "agreed_period", "week label"),
        ("A3,2026-W29,CO,75,robbery,x,2026-W60,open,,", "due_period", "week label"),
        ("A3,2026-W29,CO,75,robbery,x,2026-W28,open,,", "due_period", "not before agreed"),
        ("A1,2026-W29,CO,75,robbery,x,2026-W31,open,,", "action_id", "unique"),
        ("A3,2026-W29,CO,75,robbery,x,2026-W31,closed,,", "status", "open, done, dropped"),
        ("A3,2026-W29,CO,76,robbery,x,2026-W31,open,,", "unit", "unit key"),
        ("A3,2026-W29,,75,robbery,x,2026-W31,open,,", "owner", "named owner"),
        ("A3,2026-W29,CO,75,robbery,x,2026-W31,done,,", "closed_period", "done or dropped"),
        ("A3,2026-W29,CO,75,robbery,x,2026-W31,open,2026-W30,", "closed_period", "exactly"),
    ],
    ids=[
        "unknown metric",
        "month in a weekly domain",
        "week that does not exist",
        "due before agreed",
        "duplicate id",
        "bad status",
        "unknown unit",
        "no owner",
        "done without closed_period",
        "open with closed_period",
    ],
)
def test_bad_rows_name_file_row_column_and_rule(tmp_path, bad_row, column, rule_words):
    error = error_of(tmp_path, [*GOOD, bad_row])
    assert (error.source, error.row, error.column) == ("public_safety.csv", 3, column)
    assert rule_words in error.rule
    assert "public_safety.csv" in str(error) and "row 3" in str(error)


def test_a_missing_column_is_named(tmp_path):
    header = HEADER.replace("owner,", "")
    error = error_of(
        tmp_path, [row.replace("CO 75,", "").replace("PBBX,", "") for row in GOOD], header
    )
    assert error.column == "owner" and "missing" in str(error)


def register_version(owner: str) -> pd.DataFrame:
    return pd.DataFrame(
        [["public_safety", "A1", "2026-W27", owner, "75", "robbery", "x", "2026-W31", "open"]],
        columns=[S.DOMAIN, *S.ACTION_COLUMNS[:-2]],
    ).assign(**{S.CLOSED_PERIOD: None, S.UPDATE: None})


def test_a_changed_register_is_a_new_version_and_the_old_one_stays(tmp_path):
    path = tmp_path / "w.duckdb"
    with Warehouse.open(path, read_only=False, create=True) as wh:
        assert wh.actions("public_safety").empty  # never loaded: no actions
        first = wh.load_actions("public_safety", "h1", register_version("CO 75"))
        same = wh.load_actions("public_safety", "h1", register_version("CO 75"))
        second = wh.load_actions("public_safety", "h2", register_version("DI Smith"))
        assert list(wh.actions("public_safety")[S.OWNER]) == ["DI Smith"]
        assert wh.actions("other_domain").empty
        # An emptied register (or a deleted file) is a version with no actions.
        wh.load_actions("public_safety", "h3", register_version("x").iloc[:0])
        assert wh.actions("public_safety").empty
        kept = wh._con.execute("SELECT owner FROM actions ORDER BY load_id").fetchall()
    assert first == same and second > first  # identical content is not loaded twice
    assert kept == [("CO 75",), ("DI Smith",)]  # append-only: nothing updated or deleted


def test_a_restored_register_is_current_again_and_each_version_stays_readable(tmp_path):
    # Add an action, then restore the original register: the added action is gone.
    path = tmp_path / "w.duckdb"
    original = register_version("CO 75")
    added = pd.concat([original, register_version("DI Smith").assign(**{S.ACTION_ID: "A2"})])
    with Warehouse.open(path, read_only=False, create=True) as wh:
        first = wh.load_actions("public_safety", "h1", original)
        with_added = wh.load_actions("public_safety", "h2", added)
        restored = wh.load_actions("public_safety", "h1", original)
        assert restored > with_added > first
        assert list(wh.actions("public_safety")[S.ACTION_ID]) == ["A1"]
        assert list(wh.actions("public_safety", as_of=with_added)[S.ACTION_ID]) == ["A1", "A2"]
        assert list(wh.actions("public_safety", as_of=first)[S.ACTION_ID]) == ["A1"]


def test_an_empty_file_is_an_error_not_a_traceback(tmp_path):
    path = tmp_path / "public_safety.csv"
    path.write_bytes(b"")
    with pytest.raises(InputError, match="the file is empty.*file public_safety.csv"):
        read_register(path, PARAMS, UNITS)


def test_a_utf16_register_reads_and_a_latin1_one_names_its_row(tmp_path):
    text = "\n".join([HEADER, *GOOD]).replace(GOOD[1].split(",")[2], "Équipe Brooklyn", 1)
    path = tmp_path / "public_safety.csv"
    path.write_bytes(text.encode("utf-16"))  # Excel's "Unicode Text" keeps its byte mark
    assert "Équipe Brooklyn" in set(read_register(path, PARAMS, UNITS)[S.OWNER])
    path.write_bytes(text.encode("latin-1"))
    with pytest.raises(InputError) as caught:
        read_register(path, PARAMS, UNITS)
    assert caught.value.row == 2 and "CSV UTF-8" in str(caught.value)
