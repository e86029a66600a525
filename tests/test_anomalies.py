"""Tests of statlib.anomalies: flags from SPC special causes, forecast breaches and jumps.

All series are hand-made; the expected limits are worked out in the comments with the
XmR constants of /work/shared/SPC.md (limits = CL +- 2.66 * MRbar).
"""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from statlib.anomalies import empty_flags, flag, previous_origin_forecasts
from statlib.anomalies.jumps import JUMP_SUPPORT_Z, jump_scores
from statlib.anomalies.levels import (
    completed_two_of_three,
    confirmed_trend,
    new_level_dates,
    run_lengths,
    shift_and_level,
)
from statlib.anomalies.severity import breach_supported, flag_severity
from statlib.errors import InputError, ParamsError
from statlib.report.flag_words import describe
from statlib.schema import (
    EXPECTED,
    FLAG_COLUMNS,
    FLAG_DIRECTION,
    FORECAST,
    HI_95,
    JUMP_SCORE,
    LIMIT,
    LO_95,
    NEW_LEVEL_EARLIEST,
    NEW_LEVEL_LATEST,
    NEW_LEVEL_SINCE,
    OBSERVED,
    PERIOD,
    PERIOD_END,
    RANGE_HIGH,
    RANGE_LOW,
    RULE_SIDES,
    RULES,
    RUN_LENGTH,
    SEVERITY,
    SIDE,
    VALUE,
)
from statlib.spc import SpcSettings

KEYS = {"domain": "public_safety", "metric": "robbery", "unit": "75"}


def weekly(values: list[float], start: str = "2024-01-07") -> pd.DataFrame:
    """A weekly KPI frame (weeks ending on Sunday) labelled 2024-W01, 2024-W02, ..."""
    ends = pd.date_range(start, periods=len(values), freq="W-SUN")
    labels = [f"2024-W{i + 1:02d}" for i in range(len(values))]
    return pd.DataFrame({**KEYS, PERIOD: labels, PERIOD_END: ends, VALUE: values})


def monthly(values: np.ndarray) -> pd.DataFrame:
    """A monthly KPI frame from January 2021."""
    ends = pd.date_range("2021-01-31", periods=len(values), freq="ME")
    return pd.DataFrame({**KEYS, PERIOD: ends.strftime("%Y-%m"), PERIOD_END: ends, VALUE: values})


def words(flags: pd.DataFrame, lang: str = "en", measure: str = "count") -> list[str]:
    """Each flag of `flags` in words, as a page in `lang` draws it."""
    return [describe(row, lang, measure) for _, row in flags.iterrows()]


def forecast_for(frame: pd.DataFrame, row: int, low: float, high: float) -> pd.DataFrame:
    """A hand-made previous-origin forecast for one period of `frame`."""
    keys = frame.iloc[[row]][[*KEYS, PERIOD_END]].reset_index(drop=True)
    return keys.assign(**{FORECAST: (low + high) / 2, LO_95: low, HI_95: high})


# --- breaches ---------------------------------------------------------------------------
def test_spike_outside_the_forecast_range_gives_one_flag_with_its_numbers() -> None:
    # 10 points: a run chart (fewer than 15), so SPC raises nothing; only the breach rule.
    frame = weekly([50, 52, 49, 51, 50, 48, 52, 50, 51, 91])
    flags = flag(
        frame,
        directions="increase",
        freq="week",
        previous_forecasts=forecast_for(frame, 9, 40.4, 61.6),
    )
    assert len(flags) == 1
    row = flags.iloc[0]
    assert row[PERIOD] == "2024-W10"
    assert row[RULES] == "forecast_breach"
    assert row[SEVERITY] == "medium"
    assert (row[OBSERVED], row[RANGE_LOW], row[RANGE_HIGH]) == (91, 40.4, 61.6)
    # 40.4 and 61.6 are shown whole because the largest number (91) is >= 10.
    assert words(flags) == ["outside the 95% forecast range: expected 40-62, got 91"]


