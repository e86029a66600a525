import subprocess
import sys
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


def test_a_load_is_a_snapshot_of_its_source_and_older_states_stay_queryable(tmp_path):
    path = tmp_path / "w.duckdb"
    with Warehouse.open(path, read_only=False, create=True) as wh:
        first = wh.load("test", "hash-1", observations=kpis([3.0, 4.0, 5.0]))
        # The corrected file changes week 2 and drops week 3 (a mistaken row).
        second = wh.load("test", "hash-2", observations=kpis([3.0, 7.0]))
        again = wh.load("test", "hash-2", observations=kpis([3.0, 7.0]))
        current = wh.observations("public_safety")
        then = wh.observations("public_safety", as_of=first)
        by_text = wh.observations("public_safety", as_of=str(first))
        versions = wh._con.execute("SELECT count(*) FROM observations").fetchone()[0]
        assert wh.latest_period("public_safety") == "2026-W02"
        assert wh.latest_period("public_safety", as_of=first) == "2026-W03"
    assert (first, second, again) == (1, 2, 2)  # the same content as the latest: no new load
    assert list(current[S.VALUE]) == [3.0, 7.0]  # the dropped row is gone
    assert list(then[S.VALUE]) == [3.0, 4.0, 5.0] and then.equals(by_text)
    assert versions == 5  # append-only: the first version is still there


def test_a_reverted_file_is_current_again(tmp_path):
    path = tmp_path / "w.duckdb"
    with Warehouse.open(path, read_only=False, create=True) as wh:
        wh.load("test", "hash-1", observations=kpis([3.0, 4.0]))
        wh.load("test", "hash-2", observations=kpis([3.0, 9.0, 1.0]))
        reverted = wh.load("test", "hash-1", observations=kpis([3.0, 4.0]))
        assert reverted == 3  # equal to an older load, not to the latest: a new load
        assert list(wh.observations("public_safety")[S.VALUE]) == [3.0, 4.0]
        assert wh.latest_period("public_safety") == "2026-W02"
        assert list(wh.observations("public_safety", as_of=2)[S.VALUE]) == [3.0, 9.0, 1.0]


def test_a_domain_is_the_union_of_its_sources_latest_loads(tmp_path):
    # Submissions come per period: each period is a source of its own.
    path = tmp_path / "w.duckdb"
    january, february = kpis([3.0]), kpis([3.0, 4.0]).iloc[1:]
    with Warehouse.open(path, read_only=False, create=True) as wh:
        wh.load("submission:public_safety:kpi:2026-W01", "a", observations=january)
        wh.load("submission:public_safety:kpi:2026-W02", "b", observations=february)
        revised = january.assign(**{S.VALUE: 30.0})
        wh.load("submission:public_safety:kpi:2026-W01", "c", observations=revised)
        wh.load("other", "d", observations=kpis([8.0]).assign(**{S.DOMAIN: "other"}))
        current = wh.observations("public_safety")
        before = wh.observations("public_safety", as_of=2)
    assert list(current[S.VALUE]) == [30.0, 4.0]  # W01 revised, W02 kept
    assert list(before[S.VALUE]) == [3.0, 4.0]


def test_as_of_a_date_or_time_and_its_errors(tmp_path):
    path = tmp_path / "w.duckdb"
    with Warehouse.open(path, read_only=False, create=True) as wh:
        with pytest.raises(WarehouseError, match="nothing is loaded yet"):
            wh.resolve_as_of("2026-01-01")
        wh.load("test", "hash-1", observations=kpis([3.0]))
        wh.load("test", "hash-2", observations=kpis([4.0]))
        wh._con.execute(
            "UPDATE loads SET loaded_at = TIMESTAMP '2026-08-20 10:00' WHERE load_id = 1"
        )
        wh._con.execute(
            "UPDATE loads SET loaded_at = TIMESTAMP '2026-08-21 09:00' WHERE load_id = 2"
        )
        assert wh.resolve_as_of(None) == 2
        assert wh.resolve_as_of("2026-08-20") == 1  # the end of that day
        assert wh.resolve_as_of("2026-08-21T08:59") == 1
        assert wh.resolve_as_of("2026-08-21T11:00+02:00") == 2  # 09:00 UTC
        assert list(wh.observations("public_safety", as_of="2026-08-20")[S.VALUE]) == [3.0]
        with pytest.raises(WarehouseError, match="no such load.*1 to 2"):
            wh.resolve_as_of(7)
        with pytest.raises(WarehouseError, match="nothing had been loaded by then"):
            wh.resolve_as_of("2026-08-19")
        with pytest.raises(WarehouseError, match="give a load id"):
            wh.resolve_as_of("last tuesday")


