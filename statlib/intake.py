"""Intake: department submissions into the warehouse, one versioned load per file.

`statlib submit FILE --domain D` checks one file and loads it; `statlib build` loads every
new file waiting in data/submissions/<domain>/ for each domain with `submission:` params,
in file-name order (a file already loaded, byte for byte, is not read again). Each file is
a snapshot of its (domain, kind, period), loaded under
`submission:<domain>:<kind>:<period>`: a corrected resubmission is a new load of the same
source and replaces the earlier one whole. Every file is checked before anything is
written, so a rejected file changes nothing: it stays in the folder, unloaded, while the
other files load (one department's bad table does not hold up the city's cycle), and the
briefing memo lists it with its problems until a corrected file arrives.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from statlib import schema as S
from statlib.catalog import Catalog
from statlib.errors import SubmissionError
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


def pending(
    catalog: Catalog, domains: Sequence[DomainParams]
) -> tuple[list[Submission], list[SubmissionError]]:
    """Every submission file not yet loaded, read and checked, in domain then file order.

    Returns:
        The accepted submissions, and the refusal of each rejected file (its problems).
    """
    accepted: list[Submission] = []
    refusals: list[SubmissionError] = []
    for params in domains:
        for path in waiting(catalog, params):
            try:
                accepted.append(read_submission(path, params))
            except SubmissionError as refusal:  # kept and reported: the others still load
                refusals.append(refusal)
    return accepted, refusals


def waiting(
    catalog: Catalog, params: DomainParams, warehouse: Warehouse | None = None
) -> list[Path]:
    """The files in the domain's submissions folder that no load holds, in file order.

    `warehouse`: the catalog's, when already open (else it is opened to read).
    """
    files = submission_files(catalog.submissions_dir(params.domain), params)
    if not files:
        return files
    prefix = SOURCE_PREFIX.format(domain=params.domain)
    if warehouse is not None:
        seen = warehouse.loaded_hashes(prefix)
    elif catalog.warehouse.is_file():
        with Warehouse.open(catalog.warehouse) as opened:
            seen = opened.loaded_hashes(prefix)
    else:
        seen = set()
    return [path for path in files if content_hash([path]) not in seen]


def refused(catalog: Catalog, params: DomainParams, lang: str) -> list[SubmissionError]:
    """The waiting files of the domain that fail their checks, problems in `lang`."""
    refusals = []
    for path in waiting(catalog, params):
        try:
            read_submission(path, params, lang=lang)
        except SubmissionError as refusal:  # the memo lists it; nothing else to do here
            refusals.append(refusal)
    return refusals


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
