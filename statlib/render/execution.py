"""Refuse to publish a notebook whose run did not finish cleanly.

A page with a section quietly missing reads as "no problem" to a leader, so any error
output, any code cell that never ran, or papermill's own failure flag stops the render
with a message naming the cell and the heading it sits under.
"""

from __future__ import annotations

import re

from nbformat import NotebookNode

from statlib.errors import RenderError

# Markdown ATX heading, e.g. "## Exceptions"; the nearest one above a cell names its section.
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)


def _section_of(nb: NotebookNode, index: int) -> str | None:
    """The text of the last markdown heading above cell `index`, if there is one."""
    for cell in reversed(nb.cells[:index]):
        if cell.cell_type == "markdown":
            headings = _HEADING.findall(cell.source)
            if headings:
                return headings[-1]
    return None


def describe_cell(nb: NotebookNode, index: int) -> str:
    """A human pointer to a cell: its 1-based number, id and section heading."""
    cell = nb.cells[index]
    parts = [f"cell {index + 1}"]
    if cell.get("id"):
        parts.append(f"id {cell['id']!r}")
    section = _section_of(nb, index)
    if section:
        parts.append(f"under heading {section!r}")
    return ", ".join(parts)


def require_clean_execution(nb: NotebookNode, source: str) -> None:
    """Raise RenderError if any code cell errored, did not run, or papermill flagged it.

    Args:
        nb: The executed notebook (as papermill wrote it).
        source: The notebook's path or name, used in the message.

    Raises:
        RenderError: Naming the first failing cell, its section and the error.
    """
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                raise RenderError(
                    f"{source}: {describe_cell(nb, index)} raised "
                    f"{output.get('ename', 'an error')}: {output.get('evalue', '')}; "
                    "rule: a page is rendered only from a notebook that ran without errors"
                )
        papermill = cell.get("metadata", {}).get("papermill", {})
        if papermill.get("exception"):
            raise RenderError(
                f"{source}: {describe_cell(nb, index)} is marked failed by papermill; "
                "rule: a page is rendered only from a notebook that ran without errors"
            )
        if cell.get("execution_count") is None and cell.source.strip():
            raise RenderError(
                f"{source}: {describe_cell(nb, index)} was never executed; "
                "rule: render the executed notebook papermill wrote, not the source"
            )
