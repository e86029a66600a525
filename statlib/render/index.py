"""outputs/index.html: every review page, newest period first, with counts of concerns.

The runner knows which pages it wrote and how many concerns each flagged; it passes one
IndexEntry per page. The index uses the report CSS, carries no script and loads nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from itertools import groupby
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from statlib.errors import ParamsError
from statlib.messages import LANGUAGE_NAMES, check_lang, format_number, text
from statlib.render.assets import content_security_policy, report_stylesheet
from statlib.render.pages import format_generated
from statlib.render.publish import write_atomically

SITE_TEMPLATES_DIR = Path(__file__).parent / "templates" / "site"
INDEX_FILE = "index.html"


@dataclass(frozen=True)
class IndexEntry:
    """One rendered page, as listed on the index.

    Attributes:
        domain: Domain key (schema.DOMAIN values), groups the entries.
        domain_title: Human title of the domain, in the index's language.
        period: Period label, e.g. "2026-W33".
        href: Link to the page, relative to outputs/ (e.g. "2026-W33/public_safety.html").
        concerns: Number of concern flags on that page (0 or more).
        period_end: Last day of the period; orders periods when given, else the label does
            (ISO-style labels of one frequency sort correctly as text).
    """

    domain: str
    domain_title: str
    period: str
    href: str
    concerns: int
    period_end: date | None = None

    def __post_init__(self) -> None:
        if self.concerns < 0:
            raise ParamsError(
                f"IndexEntry {self.domain} {self.period}: concerns={self.concerns}; "
                "rule: a count of concerns is 0 or more"
            )


def _newest_first(entries: Sequence[IndexEntry]) -> list[IndexEntry]:
    """Entries by domain (in first-seen order), each domain's periods newest first."""
    domain_order = {domain: n for n, domain in enumerate(dict.fromkeys(e.domain for e in entries))}
    by_period = sorted(
        entries,
        key=lambda e: (e.period_end is not None, e.period_end or date.min, e.period),
        reverse=True,
    )
    return sorted(by_period, key=lambda e: domain_order[e.domain])  # stable: keeps period order


def _row(entry: IndexEntry, lang: str) -> dict[str, object]:
    return {
        "domain_title": entry.domain_title,
        "period": entry.period,
        "href": entry.href,
        "concerns": format_number(entry.concerns, lang),
        "has_concerns": entry.concerns > 0,
    }


def render_site_page(
    template: str,
    lang: str,
    generated_at: datetime,
    label_keys: Sequence[str],
    **variables: object,
) -> str:
    """A site page (the index) from templates/site: shared CSS, CSP and header text.

    Args:
        template: the template file name under templates/site.
        lang: "en" or "zh".
        generated_at: when the run made the site.
        label_keys: catalogue keys (without the "render_" prefix) the template shows as
            `labels.<key>`.
        **variables: the template's own variables.
    """
    check_lang(lang)
    environment = Environment(
        loader=FileSystemLoader(SITE_TEMPLATES_DIR),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
    )
    return environment.get_template(template).render(
        lang=lang,
        css=report_stylesheet(),
        csp=content_security_policy(()),
        labels={key: text(f"render_{key}", lang) for key in label_keys},
        generated=text("generated_at", lang, when=format_generated(generated_at, lang)),
        **variables,
    )


def index_html(
    entries: Sequence[IndexEntry],
    lang: str,
    generated_at: datetime,
    *,
    overview_href: str | None = None,
    languages: Sequence[tuple[str, str]] = (),
) -> str:
    """The index page's HTML (see `write_index`)."""
    check_lang(lang)
    ordered = _newest_first(entries)
    domains = [
        {"title": rows[0].domain_title, "rows": [_row(entry, lang) for entry in rows]}
        for rows in (list(group) for _, group in groupby(ordered, key=lambda e: e.domain))
    ]
    return render_site_page(
        "index.html.j2",
        lang,
        generated_at,
        (
            "index_title",
            "index_overview",
            "index_latest",
            "index_domain",
            "index_period",
            "index_concerns",
            "index_empty",
            "offline_note",
        ),
        overview_href=overview_href,
        # each language named in itself, so a reader finds their own
        languages=[(LANGUAGE_NAMES[other], href, other) for other, href in languages],
        latest=[domain["rows"][0] for domain in domains],
        domains=domains,
    )


def write_index(
    outputs_dir: Path,
    entries: Sequence[IndexEntry],
    lang: str,
    generated_at: datetime,
    *,
    overview_href: str | None = None,
    languages: Sequence[tuple[str, str]] = (),
) -> Path:
    """Write outputs_dir/index.html listing every page, atomically.

    Args:
        outputs_dir: The site root (outputs/); page hrefs are relative to it.
        entries: One per rendered page (domain x period), in any order.
        lang: "en" or "zh".
        generated_at: When the run made the site.
        overview_href: Link to the city overview page, shown at the top when given.
        languages: (language, href) of the same index in other languages.

    Returns:
        The path of the index written.
    """
    html = index_html(entries, lang, generated_at, overview_href=overview_href, languages=languages)
    return write_atomically(outputs_dir / INDEX_FILE, html)
