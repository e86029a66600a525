"""The SPC entry point (statlib.spc.evaluate) on hand-made series."""

import numpy as np
import pandas as pd
import pytest

from statlib import schema as s
from statlib.errors import InputError, ParamsError
from statlib.spc import SpcSettings, evaluate

CHECK_VECTOR = [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1]
# Hand-computed for CHECK_VECTOR (see test_spc_limits.py): CL 35/18, MRbar 32/17.
CL, MR_BAR = 35 / 18, 32 / 17


def kpi(values, *, metric="robbery", unit="75", start="2024-01-31", **extra):
    """A monthly KPI frame for one series."""
    values = list(values)
    return pd.DataFrame(
        {
            s.DOMAIN: "public_safety",
            s.METRIC: metric,
            s.UNIT: unit,
            s.PERIOD_END: pd.date_range(start, periods=len(values), freq="ME"),
            s.VALUE: np.asarray(values, dtype=float),
            **extra,
        }
    )


def one(frame, **kwargs):
    """Evaluate and return (points, the single summary row)."""
    result = evaluate(frame, **kwargs)
    assert len(result.summary) == 1
    return result.points, result.summary.iloc[0]


def test_check_vector_both_screening_settings():
    for screen, upper, lower in [(False, 6.95, -3.06), (True, 4.60, -0.72)]:
        points, summary = one(kpi(CHECK_VECTOR), settings=SpcSettings(screen_moving_ranges=screen))
        assert summary[s.CENTRE] == pytest.approx(1.944, abs=5e-4)
        assert summary[s.UPPER_LIMIT] == pytest.approx(upper, abs=0.005)
        assert summary[s.LOWER_LIMIT] == pytest.approx(lower, abs=0.005)
        assert np.flatnonzero(points[s.RULE_OUTSIDE_LIMITS]).tolist() == [4]  # the 10
        assert summary[s.STATUS] == "ok" and summary[s.CHART] == "xmr"


def test_output_columns_and_types():
    result = evaluate(kpi(CHECK_VECTOR))
    assert list(result.points.columns) == [*kpi([1]).columns, *s.SPC_POINT_COLUMNS]
    assert list(result.summary.columns) == list(s.SPC_SUMMARY_COLUMNS)
    assert result.points[s.RULE_SHIFT].dtype == bool
    assert result.summary[s.SETTINGS].iloc[0] == SpcSettings().describe()


def test_point_types_for_all_three_directions():
    cases = {"increase": "improvement", "decrease": "concern", "neutral": "neutral_high"}
    for direction, expected in cases.items():
        points, summary = one(kpi(CHECK_VECTOR), directions={"robbery": direction})
        assert points[s.POINT_TYPE].iloc[4] == expected
        assert points[s.SIDE].iloc[4] == "high"
        assert (points[s.POINT_TYPE].drop(index=4) == "common_cause").all()
        assert summary[s.VARIATION_ICON] == "common_cause"  # the last point is ordinary


def conflict_series():
    # 13 points at 20/21, then 1..7: CL = (7*20 + 6*21 + 28) / 20 = 14.7;
    # MRs: twelve 1s, 19, six 1s -> MRbar 37/19 = 1.947; lower limit 14.7 - 5.18 = 9.52.
    # The last 7 points are below the lower limit and a shift (low) AND a trend up (high).
    return kpi([20, 21] * 6 + [20] + list(range(1, 8)))


def test_conflict_is_recorded_and_the_setting_decides():
    points, summary = one(conflict_series(), directions="increase")
    assert points[s.CONFLICT].tolist() == [False] * 13 + [True] * 7
    assert points[s.RULE_TREND].iloc[13:].all() and points[s.RULE_SHIFT].iloc[13:].all()
    assert (points[s.POINT_TYPE].iloc[13:] == "improvement").all()
    assert summary[s.VARIATION_ICON] == "improvement_high"
    points, summary = one(
        conflict_series(), directions="increase", settings=SpcSettings(conflict="concern")
    )
    assert (points[s.POINT_TYPE].iloc[13:] == "concern").all()
    assert summary[s.VARIATION_ICON] == "concern_low"


def test_neutral_conflict_takes_the_side_of_the_centre_line():
    # The last 7 points lie below CL (14.7), so they are neutral_low despite the trend up.
    points, summary = one(conflict_series(), directions="neutral")
    assert (points[s.POINT_TYPE].iloc[13:] == "neutral_low").all()
    assert points[s.CONFLICT].iloc[13:].all()
    assert summary[s.VARIATION_ICON] == "neutral_low"


