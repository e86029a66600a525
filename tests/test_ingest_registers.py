"""Registers of measures: Baltimore's and NYC's files cleaned and judged through one shape.

Expected counts were read off the raw files by hand (data/registers/, see their README):
the misspellings are 'Ouput' x1, 'increase' x6, 'Cumalitve' x10; 1,465 rows hold 831
measures (each budget book repeats them).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from statlib import schema as S
from statlib.ingest import baltimore_register, mmr_register
from statlib.ingest.registers import Repairs, parse_number
from statlib.registers import agency_scorecard, judge_measures

DATA = Path(__file__).resolve().parents[1] / "data" / "registers"


@pytest.fixture(scope="module")
def baltimore() -> baltimore_register.Register:
    raw = baltimore_register.read_register(DATA / "baltimore_measures.csv")
    return baltimore_register.register(raw, "performance_measures", ("Outcome",))


@pytest.fixture(scope="module")
def mmr() -> mmr_register.Register:
    raw = mmr_register.read_register(DATA / "nyc_mmr_indicators.csv")
    return mmr_register.register(raw, "mayors_management_report")


def test_parse_number_rules() -> None:
    repairs = Repairs()
    assert parse_number("64.98%", "percent", repairs) == pytest.approx(0.6498)
    assert parse_number("0.75", "percent", repairs) == 0.75
    assert parse_number("84", "percent", repairs) == pytest.approx(0.84)
    assert parse_number("1.05", "percent", repairs) == 1.05  # 105%, kept and counted
    assert parse_number("11,168", "count", repairs) == 11168
    assert parse_number("4.734e+008", "currency", repairs) == 473_400_000
    assert parse_number("No Data", "count", repairs) != parse_number("No Data", "count", repairs)
    assert parse_number("New for Fiscal 25", "count", repairs) != 0  # NaN, unreadable
    assert dict(repairs.counts) == {
        "percent_sign": 1, "percentage_points": 1, "percent_above_one": 1,
        "thousands_separator": 1, "scientific_notation": 1, "no_number_text": 2,
        "unreadable": 1,
    }  # fmt: skip


def test_baltimore_cleaning_counts(baltimore) -> None:
    counts = {n.rule: n.affected_rows for n in baltimore.notes}
    assert len(baltimore.catalogue) == 831
    assert counts["repeated_measures"] == 1465 - 831
    assert counts["category_spelling"] == 1 + 6 + 10
    assert counts == {
        "percent_sign": 488, "percentage_points": 324, "percent_above_one": 2,
        "thousands_separator": 267, "scientific_notation": 1, "no_number_text": 86,
        "unreadable": 9, "whitespace": 200, "category_spelling": 17,
        "repeated_measures": 634, "year_from_quarters": 2, "interval_unknown": 169,
        "no_direction": 181, "targets_without_actuals": 1332,
    }  # fmt: skip
    assert not baltimore.catalogue.duplicated([S.METRIC, S.UNIT]).any()
    assert "\xa0" not in "".join(baltimore.catalogue[S.UNIT_NAME])
    percents = baltimore.observations.merge(baltimore.catalogue)
    percents = percents[percents[S.KIND] == "percent"]
    assert percents[S.VALUE].between(-2, 2).all()  # every percent is a share now


def test_baltimore_zoning_appeals_by_hand(baltimore) -> None:
    # FY2025, the FY2027 book's rows (the board's four measures with an FY2025 actual):
    # 1851 days to hearing, lower better: 71 vs 60 missed; 1852 hearings per FTE, higher
    # better: 44 vs 100 missed (141, 126, 109, 47, 44: worse four years running); 1853 appeals
    # upheld, an Outcome (critical) measure: "1" = 100% vs 0.75 met; 1854 days to
    # resolution, lower better: 36 vs 30 missed. One of four on target.
    judged = judge_measures(baltimore.observations, baltimore.catalogue, "FY2025")
    card = agency_scorecard(judged).set_index(S.UNIT)
    board = card.loc["baltimore_city_board_of_municipal_and_zoning_appeals"]
    assert (board[S.MEASURES], board[S.WITH_TARGET], board[S.ON_TARGET]) == (4, 4, 1)
    assert board[S.SHARE_ON_TARGET] == pytest.approx(0.25)
    assert (board[S.CRITICAL_MISSED], board[S.WORSENING]) == (0, 1)
    mine = judged[judged[S.UNIT] == board.name].set_index(S.METRIC)
    assert mine.loc["1851", S.VALUE] == 71  # the newer book's 71, not the older 71.25
    assert mine.loc["1852", S.WORSENING_YEARS] == 4


def test_mmr_counts_and_agreement_with_its_success_column(mmr) -> None:
    counts = {n.rule: n.affected_rows for n in mmr.notes}
    assert len(mmr.catalogue) == 1139
    assert mmr.catalogue[S.UNIT].nunique() == 37  # 36 agencies + the indicators naming none
    assert counts["agency_missing"] == 164
    assert int(mmr.catalogue[S.CRITICAL].sum()) == 336
    judged = judge_measures(mmr.observations, mmr.catalogue, "FY2023")
    raw = pd.read_csv(DATA / "nyc_mmr_indicators.csv", dtype=str, keep_default_na=False)
    published = raw.set_index(raw["ID"].str.strip())["Success"]
    ours = judged.set_index(S.METRIC)[S.TARGET_STATUS]
    expected = published.map({"Met_Goal": "met", "Did_Not_Meet": "missed"}).fillna("no_target")
    assert (ours.reindex(expected.index) == expected).all()
    card = agency_scorecard(judged).set_index(S.UNIT).loc[S.CITYWIDE]
    assert (card[S.WITH_TARGET], card[S.ON_TARGET]) == (351, 183)
