"""Build (statlib.build): a repeated build reads only what changed."""

from __future__ import annotations

import dataclasses

import pytest
from conftest import copy_project

from statlib import build, sources
from statlib.errors import InputError
from statlib.warehouse import Warehouse

pytestmark = pytest.mark.slow


def _unreadable(data_dir, params):
    raise AssertionError("an unchanged source was read again")


def test_an_unchanged_source_is_not_read_again_and_registers_still_checked(
    tmp_path, monkeypatch
):
    catalog = copy_project(tmp_path)
    first = build.build(catalog, progress=False)
    for key in ("nypd_compstat", "democity_311"):
        stub = dataclasses.replace(sources.SOURCES[key], ingest=_unreadable)
        monkeypatch.setitem(sources.SOURCES, key, stub)
    # The two sources' loads, then each domain's register (no new submission this time).
    assert build.build(catalog, progress=False) == first[:2] + first[-3:]
    register = catalog.actions_file("public_safety")
    text = register.read_text(encoding="utf-8")
    # A new register version is checked against the stored units of the unchanged source.
    register.write_text(text.replace(",44,robbery,", ",999,robbery,"), encoding="utf-8")
    with pytest.raises(InputError, match="unknown unit '999'"):
        build.build(catalog, progress=False)
    register.write_text(text.replace(",44,robbery,", ",75,robbery,"), encoding="utf-8")
    again = build.build(catalog, progress=False)
    industrial, public_safety, service_requests = again[2:]
    assert again[:2] == first[:2] and (industrial, service_requests) == (first[-3], first[-1])
    assert public_safety > max(first)  # a new version of its register
    with Warehouse.open(catalog.warehouse) as warehouse:
        assert "75" in set(warehouse.actions("public_safety")["unit"])