def test_a_share_is_worded_in_percentages() -> None:
    # The same breach on an on-time share (0.85 = 85%): the numbers read as percentages.
    frame = weekly([0.85, 0.86, 0.84, 0.85, 0.86, 0.85, 0.84, 0.85, 0.86, 0.60])
    frame["metric"] = "closed_on_time"
    forecasts = forecast_for(frame, 9, 0.80, 0.90)
    flags = flag(frame, directions="increase", freq="week", previous_forecasts=forecasts)
    assert words(flags, measure="rate") == [
        "outside the 95% forecast range: expected 80.0%-90.0%, got 60.0%"
    ]
    assert words(flags, measure="index") == [
        "outside the 95% forecast range: expected 0.80-0.90, got 0.60"
    ]


def test_spike_beyond_limits_and_forecast_range_is_high_severity() -> None:
    # 19 points 48, 52, ..., 48 (ten 48s, nine 52s) then 91.
    # CL = (480 + 468 + 91) / 20 = 51.95; moving ranges 18 * 4 + |91 - 48| = 115,
    # MRbar = 115 / 19 = 6.0526; UCL = 51.95 + 2.66 * 6.0526 = 68.05 -> "68".
    frame = weekly([48, 52] * 9 + [48, 91])
    flags = flag(
        frame,
        directions="increase",
        freq="week",
        previous_forecasts=forecast_for(frame, 19, 40.4, 61.6),
    )
    assert flags[PERIOD].tolist() == ["2024-W20"]
    row = flags.iloc[0]
    assert row[RULES] == "outside_limits;forecast_breach;jump"
    assert row[SEVERITY] == "high"
    # Jump: the median of the 3 points before 91 (48, 52, 48) is 48; its residual 43
    # against 16 earlier residuals of +4 / -4 (median 0, MAD 4, scale 5.93) is 7.3 sd.
    assert row[RULE_SIDES] == "high;high;high" and row[SIDE] == "high"
    assert row[LIMIT] == pytest.approx(51.95 + 2.66 * 115 / 19)
    assert row[EXPECTED] == 48 and row[JUMP_SCORE] == pytest.approx(43 / 5.9304, rel=1e-3)
    assert words(flags) == [
        "above the upper process limit: limit 68, got 91; "
        "outside the 95% forecast range: expected 40-62, got 91; "
        "a jump above the recent level: expected about 48, got 91"
    ]


def test_previous_origin_forecasts_catch_a_spike_without_peeking() -> None:
    rng = np.random.default_rng(7)
    values = 100 + rng.normal(0, 3, 40)
    values[-1] = 150  # about 17 standard deviations above the level
    frame = weekly(list(values))
    forecasts = previous_origin_forecasts(frame, freq="week", season_length=52, periods=3)
    assert len(forecasts) == 3
    last = forecasts.iloc[-1]
    # Made before the spike was seen, the forecast stays near the level of 100.
    assert 90 < last[FORECAST] < 110 and last[HI_95] < 150
    flags = flag(frame, directions="increase", freq="week", previous_forecasts=forecasts)
    assert "forecast_breach" in flags.iloc[-1][RULES]
    assert flags.iloc[-1][PERIOD] == "2024-W40"


@pytest.mark.parametrize(
    ("direction", "expected"),
    [("increase", "improvement"), ("decrease", "concern"), ("neutral", "neutral")],
)
def test_direction_follows_the_improvement_direction(direction: str, expected: str) -> None:
    frame = weekly([50, 52, 49, 51, 50, 48, 52, 50, 51, 91])
    flags = flag(
        frame,
        directions={"robbery": direction},
        freq="week",
        previous_forecasts=forecast_for(frame, 9, 40.4, 61.6),
    )
    assert flags[FLAG_DIRECTION].tolist() == [expected]


def test_a_drop_is_an_improvement_for_a_decrease_metric() -> None:
    frame = weekly([50, 52, 49, 51, 50, 48, 52, 50, 51, 20])
    flags = flag(
        frame,
        directions="decrease",
        freq="week",
        previous_forecasts=forecast_for(frame, 9, 40.4, 61.6),
    )
    assert flags[FLAG_DIRECTION].tolist() == ["improvement"]
    assert words(flags) == ["outside the 95% forecast range: expected 40-62, got 20"]


