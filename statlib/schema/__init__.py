"""Column names of the frames that cross module boundaries, defined once.

Every module imports these names instead of spelling strings. Human labels are
applied only when rendering; these keys never change with the language.

The KPI frame is long: one row per (domain, metric, unit, period).

The names live in two modules, re-exported here so that every module imports one name
space, `statlib.schema`: statlib.schema.core (the KPI frame and the statistics over it) and
statlib.schema.reviews (indicator reports, proportions, registers).
"""

from __future__ import annotations

from statlib.schema import core, reviews
from statlib.schema.core import *  # noqa: F403
from statlib.schema.reviews import *  # noqa: F403

# --- Result tables of the compute pass -----------------------------------------------
# Table -> the columns it must have. statlib.stages declares which stage writes each; the
# warehouse stores them and the review page reads them, without importing the statistics.
RESULT_TABLES: dict[str, tuple[str, ...]] = {
    "comparisons": core.COMPARISON_COLUMNS,
    "windows": core.COVERAGE_COLUMNS,
    "ranks": core.RANK_COLUMNS,
    "targets": core.TARGET_COLUMNS,
    "followup": core.FOLLOWUP_COLUMNS,
    "indicators": reviews.INDICATOR_COLUMNS,
    "outlook": reviews.OUTLOOK_COLUMNS,
    "year_end": core.YEAR_END_COLUMNS,
    "spc_points": (*core.KPI_COLUMNS, *core.SPC_POINT_COLUMNS),
    "spc_summary": (*core.SPC_SUMMARY_COLUMNS, core.RARE_EVENT),
    "forecasts": core.FORECAST_COLUMNS,
    "flags": core.FLAG_COLUMNS,
    "p_chart": reviews.P_CHART_COLUMNS,
    "funnel": reviews.FUNNEL_COLUMNS,
    "register_measures": reviews.REGISTER_MEASURE_COLUMNS,
    "register_agencies": reviews.REGISTER_AGENCY_COLUMNS,
    "overview_items": reviews.OVERVIEW_ITEM_COLUMNS,
    "overview_domains": reviews.OVERVIEW_DOMAIN_COLUMNS,
}
