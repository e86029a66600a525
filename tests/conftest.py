"""Fixtures shared across test modules: the headless browser and a rendered demo site."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from pages import launch_browser

from statlib import run
from statlib.catalog import Catalog

ROOT = Path(__file__).resolve().parents[1]
DEMO_PERIOD = "2026-W33"  # the latest week in the bundled NYPD data
SR_PERIOD = "2026-F16"  # the latest whole fortnight in the demo city's 311 requests
IE_PERIOD = "2020-08"  # the seed's own report: Jan-Aug 2020
QI_PERIOD = "2020-06"  # the seed's half-year report: H1 2020
WF_PERIOD = "2026-F16"  # the latest pay period of the demo payroll
PS_PERIOD = "2018-W07"  # the last whole week of Baltimore's arrest records (to 17 Feb 2018)
# Registers of measures: the latest fiscal year with actuals (Baltimore), the MMR's last
REGISTER_PERIODS = {"performance_measures": "FY2025", "mayors_management_report": "FY2023"}
OVERVIEW_PERIOD = "2026-08"  # the month of DEMO_PERIOD: every other domain's latest by then


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Chromium for the whole session."""
    yield from launch_browser()


def copy_project(target: Path) -> Catalog:
    """A project root of its own: params, notebooks, bundled data and action registers."""
    for folder in ("params", "notebooks"):
        shutil.copytree(ROOT / folder, target / folder)
    folders = ("nypd", "democity", "actions", "industry", "submissions", "inspections")
    folders += ("registers", "workforce", "baltimore")
    for folder in folders:
        shutil.copytree(ROOT / "data" / folder, target / "data" / folder)
    return Catalog(target)


def small_project(target: Path, months: tuple[str, ...]) -> Catalog:
    """One domain, the industrial economy, with the demo's submissions of `months` only.

    Builds and runs in seconds: the warehouse of the fault tests (tests/test_faults*.py).
    """
    for folder, name in (
        ("params", "industrial_economy.yaml"),
        ("notebooks", "industrial_economy.ipynb"),
    ):
        (target / folder).mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / folder / name, target / folder / name)
    shutil.copytree(ROOT / "data" / "industry", target / "data" / "industry")
    catalog = Catalog(target)
    incoming = catalog.submissions_dir("industrial_economy")
    incoming.mkdir(parents=True)
    for month in months:
        for path in (ROOT / "data" / "submissions" / "industrial_economy").glob(f"{month}-*"):
            shutil.copy(path, incoming / path.name)
    return catalog


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Catalog, list[run.Outcome]]:
    """The real pipeline on the bundled data: build, compute and render each domain once."""
    catalog = copy_project(tmp_path_factory.mktemp("project"))
    run.build(catalog, progress=False)
    outcomes = run.run(
        catalog, domains=["public_safety"], period=DEMO_PERIOD, workers=2, progress=False
    )
    outcomes += run.run(
        catalog, domains=["service_requests"], period=SR_PERIOD, workers=2, progress=False
    )
    outcomes += run.run(
        catalog, domains=["industrial_economy"], period=IE_PERIOD, workers=2, progress=False
    )
    outcomes += run.run(
        catalog, domains=["quality_inspections"], period=QI_PERIOD, workers=2, progress=False
    )
    outcomes += run.run(catalog, domains=["workforce"], period=WF_PERIOD, workers=2, progress=False)
    outcomes += run.run(
        catalog, domains=["baltimore_policestat"], period=PS_PERIOD, workers=2, progress=False
    )
    for domain, period in REGISTER_PERIODS.items():
        outcomes += run.run(catalog, domains=[domain], period=period, workers=2, progress=False)
    # An overview reads the others' results: it runs after them.
    outcomes += run.run(
        catalog, domains=["city_overview"], period=OVERVIEW_PERIOD, workers=2, progress=False
    )
    return catalog, outcomes
