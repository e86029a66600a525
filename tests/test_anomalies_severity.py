"""Severity follows the size of the departure and the number of rules (issue 9).

Hand-checkable: statlib.anomalies.severity on rule lists, then `flag` on a hand-made
series whose limits are worked out in the comments.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from statlib.anomalies import flag
from statlib.anomalies.severity import EXTREME_SIGMAS, flag_severity, process_sigmas
from statlib.schema import METRIC, PERIOD, PERIOD_END, RULES, SEVERITY, UNIT, VALUE

KEYS = {"domain": "service_requests", METRIC: "open_backlog", UNIT: "9"}


def weekly(values: list[float]) -> pd.DataFrame:
    ends = pd.date_range("2024-01-07", periods=len(values), freq="W-SUN")
    labels = [f"2024-W{i + 1:02d}" for i in range(len(values))]
    return pd.DataFrame({**KEYS, PERIOD: labels, PERIOD_END: ends, VALUE: values})


def test_process_sigmas_from_the_limit_crossed() -> None:
    # Centre 40, upper limit 67 (3 sigma = 27, sigma = 9): 165 is 125 / 9 = 13.9 sigma.
    assert process_sigmas(165, 40, 67) == pytest.approx(125 / 9)
    assert process_sigmas(20, 10, 16) == pytest.approx(5.0)  # below: same distance rule
    assert process_sigmas(0, 10, 4) == pytest.approx(5.0)
    assert math.isnan(process_sigmas(5, 5, 5))  # no variation: no sigma
    assert math.isnan(process_sigmas(5, 4, float("nan")))


def test_a_point_far_beyond_its_limits_with_a_second_rule_is_high() -> None:
    # The council district 9 backlog: 13.9 sigma, a trend and two of three; no breach.
    rules = ["outside_limits", "trend", "two_of_three"]
    assert flag_severity(rules, supported=False, sigmas=13.9) == "high"
    assert flag_severity(["outside_limits", "two_of_three"], False, sigmas=6.0) == "high"
    assert flag_severity(["outside_limits", "two_of_three"], False, sigmas=5.9) == "low"
    # Far beyond, but alone: medium.
    assert flag_severity(["outside_limits"], supported=False, sigmas=EXTREME_SIGMAS) == "medium"
    # Size counts only for a point outside its limits.
    assert flag_severity(["shift", "two_of_three"], supported=False, sigmas=9.0) == "low"


def test_three_rules_on_the_side_are_at_least_medium() -> None:
    # Precinct 112 grand larceny: just over its limit (3.2 sigma), a breach within the
    # series' noise (not backed), two of three: three rules.
    rules = ["outside_limits", "forecast_breach", "two_of_three"]
    assert flag_severity(rules, supported=False, backed=False, sigmas=3.2) == "medium"
    assert flag_severity(["shift", "trend", "two_of_three"], supported=False) == "medium"
    assert flag_severity(["outside_limits", "two_of_three"], False, sigmas=3.2) == "low"


def test_the_earlier_ranks_stand() -> None:
    assert flag_severity(["forecast_breach", "jump"], supported=True) == "high"
    assert flag_severity(["forecast_breach"], supported=True) == "medium"
    assert flag_severity(["forecast_breach"], supported=False) == "low"
    assert flag_severity(["outside_limits", "jump"], supported=True) == "low"


def test_flag_ranks_a_large_departure_high_and_a_small_one_low() -> None:
    # 19 points 48, 52, ..., 48 then x; no forecasts, so no breach rule.
    # x = 120: CL = (480 + 468 + 120) / 20 = 53.4; MRbar = (18 * 4 + 72) / 19 = 7.579;
    # UCL = 53.4 + 2.66 * 7.579 = 73.56; sigma = 20.16 / 3 = 6.72; 66.6 / 6.72 = 9.9 sigma.
    # The jump: 72 against a residual scale of 5.93 is 12 sd (> 4.5). Rules: outside
    # limits and jump: high (before issue 9: low, as a jump without a breach).
    big = flag(
        weekly([48, 52] * 9 + [48, 120]), directions="decrease", freq="week", period="2024-W20"
    )
    assert big[RULES].tolist() == ["outside_limits;jump"]
    assert big[SEVERITY].tolist() == ["high"]
    # x = 75: CL = 51.15; MRbar = (72 + 27) / 19 = 5.21; UCL = 65.01; 23.85 / 4.62 = 5.2
    # sigma; the jump 27 / 5.93 = 4.55 sd. Same two rules, a smaller departure: low.
    small = flag(
        weekly([48, 52] * 9 + [48, 75]), directions="decrease", freq="week", period="2024-W20"
    )
    assert small[RULES].tolist() == ["outside_limits;jump"]
    assert small[SEVERITY].tolist() == ["low"]
