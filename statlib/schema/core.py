"""The core frames: the KPI observations and the statistics of the CompStat page.

Events, comparisons, SPC, targets, forecasts, flags, actions; re-exported by statlib.schema.
"""

from __future__ import annotations

# --- KPI observations: the frame every statistic takes -------------------------
DOMAIN = "domain"  # review domain key, e.g. "public_safety"
METRIC = "metric"  # metric key within the domain, e.g. "robbery"
UNIT = "unit"  # reporting unit key, e.g. precinct "75" or "citywide"
PERIOD = "period"  # period label, e.g. "2026-W33", "2026-08", "2026-Q3"
PERIOD_END = "period_end"  # last day of the period (datetime64[ns]); the time axis
VALUE = "value"  # the observed value (float; NaN never means zero)
NUMERATOR = "numerator"  # for rates: value = numerator / denominator
DENOMINATOR = "denominator"
TARGET = "target"  # the target for this period, where one is set
# Year-on-year growth in percent as the department reports it (NaN when not reported). For
# an `accumulation: ytd` metric the period is the month the cumulation ends in ("2020-08" =
# Jan-Aug 2020) and VALUE is the cumulative level in the metric's `unit_label`; a metric
# reported as growth only has VALUE NaN. Never recomputed from levels (comparable prices).
REPORTED_GROWTH = "reported_growth"

SERIES_KEYS: tuple[str, ...] = (DOMAIN, METRIC, UNIT)
KPI_COLUMNS: tuple[str, ...] = (*SERIES_KEYS, PERIOD, PERIOD_END, VALUE)

CITYWIDE = "citywide"  # the unit key of the whole-city aggregate

# --- Improvement direction of a metric (from the params) -----------------------
INCREASE, DECREASE, NEUTRAL = "increase", "decrease", "neutral"
DIRECTIONS: tuple[str, ...] = (INCREASE, DECREASE, NEUTRAL)

# --- Events: raw records aggregated into KPIs ----------------------------------
EVENT_ID = "event_id"
CATEGORY = "category"
OCCURRED_AT = "occurred_at"
CLOSED_AT = "closed_at"
LONGITUDE = "longitude"
LATITUDE = "latitude"
EVENT_COLUMNS: tuple[str, ...] = (DOMAIN, EVENT_ID, CATEGORY, UNIT, OCCURRED_AT)

# --- Comparisons (statlib.compare) ----------------------------------------------
WINDOW = "window"  # "week", "28_day", "ytd", "previous_period", ...
CURRENT = "current"
PRIOR = "prior"
PCT_CHANGE = "pct_change"  # percent, NaN where prior == 0
POISSON_Z = "z"  # 2 * (sqrt(current) - sqrt(prior))
CHANGE = "change"  # current - prior, in the metric's own units (percentage points for rates)
COMPARISON_COLUMNS: tuple[str, ...] = (
    DOMAIN,
    METRIC,
    UNIT,
    PERIOD,
    WINDOW,
    CURRENT,
    PRIOR,
    CHANGE,
    PCT_CHANGE,
    POISSON_Z,
)
# Which published rows fill each side of a window (statlib.compare.window_coverage)
WINDOW_SIDE = "window_side"  # "current" | "prior"
WINDOW_FIRST, WINDOW_LAST = "window_first", "window_last"  # the days wanted (inclusive)
COVER_LABELS = "labels"  # ";"-joined labels of the rows chosen (periods or cuts of days)
COVER_FIRST, COVER_LAST = "first_day", "last_day"  # the days those rows cover
MISSING_DAYS = "missing_days"  # days of the window not covered
EXTRA_DAYS = "extra_days"  # days covered outside the window (or twice)
COVERAGE_COLUMNS: tuple[str, ...] = (
    METRIC,
    WINDOW,
    WINDOW_SIDE,
    WINDOW_FIRST,
    WINDOW_LAST,
    COVER_LABELS,
    COVER_FIRST,
    COVER_LAST,
    MISSING_DAYS,
    EXTRA_DAYS,
)

