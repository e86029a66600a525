"""Registers of performance measures: one shape for every city's register.

A register lists an agency's measures with a desired direction, a target and yearly
actuals (Baltimore's budget-book register, NYC's Mayor's Management Report). Each city's
file has its own layout and its own mess; a layout module (`baltimore_register`,
`mmr_register`) reads it into the one `Register` shape here, and the shared cleaning of
the cells (percent signs, thousands separators, "No Data", percentage points) happens here,
each repair counted in a data-quality note with examples.

The shape: a catalogue (statlib.schema.CATALOGUE_COLUMNS, one row per agency and measure:
its name, kind, interval, direction, critical flag) and yearly observations (KPI columns
plus target) keyed by (metric = measure key, unit = agency key, period = fiscal year).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from statlib import schema as S
from statlib.ingest.notes import DataQualityNote, notes_frame
from statlib.periods import parse_period

KINDS = ("percent", "count", "currency")
INTERVALS = ("cumulative", "snapshot", "period", "unknown")
# Cells that say there is no number (kept as missing, counted).
NO_NUMBER = re.compile(r"^(no data|n/?a|new|tbd|-+|—)$", re.IGNORECASE)
# A percent measure's bare number above this is in percentage points (84 = 84%); numbers
# up to it are shares (0.84, and 1.05 = 105%: registers do report above 100%).
PERCENT_POINTS_ABOVE = 2.0
EXAMPLES = 3  # examples quoted per cleaning rule


@dataclass(frozen=True)
class Register:
    """A register in the shared shape, with the notes of its making."""

    catalogue: pd.DataFrame  # statlib.schema.CATALOGUE_COLUMNS
    observations: pd.DataFrame  # KPI_COLUMNS + target: one row per measure and fiscal year
    notes: tuple[DataQualityNote, ...] = field(default=())

    def notes_frame(self) -> pd.DataFrame:
        """The notes with their domain, as the warehouse stores them."""
        domains = self.catalogue[S.DOMAIN].unique()
        return notes_frame(self.notes, domains[0] if len(domains) else "")


class Repairs:
    """A tally of the repairs made to cells, by rule, with the first few examples."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.examples: dict[str, list[str]] = {}

    def add(self, rule: str, example: str) -> None:
        """Count one repair under `rule`, keeping `example` if few are kept yet."""
        self.counts[rule] += 1
        kept = self.examples.setdefault(rule, [])
        if len(kept) < EXAMPLES and example not in kept:
            kept.append(example)

    def quoted(self, rule: str) -> str:
        """The examples of `rule`, quoted and joined."""
        return "; ".join(self.examples.get(rule, []))


def clean_text(value: object, repairs: Repairs, rule: str = "whitespace") -> str:
    """A category cell without non-breaking spaces, newlines or edge spaces (counted)."""
    raw = "" if value is None or value != value else str(value)
    cleaned = re.sub(r"\s+", " ", raw.replace("\xa0", " ")).strip()
    if cleaned != raw:
        repairs.add(rule, repr(raw))
    return cleaned


def parse_number(cell: object, kind: str, repairs: Repairs) -> float:
    """One published cell as a number in the register's shape (percents as shares).

    Repairs, each counted under its rule: "64.98%" -> 0.6498 (percent_sign), "11,168" ->
    11168 (thousands_separator), "4.734e+008" (scientific_notation), a bare 84 in a percent
    measure -> 0.84 (percentage_points), "No Data"/"New" -> missing (no_number_text);
    anything else unreadable -> missing (unreadable). A bare share above 1 and up to
    PERCENT_POINTS_ABOVE is kept as a share and counted (percent_above_one).
    """
    raw = "" if cell is None or cell != cell else str(cell)
    text = raw.replace("\xa0", " ").strip()
    if not text:
        return np.nan
    if NO_NUMBER.match(text):
        repairs.add("no_number_text", repr(raw))
        return np.nan
    if "," in text:
        repairs.add("thousands_separator", repr(raw))
        text = text.replace(",", "")
    percent_sign = text.endswith("%")
    if percent_sign:
        text = text[:-1].strip()
    try:
        number = float(text.lstrip("$"))
    except ValueError:
        repairs.add("unreadable", repr(raw))
        return np.nan
    if "e" in text.lower():
        repairs.add("scientific_notation", repr(raw))
    if percent_sign:
        repairs.add("percent_sign", repr(raw))
        return number / 100 if kind == "percent" else number
    if kind == "percent" and abs(number) > PERCENT_POINTS_ABOVE:
        repairs.add("percentage_points", repr(raw))
        return number / 100
    if kind == "percent" and abs(number) > 1:
        repairs.add("percent_above_one", repr(raw))
    return number


