"""Names of a domain's units in a language, from its params (pages and the overview)."""

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
