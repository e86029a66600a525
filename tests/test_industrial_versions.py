"""A corrected submission is a new version, and `--as-of` reproduces the page before it.

The city bureau resubmits its Jan-Aug 2020 workbook with industrial tax corrected from
849,991 to 859,991 (10,000 yuan: 85.0 -> 86.0 x 100 million yuan) and its growth from 4.1%
to 5.3%. The current page shows the correction and says it is one; the page as of the load
before it is the first page again, figure for figure, and its CSV byte for byte.
"""

import shutil
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from statlib import intake, run
from statlib import schema as S
from statlib.catalog import Catalog
from statlib.warehouse import Warehouse

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]
DOMAIN, PERIOD = "industrial_economy", "2020-08"


def _industry_project(target: Path) -> Catalog:
    for path in (f"params/{DOMAIN}.yaml", f"notebooks/{DOMAIN}.ipynb"):
        (target / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / path, target / path)
    for folder in ("industry", "submissions"):
        shutil.copytree(ROOT / "data" / folder, target / "data" / folder)
    return Catalog(target)


def _corrected_workbook(catalog: Catalog, out: Path) -> Path:
    book = load_workbook(catalog.data_dir / "submissions" / DOMAIN / f"{PERIOD}-districts.xlsx")
    sheet = book.active
    city = next(row for row in sheet.iter_rows() if row[0].value == "全市")
    header = [cell.value for cell in sheet[3]]
    tax = header.index("工业税收")  # the level and, beside it, its growth
    assert (city[tax].value, city[tax + 1].value) == ("849,991", "4.1")
    city[tax].value, city[tax + 1].value = "859,991", "5.3"
    book.save(out)
    return out


def _tax(csv: bytes | str) -> tuple[float, float]:
    frame = pd.read_csv(pd.io.common.StringIO(csv if isinstance(csv, str) else csv.decode()))
    row = frame[
        (frame[S.METRIC] == "industrial_tax")
        & (frame[S.UNIT] == S.CITYWIDE)
        & (frame[S.WINDOW] == S.YTD)
    ]
    return round(float(row[S.CURRENT].item()), 1), float(row[S.PCT_CHANGE].item())


def test_a_correction_is_a_new_version_and_as_of_reproduces_the_first_page(tmp_path):
    catalog = _industry_project(tmp_path / "project")
    run.build(catalog, progress=False)
    [first] = run.run(catalog, domains=[DOMAIN], period=PERIOD, workers=1, progress=False)
    assert first.error is None
    first_csv = catalog.page(PERIOD, DOMAIN, ".csv").read_bytes()
    first_page = first.page.read_text()
    assert _tax(first_csv) == (85.0, 4.1)
    with Warehouse.open(catalog.warehouse) as warehouse:
        before = warehouse.resolve_as_of(None)

    corrected = _corrected_workbook(catalog, tmp_path / "correction.xlsx")
    _, load_id = intake.submit(catalog, corrected, DOMAIN, period=PERIOD, kind="districts")
    assert load_id > before
    with Warehouse.open(catalog.warehouse) as warehouse:
        versions = warehouse.submissions(DOMAIN).set_index("source")["version"]
    assert versions[f"submission:{DOMAIN}:districts:{PERIOD}"] == 2
    assert versions[f"submission:{DOMAIN}:province:{PERIOD}"] == 1

    [second] = run.run(catalog, domains=[DOMAIN], period=PERIOD, workers=1, progress=False)
    assert _tax(catalog.page(PERIOD, DOMAIN, ".csv").read_text()) == (86.0, 5.3)
    page = second.page.read_text()
    assert "Jan-Aug 86.0 (100 million yuan)" in page and "correction 1" in page

    [again] = run.run(
        catalog, domains=[DOMAIN], period=PERIOD, workers=1, progress=False, as_of=str(before)
    )
    reproduced = catalog.as_of(before).page(PERIOD, DOMAIN, ".csv")
    assert reproduced.read_bytes() == first_csv
    old = again.page.read_text()
    assert "Jan-Aug 85.0 (100 million yuan)" in old and "correction 1" not in old
    for phrase in ("+4.1% year on year", "growth rank 2 of 16"):
        assert phrase in old and phrase in first_page
