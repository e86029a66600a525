"""The rule keys a flag can carry, in the order a flag lists them.

Keys, not words: statlib.report.flag_words turns each (rule, side) and the flag's numbers
into a sentence when the page is drawn, so a new rule needs a key here, its detection in
statlib.anomalies.flags and its phrase in the catalogue.
"""

from __future__ import annotations

# Point signals first, then patterns.
OUTSIDE_LIMITS = "outside_limits"
FORECAST_BREACH = "forecast_breach"
JUMP = "jump"
SHIFT = "shift"
TREND = "trend"
TWO_OF_THREE = "two_of_three"
NEW_LEVEL = "new_level"
RULE_ORDER: tuple[str, ...] = (
    OUTSIDE_LIMITS,
    FORECAST_BREACH,
    JUMP,
    SHIFT,
    TREND,
    TWO_OF_THREE,
    NEW_LEVEL,
)
SPC_RULES: tuple[str, ...] = (OUTSIDE_LIMITS, SHIFT, TREND, TWO_OF_THREE)
RULE_SEPARATOR = ";"  # between the keys of RULES and of RULE_SIDES
HIGH, LOW = "high", "low"  # the side a rule fired on
