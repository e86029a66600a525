"""The demo generators' one way of writing a table: UTF-8, Unix line ends, header first.

The tests remake each demo file byte for byte (`csv_text`) and compare it with the bundled
one, so every generator must write exactly this way.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path


def csv_text(rows: Sequence[dict[str, object]]) -> str:
    """The rows as CSV text, columns in the first row's order."""
    written = io.StringIO(newline="")
    writer = csv.DictWriter(written, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return written.getvalue()


def write_csv(path: Path, rows: Sequence[dict[str, object]]) -> None:
    """Write the rows to `path` (its folder made), exactly as `csv_text` renders them."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(csv_text(rows), encoding="utf-8", newline="")