def test_shift_of_seven_flagged_six_not():
    # 12 points alternating 12/10 (the 12th, a 10, is below CL), then points at 11.5.
    # With 6 at 11.5: CL = (132 + 69) / 18 = 11.17, the six are above it: no shift.
    points, _ = one(kpi([12, 10] * 6 + [11.5] * 6))
    assert not points[s.RULE_SHIFT].any()
    # With 7: CL = (132 + 80.5) / 19 = 11.18, seven above: all seven flagged.
    points, _ = one(kpi([12, 10] * 6 + [11.5] * 7))
    assert np.flatnonzero(points[s.RULE_SHIFT]).tolist() == list(range(12, 19))


def test_gap_is_not_a_zero_and_does_not_break_a_shift():
    # Same series as the 7-point shift with a missing month inside the run: CL and the
    # shift are unchanged, the missing month is not assessed and has no moving range.
    values = [12, 10] * 6 + [11.5] * 3 + [np.nan] + [11.5] * 4
    points, summary = one(kpi(values))
    assert summary[s.N_POINTS] == 19
    assert summary[s.CENTRE] == pytest.approx((132 + 80.5) / 19)
    assert np.flatnonzero(points[s.RULE_SHIFT]).tolist() == [12, 13, 14, 16, 17, 18, 19]
    assert pd.isna(points[s.POINT_TYPE].iloc[15])
    assert points[s.MOVING_RANGE].iloc[15:17].isna().all()


def test_ghosted_point_is_drawn_but_excluded_from_limits_and_rules():
    plain = evaluate(kpi(CHECK_VECTOR)).points
    ghosted = kpi([*CHECK_VECTOR, 100.0], ghost=[False] * 18 + [True])
    points, summary = one(ghosted)
    assert points[s.UPPER_LIMIT].iloc[0] == pytest.approx(plain[s.UPPER_LIMIT].iloc[0])
    assert not points[s.RULE_OUTSIDE_LIMITS].iloc[18]  # 100 is far outside, but ghosted
    assert pd.isna(points[s.POINT_TYPE].iloc[18])
    assert summary[s.N_POINTS] == 18 and summary[s.LAST_VALUE] == 1.0


def test_recalculation_date_creates_two_partitions():
    # 16 points alternating 1/2 (CL 1.5), then from 2025-05-31 16 points at 11/12 (CL 11.5).
    frame = kpi([1, 2] * 8 + [11, 12] * 8)
    points, summary = one(frame, recalculate_at=["2025-05-31"])
    assert points[s.PARTITION].tolist() == [0] * 16 + [1] * 16
    assert points[s.CENTRE].iloc[0] == 1.5 and points[s.CENTRE].iloc[16] == 11.5
    assert summary[s.CENTRE] == 11.5
    assert not points[s.RULE_OUTSIDE_LIMITS].any()
    # Without the date the jump is one process: a shift, and CL 6.5.
    points, _ = one(frame)
    assert points[s.CENTRE].iloc[0] == 6.5 and points[s.RULE_SHIFT].all()


def test_recalculation_by_series_key():
    frame = pd.concat([kpi([1, 2] * 8 + [11, 12] * 8, unit=u) for u in ("75", "76")])
    result = evaluate(frame, recalculate_at={("public_safety", "robbery", "76"): ["2025-05-31"]})
    partitions = result.points.groupby(s.UNIT)[s.PARTITION].max()
    assert partitions.to_dict() == {"75": 0, "76": 1}


def test_partition_under_trial_points_gives_trial_limits():
    # 20 points; the last partition starts at point 16 and has 5 points (< 12).
    _, summary = one(kpi([1, 2] * 10), recalculate_at=["2025-04-30"])
    assert summary[s.STATUS] == "trial_limits"
    assert summary[s.VARIATION_ICON] == "common_cause"


def test_baseline_fixed_after_twelve_points():
    # Baseline 1,2 x 6: CL 1.5, MRbar 1, upper 4.16; the later 9s are all outside.
    points, summary = one(kpi([1, 2] * 6 + [9] * 4), settings=SpcSettings(baseline_points=12))
    assert summary[s.CENTRE] == 1.5
    assert summary[s.UPPER_LIMIT] == pytest.approx(1.5 + 2.66)
    assert np.flatnonzero(points[s.RULE_OUTSIDE_LIMITS]).tolist() == [12, 13, 14, 15]


def test_fewer_than_fifteen_points_is_a_run_chart():
    points, summary = one(kpi([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]))
    assert (summary[s.CHART], summary[s.STATUS]) == ("run", "not_enough_data")
    assert pd.isna(summary[s.VARIATION_ICON]) and pd.isna(summary[s.ASSURANCE_ICON])
    assert summary[s.CENTRE] == 7.5  # the run chart's median
    assert points[s.UPPER_LIMIT].isna().all() and not points[s.RULE_TREND].any()
    _, summary = one(kpi(range(1, 16)))
    assert summary[s.CHART] == "xmr"


