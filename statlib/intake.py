"""Intake: department submissions into the warehouse, one versioned load per file.

`statlib submit FILE --domain D` checks one file and loads it; `statlib build` loads every
new file waiting in data/submissions/<domain>/ for each domain with `submission:` params,
in file-name order (a file already loaded, byte for byte, is not read again). Each file is
a snapshot of its (domain, kind, period), loaded under
`submission:<domain>:<kind>:<period>`: a corrected resubmission is a new load of the same
source and replaces the earlier one whole. Every file is checked before anything is
written, so a rejected file changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from statlib import schema as S
from statlib.catalog import Catalog
from statlib.ingest.submissions import Submission, read_submission, submission_files
from statlib.lock import locked
from statlib.params import DomainParams, load_domain
from statlib.sources import content_hash
from statlib.warehouse import Warehouse

SOURCE_PREFIX = "submission:{domain}:"


def load_submission(warehouse: Warehouse, submission: Submission) -> int:
    """Append one accepted submission as a load; its load id (the earlier one if unchanged).

    The file's name is kept with the load in its data-quality notes (column `source`).
    """
    return warehouse.load(
        submission.source,
        submission.content_hash,
        observations=submission.observations,
        notes=submission.notes,
    )


def declared_units(params: DomainParams) -> pd.DataFrame:
    """The units a submissions-only domain's params name, as a (domain, unit) frame."""
    spec = params.submission
    units = sorted({S.CITYWIDE, *(spec.units.values() if spec else ())})
    return pd.DataFrame({S.DOMAIN: params.domain, S.UNIT: units})


def pending(catalog: Catalog, domains: Sequence[DomainParams]) -> list[Submission]:
    """Every submission file not yet loaded, read and checked, in domain then file order.

    Raises:
        SubmissionError: the first rejected file, with all of its problems.
    """
    taking = [p for p in domains if p.submission is not None]
    seen: set[str] = set()
    if taking and catalog.warehouse.is_file():  # (writable: an older file is upgraded)
        with Warehouse.open(catalog.warehouse, read_only=False) as warehouse:
            for params in taking:
                seen |= warehouse.loaded_hashes(SOURCE_PREFIX.format(domain=params.domain))
    return [
        read_submission(path, params)
        for params in taking
        for path in submission_files(catalog.submissions_dir(params.domain), params)
        if content_hash([path]) not in seen
    ]


@locked
def submit(
    catalog: Catalog,
    path: Path,
    domain: str,
    *,
    period: str | None = None,
    kind: str | None = None,
) -> tuple[Submission, int]:
    """Check one file and load it (`statlib submit`); the submission and its load id.

    Raises:
        SubmissionError: every problem of the file; the warehouse is not opened for writing.
    """
    params = load_domain(catalog.params_file(domain))
    submission = read_submission(Path(path), params, kind=kind, period=period)
    with Warehouse.open(catalog.warehouse, read_only=False, create=True) as warehouse:
        return submission, load_submission(warehouse, submission)
