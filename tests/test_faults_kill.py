"""Kill -9 at a random moment: the warehouse still opens and a rerun completes.

`statlib build` and `statlib run` are started as the operations team's scheduler would
start them, then killed with SIGKILL (no cleanup runs) at a moment drawn from a fixed seed
within the command's usual duration. Whatever the moment, the warehouse opens with
statlib's reader, no page is half-written, and the same command run again exits 0 with
the data, results and page a run never killed gives.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import psutil
import pytest
from conftest import small_project

from statlib import run
from statlib import schema as S
from statlib.catalog import Catalog
from statlib.warehouse import Warehouse

pytestmark = pytest.mark.slow
DOMAIN, PERIOD = "industrial_economy", "2020-08"
BUILT = ("2020",)  # 14 tables: a build of a few seconds
RUN_ON = ("2019", "2020")  # a run needs more than a few months of history
RUN = ["run", "--domain", DOMAIN, "--period", PERIOD, "--workers", "1"]
TOKEN = "STATLIB_KILL_TEST"  # marks every process a test starts, kernels included


def statlib(catalog: Catalog, args: list[str], log: Path) -> subprocess.Popen:
    """`statlib ARGS` in a session of its own, as cron would start it."""
    env = {**os.environ, "STATLIB_ROOT": str(catalog.root), TOKEN: str(catalog.root)}
    env.pop("STATLIB_WAREHOUSE", None)
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "statlib", *args],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=out,
            start_new_session=True,
        )


def kill_after(process: subprocess.Popen, seconds: float, catalog: Catalog) -> int | None:
    """SIGKILL the command (and what it started) after `seconds`; its exit code if it ended."""
    try:
        return process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    # A notebook kernel runs in a session of its own; it is marked by the test's token.
    for other in psutil.process_iter():
        try:
            if other.environ().get(TOKEN) == str(catalog.root):
                other.kill()
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
            continue  # gone already, or not ours
    return None


def finished(catalog: Catalog, args: list[str], log: Path) -> int:
    return statlib(catalog, args, log).wait(timeout=300)


def current_data(catalog: Catalog) -> pd.DataFrame:
    """The domain's current observations, opened with statlib's reader (as pages read them)."""
    with Warehouse.open(catalog.warehouse) as warehouse:
        frame = warehouse.observations(DOMAIN)
    keys = [S.METRIC, S.UNIT, S.PERIOD]
    return frame.drop(columns="load_id", errors="ignore").sort_values(keys, ignore_index=True)


def results(catalog: Catalog) -> pd.DataFrame:
    with Warehouse.open(catalog.warehouse) as warehouse:
        frame = warehouse.results("comparisons", DOMAIN, PERIOD)
    return frame.sort_values(list(frame.columns[:6]), ignore_index=True)


def timed(action) -> float:
    started = time.monotonic()
    action()
    return time.monotonic() - started


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """What an uninterrupted build and run give, how long each takes, a built warehouse.

    The kills fall within a command's work: after its interpreter has started and
    imported statlib (`startup_seconds`), within the time the work takes in-process.
    """
    startup = [sys.executable, "-c", "import statlib.cli, statlib.run"]
    startup_seconds = timed(lambda: subprocess.run(startup, check=True))
    built = small_project(tmp_path_factory.mktemp("built"), BUILT)
    build_seconds = timed(lambda: run.build(built, progress=False))
    catalog = small_project(tmp_path_factory.mktemp("reference"), RUN_ON)
    run.build(catalog, progress=False)
    unrun = shutil.copy(catalog.warehouse, catalog.root / "built.duckdb")
    run_seconds = timed(
        lambda: run.run(catalog, domains=[DOMAIN], period=PERIOD, workers=1, progress=False)
    )
    return {
        "startup_seconds": startup_seconds,
        "build_seconds": build_seconds,
        "data": current_data(built),
        "unrun": unrun,
        "run_seconds": run_seconds,
        "results": results(catalog),
    }


def assert_opens(catalog: Catalog) -> None:
    """statlib's reader opens the warehouse (or there is none yet)."""
    if catalog.warehouse.exists():
        with Warehouse.open(catalog.warehouse) as warehouse:
            warehouse.latest_loads()


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_a_killed_build_leaves_a_warehouse_that_opens_and_a_rerun_completes(
    tmp_path, reference, seed
):
    rng = random.Random(seed)
    catalog = small_project(tmp_path / "project", BUILT)
    if seed % 2:  # half of the kills hit a build adding to an existing warehouse
        waiting = tmp_path / "later"
        shutil.copytree(catalog.submissions_dir(DOMAIN), waiting)
        for path in catalog.submissions_dir(DOMAIN).glob("2020-0[6-8]-*"):
            path.unlink()
        run.build(catalog, progress=False)
        shutil.copytree(waiting, catalog.submissions_dir(DOMAIN), dirs_exist_ok=True)
    log = tmp_path / "statlib.log"
    moment = reference["startup_seconds"] + rng.uniform(0, reference["build_seconds"])
    code = kill_after(statlib(catalog, ["build"], log), moment, catalog)
    assert code in (None, 0), log.read_text()
    assert_opens(catalog)
    assert finished(catalog, ["build"], log) == 0, log.read_text()
    assert "Traceback" not in log.read_text()
    pd.testing.assert_frame_equal(current_data(catalog), reference["data"])


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_killed_run_leaves_a_warehouse_that_opens_and_a_rerun_completes(
    tmp_path, reference, seed
):
    rng = random.Random(seed)
    catalog = small_project(tmp_path / "project", RUN_ON)
    shutil.copy(reference["unrun"], catalog.warehouse)
    log = tmp_path / "statlib.log"
    moment = reference["startup_seconds"] + rng.uniform(0, reference["run_seconds"])
    code = kill_after(statlib(catalog, RUN, log), moment, catalog)
    assert code in (None, 0), log.read_text()
    assert_opens(catalog)
    page = catalog.page(PERIOD, DOMAIN)
    if page.exists():  # written whole or not at all
        assert page.read_text().rstrip().endswith("</html>")
    assert finished(catalog, RUN, log) == 0, log.read_text()
    assert "Traceback" not in log.read_text()
    assert page.read_text().rstrip().endswith("</html>")
    pd.testing.assert_frame_equal(results(catalog), reference["results"])