# --- SPC (statlib.spc) ------------------------------------------------------------
GHOST = "ghost"  # optional input flag: drawn, but left out of every SPC calculation
PARTITION = "partition"  # 0, 1, ... per series; a new one starts at each recalculation date
CENTRE = "centre"  # centre line: mean of the partition (median on a run chart)
UPPER_LIMIT = "upper_limit"  # CL + 2.66 * MRbar
LOWER_LIMIT = "lower_limit"
UPPER_TWO_SIGMA = "upper_two_sigma"  # CL + 1.7733 * MRbar
LOWER_TWO_SIGMA = "lower_two_sigma"
UPPER_ONE_SIGMA = "upper_one_sigma"  # CL + 0.8867 * MRbar
LOWER_ONE_SIGMA = "lower_one_sigma"
MOVING_RANGE = "moving_range"  # abs(x_i - x_{i-1}); NaN across a gap, ghost or partition start
RULE_OUTSIDE_LIMITS = "rule_outside_limits"  # bool: did this rule flag the point
RULE_SHIFT = "rule_shift"
RULE_TREND = "rule_trend"
RULE_TWO_OF_THREE = "rule_two_of_three"
SIDE = "side"  # "high" | "low" | None: the side of the special cause after conflicts
POINT_TYPE = "point_type"  # improvement | concern | neutral_high | neutral_low | common_cause
CONFLICT = "conflict"  # bool: the point was flagged on both the high and the low side
# bool per series: found seasonal, so its SPC judged the seasonally adjusted values and its
# lines follow the season (statlib.anomalies.seasonal.seasonal_spc)
SEASONAL = "seasonal"
SPC_POINT_COLUMNS: tuple[str, ...] = (
    GHOST,
    PARTITION,
    CENTRE,
    UPPER_LIMIT,
    LOWER_LIMIT,
    UPPER_TWO_SIGMA,
    LOWER_TWO_SIGMA,
    UPPER_ONE_SIGMA,
    LOWER_ONE_SIGMA,
    MOVING_RANGE,
    RULE_OUTSIDE_LIMITS,
    RULE_SHIFT,
    RULE_TREND,
    RULE_TWO_OF_THREE,
    SIDE,
    POINT_TYPE,
    CONFLICT,
)
N_POINTS = "n_points"  # points used in the calculations (not ghosted, not missing)
CHART = "chart"  # "xmr" | "run"
STATUS = "status"  # "ok" | "trial_limits" | "not_enough_data" | "no_variation"
LAST_PERIOD_END = "last_period_end"  # the last point used (not ghosted, not missing)
LAST_VALUE = "last_value"
VARIATION_ICON = "variation_icon"  # e.g. "improvement_high", "concern_low", "common_cause"
ASSURANCE_ICON = "assurance_icon"  # "consistently_passes" | "consistently_fails" | "hit_or_miss"
SETTINGS = "settings"  # short text of the SPC settings used, for the report footnote
SPC_SUMMARY_COLUMNS: tuple[str, ...] = (
    *SERIES_KEYS,
    N_POINTS,
    CHART,
    STATUS,
    LAST_PERIOD_END,
    LAST_VALUE,
    CENTRE,
    UPPER_LIMIT,
    LOWER_LIMIT,
    VARIATION_ICON,
    ASSURANCE_ICON,
    SETTINGS,
)

# --- Ingest: data-quality notes and reference tables (statlib.ingest) ------------
NOTE_SOURCE = "source"  # the file (or frame) a note is about
NOTE_RULE = "rule"  # short key of the quirk, e.g. "zero_weeks_omitted"
NOTE_AFFECTED_ROWS = "affected_rows"  # rows filled, dropped or found, per the action
NOTE_ACTION = "action"  # what ingest did: "filled", "dropped", "kept", "reported"
NOTE_DETAIL = "detail"  # one sentence with the numbers, for the report
NOTE_COLUMNS: tuple[str, ...] = (
    NOTE_SOURCE,
    NOTE_RULE,
    NOTE_AFFECTED_ROWS,
    NOTE_ACTION,
    NOTE_DETAIL,
)
POPULATION = "population"  # residents of a unit (census count)

