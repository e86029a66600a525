"""Inspection counts (statlib.ingest.inspections): the category tree, the city, the periods."""

import sys
from pathlib import Path

import pandas as pd
import pytest

from statlib import schema as S
from statlib.errors import InputError
from statlib.ingest.inspections import inspection_kpis, read_tests
from statlib.params import load_domain

ROOT = Path(__file__).resolve().parents[1]
PARAMS = load_domain(ROOT / "params" / "quality_inspections.yaml")


def _raw(rows: list[tuple]) -> pd.DataFrame:
    columns = ["month", "county", "category", "tested", "passed"]
    return pd.DataFrame([[str(v) for v in row] for row in rows], columns=columns)


def _row(kpis: pd.DataFrame, metric: str, unit: str, period: str) -> pd.Series:
    chosen = kpis[(kpis[S.METRIC] == metric) & (kpis[S.UNIT] == unit) & (kpis[S.PERIOD] == period)]
    assert len(chosen) == 1, (metric, unit, period)
    return chosen.iloc[0]


def test_leaves_add_up_the_tree_and_into_the_city():
    raw = _raw([
        ("2020-01", "baishi", "rm_vegetables", 100, 98),
        ("2020-01", "xihe", "rm_vegetables", 50, 50),
        ("2020-01", "xihe", "sv_livestock", 1000, 999),
        ("2020-01", "xihe", "air_good_days", 31, 29),
    ])  # fmt: skip
    kpis = inspection_kpis(raw, PARAMS, source="t.csv").kpis
    top = _row(kpis, "product_pass_rate", S.CITYWIDE, "2020-01")
    assert (top[S.NUMERATOR], top[S.DENOMINATOR]) == (1147, 1150)
    assert top[S.VALUE] == pytest.approx(1147 / 1150)  # the rate of the sums
    risk = _row(kpis, "risk_monitoring_pass_rate", "xihe", "2020-01")
    assert (risk[S.NUMERATOR], risk[S.DENOMINATOR]) == (50, 50)
    air = _row(kpis, "air_good_days", S.CITYWIDE, "2020-01")
    assert air[S.DENOMINATOR] == 31  # not part of the product tree


def test_bad_rows_are_dropped_with_notes():
    raw = _raw([
        ("2020-01", "xihe", "rm_feed", 5, 6),  # more passed than tested
        ("2020-01", "xihe", "rm_fruit", 5, 5),  # no such metric
        ("2020-01", "atlantis", "rm_feed", 5, 5),  # no such county
        ("2020-13", "xihe", "rm_feed", 5, 5),  # no such month
        ("2020-01", "xihe", "rm_feed", 4, 4),
        ("2020-01", "xihe", "rm_feed", "1,000", 999),  # the same again: the last kept
    ])  # fmt: skip
    result = inspection_kpis(raw, PARAMS, source="t.csv")
    rules = {note.rule: note.affected_rows for note in result.notes}
    assert rules == {
        "invalid_counts": 1,
        "bad_month": 1,
        "unknown_category": 1,
        "unknown_unit": 1,
        "duplicate_rows": 1,
        "categories_summed": 1,
    }
    feed = _row(result.kpis, "rm_feed", "xihe", "2020-01")
    assert feed[S.DENOMINATOR] == 1000


def test_quarters_sum_whole_quarters_only():
    quarterly = PARAMS.model_copy(update={"frequency": "quarter"})
    months = [("2020-01", 10, 10), ("2020-02", 20, 19), ("2020-03", 30, 30), ("2020-04", 5, 5)]
    raw = _raw([(m, "xihe", "rm_feed", t, p) for m, t, p in months])
    result = inspection_kpis(raw, quarterly, source="t.csv")
    q1 = _row(result.kpis, "rm_feed", "xihe", "2020-Q1")
    assert (q1[S.NUMERATOR], q1[S.DENOMINATOR]) == (59, 60)
    assert str(q1[S.PERIOD_END].date()) == "2020-03-31"
    assert {n.rule: n.affected_rows for n in result.notes}["incomplete_period"] == 1
    assert set(result.kpis[S.PERIOD]) == {"2020-Q1"}


def test_the_bundled_table_reads_and_a_missing_column_is_named(tmp_path):
    assert len(read_tests(ROOT / "data" / "inspections" / "tests.csv")) > 3000
    bad = tmp_path / "tests.csv"
    bad.write_text("month,county,category,tested\n2020-01,xihe,rm_feed,5\n")
    with pytest.raises(InputError, match="passed"):
        read_tests(bad)


def test_the_demo_inspections_are_remade_byte_for_byte():
    sys.path.insert(0, str(ROOT / "scripts"))
    from demo_csv import csv_text
    from make_inspections_demo import build, check

    rows = build()
    check(rows)  # the seed's half-year totals (77,018 batches, 99.9%)
    assert csv_text(rows) == (ROOT / "data" / "inspections" / "tests.csv").read_text()
