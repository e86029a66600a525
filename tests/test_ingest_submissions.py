"""Department submissions: layouts, languages, units, and complete, exact validation."""

import hashlib
import shutil
from pathlib import Path

import duckdb
import pytest
from openpyxl import Workbook, load_workbook

from statlib import intake
from statlib import schema as S
from statlib.catalog import Catalog
from statlib.cli import main
from statlib.errors import SubmissionError
from statlib.ingest.submissions import read_submission, source_key
from statlib.params import load_domain
from statlib.warehouse import Warehouse

ROOT = Path(__file__).resolve().parents[1]
PARAMS = load_domain(ROOT / "params" / "industrial_economy.yaml")
DEMO = ROOT / "data" / "submissions" / "industrial_economy"
AUGUST = DEMO / "2020-08-districts.xlsx"


def planted(tmp_path: Path) -> Path:
    """The demo's Jan-Aug 2020 district workbook with five different mistakes."""
    book = load_workbook(AUGUST)
    sheet = book.active
    sheet["A7"] = "城西新区"  # unknown reporting unit (row 7 was 城西区)
    sheet["B8"] = "二点一"  # not a number (北岸区's value-added growth)
    sheet["E9"] = "-120.5"  # growth below -100% (南湖区's industrial investment)
    sheet["A15"] = "高新区"  # 高新区 again (row 10), instead of 清河县
    sheet["G4"] = "1-8月累计(万美元)"  # a unit of measure that is not 亿元
    path = tmp_path / "2020-08-districts.xlsx"
    book.save(path)
    return path


def test_five_planted_mistakes_are_all_named_with_file_sheet_row_column_and_rule(tmp_path):
    with pytest.raises(SubmissionError) as caught:
        read_submission(planted(tmp_path), PARAMS)
    problems = {p.rule: p for p in caught.value.problems}
    assert set(problems) == {
        "unknown_unit",
        "not_a_number",
        "growth_below_minus_100",
        "repeated_row",
        "unknown_measure_unit",
    }
    assert len(caught.value.problems) == 5
    where = {rule: (p.sheet, p.row, p.column) for rule, p in problems.items()}
    assert where == {
        "unknown_unit": ("Sheet1", 7, "A"),
        "not_a_number": ("Sheet1", 8, "B"),
        "growth_below_minus_100": ("Sheet1", 9, "E"),
        "repeated_row": ("Sheet1", 15, "B"),
        "unknown_measure_unit": ("Sheet1", 4, "G"),
    }
    message = str(caught.value)  # in the submitters' language (params: zh)
    assert message.startswith("2020-08-districts.xlsx 未通过校验：共 5 个问题")
    assert "工作表 Sheet1，第 8 行，B 列（规模以上工业增加值 / 同比增长(%)）" in message
    assert "“二点一”不是数字（规则：not_a_number）" in message
    assert "未知填报单位“城西新区”" in message and "万美元" in message
    assert "首次出现在第 10 行" in message


def project(tmp_path: Path) -> Catalog:
    shutil.copytree(ROOT / "params", tmp_path / "params")
    return Catalog(tmp_path)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_submit_exits_2_on_a_bad_file_and_leaves_the_warehouse_as_it_was(
    tmp_path, monkeypatch, capsys
):
    catalog = project(tmp_path / "project")
    monkeypatch.setenv("STATLIB_ROOT", str(catalog.root))
    monkeypatch.delenv("STATLIB_WAREHOUSE", raising=False)
    good = DEMO / "2020-07-districts.xlsx"
    assert main(["submit", str(good), "--domain", "industrial_economy"]) == 0
    assert "submission:industrial_economy:districts:2020-07" in capsys.readouterr().out
    before = digest(catalog.warehouse)
    bad = planted(tmp_path)
    assert main(["submit", str(bad), "--domain", "industrial_economy"]) == 2
    err = capsys.readouterr().err
    assert err.count("（规则：") == 5 and "Traceback" not in err
    assert digest(catalog.warehouse) == before  # byte for byte: not even opened for writing
    # A good file for another period than the one asked for: rejected too.
    assert main(["submit", str(good), "--domain", "industrial_economy", "--period", "2020-08"]) == 2
    assert "统计期 2020-07 与 2020-08 不一致" in capsys.readouterr().err
    assert digest(catalog.warehouse) == before


