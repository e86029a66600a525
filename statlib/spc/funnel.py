"""Funnel plots: compare units' proportions against the whole, allowing for their sizes.

Spiegelhalter, "Funnel plots for comparing institutional performance", Statistics in
Medicine 24 (2005): each unit's proportion p_i = x_i / n_i is plotted against n_i with
limits p0 ± z · sqrt(phi · p0 (1 - p0) / n), which narrow as n grows (the funnel). p0 is
the pooled proportion of the units compared. When the units differ by more than chance
(Pearson's test on their z-scores, statlib.spc.pchart.overdispersed), the limits are
widened by phi = sum(z_i^2) / k (the multiplicative over-dispersion model); otherwise
phi = 1. As Spiegelhalter, the z-scores are first winsorised at 10% (those beyond the 10th
and 90th centiles set to them), so that the outlier the funnel should show does not widen
the funnel enough to hide itself.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from statlib.spc.pchart import binomial_sigmas, overdispersed, pooled_proportion, z_scores

FloatArray = npt.NDArray[np.float64]

Z_95 = 1.959964  # two-sided 95%: the normal's 97.5th centile
Z_998 = 3.090232  # two-sided 99.8%: the normal's 99.9th centile (Spiegelhalter's 3 sigma)
WINSOR_FRACTION = 0.10  # Spiegelhalter (2005) winsorises 10% at each end before phi
# Where a unit lies: beyond the 99.8% limits, between 95% and 99.8%, or within 95%.
ABOVE_998, ABOVE_95, WITHIN, BELOW_95, BELOW_998 = (
    "above_998",
    "above_95",
    "within",
    "below_95",
    "below_998",
)


def funnel_limits(
    p0: float, denominators: npt.ArrayLike, z: float, phi: float = 1.0
) -> tuple[FloatArray, FloatArray]:
    """(lower, upper) = p0 ∓ z · sqrt(phi · p0 (1 - p0) / n), clipped to [0, 1]."""
    width = z * np.sqrt(phi) * binomial_sigmas(p0, denominators)
    return np.clip(p0 - width, 0.0, 1.0), np.clip(p0 + width, 0.0, 1.0)


def winsorised(z: npt.ArrayLike, fraction: float = WINSOR_FRACTION) -> FloatArray:
    """The z-scores clipped to their `fraction` and 1 - `fraction` centiles.

    Missing z-scores are left out; centiles interpolate linearly between order statistics
    (numpy's default).
    """
    values = np.asarray(z, dtype=float)
    values = values[~np.isnan(values)]
    if values.size == 0:
        return values
    low, high = np.percentile(values, [100 * fraction, 100 * (1 - fraction)])
    return np.clip(values, low, high)


def dispersion_factor(z: npt.ArrayLike) -> float:
    """Phi = sum(w_i^2) / k of the winsorised z-scores w when over-dispersed; else 1.

    Over-dispersed: Pearson's test on the winsorised z-scores (statlib.spc.pchart).
    """
    values = winsorised(z)
    if values.size < 2 or not overdispersed(values):
        return 1.0
    return float((values**2).mean())


def positions(
    proportions: npt.ArrayLike,
    lower_95: npt.ArrayLike,
    upper_95: npt.ArrayLike,
    lower_998: npt.ArrayLike,
    upper_998: npt.ArrayLike,
) -> npt.NDArray[np.object_]:
    """Where each unit lies in the funnel (strictly beyond a limit to be outside it)."""
    p = np.asarray(proportions, dtype=float)
    out = np.full(p.shape, WITHIN, dtype=object)
    out[p > np.asarray(upper_95)] = ABOVE_95
    out[p < np.asarray(lower_95)] = BELOW_95
    out[p > np.asarray(upper_998)] = ABOVE_998
    out[p < np.asarray(lower_998)] = BELOW_998
    out[np.isnan(p)] = None
    return out


@dataclass(frozen=True)
class Funnel:
    """A funnel of k units: their centre p0, phi, limits and positions (one per unit)."""

    centre: float
    phi: float
    z: FloatArray
    lower_95: FloatArray
    upper_95: FloatArray
    lower_998: FloatArray
    upper_998: FloatArray
    position: npt.NDArray[np.object_]


def funnel(numerators: npt.ArrayLike, denominators: npt.ArrayLike) -> Funnel:
    """The funnel of units with passes `numerators` out of `denominators`.

    Args:
        numerators: x_i, one per unit.
        denominators: n_i, one per unit (n_i = 0: no proportion, no limits).

    Returns:
        p0 = sum(x) / sum(n), phi, and each unit's limits at its n_i and position.
    """
    x, n = np.asarray(numerators, dtype=float), np.asarray(denominators, dtype=float)
    n = np.where(n > 0, n, np.nan)
    known = ~np.isnan(n)
    p0 = pooled_proportion(x[known], n[known])
    p = x / n
    z = z_scores(p, p0, binomial_sigmas(p0, n))
    phi = dispersion_factor(z)
    lower_95, upper_95 = funnel_limits(p0, n, Z_95, phi)
    lower_998, upper_998 = funnel_limits(p0, n, Z_998, phi)
    return Funnel(
        centre=p0,
        phi=phi,
        z=z,
        lower_95=lower_95,
        upper_95=upper_95,
        lower_998=lower_998,
        upper_998=upper_998,
        position=positions(p, lower_95, upper_95, lower_998, upper_998),
    )
