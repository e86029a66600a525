"""Recording a meeting's actions in the register (statlib.register) and the follow-up memo."""

import shutil

import pytest

from statlib import schema as S
from statlib.catalog import Catalog, default_catalog
from statlib.errors import InputError
from statlib.params import load_domain
from statlib.periods import parse_period
from statlib.register import add_action, close_action, read_actions, write_followup_memo

UNITS = {"citywide", "19", "40", "44", "75", "109", "112"}


@pytest.fixture
def catalog(tmp_path) -> Catalog:
    source = default_catalog()
    shutil.copytree(source.params_dir, tmp_path / "params")
    target = Catalog(tmp_path)
    target.actions_file("public_safety").parent.mkdir(parents=True)
    # An Excel export: a byte-order mark and a column of the analysts' own.
    text = source.actions_file("public_safety").read_text(encoding="utf-8")
    lines = text.splitlines()
    lines = [lines[0] + ",notes"] + [line + ",kept as typed" for line in lines[1:]]
    target.actions_file("public_safety").write_text("\ufeff" + "\n".join(lines) + "\n")
    return target


@pytest.fixture
def params():
    return load_domain(default_catalog().params_file("public_safety"))


def test_add_appends_an_open_action_and_keeps_every_other_cell(catalog, params):
    path = catalog.actions_file("public_safety")
    before = path.read_text(encoding="utf-8")
    row = add_action(
        catalog,
        params,
        UNITS,
        agreed_period="2026-W33",
        unit="112",
        metric="grand_larceny",
        owner="CO 112",
        action="Plain-clothes patrols at the mall",
        due_period="2026-W36",
    )
    assert row[S.ACTION_ID] == "2026-W33-1"
    after = path.read_text(encoding="utf-8")
    assert after.startswith(before) and after.count("\n") == before.count("\n") + 1
    register = read_actions(catalog, params, UNITS)
    added = register[register[S.ACTION_ID] == "2026-W33-1"].iloc[0]
    assert (added[S.ACTION_STATUS], added[S.DUE_PERIOD], added[S.UNIT]) == (
        "open",
        "2026-W36",
        "112",
    )


def test_a_bad_action_is_refused_and_the_register_left_as_it_was(catalog, params):
    path = catalog.actions_file("public_safety")
    before = path.read_bytes()
    with pytest.raises(InputError, match=r"unknown unit '999'.*public_safety\.csv.*unit"):
        add_action(
            catalog,
            params,
            UNITS,
            agreed_period="2026-W33",
            unit="999",
            metric="robbery",
            owner="x",
            action="y",
            due_period="2026-W36",
        )
    with pytest.raises(InputError, match="due 2026-W30 is before agreed 2026-W33"):
        add_action(
            catalog,
            params,
            UNITS,
            agreed_period="2026-W33",
            unit="75",
            metric="robbery",
            owner="x",
            action="y",
            due_period="2026-W30",
        )
    with pytest.raises(InputError, match="no action 'PS-9'"):
        close_action(catalog, params, UNITS, "PS-9", closed_period="2026-W33")
    assert path.read_bytes() == before
    assert not list(path.parent.glob(".*"))  # no scratch left behind


def test_close_marks_the_action_and_the_follow_up_memo_lists_the_meeting(catalog, params):
    add_action(
        catalog,
        params,
        UNITS,
        agreed_period="2026-W33",
        unit="112",
        metric="grand_larceny",
        owner="CO 112",
        action="Plain-clothes patrols",
        due_period="2026-W34",
        action_id="PS-2026-09",
    )
    close_action(
        catalog, params, UNITS, "PS-2026-02", closed_period="2026-W33", update="Patrols ended"
    )
    register = read_actions(catalog, params, UNITS).set_index(S.ACTION_ID)
    assert register.loc["PS-2026-02", S.ACTION_STATUS] == "done"
    assert register.loc["PS-2026-02", S.CLOSED_PERIOD] == "2026-W33"
    assert register.loc["PS-2026-02", S.UPDATE] == "Patrols ended"
    period = parse_period("2026-W33", week_end=params.week_end)
    memo = write_followup_memo(catalog, params, period, "en", UNITS)
    assert memo == catalog.page("2026-W33", "public_safety", ".followup.html")
    html = memo.read_text()
    agreed, closed, due = (
        html.split(f'<section id="{s}">')[1] for s in ("agreed", "closed", "due-next")
    )
    assert "PS-2026-09" in agreed and "PS-2026-02" in closed
    assert "To report on at the next review (2026-W34)" in due and "PS-2026-09" in due
    assert "PS-2026-03" not in due  # due in 2026-W36
    assert "<script" not in html and "size: A4" in html
