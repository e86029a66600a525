"""Parameters: `params/<domain>.yaml` and a run's own settings, as typed frozen objects.

Parameters flow one way: YAML -> these objects (which reject unknown keys, bad directions
and bad periods before anything runs) -> papermill -> the notebook. Dates in YAML stay
strings until `statlib.periods` parses them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from statlib.errors import ParamsError
from statlib.messages import LANGS
from statlib.periods import Freq, parse_period
from statlib.schema import DIRECTIONS

# "stock": a count at the period's end (an open backlog): never summed over periods.
# "amount", "energy", "volume": additive quantities in the display unit the metric names
# (`unit_label`, e.g. 100 million yuan, 100 million kWh, 100 million m3).
Measure = Literal[
    "count", "stock", "rate", "percent", "money", "amount", "energy", "volume", "duration", "index"
]
# "ytd": the department reports the value cumulated from the start of the year (Jan-Aug).
Accumulation = Literal["period", "ytd"]
# Which numbers a department reports: a level, a year-on-year growth rate (percent), or both.
# A reported growth is never recomputed from levels (bureaus report growth at comparable
# prices, which differs from the ratio of the current-price levels).
Reported = Literal["value", "growth"]
# The page sections of a CompStat-style review, in order (statlib.report.registry).
COMPSTAT_SECTIONS: tuple[str, ...] = (
    "summary",
    "exceptions",
    "actions",
    "compstat_table",
    "largest_rises",
    "trends",
    "map",
    "process_behaviour",
    "forecasts",
    "data_quality",
    "methods",
)


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Label(_Frozen):
    """A user-facing name in every supported language."""

    en: str
    zh: str

    def __call__(self, lang: str) -> str:
        """The label in `lang`."""
        return getattr(self, lang)


class TargetSpec(_Frozen):
    """A target: a level or a growth rate, for each period, a year, or by a deadline.

    `basis: growth` targets are percent on the same period last year ("+9%" is 9.0);
    `per: year` applies to the full year (for a cumulative metric, its December value);
    `per: deadline` must be met by the period `by`.
    """

    value: float
    basis: Literal["level", "growth"] = "level"
    per: Literal["period", "year", "deadline"] = "period"
    year: int | None = None  # the year it applies to; None: every year
    by: str | None = None  # period label of the deadline (per: deadline only)

    @model_validator(mode="after")
    def _deadline_has_period(self) -> TargetSpec:
        if (self.per == "deadline") != (self.by is not None):
            raise ValueError("`by` is set exactly when `per` is deadline")
        return self


class MetricSpec(_Frozen):
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


class UnitsSpec(_Frozen):
    """The reporting units of a domain and the map layer that draws them."""

    kind: str  # e.g. "precinct"
    label: Label  # one unit: "Precinct"
    plural: Label  # several: "precincts"
    boundaries: str | None = None  # path under data/, e.g. "nypd/precincts.geojson"

    @field_validator("boundaries")
    @classmethod
    def _inside_data(cls, value: str | None) -> str | None:
        # A params file must not make a run read files outside the project's data.
        if value is not None and (Path(value).is_absolute() or ".." in Path(value).parts):
            raise ValueError(
                f"boundaries {value!r} must be a relative path under data/, without '..'"
            )
        return value


class PeerGroupSpec(_Frozen):
    """Units ranked against each other (the cities of a province): their keys and names."""

    label: Label  # "cities of the province"
    units: tuple[str, ...] = Field(min_length=2)  # unit keys; the domain's own is "citywide"
    names: dict[str, Label] = {}  # unit key -> name, where the key is not a name itself


class SubmissionSpec(_Frozen):
    """How department submissions of this domain are read (statlib.ingest.submissions).

    `headers` maps a column header as departments write it (in any language) to a field;
    `units` maps unit names as written to unit keys.
    """

    headers: dict[str, str] = {}
    units: dict[str, str] = {}
    lang: Literal["en", "zh"] = "en"  # the submitters' language, for error messages


class SpcSpec(_Frozen):
    """SPC options a domain may change (see statlib.spc.SpcSettings for their meaning)."""

    shift_length: int = Field(7, ge=6, le=8)
    trend_length: int = Field(7, ge=6, le=8)
    two_sigma_mode: Literal["mdc2023", "legacy"] = "mdc2023"
    screen_moving_ranges: bool = False


class DomainParams(_Frozen):
    """Everything a review domain declares in params/<domain>.yaml."""

    domain: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: Label
    frequency: Freq
    week_end: Literal["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"] = "SUN"
    source: str  # the ingest source key, e.g. "nypd_compstat"
    units: UnitsSpec
    forecast_horizon: int = Field(4, ge=1, le=52)
    top_n: int = Field(10, ge=1, le=50)  # rows in "largest significant rises"
    spc: SpcSpec = SpcSpec()
    # The first cumulative release of a year: 2 where there is no January release (Jan-Feb).
    first_release_month: int = Field(1, ge=1, le=12)
    peer_groups: dict[str, PeerGroupSpec] = {}
    submission: SubmissionSpec | None = None
    owner: Label | None = None  # the office that owns the data, named on the page
    # The page: section names of statlib.report.registry, in order.
    sections: tuple[str, ...] = Field(COMPSTAT_SECTIONS, min_length=1)
    metrics: tuple[MetricSpec, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_metric_keys(self) -> DomainParams:
        keys = [m.key for m in self.metrics]
        duplicates = sorted({k for k in keys if keys.count(k) > 1})
        if duplicates:
            raise ValueError(f"metric keys must be unique; repeated: {', '.join(duplicates)}")
        return self

    @model_validator(mode="after")
    def _declared_peer_groups(self) -> DomainParams:
        unknown = sorted(
            f"{m.key}: {m.peers}"
            for m in self.metrics
            if m.peers and m.peers not in self.peer_groups
        )
        if unknown:
            raise ValueError(f"peer groups not declared in peer_groups: {', '.join(unknown)}")
        return self

    @model_validator(mode="after")
    def _unique_sections(self) -> DomainParams:
        repeated = sorted({s for s in self.sections if self.sections.count(s) > 1})
        if repeated:
            raise ValueError(f"sections are listed once each; repeated: {', '.join(repeated)}")
        return self

    def metric(self, key: str) -> MetricSpec:
        """The spec of metric `key`."""
        for spec in self.metrics:
            if spec.key == key:
                return spec
        raise ParamsError(f"metric {key!r} is not declared in params/{self.domain}.yaml")

    @property
    def directions(self) -> dict[str, str]:
        """Metric key -> improvement direction, as statlib.spc and anomalies take it."""
        return {m.key: m.direction for m in self.metrics}


class RunParams(_Frozen):
    """What one notebook run is about: injected by papermill, defaults for JupyterLab."""

    domain: str
    period: str = "latest"  # a period label, or "latest" = latest period in the warehouse
    lang: str = "en"
    as_of: str = ""  # a load id or ISO date/time: the run that reproduced that state

    @field_validator("lang")
    @classmethod
    def _known_lang(cls, value: str) -> str:
        if value not in LANGS:
            raise ValueError(f"lang {value!r} must be one of {', '.join(LANGS)}")
        return value


def _explain(error: ValidationError, source: str) -> ParamsError:
    problems = "; ".join(
        f"{'.'.join(str(p) for p in e['loc']) or '(top level)'}: {e['msg']}" for e in error.errors()
    )
    return ParamsError(f"{source}: {problems}")


def load_domain(path: Path) -> DomainParams:
    """Read and validate one domain's YAML; the file name must match its `domain` key."""
    if not path.is_file():
        raise ParamsError(f"no parameter file {path}")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ParamsError(f"{path}: not valid YAML: {error}") from error
    if not isinstance(raw, dict):
        raise ParamsError(f"{path}: expected a mapping of settings at the top level")
    try:
        params = DomainParams.model_validate(raw)
    except ValidationError as error:
        raise _explain(error, str(path)) from error
    if params.domain != path.stem:
        raise ParamsError(
            f"{path}: domain {params.domain!r} must match the file name {path.stem!r}"
        )
    if params.frequency == "week":
        parse_period("2026-W01", week_end=params.week_end)  # fails fast on a bad week_end
    return params


def run_params(domain: str, period: str = "latest", lang: str = "en", as_of: str = "") -> RunParams:
    """Validate a run's parameters (period syntax is checked when the period is resolved)."""
    try:
        return RunParams(domain=domain, period=period, lang=lang, as_of=as_of)
    except ValidationError as error:
        raise _explain(error, "run parameters") from error
