"""A domain's notebook, generated from its params: one cell per listed section.

The notebook a domain needs is fully determined by its params (the section list), so it
is generated rather than written by hand: `statlib notebook <domain>` writes it, and a test
holds every committed notebook to its params' list.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

from statlib.errors import StatlibError
from statlib.params import DomainParams
from statlib.report.registry import SECTIONS, check_sections


def _first_line(text: str | None) -> str:
    return (text or "").strip().splitlines()[0].rstrip(".") if text else ""


def thin_notebook(params: DomainParams) -> nbformat.NotebookNode:
    """The domain's notebook: a parameters cell, the review, then `review.show(name)` cells.

    Cell ids are derived from the position so that regenerating gives the same bytes.
    """
    title = params.title("en")
    parameters = (
        f"# {title}.\n"
        "# Each cell below draws one section of the page from results stored by the compute\n"
        "# pass (statlib run); change a parameter and run all.\n"
        f'domain: str = "{params.domain}"  # review domain: params/<domain>.yaml\n'
        'period: str = "latest"  # period label, or latest (newest computed)\n'
        'lang: str = "en"  # page language: en or zh\n'
        'as_of: str = ""  # data as known at a load id or ISO date (UTC), empty for now'
    )
    cells = [
        nbformat.v4.new_code_cell(parameters, metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell(
            "import statlib\n\nreview = statlib.open_review(domain, period, lang, as_of=as_of)"
        ),
    ]
    for spec in params.sections:
        doc = _first_line(SECTIONS[spec.name].draw.__doc__)
        cells.append(nbformat.v4.new_code_cell(f'# {doc}\nreview.show("{spec.name}")'))
    for position, cell in enumerate(cells):
        cell["id"] = f"{params.domain[:20]}-{position:02d}"
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata = {
        "kernelspec": {
            "display_name": "Python 3 (ipykernel)",
            "language": "python",
            "name": "python3",
        },
        "language_info": {"name": "python"},
    }
    return notebook


def write_notebook(path: Path, params: DomainParams, *, force: bool = False) -> Path:
    """Write the domain's generated notebook to `path` (refusing to overwrite unless forced).

    Raises:
        ParamsError: an unknown section in the params.
        StatlibError: `path` exists and `force` is False.
    """
    check_sections(params)
    if path.exists() and not force:
        raise StatlibError(f"{path} exists: pass --force to regenerate it from the params")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(nbformat.writes(thin_notebook(params)) + "\n", encoding="utf-8")
    return path