# --- shifts and new levels ------------------------------------------------------------
def test_seven_point_shift_then_new_level_once() -> None:
    # 20 points alternating 12, 8 (ending on 8), then nine at 14.
    # CL = (200 + 9 * 14) / 29 = 11.24, so 12 and 8 alternate sides and the 14s are a run
    # above from W21. MRbar = (19 * 4 + 6) / 28 = 2.93, UCL = 11.24 + 2.66 * 2.93 = 19.0:
    # no point is outside; the 2-sigma line 16.4 is above 14; equal values make no trend.
    frame = weekly([12, 8] * 10 + [14] * 9)
    flags = flag(frame, directions="increase", freq="week")
    assert flags[PERIOD].tolist() == ["2024-W27", "2024-W28"]
    shift, level = flags.iloc[0], flags.iloc[1]
    assert shift[RULES] == "shift" and shift[RUN_LENGTH] == 7
    # The level is dated on the run (W21-W28) and the 8 points before it (W13-W20): the
    # split before W21 leaves SSE 8 * 2^2 = 32 (levels 10 and 14, d = 4), variance
    # 32 / (16 - 2) = 2.286, half width floor(11.03 * 2.286 / 16) + 1 = 2: W19-W23.
    assert words(flags) == [
        "7 weeks in a row above the average",
        "new level since 2024-W21 (likely between 2024-W19 and 2024-W23)",
    ]
    assert words(flags, "zh")[1] == "自2024-W21起处于新水平（可能始于2024-W19至2024-W23之间）"
    assert shift[SEVERITY] == "low" and shift[FLAG_DIRECTION] == "improvement"
    assert pd.isna(shift[NEW_LEVEL_SINCE])
    assert level[RULES] == "new_level"
    assert level[NEW_LEVEL_SINCE] == "2024-W21"


def test_new_level_is_dated_where_the_level_changed_not_where_the_run_began() -> None:
    # Old level 12, 8 alternating (W1-W22: the last two 12s), new level 16 from W23.
    # CL = (200 + 24 + 7 * 16) / 29 = 11.59: the two old 12s (W21, W22) are above it, so
    # the run above starts at W21, two weeks early. MRbar = (19 * 4 + 4 + 0 + 4) / 28 = 3.0,
    # UCL = 19.57 and the 2-sigma line 16.91 lie above 16. The run confirms at W27 and
    # reports the level at W28, dated on W13-W28 (the run and 8 points before it):
    # 12 8 12 8 12 8 12 8 12 12 | 16 x 6. Split before W23: left mean 10.4, SSE 6 * 1.6^2
    # + 4 * 2.4^2 = 38.4, right 0 (before W21: 32 + 24 = 56; before W22: 35.6 + 13.7).
    # Variance 38.4 / 14 = 2.743, d = 5.6: floor(11.03 * 2.743 / 31.36) + 1 = 1.
    frame = weekly([12, 8] * 10 + [12, 12] + [16] * 7)
    flags = flag(frame, directions="increase", freq="week")
    level = flags[flags[RULES] == "new_level"].iloc[0]
    assert level[PERIOD] == "2024-W28" and level[RUN_LENGTH] == 8
    assert (level[NEW_LEVEL_SINCE], level[NEW_LEVEL_EARLIEST], level[NEW_LEVEL_LATEST]) == (
        "2024-W23",
        "2024-W22",
        "2024-W24",
    )
    assert words(flags.iloc[[-1]]) == [
        "new level since 2024-W23 (likely between 2024-W22 and 2024-W24)"
    ]
    assert flags[NEW_LEVEL_EARLIEST].iloc[:-1].isna().all()  # only the level flag has dates


def test_level_that_cannot_be_split_keeps_the_run_start_without_a_range() -> None:
    labels = [f"2024-W{week:02d}" for week in range(1, 11)]
    assert new_level_dates([5.0] * 10, labels, 0, 2, 9) == ("2024-W03", None, None)
    # The window never reaches back before the partition start (position 4 here).
    values = [0, 0, 0, 0, 1, 2, 1, 2, 9, 8, 9, 8]
    labels = [f"2024-W{week:02d}" for week in range(1, 13)]
    assert new_level_dates(values, labels, 4, 6, 11)[0] == "2024-W09"


