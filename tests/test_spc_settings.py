"""SpcSettings validation and footnote text (statlib.spc.settings)."""

import dataclasses

import pytest

from statlib.errors import ParamsError
from statlib.spc.settings import SpcSettings


def test_defaults_are_mdc_and_described_for_the_footnote():
    settings = SpcSettings()
    assert (settings.shift_length, settings.trend_length) == (7, 7)
    assert settings.describe() == "shift 7, trend 7, 2-sigma mdc2023, MR screening off"
    custom = SpcSettings(shift_length=6, screen_moving_ranges=True, baseline_points=12)
    assert custom.describe() == (
        "shift 6, trend 7, 2-sigma mdc2023, MR screening on, baseline 12 points"
    )
    # A page words them in its language; in English exactly as recorded.
    from statlib.report.labels import spc_settings_words

    assert spc_settings_words(custom, "en") == custom.describe()
    assert spc_settings_words(custom, "zh") == (
        "偏移 6 点，趋势 7 点，2σ 规则按 MDC 2023 版，筛除异常移动极差，基线 12 点"
    )
    concern = SpcSettings(conflict="concern", two_sigma_mode="legacy")
    assert spc_settings_words(concern, "en") == concern.describe()


def test_settings_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        SpcSettings().shift_length = 8


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("shift_length", 5),
        ("shift_length", 9),
        ("trend_length", 7.0),
        ("trend_length", True),
        ("two_sigma_mode", "mdc"),
        ("screen_moving_ranges", "yes"),
        ("baseline_points", 11),
        ("conflict", "neutral"),
        ("min_points", 1),
        ("trial_points", 0),
    ],
)
def test_bad_values_are_refused_with_name_and_value(field, value):
    with pytest.raises(ParamsError, match=rf"{field}={value!r}"):
        SpcSettings(**{field: value})


def test_allowed_edges_are_accepted():
    SpcSettings(shift_length=6, trend_length=8, baseline_points=12, two_sigma_mode="legacy")