def test_a_corrected_resubmission_is_a_new_version_of_the_same_source(tmp_path):
    catalog = project(tmp_path)
    first, first_id = intake.submit(catalog, AUGUST, "industrial_economy")
    book = load_workbook(AUGUST)
    book.active["K5"] = "1.7"  # the city's electricity growth, corrected
    corrected = tmp_path / "2020-08-districts-corrected.xlsx"
    book.save(corrected)
    second, second_id = intake.submit(catalog, corrected, "industrial_economy", kind="districts")
    assert first.source == second.source == source_key("industrial_economy", "districts", "2020-08")
    assert second_id > first_id
    with Warehouse.open(catalog.warehouse) as warehouse:
        frame = warehouse.observations("industrial_economy")
    city = frame[(frame[S.UNIT] == "citywide") & (frame[S.METRIC] == "electricity")]
    assert city[S.REPORTED_GROWTH].tolist() == [1.7]
    con = duckdb.connect(str(catalog.warehouse), read_only=True)
    sources = con.execute("SELECT source FROM loads ORDER BY load_id").fetchall()
    con.close()
    assert [s[0] for s in sources] == [first.source, first.source]
    _, again = intake.submit(catalog, corrected, "industrial_economy", kind="districts")
    assert again == second_id  # the same bytes are not loaded twice


def long_rows(headers: list[str], title: str) -> list[list[str]]:
    return [
        [title],
        headers,
        ["规模以上工业增加值", "亿元", "—", "—", "2.1", "11"],
        ["工业用电量", "万千瓦时", "48,000", "306,000", "1.6%", "9"],
        ["工业税收", "亿元", "", "85.0", "4.1", "2"],
        ["规模以上工业企业数", "户", "", "964", "—", ""],
        ["注：本表为快报数。"],
    ]


def write_xlsx(path: Path, rows: list[list[str]], merge_title: bool = True) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "主要指标"
    for row in rows:
        sheet.append(row)
    if merge_title:
        sheet.merge_cells("A1:F1")
    book.save(path)
    return path


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    import csv

    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        csv.writer(handle).writerows(rows)
    return path


CHINESE = ["指标名称", "计量单位", "本月", "1-8月累计", "同比增长(%)", "全省位次"]
ENGLISH = ["Indicator", "Unit of measure", "This month", "Year to date", "Growth (%)", "Rank"]


@pytest.mark.parametrize(
    ("headers", "title", "suffix"),
    [
        (CHINESE, "淮川市2020年1-8月工业主要指标", ".xlsx"),
        (ENGLISH, "Huaichuan industry, Jan-Aug 2020", ".xlsx"),
        (CHINESE, "淮川市2020年1-8月工业主要指标", ".csv"),
        (ENGLISH, "Huaichuan industry, Jan-Aug 2020", ".csv"),
    ],
)
def test_long_layout_in_chinese_or_english_from_xlsx_or_csv(tmp_path, headers, title, suffix):
    path = tmp_path / f"city-districts{suffix}"
    rows = long_rows(headers, title)
    (write_xlsx if suffix == ".xlsx" else write_csv)(path, rows)
    submission = read_submission(path, PARAMS, kind="districts", period="2020年1-8月")
    frame = submission.observations.set_index(S.METRIC)
    assert submission.period == "2020-08" and set(frame[S.UNIT]) == {"citywide"}
    assert frame.loc["electricity", S.VALUE] == 30.6  # 306,000 万千瓦时 in 亿千瓦时
    assert frame.loc["electricity", S.REPORTED_GROWTH] == 1.6  # "1.6%"
    assert frame.loc["industrial_tax", S.VALUE] == 85.0
    assert frame.loc["firms", S.VALUE] == 964 and frame[S.REPORTED_GROWTH].isna().sum() == 1
    assert frame.loc["value_added", S.REPORTED_GROWTH] == 2.1
    assert frame[S.VALUE].isna().sum() == 1  # value added: growth only
    notes = submission.notes.set_index(S.NOTE_RULE)[S.NOTE_AFFECTED_ROWS].to_dict()
    assert notes == {
        "text_numbers": 3,
        "unit_scaled": 2,
        "not_reported": 6,
        "single_month_checked": 1,
        "ranks_checked": 3,
    }


