"""Anomaly flags: SPC special causes, forecast breaches and jumps, one flag per period.

`flag` is the entry point (statlib.anomalies.flags); `previous_origin_forecasts`
computes the forecasts its breach rule needs when none were stored. The level rule
("new level since <period>") is documented in statlib.anomalies.levels, the seasonal
adjustment in statlib.anomalies.seasonal, the jump rule in statlib.anomalies.jumps, the
noise that backs a breach in statlib.anomalies.noise and the severity ranking in
statlib.anomalies.severity. A flag carries rule keys (statlib.anomalies.rules) and
numbers, never words: statlib.report.flag_words words it when a page is drawn, so this
package imports nothing of the message catalogue.
"""

from statlib.anomalies.breaches import previous_origin_forecasts
from statlib.anomalies.flags import empty_flags, flag
from statlib.anomalies.seasonal import seasonally_adjust
from statlib.anomalies.severity import SEVERITIES

__all__ = [
    "SEVERITIES",
    "empty_flags",
    "flag",
    "previous_origin_forecasts",
    "seasonally_adjust",
]
