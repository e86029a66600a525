"""The DuckDB warehouse: one append-only, versioned file.

Every ingest is a *load* (source, content hash, time) and every row it brings carries the
load's id. A load is a complete snapshot of its source (a source submitted per period, such
as `submission:<domain>:<kind>:<period>`, is one source per period): the *current state* is
the latest load of each source, so a revised file replaces its source's rows (a row it
drops is gone, a reverted file is current again) and a domain's current observations are
the union over the latest loads of every source whose rows carry that domain. Loads are
never changed, so every earlier state stays queryable: each reader takes `as_of`, a load id
or an ISO date or date-time (UTC), and returns the state known then.
Every compute or render pass is a *run*; it records the load its data was as of, results
carry the run id, and readers take the latest successful run for a domain and period
(`as_of_load` picks the runs reproducing an earlier state). Loads are never changed; only
the results of superseded runs are deleted (statlib.warehouse_runs).

Tables: meta (schema version), loads, observations, events, quality_notes, actions (versions
of a domain's action register), runs, run_ends (a run's outcome, written once), and one
table per result kind (comparisons, spc_points, ..., followup), made by its first frame.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd

from statlib import schema as S
from statlib.errors import WarehouseError
from statlib.warehouse_file import advice, create_file
from statlib.warehouse_runs import RunPruning
from statlib.warehouse_state import (
    ACTION_COLUMNS,
    EVENT_COLUMNS,
    OBSERVATION_COLUMNS,
    REGISTER_SOURCE,
    AsOf,
    StateReaders,
)
from statlib.warehouse_tables import MIGRATIONS, SCHEMA_VERSION

__all__ = ["AsOf", "Warehouse"]

_NOTE_COLUMNS = (S.DOMAIN, *S.NOTE_COLUMNS)
_RESULT_TABLE = re.compile(r"^[a-z][a-z0-9_]*$")
_FIXED_TABLES = {"meta", "loads", "observations", "events", "quality_notes", "actions"}
_FIXED_TABLES |= {"runs", "run_ends"}


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _with_columns(frame: pd.DataFrame, columns: tuple[str, ...], what: str) -> pd.DataFrame:
    """Frame restricted to `columns`; missing optional columns become NULL."""
    required = {S.DOMAIN}
    missing = sorted(required - set(frame.columns))
    if missing:
        raise WarehouseError(f"{what} frame lacks column(s) {', '.join(missing)}")
    out = frame.reindex(columns=list(columns))
    return out


class Warehouse(StateReaders, RunPruning):
    """An open warehouse file. Use `Warehouse.open(...)` as a context manager."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, path: Path, read_only: bool):
        self._con, self.path, self.read_only = connection, path, read_only

    # --- opening ----------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path, *, read_only: bool = True, create: bool = False) -> Warehouse:
        """Open (or with `create=True` create) the warehouse at `path`.

        Raises WarehouseError when the file is missing, is not a DuckDB file, is locked by
        another writer, or was written by another schema version.
        """
        path = Path(path)
        exists = path.is_file()
        if not exists and not create:
            raise WarehouseError(
                f"no warehouse at {path}: build it first with `statlib build` (or `make demo`)"
            )
        if not exists:
            create_file(path)
        try:
            con = duckdb.connect(str(path), read_only=read_only)
        except duckdb.Error as error:
            raise WarehouseError(f"cannot open the warehouse {path}: {advice(error)}") from error
        warehouse = cls(con, path, read_only)
        warehouse._check_version()
        return warehouse

    def _check_version(self) -> None:
        try:
            row = self._con.execute(
                "SELECT value FROM meta WHERE key = 'schema_version'"
            ).fetchone()
        except duckdb.CatalogException as error:
            raise WarehouseError(
                f"{self.path} is a DuckDB file but not a statlib warehouse"
            ) from error
        found = int(row[0]) if row is not None else None
        if found in MIGRATIONS and not self.read_only:
            self._migrate(found)
        elif found != SCHEMA_VERSION:
            upgrade = (
                "open it once with `statlib build` to upgrade it"
                if found in MIGRATIONS
                else "delete it (`make clean`) and rebuild it with `statlib build`"
            )
            raise WarehouseError(
                f"{self.path} has schema version {found if found is not None else 'none'}, "
                f"this statlib needs {SCHEMA_VERSION}: {upgrade}"
            )

    def _migrate(self, version: int) -> None:
        """Upgrade an older file in place, one version at a time, keeping its history."""
        with self._transaction():
            while version < SCHEMA_VERSION:
                self._con.execute(MIGRATIONS[version])
                version += 1
            self._con.execute(
                "UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(version)]
            )

    def close(self) -> None:
        """Close the connection."""
        self._con.close()

    def __enter__(self) -> Warehouse:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """All or nothing: a failed write leaves the file as it was.

        A write that fails in DuckDB (a full disk, a file size limit) is a WarehouseError
        advising by its cause.
        """
        self._con.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException as error:
            self._con.execute("ROLLBACK")
            if isinstance(error, duckdb.Error):
                raise WarehouseError(f"could not write to {self.path}: {advice(error)}") from error
            raise
        try:
            self._con.execute("COMMIT")
        except duckdb.Error as error:  # DuckDB has rolled the transaction back
            raise WarehouseError(f"could not write to {self.path}: {advice(error)}") from error

    def _require_writable(self) -> None:
        if self.read_only:
            raise WarehouseError(f"{self.path} is open read-only")

    # --- loads ------------------------------------------------------------------------
    def load(
        self,
        source: str,
        content_hash: str,
        *,
        observations: pd.DataFrame | None = None,
        events: pd.DataFrame | None = None,
        notes: pd.DataFrame | None = None,
        actions: pd.DataFrame | None = None,
    ) -> int:
        """Append one load (KPI observations, events, data-quality notes) atomically.

        Args:
            source: the ingest source key, e.g. "nypd_compstat".
            content_hash: hash of the input files; content equal to the source's latest
                load is a no-op that returns that load's id. Content equal to an older
                load is a new load (a reverted file is current again).
            observations: KPI frame (statlib.schema KPI_COLUMNS, optional numerator,
                denominator, target, reported_growth).
            events: event frame (statlib.schema event columns).
            notes: data-quality notes (domain, source, rule, rows_affected, action, detail).
            actions: an action register (domain + statlib.schema.ACTION_COLUMNS).

        Returns:
            The load id.
        """
        self._require_writable()
        latest = self._con.execute(
            "SELECT load_id, content_hash FROM loads WHERE source = ? "
            "ORDER BY load_id DESC LIMIT 1",
            [source],
        ).fetchone()
        if latest and latest[1] == content_hash:
            return int(latest[0])
        obs = (
            _with_columns(observations, OBSERVATION_COLUMNS, "observations")
            if observations is not None
            else None
        )
        evs = _with_columns(events, EVENT_COLUMNS, "events") if events is not None else None
        nts = _with_columns(notes, _NOTE_COLUMNS, "notes") if notes is not None else None
        acts = _with_columns(actions, ACTION_COLUMNS, "actions") if actions is not None else None
        with self._transaction():
            load_id = int(self._con.execute("SELECT nextval('load_ids')").fetchone()[0])
            self._con.execute(
                "INSERT INTO loads VALUES (?, ?, ?, ?, ?, ?)",
                [
                    load_id,
                    source,
                    content_hash,
                    _now(),
                    0 if obs is None else len(obs),
                    0 if evs is None else len(evs),
                ],
            )
            for table, frame in (
                ("observations", obs),
                ("events", evs),
                ("quality_notes", nts),
                ("actions", acts),
            ):
                if frame is not None and len(frame):
                    self._con.register("incoming", frame)
                    self._con.execute(
                        f"INSERT INTO {table} SELECT ? AS load_id, * FROM incoming", [load_id]
                    )
                    self._con.unregister("incoming")
        return load_id

    # --- versions of the action register ----------------------------------------------
    def load_actions(self, domain: str, content_hash: str, register: pd.DataFrame) -> int:
        """Append a version of `domain`'s action register (an empty one included); its load id.

        The whole register is one version (one source): an action left out of a newer
        version is gone from it.
        """
        source = REGISTER_SOURCE.format(domain=domain)
        return self.load(source, content_hash, actions=register)

    # --- runs and results -------------------------------------------------------------
    def begin_run(
        self,
        kind: str,
        domain: str,
        period: str,
        *,
        data_load: int | None = None,
        as_of_load: int | None = None,
    ) -> int:
        """Record the start of a compute or render run; returns its id.

        Args:
            kind: "compute" or "render".
            domain: the domain key.
            period: the period label.
            data_load: the load the run's data is as of (its state is loads 1..data_load).
            as_of_load: set when the run reproduces an earlier state (`--as-of`); such runs
                never stand in for the current ones (see `latest_run`).
        """
        self._require_writable()
        run_id = int(self._con.execute("SELECT nextval('run_ids')").fetchone()[0])
        self._con.execute(
            "INSERT INTO runs BY NAME SELECT ? AS run_id, ? AS kind, ? AS domain, "
            "? AS period, ? AS started_at, ? AS data_load, ? AS as_of_load",
            [run_id, kind, domain, period, _now(), data_load, as_of_load],
        )
        return run_id

    def finish_run(self, run_id: int, status: str, detail: str = "") -> None:
        """Record how a run ended ("ok" or "failed"), once."""
        self._require_writable()
        self._con.execute(
            "INSERT INTO run_ends VALUES (?, ?, ?, ?)", [run_id, _now(), status, detail]
        )

    def write_results(self, run_id: int, results: Mapping[str, pd.DataFrame]) -> None:
        """Append result frames of one run, each to the table of its name, atomically.

        A result table is created from the first frame written to it; a column that a
        later statlib adds is added to the table (earlier runs read NULL there).
        """
        self._require_writable()
        try:
            with self._transaction():
                for table, frame in results.items():
                    if not _RESULT_TABLE.match(table) or table in _FIXED_TABLES:
                        raise WarehouseError(f"{table!r} is not a valid result table name")
                    # An empty frame has no column types to give a new table; readers
                    # find no rows of this run either way.
                    if len(frame):
                        self._append_result(table, frame, run_id)
        except duckdb.Error as error:
            raise WarehouseError(f"could not write results of run {run_id}: {error}") from error

    def _append_result(self, table: str, frame: pd.DataFrame, run_id: int) -> None:
        self._con.register("incoming", frame)
        self._con.execute(
            f"CREATE TABLE IF NOT EXISTS {table} AS "
            "SELECT CAST(NULL AS BIGINT) AS run_id, * FROM incoming LIMIT 0"
        )
        existing = {row[0]: row[1] for row in self._con.execute(f"DESCRIBE {table}").fetchall()}
        for name, kind, *_ in self._con.execute("DESCRIBE incoming").fetchall():
            if name not in existing:
                self._con.execute(f'ALTER TABLE {table} ADD COLUMN "{name}" {kind}')
            elif existing[name] == '"NULL"' and kind != '"NULL"':  # first frame had no values
                self._con.execute(f'ALTER TABLE {table} ALTER COLUMN "{name}" TYPE {kind}')
        self._con.execute(
            f"INSERT INTO {table} BY NAME SELECT ? AS run_id, * FROM incoming", [run_id]
        )
        self._con.unregister("incoming")

    def latest_run(
        self, domain: str, period: str, kind: str = "compute", *, as_of_load: int | None = None
    ) -> int | None:
        """Id of the latest successful run of `kind` for a domain and period.

        With `as_of_load`, among the runs reproducing the state as of that load; without,
        among the runs of the state current when they ran.
        """
        row = self._con.execute(
            f"""SELECT max(run_id) FROM runs JOIN run_ends USING (run_id)
                WHERE kind = ? AND {S.DOMAIN} = ? AND {S.PERIOD} = ? AND status = 'ok'
                AND as_of_load IS NOT DISTINCT FROM ?""",
            [kind, domain, period, as_of_load],
        ).fetchone()
        return None if row[0] is None else int(row[0])

    def run_data_load(self, run_id: int) -> int | None:
        """The load a run's data is as of (None for runs recorded before versions)."""
        row = self._con.execute("SELECT data_load FROM runs WHERE run_id = ?", [run_id]).fetchone()
        return None if row is None or row[0] is None else int(row[0])

    def results(
        self, table: str, domain: str, period: str, *, as_of_load: int | None = None
    ) -> pd.DataFrame:
        """One result table of the latest successful compute run for a domain and period.

        `as_of_load` reads the run that reproduced the state as of that load.

        Raises WarehouseError when no such run exists: the render pass never draws a page
        from missing results. A run that wrote no rows to `table` gives an empty frame
        (without columns: the reader knows the table's declared columns).
        """
        run_id = self.latest_run(domain, period, as_of_load=as_of_load)
        if run_id is None:
            as_of = "" if as_of_load is None else f" as of load {as_of_load}"
            raise WarehouseError(
                f"no computed results for {domain} {period}{as_of}: run `statlib run "
                f"--domain {domain} --period {period}{as_of.replace(' as of load', ' --as-of')}`"
            )
        if not _RESULT_TABLE.match(table):
            raise WarehouseError(f"{table!r} is not a valid result table name")
        tables = self._con.execute("SELECT table_name FROM information_schema.tables").fetchall()
        if (table,) not in tables:
            return pd.DataFrame()  # no run has written a row to it yet
        frame = self._con.execute(f"SELECT * FROM {table} WHERE run_id = ?", [run_id]).df()
        return frame.drop(columns="run_id")

    def computed_periods(self, domain: str, *, as_of_load: int | None = None) -> list[str]:
        """Periods with a successful compute run for `domain` (as of `as_of_load`), oldest first."""
        rows = self._con.execute(
            f"""SELECT DISTINCT {S.PERIOD} FROM runs JOIN run_ends USING (run_id)
                WHERE kind = 'compute' AND status = 'ok' AND {S.DOMAIN} = ?
                AND as_of_load IS NOT DISTINCT FROM ?
                ORDER BY {S.PERIOD}""",
            [domain, as_of_load],
        ).fetchall()
        return [r[0] for r in rows]
