"""The section registry (statlib.report.registry): names and options fail fast."""

import pytest

from statlib.catalog import default_catalog
from statlib.errors import ParamsError
from statlib.params import DomainParams, load_domain
from statlib.report.registry import SECTIONS, check_sections


def _with_sections(sections) -> DomainParams:
    raw = load_domain(default_catalog().params_file("public_safety")).model_dump()
    raw["sections"] = sections
    return DomainParams.model_validate(raw)


def test_every_domain_lists_only_registered_sections():
    for path in sorted(default_catalog().params_dir.glob("*.yaml")):
        check_sections(load_domain(path))


def test_a_section_takes_options_in_yaml_form():
    params = _with_sections(["summary", {"map": {"metric": "robbery", "window": "week"}}])
    assert params.section("map").options == {"metric": "robbery", "window": "week"}
    check_sections(params)


@pytest.mark.parametrize(
    ("sections", "words"),
    [
        (["summary", "league_table_typo"], "unknown section 'league_table_typo'"),
        ([{"map": {"colour": "red"}}], "section 'map' has no option colour"),
        ([{"map": {"metric": "arson"}}], "metric 'arson' is not declared"),
    ],
)
def test_unknown_sections_options_and_metrics_are_named(sections, words):
    with pytest.raises(ParamsError, match=words):
        check_sections(_with_sections(sections))


def test_a_section_is_listed_once():
    with pytest.raises(ValueError, match="repeated: summary"):
        _with_sections(["summary", "summary"])


def test_registry_entries_are_documented_functions():
    for name, entry in SECTIONS.items():
        assert entry.draw.__doc__, name
