"""Naive and seasonal-naive forecasts from every origin of a series.

Like the smoothing paths, row t of each matrix is the forecast made after observing x[t]
for horizons 1..H, so the same error and interval code serves every model.
"""

from __future__ import annotations

import numpy as np


def naive_paths(x: np.ndarray, horizons: np.ndarray) -> np.ndarray:
    """Naive forecasts: the last value, for every horizon. Shape (n, H)."""
    return np.repeat(x[:, None], horizons.size, axis=1)


def seasonal_naive_paths(x: np.ndarray, season_length: int, horizons: np.ndarray) -> np.ndarray:
    """Seasonal-naive forecasts: the value one season before the target. Shape (n, H).

    From origin t the forecast for t + h is x[t - m + 1 + (h - 1) mod m]; origins with less
    than one season of history before them are NaN.
    """
    origins = np.arange(x.size)[:, None]
    source = origins - season_length + 1 + (horizons[None, :] - 1) % season_length
    paths = np.full((x.size, horizons.size), np.nan)
    valid = source >= 0
    paths[valid] = x[source[valid]]
    return paths
