"""The review cycle over three consecutive months of the demo's industrial economy.

Build, `run --due`, the briefing memo, actions recorded after the meeting, the next
month's memo following them up, a rerun with nothing changed doing nothing, another
language reusing the computed run, a corrected submission recomputing only its domain,
and the warehouse not growing when runs are repeated.
"""

from __future__ import annotations

import json
import re
import shutil
from datetime import date

import pytest
from conftest import copy_project

from statlib import run
from statlib.cli import main
from statlib.errors import SubmissionsRefused
from statlib.manifest import plan_page
from statlib.params import load_domain
from statlib.periods import parse_period
from statlib.warehouse import Warehouse

pytestmark = pytest.mark.slow
DOMAIN = "industrial_economy"


def _runs(catalog) -> int:
    with Warehouse.open(catalog.warehouse) as warehouse:
        return warehouse._con.execute("SELECT count(*) FROM runs").fetchone()[0]


def _result_rows(catalog) -> int:
    with Warehouse.open(catalog.warehouse) as warehouse:
        return warehouse._con.execute("SELECT count(*) FROM flags").fetchone()[0]


def _done(outcomes) -> list[tuple[str, str, bool]]:
    return [(o.domain, o.period, o.skipped) for o in outcomes if o.page]


def test_the_review_cycle_runs_itself(tmp_path, monkeypatch, capsys):
    catalog = copy_project(tmp_path)
    monkeypatch.setenv("STATLIB_ROOT", str(tmp_path))
    waiting = tmp_path / "later"
    waiting.mkdir()
    incoming = catalog.submissions_dir(DOMAIN)
    for month in ("2020-07", "2020-08"):
        for path in incoming.glob(f"{month}-*.xlsx"):
            shutil.move(path, waiting / path.name)
    run.build(catalog, progress=False)

    # July 25th: June is complete (its tables were due by July 20th); July is not.
    june = run.run(catalog, domains=[DOMAIN], due=date(2020, 7, 25), workers=1, progress=False)
    assert _done(june) == [(DOMAIN, "2020-06", False)]
    memo = catalog.page("2020-06", DOMAIN, ".memo.html").read_text()
    assert "Briefing: Industrial economy" in memo and "Data problems to resolve" in memo
    # No action yet: the actions CSV is its header alone.
    header = catalog.page("2020-06", DOMAIN, ".actions.csv").read_text().splitlines()
    assert len(header) == 1 and header[0].startswith("domain,") and "action_id" in header[0]

    # After the meeting: an action agreed, the follow-up memo written.
    assert (
        main(
            [
                "actions",
                "add",
                "--domain",
                DOMAIN,
                "--unit",
                "chengdong",
                "--metric",
                "electricity",
                "--owner",
                "Chengdong district office",
                "--action",
                "Check the power meters of the largest firms",
                "--due",
                "2020-07",
            ]
        )
        == 0
    )
    followup = catalog.page("2020-06", DOMAIN, ".followup.html").read_text()
    assert "2020-06-1" in followup.split('id="agreed"')[1]
    assert "2020-06-1" in followup.split('id="due-next"')[1]

    # August 25th: July's tables have arrived; June is not redone, July is reviewed.
    for path in waiting.glob("2020-07-*.xlsx"):
        shutil.move(path, incoming / path.name)
    run.build(catalog, progress=False)
    july = run.run(catalog, domains=[DOMAIN], due=date(2020, 8, 25), workers=1, progress=False)
    assert _done(july) == [(DOMAIN, "2020-07", False)]
    memo = catalog.page("2020-07", DOMAIN, ".memo.html").read_text()
    assert "2020-06-1" in memo.split('id="actions-due"')[1]  # followed up: due this month
    assert "2020-06-1" in catalog.page("2020-07", DOMAIN, ".actions.csv").read_text()

    # September 25th: August is complete but its tables have not arrived.
    assert main(["run", "--domain", DOMAIN, "--due", "--workers", "1"]) == 0  # today: nothing
    september = run.run(catalog, domains=[DOMAIN], due=date(2020, 9, 25), progress=False)
    assert [(o.period, o.waiting) for o in september] == [("2020-08", "the data run to 2020-07")]

    # A rerun with nothing changed does nothing, says so, and adds nothing.
    runs, rows, size = _runs(catalog), _result_rows(catalog), catalog.warehouse.stat().st_size
    capsys.readouterr()
    assert main(["run", "--domain", DOMAIN, "--period", "2020-07", "--workers", "1"]) == 0
    assert f"{DOMAIN} 2020-07: unchanged, skipped (--force redoes it)" in capsys.readouterr().out
    assert (_runs(catalog), _result_rows(catalog)) == (runs, rows)

    # Another language reuses the computed run: rendered again, not computed.
    chinese = run.run(catalog, domains=[DOMAIN], period="2020-07", lang="zh", progress=False)
    assert _done(chinese) == [(DOMAIN, "2020-07", False)] and _runs(catalog) == runs
    chinese_pages = catalog.in_language("zh")  # a tree of its own: the English page stays
    assert "会前简报" in chinese_pages.page("2020-07", DOMAIN, ".memo.html").read_text()
    assert "会前简报" not in catalog.page("2020-07", DOMAIN, ".memo.html").read_text()
    manifest = json.loads((chinese_pages.outputs_dir / "manifest.json").read_text())
    entry = manifest["pages"][f"2020-07/{DOMAIN}"]
    assert entry["lang"] == "zh" and entry["statlib_version"] and entry["params_hash"]
    assert set(entry["files"]) >= {f"2020-07/{DOMAIN}.html", f"2020-07/{DOMAIN}.memo.html"}

    # --force recomputes; the superseded run's results are pruned: the results stay as many.
    forced = run.run(
        catalog, domains=[DOMAIN], period="2020-07", lang="zh", force=True, progress=False
    )
    assert _done(forced) == [(DOMAIN, "2020-07", False)] and _runs(catalog) == runs + 1
    # The English page still shows the run it was made from: its results are kept until
    # that page is made again, from the new run (rendered, not computed), then pruned.
    assert _result_rows(catalog) > rows
    english = run.run(catalog, domains=[DOMAIN], period="2020-07", progress=False)
    assert _done(english) == [(DOMAIN, "2020-07", False)] and _runs(catalog) == runs + 1
    assert _result_rows(catalog) == rows
    assert catalog.warehouse.stat().st_size <= size * 1.05

    # A corrected July submission recomputes July; the other domains' inputs are untouched.
    with Warehouse.open(catalog.warehouse) as warehouse:
        before = warehouse.domain_loads("public_safety")
    corrected = incoming / "2020-07b-districts.xlsx"
    shutil.copyfile(incoming / "2020-07-districts.xlsx", corrected)
    _change_a_figure(corrected)
    run.build(catalog, progress=False)
    with Warehouse.open(catalog.warehouse) as warehouse:
        assert warehouse.domain_loads("public_safety") == before
    params = load_domain(catalog.params_file(DOMAIN))
    plan = plan_page(catalog, params, parse_period("2020-07"), "zh", run.all_domains(catalog))
    assert plan.action == "compute"
    run.run(catalog, domains=[DOMAIN], period="2020-07", progress=False)

    # A broken file arrives: the build loads the rest and says what it refused; July's
    # memo, rendered again from the same run, lists it for the operations team.
    broken = incoming / "2020-07c-districts.xlsx"
    shutil.copyfile(incoming / "2020-07-districts.xlsx", broken)
    _change_a_figure(broken, to="二点一")
    with pytest.raises(SubmissionsRefused, match="2020-07c-districts.xlsx"):
        run.build(catalog, progress=False)
    runs = _runs(catalog)
    listed = run.run(catalog, domains=[DOMAIN], period="2020-07", progress=False)
    assert _done(listed) == [(DOMAIN, "2020-07", False)] and _runs(catalog) == runs
    problems = catalog.page("2020-07", DOMAIN, ".memo.html").read_text().split('id="data-problems"')
    assert "2020-07c-districts.xlsx was refused, nothing of it loaded (1 problem(s))" in problems[1]
    assert "“二点一” is not a number (rule: not_a_number)" in problems[1]
    broken.unlink()  # withdrawn: the memo no longer lists it
    run.run(catalog, domains=[DOMAIN], period="2020-07", progress=False)
    assert "was refused" not in catalog.page("2020-07", DOMAIN, ".memo.html").read_text()


def _change_a_figure(path, to: str | None = None) -> None:
    """Raise the first figure of the sheet's last row by one (a corrected figure), or set
    it to `to`. The demo workbooks hold figures as text ("2.5", "68,464")."""
    from openpyxl import load_workbook

    book = load_workbook(path)
    sheet = book.active
    cell = next(c for c in sheet[sheet.max_row] if re.fullmatch(r"-?[\d,]+(\.\d+)?", str(c.value)))
    cell.value = f"{float(cell.value.replace(',', '')) + 1:g}" if to is None else to
    book.save(path)
