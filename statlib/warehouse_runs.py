"""Pruning the results of superseded runs, so the warehouse grows with the data, not the runs.

A compute run's results stand in for a domain and period until a newer successful run of
the same kind replaces them (statlib.warehouse.Warehouse.latest_run). The older results
are dropped, except those of runs a published page was made from (statlib.manifest names
them): a page on disk can always be traced to its numbers. The runs and run_ends rows stay,
as the record of what ran when; loads (the data itself) are never deleted.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

import duckdb

from statlib import schema as S
from statlib.errors import WarehouseError

_RUN_TABLES = ("runs", "run_ends")


class RunPruning:
    """The pruning writer of `statlib.warehouse.Warehouse`."""

    _con: duckdb.DuckDBPyConnection
    path: Path

    def prune_results(
        self,
        domain: str,
        period: str,
        *,
        as_of_load: int | None = None,
        keep: Collection[int] = (),
    ) -> list[int]:
        """Delete the result rows of compute runs the latest one superseded.

        Args:
            domain: the domain whose runs are pruned.
            period: the period label of those runs.
            as_of_load: the state they reproduce (None: the current state's runs).
            keep: run ids to keep whatever their age (those of published pages).

        Returns:
            The ids of the runs whose results were deleted now, oldest first.
        """
        latest = self._con.execute(
            f"""SELECT max(run_id) FROM runs JOIN run_ends USING (run_id)
                WHERE kind = 'compute' AND status = 'ok' AND {S.DOMAIN} = ? AND {S.PERIOD} = ?
                AND as_of_load IS NOT DISTINCT FROM ?""",
            [domain, period, as_of_load],
        ).fetchone()[0]
        if latest is None:
            return []
        rows = self._con.execute(
            f"""SELECT run_id FROM runs WHERE kind = 'compute' AND {S.DOMAIN} = ?
                AND {S.PERIOD} = ? AND as_of_load IS NOT DISTINCT FROM ? AND run_id < ?
                ORDER BY run_id""",
            [domain, period, as_of_load, latest],
        ).fetchall()
        kept = set(keep)
        superseded = [int(r[0]) for r in rows if r[0] not in kept]
        if not superseded:
            return []
        tables = self._con.execute(
            "SELECT DISTINCT table_name FROM information_schema.columns "
            "WHERE column_name = 'run_id' AND table_schema = 'main'"
        ).fetchall()
        deleted: set[int] = set()
        try:
            self._con.execute("BEGIN TRANSACTION")
            for (table,) in tables:
                if table not in _RUN_TABLES:
                    deleted |= {
                        int(row[0])
                        for row in self._con.execute(
                            f"DELETE FROM {table} WHERE list_contains(?, run_id) "
                            "RETURNING run_id",
                            [superseded],
                        ).fetchall()
                    }
            self._con.execute("COMMIT")
        except duckdb.Error as error:
            self._con.execute("ROLLBACK")
            raise WarehouseError(
                f"could not prune the results of runs {superseded} in {self.path}: {error}"
            ) from error
        try:
            # Write the deletions out now: the checkpoint hands the freed blocks to the next
            # run's results (measured: without it the file kept growing with forced reruns).
            self._con.execute("CHECKPOINT")
        except duckdb.Error as error:
            raise WarehouseError(f"could not checkpoint {self.path}: {error}") from error
        return sorted(deleted)
