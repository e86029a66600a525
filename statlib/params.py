"""Parameters: `params/<domain>.yaml` and a run's own settings, as typed frozen objects.

Parameters flow one way: YAML -> these objects (which reject unknown keys, bad directions
and bad periods before anything runs) -> papermill -> the notebook. Dates in YAML stay
strings until `statlib.periods` parses them.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Literal

import yaml
from pydantic import Field, ValidationError, field_validator, model_validator

from statlib.boundaries import BoundaryChange, in_force, inside_data
from statlib.errors import ParamsError
from statlib.messages import LANGS
from statlib.metrics import (
    MEASURE_TRAITS,
    Accumulation,
    Frozen,
    Label,
    Measure,
    MeasureTraits,
    MetricSpec,
    Reported,
    TargetSpec,
    Topic,
)
from statlib.periods import Freq, Period, parse_period, period_containing
from statlib.periods.coverage import PublishedCalendar

__all__ = [
    "MEASURE_TRAITS",
    "Accumulation",
    "DomainParams",
    "Label",
    "Measure",
    "MeasureTraits",
    "MetricSpec",
    "PeerGroupSpec",
    "RegisterSpec",
    "Reported",
    "RunParams",
    "SectionSpec",
    "SubmissionSpec",
    "TargetSpec",
    "UnitsSpec",
    "load_domain",
    "run_params",
]
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


class UnitsSpec(Frozen):
    """The reporting units of a domain and the map layer that draws them."""

    kind: str  # e.g. "precinct"
    label: Label  # one unit: "Precinct"
    plural: Label  # several: "precincts"
    boundaries: str | None = None  # path under data/, e.g. "nypd/precincts.geojson"
    # unit key -> name, where the key is not a name itself (districts; the parent unit)
    names: dict[str, Label] = {}
    # Redraws of the units (statlib.boundaries): `boundaries` holds before the first one;
    # `boundaries_label` names those boundaries on the page ("as drawn until July 2023").
    changes: tuple[BoundaryChange, ...] = ()
    boundaries_label: Label | None = None

    _inside = field_validator("boundaries")(inside_data)

    def boundaries_on(self, day: date) -> str | None:
        """The boundary file in force on `day` (the latest redraw's, if it names one)."""
        change = in_force(self.changes, day)
        return change.boundaries if change and change.boundaries else self.boundaries


class PeerGroupSpec(Frozen):
    """Units ranked against each other (the cities of a province): their keys and names."""

    label: Label  # "cities of the province"
    units: tuple[str, ...] = Field(min_length=2)  # unit keys; the domain's own is "citywide"
    names: dict[str, Label] = {}  # unit key -> name, where the key is not a name itself


# What a submission column holds (statlib.ingest.submissions): the reporting unit's name,
# the indicator's name, its cumulative (or end-of-period) level, the single month's level,
# the year-on-year growth in percent, the rank among peers, the unit of measure, the period
# label, or nothing statlib reads (remarks, row numbers).
SubmissionField = Literal[
    "unit", "metric", "value", "month_value", "growth", "rank", "measure_unit", "period", "ignore"
]


class SubmissionKind(Frozen):
    """One kind of table a domain receives (the districts' workbook, the province's ranking).

    Each kind and period is one snapshot: a resubmission replaces the earlier one whole.
    """

    label: Label
    files: str = "*"  # file-name pattern (glob) that tells this kind in a submissions folder
    total: str | None = None  # unit key of the table's total: no other unit may exceed it


class SubmissionSpec(Frozen):
    """How department submissions of this domain are read (statlib.ingest.submissions).

    `headers` maps a column header as departments write it (in any language; its unit in
    brackets and a leading period such as "1-8月" left out) to the field it holds; `units`
    maps unit names as written to unit keys (a unit key stands for itself).
    """

    headers: dict[str, SubmissionField] = {}
    units: dict[str, str] = {}
    kinds: dict[str, SubmissionKind] = Field(min_length=1)
    lang: Literal["en", "zh"] = "en"  # the submitters' language, for error messages


class SectionSpec(Frozen):
    """One section of the page: its name in statlib.report.registry and its options."""

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    options: dict[str, str | int | float | bool | tuple[str, ...]] = {}  # a tuple: metric keys


def _section_entries(value: object) -> object:
    """`summary` or `{map: {metric: x}}` in YAML -> SectionSpec fields."""
    if not isinstance(value, list | tuple):
        return value
    entries = []
    for item in value:
        if isinstance(item, str):
            entries.append({"name": item})
        elif isinstance(item, dict) and len(item) == 1:
            name, options = next(iter(item.items()))
            entries.append({"name": name, "options": options or {}})
        else:
            entries.append(item)
    return entries


class RegisterSpec(Frozen):
    """A register of performance measures: its measures come from its data, not from here.

    The source's catalogue (statlib.sources) names each agency's measures, directions and
    critical flags; the register stage judges them (statlib.registers).
    """

    worsening_years: int = Field(3, ge=2, le=10)  # the run of worse years that is a trend
    # measure types that count as critical where the register flags none ("Outcome")
    critical_types: tuple[str, ...] = ()
    critical: Label  # what "critical" means on this register, said on the page
    topics: dict[str, Topic] = {}  # agency (unit key) -> its topic, where not the domain's


class SpcSpec(Frozen):
    """SPC options a domain may change (see statlib.spc.SpcSettings for their meaning)."""

    shift_length: int = Field(7, ge=6, le=8)
    trend_length: int = Field(7, ge=6, le=8)
    two_sigma_mode: Literal["mdc2023", "legacy"] = "mdc2023"
    screen_moving_ranges: bool = False


class DomainParams(Frozen):
    """Everything a review domain declares in params/<domain>.yaml."""

    domain: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: Label
    frequency: Freq
    week_end: Literal["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"] = "SUN"
    # Weeks labelled up to and including a label ended on another day: {"2025-W28": SAT}.
    # Comparison windows match published days with it (statlib.periods.coverage).
    earlier_week_ends: dict[str, Literal["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"]] = {}
    source: str  # the ingest source key, e.g. "nypd_compstat"
    # Days after a period's last day until its data are complete: `statlib run --due`
    # reviews it from the day after (statlib.schedule).
    publication_lag_days: int = Field(0, ge=0, le=366)
    units: UnitsSpec
    forecast_horizon: int = Field(4, ge=1, le=52)
    top_n: int = Field(10, ge=1, le=50)  # rows in "largest significant rises"
    spc: SpcSpec = SpcSpec()
    # The first cumulative release of a year: 2 where there is no January release (Jan-Feb).
    first_release_month: int = Field(1, ge=1, le=12)
    peer_groups: dict[str, PeerGroupSpec] = {}
    submission: SubmissionSpec | None = None
    owner: Label | None = None  # the office that owns the data, named on the page
    # The page: sections of statlib.report.registry in order, each a name or {name: options}.
    sections: tuple[SectionSpec, ...] = Field(
        tuple(SectionSpec(name=name) for name in COMPSTAT_SECTIONS), min_length=1
    )
    measure_register: RegisterSpec | None = None  # its measures are declared by its data
    metrics: tuple[MetricSpec, ...] = ()
    topic: Topic | None = None  # the GMAP topic of its metrics that name none (statlib.overview)
    # "domains": an overview, whose input is the other domains' results, not observations
    reads: Literal["observations", "domains"] = "observations"

    @model_validator(mode="after")
    def _declares_measures(self) -> DomainParams:
        if not self.metrics and self.measure_register is None and self.reads != "domains":
            raise ValueError(
                "a domain declares metrics, is a register (`measure_register:`), or reads the "
                "other domains' results (`reads: domains`)"
            )
        return self

    def topic_of(self, metric: str, unit: str) -> str | None:
        """The GMAP topic of a metric (its own, else the domain's); a register's by agency."""
        if self.measure_register is not None:
            return self.measure_register.topics.get(unit, self.topic)
        return self.metric(metric).topic or self.topic

    @property
    def calendar(self) -> PublishedCalendar:
        """How the domain's period labels map to published days (comparison windows)."""
        return PublishedCalendar(self.week_end, tuple(sorted(self.earlier_week_ends.items())))

    def review_period(self, label: str) -> Period:
        """`label` as a period of this domain, refused when of another frequency.

        Raises:
            PeriodError: `label` is not a period label.
            ParamsError: the domain is reviewed at another frequency: its data cannot fill
                that period's page (weeks do not add up to months).
        """
        period = parse_period(label, week_end=self.week_end)
        if period.freq != self.frequency:
            example = period_containing(period.end, self.frequency, week_end=self.week_end)
            raise ParamsError(
                f"domain {self.domain!r} is reviewed every {self.frequency}, and {label!r} is "
                f"a {period.freq}: its data cannot fill a {period.freq}'s page. Give a "
                f"{self.frequency} label, e.g. {example.label} (the one holding "
                f"{period.end.isoformat()})"
            )
        return period

    @model_validator(mode="after")
    def _earlier_week_labels(self) -> DomainParams:
        for label in self.earlier_week_ends:
            if self.frequency not in ("week", "fortnight") or not re.fullmatch(
                r"\d{4}-[WF]\d{2}", label
            ):
                raise ValueError(
                    f"earlier_week_ends key {label!r} must be a week or fortnight label of "
                    f"a weekly or fortnightly domain, e.g. 2025-W28"
                )
        return self

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
    def _category_tree(self) -> DomainParams:
        parents = {m.key: m.part_of for m in self.metrics if m.part_of}
        unknown = sorted(f"{k}: {v}" for k, v in parents.items() if v not in self.directions)
        if unknown:
            raise ValueError(f"part_of names an undeclared metric: {', '.join(unknown)}")
        for key in parents:
            seen = {key}
            while (key := parents.get(key)) is not None:
                if key in seen:
                    raise ValueError(f"part_of makes a cycle through {key!r}")
                seen.add(key)
        return self

    _sections = field_validator("sections", mode="before")(_section_entries)

    @model_validator(mode="after")
    def _unique_sections(self) -> DomainParams:
        names = [section.name for section in self.sections]
        repeated = sorted({name for name in names if names.count(name) > 1})
        if repeated:
            raise ValueError(f"sections are listed once each; repeated: {', '.join(repeated)}")
        return self

    def section(self, name: str) -> SectionSpec:
        """The page section `name` as declared."""
        for spec in self.sections:
            if spec.name == name:
                return spec
        raise ParamsError(f"section {name!r} is not listed in params/{self.domain}.yaml")

    def metric(self, key: str) -> MetricSpec:
        """The spec of metric `key`."""
        for spec in self.metrics:
            if spec.key == key:
                return spec
        raise ParamsError(f"metric {key!r} is not declared in params/{self.domain}.yaml")

    def metrics_where(self, trait: str, *, accumulation: str | None = None) -> set[str]:
        """Keys of the metrics whose measure has `trait` (a MeasureTraits field).

        `accumulation` narrows them to metrics that accumulate that way ("period", "ytd").
        """
        return {
            m.key
            for m in self.metrics
            if getattr(m.traits, trait) and accumulation in (None, m.accumulation)
        }

    @property
    def directions(self) -> dict[str, str]:
        """Metric key -> improvement direction, as statlib.spc and anomalies take it."""
        return {m.key: m.direction for m in self.metrics}


class RunParams(Frozen):
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
