"""Which periods a scheduled run reviews (statlib.schedule)."""

from datetime import date

import pytest

from statlib.catalog import default_catalog
from statlib.params import load_domain
from statlib.schedule import due_periods, newest_complete


def _params(domain: str, **changes):
    params = load_domain(default_catalog().params_file(domain))
    return params.model_copy(update=changes)


def _labels(result):
    periods, waiting = result
    return [p.label for p in periods], None if waiting is None else waiting.label


def test_a_week_is_due_once_it_ended_and_its_publication_lag_passed():
    weekly = _params("public_safety", publication_lag_days=2)  # weeks end on Sunday
    # the week ends on Sunday 16 August: its data are complete after Tuesday, 2 days later
    assert newest_complete(weekly, date(2026, 8, 18)).label == "2026-W32"
    assert newest_complete(weekly, date(2026, 8, 19)).label == "2026-W33"
    assert (
        newest_complete(_params("public_safety", publication_lag_days=0), date(2026, 8, 17)).label
        == "2026-W33"
    )


def test_missed_periods_are_caught_up_in_order():
    weekly = _params("public_safety", publication_lag_days=2)
    assert _labels(due_periods(weekly, date(2026, 8, 19), "2026-W30", "2026-W33")) == (
        ["2026-W31", "2026-W32", "2026-W33"],
        None,
    )
    assert _labels(due_periods(weekly, date(2026, 8, 19), "2026-W33", "2026-W33")) == ([], None)


def test_a_complete_period_beyond_the_data_waits_and_stops_the_catch_up():
    weekly = _params("public_safety", publication_lag_days=2)
    assert _labels(due_periods(weekly, date(2026, 8, 26), "2026-W31", "2026-W32")) == (
        ["2026-W32"],
        "2026-W33",
    )
    assert _labels(due_periods(weekly, date(2026, 8, 26), None, None)) == ([], "2026-W34")


def test_a_domain_never_reviewed_starts_with_its_newest_complete_period():
    weekly = _params("public_safety", publication_lag_days=2)
    assert _labels(due_periods(weekly, date(2026, 11, 30), None, "2026-W33")) == (
        ["2026-W33"],
        "2026-W34",
    )
    # the data hold a week not complete yet: the newest complete one is reviewed
    assert _labels(due_periods(weekly, date(2026, 8, 17), None, "2026-W33")) == (["2026-W32"], None)


@pytest.mark.parametrize(
    ("today", "expected"),
    [(date(2020, 9, 20), "2020-07"), (date(2020, 9, 21), "2020-08")],
)
def test_monthly_and_fortnightly_lags(today, expected):
    monthly = _params("industrial_economy", publication_lag_days=20)
    assert newest_complete(monthly, today).label == expected
    fortnightly = _params("service_requests", publication_lag_days=1)
    assert newest_complete(fortnightly, date(2026, 8, 10)).freq == "fortnight"
