"""The DuckDB warehouse: one append-only, versioned file.

Every ingest is a *load* (source, content hash, time) and every row it brings carries the
load's id: a revised submission is a new load, and the current value of a KPI is the one from
its latest load, so earlier versions stay queryable ("preliminary, subject to revision").
Every compute or render pass is a *run*; results carry the run id, and readers take the
latest successful run for a domain and period. Nothing is ever updated or deleted.

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
from statlib.warehouse_tables import DDL, MIGRATIONS, SCHEMA_VERSION

_OBSERVATION_COLUMNS = (*S.KPI_COLUMNS, S.NUMERATOR, S.DENOMINATOR, S.TARGET, S.REPORTED_GROWTH)
_EVENT_COLUMNS = (*S.EVENT_COLUMNS, S.CLOSED_AT, S.LONGITUDE, S.LATITUDE)
_NOTE_COLUMNS = (S.DOMAIN, *S.NOTE_COLUMNS)
_ACTION_COLUMNS = (S.DOMAIN, *S.ACTION_COLUMNS)
_REGISTER_SOURCE = "action_register:{domain}"  # one versioned source per domain's register
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


class Warehouse:
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
            path.parent.mkdir(parents=True, exist_ok=True)
        try:
            con = duckdb.connect(str(path), read_only=read_only and exists)
        except duckdb.Error as error:
            raise WarehouseError(
                f"cannot open the warehouse {path}: {error}. If it is corrupt, delete it and "
                "rebuild it with `statlib build`; if another process is writing it, wait."
            ) from error
        warehouse = cls(con, path, read_only and exists)
        if not exists:
            warehouse._create()
        warehouse._check_version()
        return warehouse

    def _create(self) -> None:
        with self._transaction():
            self._con.execute(DDL)
            self._con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [SCHEMA_VERSION])

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
        """All or nothing: a failed write leaves the file as it was."""
        self._con.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self._con.execute("ROLLBACK")
            raise
        self._con.execute("COMMIT")

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
            content_hash: hash of the input files; loading identical content twice is a no-op
                that returns the earlier load id.
            observations: KPI frame (statlib.schema KPI_COLUMNS, optional numerator,
                denominator, target, reported_growth).
            events: event frame (statlib.schema event columns).
            notes: data-quality notes (domain, source, rule, rows_affected, action, detail).
            actions: an action register (domain + statlib.schema.ACTION_COLUMNS).

        Returns:
            The load id.
        """
        self._require_writable()
        earlier = self._con.execute(
            "SELECT load_id FROM loads WHERE source = ? AND content_hash = ?",
            [source, content_hash],
        ).fetchone()
        if earlier:
            return int(earlier[0])
        obs = (
            _with_columns(observations, _OBSERVATION_COLUMNS, "observations")
            if observations is not None
            else None
        )
        evs = _with_columns(events, _EVENT_COLUMNS, "events") if events is not None else None
        nts = _with_columns(notes, _NOTE_COLUMNS, "notes") if notes is not None else None
        acts = _with_columns(actions, _ACTION_COLUMNS, "actions") if actions is not None else None
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

    def loaded_hashes(self, source_prefix: str) -> set[str]:
        """Content hashes of every load whose source key starts with `source_prefix`."""
        rows = self._con.execute(
            "SELECT DISTINCT content_hash FROM loads WHERE starts_with(source, ?)",
            [source_prefix],
        ).fetchall()
        return {row[0] for row in rows}

    def observations(self, domain: str, *, until: str | None = None) -> pd.DataFrame:
        """Current KPI observations of `domain` (latest load per key), oldest period first.

        Args:
            domain: the domain key.
            until: optional ISO date; only periods ending on or before it.

        Returns:
            KPI frame: domain, metric, unit, period, period_end (datetime64), value,
            numerator, denominator, target, reported_growth (percent as reported; NaN
            where the department reports no growth).
        """
        sql = f"""
            SELECT {", ".join(_OBSERVATION_COLUMNS)} FROM observations
            WHERE {S.DOMAIN} = ? {"AND " + S.PERIOD_END + " <= CAST(? AS DATE)" if until else ""}
            QUALIFY row_number() OVER (
                PARTITION BY {S.DOMAIN}, {S.METRIC}, {S.UNIT}, {S.PERIOD} ORDER BY load_id DESC
            ) = 1
            ORDER BY {S.METRIC}, {S.UNIT}, {S.PERIOD_END}
        """
        frame = self._con.execute(sql, [domain, until] if until else [domain]).df()
        frame[S.PERIOD_END] = pd.to_datetime(frame[S.PERIOD_END]).astype("datetime64[ns]")
        return frame

    def events(self, domain: str) -> pd.DataFrame:
        """The events of `domain`'s latest load that has events.

        Returns:
            domain, event_id, category, unit, occurred_at, closed_at, longitude, latitude.
        """
        return self._con.execute(
            f"""SELECT {", ".join(_EVENT_COLUMNS)} FROM events WHERE {S.DOMAIN} = ?
                AND load_id = (SELECT max(load_id) FROM events WHERE {S.DOMAIN} = ?)""",
            [domain, domain],
        ).df()

    def latest_period(self, domain: str) -> str | None:
        """Label of the newest period with observations of `domain` (None when empty)."""
        row = self._con.execute(
            f"""SELECT {S.PERIOD} FROM observations WHERE {S.DOMAIN} = ?
                ORDER BY {S.PERIOD_END} DESC LIMIT 1""",
            [domain],
        ).fetchone()
        return None if row is None else row[0]

    def load_actions(self, domain: str, content_hash: str, register: pd.DataFrame) -> int:
        """Append a version of `domain`'s action register (an empty one included); its load id.

        The whole register is one version: an action left out of a newer version is gone
        from it, unlike observations, which are revised key by key.
        """
        source = _REGISTER_SOURCE.format(domain=domain)
        return self.load(source, content_hash, actions=register)

    def actions(self, domain: str) -> pd.DataFrame:
        """The latest version of `domain`'s action register, in file order.

        Returns:
            domain + statlib.schema.ACTION_COLUMNS (text; None where a cell is empty); no
            rows when the domain has no register.
        """
        return self._con.execute(
            f"""SELECT {", ".join(f'"{c}"' for c in _ACTION_COLUMNS)} FROM actions
                WHERE load_id = (SELECT max(load_id) FROM loads WHERE source = ?)
                ORDER BY rowid""",
            [_REGISTER_SOURCE.format(domain=domain)],
        ).df()

    def quality_notes(self, domain: str) -> pd.DataFrame:
        """Data-quality notes of the latest load of `domain` that has notes."""
        return self._con.execute(
            f"""SELECT {", ".join(S.NOTE_COLUMNS)} FROM quality_notes
                WHERE {S.DOMAIN} = ? AND load_id = (
                    SELECT max(load_id) FROM quality_notes WHERE {S.DOMAIN} = ?)
                ORDER BY {S.NOTE_SOURCE}, {S.NOTE_RULE}""",
            [domain, domain],
        ).df()

    def latest_load(self, domain: str) -> pd.Timestamp | None:
        """When the newest data of `domain` was loaded (the page's data freshness)."""
        row = self._con.execute(
            f"""SELECT max(l.loaded_at) FROM loads l JOIN observations o USING (load_id)
                WHERE o.{S.DOMAIN} = ?""",
            [domain],
        ).fetchone()
        return None if row is None or row[0] is None else pd.Timestamp(row[0])

    # --- runs and results -------------------------------------------------------------
    def begin_run(self, kind: str, domain: str, period: str) -> int:
        """Record the start of a compute or render run; returns its id."""
        self._require_writable()
        run_id = int(self._con.execute("SELECT nextval('run_ids')").fetchone()[0])
        self._con.execute(
            "INSERT INTO runs VALUES (?, ?, ?, ?, ?)",
            [run_id, kind, domain, period, _now()],
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
        existing = {row[0] for row in self._con.execute(f"DESCRIBE {table}").fetchall()}
        for name, kind, *_ in self._con.execute("DESCRIBE incoming").fetchall():
            if name not in existing:
                self._con.execute(f'ALTER TABLE {table} ADD COLUMN "{name}" {kind}')
        self._con.execute(
            f"INSERT INTO {table} BY NAME SELECT ? AS run_id, * FROM incoming", [run_id]
        )
        self._con.unregister("incoming")

    def latest_run(self, domain: str, period: str, kind: str = "compute") -> int | None:
        """Id of the latest successful run of `kind` for a domain and period."""
        row = self._con.execute(
            f"""SELECT max(run_id) FROM runs JOIN run_ends USING (run_id)
                WHERE kind = ? AND {S.DOMAIN} = ? AND {S.PERIOD} = ? AND status = 'ok'""",
            [kind, domain, period],
        ).fetchone()
        return None if row[0] is None else int(row[0])

    def results(self, table: str, domain: str, period: str) -> pd.DataFrame:
        """One result table of the latest successful compute run for a domain and period.

        Raises WarehouseError when no such run exists: the render pass never draws a page
        from missing results. A run that wrote no rows to `table` gives an empty frame
        (without columns: the reader knows the table's declared columns).
        """
        run_id = self.latest_run(domain, period)
        if run_id is None:
            raise WarehouseError(
                f"no computed results for {domain} {period}: run `statlib run --domain {domain} "
                f"--period {period}`"
            )
        if not _RESULT_TABLE.match(table):
            raise WarehouseError(f"{table!r} is not a valid result table name")
        if not self._has_table(table):
            return pd.DataFrame()  # no run has written a row to it yet
        frame = self._con.execute(f"SELECT * FROM {table} WHERE run_id = ?", [run_id]).df()
        return frame.drop(columns="run_id")

    def _has_table(self, table: str) -> bool:
        row = self._con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [table]
        ).fetchone()
        return bool(row[0])

    def computed_periods(self, domain: str) -> list[str]:
        """Periods with a successful compute run for `domain`, oldest first."""
        rows = self._con.execute(
            f"""SELECT DISTINCT {S.PERIOD} FROM runs JOIN run_ends USING (run_id)
                WHERE kind = 'compute' AND status = 'ok' AND {S.DOMAIN} = ?
                ORDER BY {S.PERIOD}""",
            [domain],
        ).fetchall()
        return [r[0] for r in rows]