# --- Targets and peers (statlib.compare, statlib.peers) -------------------------
GAP = "gap"  # value - target
ON_TRACK = "on_track"  # True when the value meets the target in the improvement direction
RANK = "rank"  # 1 = best in the metric's improvement direction (highest when neutral)
PRIOR_RANK = "prior_rank"
RANK_CHANGE = "rank_change"  # prior_rank - rank: positive = moved up ("up 5 places")
SHARE = "share"  # percent of the total over all units (citywide excluded)
PEER_COUNT = "peers"
RARE_EVENT = "rare_event"  # SPC summary: a count series too sparse for XmR limits
RANK_COLUMNS: tuple[str, ...] = (
    *SERIES_KEYS,
    PERIOD,
    VALUE,
    RANK,
    PRIOR_RANK,
    RANK_CHANGE,
    SHARE,
    PEER_COUNT,
)
TARGET_COLUMNS: tuple[str, ...] = (*SERIES_KEYS, PERIOD, VALUE, TARGET, GAP, ON_TRACK)

# --- Forecasts (statlib.forecast) ------------------------------------------------
STEP = "step"  # 1 = the first period after the review period
FORECAST = "forecast"  # point forecast (combination mean)
LO_80, HI_80 = "lo_80", "hi_80"  # 80% prediction interval
LO_95, HI_95 = "lo_95", "hi_95"  # 95% prediction interval
MODEL = "model"  # model used, e.g. "ses+damped+theta/multiplicative_season"
BACKTEST_MASE = "backtest_mase"  # in-sample rolling-origin MASE (seasonal-naive scaled)
FORECAST_COLUMNS: tuple[str, ...] = (
    *SERIES_KEYS,
    PERIOD_END,
    STEP,
    FORECAST,
    LO_80,
    HI_80,
    LO_95,
    HI_95,
    MODEL,
    BACKTEST_MASE,
)
YEAR = "year"  # (fiscal) year, labelled by the calendar year in which it starts
PERIODS_REMAINING = "periods_remaining"  # periods of the year still to be forecast
PRIOR_YEAR_TOTAL = "prior_year_total"
PROJECTED_TOTAL = "projected_total"  # year to date observed + rest of year forecast
PROJECTED_GROWTH = "projected_growth"  # percent vs prior_year_total
GROWTH_LO_80, GROWTH_HI_80 = "growth_lo_80", "growth_hi_80"  # percent
GROWTH_LO_95, GROWTH_HI_95 = "growth_lo_95", "growth_hi_95"  # percent
TARGET_GROWTH = "target_growth"  # percent, e.g. 9.0 for "+9%"
TARGET_OUTLOOK = "target_outlook"  # "likely", "uncertain", "unlikely" (80% interval)
PERIODS_ELAPSED = "periods_elapsed"  # periods of the year observed, up to PERIOD_END
YEAR_TO_DATE = "year_to_date"  # the observed total of those periods
TOTAL_LO_80, TOTAL_HI_80 = "total_lo_80", "total_hi_80"  # 80% range of PROJECTED_TOTAL
# An annual level target (a budget), its pro-rata share for the periods elapsed; NaN: none
TARGET_TOTAL, TARGET_TO_DATE = "target_total", "target_to_date"
YEAR_END_COLUMNS: tuple[str, ...] = (
    *SERIES_KEYS,
    YEAR,
    PERIOD_END,
    PERIODS_ELAPSED,
    PERIODS_REMAINING,
    PRIOR_YEAR_TOTAL,
    YEAR_TO_DATE,
    PROJECTED_TOTAL,
    TOTAL_LO_80,
    TOTAL_HI_80,
    PROJECTED_GROWTH,
    GROWTH_LO_80,
    GROWTH_HI_80,
    GROWTH_LO_95,
    GROWTH_HI_95,
    TARGET_GROWTH,
    TARGET_TOTAL,
    TARGET_TO_DATE,
    TARGET_OUTLOOK,
    MODEL,
)

