"""statlib.overview on hand-made results: which series and measures are exceptions, by topic."""

from __future__ import annotations

import pandas as pd
import pytest

from statlib import schema as S
from statlib.errors import ParamsError
from statlib.overview import DomainResults, domain_counts, exceptions, signals
from statlib.params import DomainParams, load_domain

UNITS = {"kind": "district", "label": {"en": "D", "zh": "区"}, "plural": {"en": "Ds", "zh": "区"}}


def _params(**extra: object) -> DomainParams:
    metrics = [
        {"key": "backlog", "label": {"en": "Backlog", "zh": "积压"}, "direction": "decrease"},
        {"key": "crashes", "label": {"en": "Crashes", "zh": "事故"}, "topic": "transportation"},
    ]
    fields = {"domain": "d", "title": {"en": "D", "zh": "D"}, "frequency": "week"}
    return DomainParams.model_validate(
        {**fields, "source": "x", "units": UNITS, "metrics": metrics, **extra}
    )


def _summary(rows: list[tuple[str, str, str, str | None]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=[S.METRIC, S.UNIT, S.VARIATION_ICON, S.ASSURANCE_ICON])
    return frame.reindex(columns=list(S.RESULT_TABLES["spc_summary"]))


def _flags(rows: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=[S.METRIC, S.UNIT, S.FLAG_DIRECTION, S.SEVERITY])
    return frame.reindex(columns=list(S.RESULT_TABLES["flags"]))


def test_a_series_is_an_exception_by_icon_or_by_a_high_or_medium_concern_flag():
    summary = _summary(
        [
            ("backlog", "1", "concern_high", None),  # variation icon of concern
            ("backlog", "2", "common_cause", "consistently_fails"),  # assurance fails
            ("backlog", "3", "improvement_low", "consistently_passes"),  # fine
            ("backlog", "4", "common_cause", None),  # flagged below
            ("backlog", "5", "common_cause", None),  # a low flag only: not listed
        ]
    )
    flags = _flags([("backlog", "4", "concern", "medium"), ("backlog", "5", "concern", "low")])
    found = signals(DomainResults(_params(), "2026-W01", {"spc_summary": summary, "flags": flags}))
    assert sorted(found[S.UNIT]) == ["1", "2", "4"]
    row = found.set_index(S.UNIT).loc["4"]
    assert (row[S.SEVERITY], row[S.VARIATION_ICON]) == ("medium", "common_cause")
    assert pd.isna(found.set_index(S.UNIT).loc["1", S.SEVERITY])


def test_nothing_read_gives_empty_tables_with_their_columns():
    read = [DomainResults(_params(), None)]
    items = exceptions(read, "overview", "2026-01")
    assert items.empty and list(items.columns) == list(S.OVERVIEW_ITEM_COLUMNS)
    counts = domain_counts(read, items, "overview", "2026-01")
    assert counts[[S.SIGNALS, S.CRITICAL_MISSED]].values.tolist() == [[0, 0]]


def test_topics_come_from_the_metric_else_the_domain_and_a_register_by_agency():
    summary = _summary(
        [("backlog", "1", "concern_high", None), ("crashes", "1", "concern_low", None)]
    )
    metrics = DomainResults(
        _params(topic="government_efficiency"), "2026-W01", {"spc_summary": summary}
    )
    register = _params(
        domain="r",
        metrics=[],
        measure_register={"critical": {"en": "c", "zh": "c"}, "topics": {"police": "safety"}},
        topic="economy",
    )
    measures = pd.DataFrame(
        {
            S.METRIC: ["m1", "m2", "m3"],
            S.UNIT: ["police", "finance", "finance"],
            S.CRITICAL: [True, True, False],
            S.TARGET_STATUS: ["missed", "missed", "missed"],
            S.VALUE: [1.0, 2.0, 3.0],
            S.TARGET: [2.0, 3.0, 4.0],
        }
    ).reindex(columns=list(S.RESULT_TABLES["register_measures"]))
    registered = DomainResults(register, "FY2025", {"register_measures": measures})
    items = exceptions([metrics, registered], "overview", "2026-01")
    topics = dict(zip(items[S.METRIC], items[S.TOPIC], strict=True))
    assert topics == {
        "backlog": "government_efficiency",
        "crashes": "transportation",
        "m1": "safety",
        "m2": "economy",
    }
    counts = domain_counts([metrics, registered], items, "overview", "2026-01")
    assert counts[[S.SIGNALS, S.CRITICAL_MISSED]].values.tolist() == [[2, 0], [0, 2]]


def test_an_unknown_topic_fails_fast_naming_the_known_ones(tmp_path):
    path = tmp_path / "d.yaml"
    path.write_text(
        "domain: d\ntitle: {en: D, zh: D}\nfrequency: week\nsource: x\ntopic: sport\n"
        "units: {kind: d, label: {en: D, zh: D}, plural: {en: D, zh: D}}\n"
        "metrics: [{key: a, label: {en: A, zh: A}}]\n"
    )
    with pytest.raises(ParamsError, match=r"topic.*'economy'.*'environment'"):
        load_domain(path)