def test_events_notes_actions_and_latest_load_follow_the_state(tmp_path):
    path = tmp_path / "w.duckdb"
    events = pd.DataFrame(
        {
            S.DOMAIN: "public_safety",
            S.EVENT_ID: ["a", "b"],
            S.CATEGORY: "x",
            S.UNIT: "75",
            S.OCCURRED_AT: pd.to_datetime(["2026-01-01", "2026-01-02"]),
        }
    )
    notes = pd.DataFrame(
        {
            S.DOMAIN: "public_safety",
            S.NOTE_SOURCE: "f.csv",
            S.NOTE_RULE: ["r1"],
            S.NOTE_AFFECTED_ROWS: [1],
            S.NOTE_ACTION: "dropped",
            S.NOTE_DETAIL: "d",
        }
    )
    with Warehouse.open(path, read_only=False, create=True) as wh:
        first = wh.load("test", "h1", observations=kpis([1.0]), events=events, notes=notes)
        second = wh.load("test", "h2", observations=kpis([1.0]), events=events.iloc[:1])
        wh.load("unrelated", "h3", observations=kpis([1.0]).assign(**{S.DOMAIN: "other"}))
        assert list(wh.events("public_safety")[S.EVENT_ID]) == ["a"]
        assert list(wh.events("public_safety", as_of=first)[S.EVENT_ID]) == ["a", "b"]
        assert wh.quality_notes("public_safety").empty  # the new file had nothing to note
        assert list(wh.quality_notes("public_safety", as_of=first)[S.NOTE_RULE]) == ["r1"]
        assert wh.latest_load("public_safety")[0] == second  # not the other domain's load
        assert wh.latest_load("public_safety", as_of=first)[0] == first
        assert wh.latest_load("nobody") is None


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
    # A version-1 warehouse is today's file without the actions table and the runs' as-of.
    path = tmp_path / "v1.duckdb"
    with Warehouse.open(path, read_only=False, create=True) as wh:
        wh.load("test", "hash-1", observations=kpis([3.0, 4.0, 5.0]))
    con = duckdb.connect(str(path))
    con.execute("DROP TABLE actions")
    con.execute("ALTER TABLE runs DROP COLUMN as_of_load")
    con.execute("ALTER TABLE runs DROP COLUMN data_load")
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
    # A version-2 warehouse is today's file without reported_growth and the runs' as-of.
    path = tmp_path / "v2.duckdb"
    with Warehouse.open(path, read_only=False, create=True) as wh:
        wh.load("test", "hash-1", observations=kpis([3.0, 4.0, 5.0]))
    con = duckdb.connect(str(path))
    con.execute(f"ALTER TABLE observations DROP COLUMN {S.REPORTED_GROWTH}")
    con.execute("ALTER TABLE runs DROP COLUMN as_of_load")
    con.execute("ALTER TABLE runs DROP COLUMN data_load")
    con.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    con.close()
    with Warehouse.open(path, read_only=False) as wh:
        growth = kpis([6.0, 7.0, 8.0]).assign(**{S.REPORTED_GROWTH: [1.5, None, -2.0]})
        # another source: a second load of "test" would replace the first (a snapshot)
        wh.load("test-2", "hash-2", observations=growth.assign(**{S.PERIOD: ["a", "b", "c"]}))
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