def test_wide_layout_with_merged_two_row_header():
    submission = read_submission(AUGUST, PARAMS)
    frame = submission.observations
    assert submission.kind == "districts" and len(set(frame[S.UNIT])) == 11
    gas = frame[(frame[S.METRIC] == "natural_gas") & (frame[S.UNIT] == "shimen")]
    assert gas[S.VALUE].isna().all() and gas[S.REPORTED_GROWTH].isna().all()  # "—"


def test_long_layout_mistakes_are_named_in_english_for_english_submitters(tmp_path):
    params = PARAMS.model_copy(
        update={"submission": PARAMS.submission.model_copy(update={"lang": "en"})}
    )
    rows = long_rows(ENGLISH, "Huaichuan industry, Jan-Aug 2020")
    rows[2][0] = "Value added of industry"  # not a name of any metric
    rows[3][2] = "400,000"  # this month above the cumulative 306,000
    rows[4][5] = "17"  # rank of 16 peers
    rows[5][3] = "-964"  # a negative level
    path = write_csv(tmp_path / "city.csv", rows)
    with pytest.raises(SubmissionError) as caught:
        read_submission(path, params, kind="districts")
    found = {(p.rule, p.row, p.column) for p in caught.value.problems}
    assert found == {
        ("unknown_metric", 3, "A"),
        ("month_above_cumulative", 4, "C"),
        ("rank_out_of_range", 5, "F"),
        ("negative_level", 6, "D"),
    }
    message = str(caught.value)
    where = "city.csv, sheet CSV, row 5, column F (Rank): "
    assert where + "rank “17” is not a whole number from 1 to 16" in message


def test_missing_columns_unknown_headers_and_periods(tmp_path):
    rows = [
        ["淮川市2020年1月工业主要指标"],
        ["指标名称", "同比增长(%)", "增幅说明"],
        ["工业用电量", "1.6", "x"],
    ]
    path = write_csv(tmp_path / "city.csv", rows)
    with pytest.raises(SubmissionError) as caught:
        read_submission(path, PARAMS, kind="districts", period="2020-02")
    rules = sorted(p.rule for p in caught.value.problems)
    assert rules == ["january_release", "period_mismatch", "unknown_column"]
    no_key = write_csv(tmp_path / "bare.csv", [["名称", "数值"], ["工业用电量", "1"]])
    with pytest.raises(SubmissionError, match="missing_column"):
        read_submission(no_key, PARAMS, kind="districts", period="2020-08")
    with pytest.raises(SubmissionError, match="unknown_kind"):
        read_submission(no_key, PARAMS)


def test_build_loads_the_submissions_folder_once(tmp_path):
    catalog = project(tmp_path)
    folder = catalog.submissions_dir("industrial_economy")
    folder.mkdir(parents=True)
    for name in ("2020-07-districts.xlsx", "2020-07-province.xlsx", "2020-08-districts.xlsx"):
        shutil.copy(DEMO / name, folder / name)
    params = [PARAMS]
    first, refusals = intake.pending(catalog, params)
    assert refusals == []
    assert [s.source.rsplit(":", 2)[1:] for s in first] == [
        ["districts", "2020-07"],
        ["province", "2020-07"],
        ["districts", "2020-08"],
    ]
    with Warehouse.open(catalog.warehouse, read_only=False, create=True) as warehouse:
        for submission in first:
            intake.load_submission(warehouse, submission)
    assert intake.pending(catalog, params) == ([], [])  # unchanged files are not read again
    shutil.copy(planted(tmp_path), folder / "2020-08-districts.xlsx")
    accepted, [refusal] = intake.pending(catalog, params)
    assert accepted == [] and len(refusal.problems) == 5


