"""The review shapes beyond the CompStat core, re-exported by statlib.schema.

Indicator reports and their outlook, proportions (p-charts, funnels), registers of measures.
"""

from __future__ import annotations

from statlib.schema.core import (
    ASSURANCE_ICON,
    CENTRE,
    CHART,
    CURRENT,
    DENOMINATOR,
    DOMAIN,
    KPI_COLUMNS,
    LOWER_LIMIT,
    METRIC,
    MODEL,
    NUMERATOR,
    PCT_CHANGE,
    PERIOD,
    POINT_TYPE,
    PRIOR,
    RANK,
    RANK_CHANGE,
    SEVERITY,
    SHARE,
    SIDE,
    STATUS,
    TARGET,
    UNIT,
    UPPER_LIMIT,
    VALUE,
    VARIATION_ICON,
    WINDOW,
)

# --- Indicator reports: cumulative values, growth, peers (statlib.indicators) -------
# Windows of an indicator report. "ytd": the cumulative value against the same months last
# year, its growth and its change since the previous cumulative period; "ytd_since_first":
# the same growth against the year's first release (Jan-Feb); "month": the single month
# derived from two cumulative values (a month in a monthly report).
YTD, YTD_SINCE_FIRST, SINGLE_PERIOD = "ytd", "ytd_since_first", "single_period"
PP_CHANGE = "pp_change"  # change of the growth rate in percentage points
LEVEL_RANK = "level_rank"  # rank among the peers by level (1 = largest)
LEVEL_RANK_CHANGE = "level_rank_change"  # positive = moved up
BENCHMARK_GROWTH = "benchmark_growth"  # the benchmark unit's growth, percent
BENCHMARK_GAP = "benchmark_gap"  # growth minus the benchmark's growth, percentage points
ACCELERATED = "accelerated"  # bool: growth higher than at the comparison period
# own units (districts): growth less the city's, over the districts' standard deviation
RELATIVE_Z = "relative_z"
PROJECTION = "projection"  # projected full-year growth, percent
PROJECTION_LO_80, PROJECTION_HI_80 = "projection_lo_80", "projection_hi_80"
P_REACH_TARGET = "p_reach_target"  # chance of meeting the annual target, 0..1
NEXT_GROWTH = "next_growth"  # forecast growth of the next cumulative period, percent
INDICATOR_COLUMNS: tuple[str, ...] = (
    DOMAIN,
    METRIC,
    UNIT,
    PERIOD,
    WINDOW,
    CURRENT,
    PRIOR,
    PCT_CHANGE,
    PP_CHANGE,
    RANK,
    RANK_CHANGE,
    LEVEL_RANK,
    LEVEL_RANK_CHANGE,
    SHARE,
    BENCHMARK_GROWTH,
    BENCHMARK_GAP,
    ACCELERATED,
    RELATIVE_Z,
)

# The annual target's outlook of an indicator (statlib.indicators.outlook)
OUTLOOK_COLUMNS: tuple[str, ...] = (
    DOMAIN,
    METRIC,
    UNIT,
    PERIOD,
    TARGET,
    PROJECTION,
    PROJECTION_LO_80,
    PROJECTION_HI_80,
    P_REACH_TARGET,
    NEXT_GROWTH,
    MODEL,
)

