"""Write a finished page so readers never see half of one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from statlib.errors import RenderError


def write_atomically(path: Path, content: str) -> Path:
    """Write `content` to `path` via a temp file in the same folder and a rename.

    The rename is atomic on one filesystem, so `path` holds either the old page or the
    whole new one; on any failure the temp file is removed and no new page appears.

    Raises:
        RenderError: The folder cannot be created or the file cannot be written.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as error:
        raise RenderError(f"cannot write page {path}: {error}") from error
    temp_path = Path(temp_name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(content)
        os.chmod(temp_path, 0o644)  # mkstemp makes 0600; pages are for every reader
        temp_path.replace(path)
    except OSError as error:
        temp_path.unlink(missing_ok=True)
        raise RenderError(f"cannot write page {path}: {error}") from error
    return path
