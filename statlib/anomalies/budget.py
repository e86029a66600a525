"""False alarms per page: the concerns a page of many series raises by chance, and its budget.

A page reviews many series at once (about 1,500 on the public-safety page), so even a rare
false alarm adds up: one in 100 series-periods is 15 false concerns every week. Two ways
to control that were weighed:

- Benjamini-Hochberg on the flags' p-values needs a valid p-value per flag. A flag has
  none: it is a combination of detectors (statlib.anomalies.severity) whose scores are
  robust z's of heavy-tailed, autocorrelated real series (in the anomaly benchmark the
  one-step errors' 97.5% quantile sits at 5-7 robust sd, not 2), and the SPC run rules have
  no p-value at all; nominal p-values would be far too small and BH would control
  nothing. Severity already ranks flags by how many independent detectors agree.
- A per-page alarm budget uses what severity was built on: each severity's rate of
  concerns raised by chance, measured on real series with no change in them
  (benchmarks/false_alarms.py: the NYPD weekly series, each with its values randomly
  permuted in time, judged period by period as production judges them). The expected
  chance concerns on a page are the number of series reviewed times that rate, and the
  budget severity is the lowest whose expected chance concerns stay within PAGE_BUDGET.

So the page says how many concerns are expected by chance at each severity and which
severity keeps the page within its budget; nothing is hidden (every flag is still listed).
The rates are measured on weekly counts; other frequencies use them as an approximation.
"""

from __future__ import annotations

from collections.abc import Mapping

# Concerns raised by chance per series-period, at or above each severity: the null view of
# benchmarks/false_alarms.py (NYPD weekly series permuted in time, 8 review weeks of 538
# flaggable series: 9.285, 1.927 and 0.116 per 100). The high rate rests on 5 concerns.
CHANCE_CONCERN_RATES: dict[str, float] = {"low": 0.093, "medium": 0.019, "high": 0.0012}
PAGE_BUDGET = 1.0  # concerns a page may raise by chance per period
SEVERITY_ORDER: tuple[str, ...] = ("low", "medium", "high")


def chance_concerns(
    series: int, rates: Mapping[str, float] = CHANCE_CONCERN_RATES
) -> dict[str, float]:
    """Concerns expected by chance on a page of `series` series, at or above each severity.

    2 series at a rate of 0.02 expect 0.04 chance concerns.
    """
    return {severity: series * rates[severity] for severity in SEVERITY_ORDER}


def budget_severity(
    series: int,
    budget: float = PAGE_BUDGET,
    rates: Mapping[str, float] = CHANCE_CONCERN_RATES,
) -> str | None:
    """The lowest severity whose chance concerns on the page stay within `budget`.

    None when even the highest severity expects more than `budget` (a very large page).
    """
    expected = chance_concerns(series, rates)
    return next((s for s in SEVERITY_ORDER if expected[s] <= budget), None)
