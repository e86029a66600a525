"""What the caller tells a page about its place in the site: titles, period, links.

The runner knows the site layout (which periods and domains exist, where the index is);
the renderer only draws the links it is given, so it never guesses a path.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from statlib.errors import ParamsError
from statlib.messages import check_lang


@dataclass(frozen=True)
class NavLink:
    """One navigation link: the visible label and a relative href."""

    label: str
    href: str


@dataclass(frozen=True)
class PageContext:
    """Everything a domain page shows that is not in the executed notebook.

    Attributes:
        domain: Review domain key, e.g. "public_safety" (schema.DOMAIN values).
        domain_title: Human title of the domain, already in `lang`.
        period: Period label, e.g. "2026-W33".
        lang: "en" or "zh"; picks catalogue text and the <html lang> attribute.
        generated_at: When the run made the page; shown in the header. Give an aware
            datetime to show its zone.
        prev_period: Link to the same domain's previous period page, if any.
        next_period: Link to the same domain's next period page, if any.
        siblings: Links to the other domains' pages for the same period.
        index_href: Relative link to outputs/index.html, or None to omit it.
        online_tiles: Draw the notebook's tile layers (e.g. OpenStreetMap) under the
            polygons. Off by default because tiles are network requests; turn on only
            for pages served to readers who are online.
    """

    domain: str
    domain_title: str
    period: str
    lang: str
    generated_at: datetime
    prev_period: NavLink | None = None
    next_period: NavLink | None = None
    siblings: Sequence[NavLink] = field(default_factory=tuple)
    index_href: str | None = "../index.html"
    online_tiles: bool = False

    def __post_init__(self) -> None:
        check_lang(self.lang)
        for name in ("domain", "domain_title", "period"):
            if not getattr(self, name).strip():
                raise ParamsError(f"PageContext.{name} is empty; a page needs a {name}")
        # Freeze the caller's list so the context stays hashable and unchanging.
        object.__setattr__(self, "siblings", tuple(self.siblings))
