"""The committed industrial_economy demo files give the seed report's Jan-Aug 2020 figures.

Read through ingest and computed as a statistics bureau would: plain arithmetic on the
ingested frame, rounded half away from zero to one decimal (not via statlib's statistics).
"""

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pandas as pd
import pytest

from statlib import schema as S
from statlib.ingest.submissions import read_submission
from statlib.params import load_domain

ROOT = Path(__file__).resolve().parents[1]
PARAMS = load_domain(ROOT / "params" / "industrial_economy.yaml")
FOLDER = ROOT / "data" / "submissions" / "industrial_economy"
CITIES = PARAMS.peer_groups["province"].units


def r1(value: float) -> float:
    return float(Decimal(repr(float(value))).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    months = ("2019-07", "2019-08", "2020-02", "2020-07", "2020-08")
    parts = []
    for month in months:
        for kind in ("districts", "province"):
            submission = read_submission(FOLDER / f"{month}-{kind}.xlsx", PARAMS)
            assert submission.period == month
            parts.append(submission.observations.assign(kind=kind))
    return pd.concat(parts, ignore_index=True)


def get(frame, metric, unit, period, column=S.VALUE, kind="province"):
    row = frame[
        (frame[S.METRIC] == metric)
        & (frame[S.UNIT] == unit)
        & (frame[S.PERIOD] == period)
        & (frame["kind"] == kind)
    ]
    assert len(row) == 1, (metric, unit, period, kind)
    return float(row[column].iloc[0])


def rank(frame, metric, period, column, unit="citywide"):
    values = {c: get(frame, metric, c, period, column) for c in CITIES}
    return 1 + sum(v > values[unit] for c, v in values.items() if c != unit)


def test_value_added_share_growth_and_ranks(frame):
    city = get(frame, "value_added", "citywide", "2020-08")
    province = get(frame, "value_added", "province", "2020-08")
    assert r1(city / province * 100) == 7.0
    assert rank(frame, "value_added", "2020-08", S.VALUE) == 6
    aug = get(frame, "value_added", "citywide", "2020-08", S.REPORTED_GROWTH, "districts")
    feb = get(frame, "value_added", "citywide", "2020-02", S.REPORTED_GROWTH, "districts")
    assert (aug, feb, r1(aug - feb)) == (2.1, -22.5, 24.6)
    assert rank(frame, "value_added", "2020-08", S.REPORTED_GROWTH) == 11
    assert rank(frame, "value_added", "2020-02", S.REPORTED_GROWTH) == 16  # up 5 places


def test_firms_and_new_firms(frame):
    assert get(frame, "firms", "citywide", "2020-08", kind="districts") == 964
    assert get(frame, "new_firms", "citywide", "2020-08", kind="districts") == 79
    districts = frame[(frame["kind"] == "districts") & (frame[S.PERIOD] == "2020-08")]
    firms = districts[(districts[S.METRIC] == "firms") & (districts[S.UNIT] != "citywide")]
    assert firms[S.VALUE].sum() == 964 and len(firms) == 10


@pytest.mark.parametrize(
    ("metric", "city", "gap", "place"),
    [("industrial_investment", 3.9, 13.6, 2), ("upgrade_investment", -4.6, 5.4, 7)],
)
def test_investment_against_the_province(frame, metric, city, gap, place):
    growth = get(frame, metric, "citywide", "2020-08", S.REPORTED_GROWTH)
    province = get(frame, metric, "province", "2020-08", S.REPORTED_GROWTH)
    assert growth == city and r1(growth - province) == gap
    assert rank(frame, metric, "2020-08", S.REPORTED_GROWTH) == place
    assert pd.isna(get(frame, metric, "citywide", "2020-08"))  # growth only


def test_industrial_tax(frame):
    assert r1(get(frame, "industrial_tax", "citywide", "2020-08")) == 85.0
    assert rank(frame, "industrial_tax", "2020-08", S.VALUE) == 5
    assert get(frame, "industrial_tax", "citywide", "2020-08", S.REPORTED_GROWTH) == 4.1
    assert rank(frame, "industrial_tax", "2020-08", S.REPORTED_GROWTH) == 2


def test_electricity_and_august_alone(frame):
    assert r1(get(frame, "electricity", "citywide", "2020-08")) == 30.6
    assert get(frame, "electricity", "citywide", "2020-08", S.REPORTED_GROWTH) == 1.6
    assert rank(frame, "electricity", "2020-08", S.REPORTED_GROWTH) == 9

    def august(unit, year):
        return get(frame, "electricity", unit, f"{year}-08") - get(
            frame, "electricity", unit, f"{year}-07"
        )

    assert r1(august("citywide", 2020)) == 4.8
    alone = {c: august(c, 2020) / august(c, 2019) for c in CITIES}
    assert r1((alone["citywide"] - 1) * 100) == 35.1
    assert 1 + sum(v > alone["citywide"] for v in alone.values()) == 7


def test_natural_gas(frame):
    assert r1(get(frame, "natural_gas", "citywide", "2020-08")) == 1.3
    assert get(frame, "natural_gas", "citywide", "2020-08", S.REPORTED_GROWTH) == 22.3


def test_seven_districts_accelerated(frame):
    va = frame[(frame[S.METRIC] == "value_added") & (frame["kind"] == "districts")]
    va = va[va[S.UNIT] != "citywide"]
    va = va.pivot(index=S.UNIT, columns=S.PERIOD, values=S.REPORTED_GROWTH)
    assert len(va) == 10 and (va["2020-08"] > va["2020-07"]).sum() == 7


def test_both_tables_agree_on_the_city():
    # The city's figures reach the warehouse from two kinds of submission: the same numbers.
    city = [
        read_submission(FOLDER / f"2020-08-{kind}.xlsx", PARAMS).observations.query(
            "unit == 'citywide'"
        ).set_index(S.METRIC)[[S.VALUE, S.REPORTED_GROWTH]]
        for kind in ("districts", "province")
    ]
    both = city[0].merge(city[1], left_index=True, right_index=True, suffixes=("", "_p"))
    assert len(both) == 6
    pd.testing.assert_series_equal(
        both[S.REPORTED_GROWTH], both[f"{S.REPORTED_GROWTH}_p"], check_names=False
    )
    levels = both.dropna(subset=[S.VALUE])
    pd.testing.assert_series_equal(levels[S.VALUE], levels[f"{S.VALUE}_p"], check_names=False)
