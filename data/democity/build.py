"""Generate the demo city's synthetic 311 service requests (data/democity/requests.parquet).

Run once from the repository root; the output is committed:

    .venv/bin/python data/democity/build.py [--boundaries /work/shared/data/la_311]

The records are SYNTHETIC. They are shaped after two real MyLA311 extracts (City of Los
Angeles, in /work/shared/data/la_311/): the same column meanings and names, request
types in about the same shares, the same statuses and request sources, placed in the 15
Los Angeles council districts in about the real shares. Everything else is drawn from the
model below with a fixed seed, so the file is the same on every run:

* Daily requests per type and district are Poisson with a mean that has a weekly cycle
  (Mondays busiest, weekends quiet), a yearly cycle (summer peak for bulky items, dumping
  and dead animals), a per-type linear trend (encampments up, graffiti down) and dips on
  US federal holidays.
* Time to close is log-normal per type (medians from the real extracts, rounded); about
  2.5% of requests are cancelled within a day. Requests not closed by the extract date
  are "Open" or "Pending" with no close date.
* District 9 has a backlog episode: from mid-May 2026 its crews fall behind and times to
  close stretch up to 3.5 times, so its open backlog grows through the summer.
* Quirks, in modest numbers, for the ingest to find and report: rows exported twice
  (same request number), close dates before the creation date, missing districts, and a
  request type outside the published list ("Feedback", as in the 2017 extract).

The council-district boundaries are copied (coordinates rounded to 5 decimals, about 1 m)
from the Hack for LA 311-data repository; see README.md for the credit and terms.
"""

from __future__ import annotations

import argparse
import json
import shutil
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

BUNDLE = Path(__file__).resolve().parent
DEFAULT_BOUNDARIES = Path("/work/shared/data/la_311")
SEED = 311
FIRST_DAY, EXTRACT_DAY = date(2024, 1, 1), date(2026, 8, 16)  # extract pulled on 17 August
REQUESTS_PER_DAY = 220.0  # a demo city about 1/15 of Los Angeles' volume

# type: (share of requests, median days to close, trend per year, summer amplitude);
# shares and medians from the two MyLA311 extracts (2017-12, 2020-01), rounded.
TYPES: dict[str, tuple[float, float, float, float]] = {
    "Bulky Items": (0.445, 2.0, 0.04, 0.12),
    "Graffiti Removal": (0.270, 1.0, -0.06, 0.08),
    "Illegal Dumping Pickup": (0.085, 2.0, 0.03, 0.10),
    "Metal/Household Appliances": (0.079, 2.0, 0.0, 0.05),
    "Homeless Encampment": (0.033, 14.0, 0.12, 0.05),
    "Electronic Waste": (0.037, 2.0, 0.0, 0.0),
    "Dead Animal Removal": (0.020, 0.3, 0.0, 0.25),
    "Other": (0.013, 2.0, 0.0, 0.0),
    "Single Streetlight Issue": (0.007, 6.0, 0.0, 0.0),
    "Multiple Streetlight Issue": (0.006, 4.0, 0.0, 0.0),
    "Report Water Waste": (0.005, 1.0, 0.0, 0.3),
}
CLOSE_SIGMA = 0.8  # log-normal spread of time to close
CANCELLED_SHARE = 0.025
# Council district shares (the two extracts' counts per district, averaged, rounded).
DISTRICT_SHARES = (
    (0.057, 0.056, 0.066, 0.053, 0.056, 0.062, 0.085, 0.062)
    + (0.063, 0.068, 0.049, 0.064, 0.094, 0.091, 0.074)
)
WEEKDAY_FACTOR = (1.20, 1.12, 1.08, 1.04, 1.00, 0.78, 0.78)  # Monday .. Sunday
HOLIDAY_FACTOR = 0.45
HOLIDAYS = tuple(
    pd.Timestamp(d)
    for d in (
        "2024-01-01 2024-01-15 2024-02-19 2024-05-27 2024-07-04 2024-09-02 2024-11-11 "
        "2024-11-28 2024-12-25 2025-01-01 2025-01-20 2025-02-17 2025-05-26 2025-07-04 "
        "2025-09-01 2025-11-11 2025-11-27 2025-12-25 2026-01-01 2026-01-19 2026-02-16 "
        "2026-05-25 2026-07-03"
    ).split()
)
SOURCES = {
    "Call": 0.45,
    "Mobile App": 0.23,
    "Driver Self Report": 0.20,
    "Self Service": 0.115,
    "Email": 0.004,
    "Council's Office": 0.001,
}
BACKLOG_DISTRICT, BACKLOG_FROM, BACKLOG_PEAK = 9, pd.Timestamp("2026-05-18"), 3.5
DUPLICATED_ROWS, CLOSED_BEFORE_CREATED, MISSING_DISTRICT, UNKNOWN_TYPE = 140, 45, 260, 38


def daily_means(days: pd.DatetimeIndex) -> np.ndarray:
    """Expected requests per day and type (days x types)."""
    years = (days - days[0]).days.to_numpy() / 365.25
    summer = np.cos(2 * np.pi * (days.day_of_year.to_numpy() - 196) / 365.25)  # mid-July peak
    weekday = np.asarray(WEEKDAY_FACTOR)[days.day_of_week]
    holiday = np.where(days.isin(HOLIDAYS), HOLIDAY_FACTOR, 1.0)
    columns = [
        REQUESTS_PER_DAY * share * (1 + trend * years) * (1 + amplitude * summer)
        for share, _, trend, amplitude in TYPES.values()
    ]
    return np.column_stack(columns) * (weekday * holiday)[:, None]


