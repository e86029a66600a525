"""Render: a page of each demo domain against papermill running a one-cell notebook.

Compares the statlib of this working tree with the one of an earlier commit (`--before`,
extracted with `git archive` and put first on PYTHONPATH, for this process and for the
notebook kernels it starts), on the demo warehouse (`statlib demo` first), in one run,
the two trees alternating ROUNDS times so that both see the same machine load. Each
measurement runs in a fresh process (`--measure`) and reports:

- papermill executing a one-cell notebook (`1 + 1`): the floor of any papermill page;
- per domain: `statlib.run.render_period` (papermill + export + CSVs) in all, and its
  parts: the papermill run, and in it the kernel's `open_review` cell (its imports and
  reads) and the section cells; `render_page` on the executed notebook (nbconvert export,
  outline, write);
- whether the kernel imports the statistics stack (statsmodels, scipy) to draw a page;
- this tree only: the demo's three pages rendered one after the other and 2 at a time
  (`statlib.render.batch.render_pages`).

Usage:
    .venv/bin/python benchmarks/render.py --before 2f62edf   # README
    .venv/bin/python benchmarks/render.py --quick            # this tree only, prints only
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from readme_sections import replace_section
from startup import extract

REPO = Path(__file__).resolve().parents[1]
SECTION = "## Render"
ROUNDS = 2
ONE_CELL_RUNS = 3
DOMAINS = (("public_safety", "2026-W33"), ("service_requests", "2026-F16"))
STATISTICS_STACK = ("statsmodels", "scipy")
KERNEL_IMPORTS = (
    "import sys, statlib; r = statlib.open_review({domain!r}, {period!r}, 'en'); "
    "[r.show(s) for s in r.sections]; "
    f"print('STACK:' + ' '.join(m for m in {STATISTICS_STACK!r} if m in sys.modules))"
)


def measure(parallel: bool) -> dict:
    """Every figure for the statlib on the path (run inside a fresh process)."""
    from datetime import UTC

    import nbformat
    import papermill

    from statlib.catalog import default_catalog
    from statlib.params import load_domain
    from statlib.periods import parse_period
    from statlib.render import PageContext, render_page
    from statlib.run import all_domains, execute_notebook, render_period

    catalog = default_catalog()
    figures: dict = {"one_cell": []}
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        one = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")])
        nbformat.write(one, folder / "one.ipynb")
        for _ in range(ONE_CELL_RUNS):
            start = time.perf_counter()
            papermill.execute_notebook(
                str(folder / "one.ipynb"),
                str(folder / "out.ipynb"),
                kernel_name="python3",
                progress_bar=False,
            )
            figures["one_cell"].append(time.perf_counter() - start)
        for domain, label in DOMAINS:
            params = load_domain(catalog.params_file(domain))
            period = parse_period(label, week_end=params.week_end)
            start = time.perf_counter()
            render_period(catalog, params, period, "en")
            total = time.perf_counter() - start
            executed = folder / f"{domain}.ipynb"
            start = time.perf_counter()
            execute_notebook(catalog, domain, label, "en", executed)
            papermill_seconds = time.perf_counter() - start
            nb = nbformat.read(executed, as_version=4)
            cells = [c.metadata.papermill.get("duration") or 0.0 for c in nb.cells]
            opening = next(
                c.metadata.papermill.get("duration") or 0.0
                for c in nb.cells
                if "open_review" in c.source
            )
            context = PageContext(
                domain=domain,
                domain_title=params.title("en"),
                period=label,
                lang="en",
                generated_at=datetime.datetime.now(UTC),
            )
            start = time.perf_counter()
            render_page(executed, folder / f"{domain}.html", context=context)
            export = time.perf_counter() - start
            kernel = (
                subprocess.run(
                    [sys.executable, "-c", KERNEL_IMPORTS.format(domain=domain, period=label)],
                    cwd=catalog.notebooks_dir,
                    capture_output=True,
                    text=True,
                    check=True,
                )
                .stdout.rpartition("STACK:")[2]
                .split()
            )
            figures[domain] = {
                "render_period": total,
                "papermill": papermill_seconds,
                "open_review_cell": opening,
                "section_cells": sum(cells) - opening,
                "render_page": export,
                "statistics_stack": kernel,
            }
    if parallel:
        from statlib.render.batch import render_pages

        declared = all_domains(catalog)
        pages = [(catalog, p, _latest(catalog, p), "en", declared, None) for p in declared]
        for workers in (1, 2):
            start = time.perf_counter()
            results = render_pages(render_period, pages, workers=workers)
            figures[f"pages_{workers}"] = time.perf_counter() - start
            assert all(page for page, _ in results), results
        figures["pages"] = len(pages)
    return figures


def _latest(catalog, params):
    from statlib.periods import parse_period
    from statlib.warehouse import Warehouse

    with Warehouse.open(catalog.warehouse) as warehouse:
        label = warehouse.computed_periods(params.domain)[-1]
    return parse_period(label, week_end=params.week_end)


def run_measure(tree: Path, parallel: bool) -> dict:
    """`measure` in a fresh process with `tree`'s statlib first on the path."""
    env = dict(os.environ, PYTHONPATH=str(tree), STATLIB_ROOT=str(REPO))
    command = [sys.executable, str(Path(__file__).resolve()), "--measure"]
    if parallel:
        command.append("--parallel")
    done = subprocess.run(
        command, cwd=Path(__file__).parent, env=env, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def best(runs: list[dict]) -> dict:
    """The smallest of each figure over the rounds (the least disturbed measurement)."""
    merged: dict = {"one_cell": min(min(r["one_cell"]) for r in runs)}
    for domain, _ in DOMAINS:
        merged[domain] = {
            key: (min(r[domain][key] for r in runs) if key != "statistics_stack" else value)
            for key, value in runs[0][domain].items()
        }
    for key in ("pages_1", "pages_2", "pages"):
        if key in runs[0]:
            merged[key] = min(r[key] for r in runs)
    return merged


def report(results: dict[str, dict], command: str, loads: list) -> str:
    names = list(results)
    lines = [
        SECTION,
        "",
        f"Run {datetime.date.today().isoformat()} on {platform.machine()}, nproc "
        f"{os.cpu_count()} (shared with other jobs), Python {platform.python_version()}. "
        f"Load average (1 min) {loads[0][0]:.1f} at the start, {loads[1][0]:.1f} at the end.",
        f"Command: `{command}`",
        "",
        "Seconds, best of "
        f"{ROUNDS} rounds (the trees alternating); in brackets, in units of papermill "
        "running a one-cell notebook in the same process.",
        "",
        "| statlib | page | one-cell papermill s | render_period s (units) | papermill run s "
        "| open_review cell s | section cells s | render_page s | kernel imports |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name in names:
        figures = results[name]
        unit = figures["one_cell"]
        for domain, _ in DOMAINS:
            f = figures[domain]
            stack = ", ".join(f["statistics_stack"]) or "no statistics stack"
            lines.append(
                f"| {name} | {domain} | {unit:.2f} | {f['render_period']:.2f} "
                f"({f['render_period'] / unit:.1f}) | {f['papermill']:.2f} | "
                f"{f['open_review_cell']:.2f} | {f['section_cells']:.2f} | "
                f"{f['render_page']:.2f} | {stack} |"
            )
    if len(names) == 2:
        before, after = (results[n] for n in names)
        ratios = ", ".join(
            f"{domain} {before[domain]['render_period'] / after[domain]['render_period']:.2f}x "
            f"(render_page {before[domain]['render_page'] / after[domain]['render_page']:.2f}x)"
            for domain, _ in DOMAINS
        )
        lines += ["", f"Speed-up of this tree over {names[0]}: {ratios}."]
    after = results[names[-1]]
    if "pages_2" in after:
        lines += [
            "",
            f"The demo's {after['pages']} pages (`render_pages`, this tree): "
            f"{after['pages_1']:.1f} s one after the other, {after['pages_2']:.1f} s 2 at a "
            f"time ({after['pages_1'] / after['pages_2']:.2f}x; "
            f"{after['pages_2'] / after['pages']:.2f} s of wall time per page).",
        ]
    lines += [
        "",
        "render_period is what `statlib run` does per page after the compute pass: "
        "papermill runs the notebook (a new kernel), the page is exported and written, "
        "and the CSVs beside it. The papermill run is then timed alone, with papermill's "
        "own cell durations: the open_review cell holds the kernel's imports of statlib's "
        "page code and the warehouse reads; section cells are the rest (charts, map, "
        "tables). render_page is the export of that executed notebook (nbformat read, "
        "nbconvert with our template, the outline, the atomic write). Kernel imports: "
        "which of statsmodels and scipy a kernel has loaded after drawing every section.",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", help="commit to compare with")
    parser.add_argument("--quick", action="store_true", help="one round, print only")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--parallel", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.parallel)))
        return
    loads = [os.getloadavg()]
    rounds = 1 if args.quick else ROUNDS
    with tempfile.TemporaryDirectory() as scratch:
        trees = {}
        if args.before:
            trees[f"before ({args.before})"] = extract(args.before, Path(scratch))
        trees["this tree"] = REPO
        runs: dict[str, list[dict]] = {name: [] for name in trees}
        for number in range(rounds):
            for name, tree in trees.items():
                runs[name].append(run_measure(tree, parallel=tree == REPO))
                print(f"round {number + 1}, {name}: done", file=sys.stderr, flush=True)
    loads.append(os.getloadavg())
    command = ".venv/bin/python " + " ".join(["benchmarks/render.py", *sys.argv[1:]])
    section = report({name: best(r) for name, r in runs.items()}, command, loads)
    print(section)
    if not args.quick:
        replace_section(SECTION, section)


if __name__ == "__main__":
    main()
