"""The repository's shape: what a newcomer and CI rely on without reading the code."""

import ast
import json
import re
import tomllib
from pathlib import Path

import pytest
import yaml

from statlib.catalog import default_catalog
from statlib.params import load_domain

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
EXAMPLES = {"explore"}  # notebooks that are not a domain's page (an analyst's worked example)
DOMAIN_NOTEBOOKS = [p for p in NOTEBOOKS if p.stem not in EXAMPLES]
MAX_MODULE_LINES = 400


def _requirement(text: str) -> tuple[str, str]:
    name, _, spec = re.match(
        r"([A-Za-z0-9_.-]+)(\[.*\])?\s*(.*)", text.split("#")[0].strip()
    ).groups()
    return name.lower().replace("_", "-"), spec.replace(" ", "")


def test_environment_yml_lists_exactly_the_pyproject_packages():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = {_requirement(r) for r in project["dependencies"]}
    wanted |= {_requirement(r) for r in project["optional-dependencies"]["dev"]}
    environment = yaml.safe_load((ROOT / "environment.yml").read_text())
    listed = {
        _requirement(d)
        for d in environment["dependencies"]
        if isinstance(d, str) and not d.startswith(("python", "pip"))
    }
    assert listed == wanted
    python = next(
        d for d in environment["dependencies"] if isinstance(d, str) and d.startswith("python")
    )
    assert python.removeprefix("python") == project["requires-python"]


def test_constraints_pin_every_dependency():
    pinned = {
        line.split("==")[0].lower().replace("_", "-")
        for line in (ROOT / "constraints.txt").read_text().splitlines()
        if "==" in line
    }
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    names = {_requirement(r)[0] for r in project["dependencies"]}
    assert names <= pinned, f"not pinned: {sorted(names - pinned)}"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_are_committed_without_outputs(notebook):
    cells = json.loads(notebook.read_text())["cells"]
    code = [c for c in cells if c["cell_type"] == "code"]
    assert all(not c["outputs"] and c["execution_count"] is None for c in code)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_are_thin(notebook):
    """Headings and one statlib call per cell: no definitions, loops, SQL or paths."""
    cells = json.loads(notebook.read_text())["cells"]
    code = [c for c in cells if c["cell_type"] == "code"]
    assert "parameters" in code[0]["metadata"].get("tags", [])
    for cell in code[1:]:
        tree = ast.parse("".join(cell["source"]))
        for node in ast.walk(tree):
            assert not isinstance(
                node,
                (ast.FunctionDef, ast.ClassDef, ast.For, ast.While, ast.Try, ast.With, ast.Lambda),
            ), cell["source"]
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                assert "/" not in node.value and "select " not in node.value.lower()
        calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)]
        assert len(calls) <= 1, f"more than one call in a cell: {cell['source']}"


def test_every_domain_has_params_and_a_notebook():
    catalog = default_catalog()
    domains = {p.stem for p in catalog.params_dir.glob("*.yaml")}
    assert domains == {p.stem for p in DOMAIN_NOTEBOOKS}
    for domain in domains:
        assert load_domain(catalog.params_file(domain)).domain == domain


def test_no_error_is_swallowed_and_modules_stay_short():
    for path in sorted((ROOT / "statlib").rglob("*.py")):
        source = path.read_text()
        assert len(source.splitlines()) <= MAX_MODULE_LINES, f"{path} is long: split it"
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.ExceptHandler):
                body = [
                    b
                    for b in node.body
                    if not (isinstance(b, ast.Expr) and isinstance(b.value, ast.Constant))
                ]
                assert body and not all(isinstance(b, ast.Pass) for b in body), (
                    f"{path}:{node.lineno} swallows an error"
                )


def test_ci_runs_make_test_and_make_help_documents_targets():
    assert "make test" in (ROOT / ".ci" / "run").read_text()
    makefile = (ROOT / "Makefile").read_text()
    for target in ("demo", "test", "lab", "help", "setup"):
        assert re.search(rf"^{target}:.*## ", makefile, re.MULTILINE), target
    readme = (ROOT / "README.md").read_text()
    assert readme.index("make demo") < readme.index("make test") < 1500  # the two commands first


def _shown_sections(notebook: Path) -> list[str]:
    """The section names a notebook draws, in cell order (`review.show("name")`)."""
    shown = []
    for cell in json.loads(notebook.read_text())["cells"]:
        tree = ast.parse("".join(cell["source"])) if cell["cell_type"] == "code" else None
        for node in ast.walk(tree) if tree else ():
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "show":
                shown.append(node.args[0].value)
    return shown


@pytest.mark.parametrize("notebook", DOMAIN_NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_draws_exactly_the_sections_its_params_list(notebook):
    params = load_domain(default_catalog().params_file(notebook.stem))
    assert _shown_sections(notebook) == [s.name for s in params.sections]


@pytest.mark.parametrize("notebook", DOMAIN_NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_the_one_generated_from_its_params(notebook):
    """`statlib notebook <domain> --force` regenerates it: nothing in it is hand-made."""
    import nbformat

    from statlib.report.notebook import thin_notebook

    params = load_domain(default_catalog().params_file(notebook.stem))
    assert notebook.read_text() == nbformat.writes(thin_notebook(params)) + "\n"
