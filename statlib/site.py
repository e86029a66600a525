"""The site over every page: outputs/index.html and the city overview it links to.

Both are rebuilt from the pages on disk and their results in the warehouse after each run.
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
from statlib.render import (
    OVERVIEW_FILE,
    IndexEntry,
    OverviewItem,
    write_index,
    write_overview,
)
from statlib.report import open_review
from statlib.report.flag_words import describe, page_flags
from statlib.warehouse import Warehouse

OVERVIEW_SEVERITIES = ("high", "medium")  # the concerns the city overview lists


def write_site_index(catalog: Catalog, declared: Sequence[DomainParams], lang: str) -> Path:
    """outputs/index.html over every page on disk, and the city overview it links to.

    Args:
        catalog: where the pages and the warehouse are.
        declared: every domain (statlib.run.all_domains); pages of others are left out.
        lang: the language of the index and overview.
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
            concerns = int((flags[S.FLAG_DIRECTION] == "concern").sum())
            params = domains[domain]
            entries.append(
                IndexEntry(
                    domain=domain,
                    domain_title=params.title(lang),
                    period=period,
                    href=f"{period}/{domain}.html",
                    concerns=concerns,
                    period_end=parse_period(period, week_end=params.week_end).end,
                )
            )
    generated = datetime.now(UTC)
    newest = {}
    for entry in sorted(entries, key=lambda e: e.period_end):
        newest[entry.domain] = entry
    items = [_overview_item(catalog, entry, lang) for entry in newest.values()]
    write_overview(catalog.outputs_dir, items, lang, generated)
    return write_index(catalog.outputs_dir, entries, lang, generated, overview_href=OVERVIEW_FILE)


def _overview_item(catalog: Catalog, entry: IndexEntry, lang: str) -> OverviewItem:
    """A domain's latest review for the overview: its counts and its first concerns."""
    review = open_review(entry.domain, entry.period, lang, catalog)
    flags = review.table("flags")
    first = flags[
        flags[S.FLAG_DIRECTION].eq("concern") & flags[S.SEVERITY].isin(OVERVIEW_SEVERITIES)
    ].sort_values([S.SEVERITY, S.METRIC, S.UNIT], key=_severity_order, kind="stable")
    rows = [
        (
            f"{review.metric_label(r[S.METRIC])} · {review.unit_label(r[S.UNIT])}",
            describe(r, lang, review.measures.get(r[S.METRIC], "count")),
        )
        for _, r in first.iterrows()
    ]
    return OverviewItem(
        domain_title=entry.domain_title,
        period=entry.period,
        href=entry.href,
        concerns=entry.concerns,
        improvements=int((flags[S.FLAG_DIRECTION] == "improvement").sum()),
        rows=rows,
    )


def _severity_order(column: pd.Series) -> pd.Series:
    """Sort key: high before medium; other columns sort as they are."""
    if column.name == S.SEVERITY:
        return column.map({s: i for i, s in enumerate(OVERVIEW_SEVERITIES)})
    return column
