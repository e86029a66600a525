"""Sections of the city overview: a paragraph, the exceptions by topic, the reviews read.

Each draws the overview stage's tables (statlib.overview): `overview_items` (the series of
concern and the missed critical measures, each with its topic and review) and
`overview_domains` (each review read, its period and counts). Names come from the params of
the reviews read (ReviewData.read). Every link is relative to the overview's own page
(outputs/<month>/) and points at a review's page, at the unit's card where that page has a
drill-down (statlib.report.units), else at the section that lists the item.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import pandas as pd

from statlib import schema as S
from statlib.maps import unit_anchor
from statlib.messages import text
from statlib.metrics import TOPICS
from statlib.overview import MISSED_CRITICAL, SIGNAL
from statlib.params import DomainParams
from statlib.periods import parse_period
from statlib.report.html import HeaderCell, Html, badge, esc, paragraph, quoted, section, table
from statlib.report.labels import unit_name
from statlib.report.register_sections import value_text
from statlib.report.units import shows_key
from statlib.spc.classify import CONCERN, CONSISTENTLY_FAILS

if TYPE_CHECKING:
    from statlib.report.review import ReviewData

Options = Mapping[str, object]
MAX_UNITS = 8  # unit links in one row; the review's page has them all
MAX_MISSED = 12  # missed critical measures per topic; the registers' pages have them all
DAYS_IN_YEAR = 365
_SEVERITY_RANK = {"high": 0, "medium": 1}
_SEVERITY_WORD = {"high": "severity_3", "medium": "severity_2"}


def _href(params: DomainParams, period: str, anchor: str = "") -> str:
    """A review's page relative to the overview's folder, at `anchor` if given."""
    return f"../{period}/{params.domain}.html" + (f"#{anchor}" if anchor else "")


def _link(label: str, href: str) -> str:
    return f'<a href="{esc(href)}">{esc(label)}</a>'


def _years_before(data: ReviewData, params: DomainParams, period: str) -> int:
    """Whole years from the end of a review's period to the end of the overview's (0: recent).

    A review whose latest period ended more than a year before the overview's is stale: the
    overview still shows it (it is the latest there is), with its age beside its period.
    """
    ended = parse_period(period, week_end=params.week_end).end
    return (data.period.end - ended).days // DAYS_IN_YEAR


def _period_text(data: ReviewData, params: DomainParams, period: str) -> str:
    """The review's period, and its age when stale ("2018-W07 (8 yr earlier)")."""
    years = _years_before(data, params, period)
    if years < 1:
        return period
    return text("overview_period_age", data.lang, period=period, years=years)


def _sections(params: DomainParams) -> set[str]:
    return {spec.name for spec in params.sections}


def _unit_href(params: DomainParams, period: str, unit: str) -> str:
    """A unit's card where the page has a drill-down; the page's exceptions otherwise."""
    listed = _sections(params)
    if unit != S.CITYWIDE and "unit_drilldown" in listed:
        return _href(params, period, unit_anchor(unit))
    return _href(params, period, "exceptions" if "exceptions" in listed else "")


def _topic_label(topic: object, lang: str) -> str:
    return text(f"topic_{topic}" if topic in TOPICS else "topic_none", lang)


def _items(data: ReviewData, item: str) -> pd.DataFrame:
    items = data.table("overview_items")
    return items[items[S.ITEM] == item]


def _topics(items: pd.DataFrame) -> list[object]:
    """The topics with items, in the GMAP order; items without one last (None)."""
    present = set(items[S.TOPIC].dropna())
    return [t for t in TOPICS if t in present] + ([None] if items[S.TOPIC].isna().any() else [])