def test_period_keeps_only_that_periods_flags() -> None:
    frame = weekly([12, 8] * 10 + [14] * 9)
    flags = flag(frame, directions="increase", freq="week", period="2024-W28")
    assert flags[PERIOD].tolist() == ["2024-W28"]
    assert flags.iloc[0][NEW_LEVEL_SINCE] == "2024-W21"  # the history still counts
    assert flag(frame, directions="increase", freq="week", period="2024-W29").empty


def test_no_repeated_alarms_at_a_confirmed_new_level() -> None:
    # Baseline limits from the first 20 points: CL = 10, MRbar = 4, UCL = 20.64, so every
    # point at the new level 30 is outside the limits. W21-W27 are alarms (W27 also
    # confirms the shift); W28 reports the new level once; W29-W32 raise nothing.
    frame = weekly([12, 8] * 10 + [30] * 12)
    settings = SpcSettings(baseline_points=20)
    flags = flag(frame, directions="decrease", freq="week", spc_settings=settings)
    periods = flags[PERIOD].tolist()
    assert periods == [f"2024-W{week}" for week in range(21, 29)]
    # Two of three beyond 2 sigma is complete from the second point at the new level.
    assert flags[RULES].tolist()[:7] == [
        "outside_limits",
        *["outside_limits;two_of_three"] * 5,
        "outside_limits;shift;two_of_three",
    ]
    assert flags.iloc[7][RULES] == "new_level"
    assert flags.iloc[7][NEW_LEVEL_SINCE] == "2024-W21"
    assert set(flags[FLAG_DIRECTION]) == {"concern"}


def test_run_lengths_restart_at_a_change_and_at_a_start() -> None:
    keys = np.array([1, 1, -1, -1, -1, -1, 0, 1])
    starts = np.array([1, 0, 0, 0, 1, 0, 0, 0], dtype=bool)
    assert run_lengths(keys, starts).tolist() == [1, 2, 1, 2, 1, 2, 1, 1]
    assert run_lengths(np.array([]), np.array([], dtype=bool)).tolist() == []


def test_level_rule_on_a_side_vector() -> None:
    side = np.array([-1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1])  # a run of 9 above, then below
    starts = np.zeros(side.size, dtype=bool)
    shift_hit = np.array([0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0], dtype=bool)
    confirms, at_level, reports, run_start = shift_and_level(side, starts, shift_hit, 7)
    assert np.flatnonzero(confirms).tolist() == [7]  # the 7th point of the run
    assert np.flatnonzero(at_level).tolist() == [8, 9]
    assert np.flatnonzero(reports).tolist() == [8]
    assert run_start[8] == 1


def test_trend_counts_only_from_the_point_that_completes_it() -> None:
    x = np.array([5, 1, 2, 3, 4, 5, 6, 7, 8, 8])
    starts = np.zeros(x.size, dtype=bool)
    hit = np.array([0, 1, 1, 1, 1, 1, 1, 1, 1, 0], dtype=bool)  # 1..8 is a trend of 8
    rising, falling, points = confirmed_trend(x, starts, hit, 7)
    assert np.flatnonzero(rising).tolist() == [7, 8]  # 7 points at index 7, 8 at index 8
    assert not falling.any()
    assert points[7] == 7 and points[9] == 1


def test_two_of_three_counts_from_the_point_that_completes_it() -> None:
    hit = np.array([0, 1, 0, 1, 0, 0, 1, 1], dtype=bool)
    starts = np.array([1, 0, 0, 0, 0, 0, 0, 1], dtype=bool)  # a new partition at index 7
    assert np.flatnonzero(completed_two_of_three(hit, starts)).tolist() == [3]


# --- jumps and severity -----------------------------------------------------------------
def test_jump_score_is_the_residual_in_robust_sd_of_earlier_residuals() -> None:
    # 0, 2, 0, 2, ... (17 points, index 16 is 0), then 20 at index 17.
    x = np.array([0.0, 2.0] * 8 + [0.0, 20.0])
    starts = np.zeros(x.size, dtype=bool)
    starts[0] = True
    score, prediction = jump_scores(x, starts)
    # Predictions are medians of the last 3 points: median(0, 2, 0) = 0 before index 17.
    assert prediction[17] == 0.0
    # Residuals at t = 3..16: +2 at odd t (7 of them), -2 at even t (7): median 0,
    # MAD 2, scale 1.4826 * 2 = 2.9652; (20 - 0) / 2.9652 = 6.745.
    assert score[17] == pytest.approx(20 / 2.9652, rel=1e-4)
    # At index 16 the 13 earlier residuals are seven +2 and six -2: median +2, MAD 0,
    # a history that never varied around its median gives no score.
    assert np.isnan(score[16])
    # Fewer than 12 earlier residuals (3 + 12 points): no score.
    assert np.isnan(score[:15]).all()


