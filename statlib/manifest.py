"""What each page was made from (outputs/manifest.json), so a rerun redoes only what changed.

Each language's tree of pages has its manifest (outputs/zh/manifest.json, ...).

A page (outputs/<period>/<domain>.html and the files beside it) is made from the domain's
data (the current load of each of its sources, statlib.warehouse_state.domain_loads), its
params, its notebook, the statlib version, the page language and its navigation (the other
domains with a page for the period, and whether the previous and next pages exist); an
overview's also from the compute runs of the domains it reads (statlib.domain_results).
The submissions waiting unloaded in the domain's folder (refused ones, which its memo
lists) are recorded too: a file arriving or leaving renders the page and memo again.
The manifest records these for every page, with the compute run its numbers come from:

- inputs equal to the recorded ones, every recorded file on disk and the recorded run
  still the latest: the page is skipped (`statlib run` says so; `--force` redoes it);
- the same data, params and version but another language, notebook or navigation: the
  recorded run is reused and the page only rendered again;
- otherwise the domain and period are computed again.

After a page is recorded, the results of the runs it superseded are pruned, except those
of runs another recorded page (an `--as-of` page, say) was made from, so the warehouse
grows with the data, not with the number of runs (statlib.warehouse_runs).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from statlib import __version__, intake
from statlib.catalog import Catalog
from statlib.domain_results import read_runs
from statlib.errors import RenderError
from statlib.messages import LANGS
from statlib.params import DomainParams
from statlib.periods import Period
from statlib.render.publish import write_atomically
from statlib.warehouse import Warehouse

MANIFEST_FILE = "manifest.json"
FORMAT = 1  # of the manifest file; another format is read as no manifest at all
# The files beside a page that are part of it (Catalog.page suffixes).
PAGE_FILES = (".html", ".csv", ".actions.csv", ".memo.html")

_AS_OF_PREFIX = "as-of-load-"  # the folders of pages as of an earlier load (Catalog.outputs_dir)

Action = Literal["skip", "render", "compute"]


@dataclass(frozen=True)
class PageInputs:
    """Everything a page is made from, as recorded in the manifest."""

    domain: str
    period: str
    lang: str
    as_of_load: int | None
    loads: dict[str, int]  # source -> its current load, for the domain's sources
    params_hash: str
    notebook_hash: str
    statlib_version: str
    navigation: list[str] = field(default_factory=list)
    # an overview's input: domain -> the compute run it reads (statlib.domain_results)
    reads: dict[str, int] = field(default_factory=dict)
    # submission files waiting unloaded (statlib.intake.waiting): name -> content hash
    waiting: dict[str, str] = field(default_factory=dict)

    def computes_like(self, recorded: dict) -> bool:
        """True when a page recorded with `recorded` was computed from the same inputs."""
        return (
            all(
                recorded.get(key) == getattr(self, key)
                for key in ("loads", "params_hash", "statlib_version", "as_of_load")
            )
            and recorded.get("reads", {}) == self.reads
        )

    def renders_like(self, recorded: dict) -> bool:
        """True when `recorded` was rendered with the same language, notebook and links."""
        return self.computes_like(recorded) and all(
            recorded.get(key) == getattr(self, key)
            for key in ("lang", "notebook_hash", "navigation")
        ) and recorded.get("waiting", {}) == self.waiting


@dataclass(frozen=True)
class Plan:
    """What a run does for one page: skip it, render it from `run_id`, or compute it."""

    inputs: PageInputs
    action: Action
    run_id: int | None  # the compute run to reuse (skip and render)
    page: Path


def manifest_path(catalog: Catalog) -> Path:
    """The manifest of the pages under `catalog.outputs_dir`."""
    return catalog.outputs_dir / MANIFEST_FILE


def read_manifest(catalog: Catalog) -> dict[str, dict]:
    """Page key ("<period>/<domain>") -> its recorded inputs; empty without a manifest.

    Raises:
        RenderError: the file is not JSON (it is written whole, so someone edited it);
            deleting it makes the next run redo every page.
    """
    path = manifest_path(catalog)
    if not path.is_file():
        return {}
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise RenderError(
            f"{path} is not a readable statlib manifest ({error}): delete it and the next "
            "run redoes every page"
        ) from error
    if not isinstance(content, dict) or content.get("format") != FORMAT:
        return {}
    return dict(content.get("pages", {}))


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "missing"


def page_inputs(
    catalog: Catalog,
    params: DomainParams,
    period: Period,
    lang: str,
    declared: Sequence[DomainParams],
    as_of_load: int | None,
    warehouse: Warehouse,
) -> PageInputs:
    """The inputs of one page now (`catalog` is the page's: `Catalog.as_of(as_of_load)`)."""
    neighbours = [
        f"{label}:{catalog.page(label, params.domain).is_file()}"
        for label in (period.previous().label, period.next().label)
    ]
    return PageInputs(
        domain=params.domain,
        period=period.label,
        lang=lang,
        as_of_load=as_of_load,
        loads=warehouse.domain_loads(params.domain, as_of=as_of_load),
        params_hash=_digest(catalog.params_file(params.domain)),
        notebook_hash=_digest(catalog.notebook(params.domain)),
        statlib_version=__version__,
        navigation=sibling_domains(warehouse, params, period, declared, as_of_load) + neighbours,
        reads=read_runs(warehouse, params, declared, period, as_of_load),
        waiting={}
        if as_of_load is not None
        else {p.name: _digest(p) for p in intake.waiting(catalog, params, warehouse)},
    )


def sibling_domains(
    warehouse: Warehouse,
    params: DomainParams,
    period: Period,
    declared: Sequence[DomainParams],
    as_of_load: int | None,
) -> list[str]:
    """The other domains with results for the same period: their pages sit beside its own.

    Only they are linked from the page (a weekly domain has no page for a month).
    """
    return [
        p.domain
        for p in declared
        if p.domain != params.domain
        and warehouse.latest_run(p.domain, period.label, as_of_load=as_of_load) is not None
    ]


def plan_page(
    catalog: Catalog,
    params: DomainParams,
    period: Period,
    lang: str,
    declared: Sequence[DomainParams],
    *,
    as_of_load: int | None = None,
    force: bool = False,
) -> Plan:
    """Decide what a run does for one page (see the module docstring); `force`: compute."""
    catalog = catalog.as_of(as_of_load).in_language(lang)
    with Warehouse.open(catalog.warehouse) as warehouse:
        inputs = page_inputs(catalog, params, period, lang, declared, as_of_load, warehouse)
        latest = warehouse.latest_run(params.domain, period.label, as_of_load=as_of_load)
    page = catalog.page(period.label, params.domain)
    key = f"{period.label}/{params.domain}"
    own = read_manifest(catalog).get(key)
    if force or latest is None:
        return Plan(inputs, "compute", None, page)
    # The latest run serves this page if it made it, or the same page in another language.
    records = [own] + [read_manifest(catalog.in_language(other)).get(key) for other in LANGS]
    if not any(
        r is not None and r.get("run_id") == latest and inputs.computes_like(r) for r in records
    ):
        return Plan(inputs, "compute", None, page)
    made_here = own is not None and own.get("run_id") == latest and inputs.renders_like(own)
    if made_here and all((catalog.outputs_dir / f).is_file() for f in own.get("files", [])):
        return Plan(inputs, "skip", latest, page)
    return Plan(inputs, "render", latest, page)


def record_page(catalog: Catalog, plan: Plan, run_id: int) -> Path:
    """Record a page just written from `run_id`, then prune the runs it superseded.

    Returns:
        The manifest's path.
    """
    inputs = plan.inputs
    page_catalog = catalog.as_of(inputs.as_of_load).in_language(inputs.lang)
    files = [
        page_catalog.page(inputs.period, inputs.domain, suffix)
        for suffix in PAGE_FILES
        if page_catalog.page(inputs.period, inputs.domain, suffix).is_file()
    ]
    pages = read_manifest(page_catalog)
    pages[f"{inputs.period}/{inputs.domain}"] = {
        **asdict(inputs),
        "run_id": run_id,
        "files": [str(f.relative_to(page_catalog.outputs_dir)) for f in files],
        "written_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    path = write_atomically(
        manifest_path(page_catalog),
        json.dumps({"format": FORMAT, "pages": dict(sorted(pages.items()))}, indent=1),
    )
    with Warehouse.open(catalog.warehouse, read_only=False) as warehouse:
        warehouse.prune_results(
            inputs.domain,
            inputs.period,
            as_of_load=inputs.as_of_load,
            keep=published_runs(catalog),
        )
    return path


def published_runs(catalog: Catalog) -> set[int]:
    """The compute runs every recorded page was made from (current and `--as-of` pages)."""
    root = Catalog(catalog.root)
    trees = [root] + [
        root.as_of(int(folder.name.removeprefix(_AS_OF_PREFIX)))
        for folder in sorted(root.outputs_dir.glob(_AS_OF_PREFIX + "*"))
        if folder.name.removeprefix(_AS_OF_PREFIX).isdigit()
    ]
    catalogs = [tree.in_language(lang) for tree in trees for lang in LANGS]
    runs = set()
    for each in catalogs:
        pages = read_manifest(each)
        runs |= {int(entry["run_id"]) for entry in pages.values() if "run_id" in entry}
    return runs
