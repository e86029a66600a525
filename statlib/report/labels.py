"""Names in a language: a domain's units (from its params) and forecast models (catalogue)."""

from __future__ import annotations

from statlib import schema as S
from statlib.messages import text
from statlib.params import DomainParams


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
