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
from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd
import papermill
from papermill.exceptions import PapermillExecutionError
from tqdm import tqdm

from statlib import intake
from statlib import schema as S
from statlib.build import all_domains, build
from statlib.catalog import ROOT_ENV, Catalog
from statlib.domain_results import read_domains
from statlib.errors import RenderError, StatlibError
from statlib.lock import locked
from statlib.manifest import plan_page, record_page, sibling_domains
from statlib.messages import LANGS
from statlib.params import DomainParams
from statlib.periods import Period
from statlib.render import (
    NavLink,
    PageContext,
    render_page,
)
from statlib.render.batch import render_pages
from statlib.render.kernel import LocalKernelManager
from statlib.render.publish import write_atomically
from statlib.render.spreadsheet import csv_text
from statlib.report import open_review
from statlib.report.export import comparison_rows
from statlib.report.memo import brief
from statlib.report.memo_page import memo_html
from statlib.schedule import due as due_runs
from statlib.selection import Selection, select
from statlib.site import write_site_indexes
from statlib.sources import source
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
    skipped: bool = False  # its inputs were unchanged (statlib.manifest): nothing redone
    waiting: str | None = None  # due, but its data have not arrived (statlib.schedule)


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
        # an overview's input: the other domains' results (statlib.domain_results)
        read = read_domains(warehouse, params, all_domains(catalog), period, as_of)
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
                read=read,
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
                kernel_manager_class=LocalKernelManager,
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
    catalog = catalog.as_of(as_of).in_language(lang)
    page = catalog.page(period.label, params.domain)
    with Warehouse.open(catalog.warehouse) as warehouse:
        beside = sibling_domains(warehouse, params, period, siblings, as_of)
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
                NavLink(p.title(lang), f"{p.domain}.html") for p in siblings if p.domain in beside
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
    # The follow-up rows have other columns than the comparisons: a CSV of their own, with
    # its header even when no action is open (a spreadsheet opening it sees the columns).
    if followup.empty:
        followup = pd.DataFrame(columns=list(S.RESULT_TABLES["followup"]))
    actions_csv = csv_text(followup)
    write_atomically(catalog.page(period.label, params.domain, ".actions.csv"), actions_csv)
    return page


def publish_period(
    catalog: Catalog,
    params: DomainParams,
    period: Period,
    lang: str,
    siblings: Sequence[DomainParams] = (),
    as_of: int | None = None,
) -> Path:
    """The page with its CSVs, then its briefing memo: what one render worker does."""
    page = render_period(catalog, params, period, lang, siblings, as_of)
    write_memo(catalog, params, period, lang, as_of)
    return page


def write_memo(
    catalog: Catalog, params: DomainParams, period: Period, lang: str, as_of: int | None = None
) -> Path:
    """The briefing memo beside the page (<domain>.memo.html), from the same results.

    The submissions refused and waiting in the domain's folder are listed too, except in a
    memo as of an earlier load (the folder then is not known).
    """
    as_of_text = "" if as_of is None else str(as_of)
    review = open_review(params.domain, period.label, lang, catalog, as_of_text)
    refused = intake.refused(catalog, params, lang) if as_of is None else []
    memo = catalog.as_of(as_of).in_language(lang).page(period.label, params.domain, ".memo.html")
    return write_atomically(memo, memo_html(brief(review, date.today(), refused)))


def _nav(catalog: Catalog, params: DomainParams, other: Period) -> NavLink | None:
    """A link to the same domain's page for `other`, when that page exists."""
    if not catalog.page(other.label, params.domain).is_file():
        return None
    return NavLink(other.label, f"../{other.label}/{params.domain}.html")


@locked
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
    force: bool = False,
    due: date | None = None,
) -> list[Outcome]:
    """Compute, then render, each domain for `period`; then the index.

    `due` (today's date) runs instead every period due on that day (statlib.schedule), oldest
    first; the periods due but without data yet are outcomes `waiting`.

    `as_of` (a load id or an ISO date/time, UTC) reproduces the pages from the data known
    then: they go to outputs/as-of-load-<N>/ and the site index is left as it is.
    A page whose inputs are unchanged (statlib.manifest) is skipped unless `force`.

    Raises:
        StatlibError: a bad request (statlib.selection), before any domain is computed.

    Continues past a domain failing later, returning every outcome; the caller reports them.
    """
    declared = all_domains(catalog)
    outcomes, pages = [], []
    if due is None:
        selection = select(catalog.warehouse, declared, domains, period, as_of)
    else:
        scheduled = due_runs(catalog, declared, domains, due)
        selection = Selection(scheduled.runs, None)
        outcomes += [
            Outcome(p.domain, w.label, None, waiting=why) for p, w, why in scheduled.waiting
        ]
    as_of_load = selection.as_of_load
    plans = []
    for params, chosen_period in tqdm(selection.runs, disable=not progress, desc="domains"):
        try:
            plan = plan_page(
                catalog, params, chosen_period, lang, declared, as_of_load=as_of_load, force=force
            )
            if plan.action == "skip":
                outcomes.append(Outcome(params.domain, chosen_period.label, plan.page, None, True))
                continue
            run_id = plan.run_id if plan.action == "render" else None
            run_id = run_id or compute_period(
                catalog,
                params,
                chosen_period,
                as_of=as_of_load,
                workers=workers,
                scheduler=scheduler,
                progress=progress,
            )
            pages.append((catalog, params, chosen_period, lang, declared, as_of_load))
            plans.append((plan, run_id))
        except StatlibError as error:
            outcomes.append(Outcome(params.domain, chosen_period.label, None, str(error)))
    # Pages render side by side once every domain is computed (statlib.render.batch).
    rendered = render_pages(publish_period, pages, workers=workers, progress=progress)
    for (_, params, chosen_period, *_), (plan, run_id), (page, error) in zip(
        pages, plans, rendered, strict=True
    ):
        if page is not None:
            record_page(catalog, plan, run_id)
        outcomes.append(Outcome(params.domain, chosen_period.label, page, error))
    if as_of_load is None and any(o.page and not o.skipped for o in outcomes):
        write_site_indexes(catalog, all_domains(catalog))
    return outcomes


def demo(
    catalog: Catalog,
    *,
    langs: Sequence[str] = LANGS,
    workers: int = 1,
    scheduler: str | None = None,
    progress: bool = True,
    force: bool = False,
) -> list[Outcome]:
    """Build the demo warehouse and render every domain for its latest period in `langs`.

    The second language only renders: it reuses the runs computed for the first.
    """
    build(catalog, progress=progress)
    outcomes = []
    for lang in langs:
        outcomes += run(
            catalog, lang=lang, workers=workers, scheduler=scheduler, progress=progress, force=force
        )
        force = False  # computed once; the other languages reuse the runs
    return outcomes
