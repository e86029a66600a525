"""The city overview (GMAP): what every review found of concern, by topic.

GMAP reviewed the state by topic across agencies rather than agency by agency. An overview
is a domain that reads domains (params `reads: domains`): its input is each other domain's
latest results for its period (statlib.domain_results), and it keeps what a leader asks
about first: every series whose variation or assurance icon is a concern, or that carries a
high or medium concern flag, and every critical measure of a register that missed its
target, each under the topic its params give it (`topic:` on the metric, else the domain's;
a register's by agency). Keys and numbers only: the page words them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from statlib import schema as S
from statlib.params import DomainParams
from statlib.spc.classify import CONCERN, CONSISTENTLY_FAILS

# The flags that make a series an exception on their own: the severities the old site
# overview listed (statlib.anomalies.severity); a low one alone is for the domain's page.
OVERVIEW_SEVERITIES: tuple[str, ...] = ("high", "medium")
SIGNAL, MISSED_CRITICAL = "signal", "missed_critical"  # the ITEM column's values


@dataclass(frozen=True)
class DomainResults:
    """One domain as an overview reads it: its params, its period and its result tables."""

    params: DomainParams
    period: str | None  # its latest computed period ending by the overview's; None: none
    tables: Mapping[str, pd.DataFrame] = field(default_factory=dict)  # name -> rows, or empty

    def table(self, name: str) -> pd.DataFrame:
        """A result table; one this run wrote no rows to has its declared columns, empty."""
        frame = self.tables.get(name)
        if frame is None or frame.empty:
            return pd.DataFrame(columns=list(S.RESULT_TABLES[name]))
        return frame


def signals(read: DomainResults) -> pd.DataFrame:
    """A domain's series of concern: by icon (spc_summary) or by flag (flags).

    Returns:
        One row per (metric, unit) with METRIC, UNIT, SEVERITY (the concern flag's, or
        null), VARIATION_ICON and ASSURANCE_ICON (the series' icons, or null).
    """
    summary = read.table("spc_summary")
    icons = summary[
        summary[S.VARIATION_ICON].astype(str).str.startswith(CONCERN)
        | summary[S.ASSURANCE_ICON].eq(CONSISTENTLY_FAILS)
    ]
    flags = read.table("flags")
    flagged = flags[
        flags[S.FLAG_DIRECTION].eq("concern") & flags[S.SEVERITY].isin(OVERVIEW_SEVERITIES)
    ]
    keys = [S.METRIC, S.UNIT]
    found = pd.concat([icons[keys], flagged[keys]]).drop_duplicates()
    # The icons of every series found, whichever way: a flagged series shows its icons too.
    icon_of = summary.drop_duplicates(keys).set_index(keys)
    severity_of = flagged.drop_duplicates(keys).set_index(keys)[S.SEVERITY]
    index = pd.MultiIndex.from_frame(found) if len(found) else None
    return found.assign(
        **{
            S.SEVERITY: _lookup(severity_of, index),
            S.VARIATION_ICON: _lookup(icon_of[S.VARIATION_ICON], index),
            S.ASSURANCE_ICON: _lookup(icon_of[S.ASSURANCE_ICON], index),
        }
    ).reset_index(drop=True)


def _lookup(values: pd.Series, index: pd.MultiIndex | None) -> np.ndarray:
    """`values` at each (metric, unit) of `index`, None where it has none."""
    if index is None:
        return np.array([], dtype=object)
    return values.reindex(index).astype(object).where(lambda v: v.notna(), None).to_numpy()


def missed_critical(read: DomainResults) -> pd.DataFrame:
    """A register's critical measures that missed their target (register_measures rows)."""
    measures = read.table("register_measures")
    return measures[measures[S.CRITICAL].astype(bool) & measures[S.TARGET_STATUS].eq("missed")]


def exceptions(read: Sequence[DomainResults], domain: str, period: str) -> pd.DataFrame:
    """Every domain's exceptions, each with its topic (statlib.schema.OVERVIEW_ITEM_COLUMNS).

    Args:
        read: the domains read, with their results (statlib.domain_results.read_domains).
        domain: the overview's domain key.
        period: the overview's period label.
    """
    parts = []
    for each in read:
        found = signals(each).assign(**{S.ITEM: SIGNAL})
        missed = missed_critical(each).assign(**{S.ITEM: MISSED_CRITICAL})
        for frame in (found, missed):
            pairs = zip(frame[S.METRIC], frame[S.UNIT], strict=True)
            topics = [each.params.topic_of(m, u) for m, u in pairs]
            parts.append(
                frame.assign(
                    **{
                        S.DOMAIN: domain,
                        S.PERIOD: period,
                        S.TOPIC: pd.Series(topics, index=frame.index, dtype=object),
                        S.REVIEWED_DOMAIN: each.params.domain,
                        S.REVIEWED_PERIOD: each.period,
                    }
                )
            )
    columns = list(S.OVERVIEW_ITEM_COLUMNS)
    frames = [p.reindex(columns=columns) for p in parts if len(p)]
    if not frames:
        return pd.DataFrame(columns=columns)
    items = pd.concat(frames, ignore_index=True)
    for column in (S.VALUE, S.TARGET):
        items[column] = pd.to_numeric(items[column], errors="coerce").astype(float)
    return items.astype({c: object for c in columns if c not in (S.VALUE, S.TARGET)})


def domain_counts(
    read: Sequence[DomainResults], items: pd.DataFrame, domain: str, period: str
) -> pd.DataFrame:
    """Per domain read: its period and its counts of signals and missed critical measures.

    Returns:
        statlib.schema.OVERVIEW_DOMAIN_COLUMNS, one row per domain in `read`, in its order.
    """
    counts = items.groupby([S.REVIEWED_DOMAIN, S.ITEM]).size().to_dict()
    rows = [
        {
            S.DOMAIN: domain,
            S.PERIOD: period,
            S.REVIEWED_DOMAIN: each.params.domain,
            S.REVIEWED_PERIOD: each.period,
            S.SIGNALS: int(counts.get((each.params.domain, SIGNAL), 0)),
            S.CRITICAL_MISSED: int(counts.get((each.params.domain, MISSED_CRITICAL), 0)),
        }
        for each in read
    ]
    return pd.DataFrame(rows, columns=list(S.OVERVIEW_DOMAIN_COLUMNS))
