"""Small HTML building blocks for report sections: escaped text, tables, badges.

Sections are plain HTML (no script), so they read the same in JupyterLab and in the
rendered page, and a screen reader gets real table headers.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

from statlib.messages import format_number, text
from statlib.spc import POINT_TYPE_COLOURS

# Icon key -> (point type giving its colour): the text label always goes with the colour.
_ICON_COLOUR_OF = {
    "improvement_high": "improvement",
    "improvement_low": "improvement",
    "concern_high": "concern",
    "concern_low": "concern",
    "neutral_high": "neutral_high",
    "neutral_low": "neutral_low",
    "common_cause": "common_cause",
}


@dataclass(frozen=True)
class Html:
    """A fragment of HTML that JupyterLab and nbconvert display as is."""

    body: str

    def _repr_html_(self) -> str:
        return self.body

    def __add__(self, other: Html) -> Html:
        return Html(self.body + other.body)


def esc(value: object) -> str:
    """Escaped text of any value."""
    return html.escape(str(value))


def quoted(content: object, lang: str) -> str:
    """Escaped text quoted from the data, marked with its language on a page in another.

    A register's measure names, an action register's entries and ingest's notes are
    written in the language of whoever wrote them: English, unless they hold Chinese
    characters. On a page in the other language they carry `lang`, so that screen readers
    voice them rightly and a reader (and the tests) can tell data quoted as published from
    the page's own words.
    """
    written = "zh" if _HAN.search(str(content)) else "en"
    if lang == written:
        return esc(content)
    return f'<span lang="{written}">{esc(content)}</span>'


_HAN = re.compile(r"[\u3400-\u9fff]")  # CJK ideographs: text written in Chinese


def paragraph(content: str, css: str = "") -> Html:
    """A paragraph of plain text (escaped)."""
    attribute = f' class="{css}"' if css else ""
    return Html(f"<p{attribute}>{esc(content)}</p>")


def more_rows(hidden: int, href: str, lang: str) -> Html:
    """The rows a bounded list leaves out ("N more in <file>"), linked to the file with all."""
    words = esc(text("rows_more", lang, n=format_number(hidden, lang, 0)))
    return Html(f'<p class="more-rows">{words} <a href="{esc(href)}">{esc(href)}</a></p>')


def section(key: str, lang: str, *parts: Html, anchor: str | None = None) -> Html:
    """A section with its h2 heading from the catalogue (key "section_<key>")."""
    ident = anchor or key
    inner = "".join(part.body for part in parts)
    return Html(
        f'<section class="statlib-section" id="{esc(ident)}">'
        f"<h2>{esc(text('section_' + key, lang))}</h2>{inner}</section>"
    )


@dataclass(frozen=True)
class HeaderCell:
    """A header cell; `span` columns wide."""

    label: str
    span: int = 1


def table(
    header_rows: Sequence[Sequence[HeaderCell]],
    rows: Sequence[Sequence[str]],
    *,
    caption: str | None = None,
    raw_columns: frozenset[int] = frozenset(),
) -> Html:
    """A table whose first column heads each row.

    Args:
        header_rows: one or more rows of header cells (use spans for grouped columns).
        rows: body rows of cell text; escaped unless the column index is in `raw_columns`
            (for cells already built as HTML, such as badges).
        caption: optional caption, read out by screen readers.
        raw_columns: indexes of columns holding trusted HTML.

    Returns:
        The table.
    """
    head = "".join(
        "<tr>"
        + "".join(
            f'<th scope="{"colgroup" if cell.span > 1 else "col"}"'
            f"{f' colspan={cell.span}' if cell.span > 1 else ''}>{esc(cell.label)}</th>"
            for cell in header_row
        )
        + "</tr>"
        for header_row in header_rows
    )
    body = "".join(
        "<tr>"
        + "".join(
            (
                f'<th scope="row">{cell if i in raw_columns else esc(cell)}</th>'
                if i == 0
                else f"<td>{cell if i in raw_columns else esc(cell)}</td>"
            )
            for i, cell in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    # The page renderer wraps every table in a sideways-scrolling region for phones.
    return Html(
        f'<table class="statlib-table">{cap}<thead>{head}</thead><tbody>{body}</tbody></table>'
    )


def badge(icon: str | None, lang: str) -> str:
    """An SPC icon as coloured text ("▲ Concern (high)"): never colour alone."""
    if icon is None or icon != icon:  # None or NaN: no icon for this series
        return esc(text("icon_none", lang))
    colour = POINT_TYPE_COLOURS.get(_ICON_COLOUR_OF.get(icon, ""), None)
    style = f' style="border-color:{colour}"' if colour else ""
    return f'<span class="spc-badge"{style}>{esc(text("icon_" + icon, lang))}</span>'
