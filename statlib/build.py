"""Build: ingest every source, new submission and action register into the warehouse.

Each source in statlib.sources reads its bundled files, validates them and becomes one
*load* (statlib.warehouse); a source whose files are those of its latest load is not read
again (its load would change nothing), so a repeated build costs little. Department
submissions waiting in data/submissions/ are loaded through statlib.intake, and each
domain's action register is checked against its units and loaded as a new version when it
changed. Everything is read and checked before anything is written: bad input writes
nothing. A refused submission holds up nothing else (its department's table waits for a
correction while the rest of the city's data load): the build loads the rest, then raises
SubmissionsRefused naming its problems.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from tqdm import tqdm

from statlib import intake
from statlib import schema as S
from statlib.catalog import Catalog
from statlib.errors import ParamsError, SubmissionsRefused
from statlib.ingest.actions import read_register
from statlib.lock import locked
from statlib.params import DomainParams, load_domain
from statlib.sources import Loaded, content_hash, source
from statlib.warehouse import Warehouse


def all_domains(catalog: Catalog) -> list[DomainParams]:
    """Every domain declared in params/, by file name; those that read domains last.

    A domain reading the others' results (an overview, statlib.domain_results) comes after
    them, so that a run computes it from the results it has just computed.

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
    domains = [load_domain(path) for path in paths]
    return sorted(domains, key=lambda p: p.reads == "domains")  # (stable: by name otherwise)


@locked
def build(catalog: Catalog, *, progress: bool = True) -> list[int]:
    """Ingest sources, new submissions (statlib.intake) and action registers (new loads only).

    Everything is read and checked before anything is written.

    Returns:
        The load id of each source, in domain order, of each new submission, then of each
        domain's register.

    Raises:
        SubmissionsRefused: after loading the rest, when a waiting submission was refused.
    """
    domains = all_domains(catalog)
    naming: dict[str, DomainParams] = {}
    for params in domains:  # a source is read for the first domain naming it (its frequency)
        if source(params.source).ingest is not None:  # else: submissions only (statlib.intake)
            naming.setdefault(params.source, params)
    # A source whose files are those of its latest load is not read again (a no-op load).
    unchanged = _unchanged_sources(catalog, list(naming))
    naming = {key: params for key, params in naming.items() if key not in unchanged}
    # Read and validate every input before touching the warehouse: bad input writes nothing.
    loaded = {
        key: source(key).ingest(catalog.data_dir, params)
        for key, params in tqdm(naming.items(), desc="ingest", unit="source", disable=not progress)
    }
    registers = {
        params.domain: _register(catalog, params, loaded.get(params.source)) for params in domains
    }
    submissions, refusals = intake.pending(catalog, domains)
    with Warehouse.open(catalog.warehouse, read_only=False, create=True) as warehouse:
        loads = list(unchanged.values())
        loads += [
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
    if refusals:
        raise SubmissionsRefused(refusals, loads)
    return loads


def _unchanged_sources(catalog: Catalog, keys: Sequence[str]) -> dict[str, int]:
    """The sources whose files hash as their latest load's: key -> that load's id."""
    if not catalog.warehouse.is_file():
        return {}
    with Warehouse.open(catalog.warehouse, read_only=False) as warehouse:  # (upgrades it)
        latest = warehouse.latest_loads()
    unchanged = {}
    for key in keys:
        files = [catalog.data_dir / name for name in source(key).files]
        known = files and key in latest and all(f.is_file() for f in files)
        if known and latest[key][1] == content_hash(files):
            unchanged[key] = latest[key][0]
    return unchanged


def _register(
    catalog: Catalog, params: DomainParams, loaded: Loaded | None
) -> tuple[str, pd.DataFrame]:
    """A domain's action register, checked against its units, and its content hash."""
    path = catalog.actions_file(params.domain)
    if loaded is not None:
        obs = loaded.observations
    elif source(params.source).ingest is None:  # submissions only: the units it declares
        obs = intake.declared_units(params)
    else:  # its source is unchanged since its latest load: the units stored
        with Warehouse.open(catalog.warehouse) as warehouse:
            obs = warehouse.observations(params.domain)
    units = set(obs.loc[obs[S.DOMAIN] == params.domain, S.UNIT])
    register = read_register(path, params, units)
    # No file is a version too (an empty one): deleting the register clears the actions.
    return (content_hash([path]) if path.is_file() else "no register"), register
