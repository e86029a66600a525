"""Where things live: one catalog of paths, resolved from the package location.

Nothing else in statlib builds a path from a string. A different project root (a test's
temporary folder, a deployment) is a different `Catalog`; `STATLIB_ROOT` selects one for the
notebooks that papermill runs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

ROOT_ENV = "STATLIB_ROOT"
# Pages in this language sit at the top of outputs/; each other language has a tree of its
# own beside them (outputs/zh/...), the same shape, so relative links work in every tree.
FIRST_LANG = "en"
WAREHOUSE_ENV = "STATLIB_WAREHOUSE"


@dataclass(frozen=True)
class Catalog:
    """The project folders and files a run reads and writes."""

    root: Path
    as_of_load: int | None = None  # pages reproducing the data as of a load go apart
    lang: str = FIRST_LANG  # the language of the pages

    def as_of(self, load_id: int | None) -> Catalog:
        """The catalog whose pages show the data as of `load_id` (None: this one)."""
        return self if load_id is None else replace(self, as_of_load=load_id)

    def in_language(self, lang: str) -> Catalog:
        """The catalog of the pages in `lang` (the same data, another tree of pages)."""
        return replace(self, lang=lang)

    @property
    def params_dir(self) -> Path:
        """One YAML file per review domain."""
        return self.root / "params"

    @property
    def notebooks_dir(self) -> Path:
        """One notebook per review domain, committed without outputs."""
        return self.root / "notebooks"

    @property
    def data_dir(self) -> Path:
        """Bundled demo inputs and the demo warehouse."""
        return self.root / "data"

    @property
    def outputs_dir(self) -> Path:
        """Rendered pages: outputs/<period>/<domain>.html (+ .csv) and outputs/index.html.

        Pages as of an earlier load: outputs/as-of-load-<N>/<period>/<domain>.html; pages in
        another language than the first: outputs[/as-of-load-<N>]/<lang>/<period>/...
        """
        tree = self.root / "outputs"
        if self.as_of_load is not None:
            tree = tree / f"as-of-load-{self.as_of_load}"
        return tree if self.lang == FIRST_LANG else tree / self.lang

    @property
    def warehouse(self) -> Path:
        """The DuckDB file (STATLIB_WAREHOUSE overrides the demo location)."""
        override = os.environ.get(WAREHOUSE_ENV)
        return Path(override) if override else self.data_dir / "warehouse.duckdb"

    def params_file(self, domain: str) -> Path:
        """The parameter file of `domain`."""
        return self.params_dir / f"{domain}.yaml"

    def actions_file(self, domain: str) -> Path:
        """The action register of `domain` (data/actions/<domain>.csv; it may not exist)."""
        return self.data_dir / "actions" / f"{domain}.csv"

    def submissions_dir(self, domain: str) -> Path:
        """Department submissions waiting to be loaded (data/submissions/<domain>/)."""
        return self.data_dir / "submissions" / domain

    def notebook(self, domain: str) -> Path:
        """The notebook of `domain`."""
        return self.notebooks_dir / f"{domain}.ipynb"

    def page(self, period: str, domain: str, suffix: str = ".html") -> Path:
        """The rendered page (or its CSV, with suffix=".csv") of one domain and period."""
        return self.outputs_dir / period / f"{domain}{suffix}"


def default_catalog() -> Catalog:
    """The catalog of this checkout (or of STATLIB_ROOT when set)."""
    override = os.environ.get(ROOT_ENV)
    return Catalog(Path(override) if override else Path(__file__).resolve().parents[1])
