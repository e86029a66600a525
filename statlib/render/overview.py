"""outputs/overview.html: the city at a glance, the concerns of every domain's latest review.

GMAP reviewed by topic across agencies; this page is that view over the domains: for each,
its latest period, its counts, and the concerns a leader should ask about first, each linked
to its page. The runner passes the rows (already worded in the page language).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from statlib.messages import check_lang, text
from statlib.render.index import render_site_page
from statlib.render.publish import write_atomically

OVERVIEW_FILE = "overview.html"


@dataclass(frozen=True)
class OverviewItem:
    """One domain's latest review, as the overview lists it.

    Attributes:
        domain_title: Title of the domain in the page language.
        period: Period label of its latest page.
        href: Link to that page, relative to outputs/.
        concerns: Number of concern flags.
        improvements: Number of improvement flags.
        rows: The concerns to show first: (where, what happened) pairs, already worded.
    """

    domain_title: str
    period: str
    href: str
    concerns: int
    improvements: int
    rows: Sequence[tuple[str, str]] = field(default_factory=tuple)


def overview_html(items: Sequence[OverviewItem], lang: str, generated_at: datetime) -> str:
    """The overview page's HTML (see `write_overview`)."""
    check_lang(lang)
    rows = [
        {
            "title": f"{item.domain_title}: {item.period}",
            "href": item.href,
            "counts": text(
                "concerns_count", lang, concerns=item.concerns, improvements=item.improvements
            ),
            "rows": [{"where": where, "what": what} for where, what in item.rows],
        }
        for item in items
    ]
    return render_site_page(
        "overview.html.j2",
        lang,
        generated_at,
        (
            "overview_title",
            "overview_where",
            "overview_what",
            "overview_none",
            "all_reports",
            "index_empty",
            "offline_note",
        ),
        items=rows,
    )


def write_overview(
    outputs_dir: Path, items: Sequence[OverviewItem], lang: str, generated_at: datetime
) -> Path:
    """Write outputs_dir/overview.html atomically; returns its path."""
    return write_atomically(outputs_dir / OVERVIEW_FILE, overview_html(items, lang, generated_at))