def overview_summary(data: ReviewData, options: Options) -> Html:
    """One paragraph: how many measures are of concern, critical misses, by topic."""
    lang = data.lang
    signals, missed = _items(data, SIGNAL), _items(data, MISSED_CRITICAL)
    reviews = data.table("overview_domains")
    groups = signals.drop_duplicates([S.REVIEWED_DOMAIN, S.METRIC])
    every = pd.concat([groups, missed])
    by_topic = [
        text("overview_topic_count", lang, topic=_topic_label(t, lang), count=count)
        for t in _topics(every)
        if (count := int(every[S.TOPIC].isna().sum() if t is None else (every[S.TOPIC] == t).sum()))
    ]
    summary = text(
        "overview_summary",
        lang,
        period=data.period.label,
        metrics=len(groups),
        reviews_with=(reviews[S.SIGNALS] > 0).sum(),
        reviews=len(reviews),
        missed=len(missed),
        by_topic=", ".join(by_topic) or "—",
        period_end=data.period.end.isoformat(),
    )
    read = reviews.dropna(subset=[S.REVIEWED_PERIOD])
    stale = [
        f"{data.read[r[S.REVIEWED_DOMAIN]].title(lang)} ({r[S.REVIEWED_PERIOD]})"
        for _, r in read.iterrows()
        if _years_before(data, data.read[r[S.REVIEWED_DOMAIN]], r[S.REVIEWED_PERIOD]) >= 1
    ]
    if stale:
        summary += " " + text(
            "overview_stale",
            lang,
            count=len(stale),
            reviews=len(reviews),
            period_end=data.period.end.isoformat(),
            names="; ".join(stale),
        )
    return section("overview_summary", lang, paragraph(summary))


def _evidence(rows: pd.DataFrame, lang: str) -> str:
    """What makes the rows of one measure exceptions (HTML): flags, then icons as badges."""
    words = [
        esc(text("overview_flag", lang, severity=text(_SEVERITY_WORD[s], lang)))
        for s in sorted(set(rows[S.SEVERITY].dropna()), key=_SEVERITY_RANK.get)
    ]
    words += [
        badge(icon, lang)
        for icon in sorted(set(rows[S.VARIATION_ICON].dropna()))
        if str(icon).startswith(CONCERN)
    ]
    if rows[S.ASSURANCE_ICON].eq(CONSISTENTLY_FAILS).any():
        words.append(badge(CONSISTENTLY_FAILS, lang))
    return " ".join(words)


def _where(data: ReviewData, params: DomainParams, period: str, rows: pd.DataFrame) -> str:
    """Links to the units of concern, the city first; the rest counted.

    Short keys without names of their own ("75") stand for themselves after the units'
    plural, as the drill-down's picker shows them, so that a row fits a phone.
    """
    lang = data.lang
    units = sorted(set(rows[S.UNIT]), key=lambda u: (u != S.CITYWIDE, not u.isdigit(), u.zfill(8)))
    city = [_link(text("citywide", lang), _unit_href(params, period, S.CITYWIDE))]
    shown = [u for u in units if u != S.CITYWIDE][:MAX_UNITS]
    short = all(shows_key(params, u) for u in shown)
    links = [
        f'<a href="{esc(_unit_href(params, period, u))}" '
        f'aria-label="{esc(unit_name(params, u, lang))}">'
        f"{esc(u if short else unit_name(params, u, lang))}</a>"
        for u in shown
    ]
    hidden = len(units) - len(shown) - (S.CITYWIDE in units)
    if hidden:
        more = text("overview_more_units", lang, count=hidden)
        links.append(_link(more, _href(params, period, "exceptions")))
    named = f"{esc(params.units.plural(lang))}: {', '.join(links)}" if short and shown else ""
    parts = (city if S.CITYWIDE in units else []) + ([named] if named else links)
    return "; ".join(parts)


def _signal_table(data: ReviewData, signals: pd.DataFrame) -> list[Html]:
    lang = data.lang
    groups = []
    for (domain, metric), rows in signals.groupby([S.REVIEWED_DOMAIN, S.METRIC], sort=False):
        params, period = data.read[domain], rows[S.REVIEWED_PERIOD].iloc[0]
        rank = min(_SEVERITY_RANK.get(s, 2) for s in rows[S.SEVERITY])
        review = _link(
            f"{params.title(lang)} · {_period_text(data, params, period)}", _href(params, period)
        )
        cells = [
            f"{esc(params.metric(metric).label(lang))}<br><small>{review}</small>",
            _where(data, params, period, rows),
            _evidence(rows, lang),
        ]
        groups.append((rank, -len(rows), cells))
    keys = ("col_metric", "col_where", "col_signal")
    header = [[HeaderCell(text(k, lang)) for k in keys]]
    rows = [cells for *_, cells in sorted(groups, key=lambda g: g[:2])]
    caption = text("overview_signals_caption", lang)
    return [table(header, rows, caption=caption, raw_columns=frozenset({0, 1, 2}))]


