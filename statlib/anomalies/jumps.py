"""The jump rule: a period far from the series' recent level, in units of its own noise.

Each point is predicted from the points just before it, the median of the last
JUMP_LOOKBACK (seasonally adjusted) values: a median, so that one earlier spike does
not move the prediction and raise a second, mirrored alarm at the next period. The
one-step residual (actual - prediction) is then standardised by the series' own recent
residuals: centred on their median (which absorbs a steady trend) and divided by
1.4826 * their MAD (a robust standard deviation, so earlier anomalies do not inflate
it). A point jumps when its standardised residual is beyond JUMP_Z.

Why not the 95% forecast interval alone: on real seasonal series the one-step interval
is wide (the forecasting model's intervals cover model uncertainty and long-run
changes), so clean series fall outside it only about 3% of the time and small injected
anomalies stay inside it (benchmarks/anomaly_detection.py, README there). The jump
rule measures a point against the noise the series has actually shown recently, and
its score also tells whether a breach is backed by a departure from the recent level.

The constants were chosen on the tuning half of that benchmark (the even-numbered
series) and are reported on the other half; see benchmarks/README.md.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from numpy.lib.stride_tricks import sliding_window_view

FloatArray = npt.NDArray[np.float64]

JUMP_LOOKBACK = 3  # median of the last 3 points: robust to one earlier spike
JUMP_WINDOW = 36  # residuals of the last 3 years (monthly) set the scale: recent noise
JUMP_MIN_RESIDUALS = 12  # fewer earlier residuals than this: too little to judge, no jump
JUMP_Z = 4.5  # robust standard deviations: a jump; chosen on the tuning half
# A forecast breach counts as medium only when the point also stands this far out from
# the recent level (else the interval, not the point, was off); chosen on the tuning half.
JUMP_SUPPORT_Z = 2.0
MAD_TO_SD = 1.4826  # consistency constant of the MAD for normal data


def jump_scores(values: npt.ArrayLike, starts: npt.ArrayLike) -> tuple[FloatArray, FloatArray]:
    """Standardised one-step residual and prediction of every point (see the module docstring).

    Args:
        values: Observed (seasonally adjusted) values in time order, series after series.
        starts: True at the first point of each series.

    Returns:
        (score, prediction): the residual in robust standard deviations of the series'
        recent residuals, and the median of the previous JUMP_LOOKBACK points; NaN where
        the history is too short or its residuals do not vary.
    """
    x = np.asarray(values, dtype=float)
    first = np.flatnonzero(np.asarray(starts, dtype=bool))
    if x.size and (first.size == 0 or first[0] != 0):
        first = np.concatenate([[0], first])
    score = np.full(x.size, np.nan)
    prediction = np.full(x.size, np.nan)
    for begin, end in zip(first, [*first[1:], x.size], strict=True):
        score[begin:end], prediction[begin:end] = _series_scores(x[begin:end])
    return score, prediction


def _series_scores(x: FloatArray) -> tuple[FloatArray, FloatArray]:
    """`jump_scores` of one series."""
    n = x.size
    score = np.full(n, np.nan)
    prediction = np.full(n, np.nan)
    if n <= JUMP_LOOKBACK:
        return score, prediction
    prediction[JUMP_LOOKBACK:] = np.median(sliding_window_view(x[:-1], JUMP_LOOKBACK), axis=1)
    residual = x - prediction
    # Row t holds the residuals of the JUMP_WINDOW points before t (NaN before the start).
    padded = np.concatenate([np.full(JUMP_WINDOW, np.nan), residual[:-1]])
    past = sliding_window_view(padded, JUMP_WINDOW)[:n]
    judged = np.flatnonzero((~np.isnan(past)).sum(axis=1) >= JUMP_MIN_RESIDUALS)
    if judged.size == 0:
        return score, prediction
    centre = np.nanmedian(past[judged], axis=1)
    spread = MAD_TO_SD * np.nanmedian(np.abs(past[judged] - centre[:, None]), axis=1)
    varies = spread > 0
    rows = judged[varies]
    score[rows] = (residual[rows] - centre[varies]) / spread[varies]
    return score, prediction
