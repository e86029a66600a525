"""Units of measure as departments write them, and the factor to a metric's display unit.

A submission's header says "1-8月累计(万千瓦时)" where the metric is declared in 亿千瓦时
(`unit_label`); ingest scales each such cell by the factor between the two. A unit is a
magnitude and a base: 万 (10^4) + 千瓦时, "100 million" + yuan. Units of different bases
(元 and 千瓦时) never convert.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction

# Base units, each with its spellings (longest first when one ends another: 千瓦时 before 时).
_BASES: dict[str, tuple[str, ...]] = {
    "yuan": ("元", "yuan", "rmb", "cny"),
    "kwh": ("千瓦时", "度", "kwh"),
    "m3": ("立方米", "方", "m3", "cubic meters", "cubic metres"),
    "firm": ("户", "家", "个", "firms", "firm", "enterprises"),
    "ton": ("吨", "tons", "tonnes", "t"),
}
_ZH_MAGNITUDES: dict[str, int] = {
    "": 1, "十": 10, "百": 100, "千": 1_000, "万": 10_000, "十万": 100_000,
    "百万": 1_000_000, "千万": 10_000_000, "亿": 100_000_000,
}  # fmt: skip
_EN_WORDS: dict[str, int] = {
    "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "hundred": 100,
}  # fmt: skip


def figure(text: str) -> float | None:
    """The number a cell holds once its separators and % sign are gone; None if it is none.

    float() also reads "nan", "inf", "1_000" and 1e999 (infinite): no department reports
    such a figure, and stored they would poison every sum and chart.
    """
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) and "_" not in text else None


def parse_measure(text: str) -> tuple[str, Fraction] | None:
    """`text` ("万千瓦时", "100 million yuan") as (base, magnitude); None when unknown."""
    cleaned = text.strip().lower().replace("³", "3").replace(",", "")
    for base, spellings in _BASES.items():
        for spelling in sorted(spellings, key=len, reverse=True):
            if cleaned.endswith(spelling):
                magnitude = _magnitude(cleaned[: len(cleaned) - len(spelling)].strip())
                return None if magnitude is None else (base, magnitude)
    return None


def _magnitude(prefix: str) -> Fraction | None:
    if prefix in _ZH_MAGNITUDES:
        return Fraction(_ZH_MAGNITUDES[prefix])
    total = Fraction(1)
    for word in re.split(r"\s+", prefix):
        if re.fullmatch(r"\d+(\.\d+)?", word):
            total *= Fraction(word)
        elif word in _EN_WORDS:
            total *= _EN_WORDS[word]
        else:
            return None
    return total


def conversion(written: str, declared: str | None) -> Fraction | None:
    """Factor from the `written` unit to the `declared` one; None when they do not convert.

    A metric declared without a unit (a count) takes counts of firms as they are.
    """
    source = parse_measure(written)
    if declared is None:
        return Fraction(1) if source is not None and source[0] == "firm" else None
    target = parse_measure(declared)
    if source is None or target is None or source[0] != target[0]:
        return None
    return source[1] / target[1]


def scale(value: float, factor: Fraction) -> float:
    """`value` in the declared unit.

    Divided by whole numbers where it can be, so 306000 万千瓦时 is the float 30.6 亿千瓦时.
    """
    if factor.numerator == 1:
        return value / factor.denominator
    return value * factor.numerator / factor.denominator
