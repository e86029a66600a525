"""Report sections and charts: pure drawing of result frames, checked as HTML text."""

import re

import numpy as np
import pandas as pd
import pytest

from statlib import charts
from statlib import schema as S
from statlib.periods import parse_period
from statlib.report import provenance, sections
from statlib.report.html import badge


def label(key: str) -> str:
    return key.replace("_", " ").title()


FLAG_ROW = (S.METRIC, S.UNIT, S.PERIOD, S.SEVERITY, S.FLAG_DIRECTION, S.RULES, S.RULE_SIDES)


def flags(rows, **numbers):
    """A flags frame of (metric, unit, severity, direction, rules, sides) rows in 2026-W33."""
    frame = pd.DataFrame(
        [(m, u, "2026-W33", *rest) for m, u, *rest in rows], columns=list(FLAG_ROW)
    )
    defaults = {S.OBSERVED: 8.0, S.RUN_LENGTH: 7, S.TREND_LENGTH: 1, S.SEASONAL: False}
    return frame.assign(**{**defaults, **numbers})


def test_exceptions_put_concerns_first_fold_low_severity_and_escape_text():
    html = sections.exceptions(
        flags(
            [
                ("robbery", "75", "medium", "improvement", "forecast_breach", "low"),
                ("murder", "1", "low", "concern", "shift", "high"),
                ("burglary", "60", "high", "concern", "forecast_breach;jump", "high;high"),
            ],
            **{S.RANGE_LOW: 1.02, S.RANGE_HIGH: 4.4, S.EXPECTED: 2.0},
        ),
        lambda key: "<the> & more" if key == "burglary" else label(key),
        label,
        "en",
        {"robbery": "count"},
    ).body
    assert html.index("&lt;the&gt; &amp; more") < html.index("Robbery")  # concerns first
    # Counts read whole: "got 8", never "got 8.0"; a range keeps the decimals it needs.
    assert "outside the 95% forecast range: expected 1-4.4, got 8" in html
    assert "a jump above the recent level: expected about 2, got 8" in html
    details = html[html.index("<details>") :]
    assert "1 more low-severity signals" in details and "Murder" in details
    assert "7 weeks in a row above the average" in details
    assert "Murder" not in html[: html.index("<details>")]


def test_no_flags_is_said_in_words():
    html = sections.exceptions(flags([]), label, label, "zh").body
    assert "本期没有特殊原因变异" in html


def test_compstat_table_has_grouped_headers_years_and_no_data_remark():
    rows = []
    for window, current in (("week", 10.0), ("28_day", 40.0), ("ytd", 300.0)):
        rows.append(("robbery", window, current, 8.0, 25.0, 0.67))
        rows.append(("housing", window, np.nan, 5.0, np.nan, np.nan))
    frame = pd.DataFrame(
        rows, columns=[S.METRIC, S.WINDOW, S.CURRENT, S.PRIOR, S.PCT_CHANGE, S.POISSON_Z]
    )
    html = sections.compstat(
        frame,
        ["robbery", "housing"],
        label,
        ["week", "28_day", "ytd"],
        parse_period("2026-W33"),
        "en",
    ).body
    assert html.count('<th scope="colgroup" colspan=4>') == 3
    assert ">2026</th>" in html and ">2025</th>" in html
    assert "+25.0%" in html and "<td>0.7</td>" in html
    assert "No data for this period yet: Housing." in html


def test_a_z_that_rounds_to_zero_reads_without_a_sign():
    frame = pd.DataFrame(
        [("robbery", "week", 9.0, 9.0, 0.0, -0.04)],
        columns=[S.METRIC, S.WINDOW, S.CURRENT, S.PRIOR, S.PCT_CHANGE, S.POISSON_Z],
    )
    html = sections.compstat(
        frame, ["robbery"], label, ["week"], parse_period("2026-W33"), "en"
    ).body
    assert "<td>0.0</td>" in html and "-0.0" not in html


