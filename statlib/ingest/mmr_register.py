"""NYC's Mayor's Management Report indicators (as the Comptroller's office tidied them).

One row per indicator: desired direction (Up/Down), critical flag, the MMR target, the
fiscal years 2016-2022 and 2023, which is the year to date scaled to a full year (a
projection, said on the page). Percent indicators ("... (%)") are in percentage points and
are read as shares, as every register is (statlib.ingest.registers).
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
    parse_number,
    slug,
)

YEARS = tuple(range(2016, 2024))
TARGET_YEAR = 2023  # the MMR target is the current year's (the scaled year to date)
REQUIRED = (
    "ID", "Desired.Direction", "Critical", "Agency.Full.Name.y", "Service", "Indicator",
    "Target.MMR", *(str(y) for y in YEARS),
)  # fmt: skip
DIRECTIONS = {"Up": S.INCREASE, "Down": S.DECREASE}
NO_AGENCY = "(agency not named in the file)"


def read_register(path: Path) -> pd.DataFrame:
    """The indicators as published: every cell a string, "NA" and blanks empty."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        raise InputError(f"{path.name}: missing columns {', '.join(missing)}")
    return frame.replace("NA", "")


def register(raw: pd.DataFrame, domain: str, critical_types: tuple[str, ...] = ()) -> Register:
    """The MMR in the register shape; `critical_types` is unused (the MMR flags its own)."""
    source = "nyc_mmr_indicators.csv"
    repairs = Repairs()
    frame = raw.copy()
    for column in ("Agency.Full.Name.y", "Service", "Indicator", "Desired.Direction"):
        frame[column] = [clean_text(v, repairs) for v in frame[column]]
    # The Comptroller's tidy file names no agency for indicators it could not join to its
    # staffing data (NYCHA, H+H, the libraries, ...): kept, under one unit that says so.
    no_agency = frame["Agency.Full.Name.y"] == ""
    frame.loc[no_agency, "Agency.Full.Name.y"] = NO_AGENCY
    kind = np.where(frame["Indicator"].str.contains("(%)", regex=False), "percent", "count")
    frame = frame.assign(**{S.UNIT: frame["Agency.Full.Name.y"].map(slug), "kind": kind})
    repeated = int(frame.duplicated("ID").sum())
    frame = frame.drop_duplicates("ID")
    wide = pd.DataFrame(
        {
            **{
                f"value_{y}": [parse_number(v, "count", repairs) for v in frame[str(y)]]
                for y in YEARS
            },
            f"target_{TARGET_YEAR}": [
                parse_number(v, "count", repairs) for v in frame["Target.MMR"]],
            S.METRIC: frame["ID"].str.strip(),
            S.UNIT: frame[S.UNIT],
        }
    ).reset_index(drop=True)  # fmt: skip
    catalogue = pd.DataFrame(
        {
            S.DOMAIN: domain,
            S.METRIC: frame["ID"].str.strip(),
            S.UNIT: frame[S.UNIT],
            S.UNIT_NAME: frame["Agency.Full.Name.y"],
            S.MEASURE_NAME: frame["Indicator"],
            S.SERVICE: frame["Service"],
            S.KIND: frame["kind"],
            S.INTERVAL: "unknown",
            S.MEASURE_DIRECTION: frame["Desired.Direction"].map(DIRECTIONS).fillna(S.NEUTRAL),
            S.CRITICAL: frame["Critical"].str.strip().eq("Yes"),
        }
    ).reset_index(drop=True)
    # The MMR writes every percent in points, even below 2 (0.5 = 0.5%): all are scaled.
    numbers = [c for c in wide.columns if c.startswith(("value_", "target_"))]
    percent = kind == "percent"
    points = int(wide.loc[percent, numbers].notna().to_numpy().sum())
    wide.loc[percent, numbers] = wide.loc[percent, numbers] / 100
    scaled = int(wide[f"value_{TARGET_YEAR}"].notna().sum())
    notes = [
        *cell_notes(repairs, source),
        DataQualityNote(source, "percentage_points", points, "corrected",
            f"{points} values and targets of percent indicators ('(%)' in the name) are in "
            "percentage points and divided by 100."),
        DataQualityNote(source, "agency_missing", int(no_agency.sum()), "kept",
            f"{int(no_agency.sum())} indicators name no agency (the tidied file could not "
            f"match them, e.g. NYCHA, Health + Hospitals, the libraries): kept as {NO_AGENCY}."),
        DataQualityNote(source, "repeated_measures", repeated, "dropped",
            f"{repeated} rows repeat an indicator id: the first is kept."),
        DataQualityNote(source, "year_to_date_scaled", scaled, "kept",
            f"FY{TARGET_YEAR} values of {scaled} indicators are the year to date scaled "
            "to a full year (as the Comptroller's office published them): a projection."),
    ]  # fmt: skip
    observations = fiscal_year_rows(domain, wide, YEARS)
    return Register(catalogue, observations, tuple(n for n in notes if n.affected_rows))
