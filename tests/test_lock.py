"""Two statlib processes never write the same warehouse or pages at once (statlib.lock)."""

import subprocess
import sys
import time
from pathlib import Path

import pytest

from statlib.catalog import Catalog
from statlib.cli import main
from statlib.errors import BusyError
from statlib.lock import exclusive, lock_files

# A process that holds the lock of the project at argv[1] until its stdin closes.
HOLDER = """
import sys
from pathlib import Path
from statlib.catalog import Catalog
from statlib.lock import exclusive
with exclusive(Catalog(Path(sys.argv[1]))):
    print("held", flush=True)
    sys.stdin.read()
"""

# Each of two processes adds 1 to a counter file 15 times, reading and writing it apart.
COUNTER = """
import sys, time
from pathlib import Path
from statlib.catalog import Catalog
from statlib.lock import exclusive
root = Path(sys.argv[1])
counter = root / "counter.txt"
for _ in range(15):
    with exclusive(Catalog(root), wait=60):
        value = int(counter.read_text())
        time.sleep(0.01)
        counter.write_text(str(value + 1))
"""


def _holding(root: Path) -> subprocess.Popen:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(root)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "held"
    return holder


def test_two_processes_writing_at_once_take_turns(tmp_path):
    (tmp_path / "counter.txt").write_text("0")
    runs = [subprocess.Popen([sys.executable, "-c", COUNTER, str(tmp_path)]) for _ in range(2)]
    assert [r.wait(timeout=120) for r in runs] == [0, 0]
    assert (tmp_path / "counter.txt").read_text() == "30"  # no update lost


def test_a_second_run_stops_with_a_message_naming_the_first(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("STATLIB_ROOT", str(tmp_path))
    holder = _holding(tmp_path)
    try:
        assert main(["build"]) == 2
        assert main(["run", "--domain", "public_safety", "--wait", "0.5"]) == 2
    finally:
        holder.communicate("")
    err = capsys.readouterr().err
    assert f"another statlib process is writing (pid {holder.pid}" in err
    assert "waited 0.5 s" in err and "--wait SECONDS" in err
    assert not (tmp_path / "data" / "warehouse.duckdb").exists()  # nothing was written


def test_a_waiting_run_goes_on_once_the_first_finishes(tmp_path):
    catalog = Catalog(tmp_path)
    holder = _holding(tmp_path)
    started = time.monotonic()
    subprocess.run(["sleep", "0.6"], check=True)
    holder.stdin.close()  # the holder finishes while we wait
    with exclusive(catalog, wait=30):
        waited = time.monotonic() - started
        with exclusive(catalog):  # the same process may take it again (demo: build, run)
            pass
    holder.wait(timeout=30)
    assert waited >= 0.6


def test_a_lock_is_released_when_its_holder_dies(tmp_path):
    holder = _holding(tmp_path)
    with pytest.raises(BusyError, match="waited 0 s"), exclusive(Catalog(tmp_path)):
        pass
    holder.kill()
    holder.wait(timeout=30)
    with exclusive(Catalog(tmp_path)):  # no stale lock to clean up by hand
        pass


def test_the_locks_are_the_warehouse_and_the_outputs(tmp_path):
    assert lock_files(Catalog(tmp_path)) == [
        tmp_path.resolve() / "data" / "warehouse.duckdb.lock",
        tmp_path.resolve() / "outputs" / ".lock",
    ]
