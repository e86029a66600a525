"""Tests of statlib.report.flag_words: a flag's keys and numbers in words, in both languages."""

from __future__ import annotations

import pandas as pd
import pytest

from statlib import schema as S
from statlib.anomalies.rules import HIGH, LOW, RULE_ORDER
from statlib.report.flag_words import describe, page_flags
from statlib.warehouse import Warehouse


def row(rules: str, sides: str, period: str = "2026-W33", **numbers: object) -> dict:
    """One flag as the statistics store it (numbers not given are NaN)."""
    empty = dict.fromkeys(
        (S.OBSERVED, S.EXPECTED, S.LIMIT, S.RANGE_LOW, S.RANGE_HIGH, S.NOISE_SCORE, S.JUMP_SCORE),
        float("nan"),
    )
    return {
        S.DOMAIN: "public_safety",
        S.METRIC: "murder",
        S.UNIT: "citywide",
        S.PERIOD: period,
        S.RULES: rules,
        S.RULE_SIDES: sides,
        S.RUN_LENGTH: 1,
        S.TREND_LENGTH: 1,
        S.NEW_LEVEL_SINCE: None,
        S.SEASONAL: False,
        **empty,
        **numbers,
    }


def test_counts_read_as_whole_numbers_and_bounds_keep_the_decimals_they_need() -> None:
    jump = row("jump", HIGH, **{S.OBSERVED: 8.0, S.EXPECTED: 1.02})
    assert describe(jump, "en") == "a jump above the recent level: expected about 1, got 8"
    # An upper limit of 7.96 rounds to the 8 it was crossed by: it keeps two decimals.
    limit = row("outside_limits", HIGH, **{S.OBSERVED: 8.0, S.LIMIT: 7.96})
    assert describe(limit, "en") == "above the upper process limit: limit 7.96, got 8"
    # A range below zero reads from zero: a count is never negative.
    breach = row("forecast_breach", HIGH, **{S.OBSERVED: 9.0, S.RANGE_LOW: -1.6, S.RANGE_HIGH: 3.0})
    assert describe(breach, "en") == "outside the 95% forecast range: expected 0-3, got 9"
    assert describe(breach, "zh") == "超出95%预测区间：预期0至3，实际9"


def test_rates_read_as_percentages_and_other_measures_at_their_size() -> None:
    breach = row("forecast_breach", LOW, **{S.OBSERVED: 0.427, S.RANGE_LOW: 0.8, S.RANGE_HIGH: 0.9})
    assert describe(breach, "en", "rate") == (
        "outside the 95% forecast range: expected 80.0%-90.0%, got 42.7%"
    )
    assert describe(breach, "en", "duration") == (
        "outside the 95% forecast range: expected 0.80-0.90, got 0.43"
    )


def test_run_rules_use_their_own_lengths_the_frequency_and_the_seasonal_note() -> None:
    both = row(
        "outside_limits;shift;trend",
        "low;low;low",
        period="2026-08",
        **{S.OBSERVED: 120.0, S.LIMIT: 130.4, S.RUN_LENGTH: 8, S.TREND_LENGTH: 6, S.SEASONAL: True},
    )
    assert describe(both, "en") == (
        "below the lower process limit: limit 130, got 120 (seasonally adjusted); "
        "8 months in a row below the average (seasonally adjusted); "
        "6 months in a row falling (seasonally adjusted)"
    )
    assert describe(both, "zh").startswith(
        "低于控制下限：下限130，实际120（经季节调整）；连续8个月"
    )


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_rule_on_every_side_has_words(lang: str) -> None:
    numbers = {S.OBSERVED: 5.0, S.EXPECTED: 2.0, S.LIMIT: 4.0, S.RANGE_LOW: 1.0, S.RANGE_HIGH: 3.0}
    for rule in RULE_ORDER:
        for side in (HIGH, LOW):
            flag = row(rule, side, **numbers, **{S.NEW_LEVEL_SINCE: "2026-W21"})
            words = describe(flag, lang)
            assert words and "{" not in words and "nan" not in words.lower()
            assert "-0" not in words and ".0," not in words


def test_a_run_from_before_flags_carried_numbers_still_reads(tmp_path) -> None:
    # The flags table was made by an old run (its words per language); a new run adds the
    # number columns. Reading either run gives one row per flag and its words.
    old = pd.DataFrame(
        [
            {**row("shift", HIGH), S.LEGACY_MESSAGE: "7 weeks in a row above the average"},
            {**row("shift", HIGH), S.LEGACY_MESSAGE: "连续7周高于平均值"},
        ]
    ).drop(columns=[S.RULE_SIDES, S.RUN_LENGTH, S.TREND_LENGTH, S.OBSERVED, S.SEASONAL])
    old[S.LEGACY_LANG] = ["en", "zh"]
    new = pd.DataFrame([row("shift", HIGH, period="2026-W34", **{S.RUN_LENGTH: 8})])
    with Warehouse.open(tmp_path / "w.duckdb", read_only=False, create=True) as warehouse:
        for period, frame in (("2026-W33", old), ("2026-W34", new)):
            run = warehouse.begin_run("compute", "public_safety", period)
            warehouse.write_results(run, {"flags": frame})
            warehouse.finish_run(run, "ok")
        stored = {
            p: warehouse.results("flags", "public_safety", p) for p in ("2026-W33", "2026-W34")
        }
    for lang, words in (("en", "7 weeks in a row above the average"), ("zh", "连续7周高于平均值")):
        shown = page_flags(stored["2026-W33"], lang)
        assert [describe(r, lang) for _, r in shown.iterrows()] == [words]
    shown = page_flags(stored["2026-W34"], "zh")
    assert [describe(r, "zh") for _, r in shown.iterrows()] == ["连续8周高于平均值"]


def test_a_new_level_reads_with_its_likely_range_and_older_runs_without() -> None:
    dated = row(
        "new_level",
        HIGH,
        **{
            S.NEW_LEVEL_SINCE: "2024-W37",
            S.NEW_LEVEL_EARLIEST: "2024-W34",
            S.NEW_LEVEL_LATEST: "2024-W40",
        },
    )
    assert (
        describe(dated, "en") == "new level since 2024-W37 (likely between 2024-W34 and 2024-W40)"
    )
    assert describe(dated, "zh") == "自2024-W37起处于新水平（可能始于2024-W34至2024-W40之间）"
    # A run written before the range was stored reads its columns as missing.
    older = row("new_level", HIGH, **{S.NEW_LEVEL_SINCE: "2024-W37", S.NEW_LEVEL_EARLIEST: None})
    assert describe(older, "en") == "new level since 2024-W37"
