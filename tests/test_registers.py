"""Judging a register (statlib.registers) on hand-made measures."""

from __future__ import annotations

import pandas as pd
import pytest

from statlib import schema as S
from statlib.registers import agency_scorecard, judge_measures


def _register(rows: list[tuple[str, str, int, float, float]], directions: dict[str, str]):
    observations = pd.DataFrame(
        [
            {
                S.DOMAIN: "d",
                S.METRIC: metric,
                S.UNIT: unit,
                S.PERIOD: f"FY{year}",
                S.PERIOD_END: pd.Timestamp(f"{year}-06-30"),
                S.VALUE: value,
                S.TARGET: target,
            }
            for metric, unit, year, value, target in rows
        ]
    )
    keys = observations[[S.METRIC, S.UNIT]].drop_duplicates()
    catalogue = keys.assign(
        **{
            S.DOMAIN: "d",
            S.UNIT_NAME: keys[S.UNIT].str.upper(),
            S.MEASURE_NAME: keys[S.METRIC],
            S.SERVICE: "",
            S.KIND: "count",
            S.INTERVAL: "snapshot",
            S.MEASURE_DIRECTION: keys[S.METRIC].map(directions),
            S.CRITICAL: keys[S.METRIC] == "up",
        }
    )
    return observations, catalogue[list(S.CATALOGUE_COLUMNS)]


NAN = float("nan")


def test_met_missed_travel_and_runs_by_direction() -> None:
    rows = [
        # "up": higher is better; 10, 9, 8, 7 is three worse years in a row, target 8 missed
        *[("up", "a", 2020 + i, v, NAN) for i, v in enumerate((10, 9, 8))],
        ("up", "a", 2023, 7, 8),
        # "down": lower is better; 5 -> 4 improves and meets a target of 4 exactly
        ("down", "a", 2022, 5, NAN),
        ("down", "a", 2023, 4, 4),
        # no desired outcome: never judged; a gap year breaks a run (2021 missing)
        ("flat", "b", 2023, 3, 1),
        ("gap", "b", 2020, 9, NAN),
        ("gap", "b", 2022, 8, NAN),
        ("gap", "b", 2023, 7, 10),
    ]
    directions = {"up": "increase", "down": "decrease", "flat": "neutral", "gap": "increase"}
    judged = judge_measures(*_register(rows, directions), "FY2023").set_index(S.METRIC)
    assert judged.loc["up", S.TARGET_STATUS] == "missed"
    assert judged.loc["up", S.TRAVEL] == "worsening"
    assert judged.loc["up", S.WORSENING_YEARS] == 3
    assert judged.loc["down", S.TARGET_STATUS] == "met"
    assert judged.loc["down", S.TRAVEL] == "improving"
    assert judged.loc["down", S.PRIOR] == 5
    assert judged.loc["flat", S.TARGET_STATUS] == "no_target"
    assert judged.loc["flat", S.TRAVEL] == "not_judged"
    assert judged.loc["gap", S.WORSENING_YEARS] == 1  # 9 (2020) is not the year before 8

    card = agency_scorecard(judged.reset_index(), worsening_years=3).set_index(S.UNIT)
    assert card.loc["a", S.WITH_TARGET] == 2
    assert card.loc["a", S.SHARE_ON_TARGET] == pytest.approx(0.5)
    assert card.loc["a", S.CRITICAL_MISSED] == 1
    assert card.loc["a", S.WORSENING] == 1
    assert card.loc["b", S.WITH_TARGET] == 1  # "flat" has no direction
    assert card.loc[S.CITYWIDE, S.MEASURES] == 4
    assert card.loc[S.CITYWIDE, S.SHARE_ON_TARGET] == pytest.approx(1 / 3)


def test_empty_register_gives_empty_tables() -> None:
    observations, catalogue = _register([("up", "a", 2023, 1, 1)], {"up": "increase"})
    judged = judge_measures(observations, catalogue, "FY2030")
    assert judged.empty and list(judged.columns) == list(S.REGISTER_MEASURE_COLUMNS)
    assert agency_scorecard(judged).empty
