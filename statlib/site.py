"""The site over every page: outputs/index.html, linking the newest city overview.

Rebuilt from the pages on disk and their results in the warehouse after each run, in each
language that has pages (outputs/ for English, outputs/zh/ for Chinese); each language's
index links to the others'. The city overview is a domain of its own (params `reads:
domains`, statlib.overview): the index links its newest page at the top.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from statlib import schema as S
from statlib.catalog import Catalog
from statlib.messages import LANGS
from statlib.params import DomainParams
from statlib.periods import parse_period
from statlib.render import IndexEntry, write_index
from statlib.render.index import INDEX_FILE
from statlib.report.flag_words import page_flags
from statlib.warehouse import Warehouse


def write_site_indexes(catalog: Catalog, declared: Sequence[DomainParams]) -> list[Path]:
    """The index of every language that has pages; returns their paths."""
    return [
        write_site_index(catalog, declared, lang)
        for lang in LANGS
        if catalog.in_language(lang).outputs_dir.is_dir()
    ]


def language_links(catalog: Catalog, lang: str) -> list[tuple[str, str]]:
    """(language, href) of the other languages' indexes, relative to `lang`'s.

    A language has an index when its tree of pages exists (write_site_indexes writes them
    all, so a link never points at an index still to be written).
    """
    here = catalog.in_language(lang).outputs_dir
    links = []
    for other in LANGS:
        tree = catalog.in_language(other).outputs_dir
        if other != lang and tree.is_dir():
            links.append((other, Path(os.path.relpath(tree / INDEX_FILE, here)).as_posix()))
    return links


def write_site_index(catalog: Catalog, declared: Sequence[DomainParams], lang: str) -> Path:
    """outputs/index.html over every page on disk, with a link to the newest overview.

    Args:
        catalog: where the pages and the warehouse are.
        declared: every domain (statlib.run.all_domains); pages of others are left out.
        lang: the language of the index.
    """
    domains = {p.domain: p for p in declared}
    catalog = catalog.in_language(lang)
    entries = []
    with Warehouse.open(catalog.warehouse) as warehouse:
        for page in sorted(catalog.outputs_dir.glob("*/*.html")):
            domain, period = page.stem, page.parent.name
            if domain not in domains or warehouse.latest_run(domain, period) is None:
                continue
            flags = warehouse.results("flags", domain, period)
            # A run without flags wrote no rows, hence no columns.
            flags = page_flags(flags, lang) if len(flags) else pd.DataFrame(columns=S.FLAG_COLUMNS)
            params = domains[domain]
            entries.append(
                IndexEntry(
                    domain=domain,
                    domain_title=params.title(lang),
                    period=period,
                    href=f"{period}/{domain}.html",
                    concerns=int((flags[S.FLAG_DIRECTION] == "concern").sum()),
                    period_end=parse_period(period, week_end=params.week_end).end,
                )
            )
    overviews = sorted(
        (e for e in entries if domains[e.domain].reads == "domains"), key=lambda e: e.period_end
    )
    overview_href = overviews[-1].href if overviews else None
    generated = datetime.now(UTC)
    return write_index(
        catalog.outputs_dir,
        entries,
        lang,
        generated,
        overview_href=overview_href,
        languages=language_links(catalog, lang),
    )