def test_jump_scores_restart_at_each_series() -> None:
    one = np.array([0.0, 2.0] * 8 + [0.0, 20.0])
    x = np.concatenate([one, one])
    starts = np.zeros(x.size, dtype=bool)
    starts[[0, one.size]] = True
    score, _ = jump_scores(x, starts)
    # The second series is scored from its own history only, exactly like the first.
    np.testing.assert_array_equal(score[one.size :], score[: one.size])


def test_severity_is_high_for_breach_and_jump_and_medium_for_a_backed_breach() -> None:
    assert flag_severity(["forecast_breach", "jump"], supported=True) == "high"
    assert flag_severity(["outside_limits", "forecast_breach"], supported=True) == "medium"
    assert flag_severity(["outside_limits", "forecast_breach"], supported=False) == "low"
    assert flag_severity(["forecast_breach"], supported=True) == "medium"
    assert flag_severity(["outside_limits", "jump"], supported=True) == "low"
    assert flag_severity(["jump"], supported=True) == "low"
    assert flag_severity(["shift", "two_of_three"], supported=True) == "low"


def test_a_breach_is_backed_by_a_jump_score_on_its_side_or_by_no_score() -> None:
    assert breach_supported(JUMP_SUPPORT_Z + 0.1, "high")
    assert not breach_supported(JUMP_SUPPORT_Z + 0.1, "low")  # the other side
    assert breach_supported(-(JUMP_SUPPORT_Z + 0.1), "low")
    assert not breach_supported(1.0, "high")
    assert breach_supported(float("nan"), "high")  # too short to judge: as before


# --- seasonality ------------------------------------------------------------------------
def seasonal_values() -> np.ndarray:
    """Four years of a monthly series around 100 with a December peak of +60."""
    month = np.arange(48)
    noise = 3.0 * ((month * 7) % 5 - 2)  # -6..+6, a fixed pattern
    return 100 + noise + np.where(month % 12 == 11, 60.0, 0.0)


def test_seasonal_peak_is_not_flagged_after_adjustment() -> None:
    frame = monthly(seasonal_values())
    raw = flag(frame, directions="increase", freq="month", season_length=1)
    # Without adjustment every December is above the upper limit (about 144).
    assert raw[PERIOD].tolist() == ["2021-12", "2022-12", "2023-12", "2024-12"]
    # The first December has too short a history for a jump score (3 + 12 points); the
    # later ones also jump from their recent level. No forecast: no breach, all low.
    assert raw[RULES].tolist() == ["outside_limits"] + ["outside_limits;jump"] * 3
    assert set(raw[SEVERITY]) == {"low"}
    adjusted = flag(frame, directions="increase", freq="month")  # season_length 12
    assert adjusted.empty


def test_off_season_spike_is_flagged_and_said_to_be_adjusted() -> None:
    values = seasonal_values()
    values[29] = 160  # June 2023: a December-sized value in June
    flags = flag(monthly(values), directions="increase", freq="month")
    assert flags[PERIOD].tolist() == ["2023-06"]
    (message,) = words(flags)
    assert message.startswith("above the upper process limit: limit 150, got 160 (seasonally")
    assert "; a jump above the recent level: expected about " in message
    assert flags.iloc[0][SEVERITY] == "low"  # no forecast was given: no breach


