"""Severity of a flag, from the detector families that fired on its side.

There are three detector families: the jump rule (statlib.anomalies.jumps: far from
the recent level in units of the series' own one-step noise), the forecast breach and
the SPC rules.
- "high": a forecast breach and a jump agree (the point is outside its forecast range
  and beyond JUMP_Z robust sd of its recent level).
- "medium": a forecast breach backed by a departure from the recent level (jump score
  beyond JUMP_SUPPORT_Z on the same side; a breach stays medium where the series is too
  short for a jump score): not what its own recent history predicted.
- "low": everything else: SPC alone (outside the limits, shift, trend, two of three),
  the one "new level" report, a jump inside the forecast range, or a breach by a point
  close to its recent level (the interval, not the point, was off). Worth seeing on
  the chart; often a known, older change.
Why: on real seasonal series with injected anomalies (benchmarks/anomaly_detection.py,
README there) SPC-only flags were mostly the series' own long-run changes (precision
about 0.2), an unbacked breach or a jump alone added more false alarms than finds, and
only breach and jump together stayed under one false alarm per 100 clean periods. The
thresholds were chosen on the tuning half of that benchmark (even-numbered series).
"""

from __future__ import annotations

from statlib.anomalies.jumps import JUMP_SUPPORT_Z
from statlib.anomalies.wording import FORECAST_BREACH, JUMP

SEVERITY_HIGH, SEVERITY_MEDIUM, SEVERITY_LOW = "high", "medium", "low"
SEVERITIES: tuple[str, ...] = (SEVERITY_LOW, SEVERITY_MEDIUM, SEVERITY_HIGH)  # ascending
HIGH = "high"  # the flag's side, as statlib.spc.classify names it


def flag_severity(rules_on_side: list[str], supported: bool) -> str:
    """Severity from the rules that fired on the flag's side (see the module docstring).

    Args:
        rules_on_side: Rule keys (statlib.anomalies.wording) on the flag's side.
        supported: The point stands out from its recent level on the flag's side
            (`breach_supported`), which a breach needs to rank medium.
    """
    breach = FORECAST_BREACH in rules_on_side
    if breach and JUMP in rules_on_side:
        return SEVERITY_HIGH
    if breach and supported:
        return SEVERITY_MEDIUM
    return SEVERITY_LOW


def breach_supported(jump_score: float, flag_side: str) -> bool:
    """Whether the point stands out from its recent level on the flag's side.

    True when the jump score reaches JUMP_SUPPORT_Z on that side, and when there is no
    score (NaN: too short a history, or residuals that never varied): the jump rule
    cannot judge, so the breach keeps the rank it had before the rule existed.
    """
    if jump_score != jump_score:  # NaN
        return True
    sign = 1.0 if flag_side == HIGH else -1.0
    return bool(sign * jump_score > JUMP_SUPPORT_Z)
