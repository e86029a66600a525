"""Anomaly flags: SPC special causes, forecast breaches and jumps, one flag per period.

`flag` is the entry point (statlib.anomalies.flags); `previous_origin_forecasts`
computes the forecasts its breach rule needs when none were stored. The level rule
("new level since <period>") is documented in statlib.anomalies.levels, the seasonal
adjustment in statlib.anomalies.seasonal, the jump rule in statlib.anomalies.jumps, the
noise that backs a breach in statlib.anomalies.noise and the severity ranking in
statlib.anomalies.severity. A flag carries rule keys (statlib.anomalies.rules) and
numbers, never words: statlib.report.flag_words words it when a page is drawn, so this
package imports nothing of the message catalogue.

Names load on first use: a page that only needs a rule key or a constant
(statlib.anomalies.rules, statlib.anomalies.rare) must not import the forecasting stack
(statsmodels, scipy) into the notebook kernel.
"""

from importlib import import_module
from typing import Any

_EXPORTS = {
    "previous_origin_forecasts": "statlib.anomalies.breaches",
    "empty_flags": "statlib.anomalies.flags",
    "flag": "statlib.anomalies.flags",
    "seasonally_adjust": "statlib.anomalies.seasonal",
    "SEVERITIES": "statlib.anomalies.severity",
}

__all__ = [  # noqa: F822 (loaded lazily by __getattr__)
    "SEVERITIES",
    "empty_flags",
    "flag",
    "previous_origin_forecasts",
    "seasonally_adjust",
]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'statlib.anomalies' has no attribute {name!r}")
