"""Point types, icons and directions (statlib.spc.classify)."""

import numpy as np
import pandas as pd
import pytest

from statlib.errors import ParamsError
from statlib.spc.classify import (
    POINT_TYPE_COLOURS,
    POINT_TYPES,
    assurance_icons,
    classify_points,
    direction_signs,
    variation_icon,
)

# Four points: flagged high, flagged low, both (a conflict), neither.
HIGH = [True, False, True, False]
LOW = [False, True, True, False]
ABOVE = [True, False, False, True]


def test_increase_high_is_improvement_low_is_concern():
    types, sides, conflicted = classify_points(HIGH, LOW, 1, ABOVE)
    assert types.tolist() == ["improvement", "concern", "improvement", "common_cause"]
    assert sides.tolist() == ["high", "low", "high", None]
    assert conflicted.tolist() == [False, False, True, False]


def test_decrease_is_the_reverse():
    types, sides, _ = classify_points(HIGH, LOW, -1, ABOVE)
    # The conflict resolves to improvement, which for a decrease metric is the low side.
    assert types.tolist() == ["concern", "improvement", "improvement", "common_cause"]
    assert sides.tolist() == ["high", "low", "low", None]


def test_neutral_has_no_judgement_and_conflicts_follow_the_centre_line():
    types, sides, conflicted = classify_points(HIGH, LOW, 0, ABOVE)
    assert types.tolist() == ["neutral_high", "neutral_low", "neutral_low", "common_cause"]
    assert conflicted.tolist() == [False, False, True, False]


def test_conflict_setting_concern():
    types, sides, _ = classify_points(HIGH, LOW, 1, ABOVE, conflict="concern")
    assert types[2] == "concern" and sides[2] == "low"
    types, sides, _ = classify_points(HIGH, LOW, -1, ABOVE, conflict="concern")
    assert types[2] == "concern" and sides[2] == "high"


def test_palette_covers_every_point_type_with_mdc_colours():
    assert set(POINT_TYPE_COLOURS) == set(POINT_TYPES)
    assert POINT_TYPE_COLOURS["improvement"] == "#00b0f0"
    assert POINT_TYPE_COLOURS["concern"] == "#e46c0a"
    assert POINT_TYPE_COLOURS["common_cause"] == "#a6a6a6"


@pytest.mark.parametrize(
    ("point_type", "side", "icon"),
    [
        ("improvement", "high", "improvement_high"),
        ("improvement", "low", "improvement_low"),
        ("concern", "high", "concern_high"),
        ("concern", "low", "concern_low"),
        ("neutral_high", "high", "neutral_high"),
        ("common_cause", None, "common_cause"),
        (None, None, None),
    ],
)
def test_variation_icon(point_type, side, icon):
    assert variation_icon(point_type, side) == icon


def test_assurance_boundaries_are_inclusive():
    # Limits 10 / 20. increase: target 10 (== lower) passes, 20 (== upper) fails,
    # 15 hit or miss; decrease is the mirror image; neutral and no target give None.
    signs = [1, 1, 1, -1, -1, -1, 0, 1]
    targets = [10.0, 20.0, 15.0, 10.0, 20.0, 15.0, 10.0, np.nan]
    icons = assurance_icons(signs, targets, [10.0] * 8, [20.0] * 8)
    assert icons.tolist() == [
        "consistently_passes",
        "consistently_fails",
        "hit_or_miss",
        "consistently_fails",
        "consistently_passes",
        "hit_or_miss",
        None,
        None,
    ]


def test_assurance_needs_limits():
    assert assurance_icons([1], [5.0], [np.nan], [np.nan]).tolist() == [None]


def test_direction_signs_from_a_mapping_and_a_single_direction():
    metrics = pd.Series(["robbery", "arrests", "robbery", "calls"])
    mapping = {"robbery": "decrease", "arrests": "increase", "calls": "neutral", "other": "up"}
    assert direction_signs(metrics, mapping).tolist() == [-1, 1, -1, 0]
    assert direction_signs(metrics, "increase").tolist() == [1, 1, 1, 1]


def test_direction_errors_name_the_metric_and_value():
    metrics = pd.Series(["robbery", "arrests"])
    with pytest.raises(ParamsError, match="'arrests'"):
        direction_signs(metrics, {"robbery": "decrease"})
    with pytest.raises(ParamsError, match="'up'"):
        direction_signs(metrics, {"robbery": "decrease", "arrests": "up"})
    with pytest.raises(ParamsError, match="'higher'"):
        direction_signs(metrics, "higher")
