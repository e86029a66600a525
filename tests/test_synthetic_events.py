"""statlib.synthetic_events: seeded, well-formed service-request events."""

from __future__ import annotations

from datetime import date

import pandas as pd

from statlib import schema as S
from statlib.synthetic_events import CATEGORIES, synthetic_events


def test_same_seed_same_frame_other_seed_other_frame():
    pd.testing.assert_frame_equal(synthetic_events(2_000, seed=5), synthetic_events(2_000, seed=5))
    assert not synthetic_events(2_000, seed=5).equals(synthetic_events(2_000, seed=6))


def test_events_are_well_formed_and_carry_the_edge_cases():
    frame = synthetic_events(20_000, seed=1, first_day=date(2025, 1, 1), days=100)
    assert list(frame.columns) == [S.CATEGORY, S.UNIT, S.OCCURRED_AT, S.CLOSED_AT]
    assert set(frame[S.CATEGORY]) == set(CATEGORIES)
    assert set(frame[S.UNIT].dropna()) == {str(u) for u in range(1, 16)}
    assert frame[S.UNIT].isna().any()  # counted citywide only
    assert frame[S.OCCURRED_AT].is_monotonic_increasing
    assert frame[S.OCCURRED_AT].min() >= pd.Timestamp("2025-01-01")
    end = pd.Timestamp("2025-01-01") + pd.Timedelta(days=100)
    assert frame[S.OCCURRED_AT].max() < end
    closed = frame[S.CLOSED_AT].dropna()
    assert (closed >= frame.loc[closed.index, S.OCCURRED_AT]).all()
    assert (closed < end).all()  # a close after the extract is not known yet
    assert frame[S.CLOSED_AT].isna().any()
    took = (closed - frame.loc[closed.index, S.OCCURRED_AT]).dt.days
    assert took.max() > 60  # some stay open for months


def test_no_events():
    assert synthetic_events(0).empty
