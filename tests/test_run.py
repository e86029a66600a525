"""The whole pipeline on the real bundled data: build, compute, papermill, render, index.

The session fixture `demo_site` (conftest.py) runs it once into a temporary project root;
these tests read what it wrote, open the real page in headless Chromium, and check that
failures are reported and never leave a half-written page.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import (
    DEMO_PERIOD,
    IE_PERIOD,
    OVERVIEW_PERIOD,
    PS_PERIOD,
    QI_PERIOD,
    REGISTER_PERIODS,
    SR_PERIOD,
    WF_PERIOD,
    copy_project,
)
from pages import ARTIFACTS, PHONE, hover_inside, open_offline

from statlib import run
from statlib import schema as S
from statlib.cli import main
from statlib.errors import InputError, ParamsError, PeriodError, RenderError
from statlib.params import load_domain
from statlib.periods import parse_period
from statlib.selection import reviewed_by, select
from statlib.warehouse import Warehouse

pytestmark = pytest.mark.slow

PAGE_LIMIT = 3_000_000  # bytes, map included (issue: leaders' pages on phones)
INDEX_LIMIT = 300_000


def test_demo_run_writes_page_csv_and_index(demo_site):
    catalog, outcomes = demo_site
    assert [(o.domain, o.period, o.error) for o in outcomes] == [
        ("public_safety", DEMO_PERIOD, None),
        ("service_requests", SR_PERIOD, None),
        ("industrial_economy", IE_PERIOD, None),
        ("quality_inspections", QI_PERIOD, None),
        ("workforce", WF_PERIOD, None),
        ("baltimore_policestat", PS_PERIOD, None),
        *((domain, period, None) for domain, period in REGISTER_PERIODS.items()),
        ("city_overview", OVERVIEW_PERIOD, None),
    ]
    page = catalog.page(DEMO_PERIOD, "public_safety")
    assert page == outcomes[0].page and page.stat().st_size < PAGE_LIMIT
    index = catalog.outputs_dir / "index.html"
    assert index.stat().st_size < INDEX_LIMIT
    assert f'href="{DEMO_PERIOD}/public_safety.html"' in index.read_text()
    page_concerns = re.search(r"concerns (\d+), improvements \d+", page.read_text())
    listed = re.search(
        rf'href="{DEMO_PERIOD}/public_safety.html"[^<]*</a></t[dh]>\s*<td[^>]*>{DEMO_PERIOD}'
        r"</td>\s*<td[^>]*>(\d+)</td>",
        index.read_text(),
    )
    assert listed and page_concerns and listed.group(1) == page_concerns.group(1)
    assert not list(catalog.outputs_dir.rglob("*.tmp*"))  # nothing half-written


def test_service_requests_page_renders_offline_with_its_district_map(demo_site, browser):
    catalog, _ = demo_site
    page = catalog.page(SR_PERIOD, "service_requests")
    index = (catalog.outputs_dir / "index.html").read_text()
    assert f'href="{SR_PERIOD}/service_requests.html"' in index
    assert f'href="{DEMO_PERIOD}/public_safety.html"' in index
    overview = catalog.page(OVERVIEW_PERIOD, "city_overview").read_text()
    assert "CitiStat 311 review" in overview and "CompStat weekly review" in overview
    html = page.read_text()
    assert page.stat().st_size < PAGE_LIMIT
    assert "Same period last year" in html and "28 days" not in html
    assert "Closed before created" in html and "SR-2026-02: " in html
    with Warehouse.open(catalog.warehouse) as warehouse:
        targets = warehouse.results("targets", "service_requests", SR_PERIOD)
        events = warehouse.events("service_requests")
    assert set(targets[S.METRIC]) == {"closed_on_time"} and (targets[S.TARGET] == 0.9).all()
    assert len(events) > 200_000 and events[S.EVENT_ID].is_unique  # stored as events too
    for opened in open_offline(browser, page):
        opened.page.wait_for_selector("div.statlib-map[data-drawn=true]")
        polygons = opened.page.locator("div.statlib-map path.leaflet-interactive")
        assert polygons.count() == 15  # Los Angeles' 15 council districts
        assert opened.blocked == [] and opened.errors == []


def test_policestat_page_maps_nine_districts_and_names_its_boundaries(demo_site, browser):
    catalog, _ = demo_site
    page = catalog.page(PS_PERIOD, "baltimore_policestat")
    html = page.read_text()
    assert page.stat().st_size < PAGE_LIMIT
    assert "nine districts as drawn until 8 July 2023" in html and "Not comparable" not in html
    assert "purple = up, teal = down" in html and "orange = worse" not in html
    assert "Repeated rows" in html and "No police district" in html
    for opened in open_offline(browser, page):
        opened.page.wait_for_selector("div.statlib-map[data-drawn=true]")
        polygons = opened.page.locator("div.statlib-map path.leaflet-interactive")
        assert polygons.count() == 9  # Baltimore's nine police districts
        assert opened.blocked == [] and opened.errors == []


def test_csv_beside_the_page_is_the_comparisons_table(demo_site):
    catalog, _ = demo_site
    csv = pd.read_csv(catalog.page(DEMO_PERIOD, "public_safety", ".csv"), dtype={S.UNIT: str})
    with Warehouse.open(catalog.warehouse) as warehouse:
        stored = warehouse.results("comparisons", "public_safety", DEMO_PERIOD)
    # The comparison columns first; the indicator columns after them are empty here (no
    # cumulative or ranked metric in this domain).
    assert list(csv.columns)[: len(stored.columns)] == list(stored.columns)
    assert len(csv) == len(stored)
    assert csv[[S.PP_CHANGE, S.PROJECTION, S.P_REACH_TARGET]].isna().all().all()
    row = csv[
        (csv[S.UNIT] == S.CITYWIDE) & (csv[S.METRIC] == "robbery") & (csv[S.WINDOW] == "week")
    ]
    # Citywide robbery, week 2026-08-10 .. 16 vs the same days of 2025, the Saturday week
    # ending 2025-08-16 (tests/test_compare_nypd.py).
    assert (row[S.CURRENT].item(), row[S.PRIOR].item()) == (254, 337)


def test_page_shows_every_section_with_the_real_numbers(demo_site):
    catalog, _ = demo_site
    html = catalog.page(DEMO_PERIOD, "public_safety").read_text()
    for heading in (
        "Summary",
        "Exceptions",
        "Actions from earlier reviews",
        "Citywide CompStat",
        "Largest significant rises",
        "Trends",
        "Map",
        "Process behaviour",
        "Forecasts",
        "Data quality",
        "Methods and sources",
    ):
        assert re.search(rf"<h2[^>]*>{heading}</h2>", html), heading
    assert "Preliminary, subject to revision." in html
    assert html.index(">Exceptions</h2>") < html.index(">Actions from earlier reviews</h2>")
    assert "Week-end day switch" in html  # the data-quality note on the Saturday/Sunday overlap
    assert html.count("<figure") >= 8  # one SPC chart per major metric
    assert "http://" not in re.sub(r'<a [^>]*href="http[^"]*"', "", html).replace(
        "http://www.w3.org", ""
    )


def test_page_follows_up_the_demo_actions(demo_site):
    catalog, _ = demo_site
    html = catalog.page(DEMO_PERIOD, "public_safety").read_text()
    shown = pd.read_csv(catalog.page(DEMO_PERIOD, "public_safety", ".actions.csv"))
    # data/actions/public_safety.csv: PS-2026-01 was closed in W29, before this review.
    assert list(shown[S.ACTION_ID]) == [f"PS-2026-0{i}" for i in range(2, 8)]
    for action_id in shown[S.ACTION_ID]:
        assert f"{action_id}: " in html
    assert "PS-2026-01" not in html
    assert html.count("⚠ Overdue") == 1  # PS-2026-02, due W31 and still open
    assert html.index("PS-2026-02: ") < html.index("PS-2026-04: ")  # closed ones last
    assert "too early to judge" in html  # PS-2026-07, agreed W31


def test_real_page_in_a_browser_offline(demo_site, browser):
    catalog, _ = demo_site
    boundaries = json.loads((catalog.data_dir / "nypd" / "precincts.geojson").read_text())
    assert len(boundaries["features"]) == 78  # the 78 precincts of NYC
    for opened in open_offline(browser, catalog.page(DEMO_PERIOD, "public_safety")):
        page = opened.page
        page.wait_for_selector("div.statlib-map[data-drawn=true]")
        assert page.locator("div.statlib-map path.leaflet-interactive").count() == len(
            boundaries["features"]
        )
        polygons = page.locator("div.statlib-map path.leaflet-interactive")
        areas = polygons.evaluate_all(
            "paths => paths.map(p => { const b = p.getBBox(); return b.width * b.height; })"
        )
        hover_inside(page, polygons.nth(areas.index(max(areas))))
        assert re.match(r"Precinct \d+: ", page.locator(".leaflet-tooltip").last.inner_text())
        assert opened.blocked == [] and opened.errors == []
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "demo-public_safety-1280.png"), full_page=True)
        page.set_viewport_size(PHONE)
        page.wait_for_timeout(200)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        page.screenshot(path=str(ARTIFACTS / "demo-public_safety-360.png"), full_page=True)


def test_a_page_kernel_talks_over_private_sockets_and_leaves_none(demo_site, capfd):
    """The kernel runs on IPC sockets (statlib.render.kernel): no unencrypted-TCP warning
    per page on the console, and its sockets are gone once the page is written."""
    import tempfile

    catalog, _ = demo_site
    params = load_domain(catalog.params_file("public_safety"))
    sockets = Path(tempfile.gettempdir()).glob
    before = set(sockets("statlib-kernel-*"))  # a killed run's (tests/test_faults_kill.py)
    run.render_period(catalog, params, parse_period(DEMO_PERIOD), "en")
    assert "without encryption" not in capfd.readouterr().err
    assert set(sockets("statlib-kernel-*")) == before


def test_chinese_page_and_same_bytes_apart_from_the_time(demo_site):
    catalog, _ = demo_site
    params = load_domain(catalog.params_file("public_safety"))
    period = parse_period(DEMO_PERIOD)
    english = catalog.page(DEMO_PERIOD, "public_safety").read_text()
    siblings = run.all_domains(catalog)  # as the run renders it: with the other domain's link
    chinese_page = run.render_period(catalog, params, period, "zh", siblings)
    assert chinese_page == catalog.in_language("zh").page(DEMO_PERIOD, "public_safety")
    chinese = chinese_page.read_text()
    assert (
        '<html lang="zh"' in chinese and "例外事项" in chinese and "全市 CompStat 统计" in chinese
    )
    again = run.render_period(catalog, params, period, "en", siblings).read_text()

    def timeless(text: str) -> str:
        return re.sub(r"Generated [A-Z][a-z]{2} \d+, \d{4} \d\d:\d\d UTC", "Generated …", text)

    assert timeless(again) == timeless(english)


def test_bad_input_names_file_row_and_column_and_loads_nothing(tmp_path):
    catalog = copy_project(tmp_path)
    weekly = catalog.data_dir / "nypd" / "weekly.parquet"
    table = pd.read_parquet(weekly)
    table.loc[41, "count"] = -3
    table.to_parquet(weekly)
    with pytest.raises(InputError) as caught:
        run.build(catalog, progress=False)
    message = str(caught.value)
    assert "weekly.parquet" in message and "row 42" in message and "'count'" in message
    assert not catalog.warehouse.exists()  # validation runs before anything is written


def test_cli_reports_errors_in_one_line(tmp_path, monkeypatch, capsys):
    catalog = copy_project(tmp_path)
    monkeypatch.setenv("STATLIB_ROOT", str(catalog.root))
    assert main(["run", "--period", "2026-W33", "--workers", "1"]) == 2  # no warehouse yet
    assert "no warehouse at" in capsys.readouterr().err
    assert main(["run", "--period", "2026-W99"]) == 2  # not a period: nothing ran
    err = capsys.readouterr().err
    assert "2026-W99" in err and "Traceback" not in err
    for workers in ("0", "-1", "two"):
        with pytest.raises(SystemExit) as usage:
            main(["run", "--workers", workers])
        assert usage.value.code == 2 and "not a number of processes" in capsys.readouterr().err


def test_a_period_label_without_a_domain_runs_the_domains_of_its_frequency(tmp_path):
    domains = run.all_domains(copy_project(tmp_path))
    weekly = ["baltimore_policestat", "public_safety"]
    assert [p.domain for p in reviewed_by(domains, "2026-W33")] == weekly
    assert [p.domain for p in reviewed_by(domains, "2026-F16")] == ["service_requests", "workforce"]
    with pytest.raises(ParamsError, match="no domain is reviewed by the period '2026-Q3'"):
        reviewed_by(domains, "2026-Q3")


def test_a_weekly_domain_run_for_a_month_is_refused_not_an_empty_page(tmp_path):
    catalog = copy_project(tmp_path)
    with pytest.raises(ParamsError) as caught:
        run.run(catalog, domains=["public_safety"], period="2026-08", progress=False)
    message = str(caught.value)
    assert "'public_safety' is reviewed every week" in message
    assert "'2026-08' is a month" in message
    assert "e.g. 2026-W36 (the one holding 2026-08-31)" in message  # Mon 08-31 .. Sun 09-06
    assert not catalog.page("2026-08", "public_safety").exists()


def test_python_dash_m_statlib_is_the_same_command_line(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "statlib", "run", "--period", "2026-W99"],
        env={**os.environ, "STATLIB_ROOT": str(tmp_path)},
        capture_output=True,
        text=True,
        check=False,
    )
    # An empty folder as the project: say so, never "done" after doing nothing.
    assert result.returncode == 2  # an error before any domain ran
    assert "no domain parameter files" in result.stderr and "Traceback" not in result.stderr


def test_failed_notebook_leaves_no_page(demo_site, tmp_path):
    catalog, _ = demo_site
    params = load_domain(catalog.params_file("public_safety"))
    never_computed = parse_period("2026-W20")
    with pytest.raises(RenderError, match="no computed results for public_safety 2026-W20"):
        run.render_period(catalog, params, never_computed, "en")
    assert not catalog.page("2026-W20", "public_safety").exists()
    assert not catalog.page("2026-W20", "public_safety", ".csv").exists()
    saved = catalog.page("2026-W20", "public_safety", ".failed.ipynb")
    assert "WarehouseError" in saved.read_text()  # the failing cell is there for the analyst


def test_as_of_reproduces_the_earlier_page_after_a_revision(tmp_path, monkeypatch):
    # Five precincts (those the demo register names) keep the three runs short.
    catalog = copy_project(tmp_path)
    monkeypatch.setenv("STATLIB_ROOT", str(catalog.root))
    weekly = catalog.data_dir / "nypd" / "weekly.parquet"
    table = pd.read_parquet(weekly)
    table = table[table["precinct"].isin(["019", "040", "044", "075", "109", "Citywide"])]
    table.reset_index(drop=True).to_parquet(weekly)
    register = catalog.actions_file("public_safety")
    injected = '"=HYPERLINK(""http://evil.example"",""click"")"'  # a quoted CSV cell
    cell = "Patrols running; overtime approval pending"
    register.write_text(register.read_text().replace(cell, injected, 1))
    run.build(catalog, progress=False)
    assert (
        main(["run", "--domain", "public_safety", "--period", DEMO_PERIOD, "--workers", "1"]) == 0
    )
    first_page = catalog.page(DEMO_PERIOD, "public_safety").read_text()
    first_csv = catalog.page(DEMO_PERIOD, "public_safety", ".csv").read_text()
    shown = re.search(r"Data as of load (\d+), ", first_page)
    assert shown, "the page names the load its data is as of"
    actions = pd.read_csv(catalog.page(DEMO_PERIOD, "public_safety", ".actions.csv"))
    assert actions[S.UPDATE].str.startswith("'=HYPERLINK").any()  # never a live formula
    assert not actions[S.UPDATE].str.startswith("=", na=False).any()
    # The revision: one count changed, one row (a whole precinct-category week) removed.
    week_end = table["week_end"].max()
    latest = table.index[table["week_end"] == week_end]
    table.loc[latest[0], "count"] += 40
    table.drop(index=latest[1]).reset_index(drop=True).to_parquet(weekly)
    run.build(catalog, progress=False)
    assert (
        main(["run", "--domain", "public_safety", "--period", DEMO_PERIOD, "--workers", "1"]) == 0
    )
    revised_csv = catalog.page(DEMO_PERIOD, "public_safety", ".csv").read_text()
    assert revised_csv != first_csv
    as_of = ["--as-of", shown.group(1)]
    args = ["run", "--domain", "public_safety", "--period", DEMO_PERIOD, "--workers", "1"]
    assert main([*args, *as_of]) == 0
    reproduced = catalog.as_of(int(shown.group(1)))
    assert reproduced.page(DEMO_PERIOD, "public_safety", ".csv").read_text() == first_csv
    page = reproduced.page(DEMO_PERIOD, "public_safety").read_text()

    def figures(html: str) -> list[str]:  # the page's body, without header and "Generated"
        body = re.sub(r"<[^>]+>", " ", html[html.index('id="summary"') :])
        body = re.sub(r"Generated [A-Z][a-z]{2} \d+, \d{4} \d\d:\d\d UTC", "", body)
        return re.findall(r"-?\d[\d,.]*%?", body)

    assert figures(page) == figures(first_page)
    # The current page and the index are untouched by the reproduction.
    assert catalog.page(DEMO_PERIOD, "public_safety", ".csv").read_text() == revised_csv
    with Warehouse.open(catalog.warehouse) as warehouse:
        current = warehouse.results("comparisons", "public_safety", DEMO_PERIOD)
    assert current.to_csv(index=False) != pd.read_csv(
        reproduced.page(DEMO_PERIOD, "public_safety", ".csv"), dtype={S.UNIT: str}
    ).to_csv(index=False)


def test_wrong_period_runs_are_errors_and_never_pages(demo_site, monkeypatch, capsys):
    catalog, _ = demo_site
    monkeypatch.setenv("STATLIB_ROOT", str(catalog.root))
    for period, domain, why in (
        ("2030-W01", "public_safety", "outside the data of public_safety"),
        ("1999-W01", "public_safety", "outside the data"),
        ("2026-W33", "service_requests", "'service_requests' is reviewed every fortnight"),
        ("2026-W33", "nowhere", "unknown domain 'nowhere'"),
    ):
        assert main(["run", "--domain", domain, "--period", period]) == 2
        err = capsys.readouterr().err
        assert why in err and "Traceback" not in err
        assert not catalog.page(period, domain).exists()
    assert main(["run", "--domain", "public_safety", "--as-of", "yesterday-ish"]) == 2
    assert "give a load id" in capsys.readouterr().err


def test_an_unknown_source_stops_the_run_before_anything_is_computed(tmp_path):
    catalog = copy_project(tmp_path)
    path = catalog.params_file("public_safety")
    path.write_text(path.read_text().replace("source: nypd_compstat", "source: nypd_typo"))
    with pytest.raises(ParamsError, match="unknown source 'nypd_typo'"):
        run.run(catalog, domains=["public_safety"], period=DEMO_PERIOD, progress=False)


def test_each_language_has_its_own_pages_and_the_indexes_link_each_other(demo_site):
    catalog, _ = demo_site
    with Warehouse.open(catalog.warehouse) as warehouse:
        runs_before = warehouse.latest_run("service_requests", SR_PERIOD)
    (chinese,) = run.run(
        catalog, domains=["service_requests"], period=SR_PERIOD, lang="zh", progress=False
    )
    with Warehouse.open(catalog.warehouse) as warehouse:  # rendered from the English run
        assert warehouse.latest_run("service_requests", SR_PERIOD) == runs_before
    zh = catalog.in_language("zh")
    assert (
        chinese.page
        == zh.page(SR_PERIOD, "service_requests")
        == (catalog.outputs_dir / "zh" / SR_PERIOD / "service_requests.html")
    )
    assert '<html lang="zh"' in chinese.page.read_text()
    assert '<html lang="en"' in catalog.page(SR_PERIOD, "service_requests").read_text()
    english_index = (catalog.outputs_dir / "index.html").read_text()
    chinese_index = (zh.outputs_dir / "index.html").read_text()
    assert 'href="zh/index.html" hreflang="zh" lang="zh">中文</a>' in english_index
    assert 'href="../index.html" hreflang="en" lang="en">English</a>' in chinese_index
    # The Chinese index lists only the pages rendered in Chinese, each link resolving.
    hrefs = re.findall(r'href="(\d{4}-[^"]+\.html)"', chinese_index)
    assert f"{SR_PERIOD}/service_requests.html" in hrefs
    assert all((zh.outputs_dir / href).is_file() for href in hrefs)


def test_a_period_label_alone_runs_the_domains_whose_data_covers_it(demo_site):
    catalog, _ = demo_site
    declared = run.all_domains(catalog)
    chosen = select(catalog.warehouse, declared, None, DEMO_PERIOD, None).runs
    assert [(p.domain, period.label) for p, period in chosen] == [("public_safety", DEMO_PERIOD)]
    chosen = select(catalog.warehouse, declared, None, PS_PERIOD, None).runs
    assert [p.domain for p, _ in chosen] == ["baltimore_policestat"]
    with pytest.raises(PeriodError, match="2030-W01"):  # no weekly domain has it
        select(catalog.warehouse, declared, None, "2030-W01", None)
