"""p-charts for proportions (passes / batches sampled), and Laney's p' when over-dispersed.

A proportion's binomial sigma shrinks with its denominator, so the limits follow each
period's denominator: sigma_i = sqrt(p̄ (1 - p̄) / n_i). With the large denominators of
routine inspection (10,000 batches a month), that sigma is far smaller than the month-to-
month variation of the true rate, and a plain p-chart flags nearly every point. Laney's p'
(D. B. Laney, "Improved control charts for attributes", Quality Engineering 14(4), 2002)
measures that extra variation on the z scale: z_i = (p_i - p̄) / sigma_i, and its XmR sigma
sigma_z = MRbar(z) / d2 widens the limits to p̄ ± 3 · sigma_i · sigma_z. With binomial
data sigma_z is near 1 and p' is the p-chart.

Whether the counts are over-dispersed is the Pearson dispersion test: sum(z_i^2) is
chi-square with k - 1 degrees of freedom (p̄ is estimated) when the binomial holds.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from statlib.spc.limits import D2_RANGES_OF_TWO

FloatArray = npt.NDArray[np.float64]

P_LIMIT_SIGMAS = 3.0  # Shewhart's three-sigma limits, as the XmR chart's
# The dispersion test's level: over-dispersed when sum(z^2) exceeds the chi-square's 99th
# centile, so a binomial series takes p' by chance in one case in a hundred.
DISPERSION_TEST_LEVEL = 0.99
P_CHART, LANEY = "p", "laney"  # the chart drawn: plain p-chart or Laney's p'


def pooled_proportion(numerators: npt.ArrayLike, denominators: npt.ArrayLike) -> float:
    """p̄ = sum(x) / sum(n): the centre line (never the mean of the proportions)."""
    x, n = np.asarray(numerators, dtype=float), np.asarray(denominators, dtype=float)
    total = n.sum()
    return float(x.sum() / total) if total > 0 else float("nan")


def binomial_sigmas(p_bar: float, denominators: npt.ArrayLike) -> FloatArray:
    """sigma_i = sqrt(p̄ (1 - p̄) / n_i): the binomial sigma of each proportion."""
    n = np.asarray(denominators, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.sqrt(p_bar * (1.0 - p_bar) / n)


def z_scores(proportions: npt.ArrayLike, p_bar: float, sigmas: npt.ArrayLike) -> FloatArray:
    """z_i = (p_i - p̄) / sigma_i; NaN where sigma_i is 0 (p̄ of 0 or 1)."""
    p, s = np.asarray(proportions, dtype=float), np.asarray(sigmas, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(s > 0, (p - p_bar) / s, np.nan)


def laney_sigma_z(z: npt.ArrayLike) -> float:
    """sigma_z = MRbar / d2 from the moving ranges of consecutive z-scores (d2 = 1.128).

    NaN with fewer than two z-scores.
    """
    values = np.asarray(z, dtype=float)
    values = values[~np.isnan(values)]
    if values.size < 2:
        return float("nan")
    return float(np.abs(np.diff(values)).mean() / D2_RANGES_OF_TWO)


def dispersion_ratio(z: npt.ArrayLike) -> float:
    """sum(z^2) / (k - 1): about 1 for binomial counts, above 1 when over-dispersed."""
    values = np.asarray(z, dtype=float)
    values = values[~np.isnan(values)]
    if values.size < 2:
        return float("nan")
    return float((values**2).sum() / (values.size - 1))


def overdispersed(z: npt.ArrayLike, level: float = DISPERSION_TEST_LEVEL) -> bool:
    """Pearson's test: sum(z^2) above the chi-square(k - 1) quantile at `level`."""
    values = np.asarray(z, dtype=float)
    values = values[~np.isnan(values)]
    if values.size < 2:
        return False
    # Imported here: a page's kernel imports this module for the funnel's limits, not the
    # test, and scipy would cost it a second of start-up (benchmarks, Render).
    from scipy.stats import chi2

    return bool((values**2).sum() > chi2.ppf(level, values.size - 1))


@dataclass(frozen=True)
class PChartLimits:
    """A p-chart's (or p' chart's) lines, one value per point where they vary.

    Attributes:
        centre: p̄, the pooled proportion.
        sigma: sigma_i, the binomial sigma of each point.
        z: z_i of each point.
        sigma_z: Laney's sigma_z (1.0 for a plain p-chart is not assumed: it is measured).
        chart: "p" or "laney", the limits used.
        lower, upper: the limits, clipped to [0, 1].
    """

    centre: float
    sigma: FloatArray
    z: FloatArray
    sigma_z: float
    chart: str
    lower: FloatArray
    upper: FloatArray


def p_chart_limits(
    numerators: npt.ArrayLike, denominators: npt.ArrayLike, *, laney: bool | None = None
) -> PChartLimits:
    """The limits of a p-chart, or of Laney's p' chart, for one series in time order.

    Args:
        numerators: x_i (passes), one per period.
        denominators: n_i (batches sampled), one per period; a period with n_i = 0 has
            no proportion and no limits.
        laney: True: p' limits; False: plain p-chart limits; None (default): p' exactly
            when the counts are over-dispersed (`overdispersed`).

    Returns:
        The limits: p̄ ± 3 · sigma_i (p-chart) or p̄ ± 3 · sigma_i · sigma_z (p').
    """
    x, n = np.asarray(numerators, dtype=float), np.asarray(denominators, dtype=float)
    n = np.where(n > 0, n, np.nan)
    p_bar = pooled_proportion(x[~np.isnan(n)], n[~np.isnan(n)])
    sigma = binomial_sigmas(p_bar, n)
    z = z_scores(x / n, p_bar, sigma)
    sigma_z = laney_sigma_z(z)
    use_laney = overdispersed(z) if laney is None else laney
    width = P_LIMIT_SIGMAS * sigma * (sigma_z if use_laney else 1.0)
    return PChartLimits(
        centre=p_bar,
        sigma=sigma,
        z=z,
        sigma_z=sigma_z,
        chart=LANEY if use_laney else P_CHART,
        lower=np.clip(p_bar - width, 0.0, 1.0),
        upper=np.clip(p_bar + width, 0.0, 1.0),
    )
