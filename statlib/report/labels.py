"""Names in a language: a domain's units (params), forecast models and SPC settings."""

from __future__ import annotations

from statlib import schema as S
from statlib.messages import text
from statlib.params import DomainParams
from statlib.spc.settings import PREFER_IMPROVEMENT, SpcSettings


def unit_name(params: DomainParams, key: str, lang: str) -> str:
    """A unit of `params`' domain by name ("Precinct 75", "Citywide") in `lang`."""
    if key == S.CITYWIDE:
        return text("citywide", lang)
    if key in params.units.names:
        return params.units.names[key](lang)
    for group in params.peer_groups.values():
        if key in group.names:
            return group.names[key](lang)
    return text("unit_name", lang, kind=params.units.label(lang), unit=key)


def model_label(model: str, lang: str) -> str:
    """A forecast model key (statlib.forecast.series) in words, in `lang`.

    "ses+damped+theta/multiplicative_season" is "simple exponential smoothing + damped
    trend + Theta method; multiplicative season".

    Raises:
        KeyError: a part the catalogue has no words for (a model statlib.forecast added).
    """
    combination, _, season = model.partition("/")
    parts = " + ".join(text(f"model_{part}", lang) for part in combination.split("+"))
    if not season:
        return parts
    return text("model_with_season", lang, parts=parts, season=text(f"model_{season}", lang))


def spc_settings_words(settings: SpcSettings, lang: str) -> str:
    """The SPC settings in `lang`, for a page's methods note.

    In English, exactly `SpcSettings.describe()`: "shift 7, trend 7, 2-sigma mdc2023, MR
    screening off"; in Chinese, "偏移 7 点，趋势 7 点，2σ 规则按 MDC 2023 版，不筛除移动极差".
    """
    parts = [
        text("spc_shift", lang, n=settings.shift_length),
        text("spc_trend", lang, n=settings.trend_length),
        text(f"spc_two_sigma_{settings.two_sigma_mode}", lang),
        text(f"spc_screening_{'on' if settings.screen_moving_ranges else 'off'}", lang),
    ]
    if settings.baseline_points is not None:
        parts.append(text("spc_baseline", lang, n=settings.baseline_points))
    if settings.conflict != PREFER_IMPROVEMENT:
        parts.append(text(f"spc_conflicts_{settings.conflict}", lang))
    return ("，" if lang == "zh" else ", ").join(parts)