def test_compstat_table_shows_a_rate_as_percentages_and_its_change_in_points():
    # On time 85.2% now vs 88.3% a year ago: -3.1 percentage points (the relative -3.5%
    # would read as if the share had moved by 3.5 points).
    frame = pd.DataFrame(
        [("closed_on_time", "same_period_last_year", 0.852, 0.883, -0.031, -3.51, np.nan)],
        columns=[S.METRIC, S.WINDOW, S.CURRENT, S.PRIOR, S.CHANGE, S.PCT_CHANGE, S.POISSON_Z],
    )
    html = sections.compstat(
        frame,
        ["closed_on_time"],
        label,
        ["same_period_last_year"],
        parse_period("2026-F16"),
        "en",
        measures={"closed_on_time": "rate"},
    ).body
    assert "<td>85.2%</td>" in html and "<td>88.3%</td>" in html
    assert "<td>-3.1 pp</td>" in html and "-3.5" not in html


def test_largest_rises_take_significant_z_only_and_skip_the_city():
    frame = pd.DataFrame(
        {
            S.METRIC: "robbery",
            S.UNIT: ["1", "2", "3", S.CITYWIDE],
            S.WINDOW: "28_day",
            S.CURRENT: [9.0, 40.0, 30.0, 900.0],
            S.PRIOR: [4.0, 16.0, 12.0, 700.0],
            S.PCT_CHANGE: [125.0, 150.0, 150.0, 28.6],
            # z = 2(3 - 2) = 2; 2(6.32 - 4) = 4.65; 2(5.48 - 3.46) = 4.03; citywide 7.0
            S.POISSON_Z: [2.0, 4.65, 4.03, 7.0],
        }
    )
    html = sections.rises(frame, label, lambda u: f"Unit {u}", "units", 10, "en").body
    assert html.index("Unit 2") < html.index("Unit 3")
    assert "Unit 1<" not in html and "Citywide" not in html


def test_badges_always_carry_words():
    assert "Concern (high)" in badge("concern_high", "en")
    assert "稳定达标" in badge("consistently_passes", "zh")
    assert badge(None, "en").strip() == "—"


def test_spc_chart_is_titled_inline_svg_with_alt_text_and_stable_bytes():
    weeks = pd.date_range("2026-01-04", periods=20, freq="W-SUN")
    points = pd.DataFrame(
        {
            S.PERIOD_END: weeks,
            S.VALUE: [5.0] * 19 + [12.0],
            S.CENTRE: 5.35,
            S.UPPER_LIMIT: 9.0,
            S.LOWER_LIMIT: 1.7,
            S.POINT_TYPE: ["common_cause"] * 19 + ["concern"],
        }
    )
    chart = charts.spc_chart(points, title="Robbery", lang="en")
    again = charts.spc_chart(points, title="Robbery", lang="en")
    assert chart.svg.startswith("<svg") and "<title>Robbery</title>" in chart.svg
    assert "<metadata>" not in chart.svg and chart.svg == again.svg
    assert chart.alt == "Robbery: latest value 12 (Concern); process limits 1.7 to 9.0."
    assert 'role="img"' in chart._repr_html_()
    # A share reads as a percentage, its limits with one more decimal.
    share = charts.spc_chart(points.assign(**{S.VALUE: 0.852}), title="On time", measure="rate")
    assert share.alt == "On time: latest value 85.2% (Concern); process limits 170.00% to 900.00%."
    # A series too short for limits (a run chart) says so, not "point_None".
    short = points.tail(5).assign(**{S.UPPER_LIMIT: None, S.LOWER_LIMIT: None, S.POINT_TYPE: None})
    alt = charts.spc_chart(short, title="Robbery", lang="en").alt
    assert alt == "Robbery: latest value 12; too few points yet for process limits."


