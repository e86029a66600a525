"""The `statlib` command: build, submit, run and demo, with progress bars and plain errors.

Exit codes: 0 done, 1 some domain failed or a waiting submission was refused (the rest was
done, each failure is reported), 2 bad input or usage.

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

from statlib.catalog import Catalog, default_catalog
from statlib.errors import ParamsError, StatlibError, SubmissionsRefused
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


def _actions_parser(commands: argparse._SubParsersAction) -> None:
    """`statlib actions add|close`: what a review agreed, into data/actions/<domain>.csv."""
    actions = commands.add_parser(
        "actions",
        help="record actions agreed or closed at a review in the register, and write the "
        "follow-up memo (outputs/<period>/<domain>.followup.html)",
    )
    verbs = actions.add_subparsers(dest="verb", required=True)
    add = verbs.add_parser("add", help="add an open action agreed at a review")
    close = verbs.add_parser("close", help="mark an action done or dropped")
    close.add_argument("action_id", help="the action's id, e.g. PS-2026-02")
    for verb in (add, close):
        verb.add_argument("--domain", required=True, help="domain key, e.g. public_safety")
        verb.add_argument("--period", help="the review's period (default: the newest one computed)")
        verb.add_argument("--lang", choices=LANGS, default="en", help="follow-up memo language")
        _waits(verb)
    for name, text in (
        ("unit", "unit key as in the data, or citywide"),
        ("metric", "metric key of params/<domain>.yaml"),
        ("owner", "the person or office answerable"),
        ("action", "what was agreed"),
        ("due", "period label it is due by, e.g. 2026-W36"),
    ):
        add.add_argument(f"--{name}", required=True, help=text)
    add.add_argument("--id", help="action id (default: <period>-<n>)")
    close.add_argument("--status", choices=("done", "dropped"), default="done")
    close.add_argument("--update", help="the latest word on it")


def _record_action(catalog: Catalog, args: argparse.Namespace) -> tuple[dict[str, str], Path]:
    """Run `statlib actions add|close`; the row written and the follow-up memo's path."""
    from statlib import register
    from statlib.params import load_domain

    params = load_domain(catalog.params_file(args.domain))
    period = register.reviewed_period(catalog, params, args.period)
    units = register.register_units(catalog, params)
    if args.verb == "add":
        row = register.add_action(
            catalog,
            params,
            units,
            agreed_period=period.label,
            unit=args.unit,
            metric=args.metric,
            owner=args.owner,
            action=args.action,
            due_period=args.due,
            action_id=args.id,
        )
    else:
        row = register.close_action(
            catalog,
            params,
            units,
            args.action_id,
            closed_period=period.label,
            status=args.status,
            update=args.update,
        )
    return row, register.write_followup_memo(catalog, params, period, args.lang, units)


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
        command.add_argument(
            "--lang",
            choices=LANGS,
            default="en" if name == "run" else None,
            help="page language" + (" (default: every language)" if name == "demo" else ""),
        )
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
    _waits(commands.add_parser("index", help="rewrite outputs/index.html from the pages on disk"))
    _actions_parser(commands)
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
    from statlib.site import write_site_indexes

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
        if args.command == "actions":
            row, memo = _record_action(catalog, args)
            print(
                f"{row['action_id']}: {row['status']} ({catalog.actions_file(args.domain)}); "
                f"follow-up memo: {memo}. `statlib build` loads the register."
            )
            return 0
        if args.command == "index":
            for index in write_site_indexes(catalog, runner.all_domains(catalog)):
                print(index)
            return 0
        if args.command == "demo":
            outcomes = runner.demo(
                catalog,
                langs=LANGS if args.lang is None else (args.lang,),
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
    except SubmissionsRefused as refused:  # the build was done but for these files
        print(f"statlib: {refused}", file=sys.stderr)
        return 1
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