def test_latest_period_follows_the_current_state(tmp_path):
    # One row mistakenly dated years ahead, then the corrected file without it.
    path = tmp_path / "w.duckdb"
    mistaken = pd.concat(
        [
            kpis([3.0]),
            kpis([1.0]).assign(**{S.PERIOD: "2030-W01", S.PERIOD_END: pd.Timestamp("2030-01-06")}),
        ]
    )
    with Warehouse.open(path, read_only=False, create=True) as wh:
        wh.load("test", "hash-1", observations=mistaken)
        assert wh.latest_period("public_safety") == "2030-W01"
        wh.load("test", "hash-2", observations=kpis([3.0]))
        assert wh.latest_period("public_safety") == "2026-W01"
        assert len(wh.observations("public_safety")) == 1


def test_runs_as_of_an_earlier_load_never_stand_in_for_current_ones(tmp_path):
    path = tmp_path / "w.duckdb"
    frame = pd.DataFrame({S.METRIC: ["robbery"], S.CURRENT: [5.0]})
    with Warehouse.open(path, read_only=False, create=True) as wh:
        current = wh.begin_run("compute", "public_safety", "2026-W33", data_load=2)
        wh.write_results(current, {"comparisons": frame})
        wh.finish_run(current, "ok")
        earlier = wh.begin_run("compute", "public_safety", "2026-W33", data_load=1, as_of_load=1)
        wh.write_results(earlier, {"comparisons": frame.assign(current=4.0)})
        wh.finish_run(earlier, "ok")
        assert wh.latest_run("public_safety", "2026-W33") == current
        assert wh.latest_run("public_safety", "2026-W33", as_of_load=1) == earlier
        assert wh.run_data_load(earlier) == 1
        assert list(wh.results("comparisons", "public_safety", "2026-W33")[S.CURRENT]) == [5.0]
        as_of = wh.results("comparisons", "public_safety", "2026-W33", as_of_load=1)
        assert list(as_of[S.CURRENT]) == [4.0]
        assert wh.computed_periods("public_safety", as_of_load=1) == ["2026-W33"]
        with pytest.raises(WarehouseError, match="--as-of 2"):
            wh.results("comparisons", "public_safety", "2026-W33", as_of_load=2)


def test_a_version_3_file_gains_the_run_as_of_columns(tmp_path):
    path = tmp_path / "v3.duckdb"
    with Warehouse.open(path, read_only=False, create=True) as wh:
        run = wh.begin_run("compute", "public_safety", "2026-W33")
        wh.finish_run(run, "ok")
    con = duckdb.connect(str(path))
    con.execute("ALTER TABLE runs DROP COLUMN as_of_load")
    con.execute("ALTER TABLE runs DROP COLUMN data_load")
    con.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")
    con.close()
    Warehouse.open(path, read_only=False).close()
    with Warehouse.open(path) as wh:
        assert wh.latest_run("public_safety", "2026-W33") == run  # an old run is a current one
        assert wh.run_data_load(run) is None


def test_a_new_warehouse_appears_whole_and_leaves_no_temporary_file(tmp_path):
    path = tmp_path / "data" / "w.duckdb"
    Warehouse.open(path, read_only=False, create=True).close()
    assert sorted(p.name for p in path.parent.iterdir()) == ["w.duckdb"]
    with Warehouse.open(path) as wh:  # a complete warehouse, schema and all
        assert wh.latest_period("public_safety") is None


def test_a_locked_warehouse_says_wait_never_delete(tmp_path):
    path = tmp_path / "w.duckdb"
    Warehouse.open(path, read_only=False, create=True).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('ready', flush=True);"
            " time.sleep(30)",
            str(path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(WarehouseError) as caught:
            Warehouse.open(path, read_only=False)
    finally:
        holder.kill()
        holder.wait()
    assert "Another statlib process is using it" in str(caught.value)
    assert "delete" not in str(caught.value)
