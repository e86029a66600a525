"""The warehouse file itself: made whole before it is used, and advice by cause.

statlib.warehouse opens the file; this module creates it (atomically) and turns DuckDB's
errors into advice that fits their cause: only a damaged file is deleted and rebuilt, never
one that is locked or on a full or read-only disk.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from statlib.errors import WarehouseError
from statlib.warehouse_tables import DDL, SCHEMA_VERSION


def create_file(path: Path) -> None:
    """A new, empty warehouse at `path`, made whole in a temporary file and renamed.

    A build killed at any moment leaves either no file or a complete empty warehouse,
    never a DuckDB file without the statlib schema. The copy is opened again before it is
    renamed, its log checkpointed into it: DuckDB does not report a failed write when it
    closes (a full disk, a file size limit), and a file left without its schema would be
    called "not a statlib warehouse" for ever.
    """
    temp = path.with_name(f".{path.name}.{os.getpid()}.creating")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        con = duckdb.connect(str(temp))
        try:
            con.execute("BEGIN TRANSACTION")
            con.execute(DDL)
            con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [SCHEMA_VERSION])
            con.execute("COMMIT")
            con.execute("CHECKPOINT")  # into the file itself: the WAL is not renamed with it
        finally:
            con.close()
        with duckdb.connect(str(temp), read_only=True) as check:
            check.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if temp.with_name(temp.name + ".wal").exists():
            raise OSError(f"the schema was not written into {temp.name} (file too large?)")
        temp.replace(path)
    except (OSError, duckdb.Error) as error:
        raise WarehouseError(f"cannot create the warehouse {path}: {advice(error)}") from error
    finally:
        for leftover in (temp, temp.with_name(temp.name + ".wal")):
            leftover.unlink(missing_ok=True)


def advice(error: Exception) -> str:
    """The error and what to do about it, by its cause: only a damaged file is rebuilt."""
    text = str(error)
    lowered = text.lower()
    if "lock" in lowered:
        return f"{text}. Another statlib process is using it: wait for it to finish."
    if any(s in lowered for s in ("permission", "read-only", "no space", "disk full", "too large")):
        return f"{text}. Check the disk: free space and write permission on its folder."
    return f"{text}. If it is damaged, delete it and rebuild it with `statlib build`."
