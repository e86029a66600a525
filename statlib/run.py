"""The runner: build the warehouse, compute every domain, render every page.

This is the only module that runs notebooks. The order is fixed: ingest (build) writes
observations; the compute pass writes every statistic for a domain and period; the render
pass executes each domain notebook with papermill (it only reads results) and turns it into
one offline page plus a CSV, then the index. A failed domain does not stop the others: all
failures are reported at the end, and no half-written page is ever left behind.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import papermill
from papermill.exceptions import PapermillExecutionError
from tqdm import tqdm

from statlib import intake
from statlib import schema as S
from statlib.catalog import ROOT_ENV, Catalog
from statlib.errors import ParamsError, RenderError, StatlibError
from statlib.ingest.actions import read_register
from statlib.params import DomainParams, load_domain
from statlib.periods import Period
from statlib.render import (
    NavLink,
    PageContext,
    render_page,
)
from statlib.render.publish import write_atomically
from statlib.render.spreadsheet import csv_text
from statlib.report.export import comparison_rows
from statlib.selection import select
from statlib.site import write_site_index
from statlib.sources import Loaded, content_hash, source
from statlib.stages import compute_domain
from statlib.warehouse import Warehouse

KERNEL = "python3"


@dataclass(frozen=True)
class Outcome:
    """How one domain and period went: the page written, or the error that stopped it."""

    domain: str
    period: str
    page: Path | None
    error: str | None = None


def all_domains(catalog: Catalog) -> list[DomainParams]:
    """Every domain declared in params/, by file name.

    Raises:
        ParamsError: params/ holds no domain file (a wrong STATLIB_ROOT, most likely): a run
            over no domains would otherwise succeed having done nothing.
    """
    paths = sorted(catalog.params_dir.glob("*.yaml"))
    if not paths:
        raise ParamsError(
            f"no domain parameter files (*.yaml) in {catalog.params_dir}: is STATLIB_ROOT "
            f"({catalog.root}) the project folder?"
        )
    return [load_domain(path) for path in paths]


def build(catalog: Catalog, *, progress: bool = True) -> list[int]:
    """Ingest sources, new submissions (statlib.intake) and action registers (new loads only).

    Everything is read and checked before anything is written.

    Returns:
        The load id of each source, in domain order, of each new submission, then of each
        domain's register.
    """
    domains = all_domains(catalog)
    naming: dict[str, DomainParams] = {}
    for params in domains:  # a source is read for the first domain naming it (its frequency)
        if source(params.source).ingest is not None:  # else: submissions only (statlib.intake)
            naming.setdefault(params.source, params)
    # Read and validate every input before touching the warehouse: bad input writes nothing.
    loaded = {
        key: source(key).ingest(catalog.data_dir, params)
        for key, params in tqdm(naming.items(), desc="ingest", unit="source", disable=not progress)
    }
    registers = {
        params.domain: _register(catalog, params, loaded.get(params.source))
        for params in domains
    }
    submissions = intake.pending(catalog, domains)
    with Warehouse.open(catalog.warehouse, read_only=False, create=True) as warehouse:
        loads = [
            warehouse.load(
                key,
                data.content_hash,
                observations=data.observations,
                events=data.events,
                notes=data.notes,
            )
            for key, data in loaded.items()
        ]
        loads += [intake.load_submission(warehouse, s) for s in submissions]
        loads += [
            warehouse.load_actions(domain, digest, register)
            for domain, (digest, register) in registers.items()
        ]
    return loads


def _register(
    catalog: Catalog, params: DomainParams, loaded: Loaded | None
) -> tuple[str, pd.DataFrame]:
    """A domain's action register, checked against its units, and its content hash."""
    path = catalog.actions_file(params.domain)
    obs = loaded.observations if loaded else intake.declared_units(params)
    units = set(obs.loc[obs[S.DOMAIN] == params.domain, S.UNIT])
    register = read_register(path, params, units)
    # No file is a version too (an empty one): deleting the register clears the actions.
    return (content_hash([path]) if path.is_file() else "no register"), register


