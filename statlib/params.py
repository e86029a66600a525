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
Measure = Literal["count", "stock", "rate", "percent", "money", "duration", "index"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Label(_Frozen):
    """A user-facing name in every supported language."""

    en: str
    zh: str

    def __call__(self, lang: str) -> str:
        """The label in `lang`."""
        return getattr(self, lang)


class MetricSpec(_Frozen):
    """One metric of a domain: its key, names, measure and improvement direction."""

    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: Label
    measure: Measure = "count"
    direction: str = "neutral"
    major: bool = False  # shown in the trend charts and the headline table
    target: float | None = None  # per-period target in the metric's own measure

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
    metrics: tuple[MetricSpec, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_metric_keys(self) -> DomainParams:
        keys = [m.key for m in self.metrics]
        duplicates = sorted({k for k in keys if keys.count(k) > 1})
        if duplicates:
            raise ValueError(f"metric keys must be unique; repeated: {', '.join(duplicates)}")
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


def run_params(domain: str, period: str = "latest", lang: str = "en") -> RunParams:
    """Validate a run's parameters (period syntax is checked when the period is resolved)."""
    try:
        return RunParams(domain=domain, period=period, lang=lang)
    except ValidationError as error:
        raise _explain(error, "run parameters") from error
