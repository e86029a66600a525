"""The `statlib` command: build, submit, run and demo, with progress bars and plain errors.

Exit codes: 0 done, 1 some domain failed (all are reported), 2 bad input or usage.

The runner (papermill, nbformat, the statistics) is imported only once a command runs:
`statlib --help` stays quick, and the statistics pass's worker processes, which import
this module again as their parent's main module, do not pay for it.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from contextlib import ExitStack
from datetime import date
from pathlib import Path

from statlib.catalog import default_catalog
from statlib.errors import ParamsError, StatlibError
from statlib.messages import LANGS


def _workers(text: str) -> int:
    """A number of worker processes: a whole number of at least 1."""
    if not text.strip().isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of processes (1 or more)")
    return int(text)


def _seconds(text: str) -> float:
    """A number of seconds to wait: 0 or more."""
    try:
        seconds = float(text)
    except ValueError:
        seconds = -1.0
    if not seconds >= 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds (0 or more)")
    return seconds


def _waits(command: argparse.ArgumentParser) -> None:
    """The --wait option of a command that writes the warehouse or pages (statlib.lock)."""
    command.add_argument(
        "--wait",
        type=_seconds,
        default=0.0,
        metavar="SECONDS",
        help="if another statlib process is writing, wait this long for it (default 0: "
        "stop at once with a message)",
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="statlib", description="Performance-review notebooks: build, compute, render."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    _waits(commands.add_parser("build", help="ingest the bundled data into the warehouse"))
    submit = commands.add_parser(
        "submit", help="check a department's submission (.xlsx or .csv) and load it"
    )
    submit.add_argument("file", type=Path, help="the submitted file")
    submit.add_argument("--domain", required=True, help="domain key, e.g. industrial_economy")
    submit.add_argument(
        "--period", help="the period it must report, e.g. 2020-08 or 2020年1-8月 (checked)"
    )
    submit.add_argument("--kind", help="kind of submission (default: by its file name)")
    _waits(submit)
    for name, text in (
        ("run", "compute and render domains for one period"),
        ("demo", "build, then render every domain for the latest period"),
    ):
        command = commands.add_parser(name, help=text)
        command.add_argument("--lang", choices=LANGS, default="en", help="page language")
        _waits(command)
        command.add_argument(
            "--workers",
            type=_workers,
            default=os.cpu_count() or 1,
            help="processes for the statistics pass (default: all cores)",
        )
        command.add_argument(
            "--scheduler",
            help="Dask distributed scheduler address (tcp://host:8786) to scale the "
            "statistics out over a cluster, or 'local' for a local Dask cluster",
        )
        command.add_argument(
            "--force",
            action="store_true",
            help="redo every page, even those whose inputs are unchanged (outputs/manifest.json)",
        )
        if name == "run":
            command.add_argument(
                "--domain",
                action="append",
                help="domain key (repeatable; default: every domain in params/)",
            )
            command.add_argument(
                "--period",
                default="latest",
                help="period label, e.g. 2026-W33 (default: latest in the data)",
            )
            command.add_argument(
                "--due",
                action="store_true",
                help="instead of --period: every period due today in each domain (complete "
                "and past its publication_lag_days), missed ones caught up in order",
            )
            command.add_argument(
                "--as-of",
                metavar="LOAD_OR_DATE",
                help="reproduce the pages from the data known then: a load id (pages say "
                "'data as of load N') or an ISO date/time in UTC; written to "
                "outputs/as-of-load-N/",
            )
    commands.add_parser("index", help="rewrite outputs/index.html from the pages on disk")
    notebook = commands.add_parser(
        "notebook", help="write notebooks/<domain>.ipynb from the sections its params list"
    )
    notebook.add_argument("domain", help="domain key, e.g. industrial_economy")
    notebook.add_argument("--force", action="store_true", help="replace an existing notebook")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `statlib` command."""
    args = _parser().parse_args(argv)
    # heavy: see the module docstring
    from statlib import intake
    from statlib import run as runner
    from statlib.lock import exclusive
    from statlib.params import load_domain
    from statlib.report.notebook import write_notebook
    from statlib.site import write_site_index

    catalog = default_catalog()
    writing = ExitStack()  # the lock of a writing command (statlib.lock), held until done
    try:
        if getattr(args, "wait", None) is not None:
            writing.enter_context(exclusive(catalog, wait=args.wait))
        if args.command == "build":
            runner.build(catalog)
            print(f"warehouse: {catalog.warehouse}")
            return 0
        if args.command == "submit":
            submission, load_id = intake.submit(
                catalog, args.file, args.domain, period=args.period, kind=args.kind
            )
            print(
                f"{submission.file}: {len(submission.observations)} observations of "
                f"{submission.source}, load {load_id}"
            )
            return 0
        if args.command == "notebook":
            params = load_domain(catalog.params_file(args.domain))
            path = write_notebook(catalog.notebook(args.domain), params, force=args.force)
            print(f"notebook: {path}")
            return 0
        if args.command == "index":
            print(write_site_index(catalog, runner.all_domains(catalog), "en"))
            return 0
        if args.command == "demo":
            outcomes = runner.demo(
                catalog,
                lang=args.lang,
                workers=args.workers,
                scheduler=args.scheduler,
                force=args.force,
            )
        else:
            if args.due and (args.period != "latest" or args.as_of):
                raise ParamsError("--due chooses the periods itself: give no --period or --as-of")
            outcomes = runner.run(
                catalog,
                domains=args.domain,
                period=args.period,
                as_of=args.as_of,
                lang=args.lang,
                workers=args.workers,
                scheduler=args.scheduler,
                force=args.force,
                due=date.today() if args.due else None,
            )
    except StatlibError as error:
        print(f"statlib: error: {error}", file=sys.stderr)
        return 2
    finally:
        writing.close()
    for outcome in outcomes:
        if outcome.waiting:
            print(f"  {outcome.domain} {outcome.period}: due, waiting for data ({outcome.waiting})")
        elif outcome.skipped:
            print(f"  {outcome.domain} {outcome.period}: unchanged, skipped (--force redoes it)")
        elif outcome.page:
            print(f"  {outcome.domain} {outcome.period}: {outcome.page}")
        else:
            print(f"  {outcome.domain} {outcome.period}: FAILED: {outcome.error}", file=sys.stderr)
    failed = [o for o in outcomes if o.error]
    if any(o.page and not o.skipped for o in outcomes):
        print(f"Open {catalog.outputs_dir / 'index.html'} in a browser.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
