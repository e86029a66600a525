"""Unit boundaries over time: which map is in force on a day, and the redraws a span crosses.

Police districts and council districts are redrawn (Baltimore's nine police districts on
9 July 2023). A unit's history is not comparable across a redraw: the same key covers
another area. A domain declares its redraws in params (`units.changes`); a page names the
boundaries its period uses and says so when its comparisons reach across a redraw. Pure:
dates in, declarations out; the words are chosen when the page is drawn.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pydantic import field_validator

from statlib.errors import PeriodError
from statlib.metrics import Frozen, Label
from statlib.periods.windows import parse_date


def inside_data(value: str | None) -> str | None:
    """A boundary path as given, or ValueError unless it is relative and under data/."""
    # A params file must not make a run read files outside the project's data.
    if value is not None and (Path(value).is_absolute() or ".." in Path(value).parts):
        raise ValueError(f"boundaries {value!r} must be a relative path under data/, without '..'")
    return value


class BoundaryChange(Frozen):
    """A redraw of the units, in force from the day `since` (ISO, e.g. "2023-07-09")."""

    since: str  # not `on`, which YAML reads as true
    label: Label  # what changed: "the 2023 redistricting of the nine police districts"
    boundaries: str | None = None  # the new boundaries, a path under data/

    _inside = field_validator("boundaries")(inside_data)

    @field_validator("since")
    @classmethod
    def _a_day(cls, value: str) -> str:
        try:
            parse_date(value)
        except PeriodError as error:  # as ValueError, so that pydantic names the field
            raise ValueError(str(error)) from error
        return value

    @property
    def day(self) -> date:
        """The first day of the new boundaries."""
        return parse_date(self.since)


def in_force(changes: tuple[BoundaryChange, ...], day: date) -> BoundaryChange | None:
    """The latest redraw on or before `day`; None: the original boundaries still hold."""
    done = [change for change in changes if change.day <= day]
    return max(done, key=lambda change: change.day) if done else None


def crossed(changes: tuple[BoundaryChange, ...], first: date, last: date) -> list[BoundaryChange]:
    """The redraws inside a span of days (after `first`, up to `last`), in date order.

    A redraw on `first` is not crossed: every day of the span has the new boundaries.
    """
    inside = [change for change in changes if first < change.day <= last]
    return sorted(inside, key=lambda change: change.day)
