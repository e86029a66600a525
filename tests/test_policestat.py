"""Baltimore PoliceStat: arrests by police district, checked by hand against the records.

The oracle is pandas on the bundled records as published (data/baltimore/arrests.parquet):
drop the rows repeated in every column, then count arrests by `District` name and by the
day in `ArrestDate`. Weeks run Sunday to Saturday (params/baltimore_policestat.yaml).

The PoliceStat year-to-date snapshots (2021-22, crimes) share no date and no measure with
the arrests (2017-18), so no cell can be compared (data/baltimore/README.md); what is
checked is the snapshot's own % change column against its year-to-date columns,
recomputed with statlib.compare.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from statlib import schema as S
from statlib.compare import compare, pct_change
from statlib.ingest import baltimore_arrests as B
from statlib.params import load_domain
from statlib.periods import parse_period
from statlib.report.units import boundary_words
from statlib.sources import source

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "baltimore"
PARAMS = load_domain(ROOT / "params" / "baltimore_policestat.yaml")


@pytest.fixture(scope="module")
def loaded():
    return source(PARAMS.source).ingest(ROOT / "data", PARAMS)


@pytest.fixture(scope="module")
def records() -> pd.DataFrame:
    """The published rows, each arrest once, with its day."""
    raw = pd.read_parquet(DATA / "arrests.parquet")
    kept = raw.drop_duplicates()
    return kept.assign(day=pd.to_datetime(kept["ArrestDate"], format="%m/%d/%Y"))


def value(kpis: pd.DataFrame, metric: str, unit: str, period: str) -> float:
    row = kpis[(kpis[S.METRIC] == metric) & (kpis[S.UNIT] == unit) & (kpis[S.PERIOD] == period)]
    return row[S.VALUE].item()


def test_every_row_is_read_and_repeated_exports_are_counted_once(loaded, records):
    raw = pd.read_parquet(DATA / "arrests.parquet")
    assert len(raw) == 27_195 and len(records) == 27_046  # 149 rows repeated in every column
    assert len(loaded.events) == 27_046 and loaded.events[S.EVENT_ID].is_unique
    notes = loaded.notes.set_index(S.NOTE_RULE)[S.NOTE_AFFECTED_ROWS]
    assert notes["repeated_rows"] == 149
    assert notes["police_district_missing"] == (records["District"] == "").sum() == 13_496


def test_one_district_one_week_counted_by_hand(loaded, records):
    # Western District (7), week Sun 11 - Sat 17 June 2017
    week = parse_period("2017-W24", week_end="SAT")
    assert (week.start, week.end) == (date(2017, 6, 11), date(2017, 6, 17))
    inside = records["day"].between(pd.Timestamp(week.start), pd.Timestamp(week.end))
    western = records[inside & (records["District"] == "Western")]
    assert len(western) == 33  # grep -E ",06/1[1-7]/2017," the CSV | grep -c ",Western,"
    assert value(loaded.observations, "arrests", "7", week.label) == 33
    drugs = B.charge_category(western["ChargeDescription"]) == "drugs"
    assert value(loaded.observations, "drugs", "7", week.label) == drugs.sum()
    citywide = value(loaded.observations, "arrests", S.CITYWIDE, week.label)
    assert citywide == inside.sum()  # every arrest, with a district or not


def test_a_week_without_arrests_is_a_zero_not_a_gap(loaded, records):
    kpis = loaded.observations
    weeks = kpis.loc[~kpis[S.PERIOD].str.contains(r"\.\."), S.PERIOD].unique()
    assert len(weeks) == 59  # 1 Jan 2017 .. 17 Feb 2018, whole Sunday-Saturday weeks
    weapons = kpis[(kpis[S.METRIC] == "weapons") & (kpis[S.UNIT] == "5")]  # Northern
    weapons = weapons[weapons[S.PERIOD].isin(weeks)]
    assert len(weapons) == 59 and weapons[S.VALUE].notna().all()
    zero = weapons[weapons[S.VALUE] == 0][S.PERIOD].iloc[0]
    period = parse_period(zero, week_end="SAT")
    inside = records["day"].between(pd.Timestamp(period.start), pd.Timestamp(period.end))
    northern = records[inside & (records["District"] == "Northern")]
    assert not (B.charge_category(northern["ChargeDescription"]) == "weapons").any()


def test_year_to_date_and_percent_change_cell(loaded, records):
    # 2018-W07 (Sun 11 - Sat 17 Feb 2018): year to date 1 Jan - 17 Feb 2018, against the
    # published weeks nearest to 1 Jan - 17 Feb 2017: the Saturday weeks end on 18 Feb 2017,
    # one day later (the page's "comparison windows" section says so).
    period = parse_period("2018-W07", week_end="SAT")
    rows = compare(
        loaded.observations,
        period,
        windows=("ytd",),
        additive={m.key for m in PARAMS.metrics},
        calendar=PARAMS.calendar,
    )
    cell = rows[(rows[S.UNIT] == S.CITYWIDE) & (rows[S.METRIC] == "arrests")]
    days = records["day"]
    current = days.between(pd.Timestamp("2018-01-01"), pd.Timestamp("2018-02-17")).sum()
    prior = days.between(pd.Timestamp("2017-01-01"), pd.Timestamp("2017-02-18")).sum()
    assert (cell[S.CURRENT].item(), cell[S.PRIOR].item()) == (current, prior) == (3_099, 3_584)
    assert cell[S.PCT_CHANGE].item() == pytest.approx(-13.53, abs=0.01)  # the page's -13.5%
    central = rows[(rows[S.UNIT] == "1") & (rows[S.METRIC] == "violent")]
    mine = records[records["District"] == "Central"]
    violent = B.charge_category(mine["ChargeDescription"]) == "violent"
    in_2018 = mine["day"].between(pd.Timestamp("2018-01-01"), pd.Timestamp("2018-02-17"))
    assert central[S.CURRENT].item() == (violent & in_2018).sum()


def test_charges_fall_into_one_category_each_in_order():
    charges = pd.Series(
        ["ARMED ROBBERY", "HGV", "CDS VIOLATION", "THEFT: LESS $1,000 VALUE",
         "FAILURE TO APPEAR", "Unknown Charge", "COMMON ASSUALT", "PROSTITUTION"]
    )  # fmt: skip
    assert list(B.charge_category(charges)) == [
        "violent", "weapons", "drugs", "property", "warrants", "other", "violent", "other"
    ]  # fmt: skip


def test_the_map_has_the_nine_districts_both_before_and_after_the_redraw(loaded):
    for name in ("police_districts.geojson", "police_districts_2023.geojson"):
        features = B.read_boundaries(DATA / name)["features"]
        assert sorted(f["properties"][S.UNIT] for f in features) == list("123456789")
    units = set(loaded.observations[S.UNIT]) - {S.CITYWIDE}
    assert units == set("123456789")
    assert PARAMS.units.boundaries_on(date(2018, 2, 17)) == "baltimore/police_districts.geojson"
    redrawn = "baltimore/police_districts_2023.geojson"
    assert PARAMS.units.boundaries_on(date(2023, 7, 9)) == redrawn


def test_the_page_names_its_boundaries_and_warns_across_the_redraw():
    ours = boundary_words(PARAMS.units, date(2017, 1, 1), date(2018, 2, 17), "en").body
    assert "nine districts as drawn until 8 July 2023" in ours
    assert "history here is comparable" in ours and "Not comparable" not in ours
    # a review of the week ending 15 July 2023 compares back to 1 January 2022: across
    across = boundary_words(PARAMS.units, date(2022, 1, 1), date(2023, 7, 15), "en").body
    assert "Not comparable across Jul 9, 2023" in across
    assert "redrawn by the 2023 redistricting of the nine police districts" in across
    zh = boundary_words(PARAMS.units, date(2022, 1, 1), date(2023, 7, 15), "zh").body
    assert "2023年7月9日前后不可比" in zh
    # a year wholly after it: the new map, nothing crossed
    after = boundary_words(PARAMS.units, date(2024, 1, 1), date(2024, 3, 2), "en").body
    assert "redrawn" in after and "Not comparable" not in after


def test_policestat_snapshots_percent_change_recomputed_with_our_arithmetic():
    # 46 published year-to-date tables (crimes, 2021-22): "% change" against the two
    # year-to-date columns, recomputed by statlib.compare.pct_change.
    snapshots = pd.read_csv(DATA / "policestat_ytd_snapshots.csv")
    assert snapshots["snapshot_date"].nunique() == 46 and len(snapshots) == 738
    prior = snapshots["ytd_prior_year"].to_numpy(float)
    ours = pct_change(snapshots["ytd_current_year"].to_numpy(float), prior)
    # no prior-year crimes: PoliceStat prints "Inf", we print no percentage
    infinite = snapshots["pct_change"].eq("Inf").to_numpy()
    assert (infinite == (prior == 0)).all() and np.isnan(ours[infinite]).all()
    published = snapshots.loc[~infinite, "pct_change"].str.rstrip("%").astype(float)
    published, ours = published.to_numpy(), ours[~infinite]
    # PoliceStat prints even whole percents; ours agree to within 1.5 points in every row,
    # and 733 of 736 are ours rounded to a whole percent, then to an even one (R's round).
    assert (published % 2 == 0).all()
    assert np.abs(published - ours).max() < 1.5
    assert (np.round(np.round(ours) / 2) * 2 == published).sum() == 733
