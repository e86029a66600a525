"""The plain words of a flag, from the message catalogue (statlib.messages).

Every text is a catalogue key ("anomaly_...") in English and Chinese; this module only
picks the key, formats the numbers for the locale and joins the rules of one flag.
"""

from __future__ import annotations

from collections.abc import Sequence

from statlib.messages import format_number, format_percent, text

# Rule keys, in the order a flag lists them: point signals first, then patterns.
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


def number_decimals(values: Sequence[float]) -> int:
    """Decimals that show the numbers of one message at a sensible precision.

    Whole numbers from 10 up (counts, "expected 40-62, got 91"), one decimal from 1 up,
    two below 1 (rates such as 0.75).
    """
    largest = max((abs(v) for v in values), default=0.0)
    if largest >= 10:
        return 0
    return 1 if largest >= 1 else 2


def _numbers(lang: str, percent: bool, **values: float) -> dict[str, str]:
    """The values formatted for `lang`, all with the same number of decimals.

    With `percent` the values are shares (0.852) and show as percentages (85.2%).
    """
    if percent:
        return {
            name: format_percent(v * 100, lang, decimals=1, signed=False)
            for name, v in values.items()
        }
    decimals = number_decimals(list(values.values()))
    return {name: format_number(v, lang, decimals) for name, v in values.items()}


def period_words(freq: str, lang: str) -> str:
    """The plural period noun for a frequency ("weeks", "months"; "周", "个月")."""
    return text(f"anomaly_periods_{freq}", lang)


def rule_text(
    rule: str,
    side: str,
    *,
    lang: str,
    freq: str,
    count: int = 0,
    limit: float = float("nan"),
    low: float = float("nan"),
    high: float = float("nan"),
    actual: float = float("nan"),
    expected: float = float("nan"),
    period: str = "",
    adjusted: bool = False,
    percent: bool = False,
) -> str:
    """One rule of a flag in plain words.

    Args:
        rule: One of RULE_ORDER.
        side: "high" or "low": the side the rule fired on.
        lang: "en" or "zh".
        freq: Period frequency, for the period words.
        count: Points in the run (shift, trend).
        limit: The process limit crossed, in the series' own units (outside_limits).
        low: Lower bound of the 95% forecast range (forecast_breach).
        high: Upper bound of the 95% forecast range (forecast_breach).
        actual: The observed value (outside_limits, forecast_breach).
        expected: The level the recent periods predicted (jump).
        period: The period label the new level began (new_level).
        adjusted: The SPC rule was judged on the seasonally adjusted series.
        percent: The metric is a share (0.85): numbers show as percentages.
    """
    if rule == FORECAST_BREACH:
        fields = _numbers(lang, percent, low=low, high=high, actual=actual)
        return text(rule_key(rule), lang, **fields)
    if rule == JUMP:
        fields = _numbers(lang, percent, expected=expected, actual=actual)
        return text(f"{rule_key(rule)}_{side}", lang, **fields)
    if rule == NEW_LEVEL:
        return text(rule_key(rule), lang, period=period)
    if rule == OUTSIDE_LIMITS:
        fields: dict[str, object] = _numbers(lang, percent, limit=limit, actual=actual)
    elif rule == TWO_OF_THREE:
        fields = {"periods": period_words(freq, lang)}
    else:
        fields = {"count": count, "periods": period_words(freq, lang)}
    words = text(f"{rule_key(rule)}_{side}", lang, **fields)
    return text("anomaly_seasonally_adjusted", lang, rule=words) if adjusted else words


def rule_key(rule: str) -> str:
    """The catalogue key stem of a rule (sided rules append "_high" / "_low")."""
    return f"anomaly_{rule}"


def join_rules(texts: Sequence[str], lang: str) -> str:
    """The rule texts of one flag as one message."""
    return text("anomaly_rule_separator", lang).join(texts)