def slug(name: str) -> str:
    """A unit key from an agency's name ("Mayor's Office of X" -> mayors_office_of_x)."""
    return re.sub(r"[^a-z0-9]+", "_", name.lower().replace("'", "")).strip("_")


def name_key(name: str) -> str:
    """A measure key for a measure published without an id: a short hash of its name."""
    return "name_" + hashlib.sha1(name.lower().encode()).hexdigest()[:10]


def fiscal_year_rows(
    domain: str, wide: pd.DataFrame, years: Iterable[int], fy_start_month: int = 7
) -> pd.DataFrame:
    """Yearly observations from one row per measure with `value_<year>`/`target_<year>`.

    Args:
        domain: the domain key.
        wide: metric, unit, and float columns value_<year> (and target_<year> where set).
        years: fiscal years, named for the calendar year they end in.
        fy_start_month: the first month of the fiscal year (7: July, as both cities).

    Returns:
        KPI rows with target; years without an actual are left out (a target alone is not
        a result to judge).
    """
    parts = []
    for year in years:
        period = parse_period(f"FY{year}", fiscal_year_start_month=fy_start_month)
        values = wide.get(f"value_{year}", pd.Series(np.nan, index=wide.index))
        targets = wide.get(f"target_{year}", pd.Series(np.nan, index=wide.index))
        parts.append(
            pd.DataFrame(
                {
                    S.DOMAIN: domain,
                    S.METRIC: wide[S.METRIC],
                    S.UNIT: wide[S.UNIT],
                    S.PERIOD: period.label,
                    S.PERIOD_END: pd.Timestamp(period.end),
                    S.VALUE: values.astype(float),
                    S.TARGET: targets.astype(float),
                }
            )
        )
    frame = pd.concat(parts, ignore_index=True)
    return frame[frame[S.VALUE].notna()].reset_index(drop=True)


CELL_RULES = {
    "percent_sign": "{n} cells written with a percent sign read as shares ({ex}).",
    "percentage_points": (
        "{n} bare numbers above " + f"{PERCENT_POINTS_ABOVE:g}" + " in percent measures read "
        "as percentage points and divided by 100 ({ex})."
    ),
    "percent_above_one": (
        "{n} bare numbers between 1 and " + f"{PERCENT_POINTS_ABOVE:g}" + " in percent "
        "measures kept as shares above 100% ({ex}); they may be percentage points."
    ),
    "thousands_separator": "{n} numbers with thousands separators read without them ({ex}).",
    "scientific_notation": "{n} numbers in scientific notation read as numbers ({ex}).",
    "no_number_text": "{n} cells saying there is no number left missing ({ex}).",
    "unreadable": "{n} unreadable cells left missing ({ex}).",
    "whitespace": (
        "{n} category and name cells stripped of non-breaking spaces, line breaks and "
        "edge spaces ({ex})."
    ),
}
CELL_ACTIONS = {"no_number_text": "dropped", "unreadable": "dropped", "percent_above_one": "kept"}


def cell_notes(repairs: Repairs, source: str) -> list[DataQualityNote]:
    """One note per cleaning rule that fired, with its count and examples."""
    return [
        DataQualityNote(
            source,
            rule,
            repairs.counts[rule],
            CELL_ACTIONS.get(rule, "corrected"),  # type: ignore[arg-type]
            template.format(n=repairs.counts[rule], ex=repairs.quoted(rule)),
        )
        for rule, template in CELL_RULES.items()
        if repairs.counts[rule]
    ]