def draw_requests(rng: np.random.Generator) -> pd.DataFrame:
    """One row per request, before the quirks: created, type, district, close, status."""
    days = pd.date_range(FIRST_DAY, EXTRACT_DAY, freq="D")
    shares = np.asarray(DISTRICT_SHARES) / sum(DISTRICT_SHARES)
    means = daily_means(days)[:, :, None] * shares[None, None, :]
    counts = rng.poisson(means)
    day_i, type_i, district_i = np.nonzero(counts)
    repeat = counts[day_i, type_i, district_i]
    day_i, type_i, district_i = (np.repeat(a, repeat) for a in (day_i, type_i, district_i))
    # Daytime-weighted minute of the day: most calls come 8:00-18:00.
    hour = rng.choice(24, size=len(day_i), p=_hour_weights())
    created = days[day_i] + pd.to_timedelta(hour * 60 + rng.integers(0, 60, len(day_i)), "m")
    types = np.asarray(list(TYPES))[type_i]
    medians = np.asarray([spec[1] for spec in TYPES.values()])[type_i]
    district = district_i + 1
    stretch = np.clip((created - BACKLOG_FROM).days.to_numpy() / 45.0, 0.0, 1.0)
    medians = medians * np.where(district == BACKLOG_DISTRICT, 1 + (BACKLOG_PEAK - 1) * stretch, 1)
    delay_days = medians * np.exp(CLOSE_SIGMA * rng.standard_normal(len(day_i)))
    cancelled = rng.random(len(day_i)) < CANCELLED_SHARE
    delay_days = np.where(cancelled, rng.random(len(day_i)), delay_days)
    closed = created + pd.to_timedelta(np.round(delay_days * 1440), "m")
    extract_end = pd.Timestamp(EXTRACT_DAY) + pd.Timedelta(days=1)
    still_open = closed >= extract_end
    status = np.where(cancelled, "Cancelled", "Closed")
    status = np.where(still_open, np.where(rng.random(len(day_i)) < 0.2, "Pending", "Open"), status)
    frame = pd.DataFrame(
        {
            "requesttype": types,
            "status": status,
            "requestsource": rng.choice(
                list(SOURCES), size=len(day_i), p=np.asarray(list(SOURCES.values())) / 1.0
            ),
            "createddate": created,
            "closeddate": pd.Series(closed).where(~still_open),
            "cd": pd.array(district, dtype="Int8"),
        }
    )
    frame = frame.sort_values("createddate", kind="stable").reset_index(drop=True)
    frame.insert(0, "srnumber", [f"1-{2_400_000_000 + 37 * i}" for i in range(len(frame))])
    return frame


def _hour_weights() -> np.ndarray:
    weights = np.array([1, 1, 1, 1, 1, 2, 4, 7, 10, 11, 11, 10, 9, 9, 9, 8, 7, 6, 5, 4, 3, 2, 2, 1])
    return weights / weights.sum()


def add_quirks(frame: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """The flaws of a real extract, in modest numbers (see the module docstring)."""
    out = frame.copy()
    closed = out.index[out["status"] == "Closed"]
    early = rng.choice(closed, CLOSED_BEFORE_CREATED, replace=False)
    out.loc[early, "closeddate"] = out.loc[early, "createddate"] - pd.to_timedelta(
        rng.integers(60, 3 * 1440, CLOSED_BEFORE_CREATED), "m"
    )
    out.loc[rng.choice(out.index, MISSING_DISTRICT, replace=False), "cd"] = pd.NA
    out.loc[rng.choice(out.index, UNKNOWN_TYPE, replace=False), "requesttype"] = "Feedback"
    twice = out.loc[rng.choice(out.index, DUPLICATED_ROWS, replace=False)]
    return pd.concat([out, twice]).sort_values("createddate", kind="stable").reset_index(drop=True)


def bundle_boundaries(source: Path, target: Path) -> int:
    """Copy the council districts, coordinates rounded to 5 decimals; return the bytes."""
    collection = json.loads(source.read_text())

    def rounded(coordinates: object) -> object:
        if isinstance(coordinates, float):
            return round(coordinates, 5)
        return [rounded(part) for part in coordinates]

    for feature in collection["features"]:
        geometry = feature["geometry"]
        geometry["coordinates"] = rounded(geometry["coordinates"])
    target.write_text(json.dumps(collection, separators=(",", ":")))
    return target.stat().st_size


def main() -> None:
    """Write requests.parquet and the boundaries, and print what was written."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--boundaries", type=Path, default=DEFAULT_BOUNDARIES)
    folder = parser.parse_args().boundaries
    rng = np.random.default_rng(SEED)
    requests = add_quirks(draw_requests(rng), rng)
    requests.to_parquet(BUNDLE / "requests.parquet", compression="zstd", index=False)
    print(f"requests.parquet: {len(requests)} rows")
    size = bundle_boundaries(
        folder / "la_city_council_districts_2012.geojson", BUNDLE / "council_districts.geojson"
    )
    print(f"council_districts.geojson: {size} bytes")
    shutil.copyfile(folder / "LICENSE_repo_GPL3.txt", BUNDLE / "LICENSE_boundaries_GPL3.txt")


if __name__ == "__main__":
    main()
