"""A flag in plain words, made when the page is drawn, from its rule keys and numbers.

The statistics (statlib.anomalies) store per flag the rule keys, the side each fired on
and the numbers the words need (statlib.schema, "Flags"); `describe` picks each rule's
catalogue phrase ("anomaly_...") and formats the numbers for the page's language and the
metric's measure: counts as whole numbers (a limit or a range keeps a decimal only where
it is not whole and small, or where rounding would make it equal the value it is compared
with), rates as percentages. Runs written before flags carried numbers stored their words
per language instead; `page_flags` and `describe` read those too.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd

from statlib import schema as S
from statlib.anomalies.budget import PAGE_BUDGET, SEVERITY_ORDER, budget_severity, chance_concerns
from statlib.anomalies.rules import (
    FORECAST_BREACH,
    JUMP,
    NEW_LEVEL,
    OUTSIDE_LIMITS,
    RULE_SEPARATOR,
    SHIFT,
    SPC_RULES,
    TWO_OF_THREE,
)
from statlib.messages import check_lang, format_number, format_percent, text
from statlib.periods import parse_period

_WHOLE = frozenset({"count", "stock"})  # measures whose values are whole numbers
_BOUNDS = {"count": (0.0, math.inf), "stock": (0.0, math.inf), "rate": (0.0, 1.0)}
MAX_EXTRA_DECIMALS = 2  # decimals added so a limit never reads as the value it was crossed by


def describe(
    flag: Mapping[str, object], lang: str, measure: str = "count", freq: str | None = None
) -> str:
    """The rules of one flag as one sentence in `lang`.

    Args:
        flag: One row of a flags frame (statlib.schema.FLAG_COLUMNS), a Series or a dict.
        lang: "en" or "zh".
        measure: The metric's measure (statlib.params.Measure): "count" and "stock" read
            as whole numbers, "rate" (a share, 0.85) as a percentage, others as numbers
            with the precision their size needs.
        freq: The period frequency, for the period words ("7 weeks in a row"); None: the
            frequency of the flag's period label.

    Returns:
        The rule phrases joined by the language's separator, e.g. "above the upper
        process limit: limit 68, got 91; a jump above the recent level: expected about
        48, got 91".
    """
    check_lang(lang)
    legacy = flag.get(S.LEGACY_MESSAGE)
    if _missing(flag.get(S.RULE_SIDES)) and isinstance(legacy, str):
        return legacy  # a run from before flags carried numbers: its stored words
    rules = str(flag[S.RULES]).split(RULE_SEPARATOR)
    sides = str(flag[S.RULE_SIDES]).split(RULE_SEPARATOR)
    if freq is None:
        freq = parse_period(str(flag[S.PERIOD])).freq
    phrases = [
        rule_words(rule, side, flag, lang, measure, freq)
        for rule, side in zip(rules, sides, strict=True)
    ]
    return text("anomaly_rule_separator", lang).join(phrases)


def rule_words(
    rule: str, side: str, flag: Mapping[str, object], lang: str, measure: str, freq: str
) -> str:
    """One rule of a flag in plain words (see `describe`)."""
    observed = _number(flag.get(S.OBSERVED))
    if rule == FORECAST_BREACH:
        fields = _shown(
            lang,
            measure,
            observed,
            low=_number(flag.get(S.RANGE_LOW)),
            high=_number(flag.get(S.RANGE_HIGH)),
        )
        return text(_key(rule), lang, **fields)
    if rule == JUMP:
        fields = _shown(lang, measure, observed, expected=_number(flag.get(S.EXPECTED)))
        return text(f"{_key(rule)}_{side}", lang, **fields)
    if rule == NEW_LEVEL:
        return _new_level_words(flag, lang)
    periods = text(f"anomaly_periods_{freq}", lang)
    if rule == OUTSIDE_LIMITS:
        fields = _shown(lang, measure, observed, limit=_number(flag.get(S.LIMIT)))
    elif rule == TWO_OF_THREE:
        fields = {"periods": periods}
    else:
        length = S.RUN_LENGTH if rule == SHIFT else S.TREND_LENGTH
        fields = {"count": int(_number(flag.get(length))), "periods": periods}
    words = text(f"{_key(rule)}_{side}", lang, **fields)
    adjusted = rule in SPC_RULES and not _missing(flag.get(S.SEASONAL)) and bool(flag[S.SEASONAL])
    return text("anomaly_seasonally_adjusted", lang, rule=words) if adjusted else words


def _new_level_words(flag: Mapping[str, object], lang: str) -> str:
    """The words "new level since <period>", with its likely range where the flag has one.

    Runs from before the range was stored (no NEW_LEVEL_EARLIEST) read as they did.
    """
    since, earliest, latest = (
        flag.get(name) for name in (S.NEW_LEVEL_SINCE, S.NEW_LEVEL_EARLIEST, S.NEW_LEVEL_LATEST)
    )
    if _missing(earliest) or _missing(latest) or earliest == latest:
        return text(_key(NEW_LEVEL), lang, period=since)
    return text(f"{_key(NEW_LEVEL)}_range", lang, period=since, earliest=earliest, latest=latest)


def chance_words(flags: pd.DataFrame, series: int, lang: str) -> str:
    """How many concerns a page of `series` flaggable series raises by chance (one sentence).

    Args:
        flags: The period's flags (FLAG_DIRECTION, SEVERITY).
        series: Series on the page that can be flagged (rare-event counts cannot).
        lang: "en" or "zh".

    Returns:
        The chance concerns at any severity and at the budget severity
        (statlib.anomalies.budget), with this period's concerns at that severity or above.
    """
    expected = chance_concerns(series)
    severity = budget_severity(series)
    fields = {
        "series": format_number(series, lang),
        "expected": _chance(expected["low"], lang),
        "budget": format_number(PAGE_BUDGET, lang),
    }
    if severity is None:
        return text(
            "chance_concerns_over_budget", lang, **fields, at_budget=_chance(expected["high"], lang)
        )
    kept = SEVERITY_ORDER[SEVERITY_ORDER.index(severity) :]
    concern = flags[S.FLAG_DIRECTION].eq("concern") & flags[S.SEVERITY].isin(kept)
    return text(
        "chance_concerns",
        lang,
        **fields,
        severity=text(f"severity_{SEVERITY_ORDER.index(severity) + 1}", lang).lower(),
        at_budget=_chance(expected[severity], lang),
        count=format_number(int(concern.sum()), lang),
    )


def _chance(value: float, lang: str) -> str:
    """An expected count: whole from 10 up, else one decimal."""
    return format_number(round(value, 1) + 0.0, lang, 0 if value >= 10 else 1)


def in_page_order(flags: pd.DataFrame) -> pd.DataFrame:
    """Flags as a page lists them: concerns first, then high to low severity, metric, unit."""
    severity_rank = {severity: -i for i, severity in enumerate(SEVERITY_ORDER)}
    return (
        flags.assign(
            _concern=flags[S.FLAG_DIRECTION].ne("concern"),
            _severity=flags[S.SEVERITY].map(severity_rank),
        )
        .sort_values(["_concern", "_severity", S.METRIC, S.UNIT], kind="stable")
        .drop(columns=["_concern", "_severity"])
    )


def page_flags(flags: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The flags a page in `lang` shows: one row per flag, whichever run wrote them.

    Runs before flags carried numbers stored each flag once per language (LEGACY_LANG);
    their rows in `lang` are kept, the others dropped. Newer rows have no language.
    """
    if S.LEGACY_LANG not in flags.columns:
        return flags
    keep = flags[S.LEGACY_LANG].isna() | flags[S.LEGACY_LANG].eq(lang)
    return flags[keep].drop(columns=S.LEGACY_LANG).reset_index(drop=True)