def _missed_table(data: ReviewData, missed: pd.DataFrame) -> list[Html]:
    lang = data.lang
    off = (missed[S.VALUE] - missed[S.TARGET]).abs() / missed[S.TARGET].abs().where(
        missed[S.TARGET] != 0
    )
    ordered = missed.assign(_off=off).sort_values("_off", ascending=False, na_position="last")
    rows = []
    for _, r in ordered.head(MAX_MISSED).iterrows():
        params = data.read[r[S.REVIEWED_DOMAIN]]
        href = _href(params, r[S.REVIEWED_PERIOD], _missed_anchor(params))
        period = _period_text(data, params, r[S.REVIEWED_PERIOD])
        review = _link(f"{params.title(lang)} · {period}", href)
        rows.append(
            [
                f"{quoted(r[S.MEASURE_NAME], lang)}<br><small>{review}</small>",
                quoted(r[S.UNIT_NAME], lang),  # as the register publishes it
                esc(value_text(r[S.VALUE], r[S.KIND], lang)),
                esc(value_text(r[S.TARGET], r[S.KIND], lang)),
            ]
        )
    keys = ("col_measure", "col_agency", "col_actual", "col_register_target")
    header = [[HeaderCell(text(k, lang)) for k in keys]]
    caption = text("overview_missed_caption", lang)
    parts = [table(header, rows, caption=caption, raw_columns=frozenset(range(4)))]
    rest = ordered.iloc[MAX_MISSED:]
    if len(rest):
        counts = rest.groupby([S.REVIEWED_DOMAIN, S.REVIEWED_PERIOD], sort=False).size()
        links = ", ".join(
            _link(f"{data.read[d].title(lang)} ({n})", _href(data.read[d], p, "missed_critical"))
            for (d, p), n in counts.items()
        )
        intro = esc(text("overview_more_missed", lang, count=len(rest)))
        parts.append(Html(f"<p>{intro}{links}</p>"))
    return parts


def _missed_anchor(params: DomainParams) -> str:
    return "missed_critical" if "missed_critical" in _sections(params) else ""


def topic_exceptions(data: ReviewData, options: Options) -> Html:
    """By topic: the measures of concern, then the critical measures that missed target."""
    lang = data.lang
    items = data.table("overview_items")
    if items.empty:
        return section("topic_exceptions", lang, paragraph(text("overview_no_exceptions", lang)))
    parts = []
    for topic in _topics(items):
        here = items[items[S.TOPIC].isna()] if topic is None else items[items[S.TOPIC] == topic]
        signals = here[here[S.ITEM] == SIGNAL]
        missed = here[here[S.ITEM] == MISSED_CRITICAL]
        body = "".join(
            part.body
            for part in (
                *(_signal_table(data, signals) if len(signals) else ()),
                *(_missed_table(data, missed) if len(missed) else ()),
            )
        )
        ident = f"topic-{topic or 'none'}"
        parts.append(Html(f'<h3 id="{ident}">{esc(_topic_label(topic, lang))}</h3>{body}'))
    quiet = [_topic_label(t, lang) for t in TOPICS if t not in set(items[S.TOPIC].dropna())]
    if quiet:
        parts.append(paragraph(text("overview_quiet_topics", lang, topics=", ".join(quiet))))
    return section("topic_exceptions", lang, *parts)


def domain_links(data: ReviewData, options: Options) -> Html:
    """Every review read: its latest period by the month's end, topic and counts, linked."""
    lang = data.lang
    rows = []
    for _, r in data.table("overview_domains").iterrows():
        params, period = data.read[r[S.REVIEWED_DOMAIN]], r[S.REVIEWED_PERIOD]
        if period is None or pd.isna(period):
            title = esc(params.title(lang))
            period_text = esc(text("overview_not_reviewed", lang, period=data.period.label))
        else:
            title = _link(params.title(lang), _href(params, period))
            period_text = esc(_period_text(data, params, period))
        rows.append(
            [
                title,
                esc(_topic_label(params.topic, lang)),
                period_text,
                esc(r[S.SIGNALS]),
                esc(r[S.CRITICAL_MISSED]),
            ]
        )
    keys = ("col_review", "col_topic", "col_period", "col_measures_of_concern")
    header = [[HeaderCell(text(k, lang)) for k in (*keys, "col_critical_missed")]]
    return section("domain_links", lang, table(header, rows, raw_columns=frozenset(range(5))))
