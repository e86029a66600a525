"""The registry of page sections: the names a domain's params may list, and their options.

A section is a small function `(ReviewData, options) -> Html` (or an ipyleaflet map);
`params/<domain>.yaml` lists the names in page order, each optionally with options
(`- map: {metric: open_backlog}`). Adding a section is one function and one entry here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from statlib.errors import ParamsError
from statlib.params import DomainParams, SectionSpec
from statlib.report import (
    compstat,
    headline,
    indicator_map,
    indicator_sections,
    indicator_tables,
    overview_sections,
    proportion_sections,
    provenance,
    register_sections,
    units,
    year_end,
)

if TYPE_CHECKING:
    from statlib.report.review import ReviewData


@dataclass(frozen=True)
class SectionDef:
    """A registered section: how to draw it and the options it understands."""

    draw: Callable[[ReviewData, Mapping[str, object]], Any]
    options: frozenset[str] = frozenset()


SECTIONS: dict[str, SectionDef] = {
    "summary": SectionDef(compstat.summary),
    "headline_sentences": SectionDef(headline.headline, frozenset({"metrics", "window"})),
    "exceptions": SectionDef(compstat.exceptions),
    "actions": SectionDef(compstat.actions),
    "compstat_table": SectionDef(compstat.compstat_table),
    "comparison_windows": SectionDef(compstat.comparison_windows),
    "largest_rises": SectionDef(compstat.largest_rises, frozenset({"window", "top"})),
    "trends": SectionDef(compstat.trends, frozenset({"heading"})),
    "map": SectionDef(compstat.unit_map, frozenset({"metric", "window"})),
    "unit_drilldown": SectionDef(units.units, frozenset({"metric"})),
    "boundaries": SectionDef(units.boundaries),
    "process_behaviour": SectionDef(compstat.process_behaviour),
    "forecasts": SectionDef(compstat.forecasts),
    # An annual level target of an additive metric (a budget): year to date and projection
    "annual_target": SectionDef(year_end.annual_target, frozenset({"metric", "heading"})),
    "data_quality": SectionDef(compstat.data_quality),
    "methods": SectionDef(compstat.methods),
    # Indicator reviews (a bureau's monthly report of cumulative indicators)
    "headlines": SectionDef(indicator_sections.headlines, frozenset({"metric"})),
    "indicator_table": SectionDef(indicator_tables.indicator_table),
    "peer_league": SectionDef(indicator_tables.peer_league, frozenset({"metric"})),
    "districts": SectionDef(indicator_tables.districts),
    "district_map": SectionDef(indicator_map.district_map, frozenset({"metric"})),
    "definitions": SectionDef(indicator_tables.definitions),
    "submissions": SectionDef(provenance.submissions),
    # Rates counted as passes out of tests (statlib.proportions)
    "category_tree": SectionDef(proportion_sections.category_tree),
    "p_charts": SectionDef(proportion_sections.p_charts),
    "funnel": SectionDef(proportion_sections.funnel, frozenset({"metric", "window"})),
    # Registers of performance measures (a city's agencies, judged against their targets)
    "agency_scorecard": SectionDef(register_sections.agency_scorecard),
    "missed_critical": SectionDef(register_sections.missed_critical),
    "worsening_trends": SectionDef(register_sections.worsening_trends),
    # Overviews of the other reviews (GMAP: the city by topic, statlib.overview)
    "overview_summary": SectionDef(overview_sections.overview_summary),
    "topic_exceptions": SectionDef(overview_sections.topic_exceptions),
    "domain_links": SectionDef(overview_sections.domain_links),
}


def check_sections(params: DomainParams) -> None:
    """Fail fast on a section name or option the registry does not know.

    Raises:
        ParamsError: naming the domain, the section and what is known.
    """
    problems = []
    for spec in params.sections:
        known = SECTIONS.get(spec.name)
        if known is None:
            problems.append(f"unknown section {spec.name!r} (known: {', '.join(SECTIONS)})")
            continue
        unknown = sorted(set(spec.options) - known.options)
        if unknown:
            problems.append(
                f"section {spec.name!r} has no option {', '.join(unknown)} "
                f"(it takes: {', '.join(sorted(known.options)) or 'none'})"
            )
        metric = spec.options.get("metric")
        if metric is not None:
            params.metric(str(metric))  # raises ParamsError for an undeclared metric
    if problems:
        raise ParamsError(f"params/{params.domain}.yaml sections: {'; '.join(problems)}")


def draw(data: ReviewData, spec: SectionSpec) -> Any:
    """Draw one section of the page."""
    return SECTIONS[spec.name].draw(data, spec.options)