# --- missing data, empty input, errors, language --------------------------------------
def test_missing_periods_never_become_zeros() -> None:
    values = [50.0, 52.0] * 10
    values[12] = np.nan  # a reported gap
    frame = weekly(values).drop(index=5)  # and a week with no row at all
    before = frame.copy()
    flags = flag(frame, directions="increase", freq="week")
    assert flags.empty  # a zero would be far below the lower limit (about 44.7)
    pd.testing.assert_frame_equal(frame, before)  # the input is not modified
    forecasts = previous_origin_forecasts(frame, freq="week", season_length=52, periods=20)
    # No forecast for the missing periods, and none pulled towards zero by them.
    assert pd.Timestamp("2024-03-31") not in set(forecasts[PERIOD_END])  # W13, the NaN
    assert pd.Timestamp("2024-02-11") not in set(forecasts[PERIOD_END])  # W06, no row
    assert forecasts[FORECAST].min() > 45


def test_empty_input_gives_an_empty_frame_with_the_columns() -> None:
    empty = weekly([]).astype({VALUE: float})
    flags = flag(empty, directions="increase", freq="week")
    assert flags.empty and list(flags.columns) == list(FLAG_COLUMNS)
    all_missing = flag(weekly([np.nan] * 5), directions="increase", freq="week")
    assert all_missing.empty and list(all_missing.columns) == list(FLAG_COLUMNS)
    assert list(empty_flags(empty).columns) == list(FLAG_COLUMNS)


def test_messages_in_chinese() -> None:
    frame = weekly([50, 52, 49, 51, 50, 48, 52, 50, 51, 91])
    flags = flag(
        frame,
        directions="increase",
        freq="week",
        previous_forecasts=forecast_for(frame, 9, 40.4, 61.6),
    )
    assert words(flags, "zh") == ["超出95%预测区间：预期40至62，实际91"]
    shift = flag(weekly([12, 8] * 10 + [14] * 9), directions="increase", freq="week")
    assert words(shift, "zh") == [
        "连续7周高于平均值",
        "自2024-W21起处于新水平（可能始于2024-W19至2024-W23之间）",
    ]


def test_period_words_follow_the_frequency() -> None:
    frame = weekly([12, 8] * 10 + [14] * 8)
    frame[PERIOD_END] = pd.date_range("2022-01-31", periods=len(frame), freq="ME")
    flags = flag(frame, directions="increase", freq="month", season_length=1)
    # The labels here are weekly ones: the frequency is given, not read from them.
    assert describe(flags.iloc[0], "en", freq="month") == "7 months in a row above the average"


def test_bad_inputs_are_named() -> None:
    frame = weekly([50, 52, 49, 51])
    with pytest.raises(InputError, match="'period'"):
        flag(frame.drop(columns=PERIOD), directions="increase", freq="week")
    with pytest.raises(ParamsError, match="'weekly'"):
        flag(frame, directions="increase", freq="weekly")
    twice = pd.concat([forecast_for(frame, 3, 40, 60)] * 2)
    with pytest.raises(InputError, match="one forecast per series and period"):
        flag(frame, directions="increase", freq="week", previous_forecasts=twice)


def test_flags_are_keys_and_numbers_worded_in_each_language_by_the_page() -> None:
    frame = weekly([48, 52] * 9 + [48, 91])
    flags = flag(
        frame,
        directions="increase",
        freq="week",
        previous_forecasts=forecast_for(frame, 19, 40.4, 61.6),
    )
    assert list(flags.columns) == list(FLAG_COLUMNS)
    assert not {"message", "lang"} & set(flags.columns)
    (english,) = words(flags)
    (chinese,) = words(flags, "zh")
    assert english.startswith("above the upper process limit: limit 68, got 91; ")
    assert chinese.startswith("高于控制上限：上限68，实际91；超出95%预测区间")
    with pytest.raises(ParamsError, match="'fr'"):
        describe(flags.iloc[0], "fr")


def test_the_statistics_never_import_the_message_catalogue() -> None:
    code = (
        "import sys, statlib.anomalies; "
        "print(sorted(m for m in sys.modules if m in "
        "('statlib.messages', 'statlib.phrases', 'statlib.report')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_a_page_kernel_never_imports_the_statistics_stack() -> None:
    # What a domain notebook's kernel imports to draw any section (statlib.report.registry
    # holds them all): scipy and statsmodels would cost each page a second of start-up.
    code = (
        "import sys, statlib; statlib.open_review; import statlib.report.registry; "
        "print(sorted(m for m in ('scipy', 'statsmodels') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
