"""Charts of proportions: the p-chart (limits stepping with each denominator) and the funnel.

Draws frames the proportions stage computed (statlib.proportions); the funnel's curves are
its limits evaluated along the axis by the same function that placed the units
(statlib.spc.funnel.funnel_limits). Shapes accompany colours, as in statlib.charts.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib import pyplot as plt
from matplotlib.ticker import PercentFormatter

from statlib import schema as S
from statlib.charts import _RC, MARKERS, Chart, _to_svg
from statlib.messages import format_measure, format_number, text
from statlib.spc import POINT_TYPE_COLOURS, TARGET_COLOUR
from statlib.spc.funnel import ABOVE_998, BELOW_998, Z_95, Z_998, funnel_limits

LIMIT_COLOUR = "#404040"


def _percent_axis(axes: plt.Axes) -> None:
    axes.yaxis.set_major_formatter(PercentFormatter(xmax=1.0, decimals=1))


def p_chart(
    points: pd.DataFrame, *, title: str, lang: str = "en", target: float | None = None
) -> Chart:
    """Draw one series' p-chart rows (statlib.schema.P_CHART_COLUMNS).

    Args:
        points: one series: period_end, value, centre, upper_limit, lower_limit, chart,
            sigma_z, status, point_type.
        title: the metric (and unit), already in `lang`.
        lang: language of the labels.
        target: the per-period target, drawn as a line where set.

    Returns:
        The chart; its caption names the chart (p or Laney p'), sigma_z, the latest value
        and its limits.
    """
    points = points.sort_values(S.PERIOD_END)
    x = points[S.PERIOD_END]
    with plt.rc_context(_RC):
        figure, axes = plt.subplots(figsize=(7.2, 2.6))
        axes.plot(x, points[S.VALUE], color="#7f7f7f", linewidth=1, zorder=2)
        axes.plot(x, points[S.CENTRE], color=LIMIT_COLOUR, linewidth=0.8)
        for line in (S.UPPER_LIMIT, S.LOWER_LIMIT):
            if points[line].notna().any():
                axes.plot(x, points[line], color=LIMIT_COLOUR, linestyle="--", linewidth=0.8,
                          drawstyle="steps-mid")  # fmt: skip
        for kind, marker in MARKERS.items():
            chosen = points[points[S.POINT_TYPE] == kind]
            if len(chosen):
                axes.scatter(chosen[S.PERIOD_END], chosen[S.VALUE], marker=marker, s=18, zorder=3,
                             color=POINT_TYPE_COLOURS[kind],
                             label=text(f"point_{kind}", lang))  # fmt: skip
        if target is not None:
            axes.axhline(target, color=TARGET_COLOUR, linewidth=1, label=text("target", lang))
        _percent_axis(axes)
        axes.set_title(title, loc="left")
        axes.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=8)
        axes.margins(x=0.01)
        figure.autofmt_xdate()
        svg = _to_svg(figure, title)
    last = points.iloc[-1]
    if last[S.STATUS] != "ok":
        caption = text("p_chart_not_enough", lang, title=title)
    else:
        caption = text(
            f"p_chart_caption_{last[S.CHART]}",
            lang,
            title=title,
            sigma_z=format_number(last[S.SIGMA_Z], lang, 1),
            value=format_measure(last[S.VALUE], "rate", lang, 1),
            kind=text(f"point_{last[S.POINT_TYPE]}", lang),
            lower=format_measure(last[S.LOWER_LIMIT], "rate", lang, 1),
            upper=format_measure(last[S.UPPER_LIMIT], "rate", lang, 1),
        )
    return Chart(svg=svg, alt=caption, caption=caption)


def funnel_plot(
    units: pd.DataFrame, *, title: str, names: dict[str, str], lang: str = "en"
) -> Chart:
    """Draw one metric's funnel (statlib.schema.FUNNEL_COLUMNS rows of one window).

    Args:
        units: one row per unit: unit, denominator, value, centre, phi, position,
            point_type.
        title: the metric and window, already in `lang`.
        names: unit key -> name in `lang`, to label the points.
        lang: language of the labels.
    """
    centre, phi = float(units[S.CENTRE].iloc[0]), float(units[S.PHI].iloc[0])
    n_max = float(units[S.DENOMINATOR].max())
    grid = np.geomspace(max(float(units[S.DENOMINATOR].min()) / 3, 1.0), n_max * 1.3, 200)
    with plt.rc_context(_RC):
        figure, axes = plt.subplots(figsize=(7.2, 3.2))
        axes.axhline(centre, color=LIMIT_COLOUR, linewidth=0.8)
        for z, style, key in ((Z_95, ":", "funnel_limits_95"), (Z_998, "--", "funnel_limits_998")):
            lower, upper = funnel_limits(centre, grid, z, phi)
            axes.plot(grid, lower, color=LIMIT_COLOUR, linestyle=style, linewidth=0.8,
                      label=text(key, lang))  # fmt: skip
            axes.plot(grid, upper, color=LIMIT_COLOUR, linestyle=style, linewidth=0.8)
        for kind, marker in MARKERS.items():
            chosen = units[units[S.POINT_TYPE] == kind]
            if len(chosen):
                axes.scatter(chosen[S.DENOMINATOR], chosen[S.VALUE], marker=marker, s=24, zorder=3,
                             color=POINT_TYPE_COLOURS[kind],
                             label=text(f"point_{kind}", lang))  # fmt: skip
        for _, row in units.iterrows():
            axes.annotate(names.get(row[S.UNIT], row[S.UNIT]), (row[S.DENOMINATOR], row[S.VALUE]),
                          fontsize=7, xytext=(3, 3), textcoords="offset points")  # fmt: skip
        low = min(
            float(units[S.VALUE].min()), float(funnel_limits(centre, [grid[0]], Z_998, phi)[0][0])
        )
        axes.set_ylim(
            max(low - 0.002, 0.0), min(1.0005, max(float(units[S.VALUE].max()), centre) + 0.002)
        )
        _percent_axis(axes)
        axes.set_xlabel(text("funnel_axis_n", lang))
        axes.set_title(title, loc="left")
        axes.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=8)
        svg = _to_svg(figure, title)
    outside = int(units[S.FUNNEL_POSITION].isin([ABOVE_998, BELOW_998]).sum())
    alt = text("funnel_alt", lang, title=title, n=len(units), outside=outside)
    return Chart(svg=svg, alt=alt, caption=alt)
