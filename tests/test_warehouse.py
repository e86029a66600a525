from datetime import date

import duckdb
import pandas as pd
import pytest

from statlib import schema as S
from statlib.errors import WarehouseError
from statlib.warehouse import Warehouse
from statlib.warehouse_tables import SCHEMA_VERSION


def kpis(values: list[float], metric: str = "robbery") -> pd.DataFrame:
    weeks = pd.date_range("2026-01-04", periods=len(values), freq="W-SUN")
    return pd.DataFrame(
        {
            S.DOMAIN: "public_safety",
            S.METRIC: metric,
            S.UNIT: "75",
            S.PERIOD: [f"2026-W{i + 1:02d}" for i in range(len(values))],
            S.PERIOD_END: weeks,
            S.VALUE: values,
        }
    )


def test_round_trip_keeps_values_and_types(tmp_path):
    path = tmp_path / "w.duckdb"
    with Warehouse.open(path, read_only=False, create=True) as wh:
        wh.load("test", "hash-1", observations=kpis([3.0, float("nan"), 5.0]))
    with Warehouse.open(path) as wh:
        back = wh.observations("public_safety")
    assert list(back[S.PERIOD]) == ["2026-W01", "2026-W02", "2026-W03"]
    assert back[S.VALUE].iloc[0] == 3.0
    assert pd.isna(back[S.VALUE].iloc[1])  # a gap stays a gap, never a zero
    assert back[S.PERIOD_END].iloc[2] == pd.Timestamp(date(2026, 1, 18))
    assert back[S.PERIOD_END].dtype == "datetime64[ns]"


def test_a_newer_load_revises_values_and_keeps_the_old_version(tmp_path):
    path = tmp_path / "w.duckdb"
    with Warehouse.open(path, read_only=False, create=True) as wh:
        first = wh.load("test", "hash-1", observations=kpis([3.0, 4.0]))
        second = wh.load("test", "hash-2", observations=kpis([3.0, 7.0]).iloc[1:])
        again = wh.load("test", "hash-2", observations=kpis([3.0, 7.0]).iloc[1:])
        current = wh.observations("public_safety")
        versions = wh._con.execute("SELECT count(*) FROM observations").fetchone()[0]
    assert (first, second, again) == (1, 2, 2)  # identical content is not loaded twice
    assert list(current[S.VALUE]) == [3.0, 7.0]
    assert versions == 3  # append-only: the revised value is still there


def test_results_come_from_the_latest_successful_run(tmp_path):
    path = tmp_path / "w.duckdb"
    frame = pd.DataFrame({S.METRIC: ["robbery"], S.CURRENT: [5.0]})
    with Warehouse.open(path, read_only=False, create=True) as wh:
        ok = wh.begin_run("compute", "public_safety", "2026-W33")
        wh.write_results(ok, {"comparisons": frame})
        wh.finish_run(ok, "ok")
        failed = wh.begin_run("compute", "public_safety", "2026-W33")
        wh.write_results(failed, {"comparisons": frame.assign(current=99.0)})
        wh.finish_run(failed, "failed", "boom")
        back = wh.results("comparisons", "public_safety", "2026-W33")
        assert wh.computed_periods("public_safety") == ["2026-W33"]
        with pytest.raises(WarehouseError, match="no computed results for public_safety 2026-W34"):
            wh.results("comparisons", "public_safety", "2026-W34")
    assert list(back[S.CURRENT]) == [5.0]


def test_a_failed_write_leaves_nothing_behind(tmp_path):
    path = tmp_path / "w.duckdb"
    with Warehouse.open(path, read_only=False, create=True) as wh:
        run = wh.begin_run("compute", "public_safety", "2026-W33")
        good = pd.DataFrame({"a": [1]})
        with pytest.raises(WarehouseError, match="not a valid result table"):
            wh.write_results(run, {"comparisons": good, "bad name": good})
        tables = {r[0] for r in wh._con.execute("SHOW TABLES").fetchall()}
    assert "comparisons" not in tables


def test_missing_file_says_how_to_build_it(tmp_path):
    with pytest.raises(WarehouseError, match="statlib build"):
        Warehouse.open(tmp_path / "absent.duckdb")


def test_corrupt_file_is_a_clear_error(tmp_path):
    path = tmp_path / "w.duckdb"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(WarehouseError, match="cannot open the warehouse"):
        Warehouse.open(path)


