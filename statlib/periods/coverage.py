"""Which days a published value covers, and which values cover a window of days.

CompStat compares a window of days (a week, 28 days, the year to date) with the same
month-days one year earlier. A source publishes values over its own spans of days, and
those spans need not line up with the review's periods: NYPD's weeks ended on Saturday
until July 2025 and on Sunday since, and for five weeks of the switch it published both.
A window is therefore filled with the published values whose days match it best:

* A *row* of the KPI frame is labelled by its period ("2026-W33") or, for an extra cut of
  the same days published another way, by its days ("2025-08-10..2025-08-16", see
  `cut_label`). `PublishedCalendar.days` gives the first and last day of either.
* `cover` chooses, among the spans available, a chain (each span starting after the one
  before) that matches the window exactly where one exists, and otherwise the one with
  the fewest days wrong: days of the window left out plus days outside it (or counted
  twice) taken in. A chain is accepted only when each of its ends and each junction
  between two spans is off by at most `MAX_JUNCTION_DAYS` days: any day lies within
  three days of a week boundary, so weekly data can always get that close, while a
  missing week never passes as an approximation.

Days are calendar days here (29 February counts where a span holds it): published
values cannot leave a day out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from statlib.errors import PeriodError
from statlib.periods.period import DEFAULT_WEEK_END, WEEKDAYS, parse_period

MAX_JUNCTION_DAYS = 3  # half a week: the nearest week boundary is never further away
_CUT = re.compile(r"(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})")


def cut_label(first: date, last: date) -> str:
    """The label of a value published over the days `first` .. `last` (inclusive)."""
    if last < first:
        raise PeriodError(f"a published span cannot end ({last}) before it starts ({first})")
    return f"{first.isoformat()}..{last.isoformat()}"


def is_cut_label(label: str) -> bool:
    """Whether `label` names a span of days (a cut) rather than a period."""
    return bool(_CUT.fullmatch(label))


@dataclass(frozen=True)
class PublishedCalendar:
    """How a source's period labels map to days.

    Attributes:
        week_end: The week-end day of the domain's weeks now ("MON".."SUN").
        earlier_week_ends: (last label, week end) pairs in ascending label order: weeks
            labelled up to and including that label ended on that day. NYPD:
            (("2025-W28", "SAT"),).
        fiscal_year_start_month: First month of a fiscal year.
    """

    week_end: str = DEFAULT_WEEK_END
    earlier_week_ends: tuple[tuple[str, str], ...] = field(default=())
    fiscal_year_start_month: int = 7

    def __post_init__(self) -> None:
        for label, day in self.earlier_week_ends:
            if day not in WEEKDAYS:
                raise PeriodError(f"week end {day!r} of weeks up to {label} is not a weekday")
        labels = [label for label, _ in self.earlier_week_ends]
        if labels != sorted(labels):
            raise PeriodError(f"earlier week ends must be in label order, not {labels}")

    def week_end_of(self, label: str) -> str:
        """The week-end day of the week (or fortnight) labelled `label`."""
        for last, day in self.earlier_week_ends:
            if label <= last:
                return day
        return self.week_end

    def days(self, label: str) -> tuple[date, date]:
        """First and last day covered by a row labelled `label` (a period or a cut)."""
        match = _CUT.fullmatch(label)
        if match:
            return date.fromisoformat(match[1]), date.fromisoformat(match[2])
        period = parse_period(
            label,
            week_end=self.week_end_of(label),
            fiscal_year_start_month=self.fiscal_year_start_month,
        )
        return period.start, period.end


@dataclass(frozen=True)
class Cover:
    """The published spans chosen for a window of days, and how far they are off.

    Attributes:
        labels: The chosen rows' labels, in order (empty: the window cannot be filled).
        first: First day covered (None when empty).
        last: Last day covered (None when empty).
        missing: Days of the window not covered.
        extra: Days covered outside the window, plus days covered twice.
    """

    labels: tuple[str, ...]
    first: date | None
    last: date | None
    missing: int
    extra: int

    @property
    def exact(self) -> bool:
        """The chosen spans cover the window's days exactly."""
        return bool(self.labels) and self.missing == 0 and self.extra == 0


def _overlap(a: date, b: date, start: date, end: date) -> int:
    """Days shared by a .. b and start .. end."""
    return max(0, (min(b, end) - max(a, start)).days + 1)


def cover(
    start: date, end: date, spans: Mapping[str, tuple[date, date]], *, prefer: Iterable[str] = ()
) -> Cover:
    """The chain of published spans that best covers the days `start` .. `end`.

    Args:
        start: First day of the window.
        end: Last day of the window (inclusive).
        spans: label -> (first day, last day) of every published row available.
        prefer: labels to choose when two chains are equally good (the domain's own
            periods, over extra cuts of the same days).

    Returns:
        The chain with the fewest days wrong (missing + extra); among equals, the one
        using most preferred labels, then the one starting earliest. An empty `Cover`
        (missing = the window's days) when no chain keeps every end and junction within
        `MAX_JUNCTION_DAYS`.
    """
    window_days = (end - start).days + 1
    preferred = set(prefer)
    near = sorted(
        (first, last, label)
        for label, (first, last) in spans.items()
        if _overlap(first, last, start, end) > 0
    )
    # best[j]: (cost, -preferred count, previous index) of the best chain ending with span j
    # cost = days taken in (sum of span lengths) - 2 * window days covered; the chain's
    # mismatch is window_days + cost.
    best: list[tuple[int, int, int] | None] = []
    for j, (first, last, label) in enumerate(near):
        length = (last - first).days + 1
        bonus = -int(label in preferred)
        candidates: list[tuple[int, int, int]] = []
        if abs((first - start).days) <= MAX_JUNCTION_DAYS:
            covered = _overlap(first, last, start, end)
            candidates.append((length - 2 * covered, bonus, -1))
        for i in range(j):
            if best[i] is None:
                continue
            p_first, p_last, _ = near[i]
            if not (p_first < first and p_last < last):
                continue
            if abs((first - p_last).days - 1) > MAX_JUNCTION_DAYS:
                continue
            covered = _overlap(max(first, p_last + timedelta(days=1)), last, start, end)
            cost, pref, _ = best[i]
            candidates.append((cost + length - 2 * covered, pref + bonus, i))
        best.append(min(candidates) if candidates else None)
    ends = [
        (entry[0], entry[1], j)
        for j, entry in enumerate(best)
        if entry is not None and abs((near[j][1] - end).days) <= MAX_JUNCTION_DAYS
    ]
    if not ends:
        return Cover((), None, None, window_days, 0)
    cost, _, j = min(ends)
    chain: list[int] = []
    while j >= 0:
        chain.append(j)
        j = best[j][2]  # type: ignore[index]
    chain.reverse()
    taken = sum((near[k][1] - near[k][0]).days + 1 for k in chain)
    covered = (taken - cost) // 2  # cost = days taken - 2 * window days covered
    return Cover(
        labels=tuple(near[k][2] for k in chain),
        first=near[chain[0]][0],
        last=near[chain[-1]][1],
        missing=window_days - covered,
        extra=taken - covered,
    )


def covers(
    windows: Sequence[tuple[date, date]],
    labels: Iterable[str],
    calendar: PublishedCalendar,
) -> list[Cover]:
    """`cover` of each window over the rows labelled `labels` (periods preferred to cuts)."""
    unique = sorted(set(labels))
    spans = {label: calendar.days(label) for label in unique}
    periods = [label for label in unique if not is_cut_label(label)]
    return [cover(start, end, spans, prefer=periods) for start, end in windows]
