"""Severity of a flag, from the detector families that fired on its side.

There are three detector families: the jump rule (statlib.anomalies.jumps: far from
the recent level in units of the series' own one-step noise), the forecast breach and
the SPC rules.
A breach ranks above "low" only when it is backed: the miss (actual - forecast) reaches
NOISE_SUPPORT_Z of the series' own noise on the same side (statlib.anomalies.noise; a
breach counts as backed where there is no noise scale or no point forecast).
- "high": a backed forecast breach and a jump agree (the point is outside its forecast
  range, far from the forecast in units of the series' noise, and beyond JUMP_Z robust
  sd of its recent level).
- "medium": a backed forecast breach that also departs from the recent level (jump
  score beyond JUMP_SUPPORT_Z on the same side; a breach stays medium where the series
  is too short for a jump score): not what its own recent history predicted.
- "low": everything else: SPC alone (outside the limits, shift, trend, two of three),
  the one "new level" report, a jump inside the forecast range, or a breach by a point
  close to its recent level or to its forecast (the interval, not the point, was off).
  Worth seeing on the chart; often a known, older change.
Why: on real seasonal series with injected anomalies (benchmarks/anomaly_detection.py,
README there) SPC-only flags were mostly the series' own long-run changes (precision
about 0.2), an unbacked breach or a jump alone added more false alarms than finds, and
only breach and jump together stayed under one false alarm per 100 clean periods. The
noise backing (with the symmetric range of statlib.anomalies.breaches) took medium+ F1
there from 0.637 to 0.670 and high from 0.511 to 0.526, still under one false alarm per
100 clean periods (0.87): many breaches were points within the series' usual noise whose
interval happened to be narrow. The thresholds were chosen on the tuning half of that
benchmark (even-numbered series).
"""

from __future__ import annotations

from statlib.anomalies.jumps import JUMP_SUPPORT_Z
from statlib.anomalies.noise import NOISE_SUPPORT_Z
from statlib.anomalies.rules import FORECAST_BREACH, JUMP
from statlib.schema import NEUTRAL
from statlib.spc import CONCERN, IMPROVEMENT

SEVERITY_HIGH, SEVERITY_MEDIUM, SEVERITY_LOW = "high", "medium", "low"
SEVERITIES: tuple[str, ...] = (SEVERITY_LOW, SEVERITY_MEDIUM, SEVERITY_HIGH)  # ascending
HIGH = "high"  # the flag's side, as statlib.spc.classify names it


def flag_severity(rules_on_side: list[str], supported: bool, backed: bool = True) -> str:
    """Severity from the rules that fired on the flag's side (see the module docstring).

    Args:
        rules_on_side: Rule keys (statlib.anomalies.rules) on the flag's side.
        supported: The point stands out from its recent level on the flag's side
            (`breach_supported`), which a breach needs to rank medium.
        backed: The miss is large against the series' own noise on the flag's side
            (`breach_backed`), which a breach needs to rank medium or high.
    """
    if FORECAST_BREACH not in rules_on_side or not backed:
        return SEVERITY_LOW
    if JUMP in rules_on_side:
        return SEVERITY_HIGH
    return SEVERITY_MEDIUM if supported else SEVERITY_LOW


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


def breach_backed(noise_score: float, flag_side: str) -> bool:
    """Whether the miss is beyond NOISE_SUPPORT_Z noise scales on the flag's side.

    True as well when there is no score (NaN: no point forecast, or too short or too
    constant a history to measure the noise): the breach then ranks as it did before.
    """
    if noise_score != noise_score:  # NaN
        return True
    sign = 1.0 if flag_side == HIGH else -1.0
    return bool(sign * noise_score > NOISE_SUPPORT_Z)


def flag_direction(point_type: str) -> str:
    """The flag direction: improvement, concern, or neutral for neutral_high / neutral_low."""
    return point_type if point_type in (IMPROVEMENT, CONCERN) else NEUTRAL
