"""What a metric declares: its measure, accumulation, reported numbers and target.

The measure says what the statistics may do with it (MEASURE_TRAITS). Part of the
parameters (statlib.params re-exports every name): typed, frozen objects that reject
unknown keys.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from statlib.schema import DIRECTIONS

# "stock": a count at the period's end (an open backlog): never summed over periods.
# "amount", "energy", "volume": additive quantities in the display unit the metric names
# (`unit_label`, e.g. 100 million yuan, 100 million kWh, 100 million m3).
Measure = Literal[
    "count", "stock", "rate", "percent", "money", "amount", "energy", "volume", "duration", "index"
]


class MeasureTraits(NamedTuple):
    """What a measure allows the statistics to do with it."""

    additive: bool  # sums over periods (a 28-day or year-to-date window is a sum)
    nonnegative: bool  # never below zero (forecasts are clipped there)
    poisson: bool  # a count at a moment or in a period: judged by the Poisson z
    events: bool  # a count of events in the period (rare-event rules, follow-up z)
    ratio: bool  # numerator / denominator: windows are ratios of sums


MEASURE_TRAITS: dict[str, MeasureTraits] = {
    "count": MeasureTraits(True, True, True, True, False),
    # The number in an M/G/inf queue at a moment is Poisson; never summed over periods.
    "stock": MeasureTraits(False, True, True, False, False),
    "rate": MeasureTraits(False, False, False, False, True),
    "percent": MeasureTraits(False, False, False, False, False),
    "money": MeasureTraits(True, True, False, False, False),
    "amount": MeasureTraits(True, True, False, False, False),
    "energy": MeasureTraits(True, True, False, False, False),
    "volume": MeasureTraits(True, True, False, False, False),
    "duration": MeasureTraits(False, True, False, False, False),
    "index": MeasureTraits(False, False, False, False, False),
}
# "ytd": the department reports the value cumulated from the start of the year (Jan-Aug).
Accumulation = Literal["period", "ytd"]
# The topics a GMAP-style overview reviews the city by, across agencies (Washington
# State's GMAP: economic growth, government efficiency, health, safety, transportation; the
# seed adds the environment: air quality, drinking water). statlib.overview groups by them.
Topic = Literal[
    "economy", "government_efficiency", "safety", "health", "transportation", "environment"
]
TOPICS: tuple[str, ...] = Topic.__args__
# Which numbers a department reports: a level, a year-on-year growth rate (percent), or both.
# A reported growth is never recomputed from levels (bureaus report growth at comparable
# prices, which differs from the ratio of the current-price levels).
Reported = Literal["value", "growth"]


class Frozen(BaseModel):
    """A parameter object: immutable, and unknown keys are errors."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Label(Frozen):
    """A user-facing name in every supported language."""

    en: str
    zh: str

    def __call__(self, lang: str) -> str:
        """The label in `lang`."""
        return getattr(self, lang)


class TargetSpec(Frozen):
    """A target: a level or a growth rate, for each period, a year, or by a deadline.

    `basis: growth` targets are percent on the same period last year ("+9%" is 9.0);
    `per: year` applies to the full year (for a cumulative metric, its December value);
    `per: deadline` must be met by the period `by`. A `per: year` level target of an
    additive metric is a budget for the year's total (statlib.stages, the year_end stage).
    """

    value: float
    basis: Literal["level", "growth"] = "level"
    per: Literal["period", "year", "deadline"] = "period"
    year: int | None = None  # the year it applies to; None: every year
    by: str | None = None  # period label of the deadline (per: deadline only)
    # The unit a year's target is for ("citywide": the city's budget); None: every unit.
    unit: str | None = None

    @model_validator(mode="after")
    def _deadline_has_period(self) -> TargetSpec:
        if (self.per == "deadline") != (self.by is not None):
            raise ValueError("`by` is set exactly when `per` is deadline")
        if self.unit is not None and self.per != "year":
            raise ValueError("`unit` is set only on a `per: year` target")
        return self


class MetricSpec(Frozen):
    """One metric of a domain: what it measures, how it accumulates, how it is judged."""

    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: Label
    measure: Measure = "count"
    unit_label: Label | None = None  # the display unit: "100 million yuan" / 亿元
    denominator: Label | None = None  # rates and shares: what they are a share of
    accumulation: Accumulation = "period"
    reported: tuple[Reported, ...] = Field(("value",), min_length=1)
    direction: str = "neutral"
    major: bool = False  # shown in the trend charts and the headline table
    # A bare number is a per-period target in the metric's own measure (0.9 = 90% on time).
    target: float | TargetSpec | None = None
    benchmark: str | None = None  # unit key whose growth is the benchmark ("province")
    share_of: str | None = None  # unit key of the parent the share is of ("province")
    peers: str | None = None  # key of the peer group (params `peer_groups`) it is ranked in
    definition: Label | None = None  # what it counts, shown on the page
    aliases: tuple[str, ...] = ()  # its names in department submissions (规模以上工业增加值)
    # Key of the metric whose counts this one's add up into (a category tree: vegetables
    # sampled in risk monitoring are part of risk monitoring); its numerator and denominator
    # are summed into the parent's (statlib.ingest.inspections).
    part_of: str | None = None
    topic: Topic | None = None  # its GMAP topic; None: the domain's (params `topic:`)

    @property
    def target_spec(self) -> TargetSpec | None:
        """The target as a TargetSpec (a bare number is a per-period level target)."""
        if self.target is None or isinstance(self.target, TargetSpec):
            return self.target
        return TargetSpec(value=float(self.target))

    @property
    def period_target(self) -> float | None:
        """The per-period level target, where the metric has one."""
        spec = self.target_spec
        if spec is None or spec.per != "period" or spec.basis != "level":
            return None
        return spec.value

    @property
    def annual_total_target(self) -> TargetSpec | None:
        """The year's level target of an additive metric (a budget for its total), if any."""
        spec = self.target_spec
        if spec is None or spec.per != "year" or spec.basis != "level":
            return None
        return spec if self.traits.additive else None

    @property
    def traits(self) -> MeasureTraits:
        """What its measure allows (statlib.params.MEASURE_TRAITS)."""
        return MEASURE_TRAITS[self.measure]

    @property
    def reports_growth(self) -> bool:
        """The department reports this metric's year-on-year growth."""
        return "growth" in self.reported

    @property
    def reports_value(self) -> bool:
        """The department reports this metric's level."""
        return "value" in self.reported

    @field_validator("direction")
    @classmethod
    def _known_direction(cls, value: str) -> str:
        if value not in DIRECTIONS:
            raise ValueError(f"direction {value!r} must be one of {', '.join(DIRECTIONS)}")
        return value
