r"""Baltimore's performance-measure register (budget books FY2026 and FY2027) as a Register.

The file is messy as department submissions are: "64.98%" beside 0.75 and 84 in one
percent column, non-breaking spaces and line breaks in categories ("Output\xa0"),
misspellings ("Ouput", "Cumalitve"), "No Data" cells, and every measure repeated, once
per budget book. Each repair is counted in a data-quality note (statlib.ingest.registers).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from statlib import schema as S
from statlib.errors import InputError
from statlib.ingest.notes import DataQualityNote
from statlib.ingest.registers import (
    Register,
    Repairs,
    cell_notes,
    clean_text,
    fiscal_year_rows,
    name_key,
    parse_number,
    slug,
)

ACTUAL_YEARS = (2021, 2022, 2023, 2024, 2025)
TARGET_YEARS = (2024, 2025)
QUARTERS = tuple(f"FY 25 Q{q}" for q in (1, 2, 3, 4))
LATER_TARGETS = ("FY 26 Target", "FY 27 Target")  # years with no actual yet
REQUIRED = (
    "Performance Measure", "Agency", "Service", "Measure ID", "Performance Measure Type",
    "Desired Outcome", "Interval", "Percent or Count", "Fiscal Year", *QUARTERS,
)  # fmt: skip
INTERVALS = {
    "cumulative": "cumulative", "cumalitve": "cumulative", "snapshot": "snapshot",
    "live": "snapshot", "period": "period", "yearly": "period",
}  # fmt: skip
SPELLING = {"Ouput": "Output", "increase": "Increase"}
DIRECTIONS = {"Increase": S.INCREASE, "Decrease": S.DECREASE}


def read_register(path: Path) -> pd.DataFrame:
    """The register as published: every cell a string, blanks empty."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        raise InputError(f"{path.name}: missing columns {', '.join(missing)}")
    return frame


def register(raw: pd.DataFrame, domain: str, critical_types: tuple[str, ...] = ()) -> Register:
    """The cleaned register, one row per agency and measure, with a note per repair.

    Args:
        raw: the file as `read_register` gives it.
        domain: the domain key.
        critical_types: measure types ("Outcome") that count as critical: Baltimore's
            register flags none itself.
    """
    source = "baltimore_measures.csv"
    repairs = Repairs()
    frame = raw.copy()
    for column in (*REQUIRED[:9], "Deprecated"):
        frame[column] = [clean_text(v, repairs) for v in frame.get(column, "")]
    spelled = frame.replace({"Performance Measure Type": SPELLING, "Desired Outcome": SPELLING})
    spelling = int((spelled != frame).to_numpy().sum())
    frame = spelled
    frame["kind"] = frame["Percent or Count"].str.lower()
    interval_text = frame["Interval"].str.lower()
    frame["interval"] = interval_text.map(INTERVALS).fillna("unknown")
    spelling += int((interval_text.isin(["cumalitve"])).sum())

    frame, repeated, filled = _newest_edition(frame)
    values = {
        f"value_{y}": [parse_number(v, k, repairs) for v, k in zip(
            frame[f"FY {y % 100} Actual"], frame["kind"], strict=True)]
        for y in ACTUAL_YEARS
    }  # fmt: skip
    targets = {
        f"target_{y}": [parse_number(v, k, repairs) for v, k in zip(
            frame[f"FY {y % 100} Target"], frame["kind"], strict=True)]
        for y in TARGET_YEARS
    }  # fmt: skip
    quarters = np.array(
        [[parse_number(v, k, repairs) for v in row] for row, k in zip(
            frame[list(QUARTERS)].to_numpy(), frame["kind"], strict=True)]
    ).reshape(len(frame), len(QUARTERS))  # fmt: skip
    wide = pd.DataFrame({**values, **targets}, index=frame.index)
    from_quarters = _year_from_quarters(quarters, frame["interval"], frame["kind"])
    derived = wide["value_2025"].isna() & ~np.isnan(from_quarters)
    wide.loc[derived, "value_2025"] = from_quarters[derived.to_numpy()]

    frame[S.UNIT] = frame["Agency"].map(slug)
    catalogue = pd.DataFrame(
        {
            S.DOMAIN: domain,
            S.METRIC: frame[S.METRIC],
            S.UNIT: frame[S.UNIT],
            S.UNIT_NAME: frame["Agency"],
            S.MEASURE_NAME: frame["Performance Measure"],
            S.SERVICE: frame["Service"],
            S.KIND: frame["kind"],
            S.INTERVAL: frame["interval"],
            S.MEASURE_DIRECTION: frame["Desired Outcome"].map(DIRECTIONS).fillna(S.NEUTRAL),
            S.CRITICAL: frame["Performance Measure Type"].isin(critical_types),
        }
    ).reset_index(drop=True)
    wide = wide.assign(**{S.METRIC: frame[S.METRIC], S.UNIT: frame[S.UNIT]})
    observations = fiscal_year_rows(domain, wide.reset_index(drop=True), ACTUAL_YEARS)
    later = int(sum((frame[c].str.strip() != "").sum() for c in LATER_TARGETS))
    unknown = frame[frame["interval"] == "unknown"]["Interval"]
    no_direction = int((catalogue[S.MEASURE_DIRECTION] == S.NEUTRAL).sum())
    notes = [
        *cell_notes(repairs, source),
        DataQualityNote(source, "category_spelling", spelling, "corrected",
            f"{spelling} category cells misspelled or in the wrong case corrected "
            "('Ouput' -> Output, 'Cumalitve' -> Cumulative, 'increase' -> Increase)."),
        DataQualityNote(source, "repeated_measures", repeated, "dropped",
            f"{repeated} rows repeat a measure of the same agency (each budget book, FY2026 "
            f"and FY2027, lists it again): the newest book's row is kept, and {filled} "
            "cells it leaves blank are taken from the older book."),
        DataQualityNote(source, "year_from_quarters", int(derived.sum()), "filled",
            f"{int(derived.sum())} FY2025 actuals left blank are derived from the four "
            "quarters as the measure's interval says: cumulative and snapshot measures "
            "take Q4, period measures the sum of the quarters (their mean for percents)."),
        DataQualityNote(source, "interval_unknown", len(unknown), "kept",
            f"{len(unknown)} measures have no usable interval (blank, or a reporting "
            f"frequency such as {', '.join(sorted(set(unknown) - {''})[:3])}): no year is "
            "derived from their quarters."),
        DataQualityNote(source, "no_direction", no_direction, "kept",
            f"{no_direction} measures state no desired outcome (or 'Maintain'): their "
            "targets are shown but not judged met or missed, nor their trend."),
        DataQualityNote(source, "targets_without_actuals", later, "reported",
            f"{later} FY2026 and FY2027 targets have no actual yet and are not judged."),
    ]  # fmt: skip
    return Register(catalogue, observations, tuple(n for n in notes if n.affected_rows))


