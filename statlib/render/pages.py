"""Render one executed review notebook into one self-contained, offline HTML page.

The runner calls `render_page` after papermill has executed `notebooks/<domain>.ipynb`.
Steps: read the notebook, refuse it if any cell failed, export it with our template
(maps drawn from saved widget state, assets inlined), write the page atomically.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import nbformat

from statlib.errors import RenderError
from statlib.messages import format_date, text
from statlib.render.assets import content_security_policy, map_scripts, stylesheet
from statlib.render.context import NavLink, PageContext
from statlib.render.execution import require_clean_execution
from statlib.render.exporter import PageExporter
from statlib.render.publish import write_atomically


def format_generated(moment: datetime, lang: str) -> str:
    """The generation time as "<locale date> HH:MM <zone>" (zone only when known)."""
    zone = f" {moment.tzname()}" if moment.tzinfo is not None and moment.tzname() else ""
    return f"{format_date(moment.date(), lang)} {moment:%H:%M}{zone}"


def _link(link: NavLink | None) -> dict[str, str] | None:
    return {"label": link.label, "href": link.href} if link else None


def page_variables(context: PageContext) -> dict[str, Any]:
    """The template's `resources.statlib`: every label, link and asset of the page."""
    lang = context.lang
    scripts = map_scripts()
    prev_link = context.prev_period
    next_link = context.next_period
    return {
        "lang": lang,
        "title": text("render_title", lang, title=context.domain_title, period=context.period),
        "heading": context.domain_title,
        "index_href": context.index_href,
        "prev_period": _link(
            NavLink(text("render_prev_period", lang, period=prev_link.label), prev_link.href)
            if prev_link
            else None
        ),
        "next_period": _link(
            NavLink(text("render_next_period", lang, period=next_link.label), next_link.href)
            if next_link
            else None
        ),
        "siblings": [_link(link) for link in context.siblings],
        "css": stylesheet(),
        "scripts": scripts,
        "csp": content_security_policy(scripts, online_tiles=context.online_tiles),
        "text": {
            "skip": text("render_skip", lang),
            "all_reports": text("render_all_reports", lang),
            "period": text("render_period", lang, period=context.period),
            "generated": text(
                "generated_at", lang, when=format_generated(context.generated_at, lang)
            ),
            "period_nav": text("render_period_nav", lang),
            "domain_nav": text("render_domain_nav", lang),
            "contents": text("render_contents", lang),
            "offline": text("render_offline_note", lang),
            "image_no_alt": text("render_image_no_alt", lang),
        },
    }


def require_matching_parameters(
    nb: nbformat.NotebookNode, context: PageContext, source: str
) -> None:
    """Refuse a notebook run for another domain, period or language than the page's.

    papermill records the parameters it injected in metadata.papermill.parameters; a
    mismatch means the runner paired the wrong notebook and page (e.g. last week's run
    published under this week's label).

    Raises:
        RenderError: Naming the parameter, the notebook's value and the page's value.
    """
    injected = nb.metadata.get("papermill", {}).get("parameters", {})
    for name in ("domain", "period", "lang"):
        if name in injected and injected[name] != getattr(context, name):
            raise RenderError(
                f"{source}: notebook was run with {name}={injected[name]!r} but the page is "
                f"for {name}={getattr(context, name)!r}; rule: a page shows its own run"
            )


def render_page(executed_notebook: Path, out_html: Path, *, context: PageContext) -> Path:
    """Render an executed notebook to one self-contained HTML page.

    Args:
        executed_notebook: The .ipynb papermill wrote (with outputs and widget state).
        out_html: Where the page goes, e.g. outputs/2026-W33/public_safety.html.
        context: Titles, period, language, generation time and navigation links.

    Returns:
        `out_html`, written atomically (an old page stays until the new one is whole).

    Raises:
        RenderError: The notebook cannot be read, a cell errored or never ran (the message
            names the cell and its section), it was run for another domain, period or
            language, or an output cannot be shown offline. No page is written then.
    """
    source = str(executed_notebook)
    try:
        nb = nbformat.read(executed_notebook, as_version=4)
    except (OSError, ValueError) as error:
        raise RenderError(f"cannot read executed notebook {source}: {error}") from error
    require_clean_execution(nb, source)
    require_matching_parameters(nb, context, source)
    exporter = PageExporter(
        lang=context.lang, online_tiles=context.online_tiles, source_name=source
    )
    html, _ = exporter.from_notebook_node(nb, resources={"statlib": page_variables(context)})
    return write_atomically(out_html, html)
