"""statlib: the shared library behind the performance-review notebooks.

The public surface is small: open a review page (`open_review`), or use the statistics
on any long KPI frame: the modules `statlib.compare`, `statlib.spc`, `statlib.forecast`
and `statlib.anomalies` (their functions are not re-exported here under the same names,
which would hide the modules), plus `rank_units`, `versus_target`, `spc_evaluate`, `flag`.
"""

from statlib.anomalies import flag
from statlib.compare import versus_target
from statlib.errors import StatlibError
from statlib.params import DomainParams, load_domain
from statlib.peers import rank_units
from statlib.periods import Period, parse_period
from statlib.report import Review, open_review
from statlib.spc import evaluate as spc_evaluate
from statlib.warehouse import Warehouse

__all__ = [
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
