"""The `statlib` command: build, run and demo, with progress bars and plain errors.

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

from statlib.catalog import default_catalog
from statlib.errors import StatlibError
from statlib.messages import LANGS


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="statlib", description="Performance-review notebooks: build, compute, render."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("build", help="ingest the bundled data into the warehouse")
    for name, text in (
        ("run", "compute and render domains for one period"),
        ("demo", "build, then render every domain for the latest period"),
    ):
        command = commands.add_parser(name, help=text)
        command.add_argument("--lang", choices=LANGS, default="en", help="page language")
        command.add_argument(
            "--workers",
            type=int,
            default=os.cpu_count() or 1,
            help="processes for the statistics pass (default: all cores)",
        )
        command.add_argument(
            "--scheduler",
            help="Dask distributed scheduler address (tcp://host:8786) to scale the "
            "statistics out over a cluster, or 'local' for a local Dask cluster",
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
    commands.add_parser("index", help="rewrite outputs/index.html from the pages on disk")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `statlib` command."""
    args = _parser().parse_args(argv)
    from statlib import run as runner  # heavy: see the module docstring

    catalog = default_catalog()
    try:
        if args.command == "build":
            runner.build(catalog)
            print(f"warehouse: {catalog.warehouse}")
            return 0
        if args.command == "index":
            print(runner.write_site_index(catalog, "en"))
            return 0
        if args.command == "demo":
            outcomes = runner.demo(
                catalog, lang=args.lang, workers=args.workers, scheduler=args.scheduler
            )
        else:
            outcomes = runner.run(
                catalog,
                domains=args.domain,
                period=args.period,
                lang=args.lang,
                workers=args.workers,
                scheduler=args.scheduler,
            )
    except StatlibError as error:
        print(f"statlib: error: {error}", file=sys.stderr)
        return 2
    for outcome in outcomes:
        if outcome.page:
            print(f"  {outcome.domain} {outcome.period}: {outcome.page}")
        else:
            print(f"  {outcome.domain} {outcome.period}: FAILED: {outcome.error}", file=sys.stderr)
    failed = [o for o in outcomes if o.error]
    if any(o.page for o in outcomes):
        print(f"Open {catalog.outputs_dir / 'index.html'} in a browser.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
