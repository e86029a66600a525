"""Seeded synthetic service-request events, at any scale, for tests and benchmarks.

The events frame of `statlib.schema` (category, unit, occurred_at, closed_at) as
`statlib.aggregate.request_kpis` reads it, drawn like the demo city's 311 requests
(data/democity/README.md) but without its seasons and episodes: request types in the
MyLA311 shares, 15 council districts (a few requests in none), times to close log-normal
around each type's median, requests still open at the extract without a close date, and
some that stay open for months. It exists to test the aggregation on edge cases at volume
and to time it on millions of rows (benchmarks/events_aggregation.py); the demo's own
extract stays the realistic example. The same arguments always give the same frame.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from statlib import schema as S

# category: (share of requests, median days to close), as data/democity/build.py draws them
CATEGORIES: dict[str, tuple[float, float]] = {
    "bulky_items": (0.445, 2.0),
    "graffiti_removal": (0.270, 1.0),
    "illegal_dumping": (0.085, 2.0),
    "metal_appliances": (0.079, 2.0),
    "homeless_encampment": (0.033, 14.0),
    "electronic_waste": (0.037, 2.0),
    "dead_animal": (0.020, 0.3),
    "other": (0.013, 2.0),
    "streetlight_single": (0.007, 6.0),
    "streetlight_multiple": (0.006, 4.0),
    "water_waste": (0.005, 1.0),
}
UNITS = 15  # council districts "1" .. "15"
NO_UNIT_SHARE = 0.0012  # requests placed in no district (the demo: 260 in 210,000)
CLOSE_SIGMA = 0.8  # log-normal spread of time to close (the demo's)
STUCK_SHARE = 0.01  # requests that wait 20 times their type's median (months for some)


def synthetic_events(
    n: int, *, seed: int = 0, first_day: date = date(2024, 1, 1), days: int = 959
) -> pd.DataFrame:
    """`n` service requests created over `days` days from `first_day`, to the second.

    Args:
        n: Number of events.
        seed: Seed of the random generator.
        first_day: Day of the first requests.
        days: Days the extract covers; a close after its end is unknown (NaT: still open).

    Returns:
        Frame with category, unit ("1" .. "15", or None), occurred_at and closed_at
        (datetime64[ns], NaT while open), in creation order.
    """
    rng = np.random.default_rng(seed)
    shares, medians = (np.array(v) for v in zip(*CATEGORIES.values(), strict=True))
    category = rng.choice(len(CATEGORIES), size=n, p=shares / shares.sum())
    start = np.datetime64(first_day.isoformat(), "s")
    occurred = start + np.sort(rng.integers(0, days * 86_400, size=n)).astype("timedelta64[s]")
    took = medians[category] * np.exp(CLOSE_SIGMA * rng.standard_normal(n))
    took = np.where(rng.random(n) < STUCK_SHARE, took * 20, took)
    closed = occurred + (took * 86_400).astype("int64").astype("timedelta64[s]")
    closed = np.where(closed < start + np.timedelta64(days, "D"), closed, np.datetime64("NaT"))
    unit = (rng.integers(1, UNITS + 1, size=n)).astype(str).astype(object)
    unit[rng.random(n) < NO_UNIT_SHARE] = None
    return pd.DataFrame(
        {
            S.CATEGORY: np.array(list(CATEGORIES), dtype=object)[category],
            S.UNIT: unit,
            S.OCCURRED_AT: occurred.astype("datetime64[ns]"),
            S.CLOSED_AT: closed.astype("datetime64[ns]"),
        }
    )
