"""Charts: draw already-computed frames as inline SVG figures. No statistics here.

Every chart is a `Chart`: SVG text with a <title>, alt text and a caption, shown as a
<figure> in JupyterLab and in the rendered page alike, so pages need no script or image
file for charts. Point types are told apart by marker shape as well as colour (the SPC
palette is colour-blind safe, but colour is never the only cue).
"""

from __future__ import annotations

import html
import io
import re
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")  # no display: charts are rendered to text

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from statlib import schema as S  # noqa: E402
from statlib.messages import format_measure, text  # noqa: E402
from statlib.spc import POINT_TYPE_COLOURS, TARGET_COLOUR  # noqa: E402

# Shapes tell the side, as the tables' ▲ (high) and ▼ (low) do; colour tells the meaning
# (improvement, concern, neutral). Common cause is a dot. One symbol language (issue 9).
MARKERS: dict[str, str] = {"high": "^", "low": "v", "common_cause": "o", "nan": "D"}
FORECAST_COLOUR = "#555555"
_RC = {
    "svg.fonttype": "none",  # text stays text: smaller, selectable, any script
    "svg.hashsalt": "statlib",  # stable element ids: same inputs, same bytes
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


@dataclass(frozen=True)
class Chart:
    """An SVG chart with its alt text and caption."""

    svg: str
    alt: str
    caption: str

    def _repr_html_(self) -> str:
        return (
            f'<figure class="chart"><div role="img" aria-label="{html.escape(self.alt)}">'
            f"{self.svg}</div><figcaption>{html.escape(self.caption)}</figcaption></figure>"
        )


def _to_svg(figure: plt.Figure, title: str) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(figure)
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]  # drop the XML prolog and doctype: this is inline SVG
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.DOTALL)  # RDF creator blurb
    head_end = svg.index(">") + 1
    return f"{svg[:head_end]}<title>{html.escape(title)}</title>{svg[head_end:]}"


def spc_chart(
    points: pd.DataFrame,
    *,
    title: str,
    lang: str = "en",
    forecast: pd.DataFrame | None = None,
    measure: str = "count",
) -> Chart:
    """Draw one series' SPC points (statlib.spc points frame) and optional forecast fan.

    Args:
        points: rows of one series: period_end, value, centre, upper_limit, lower_limit,
            point_type (and target when set).
        title: the metric and unit, already in `lang`.
        lang: language of the labels.
        forecast: optional forecast rows of the same series: period_end, forecast, lo_80,
            hi_80, lo_95, hi_95.
        measure: the metric's measure (statlib.params): how the alt text shows numbers.

    Returns:
        The chart; its alt text states the latest value and the process limits.
    """
    points = points.sort_values(S.PERIOD_END)
    with plt.rc_context(_RC):
        figure, axes = plt.subplots(figsize=(7.2, 2.6))
        x = points[S.PERIOD_END]
        axes.plot(x, points[S.VALUE], color="#7f7f7f", linewidth=1, zorder=2)
        for line, style in ((S.CENTRE, "-"), (S.UPPER_LIMIT, "--"), (S.LOWER_LIMIT, "--")):
            if points[line].notna().any():
                axes.plot(x, points[line], color="#404040", linestyle=style, linewidth=0.8)
        for kind in POINT_TYPE_COLOURS:
            of_kind = points[points[S.POINT_TYPE] == kind]
            high = of_kind[S.VALUE] >= of_kind[S.CENTRE]  # for frames without a side
            sides = of_kind[S.SIDE] if S.SIDE in of_kind else high.map({True: "high", False: "low"})
            groups = of_kind.groupby(sides, dropna=False, sort=True)
            for number, (side, chosen) in enumerate(groups):
                marker = MARKERS["common_cause" if kind == "common_cause" else str(side)]
                axes.scatter(
                    chosen[S.PERIOD_END],
                    chosen[S.VALUE],
                    marker=marker,
                    s=18,
                    zorder=3,
                    color=POINT_TYPE_COLOURS[kind],
                    label=text(f"point_{kind}", lang) if number == 0 else None,
                )
        if S.TARGET in points and points[S.TARGET].notna().any():
            axes.plot(
                x, points[S.TARGET], color=TARGET_COLOUR, linewidth=1, label=text("target", lang)
            )
        if forecast is not None and len(forecast):
            fx = forecast[S.PERIOD_END]
            axes.fill_between(
                fx,
                forecast[S.LO_95],
                forecast[S.HI_95],
                color=FORECAST_COLOUR,
                alpha=0.15,
                linewidth=0,
                label=text("forecast_95", lang),
            )
            axes.fill_between(
                fx,
                forecast[S.LO_80],
                forecast[S.HI_80],
                color=FORECAST_COLOUR,
                alpha=0.25,
                linewidth=0,
            )
            axes.plot(
                fx,
                forecast[S.FORECAST],
                color=FORECAST_COLOUR,
                linestyle=":",
                label=text("forecast", lang),
            )
        axes.set_title(title, loc="left")
        if axes.get_legend_handles_labels()[0]:  # a short series has no limits to name
            axes.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=8)
        axes.margins(x=0.01)
        figure.autofmt_xdate()
        svg = _to_svg(figure, title)
    last = points.dropna(subset=[S.VALUE]).iloc[-1] if points[S.VALUE].notna().any() else None
    if last is None:
        alt = text("chart_alt_empty", lang, title=title)
    elif pd.isna(last[S.POINT_TYPE]) or pd.isna(last[S.UPPER_LIMIT]):  # too short for limits
        alt = text(
            "chart_alt_run", lang, title=title, value=format_measure(last[S.VALUE], measure, lang)
        )
    else:
        alt = text(
            "chart_alt_spc",
            lang,
            title=title,
            value=format_measure(last[S.VALUE], measure, lang),
            kind=text(f"point_{last[S.POINT_TYPE]}", lang),
            lower=format_measure(last[S.LOWER_LIMIT], measure, lang, extra=1),
            upper=format_measure(last[S.UPPER_LIMIT], measure, lang, extra=1),
        )
    if S.SEASONAL in points.columns and points[S.SEASONAL].any():
        alt = f"{alt} {text('chart_seasonal', lang)}"
    return Chart(svg=svg, alt=alt, caption=alt)