def compute_period(
    catalog: Catalog,
    params: DomainParams,
    period: Period,
    *,
    as_of: int | None = None,
    workers: int = 1,
    scheduler: str | None = None,
    progress: bool = True,
) -> int:
    """Run the compute pass for one domain and period and record it as a run.

    `as_of` (a load id) computes from the data known then and records the run as
    reproducing that state; None computes from the current state.
    """
    with Warehouse.open(catalog.warehouse, read_only=False) as warehouse:
        data_load = warehouse.resolve_as_of(as_of)
        observations = warehouse.observations(
            params.domain, until=period.end.isoformat(), as_of=data_load
        )
        register = warehouse.actions(params.domain, as_of=data_load)
        run_id = warehouse.begin_run(
            "compute", params.domain, period.label, data_load=data_load, as_of_load=as_of
        )
        try:
            results = compute_domain(
                observations,
                params,
                period,
                register=register,
                catalogue=_catalogue(catalog, params),
                workers=workers,
                scheduler=scheduler,
                progress=progress,
            )
            warehouse.write_results(run_id, results)
        except Exception as error:  # every run gets its end record, whatever stopped it
            warehouse.finish_run(run_id, "failed", f"{type(error).__name__}: {error}")
            raise
        warehouse.finish_run(run_id, "ok")
    return run_id


def _catalogue(catalog: Catalog, params: DomainParams) -> pd.DataFrame | None:
    """A register's catalogue of measures, read by its source; None for other domains."""
    read = source(params.source).catalogue
    return None if read is None else read(catalog.data_dir, params)


@contextmanager
def _project_root(catalog: Catalog) -> Iterator[None]:
    """Let the notebook's kernel find this catalog (it inherits the environment)."""
    before = os.environ.get(ROOT_ENV)
    os.environ[ROOT_ENV] = str(catalog.root)
    try:
        yield
    finally:
        if before is None:
            del os.environ[ROOT_ENV]
        else:
            os.environ[ROOT_ENV] = before


def execute_notebook(
    catalog: Catalog, domain: str, period: str, lang: str, out: Path, as_of: int | None = None
) -> Path:
    """Run the domain notebook with papermill; the executed copy goes to `out`.

    `as_of` (a load id) makes the notebook show the run that reproduced that state.

    Raises:
        RenderError: the notebook failed; papermill saved it with the failing cell marked.
    """
    notebook = catalog.notebook(domain)
    if not notebook.is_file():
        raise RenderError(f"no notebook for domain {domain!r} at {notebook}")
    with _project_root(catalog):
        try:
            papermill.execute_notebook(
                str(notebook),
                str(out),
                parameters={
                    "domain": domain,
                    "period": period,
                    "lang": lang,
                    "as_of": "" if as_of is None else str(as_of),
                },
                kernel_name=KERNEL,
                progress_bar=False,
                cwd=str(catalog.notebooks_dir),
            )
        except PapermillExecutionError as error:
            raise RenderError(
                f"{notebook.name} failed for {period} in cell {error.exec_count}: "
                f"{error.ename}: {error.evalue}"
            ) from error
    return out