def test_chart_shapes_tell_the_side_as_the_tables_do():
    # ▲ for a high point and ▼ for a low one, whatever it means: a concern on the high side
    # is drawn with the same shape as an improvement on the high side (colour differs).
    weeks = pd.date_range("2026-01-04", periods=20, freq="W-SUN")
    points = pd.DataFrame(
        {
            S.PERIOD_END: weeks,
            S.VALUE: [5.0] * 19 + [12.0],
            S.CENTRE: 5.35,
            S.UPPER_LIMIT: 9.0,
            S.LOWER_LIMIT: 1.7,
            S.POINT_TYPE: ["common_cause"] * 19 + ["concern"],
        }
    )

    def shapes(frame: pd.DataFrame) -> list[str]:
        svg = charts.spc_chart(frame, title="Robbery", lang="en").svg
        return re.findall(r'<path id="m[0-9a-f]+" d="([^"]+)"', svg)

    concern_high = shapes(points)
    improvement_high = shapes(
        points.assign(**{S.POINT_TYPE: ["common_cause"] * 19 + ["improvement"]})
    )
    concern_low = shapes(
        points.assign(
            **{S.VALUE: [5.0] * 19 + [0.0], S.POINT_TYPE: ["common_cause"] * 19 + ["concern"]}
        )
    )
    assert concern_high == improvement_high
    assert concern_high != concern_low


@pytest.mark.parametrize("domain", ["public_safety", "service_requests"])
def test_every_note_an_ingest_writes_has_a_name_in_the_catalogue(domain):
    from pathlib import Path

    from statlib.messages import CATALOGUE
    from statlib.params import load_domain
    from statlib.sources import source

    root = Path(__file__).resolve().parents[1]
    params = load_domain(root / "params" / f"{domain}.yaml")
    notes = source(params.source).ingest(root / "data", params).notes
    assert len(notes) >= 5
    for rule in notes[S.NOTE_RULE]:
        assert f"quality_rule_{rule}" in CATALOGUE, rule
    for action in notes[S.NOTE_ACTION]:
        assert f"quality_action_{action}" in CATALOGUE, action
    html = provenance.quality(notes, "zh").body
    assert all(rule not in html for rule in notes[S.NOTE_RULE])


def test_process_table_says_a_stopped_series_stopped_and_clips_count_limits_at_zero():
    frame = pd.DataFrame(
        {
            S.METRIC: ["murder", "rape_ucr"],
            S.LAST_PERIOD_END: pd.to_datetime(["2026-08-16", "2026-07-19"]),
            S.LAST_VALUE: [3.0, 11.0],
            S.CENTRE: [2.6, 9.0],
            S.UPPER_LIMIT: [6.8, 15.0],
            S.LOWER_LIMIT: [-1.6, 3.0],
            S.VARIATION_ICON: ["common_cause", "concern_high"],
            S.ASSURANCE_ICON: [None, None],
            S.STATUS: ["ok", "ok"],
        }
    )
    html = sections.process(
        frame, ["murder", "rape_ucr"], str, "en", period_end=pd.Timestamp("2026-08-16")
    ).body
    assert "0.0 – 6.8" in html and "-1.6" not in html
    assert "stopped: last reported Jul 19, 2026" in html
    assert "Concern (high)" not in html  # no icon on a series that stopped


def test_every_forecast_model_reads_in_words_in_both_languages():
    from statlib.forecast.series import COMBINATION, CONSTANT, INSUFFICIENT_DATA, SEASONAL_NAIVE
    from statlib.report.labels import model_label

    assert model_label("ses+damped+theta+seasonal_naive/multiplicative_season", "en") == (
        "simple exponential smoothing + damped trend + Theta method + last year's season; "
        "multiplicative season"
    )
    assert model_label(f"{COMBINATION}/additive_season", "zh") == (
        "简单指数平滑 + 阻尼趋势 + Theta 法；加法季节"
    )
    for model in (CONSTANT, INSUFFICIENT_DATA, SEASONAL_NAIVE, COMBINATION):
        for lang in ("en", "zh"):
            assert "_" not in model_label(model, lang)
    with pytest.raises(KeyError, match="model_arima"):
        model_label("arima", "en")
