"""statlib.anomalies.budget and its sentence: concerns a page raises by chance."""

import pandas as pd
import pytest

from statlib import schema as S
from statlib.anomalies.budget import budget_severity, chance_concerns
from statlib.report.flag_words import chance_words

RATES = {"low": 0.02, "medium": 0.004, "high": 0.0005}  # per series-period


def test_expected_chance_concerns_scale_with_the_page() -> None:
    # 1,500 series: 1500 * 0.02 = 30, 1500 * 0.004 = 6, 1500 * 0.0005 = 0.75.
    assert chance_concerns(1500, RATES) == pytest.approx({"low": 30, "medium": 6, "high": 0.75})
    assert chance_concerns(0, RATES) == {"low": 0.0, "medium": 0.0, "high": 0.0}


def test_budget_severity_is_the_lowest_within_the_budget() -> None:
    assert budget_severity(40, 1.0, RATES) == "low"  # 40 * 0.02 = 0.8
    assert budget_severity(200, 1.0, RATES) == "medium"  # 4 > 1 >= 0.8
    assert budget_severity(1500, 1.0, RATES) == "high"  # 6 > 1 >= 0.75
    assert budget_severity(2500, 1.0, RATES) is None  # 2500 * 0.0005 = 1.25 > 1


def test_the_page_says_how_many_concerns_chance_alone_raises() -> None:
    flags = pd.DataFrame(
        {
            S.FLAG_DIRECTION: ["concern", "concern", "improvement", "concern"],
            S.SEVERITY: ["high", "medium", "high", "low"],
        }
    )
    # The shipped rates: 538 * 0.093 = 50.0, 538 * 0.019 = 10.2 (> 1), 538 * 0.0012 = 0.65.
    assert chance_words(flags, 538, "en") == (
        "Chance alone raises about 50 concerns a period across these 538 series, but only "
        "about 0.6 at high severity or above: this period has 1."
    )
    # 40 * 0.093 = 3.7 > 1, 40 * 0.019 = 0.76: medium or above, two concerns.
    assert chance_words(flags, 40, "zh") == (
        "仅凭偶然，这 40 个序列每期约会出现 3.7 项关注事项，但中及以上严重程度的仅约 0.8 项："
        "本期有 2 项。"
    )
    # 1,000 * 0.0012 = 1.2: over the budget even at high severity.
    assert chance_words(flags, 1000, "en") == (
        "Chance alone raises about 93 concerns a period across these 1,000 series, and about "
        "1.2 even at high severity: read single concerns with care."
    )
