"""Every user-facing word of the reports, in English and Simplified Chinese.

The phrases themselves are in statlib.phrases; `text` looks them up, so the notebooks, the
report functions and the HTML template never spell user-facing strings themselves. Numbers
and dates are formatted for the locale with Babel (CLDR data, shipped with the package, so
nothing is fetched).
"""

from __future__ import annotations

import math
from datetime import date
from typing import Literal

from babel.dates import format_date as _babel_date
from babel.numbers import format_compact_decimal, format_decimal
from babel.numbers import format_percent as _babel_percent

from statlib.errors import ParamsError
from statlib.phrases import CATALOGUE

Lang = Literal["en", "zh"]
LANGS: tuple[str, ...] = ("en", "zh")
LANGUAGE_NAMES = {"en": "English", "zh": "中文"}  # each in itself (a language switch)
LOCALES: dict[str, str] = {"en": "en_US", "zh": "zh_Hans_CN"}
MIN_COMPACT_DIGITS = 3  # digits a short amount keeps (format_compact)


def check_lang(lang: str) -> str:
    """Return `lang` if it is a supported language, else raise ParamsError naming it."""
    if lang not in LANGS:
        raise ParamsError(f"language {lang!r} is not supported; choose one of {', '.join(LANGS)}")
    return lang


def text(key: str, lang: str = "en", **fields: object) -> str:
    """The catalogue text for `key` in `lang`, with `fields` filled in."""
    check_lang(lang)
    if key not in CATALOGUE:
        raise KeyError(f"message {key!r} is not in the catalogue (statlib/messages.py)")
    return CATALOGUE[key][lang].format(**fields)


def format_number(value: float | None, lang: str = "en", decimals: int = 0) -> str:
    """A number with locale grouping; an em dash for a missing value."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=LOCALES[check_lang(lang)])


def format_compact(value: float | None, lang: str = "en") -> str:
    """A large amount in the locale's short form (93.7M / 9366.6万 / 1.52亿); em dash if missing.

    A second decimal where one leaves fewer than three digits: 152M is 1.5亿 to one
    decimal, too coarse to set a projection against a budget.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    locale = LOCALES[check_lang(lang)]
    short = format_compact_decimal(value, locale=locale, fraction_digits=1)
    if abs(value) >= 1000 and sum(c.isdigit() for c in short) < MIN_COMPACT_DIGITS:
        short = format_compact_decimal(value, locale=locale, fraction_digits=2)
    return short


def format_percent(
    value: float | None, lang: str = "en", decimals: int = 1, signed: bool = True
) -> str:
    """A percentage given in percent units (12.5 -> "+12.5%"); em dash when missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    pattern = (
        ("+" if signed and value > 0 else "")
        + "#,##0"
        + ("." + "0" * decimals if decimals else "")
        + "%"
    )
    return _babel_percent(value / 100, format=pattern, locale=LOCALES[check_lang(lang)])


def format_measure(value: float | None, measure: str, lang: str = "en", extra: int = 0) -> str:
    """A value in its measure's form: counts whole, rates as percentages, durations in tenths.

    Args:
        value: The value (a rate as a share, 0.85 for 85%); None or NaN gives an em dash.
        measure: The metric's measure (statlib.params.Measure).
        lang: The page language.
        extra: Decimals added, e.g. 1 for a mean or a limit of a count.
    """
    if measure == "rate":
        shown = None if value is None else value * 100
        return format_percent(shown, lang, decimals=1 + extra, signed=False)
    if measure in ("count", "stock", "money"):
        return format_number(value, lang, extra)
    return format_number(value, lang, 1 + extra)


def format_date(day: date, lang: str = "en") -> str:
    """A date in the locale's medium form (Aug 16, 2026 / 2026年8月16日)."""
    return _babel_date(
        day, format="medium" if lang == "en" else "long", locale=LOCALES[check_lang(lang)]
    )
