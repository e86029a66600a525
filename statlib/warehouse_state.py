"""The state known at a load: which rows of the warehouse are current, at any load or time.

A load is a complete snapshot of its source (a source submitted per period, such as
`submission:<domain>:<kind>:<period>`, is one source per period). The state as of load N
is the latest load of each source among loads 1..N; the current state is the state as of
the newest load. A domain's data is the union over those loads of the rows carrying the
domain, so a revised file replaces its source's rows (a row it drops is gone), a reverted
file is current again, and a domain fed by several sources sees each one's latest load.

Every reader takes `as_of`: None (now), a load id, an ISO date (the end of that day, UTC)
or an ISO date-time (UTC, or with its offset).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import duckdb
import pandas as pd

from statlib import schema as S
from statlib.errors import WarehouseError

OBSERVATION_COLUMNS = (*S.KPI_COLUMNS, S.NUMERATOR, S.DENOMINATOR, S.TARGET, S.REPORTED_GROWTH)
EVENT_COLUMNS = (*S.EVENT_COLUMNS, S.CLOSED_AT, S.LONGITUDE, S.LATITUDE)
ACTION_COLUMNS = (S.DOMAIN, *S.ACTION_COLUMNS)
REGISTER_SOURCE = "action_register:{domain}"  # one versioned source per domain's register
# The latest load of each source among loads 1..? (the state as of load ?).
_CURRENT_LOADS = "SELECT max(load_id) FROM loads WHERE load_id <= ? GROUP BY source"

AsOf = int | str | None  # a load id, an ISO date or date-time (UTC), or None: now


def _as_of_time(text: str) -> datetime:
    """The moment an ISO date (its end) or date-time names, UTC without zone."""
    try:
        if len(text) == len("2026-08-20"):
            return datetime.combine(
                date.fromisoformat(text) + timedelta(days=1), datetime.min.time()
            ) - timedelta(microseconds=1)
        moment = datetime.fromisoformat(text)
    except ValueError as error:
        raise WarehouseError(
            f"as of {text!r}: give a load id (e.g. 3), an ISO date (2026-08-20) or an ISO "
            "date-time in UTC (2026-08-20T14:00)"
        ) from error
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


class StateReaders:
    """The readers of `statlib.warehouse.Warehouse`: data as known at a load or time."""

    _con: duckdb.DuckDBPyConnection
    path: Path

    # --- versions ---------------------------------------------------------------------
    def resolve_as_of(self, as_of: AsOf = None) -> int:
        """The load id that `as_of` names: the state known then is loads 1..that id.

        Args:
            as_of: None (now: the newest load), a load id (int or digits), an ISO date
                (the end of that day, UTC) or an ISO date-time (UTC).

        Returns:
            The newest load id at `as_of` (0 when nothing is loaded yet and as_of is None).

        Raises:
            WarehouseError: an unknown load id, a date before the first load, or text that
                is neither a load id nor an ISO date.
        """
        newest = int(self._con.execute("SELECT coalesce(max(load_id), 0) FROM loads").fetchone()[0])
        if as_of is None:
            return newest
        text = str(as_of).strip()
        if text.isdigit():
            load_id = int(text)
            if not self._con.execute("SELECT 1 FROM loads WHERE load_id = ?", [load_id]).fetchone():
                raise WarehouseError(
                    f"as of load {load_id}: there is no such load in {self.path} "
                    f"(loads are numbered 1 to {newest})"
                )
            return load_id
        cutoff = _as_of_time(text)
        row = self._con.execute(
            "SELECT max(load_id), (SELECT min(loaded_at) FROM loads) FROM loads "
            "WHERE loaded_at <= ?",
            [cutoff],
        ).fetchone()
        if row[0] is None:
            first = "nothing is loaded yet" if row[1] is None else f"the first load is {row[1]}"
            raise WarehouseError(f"as of {text}: nothing had been loaded by then ({first}, UTC)")
        return int(row[0])

    def observations(
        self, domain: str, *, until: str | None = None, as_of: AsOf = None
    ) -> pd.DataFrame:
        """KPI observations of `domain` as known at `as_of`, oldest period first.

        The union over the latest load of each source (as of `as_of`) of the rows carrying
        `domain`; where two sources give the same key, the later load wins.

        Args:
            domain: the domain key.
            until: optional ISO date; only periods ending on or before it.
            as_of: a load id or ISO date/time (UTC); None for the current state.

        Returns:
            KPI frame: domain, metric, unit, period, period_end (datetime64), value,
            numerator, denominator, target.
        """
        cutoff = self.resolve_as_of(as_of)
        sql = f"""
            SELECT {", ".join(OBSERVATION_COLUMNS)} FROM observations
            WHERE {S.DOMAIN} = ? AND load_id IN ({_CURRENT_LOADS})
            {"AND " + S.PERIOD_END + " <= CAST(? AS DATE)" if until else ""}
            QUALIFY row_number() OVER (
                PARTITION BY {S.DOMAIN}, {S.METRIC}, {S.UNIT}, {S.PERIOD} ORDER BY load_id DESC
            ) = 1
            ORDER BY {S.METRIC}, {S.UNIT}, {S.PERIOD_END}
        """
        frame = self._con.execute(sql, [domain, cutoff, until] if until else [domain, cutoff]).df()
        frame[S.PERIOD_END] = pd.to_datetime(frame[S.PERIOD_END]).astype("datetime64[ns]")
        return frame

    def loaded_hashes(self, source_prefix: str) -> set[str]:
        """Content hashes of every load whose source key starts with `source_prefix`."""
        rows = self._con.execute(
            "SELECT DISTINCT content_hash FROM loads WHERE starts_with(source, ?)",
            [source_prefix],
        ).fetchall()
        return {row[0] for row in rows}

    def submissions(self, domain: str, *, as_of: AsOf = None) -> pd.DataFrame:
        """The current version of every department submission of `domain`, as of `as_of`.

        Returns:
            source (`submission:<domain>:<kind>:<period>`), load_id, loaded_at (UTC),
            version (1 = first arrival; 2 = the first correction, ...), file (as named in
            the load's notes); one row per submitted kind and period, by source.
        """
        return self._con.execute(
            f"""WITH current AS (
                    SELECT l.source, l.load_id, l.loaded_at FROM loads l
                    WHERE l.load_id IN ({_CURRENT_LOADS}) AND starts_with(l.source, ?))
                SELECT c.source, c.load_id, c.loaded_at,
                    (SELECT count(*) FROM loads o
                     WHERE o.source = c.source AND o.load_id <= c.load_id) AS version,
                    (SELECT min(n.{S.NOTE_SOURCE}) FROM quality_notes n
                     WHERE n.load_id = c.load_id) AS file
                FROM current c ORDER BY c.source""",
            [self.resolve_as_of(as_of), f"submission:{domain}:"],
        ).df()

    def events(self, domain: str, *, as_of: AsOf = None) -> pd.DataFrame:
        """The events of `domain` in the latest load of each source, as known at `as_of`.

        Returns:
            domain, event_id, category, unit, occurred_at, closed_at, longitude, latitude.
        """
        return self._con.execute(
            f"""SELECT {", ".join(EVENT_COLUMNS)} FROM events WHERE {S.DOMAIN} = ?
                AND load_id IN ({_CURRENT_LOADS}) ORDER BY load_id, rowid""",
            [domain, self.resolve_as_of(as_of)],
        ).df()

    def latest_period(self, domain: str, *, as_of: AsOf = None) -> str | None:
        """Label of the newest period observed for `domain` at `as_of` (None when empty)."""
        row = self._con.execute(
            f"""SELECT {S.PERIOD} FROM observations WHERE {S.DOMAIN} = ?
                AND load_id IN ({_CURRENT_LOADS})
                ORDER BY {S.PERIOD_END} DESC, load_id DESC LIMIT 1""",
            [domain, self.resolve_as_of(as_of)],
        ).fetchone()
        return None if row is None else row[0]

    def period_range(self, domain: str, *, as_of: AsOf = None) -> tuple[str, str] | None:
        """Labels of the oldest and newest periods observed for `domain` at `as_of`."""
        row = self._con.execute(
            f"""SELECT arg_min({S.PERIOD}, {S.PERIOD_END}), arg_max({S.PERIOD}, {S.PERIOD_END})
                FROM observations WHERE {S.DOMAIN} = ? AND load_id IN ({_CURRENT_LOADS})""",
            [domain, self.resolve_as_of(as_of)],
        ).fetchone()
        return None if row is None or row[0] is None else (row[0], row[1])

    def actions(self, domain: str, *, as_of: AsOf = None) -> pd.DataFrame:
        """The version of `domain`'s action register current at `as_of`, in file order.

        Returns:
            domain + statlib.schema.ACTION_COLUMNS (text; None where a cell is empty); no
            rows when the domain had no register then.
        """
        return self._con.execute(
            f"""SELECT {", ".join(f'"{c}"' for c in ACTION_COLUMNS)} FROM actions
                WHERE load_id = (
                    SELECT max(load_id) FROM loads WHERE source = ? AND load_id <= ?)
                ORDER BY rowid""",
            [REGISTER_SOURCE.format(domain=domain), self.resolve_as_of(as_of)],
        ).df()

    def quality_notes(self, domain: str, *, as_of: AsOf = None) -> pd.DataFrame:
        """Data-quality notes of `domain` in the latest load of each source at `as_of`."""
        return self._con.execute(
            f"""SELECT {", ".join(S.NOTE_COLUMNS)} FROM quality_notes
                WHERE {S.DOMAIN} = ? AND load_id IN ({_CURRENT_LOADS})
                ORDER BY {S.NOTE_SOURCE}, {S.NOTE_RULE}, load_id""",
            [domain, self.resolve_as_of(as_of)],
        ).df()

    def latest_load(self, domain: str, *, as_of: AsOf = None) -> tuple[int, pd.Timestamp] | None:
        """The newest load in `domain`'s state at `as_of`: its id and time (UTC).

        The loads of a domain are the current loads of the sources whose rows carry it
        (observations, events, notes) and of its action register. A page says "data as of
        load N, <date>": `--as-of N` reproduces it.
        """
        row = self._con.execute(
            f"""SELECT load_id, loaded_at FROM loads WHERE load_id IN ({_CURRENT_LOADS})
                AND (source = ? OR load_id IN (
                    SELECT load_id FROM observations WHERE {S.DOMAIN} = ?
                    UNION SELECT load_id FROM events WHERE {S.DOMAIN} = ?
                    UNION SELECT load_id FROM quality_notes WHERE {S.DOMAIN} = ?))
                ORDER BY load_id DESC LIMIT 1""",
            [
                self.resolve_as_of(as_of),
                REGISTER_SOURCE.format(domain=domain),
                domain,
                domain,
                domain,
            ],
        ).fetchone()
        return None if row is None else (int(row[0]), pd.Timestamp(row[1]))

    def domain_loads(self, domain: str, *, as_of: AsOf = None) -> dict[str, int]:
        """Source -> its current load (at `as_of`) for every source of `domain`'s data.

        The sources are those whose rows ever carried the domain (a newer load that drops
        them all still counts: it changed the data) and the domain's action register. Two
        states with equal maps give the domain the same observations, events, notes and
        actions (statlib.manifest compares them to skip unchanged pages).
        """
        rows = self._con.execute(
            f"""SELECT source, load_id FROM loads WHERE load_id IN ({_CURRENT_LOADS})
                AND (source = ? OR source IN (SELECT source FROM loads WHERE load_id IN (
                    SELECT load_id FROM observations WHERE {S.DOMAIN} = ?
                    UNION SELECT load_id FROM events WHERE {S.DOMAIN} = ?
                    UNION SELECT load_id FROM quality_notes WHERE {S.DOMAIN} = ?)))
                ORDER BY source""",
            [
                self.resolve_as_of(as_of),
                REGISTER_SOURCE.format(domain=domain),
                domain,
                domain,
                domain,
            ],
        ).fetchall()
        return {source: int(load_id) for source, load_id in rows}

    def latest_loads(self) -> dict[str, tuple[int, str]]:
        """Source -> the id and content hash of its latest load (the current state)."""
        rows = self._con.execute(
            "SELECT source, max(load_id), arg_max(content_hash, load_id) FROM loads GROUP BY source"
        ).fetchall()
        return {source: (int(load_id), digest) for source, load_id, digest in rows}