# --- Flags (statlib.anomalies) ---------------------------------------------------
# A flag is rule keys plus the numbers its words need; statlib.report.flag_words makes the
# words, in the page's language, when the page is drawn. Numbers are in the series' own
# units (a rate as a share, 0.85); NaN where the rule that uses them did not fire.
SEVERITY = "severity"  # "high" | "medium" | "low": see statlib.anomalies.severity
FLAG_DIRECTION = "direction"  # "improvement" | "concern" | "neutral" (neutral metrics)
RULES = "rules"  # ";"-joined rule keys, e.g. "outside_limits;forecast_breach"
RULE_SIDES = "rule_sides"  # ";"-joined "high" | "low", one per key of RULES, in order
# SIDE ("high" | "low"): the flag's side after conflicts, as for SPC points
OBSERVED = "observed"  # the value observed in the period
EXPECTED = "expected"  # the level the recent periods predicted (jump rule); NaN: too short
LIMIT = "limit"  # the process limit crossed (outside_limits), on the observed scale
RANGE_LOW = "range_low"  # the forecast range the breach rule judged (forecast_breach)
RANGE_HIGH = "range_high"
NOISE_SCORE = "noise_z"  # (observed - forecast) in units of the series' one-step noise
JUMP_SCORE = "jump_z"  # departure from the recent level in robust sd (statlib.anomalies.jumps)
RUN_LENGTH = "run_length"  # points in a row on this side of the centre line, ending here
TREND_LENGTH = "trend_length"  # points in a row each higher (or lower) than the one before
# A confirmed new level: the period it began (least-squares split, statlib.anomalies.levels)
# and the first and last period of its 95% range; None for other flags, and for the range
# where the points could not be split (NEW_LEVEL_SINCE is then the run's first period).
NEW_LEVEL_SINCE = "new_level_since"
NEW_LEVEL_EARLIEST = "new_level_earliest"
NEW_LEVEL_LATEST = "new_level_latest"
# SEASONAL (bool): the SPC rules judged the seasonally adjusted values
FLAG_COLUMNS: tuple[str, ...] = (
    *SERIES_KEYS,
    PERIOD,
    PERIOD_END,
    SEVERITY,
    FLAG_DIRECTION,
    RULES,
    RULE_SIDES,
    SIDE,
    OBSERVED,
    EXPECTED,
    LIMIT,
    RANGE_LOW,
    RANGE_HIGH,
    NOISE_SCORE,
    JUMP_SCORE,
    RUN_LENGTH,
    TREND_LENGTH,
    NEW_LEVEL_SINCE,
    NEW_LEVEL_EARLIEST,
    NEW_LEVEL_LATEST,
    SEASONAL,
)
# Flags written before they carried numbers (read only, never written): one row per page
# language, LEGACY_LANG naming it and LEGACY_MESSAGE holding the words.
LEGACY_MESSAGE = "message"
LEGACY_LANG = "lang"

# --- Action register and follow-up (statlib.ingest.actions, statlib.followup) -------
ACTION_ID = "action_id"  # unique text key of an agreed action
AGREED_PERIOD = "agreed_period"  # period label of the review that agreed the action
OWNER = "owner"  # the named person or office answerable for it
ACTION_TEXT = "action"  # what was agreed, in the analyst's words
DUE_PERIOD = "due_period"  # period label by which it should be done
ACTION_STATUS = "status"  # "open" | "done" | "dropped"
CLOSED_PERIOD = "closed_period"  # period label it was marked done or dropped; None while open
UPDATE = "update"  # the latest word on it (optional text)
ACTION_STATUSES: tuple[str, ...] = ("open", "done", "dropped")
ACTION_COLUMNS: tuple[str, ...] = (
    ACTION_ID,
    AGREED_PERIOD,
    OWNER,
    UNIT,
    METRIC,
    ACTION_TEXT,
    DUE_PERIOD,
    ACTION_STATUS,
    CLOSED_PERIOD,
    UPDATE,
)
BASELINE = "baseline"  # mean of the periods just before the agreed period
RECENT = "recent"  # mean of the latest periods up to the review period
MOVEMENT = "movement"  # better, worse, clear_change, no_clear_change, no_test, too_early, no_data
OVERDUE = "overdue"  # bool: open at the review and due before the review period
FOLLOWUP_COLUMNS: tuple[str, ...] = (
    DOMAIN,
    PERIOD,
    *ACTION_COLUMNS,
    BASELINE,
    RECENT,
    PCT_CHANGE,
    POISSON_Z,
    MOVEMENT,
    OVERDUE,
)
