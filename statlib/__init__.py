"""statlib: the shared library behind the performance-review notebooks.

The public surface is small: open a review page (`open_review`), or use the statistics on
any long KPI frame: `rank_units`, `versus_target`, `spc_evaluate`, `flag`, and the modules
`statlib.compare`, `statlib.spc`, `statlib.forecast`, `statlib.anomalies` (their functions
are not re-exported under the modules' own names, which would hide the modules).

Names load on first use, so a worker process that only needs the statistics does not
import the notebook and map machinery.
"""

from importlib import import_module
from typing import Any

from statlib.errors import StatlibError

_EXPORTS = {
    "DomainParams": "statlib.params",
    "load_domain": "statlib.params",
    "Period": "statlib.periods",
    "parse_period": "statlib.periods",
    "Review": "statlib.report",
    "open_review": "statlib.report",
    "Warehouse": "statlib.warehouse",
    "rank_units": "statlib.peers",
    "versus_target": "statlib.compare",
    "flag": "statlib.anomalies",
}
_RENAMED = {"spc_evaluate": ("statlib.spc", "evaluate")}

__all__ = [  # noqa: F822 (loaded lazily by __getattr__)
    "DomainParams",
    "Period",
    "Review",
    "StatlibError",
    "Warehouse",
    "flag",
    "load_domain",
    "open_review",
    "parse_period",
    "rank_units",
    "spc_evaluate",
    "versus_target",
]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    if name in _RENAMED:
        module, attribute = _RENAMED[name]
        return getattr(import_module(module), attribute)
    raise AttributeError(f"module 'statlib' has no attribute {name!r}")