def test_a_refused_file_holds_up_nothing_else_and_waits_in_its_folder(
    tmp_path, monkeypatch, capsys
):
    root = tmp_path / "project"
    (root / "params").mkdir(parents=True)
    shutil.copy(ROOT / "params" / "industrial_economy.yaml", root / "params")
    catalog = Catalog(root)
    monkeypatch.setenv("STATLIB_ROOT", str(root))
    monkeypatch.delenv("STATLIB_WAREHOUSE", raising=False)
    folder = catalog.submissions_dir("industrial_economy")
    folder.mkdir(parents=True)
    shutil.copy(DEMO / "2020-07-districts.xlsx", folder)
    shutil.copy(planted(tmp_path), folder / "2020-08-districts.xlsx")
    assert main(["build"]) == 1  # done, but for the refused file
    err = capsys.readouterr().err
    assert "1 submission(s) refused, everything else loaded" in err
    assert err.count("（规则：") == 5 and "Traceback" not in err
    july = source_key("industrial_economy", "districts", "2020-07")
    with Warehouse.open(catalog.warehouse) as warehouse:
        assert list(warehouse.submissions("industrial_economy")["source"]) == [july]
    # The memo's words for it: the same five problems, in the reader's language.
    [refusal] = intake.refused(catalog, PARAMS, "en")
    assert refusal.problems[0].file == "2020-08-districts.xlsx"
    assert "“二点一” is not a number (rule: not_a_number)" in str(refusal)
    shutil.copy(AUGUST, folder / "2020-08-districts.xlsx")  # the department corrects it
    assert main(["build"]) == 0
    assert intake.refused(catalog, PARAMS, "en") == [] and intake.waiting(catalog, PARAMS) == []


def test_every_rule_and_note_has_words_in_both_languages():
    import re

    from statlib.messages import CATALOGUE

    source = "".join(
        (ROOT / "statlib" / "ingest" / name).read_text()
        for name in ("submissions.py", "submission_checks.py")
    )
    rules = set(re.findall(r'\.add\(\s*"([a-z_0-9]+)"', source))
    assert len(rules) >= 15
    for rule in rules:
        assert set(CATALOGUE[f"submission_rule_{rule}"]) == {"en", "zh"}, rule
    from statlib.ingest.submission_checks import NOTE_TEXTS

    for rule in NOTE_TEXTS:
        assert set(CATALOGUE[f"quality_rule_{rule}"]) == {"en", "zh"}, rule
        assert set(CATALOGUE[f"quality_detail_{rule}"]) == {"en", "zh"}, rule


def test_a_bare_carriage_return_ends_a_row_as_excel_reads_it(tmp_path):
    # Found by tests/test_faults.py: an unquoted CR in a cell made the CSV reader raise a
    # bare _csv.Error (a traceback). Excel reads it as a line break: so do we, and the
    # problems name Excel's rows.
    from statlib.ingest.sheets import read_grids

    path = tmp_path / "bare-cr.csv"
    path.write_bytes("县区,数值\n城东区\r,1.5\n城西区,2.0\n".encode())
    [grid] = read_grids(path)
    assert grid.rows == (("县区", "数值"), ("城东区",), ("", "1.5"), ("城西区", "2.0"))
    quoted = tmp_path / "quoted.csv"
    quoted.write_bytes('县区,备注\n城东区,"两行\r\n说明"\n'.encode())
    assert read_grids(quoted)[0].rows[1] == ("城东区", "两行\r\n说明")


@pytest.mark.parametrize(
    "content",
    [b"\xff\xfe\x00binary", ("县区,备注\n城东区," + "长" * 140_000 + "\n").encode()],
    ids=["not text", "a cell over the csv limit"],
)
def test_a_file_that_is_no_table_is_refused_like_any_other(tmp_path, content):
    path = tmp_path / "2020-09-districts.csv"
    path.write_bytes(content)
    with pytest.raises(SubmissionError) as caught:
        read_submission(path, PARAMS)
    [problem] = caught.value.problems
    assert (problem.file, problem.rule) == (path.name, "unreadable_file")
    assert "无法按表格读取该文件" in str(caught.value)