def render_period(
    catalog: Catalog,
    params: DomainParams,
    period: Period,
    lang: str,
    siblings: Sequence[DomainParams] = (),
    as_of: int | None = None,
) -> Path:
    """Execute and render one page, and write its CSVs beside it (comparisons, follow-up).

    A page `as_of` a load shows the run that reproduced that state and goes to its own
    folder (`Catalog.as_of`), never over the current page.
    """
    catalog = catalog.as_of(as_of)
    page = catalog.page(period.label, params.domain)
    failed_copy = catalog.page(period.label, params.domain, ".failed.ipynb")
    with tempfile.TemporaryDirectory(prefix="statlib-") as scratch:
        executed = Path(scratch) / "executed.ipynb"
        try:
            execute_notebook(catalog, params.domain, period.label, lang, executed, as_of)
        except RenderError as error:
            if not executed.is_file():  # the kernel never started: nothing to keep
                raise
            # Keep what papermill saved (the failing cell is marked) for the analyst.
            failed_copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(executed, failed_copy)
            raise RenderError(f"{error} (executed notebook saved as {failed_copy})") from error
        failed_copy.unlink(missing_ok=True)
        context = PageContext(
            domain=params.domain,
            domain_title=params.title(lang),
            period=period.label,
            lang=lang,
            generated_at=datetime.now(UTC),
            prev_period=_nav(catalog, params, period.previous()),
            next_period=_nav(catalog, params, period.next()),
            siblings=[
                NavLink(p.title(lang), f"{p.domain}.html")
                for p in siblings
                if p.domain != params.domain
            ],
            index_href=None if as_of is not None else "../index.html",
        )
        render_page(executed, page, context=context)
    with Warehouse.open(catalog.warehouse) as warehouse:
        tables = {
            name: warehouse.results(name, params.domain, period.label, as_of_load=as_of)
            for name in ("comparisons", "indicators", "outlook", "followup")
        }
    followup = tables["followup"]
    csv = csv_text(comparison_rows(tables["comparisons"], tables["indicators"], tables["outlook"]))
    write_atomically(catalog.page(period.label, params.domain, ".csv"), csv)
    # The follow-up rows have other columns than the comparisons: a CSV of their own.
    actions_csv = csv_text(followup)
    write_atomically(catalog.page(period.label, params.domain, ".actions.csv"), actions_csv)
    return page


def _nav(catalog: Catalog, params: DomainParams, other: Period) -> NavLink | None:
    """A link to the same domain's page for `other`, when that page exists."""
    if not catalog.page(other.label, params.domain).is_file():
        return None
    return NavLink(other.label, f"../{other.label}/{params.domain}.html")


def run(
    catalog: Catalog,
    *,
    domains: Sequence[str] | None = None,
    period: str = "latest",
    as_of: str | None = None,
    lang: str = "en",
    workers: int = 1,
    scheduler: str | None = None,
    progress: bool = True,
) -> list[Outcome]:
    """Compute, then render, each domain for `period`; then the index.

    `as_of` (a load id or an ISO date/time, UTC) reproduces the pages from the data known
    then: they go to outputs/as-of-load-<N>/ and the site index is left as it is.

    Raises:
        StatlibError: a bad request (statlib.selection), before any domain is computed.

    Continues past a domain failing later, returning every outcome; the caller reports them.
    """
    declared = all_domains(catalog)
    selection = select(catalog.warehouse, declared, domains, period, as_of)
    as_of_load = selection.as_of_load
    outcomes = []
    for params, chosen_period in tqdm(selection.runs, disable=not progress, desc="domains"):
        try:
            compute_period(
                catalog,
                params,
                chosen_period,
                as_of=as_of_load,
                workers=workers,
                scheduler=scheduler,
                progress=progress,
            )
            page = render_period(catalog, params, chosen_period, lang, declared, as_of_load)
            outcomes.append(Outcome(params.domain, chosen_period.label, page))
        except StatlibError as error:
            outcomes.append(Outcome(params.domain, chosen_period.label, None, str(error)))
    if as_of_load is None and any(o.page for o in outcomes):
        write_site_index(catalog, all_domains(catalog), lang)
    return outcomes


def demo(
    catalog: Catalog,
    *,
    lang: str = "en",
    workers: int = 1,
    scheduler: str | None = None,
    progress: bool = True,
) -> list[Outcome]:
    """Build the demo warehouse and render every domain for its latest period."""
    build(catalog, progress=progress)
    return run(catalog, lang=lang, workers=workers, scheduler=scheduler, progress=progress)
