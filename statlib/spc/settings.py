"""The options of the SPC evaluation: one frozen, validated object.

Where Making Data Count (MDC) and NHSRplotthedots (PTD) differ, statlib offers an
option; the defaults follow MDC (see /work/shared/SPC.md). `SpcSettings.describe()`
gives the text the report footnote prints.
"""

from __future__ import annotations

from dataclasses import dataclass

from statlib.errors import ParamsError

# SPC.md: shift and trend runs of 7 by default; MDC and PTD allow 6 to 8.
RUN_LENGTH_DEFAULT = 7
RUN_LENGTH_RANGE = range(6, 9)

# Two-sigma rule modes (SPC.md rule 4).
MDC2023 = "mdc2023"  # points beyond the process limit count too (MDC tools since Nov 2023)
LEGACY = "legacy"  # only points between 2 and 3 sigma count (PTD 0.2.2, MDC SQL v2.5)
TWO_SIGMA_MODES: tuple[str, ...] = (MDC2023, LEGACY)

# Which class wins when a point is flagged both improvement and concern (SPC.md).
PREFER_IMPROVEMENT = "improvement"
PREFER_CONCERN = "concern"
CONFLICT_CHOICES: tuple[str, ...] = (PREFER_IMPROVEMENT, PREFER_CONCERN)

# SPC.md: limits need at least 12 points (fewer: trial limits) and a chart 15 (fewer: run).
MIN_BASELINE_POINTS = 12
MIN_POINTS_DEFAULT = 15
TRIAL_POINTS_DEFAULT = 12


def _require_int(name: str, value: object, minimum: int) -> None:
    # bool is an int subclass; True as a run length is a typo, not a number.
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ParamsError(f"SPC setting {name}={value!r}: must be an integer >= {minimum}")


@dataclass(frozen=True)
class SpcSettings:
    """Options of `statlib.spc.evaluate`, validated on creation.

    Attributes:
        shift_length: Points in a row on one side of the centre line that make a shift (6-8).
        trend_length: Points in a row each strictly higher (or lower) that make a trend (6-8).
        two_sigma_mode: "mdc2023" (points beyond the process limit count towards
            two-of-three) or "legacy" (only points between 2 and 3 sigma count).
        screen_moving_ranges: Drop moving ranges above 3.267 * MRbar and recompute once.
            Off by default, as in MDC.
        baseline_points: If set (>= 12), limits come from the first N usable points of each
            partition and are carried forward unchanged.
        conflict: The class given to a point flagged both improvement and concern:
            "improvement" (default) or "concern".
        min_points: Usable points a series needs for an XmR chart; below it a run chart.
        trial_points: Points a partition needs for its limits not to be trial limits.

    Raises:
        ParamsError: A value outside its allowed range, naming the setting and the value.
    """

    shift_length: int = RUN_LENGTH_DEFAULT
    trend_length: int = RUN_LENGTH_DEFAULT
    two_sigma_mode: str = MDC2023
    screen_moving_ranges: bool = False
    baseline_points: int | None = None
    conflict: str = PREFER_IMPROVEMENT
    min_points: int = MIN_POINTS_DEFAULT
    trial_points: int = TRIAL_POINTS_DEFAULT

    def __post_init__(self) -> None:
        for name in ("shift_length", "trend_length"):
            value = getattr(self, name)
            # 7.0 in range(6, 9) is True in Python, so check the type first.
            if (
                isinstance(value, bool)
                or not isinstance(value, int)
                or value not in RUN_LENGTH_RANGE
            ):
                raise ParamsError(
                    f"SPC setting {name}={value!r}: must be an integer from "
                    f"{RUN_LENGTH_RANGE.start} to {RUN_LENGTH_RANGE.stop - 1}"
                )
        if self.two_sigma_mode not in TWO_SIGMA_MODES:
            raise ParamsError(
                f"SPC setting two_sigma_mode={self.two_sigma_mode!r}: must be one of "
                f"{', '.join(TWO_SIGMA_MODES)}"
            )
        if not isinstance(self.screen_moving_ranges, bool):
            raise ParamsError(
                f"SPC setting screen_moving_ranges={self.screen_moving_ranges!r}: "
                "must be True or False"
            )
        if self.baseline_points is not None:
            _require_int("baseline_points", self.baseline_points, MIN_BASELINE_POINTS)
        if self.conflict not in CONFLICT_CHOICES:
            raise ParamsError(
                f"SPC setting conflict={self.conflict!r}: must be one of "
                f"{', '.join(CONFLICT_CHOICES)}"
            )
        # Limits need two points (one moving range); anything less is not a chart.
        _require_int("min_points", self.min_points, 2)
        _require_int("trial_points", self.trial_points, 2)

    def describe(self) -> str:
        """The settings as one short line, as the compute pass records them (English).

        Returns:
            Text such as "shift 7, trend 7, 2-sigma mdc2023, MR screening off"; a page
            words them in its language (statlib.report.labels.spc_settings_words).
        """
        parts = [
            f"shift {self.shift_length}",
            f"trend {self.trend_length}",
            f"2-sigma {self.two_sigma_mode}",
            f"MR screening {'on' if self.screen_moving_ranges else 'off'}",
        ]
        if self.baseline_points is not None:
            parts.append(f"baseline {self.baseline_points} points")
        if self.conflict != PREFER_IMPROVEMENT:
            parts.append(f"conflicts as {self.conflict}")
        return ", ".join(parts)
