"""Anomaly flags: SPC special causes and forecast-interval breaches, one flag per period.

`flag` is the entry point (statlib.anomalies.flags); `previous_origin_forecasts`
computes the forecasts its breach rule needs when none were stored. The level rule
("new level since <period>") is documented in statlib.anomalies.levels, the seasonal
adjustment in statlib.anomalies.seasonal.
"""

from statlib.anomalies.breaches import previous_origin_forecasts
from statlib.anomalies.flags import SEVERITIES, empty_flags, flag, flag_in_languages
from statlib.anomalies.seasonal import seasonally_adjust

__all__ = [
    "SEVERITIES",
    "empty_flags",
    "flag",
    "flag_in_languages",
    "previous_origin_forecasts",
    "seasonally_adjust",
]
