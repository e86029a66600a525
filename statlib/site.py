"""The site over every page: outputs/index.html, linking the newest city overview.

Rebuilt from the pages on disk and their results in the warehouse after each run. The city
overview is a domain of its own (params `reads: domains`, statlib.overview): the index links
its newest page at the top.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from statlib import schema as S
from statlib.catalog import Catalog
from statlib.params import DomainParams
from statlib.periods import parse_period
from statlib.render import IndexEntry, write_index
from statlib.report.flag_words import page_flags
from statlib.warehouse import Warehouse


def write_site_index(catalog: Catalog, declared: Sequence[DomainParams], lang: str) -> Path:
    """outputs/index.html over every page on disk, with a link to the newest overview.

    Args:
        catalog: where the pages and the warehouse are.
        declared: every domain (statlib.run.all_domains); pages of others are left out.
        lang: the language of the index.
    """
    domains = {p.domain: p for p in declared}
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
    return write_index(catalog.outputs_dir, entries, lang, generated, overview_href=overview_href)
