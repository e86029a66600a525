"""statlib.anomalies.levels.date_level_shift: the date of a shift and its 95% range."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from statlib.anomalies.levels import BAI_95, LevelShift, date_level_shift, new_level_dates


def test_hand_computed_split_and_range():
    # x = 1 2 1 2 1 2 | 8 9 8 9 8 9: the split before position 6 leaves deviations of 0.5
    # everywhere: SSE = 12 * 0.25 = 3 (the split before 5 gives 1.2 + 37.7). Residual
    # variance 3 / (12 - 2) = 0.3, levels 1.5 and 8.5 (d = 7):
    # half width = floor(11.03 * 0.3 / 49) + 1 = floor(0.0675) + 1 = 1 -> positions 5..7.
    shift = date_level_shift([1, 2, 1, 2, 1, 2, 8, 9, 8, 9, 8, 9])
    assert shift == LevelShift(start=6, earliest=5, latest=7, before=1.5, after=8.5)


def test_missing_points_keep_their_positions():
    # the same series with a missing period at position 2: everything after moves by one
    shift = date_level_shift([1, 2, np.nan, 1, 2, 1, 2, 8, 9, 8, 9, 8, 9])
    assert (shift.start, shift.earliest, shift.latest) == (7, 6, 8)


def test_noisier_levels_give_a_wider_range():
    # 1 3 1 3 1 3 | 5 7 5 7 5 7: SSE = 12 * 1 = 12, variance 12 / 10 = 1.2, d = 4:
    # floor(11.03 * 1.2 / 16) + 1 = floor(0.827) + 1 = 1 -> positions 5..7.
    far = date_level_shift([1, 3, 1, 3, 1, 3, 5, 7, 5, 7, 5, 7])
    assert (far.start, far.earliest, far.latest) == (6, 5, 7)
    # 1 3 1 3 1 3 | 4 6 4 6 4 6: same SSE 12 (the splits before 5 and 7 give 4.8 + 9.43),
    # d = 3: floor(11.03 * 1.2 / 9) + 1 = floor(1.47) + 1 = 2 -> positions 4..8.
    near = date_level_shift([1, 3, 1, 3, 1, 3, 4, 6, 4, 6, 4, 6])
    assert (near.start, near.earliest, near.latest) == (6, 4, 8)
    assert pytest.approx(11.03) == BAI_95


def test_too_short_or_constant_series_have_no_date():
    assert date_level_shift([1.0, 2.0, 3.0, 4.0, 5.0]) is None  # fewer than 2 x 3 points
    assert date_level_shift([4.0] * 20) is None


@pytest.mark.parametrize(("shift", "coverage", "exact"), [(2.0, 0.93, 0.55), (3.0, 0.98, 0.80)])
def test_range_covers_the_known_break_on_seeded_series(shift, coverage, exact):
    # 1,000 seeded series of 36 points, N(0, 1) noise, a shift of `shift` sd at position 20.
    # Measured: shift 2 sd: 94.9% covered, 61% dated exactly; 3 sd: 99.6%, 84%.
    rng = np.random.default_rng(10)
    rng.normal(size=(4000, 36))  # the draws of the 1 and 1.5 sd cases measured before
    covered = hits = 0
    for _ in range(1000):
        x = rng.normal(size=36)
        x[20:] += shift
        found = date_level_shift(x)
        covered += found.earliest <= 20 <= found.latest
        hits += found.start == 20
    assert covered / 1000 >= coverage and hits / 1000 >= exact


def test_a_documented_real_break_is_dated_within_a_week():
    # NYPD citywide "Rape" (the major-felony count), as published (data/nypd/weekly.parquet,
    # Saturday-ending weeks). New York's expanded legal definition of rape (the "Rape is
    # Rape" act) took effect on Sunday 1 September 2024, so the week ending 2024-09-07 is
    # the first at the new level (32 that week, 58 the next; about 30 a week before, 39
    # after). The first 40 weeks (to 2025-04-19) lie before the Saturday-to-Sunday switch.
    weekly = pd.read_parquet(Path(__file__).resolve().parents[1] / "data/nypd/weekly.parquet")
    rape = weekly[(weekly["precinct"] == "Citywide") & (weekly["category"] == "Rape")]
    rape = rape.sort_values("week_end").head(40)
    weeks, counts = rape["week_end"].to_numpy(), rape["count"].to_numpy(dtype=float)
    assert (weeks[0], weeks[7]) == ("2024-07-20", "2024-09-07")
    shift = date_level_shift(counts)
    # Dated one week late (the week ending 2024-09-14), the true week inside the range.
    assert (weeks[shift.start], weeks[shift.earliest], weeks[shift.latest]) == (
        "2024-09-14",
        "2024-08-10",
        "2024-10-26",
    )
    assert round(shift.before, 1) == 29.9 and shift.after > 38
    # As a level flag would date it: a run of 8 weeks from 2024-09-14 and the 8 before it.
    assert new_level_dates(counts, weeks, 0, 8, 15) == ("2024-09-14", "2024-08-24", "2024-10-05")
