"""Start-up: `statlib --help`, `import statlib.cli`, and what a worker process pays.

Compares the statlib of this working tree with the one of an earlier commit (`--before`,
extracted with `git archive` into a temporary folder and put first on PYTHONPATH), in
the same run, alternating between the two so that both see the same machine load:

- wall seconds of the console script `statlib --help` (RUNS runs each; median and best),
  against `python -c pass` (the interpreter's own start-up) measured the same way;
- `python -X importtime -c "import statlib.cli"`: the cumulative import time of
  statlib.cli and its largest imports (best of IMPORT_RUNS);
- a worker of the statistics pass: forkserver workers import their parent's main module
  (the console script, hence statlib.cli) on top of the preloaded statlib.compute; timed
  as `import statlib.cli` in a process that has already imported statlib.compute;
- which heavy packages `import statlib.cli` loads.

Usage:
    .venv/bin/python benchmarks/startup.py --before 657bfaf   # README
    .venv/bin/python benchmarks/startup.py --quick            # this tree only, prints only
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

from readme_sections import replace_section

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SECTION = "## Start-up"
RUNS = 5
IMPORT_RUNS = 3
HEAVY = (
    "papermill",
    "nbformat",
    "jsonschema",
    "nbconvert",
    "statsmodels",
    "scipy",
    "matplotlib",
    "pandas",
    "duckdb",
)
WORKER = (
    "import time, statlib.compute; start = time.perf_counter(); import statlib.cli; "
    "print(time.perf_counter() - start)"
)
LOADED = f"import sys, statlib.cli; print(' '.join(m for m in {HEAVY!r} if m in sys.modules))"


def extract(ref: str, folder: Path) -> Path:
    """The `statlib` package of commit `ref`, extracted under `folder`; returns `folder`."""
    archive = subprocess.run(
        ["git", "archive", ref, "statlib"], cwd=REPO, check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def run(command: list[str], tree: Path) -> subprocess.CompletedProcess:
    """`command` with `tree`'s statlib first on the path, from a neutral folder."""
    env = dict(os.environ, PYTHONPATH=str(tree))
    return subprocess.run(
        command, cwd=tempfile.gettempdir(), env=env, capture_output=True, text=True, check=True
    )


def wall(command: list[str], tree: Path) -> float:
    start = time.perf_counter()
    run(command, tree)
    return time.perf_counter() - start


def import_times(tree: Path) -> tuple[float, list[tuple[str, float]]]:
    """Seconds to import statlib.cli, and its largest direct imports (name, seconds)."""
    best: tuple[float, list[tuple[str, float]]] | None = None
    for _ in range(IMPORT_RUNS):
        lines = run([sys.executable, "-X", "importtime", "-c", "import statlib.cli"], tree)
        rows = []
        for line in lines.stderr.splitlines():
            if not line.startswith("import time:") or "|" not in line:
                continue
            _, cumulative, name = line.split("|")
            if cumulative.strip().isdigit():
                # one space, then two more per level of nesting: statlib.cli is level 0
                depth = (len(name) - len(name.lstrip()) - 1) // 2
                rows.append((depth, name.strip(), int(cumulative) / 1e6))
        total = next(seconds for _, name, seconds in rows if name == "statlib.cli")
        children = [(name, seconds) for depth, name, seconds in rows if depth == 1]
        children = sorted(children, key=lambda row: -row[1])[:4]
        if best is None or total < best[0]:
            best = (total, children)
    assert best is not None
    return best


def measure(trees: dict[str, Path]) -> dict[str, dict]:
    """Every figure for every tree, the wall-time runs alternating between trees."""
    python = [sys.executable, "-c", "pass"]
    script = [str(BIN / "statlib"), "--help"]
    results: dict[str, dict] = {name: {"help": [], "worker": []} for name in trees}
    baseline = []
    for _ in range(RUNS):
        baseline.append(wall(python, REPO))
        for name, tree in trees.items():
            results[name]["help"].append(wall(script, tree))
            results[name]["worker"].append(float(run([sys.executable, "-c", WORKER], tree).stdout))
    for name, tree in trees.items():
        results[name]["import"] = import_times(tree)
        results[name]["loaded"] = run([sys.executable, "-c", LOADED], tree).stdout.split()
        results[name]["baseline"] = baseline
    return results


def report(results: dict[str, dict], labels: dict[str, str], command: str) -> str:
    baseline = statistics.median(next(iter(results.values()))["baseline"])
    lines = [
        SECTION,
        "",
        f"Run {datetime.date.today()} on {platform.machine()}, nproc {os.cpu_count()} (shared "
        f"with other jobs), Python {platform.python_version()}. Load average (1 min) "
        f"{os.getloadavg()[0]:.1f} at the end.",
        f"Command: `{command}`",
        "",
        "| statlib | `statlib --help` s, median (best) of "
        f"{RUNS} | in `python -c pass` units | `import statlib.cli` s | "
        "largest imports under it, s | a worker's extra imports s | heavy packages loaded |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, figures in results.items():
        total, children = figures["import"]
        largest = ", ".join(f"{child} {seconds:.2f}" for child, seconds in children)
        lines.append(
            f"| {labels[name]} | {statistics.median(figures['help']):.2f} "
            f"({min(figures['help']):.2f}) | {statistics.median(figures['help']) / baseline:.1f} | "
            f"{total:.2f} | {largest} | {min(figures['worker']):.2f} | "
            f"{', '.join(figures['loaded']) or 'none'} |"
        )
    lines += [
        "",
        f"`python -c pass`: median {baseline:.3f} s in the same run (the unit of the third "
        "column). A worker's extra imports: `import statlib.cli` in a process that has "
        "already imported statlib.compute, which is what each forkserver worker of the "
        "statistics pass imports when the pass runs under the `statlib` console script "
        "(the workers re-import the parent's main module). Heavy packages: which of "
        f"{', '.join(HEAVY)} are in sys.modules after `import statlib.cli`. Import times are "
        f"the best of {IMPORT_RUNS} `-X importtime` runs.",
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", help="an earlier commit to compare with")
    parser.add_argument("--quick", action="store_true", help="print only (no README)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        trees, labels = {"now": REPO}, {"now": "this tree"}
        if args.before:
            trees = {"before": extract(args.before, Path(folder)), **trees}
            labels["before"] = f"before (commit {args.before})"
        results = measure(trees)
    command = "cd /work/main && .venv/bin/python " + " ".join(
        ["benchmarks/startup.py", *sys.argv[1:]]
    )
    section = report(results, labels, command)
    print(section)
    if not args.quick:
        replace_section(SECTION, section)


if __name__ == "__main__":
    main()
