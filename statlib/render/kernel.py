"""The kernel papermill starts for a page: local to this machine, over Unix sockets.

jupyter_client's default transport is TCP on the loopback address, and every kernel started
so announces a warning about unencrypted traffic on stderr (one per page in `make demo`'s
output). A kernel that only this process talks to needs no network at all: IPC sockets,
named in the temporary folder, are private to the user and removed when the kernel stops.
"""

from __future__ import annotations

import tempfile
import uuid
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager


class LocalKernelManager(AsyncKernelManager):
    """papermill's kernel manager (`kernel_manager_class`), on IPC sockets in the temp folder."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.transport = "ipc"
        # The sockets are <ip>-<port>: one unique prefix per kernel, never in the project.
        self.ip = str(Path(tempfile.gettempdir()) / f"statlib-kernel-{uuid.uuid4().hex}")
