"""The page outline: exactly one h1, headings that never skip a level, a contents list.

Notebook authors write headings freely (a "# Title" cell, or sections starting at "##"),
and HTML outputs may carry their own. A screen-reader user navigates by heading level, so
the page fixes the levels here instead of trusting every notebook to get them right.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from statlib.errors import RenderError
from statlib.messages import text

HEADING_TAG = re.compile(r"^h[1-6]$")
TOC_LEVELS = (2, 3)  # deeper headings stay in the page but not in the contents list


def _level(heading: Tag) -> int:
    return int(heading.name[1])


def _adopt_title(header_h1: Tag, notebook_h1: Tag) -> None:
    """Move the notebook's own title into the page header's h1."""
    header_h1.clear()
    for child in list(notebook_h1.children):
        header_h1.append(child.extract())
    cell = notebook_h1.parent
    notebook_h1.decompose()
    # The markdown cell held only the title: drop its now-empty wrapper too.
    if (
        isinstance(cell, Tag)
        and cell.name == "div"
        and not cell.get_text(strip=True)
        and cell.find(True) is None
    ):
        cell.decompose()


def _normalise_levels(headings: list[Tag]) -> None:
    """Shift headings below the page h1 and clamp each to at most one level deeper."""
    if not headings:
        return
    levels = [_level(heading) for heading in headings]
    # h1s in the body sit under the page's h1; otherwise the shallowest heading becomes h2.
    shift = 1 if 1 in levels else 2 - min(levels)
    previous = 1
    for heading, level in zip(headings, levels, strict=True):
        new_level = max(2, min(level + shift, previous + 1, 6))
        heading.name = f"h{new_level}"
        previous = new_level


def _assign_ids(soup: BeautifulSoup, headings: list[Tag]) -> None:
    """Give every heading a unique id, keeping ids that are already unique."""
    taken: set[str] = {
        str(element["id"]) for element in soup.find_all(id=True) if element not in headings
    }
    for number, heading in enumerate(headings, start=1):
        current = heading.get("id")
        if not current or current in taken:
            current = f"section-{number}"
            while current in taken:
                current += "-"
        heading["id"] = current
        taken.add(str(current))


def _fill_contents(soup: BeautifulSoup, headings: list[Tag]) -> None:
    """List the h2/h3 headings in the nav#toc; drop the nav when there are none."""
    toc = soup.find("nav", id="toc")
    if toc is None:
        return
    listing = toc.find("ol")
    entries = [heading for heading in headings if _level(heading) in TOC_LEVELS]
    if not entries or listing is None:
        toc.decompose()
        return
    for heading in entries:
        item = soup.new_tag("li", attrs={"class": f"toc-level-{_level(heading)}"})
        link = soup.new_tag("a", href=f"#{heading['id']}")
        link.string = heading.get_text(" ", strip=True)
        item.append(link)
        listing.append(item)


def _wrap_tables(soup: BeautifulSoup, main: Tag, lang: str) -> None:
    """Put each table in its own sideways-scrolling region so the page never scrolls."""
    for table in main.find_all("table"):
        parent = table.parent
        if isinstance(parent, Tag) and "table-scroll" in (parent.get("class") or []):
            continue
        caption = table.find("caption")
        label = caption.get_text(" ", strip=True) if caption else text("render_table_region", lang)
        wrapper = soup.new_tag(
            "div", attrs={"class": "table-scroll", "role": "region", "tabindex": "0"}
        )
        wrapper["aria-label"] = label
        table.wrap(wrapper)


def finish_outline(html: str | BeautifulSoup, lang: str, source: str) -> str:
    """Fix heading levels and ids, fill the contents list and wrap tables.

    Args:
        html: A page from the `statlib` template (header h1#page-title, nav#toc, main),
            as text or already parsed (the exporter's soup, changed in place).
        lang: Language of the labels added here.
        source: Names the notebook in error messages.

    Returns:
        The page with one h1, ordered headings, a contents list and wrapped tables.

    Raises:
        RenderError: The page does not have exactly one h1 afterwards.
    """
    soup = html if isinstance(html, BeautifulSoup) else BeautifulSoup(html, "html.parser")
    main = soup.find("main")
    header_h1 = soup.find("h1", id="page-title")
    if main is None or header_h1 is None:
        raise RenderError(f"{source}: page has no <main> or no h1#page-title; template broken")
    headings = main.find_all(HEADING_TAG)
    body_h1s = [heading for heading in headings if _level(heading) == 1]
    if len(body_h1s) == 1 and headings[0] is body_h1s[0]:
        # A notebook that opens with its one title heading names the page.
        _adopt_title(header_h1, body_h1s[0])
        headings = headings[1:]
    _normalise_levels(headings)
    _assign_ids(soup, headings)
    _fill_contents(soup, headings)
    _wrap_tables(soup, main, lang)
    h1_count = len(soup.find_all("h1"))
    if h1_count != 1:
        raise RenderError(f"{source}: page has {h1_count} h1 elements; rule: exactly one")
    return str(soup)
