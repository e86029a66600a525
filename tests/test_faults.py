"""Faults: random malformed inputs end in a clear message and leave the warehouse untouched.

Hypothesis breaks a valid action register and a valid department submission (CSV) in
random ways, one rule at a time, and feeds each to the command an analyst would run
(`statlib build`, `statlib submit`). Every broken file must be refused with statlib's
one-paragraph error (exit code 2, no traceback) naming the file and the row that is wrong
(the file alone when the whole file is wrong: empty, a column missing, not text), and the
warehouse must be byte for byte what it was.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import os
import re
import resource
import shutil
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from conftest import small_project
from hypothesis import given, settings
from hypothesis import strategies as st

from statlib import build, intake, run
from statlib import schema as S
from statlib.catalog import Catalog
from statlib.cli import main
from statlib.ingest.sheets import read_grids
from statlib.ingest.submission_table import name_index, normalise
from statlib.ingest.submissions import NOT_REPORTED, read_submission
from statlib.params import load_domain
from statlib.periods import parse_period
from statlib.register import write_followup_memo
from statlib.warehouse import Warehouse

pytestmark = pytest.mark.slow
DOMAIN = "industrial_economy"
ROOT = Path(__file__).resolve().parents[1]
PARAMS = load_domain(ROOT / "params" / f"{DOMAIN}.yaml")
FUZZ = settings(max_examples=40, deadline=None)

# --- a valid register of the industrial economy, and ways to break it -----------------
HEADER = list(S.ACTION_COLUMNS)
REGISTER = [
    ["IE-1", "2020-06", "Chengdong district office", "chengdong", "electricity",
     "Check the power meters of the largest firms", "2020-08", "open", "", ""],
    ["IE-2", "2020-05", "City tax office", "citywide", "industrial_tax",
     "Review the tax arrears", "2020-07", "done", "2020-07", "Arrears collected"],
    ["IE-3", "2020-07", "Nanhu district office", "nanhu", "firms",
     "Visit the firms that closed", "2020-09", "open", "", "Visits planned"],
    ["IE-4", "2020-06", "City bureau", "gaoxin", "industrial_investment",
     "Speed up the approvals", "2020-10", "dropped", "2020-08", ""],
]  # fmt: skip
REQUIRED = HEADER[:8]  # closed_period and update may be empty
PERIODS = ("agreed_period", "due_period", "closed_period")
UNITS = set(intake.declared_units(PARAMS)[S.UNIT])
METRICS = {m.key for m in PARAMS.metrics}
# Texts that are no month label in any form (a label has digits).
NO_DIGITS = st.text(st.characters(exclude_categories=("Nd", "Cs")), min_size=1, max_size=12)
WRONG_PERIODS = st.sampled_from(
    ["2020-W05", "2020-F03", "2020-Q3", "2020-13", "2020-00", "FY2020", "2020", "07/2020",
     "2020年7月", "2020-7", "2020-07-01"]  # fmt: skip
)
BLANKS = st.text(" \t\u3000\xa0", max_size=3)  # Excel's padding: an empty cell still


def csv_bytes(rows: list[list[str]], encoding: str = "utf-8", newline: str = "\n") -> bytes:
    """The grid as CSV bytes, every cell kept in its cell.

    Python's writer quotes a cell only for the line terminator's own characters: with "\n"
    a bare CR in a drawn name would be written unquoted and end the row, as Excel (and
    statlib) read it. Such a grid is written fully quoted instead.
    """
    buffer = io.StringIO()
    carriage = any("\r" in cell for row in rows for cell in row)
    quoting = csv.QUOTE_ALL if carriage else csv.QUOTE_MINIMAL
    csv.writer(buffer, lineterminator=newline, quoting=quoting).writerows(rows)
    return buffer.getvalue().encode(encoding)


def _not_in(known: set[str]) -> st.SearchStrategy[str]:
    """Any text that, stripped as the reader strips it, is none of `known`."""
    return st.text(max_size=12).filter(lambda t: "\x00" not in t and t.strip() not in known)


@st.composite
def broken_registers(draw) -> tuple[bytes, int | None, str]:
    """A register with one rule broken: (its bytes, the data row named or None, the rule)."""
    rows = [list(HEADER)] + [list(r) for r in REGISTER]
    row = draw(st.integers(1, len(REGISTER)))
    line = rows[row]
    status_open = line[7] == "open"
    rule = draw(
        st.sampled_from(
            ["blank", "period", "unit", "metric", "status", "order", "closed", "duplicate",
             "latin1", "extra_cell", "open_quote", "cut_row", "empty", "no_column",
             "renamed_column", "utf16_without_mark"]  # fmt: skip
        )
    )
    encoding, expected = "utf-8", row
    if rule == "blank":
        line[HEADER.index(draw(st.sampled_from(REQUIRED)))] = draw(BLANKS)
    elif rule == "period":
        column = draw(st.sampled_from(PERIODS))
        bad = draw(st.one_of(WRONG_PERIODS, NO_DIGITS.filter(lambda t: t.strip() != "")))
        line[HEADER.index(column)] = bad
    elif rule == "unit":
        line[3] = draw(_not_in(UNITS))
    elif rule == "metric":
        line[4] = draw(_not_in(METRICS))
    elif rule == "status":
        line[7] = draw(_not_in(set(S.ACTION_STATUSES)))
    elif rule == "order":  # due, or closed, before agreed
        line[6 if status_open else 8] = "2020-01"
    elif rule == "closed":  # open with a closed period, or closed without one
        line[8] = "2020-08" if status_open else draw(BLANKS)
    elif rule == "duplicate":
        row = expected = max(row, 2)
        rows[row][0] = rows[draw(st.integers(1, row - 1))][0]
    elif rule == "latin1":  # an Excel "CSV" saved in the Windows code page
        line[2] += draw(st.characters(min_codepoint=0xA0, max_codepoint=0xFF))
        encoding = "latin-1"
    elif rule == "extra_cell":
        line += draw(st.lists(st.text(max_size=5), min_size=1, max_size=3))
    elif rule in ("open_quote", "cut_row"):
        lines = csv_bytes(rows).decode().splitlines()
        if rule == "cut_row":  # the file ends within the row, before its due_period
            stop = draw(st.integers(1, len(",".join(line[:6]))))
            return "\n".join([*lines[:row], lines[row][:stop]]).encode(), expected, rule
        field = draw(st.integers(0, len(line) - 1))  # a quote opens a cell and never closes
        start = len(",".join(line[:field])) + (1 if field else 0)
        lines[row] = lines[row][:start] + '"' + lines[row][start:]
        return "\n".join(lines).encode(), expected, rule
    else:
        expected = None
        if rule == "empty":
            return draw(BLANKS).encode(), None, rule
        column = HEADER.index(draw(st.sampled_from(REQUIRED)))
        if rule == "no_column":
            rows = [r[:column] + r[column + 1 :] for r in rows]
        elif rule == "renamed_column":
            rows[0][column] = draw(_not_in(set(HEADER)))
        else:
            encoding = "utf-16-le"
    if draw(st.booleans()):  # harmless noise: Excel's byte-order mark and line ends
        return b"\xef\xbb\xbf" + csv_bytes(rows, encoding, "\r\n"), expected, rule
    return csv_bytes(rows, encoding), expected, rule


# --- a valid submission table (CSV) and ways to break it ------------------------------
SUBMISSION = ROOT / "data" / "submissions" / DOMAIN / "2020-08-districts.xlsx"
FIRST_ROW, LAST_ROW = 5, 15  # the city, then its ten districts (rows 3-4: the header)
GROWTH_COLUMNS = (2, 5, 6, 8, 11, 13)
LEVEL_COLUMNS = (3, 4, 7, 9, 10, 12)
NOT_NUMBERS = st.one_of(
    st.sampled_from(["inf", "-inf", "nan", "NaN", "Infinity", "1e999", "二点一", "1.2.3",
                     "12abc", "--5", "5-", "1_000"]),  # fmt: skip
    st.text(st.characters(categories=("Lu", "Ll", "Lo")), min_size=1, max_size=8),
).filter(lambda t: t.strip().casefold() not in NOT_REPORTED)
KNOWN_UNITS = set(name_index(PARAMS)[2])


def submission_grid() -> list[list[str]]:
    return [list(row) for row in read_grids(SUBMISSION)[0].rows]


@st.composite
def broken_submissions(draw) -> tuple[bytes, int | None, str]:
    """A CSV submission with one rule broken: (its bytes, the row named or None, the rule)."""
    grid = submission_grid()
    row = draw(st.integers(FIRST_ROW, LAST_ROW))
    cells = grid[row - 1]
    rule = draw(
        st.sampled_from(
            ["not_a_number", "negative", "growth", "unknown_unit", "repeated", "month_above",
             "measure", "empty", "no_key_column", "binary"]  # fmt: skip
        )
    )
    expected = row
    if rule == "not_a_number":
        cells[draw(st.sampled_from(GROWTH_COLUMNS + LEVEL_COLUMNS)) - 1] = draw(NOT_NUMBERS)
    elif rule == "negative":
        cells[draw(st.sampled_from(LEVEL_COLUMNS)) - 1] = f"-{draw(st.integers(1, 10**6))}"
    elif rule == "growth":
        cells[draw(st.sampled_from(GROWTH_COLUMNS)) - 1] = f"-{draw(st.integers(101, 10**5))}.5"
    elif rule == "unknown_unit":
        cells[0] = draw(
            st.text(max_size=8).filter(lambda t: t.strip() and normalise(t) not in KNOWN_UNITS)
        )
    elif rule == "repeated":
        other = draw(st.integers(FIRST_ROW, LAST_ROW).filter(lambda r: r != row))
        cells[0] = grid[other - 1][0]
        expected = max(row, other)
    elif rule == "month_above":  # this month above the year to date
        cumulative = int(cells[9].replace(",", ""))
        cells[8] = str(cumulative + draw(st.integers(1, 10**5)))
    elif rule == "measure":  # a unit of measure the metric cannot be converted from
        grid[3][6] = f"1-8月累计({draw(st.sampled_from(['万美元', '吨', '千克', '亿美元']))})"
        expected = 4
    else:
        expected = None
        if rule == "empty":
            return b"", None, rule
        if rule == "binary":
            return draw(st.binary(min_size=1, max_size=300)), None, rule
        for header_row in (2, 3):
            grid[header_row][0] = draw(st.sampled_from(["名称", "", "District name", "单位"]))
    encoding = draw(st.sampled_from(["utf-8-sig", "utf-8", "gb18030"]))  # all read
    return csv_bytes(grid, encoding), expected, rule


# --- the project and the commands ------------------------------------------------------
@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    """A built warehouse of July and August 2020 with the valid register loaded."""
    catalog = small_project(tmp_path_factory.mktemp("faults"), ("2020-07", "2020-08"))
    catalog.actions_file(DOMAIN).parent.mkdir(parents=True)
    catalog.actions_file(DOMAIN).write_bytes(csv_bytes([HEADER, *REGISTER]))
    build.build(catalog, progress=False)  # the unbroken register is accepted
    return catalog


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def refused(catalog: Catalog, argv: list[str]) -> str:
    """Run the command in-process; assert it refused cleanly; its error message."""
    stderr = io.StringIO()
    before = digest(catalog.warehouse)
    with (
        mock.patch.dict(os.environ, {"STATLIB_ROOT": str(catalog.root)}),
        contextlib.redirect_stderr(stderr),
    ):
        os.environ.pop("STATLIB_WAREHOUSE", None)
        code = main(argv)  # any other exception than a StatlibError propagates: a failure
    assert code == 2, stderr.getvalue()
    assert digest(catalog.warehouse) == before  # byte for byte
    assert not catalog.warehouse.with_name(catalog.warehouse.name + ".wal").exists()
    assert "Traceback" not in stderr.getvalue()
    errors = [line for line in stderr.getvalue().splitlines() if "statlib: error: " in line]
    assert errors, stderr.getvalue()
    return stderr.getvalue()[stderr.getvalue().index("statlib: error: ") :]


@FUZZ
@given(broken=broken_registers())
def test_a_broken_register_is_refused_naming_file_and_row(project, broken):
    content, row, rule = broken
    project.actions_file(DOMAIN).write_bytes(content)
    message = refused(project, ["build"])
    assert f"{DOMAIN}.csv" in message, (rule, message)
    named = re.findall(r"\brow (\d+)\b", message)
    if row is not None:
        assert named[:1] == [str(row)], (rule, content, message)


@FUZZ
@given(broken=broken_submissions())
def test_a_broken_submission_is_refused_naming_file_and_row(project, broken, tmp_path_factory):
    content, row, rule = broken
    path = tmp_path_factory.getbasetemp() / "2020-09-districts.csv"
    path.write_bytes(content)
    message = refused(project, ["submit", str(path), "--domain", DOMAIN])
    assert path.name in message, (rule, message)
    if row is not None:
        assert f"第 {row} 行" in message, (rule, content, message)


def test_the_unbroken_submission_is_accepted(tmp_path):
    """The fuzz breaks a valid table: unbroken, the same CSV passes every check."""
    for encoding in ("utf-8-sig", "utf-8", "gb18030"):
        path = tmp_path / "2020-09-districts.csv"
        path.write_bytes(csv_bytes(submission_grid(), encoding))
        assert read_submission(path, PARAMS).period == "2020-08"


# --- size: a page never grows with the register -----------------------------------------
HUGE = 100_000  # actions: the register of a city that never closes one


def test_a_huge_register_makes_a_bounded_page_and_a_csv_of_every_action(tmp_path):
    catalog = small_project(tmp_path, ("2019", "2020"))
    units, metrics = sorted(UNITS), sorted(METRICS)
    register = [
        [f"IE-{i}", "2020-05", f"Office {i % 97}", units[i % len(units)],
         metrics[i % len(metrics)], f"Action {i}: look into it", "2020-12" if i % 3 else "2020-07",
         "open", "", ""]
        for i in range(HUGE)
    ]  # fmt: skip
    catalog.actions_file(DOMAIN).parent.mkdir(parents=True)
    catalog.actions_file(DOMAIN).write_bytes(csv_bytes([HEADER, *register]))
    run.build(catalog, progress=False)
    outcomes = run.run(catalog, domains=[DOMAIN], period="2020-08", workers=1, progress=False)
    assert outcomes[0].page is not None, outcomes
    page = catalog.page("2020-08", DOMAIN).read_text()
    assert len(page.encode()) < 3_000_000
    # The 50 most urgent first: every third action is overdue (due 2020-07), 33,334 in all.
    assert page.count('flag-concern">⚠ Overdue</span>') == 50
    shown = HUGE - 50
    assert f'{shown:,} more in <a href="{DOMAIN}.actions.csv">' in page
    with catalog.page("2020-08", DOMAIN, ".actions.csv").open(encoding="utf-8") as handle:
        listed = list(csv.DictReader(handle))
    assert len(listed) == HUGE and {r[S.ACTION_ID] for r in listed} == {r[0] for r in register}
    memo = catalog.page("2020-08", DOMAIN, ".memo.html").read_text()
    assert len(memo.encode()) < 300_000 and f"more in {DOMAIN}.actions.csv" in memo
    # The follow-up memo of the meeting that agreed them all: 50 listed, the rest counted.
    followup = write_followup_memo(catalog, PARAMS, parse_period("2020-05"), "en", UNITS)
    agreed = followup.read_text().split('id="agreed"')[1].split("</section>")[0]
    assert agreed.count("<li>") == 50 and "99,950 more in the action register" in agreed
    assert len(followup.read_bytes()) < 300_000


# --- a full disk: a file size limit (RLIMIT_FSIZE) makes every write past it fail ---------
def limited(catalog: Catalog, args: list[str], max_bytes: int) -> subprocess.CompletedProcess:
    """`statlib ARGS` in a process that may write no file beyond `max_bytes` (EFBIG)."""

    def cap() -> None:  # Python ignores SIGXFSZ: a write past the limit fails with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (max_bytes, max_bytes))

    env = {**os.environ, "STATLIB_ROOT": str(catalog.root)}
    env.pop("STATLIB_WAREHOUSE", None)
    command = [sys.executable, "-m", "statlib", *args]
    return subprocess.run(
        command, env=env, preexec_fn=cap, capture_output=True, text=True, timeout=300
    )


def test_a_full_disk_stops_the_build_with_a_message_and_the_warehouse_still_opens(tmp_path):
    catalog = small_project(tmp_path, ("2020-0[2-5]",))
    full = limited(catalog, ["build"], 300_000)  # no room for a new warehouse
    assert full.returncode == 2 and "Traceback" not in full.stderr, full.stderr
    assert "cannot create the warehouse" in full.stderr and "Check the disk" in full.stderr
    assert not catalog.warehouse.exists()  # never a warehouse without its schema
    build.build(catalog, progress=False)
    for path in (ROOT / "data" / "submissions" / DOMAIN).glob("2019-*"):
        shutil.copy(path, catalog.submissions_dir(DOMAIN) / path.name)
    full = limited(catalog, ["build"], 100_000)  # no room for the new months
    assert full.returncode == 2 and "Traceback" not in full.stderr, full.stderr
    assert "could not write to" in full.stderr and "Check the disk" in full.stderr
    with Warehouse.open(catalog.warehouse) as warehouse:
        assert warehouse.latest_loads()
    loads = build.build(catalog, progress=False)  # room again: the build completes
    with Warehouse.open(catalog.warehouse) as warehouse:
        months = set(warehouse.observations(DOMAIN)[S.PERIOD])
    assert loads and months >= {"2019-02", "2019-12", "2020-05"}