def _newest_edition(frame: pd.DataFrame) -> tuple[pd.DataFrame, int, int]:
    """One row per agency and measure: the newest budget book's, blanks filled from older.

    A measure is its agency and id (its name where it has no id); two measures sharing an
    id in one book are told apart by name.
    """
    ids = frame["Measure ID"].where(frame["Measure ID"] != "", frame["Performance Measure"])
    key = frame["Agency"] + "|" + ids
    shared = frame.assign(key=key).duplicated(["key", "Fiscal Year"], keep=False)
    named = frame["Performance Measure"].map(name_key)
    metric = frame["Measure ID"].where(frame["Measure ID"] != "", named)
    frame = frame.assign(
        **{S.METRIC: metric.where(~shared, metric + "_" + named)},
        key=key.where(~shared, key + "|" + frame["Performance Measure"]),
    ).sort_values(["key", "Fiscal Year"], ascending=[True, False], kind="stable")
    blank = frame.replace("", np.nan)
    newest = blank.groupby("key", sort=False).first()  # first non-blank, newest book first
    first_rows = blank.drop_duplicates("key").set_index("key")
    filled = int((newest.notna() & first_rows.isna()).to_numpy().sum())
    return newest.fillna("").reset_index(), len(frame) - len(newest), filled


def _year_from_quarters(quarters: np.ndarray, interval: pd.Series, kind: pd.Series) -> np.ndarray:
    """A year's value from its four quarters, as the interval says; NaN where it cannot."""
    complete = ~np.isnan(quarters).any(axis=1)
    last = quarters[:, -1]
    total = np.where(kind.to_numpy() == "percent", quarters.mean(axis=1), quarters.sum(axis=1))
    by_interval = np.select(
        [interval.to_numpy() == "period", np.isin(interval.to_numpy(), ["cumulative", "snapshot"])],
        [total, last],
        np.nan,
    )
    return np.where(complete, by_interval, np.nan)