def _key(rule: str) -> str:
    """The catalogue key stem of a rule (sided rules append "_high" / "_low")."""
    return f"anomaly_{rule}"


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def _number(value: object) -> float:
    return float("nan") if _missing(value) else float(value)  # type: ignore[arg-type]


def _shown(lang: str, measure: str, observed: float, **compared: float) -> dict[str, str]:
    """The observed value ("actual") and the numbers it is compared with, formatted.

    The compared numbers share one precision, raised (up to MAX_EXTRA_DECIMALS) while
    one of them would read the same as the observed value.
    """
    if measure in _BOUNDS:
        # A count is never below zero, a share never below 0% or above 100%: a limit or a
        # range beyond reads as the bound (as charts draw it).
        low, high = _BOUNDS[measure]
        compared = {name: min(max(v, low), high) if v == v else v for name, v in compared.items()}
    base = _decimals(measure, [observed, *compared.values()])
    actual = _format(observed, lang, measure, 0 if measure in _WHOLE else base)
    for extra in range(MAX_EXTRA_DECIMALS + 1):
        shown = {name: _format(v, lang, measure, base + extra) for name, v in compared.items()}
        if actual not in shown.values():
            break
    return {"actual": actual, **shown}


def _decimals(measure: str, values: list[float]) -> int:
    """Decimals that show the numbers of one phrase at a sensible precision.

    Rates: one decimal of a percentage. Counts: whole from 10 up, else one decimal (a
    whole value still reads whole). Others: whole from 10 up, one decimal from 1 up, two
    below 1 (an index of 0.75).
    """
    if measure == "rate":
        return 1
    largest = max((abs(v) for v in values if v == v), default=0.0)
    if largest >= 10:
        return 0
    return 1 if largest >= 1 or measure in _WHOLE else 2


def _format(value: float, lang: str, measure: str, decimals: int) -> str:
    """One number of a phrase: a percentage for a rate; whole counts without ".0"."""
    if value != value:
        return "—"
    if measure == "rate":
        return format_percent(value * 100 + 0.0, lang, decimals=decimals, signed=False)
    rounded = round(value, decimals) + 0.0  # + 0.0: no "-0"
    if measure in _WHOLE and rounded == int(rounded):
        decimals = 0
    return format_number(rounded, lang, decimals)
