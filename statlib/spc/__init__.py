"""Statistical process control as NHS England's "Making Data Count" does it.

`evaluate` is the one entry point; the rules, limits and classification are small
pure functions, exported for tests and for readers who want to check the maths.
The specification is /work/shared/SPC.md.
"""

from statlib.spc.classify import (
    COMMON_CAUSE,
    CONCERN,
    CONSISTENTLY_FAILS,
    CONSISTENTLY_PASSES,
    HIT_OR_MISS,
    IMPROVEMENT,
    NEUTRAL_HIGH,
    NEUTRAL_LOW,
    POINT_TYPE_COLOURS,
    POINT_TYPES,
    TARGET_COLOUR,
    VARIATION_ICONS,
)
from statlib.spc.evaluate import SpcResult, evaluate
from statlib.spc.limits import (
    LIMIT_FACTOR,
    MR_UPPER_FACTOR,
    ONE_SIGMA_FACTOR,
    TWO_SIGMA_FACTOR,
    limit_lines,
    partition_limits,
)
from statlib.spc.rules import rule_outside_limits, rule_shift, rule_trend, rule_two_of_three
from statlib.spc.settings import SpcSettings

__all__ = [
    "COMMON_CAUSE",
    "CONCERN",
    "CONSISTENTLY_FAILS",
    "CONSISTENTLY_PASSES",
    "HIT_OR_MISS",
    "IMPROVEMENT",
    "LIMIT_FACTOR",
    "MR_UPPER_FACTOR",
    "NEUTRAL_HIGH",
    "NEUTRAL_LOW",
    "ONE_SIGMA_FACTOR",
    "POINT_TYPES",
    "POINT_TYPE_COLOURS",
    "TARGET_COLOUR",
    "TWO_SIGMA_FACTOR",
    "VARIATION_ICONS",
    "SpcResult",
    "SpcSettings",
    "evaluate",
    "limit_lines",
    "partition_limits",
    "rule_outside_limits",
    "rule_shift",
    "rule_trend",
    "rule_two_of_three",
]