def test_foreign_duckdb_file_and_other_schema_version(tmp_path):
    foreign = tmp_path / "foreign.duckdb"
    duckdb.connect(str(foreign)).close()
    with pytest.raises(WarehouseError, match="not a statlib warehouse"):
        Warehouse.open(foreign)
    old = tmp_path / "old.duckdb"
    Warehouse.open(old, read_only=False, create=True).close()
    con = duckdb.connect(str(old))
    con.execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'")
    con.close()
    with pytest.raises(WarehouseError, match="schema version 0"):
        Warehouse.open(old)


def test_a_version_1_file_is_upgraded_in_place_and_keeps_its_history(tmp_path):
    # A version-1 warehouse is today's file without the actions table.
    path = tmp_path / "v1.duckdb"
    with Warehouse.open(path, read_only=False, create=True) as wh:
        wh.load("test", "hash-1", observations=kpis([3.0, 4.0, 5.0]))
    con = duckdb.connect(str(path))
    con.execute("DROP TABLE actions")
    con.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    con.close()
    with pytest.raises(WarehouseError, match="schema version 1.*`statlib build` to upgrade"):
        Warehouse.open(path)  # a reader never changes the file
    Warehouse.open(path, read_only=False).close()
    with Warehouse.open(path) as wh:
        assert list(wh.observations("public_safety")[S.VALUE]) == [3.0, 4.0, 5.0]
        assert wh.actions("public_safety").empty
    con = duckdb.connect(str(path), read_only=True)
    version = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    assert version == (str(SCHEMA_VERSION),)
    con.close()


def test_a_version_2_file_gains_reported_growth_and_keeps_its_values(tmp_path):
    # A version-2 warehouse is today's file without the reported_growth column.
    path = tmp_path / "v2.duckdb"
    with Warehouse.open(path, read_only=False, create=True) as wh:
        wh.load("test", "hash-1", observations=kpis([3.0, 4.0, 5.0]))
    con = duckdb.connect(str(path))
    con.execute(f"ALTER TABLE observations DROP COLUMN {S.REPORTED_GROWTH}")
    con.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    con.close()
    with Warehouse.open(path, read_only=False) as wh:
        growth = kpis([6.0, 7.0, 8.0]).assign(**{S.REPORTED_GROWTH: [1.5, None, -2.0]})
        wh.load("test", "hash-2", observations=growth.assign(**{S.PERIOD: ["a", "b", "c"]}))
        frame = wh.observations("public_safety")
    old = frame[frame[S.VALUE] <= 5.0]
    assert list(old[S.VALUE]) == [3.0, 4.0, 5.0] and old[S.REPORTED_GROWTH].isna().all()
    new = frame[frame[S.VALUE] > 5.0]
    assert new[S.REPORTED_GROWTH].tolist()[::2] == [1.5, -2.0]


def test_read_only_refuses_writes(tmp_path):
    path = tmp_path / "w.duckdb"
    Warehouse.open(path, read_only=False, create=True).close()
    with Warehouse.open(path) as wh, pytest.raises(WarehouseError, match="read-only"):
        wh.begin_run("compute", "public_safety", "2026-W33")


def test_a_result_column_added_later_extends_the_table(tmp_path):
    path = tmp_path / "w.duckdb"
    with Warehouse.open(path, read_only=False, create=True) as wh:
        first = wh.begin_run("compute", "public_safety", "2026-W32")
        wh.write_results(first, {"spc_summary": pd.DataFrame({"a": [1]})})
        wh.finish_run(first, "ok")
        second = wh.begin_run("compute", "public_safety", "2026-W33")
        wh.write_results(second, {"spc_summary": pd.DataFrame({"a": [2], "rare_event": [True]})})
        wh.finish_run(second, "ok")
        old = wh.results("spc_summary", "public_safety", "2026-W32")
        new = wh.results("spc_summary", "public_safety", "2026-W33")
    assert pd.isna(old["rare_event"].iloc[0]) and bool(new["rare_event"].iloc[0])


def test_latest_period_is_the_newest_observed(tmp_path):
    path = tmp_path / "w.duckdb"
    with Warehouse.open(path, read_only=False, create=True) as wh:
        assert wh.latest_period("public_safety") is None
        wh.load("test", "hash-1", observations=kpis([3.0, 4.0, 5.0]))
        assert wh.latest_period("public_safety") == "2026-W03"