# --- Proportions (statlib.proportions): p-charts, Laney's p', funnel plots of the units --
SIGMA = "sigma"  # binomial sigma of the point: sqrt(centre * (1 - centre) / denominator)
Z_SCORE = "z_score"  # (value - centre) / sigma
SIGMA_Z = "sigma_z"  # Laney: MRbar of the z-scores / 1.128 (per series)
DISPERSION = "dispersion"  # sum(z^2) / (k - 1): about 1 for binomial counts (per series)
# CHART: "p" | "laney"; STATUS: "ok" | "not_enough_data" (fewer than SPC's 15 points)
P_CHART_COLUMNS: tuple[str, ...] = (
    *KPI_COLUMNS, NUMERATOR, DENOMINATOR, CENTRE, SIGMA, Z_SCORE, UPPER_LIMIT, LOWER_LIMIT,
    CHART, SIGMA_Z, DISPERSION, STATUS, SIDE, POINT_TYPE,
)  # fmt: skip
# A funnel compares the units (citywide excluded) in a window: the period or the year to date.
LOWER_95, UPPER_95 = "lower_95", "upper_95"  # centre -/+ 1.96 sigma (times sqrt(phi))
LOWER_998, UPPER_998 = "lower_998", "upper_998"  # centre -/+ 3.09 sigma (times sqrt(phi))
PHI = "phi"  # over-dispersion factor of the funnel, 1 when the units differ by chance only
FUNNEL_POSITION = "position"  # above_998 | above_95 | within | below_95 | below_998
FUNNEL_COLUMNS: tuple[str, ...] = (
    DOMAIN, METRIC, UNIT, PERIOD, WINDOW, NUMERATOR, DENOMINATOR, VALUE, CENTRE, Z_SCORE,
    LOWER_95, UPPER_95, LOWER_998, UPPER_998, PHI, FUNNEL_POSITION, POINT_TYPE,
)  # fmt: skip
# --- Registers (statlib.ingest.registers, statlib.registers): the catalogue, from the data,
# has one row per agency (unit) and measure (metric); then the judgements, per measure.
UNIT_NAME, MEASURE_NAME = "unit_name", "measure_name"  # as the register spells them
SERVICE, KIND = "service", "kind"  # its service; percent (shares, 0.75) | count | currency
INTERVAL = "interval"  # "cumulative" | "snapshot" | "period" | "unknown"
MEASURE_DIRECTION = "direction"  # increase | decrease | neutral (no desired outcome)
CRITICAL = "critical"  # bool: flagged critical by the register (or its type, per params)
CATALOGUE_COLUMNS: tuple[str, ...] = (DOMAIN, METRIC, UNIT, UNIT_NAME, MEASURE_NAME,
    SERVICE, KIND, INTERVAL, MEASURE_DIRECTION, CRITICAL)  # fmt: skip
TARGET_STATUS = "target_status"  # "met" | "missed" | "no_target" (none, or no direction)
TRAVEL = "travel"  # vs the year before: improving | worsening | steady | not_judged | new
WORSENING_YEARS = "worsening_years"  # years in a row, ending now, each worse than the last
REGISTER_MEASURE_COLUMNS: tuple[str, ...] = (*CATALOGUE_COLUMNS, PERIOD, VALUE, TARGET,
    PRIOR, TARGET_STATUS, TRAVEL, WORSENING_YEARS)  # fmt: skip
# Per agency: measures with a value, of which judged against a target, of which met, their
# share (NaN: none judged), critical measures missed, measures worsening for the run.
MEASURES, WITH_TARGET, ON_TARGET = "measures", "with_target", "on_target"
SHARE_ON_TARGET, CRITICAL_MISSED, WORSENING = "share_on_target", "critical_missed", "worsening"
REGISTER_AGENCY_COLUMNS: tuple[str, ...] = (DOMAIN, UNIT, UNIT_NAME, PERIOD, MEASURES,
    WITH_TARGET, ON_TARGET, SHARE_ON_TARGET, CRITICAL_MISSED, WORSENING)  # fmt: skip
# --- The city overview (statlib.overview): a domain that reads the other domains' results --
REVIEWED_DOMAIN, REVIEWED_PERIOD = "reviewed_domain", "reviewed_period"  # whose, and when
TOPIC = "topic"  # GMAP topic (statlib.metrics.TOPICS); null: its domain declares none
ITEM = "item"  # "signal" (a series of concern) | "missed_critical" (a register's measure)
# A signal's evidence: its SPC icons and its concern flag's severity (null: none); a missed
# measure's value, target and kind (the register's names: unit_name, measure_name).
OVERVIEW_ITEM_COLUMNS: tuple[str, ...] = (DOMAIN, PERIOD, TOPIC, REVIEWED_DOMAIN,
    REVIEWED_PERIOD, ITEM, METRIC, UNIT, UNIT_NAME, MEASURE_NAME, KIND, SEVERITY,
    VARIATION_ICON, ASSURANCE_ICON, VALUE, TARGET)  # fmt: skip
# Per domain read: its period (null: none computed by the overview's), and its counts
SIGNALS = "signals"  # series of concern
OVERVIEW_DOMAIN_COLUMNS: tuple[str, ...] = (DOMAIN, PERIOD, REVIEWED_DOMAIN, REVIEWED_PERIOD,
    SIGNALS, CRITICAL_MISSED)  # fmt: skip
