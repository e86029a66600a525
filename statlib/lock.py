"""One writer at a time: a lock around everything that writes a warehouse or pages.

`statlib build`, `run`, `demo`, `submit` and `actions` hold an exclusive lock on the
warehouse (`<warehouse>.lock`) and on the outputs folder (`outputs/.lock`) while they run,
so a scheduled run and an analyst's run never write the same warehouse or page at once. A
second one waits up to `wait` seconds for the first to finish, then stops with a message
naming the process holding the lock (exit code 2). Readers (notebooks, JupyterLab) take no
lock. The locks are POSIX advisory locks (`fcntl.flock`): the system releases them when
the holder exits, however it ends, so a killed run never leaves a stale lock behind.

A process may take the lock again while it holds it (`statlib demo` builds, then runs).
"""

from __future__ import annotations

import fcntl
import functools
import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from statlib.catalog import Catalog
from statlib.errors import BusyError

T = TypeVar("T")
POLL_SECONDS = 0.2  # how often a waiting run tries the lock again
_HELD: dict[Path, int] = {}  # lock file -> how many times this process holds it


def lock_files(catalog: Catalog) -> list[Path]:
    """The lock files of a catalog's warehouse and outputs, in the order they are taken."""
    outputs = Catalog(catalog.root).outputs_dir
    warehouse = catalog.warehouse
    return sorted(
        {warehouse.with_name(warehouse.name + ".lock").resolve(), (outputs / ".lock").resolve()}
    )


@contextmanager
def exclusive(catalog: Catalog, *, wait: float = 0.0) -> Iterator[None]:
    """Hold the catalog's warehouse and outputs locks for the duration of the block.

    Args:
        catalog: whose warehouse and outputs are written.
        wait: seconds to wait for another process to release them (0: do not wait).

    Raises:
        BusyError: another process still held a lock after `wait` seconds.
    """
    with ExitStack() as stack:
        for path in lock_files(catalog):
            stack.enter_context(_held(path, wait))
        yield


@contextmanager
def _held(path: Path, wait: float) -> Iterator[None]:
    if _HELD.get(path):
        _HELD[path] += 1
        try:
            yield
        finally:
            _HELD[path] -= 1
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        _acquire(descriptor, path, wait)
        holder = {
            "pid": os.getpid(),
            "since": datetime.now(UTC).isoformat(timespec="seconds"),
            "command": " ".join(sys.argv),
        }
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, json.dumps(holder).encode(), 0)
        _HELD[path] = 1
        try:
            yield
        finally:
            del _HELD[path]
            os.ftruncate(descriptor, 0)
    finally:
        os.close(descriptor)  # closing releases the lock


def _acquire(descriptor: int, path: Path, wait: float) -> None:
    deadline = time.monotonic() + max(wait, 0.0)
    while True:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise BusyError(
                    f"another statlib process is writing ({_holder(path)}): it holds the "
                    f"lock {path}; waited {wait:g} s. Let it finish, or give --wait SECONDS "
                    "to queue behind it."
                ) from None
            time.sleep(POLL_SECONDS)


def _holder(path: Path) -> str:
    """Who holds the lock, as the holder wrote it (it may be mid-write: then unknown)."""
    try:
        holder = json.loads(path.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        holder = {}
    if not holder:
        return "process unknown"
    return f"pid {holder.get('pid')}, since {holder.get('since')}: {holder.get('command')}"


def locked(function: Callable[..., T]) -> Callable[..., T]:
    """Run `function(catalog, ...)` holding `exclusive(catalog)` (no wait when not held)."""

    @functools.wraps(function)
    def holding(catalog: Catalog, *args: object, **kwargs: object) -> T:
        with exclusive(catalog):
            return function(catalog, *args, **kwargs)

    return holding
