"""Period labels of statistical reports: cumulative spans from January, as bureaus write them.

Chinese statistical releases name a cumulative period by its months or by its quarters:
``1-8月`` (January to August), ``2020年1-8月份``, ``一季度`` (Jan-Mar), ``上半年`` (Jan-Jun),
``前三季度`` (Jan-Sep), ``全年`` (the year), or a single month ``8月``; English reports write
``Jan-Aug 2020``. Each is read into a `ReportSpan` whose month label (``2020-08``) is the
label of its last month, the key statlib stores a cumulative value under. The year may be
left out (a header "1-8月累计" inside a workbook whose title gives the year).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from statlib.errors import PeriodError

ACCEPTED_SPANS = (
    "accepted forms: 1-8月, 2020年1-8月, 8月, 一季度, 上半年, 前三季度, 全年, "
    "Jan-Aug 2020, Aug 2020"
)
# Quarter and half-year names -> the last month of the span they end (from January).
_NAMED_SPANS: dict[str, int] = {
    "前三季度": 9,
    "一至三季度": 9,
    "1-3季度": 9,
    "第一季度": 3,
    "一季度": 3,
    "上半年": 6,
    "全年": 12,
}
_DASH = r"\s*[-－–—~～至到]\s*"
_YEAR = r"(?:(?P<year>\d{4})\s*年)?\s*"
_MONTHS_ZH = re.compile(_YEAR + r"(?:(?P<first>\d{1,2})" + _DASH + r")?(?P<last>\d{1,2})\s*月份?")
_NAMED_ZH = re.compile(_YEAR + "(?P<name>" + "|".join(map(re.escape, _NAMED_SPANS)) + ")")
_MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_EN = (
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
)
_MONTHS_EN = re.compile(
    rf"(?P<first>{_MONTH_EN})(?:{_DASH}(?P<last>{_MONTH_EN}))?\s*,?\s*(?P<year>\d{{4}})?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ReportSpan:
    """Months `first` .. `last` of `year` (None when the label gives no year)."""

    year: int | None
    first: int
    last: int

    @property
    def cumulative(self) -> bool:
        """The span runs from January: a year-to-date period."""
        return self.first == 1

    def label(self, year: int | None = None) -> str:
        """The month label of the span's last month, e.g. "2020-08" for 2020年1-8月."""
        chosen = self.year if self.year is not None else year
        if chosen is None:
            raise PeriodError(f"the period {self.text()} names no year")
        return f"{chosen:04d}-{self.last:02d}"

    def text(self) -> str:
        """The span in the Chinese form, for messages: 2020年1-8月, 1-8月, 8月."""
        months = f"{self.first}-{self.last}月" if self.first != self.last else f"{self.last}月"
        return f"{self.year}年{months}" if self.year is not None else months


def find_span(text: str) -> ReportSpan | None:
    """The first statistical period written in `text` (a title, a header), or None.

    Raises:
        PeriodError: a period is written but is not one (month 13, or 3-8月: a span that
            does not start in January).
    """
    found = [
        match
        for pattern in (_NAMED_ZH, _MONTHS_ZH, _MONTHS_EN)
        for match in [pattern.search(text)]
        if match is not None
    ]
    if not found:
        return None
    match = min(found, key=lambda m: m.start())
    year = int(match["year"]) if match["year"] else None
    if match.re is _NAMED_ZH:
        return ReportSpan(year, 1, _NAMED_SPANS[match["name"]])
    if match.re is _MONTHS_ZH:
        first, last = int(match["first"] or match["last"]), int(match["last"])
    else:
        first = _MONTH_NAMES.index(match["first"][:3].lower()) + 1
        last = _MONTH_NAMES.index(match["last"][:3].lower()) + 1 if match["last"] else first
    if not (1 <= last <= 12 and 1 <= first <= 12):
        raise PeriodError(f"{match.group(0).strip()!r} names no month; {ACCEPTED_SPANS}")
    if first != last and first != 1:
        raise PeriodError(
            f"{match.group(0).strip()!r} does not start in January: statistical periods are "
            f"cumulative from January; {ACCEPTED_SPANS}"
        )
    return ReportSpan(year, first, last)


def parse_span(text: str) -> ReportSpan:
    """`text` as a statistical period; PeriodError when it holds none."""
    span = find_span(text)
    if span is None:
        raise PeriodError(f"{text!r} is not a statistical period; {ACCEPTED_SPANS}")
    return span


def without_span(text: str) -> str:
    """`text` with its first statistical period taken out: "1-8月累计" -> "累计"."""
    for pattern in (_NAMED_ZH, _MONTHS_ZH, _MONTHS_EN):
        match = pattern.search(text)
        if match is not None and match.group(0).strip():
            return text[: match.start()] + text[match.end() :]
    return text