def test_single_point_series():
    points, summary = one(kpi([5.0]))
    assert summary[s.STATUS] == "not_enough_data" and summary[s.N_POINTS] == 1
    assert summary[s.LAST_VALUE] == 5.0 and points[s.CENTRE].iloc[0] == 5.0


def test_constant_series_states_no_variation():
    points, summary = one(kpi([4.0] * 20, target=[3.0] * 20), directions="increase")
    assert summary[s.STATUS] == "no_variation"
    assert points[s.UPPER_LIMIT].isna().all()
    assert not points[[s.RULE_OUTSIDE_LIMITS, s.RULE_TWO_OF_THREE]].any().any()
    assert summary[s.VARIATION_ICON] == "common_cause" and pd.isna(summary[s.ASSURANCE_ICON])


def test_assurance_uses_the_latest_target_with_inclusive_boundaries():
    lower, upper = CL - 2.66 * MR_BAR, CL + 2.66 * MR_BAR  # same arithmetic as the module
    for direction, target, icon in [
        ("increase", lower, "consistently_passes"),
        ("increase", upper, "consistently_fails"),
        ("increase", lower + 0.01, "hit_or_miss"),
        ("decrease", upper, "consistently_passes"),
        ("decrease", lower, "consistently_fails"),
        ("neutral", lower, None),
    ]:
        # Earlier targets differ and the last two are missing: the latest non-null counts.
        targets = [100.0] * 15 + [target] + [np.nan] * 2
        _, summary = one(kpi(CHECK_VECTOR, target=targets), directions=direction)
        if icon is None:
            assert pd.isna(summary[s.ASSURANCE_ICON]), direction
        else:
            assert summary[s.ASSURANCE_ICON] == icon, (direction, target)


def test_many_series_give_the_same_answer_as_one_at_a_time():
    rng = np.random.default_rng(7)
    frames = [kpi(rng.poisson(20, 40), unit=str(u)) for u in range(5)]
    frames[2].loc[5, s.VALUE] = np.nan
    together = evaluate(pd.concat(frames).sample(frac=1, random_state=3), directions="decrease")
    for u, frame in enumerate(frames):
        alone = evaluate(frame, directions="decrease").points
        mine = together.points[together.points[s.UNIT] == str(u)].reset_index(drop=True)
        pd.testing.assert_frame_equal(mine, alone)


def test_input_is_not_mutated():
    frame = pd.concat([kpi(CHECK_VECTOR, unit="b"), kpi(CHECK_VECTOR, unit="a")])
    before = frame.copy(deep=True)
    evaluate(frame, directions="increase")
    pd.testing.assert_frame_equal(frame, before)


def test_empty_input_gives_empty_frames_with_the_columns():
    result = evaluate(kpi([]))
    assert result.points.empty and result.summary.empty
    assert list(result.summary.columns) == list(s.SPC_SUMMARY_COLUMNS)
    assert set(s.SPC_POINT_COLUMNS) <= set(result.points.columns)


def test_input_errors_name_the_column_or_row():
    with pytest.raises(InputError, match="'value'"):
        evaluate(kpi([1.0]).drop(columns=s.VALUE))
    doubled = pd.concat([kpi([1.0, 2.0]), kpi([3.0])], ignore_index=True)
    with pytest.raises(InputError, match="appears twice") as error:
        evaluate(doubled)
    assert error.value.row == 2
    with pytest.raises(InputError, match="'period_end'"):
        evaluate(kpi([1.0]).assign(period_end="2024-01-31"))


def test_parameter_errors():
    with pytest.raises(ParamsError, match="'robbery'"):
        evaluate(kpi(CHECK_VECTOR), directions={"arrests": "increase"})
    with pytest.raises(ParamsError, match="not a date"):
        evaluate(kpi(CHECK_VECTOR), recalculate_at=["2025-13-45"])
    with pytest.raises(ParamsError, match="'76'"):
        evaluate(kpi(CHECK_VECTOR), recalculate_at={"76": ["2025-05-31"]})


def test_gap_does_not_break_a_trend():
    # 10 points alternating 5/6, then 1, 2, 3, (missing), 4, 5, 6, 7: seven rising points.
    points, _ = one(kpi([5, 6] * 5 + [1, 2, 3, np.nan, 4, 5, 6, 7]))
    assert np.flatnonzero(points[s.RULE_TREND]).tolist() == [10, 11, 12, 14, 15, 16, 17]


def test_neutral_variation_icon_of_the_last_point():
    _, summary = one(kpi([*CHECK_VECTOR, 10.0]))
    assert summary[s.VARIATION_ICON] == "neutral_high"
