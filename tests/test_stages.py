"""The compute pass's declared stages (statlib.stages)."""

import dataclasses

import pandas as pd
import pytest

from statlib import schema as S
from statlib import stages
from statlib.catalog import default_catalog
from statlib.errors import StatlibError
from statlib.params import load_domain
from statlib.periods import parse_period


def test_stages_write_exactly_the_declared_result_tables_once():
    written = [table for stage in stages.STAGES for table in stage.tables]
    assert sorted(written) == sorted(S.RESULT_TABLES)
    assert len(written) == len(set(written))


def test_a_stage_that_breaks_its_declaration_stops_the_pass(monkeypatch):
    broken = dataclasses.replace(
        stages.STAGES[0], run=lambda given: {"comparisons": pd.DataFrame({"metric": []})}
    )
    monkeypatch.setattr(stages, "STAGES", (broken,))
    params = load_domain(default_catalog().params_file("public_safety"))
    frame = pd.DataFrame(columns=[*S.KPI_COLUMNS])
    frame[S.PERIOD_END] = pd.to_datetime(frame[S.PERIOD_END])
    with pytest.raises(StatlibError, match="stage 'comparisons' broke its declaration"):
        stages.compute_domain(frame, params, parse_period("2026-W33"))
