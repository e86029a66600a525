"""Offline HTML pages for executed review notebooks, and the site index.

Entry points for the runner: `render_page` (one domain x period page) and `write_index`
(outputs/index.html). Both write one self-contained file that loads nothing from the
network when opened.
"""

from statlib.render.context import NavLink, PageContext
from statlib.render.index import IndexEntry, write_index
from statlib.render.pages import render_page

__all__ = [
    "IndexEntry",
    "NavLink",
    "PageContext",
    "render_page",
    "write_index",
]
