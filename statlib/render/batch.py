"""Render many pages at once: each page in a worker process, every failure kept apart.

A page is a notebook run in its own kernel plus an export, mostly single-threaded, so
pages render side by side in a process pool. Each page is written atomically by the
function that renders it (statlib.render.publish), so a worker that fails, or dies,
leaves the old page or none, never half of one. A page that fails is reported with its
message and does not stop the others; results come back in the order asked.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from tqdm import tqdm

from statlib.errors import StatlibError

Rendered = tuple[Path | None, str | None]  # the page written, or the error that stopped it


def _attempt(render: Callable[..., Path], args: tuple[Any, ...]) -> Rendered:
    try:
        return render(*args), None
    except StatlibError as error:  # a bad page is an outcome; any other error is a bug
        return None, str(error)


def render_pages(
    render: Callable[..., Path],
    pages: Sequence[tuple[Any, ...]],
    *,
    workers: int = 1,
    progress: bool = False,
) -> list[Rendered]:
    """`render(*args)` for each args tuple of `pages`, `workers` at a time.

    Args:
        render: a module-level function (workers import it by name) that writes one page
            and returns its path, raising a StatlibError when the page cannot be made.
        pages: the arguments of each call (picklable).
        workers: processes; 1 renders in this process, one page after the other.
        progress: show a progress bar.

    Returns:
        For each page, in the order of `pages`: (path, None), or (None, the error message);
        a page whose worker process died (and the pages waiting for it) gets a message.

    Raises:
        Exception: an error other than a StatlibError (a bug), once every page has ended.
    """
    bar = tqdm(total=len(pages), desc="pages", unit="page", disable=not progress)
    if workers <= 1 or len(pages) <= 1:
        results = []
        for args in pages:
            results.append(_attempt(render, args))
            bar.update()
        bar.close()
        return results
    # forkserver, as the statistics pass: no fork of a parent holding threads and kernels.
    context = get_context("forkserver")
    context.set_forkserver_preload([render.__module__])
    with ProcessPoolExecutor(min(workers, len(pages)), mp_context=context) as pool:
        futures: dict[Future[Rendered], int] = {
            pool.submit(_attempt, render, args): number for number, args in enumerate(pages)
        }
        for _ in as_completed(futures):
            bar.update()
    bar.close()
    return [_result(future) for future in sorted(futures, key=futures.__getitem__)]


def _result(future: Future[Rendered]) -> Rendered:
    try:
        return future.result()
    except BrokenProcessPool as error:  # a worker was killed (out of memory, a signal)
        return None, f"the process rendering this page ended abruptly: {error}"
