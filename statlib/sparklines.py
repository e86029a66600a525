"""Small history charts: one series' recent points against its process band. Drawing only.

A sparkline is inline SVG (no script, no fonts), about a kilobyte, so a page can carry one
per unit. It draws what statlib.spc computed (spc_points: value, centre, limits, point
type); nothing is computed here beyond scaling.
"""

from __future__ import annotations

import html

import pandas as pd

from statlib import schema as S
from statlib.spc import POINT_TYPE_COLOURS

WIDTH, HEIGHT, PAD = 320.0, 72.0, 6.0
LINE_COLOUR, BAND_COLOUR, CENTRE_COLOUR = "#1d2329", "#e6e9ed", "#56606b"
_NOT_SPECIAL = frozenset({"common_cause", ""})
_NEVER_BELOW_ZERO = frozenset({"count", "stock", "rate"})


def sparkline(points: pd.DataFrame, label: str, measure: str = "count") -> str:
    """An SVG of the points' values, the latest partition's band and special-cause points.

    Args:
        points: spc_points rows of one series (PERIOD_END, VALUE, CENTRE, UPPER_LIMIT,
            LOWER_LIMIT, POINT_TYPE), any order; missing values are skipped.
        label: the accessible name of the chart (read out instead of the drawing).
        measure: the metric's measure; counts, stocks and rates are drawn from zero up
            (a process limit below zero is drawn at zero, as no value can be).

    Returns:
        An `<svg>` element as text; an empty string when there is no value.
    """
    rows = points[points[S.VALUE].notna()].sort_values(S.PERIOD_END)
    if rows.empty:
        return ""
    values = rows[S.VALUE].to_numpy(dtype=float)
    last = rows.iloc[-1]
    band = [float(last[S.LOWER_LIMIT]), float(last[S.UPPER_LIMIT])]
    if measure in _NEVER_BELOW_ZERO:
        band[0] = max(band[0], 0.0) if band[0] == band[0] else band[0]
    known = [v for v in [*values, *band, float(last[S.CENTRE])] if v == v]
    low, high = min(known), max(known)
    if measure in _NEVER_BELOW_ZERO:
        low = min(low, 0.0)
    span = (high - low) or 1.0
    step = (WIDTH - 2 * PAD) / max(len(values) - 1, 1)

    def y(value: float) -> float:
        return round(HEIGHT - PAD - (value - low) / span * (HEIGHT - 2 * PAD), 1)

    parts = []
    if band[0] == band[0] and band[1] == band[1]:
        top, bottom = y(band[1]), y(band[0])
        parts.append(
            f'<rect x="0" y="{top}" width="{WIDTH:g}" height="{round(bottom - top, 1)}" '
            f'fill="{BAND_COLOUR}"/>'
        )
    centre = float(last[S.CENTRE])
    if centre == centre:
        parts.append(
            f'<line x1="0" x2="{WIDTH:g}" y1="{y(centre)}" y2="{y(centre)}" '
            f'stroke="{CENTRE_COLOUR}" stroke-dasharray="3 2" stroke-width="1"/>'
        )
    xs = [round(PAD + i * step, 1) for i in range(len(values))]
    line = " ".join(f"{x},{y(v)}" for x, v in zip(xs, values, strict=True))
    parts.append(
        f'<polyline points="{line}" fill="none" stroke="{LINE_COLOUR}" stroke-width="1.5"/>'
    )
    kinds = rows[S.POINT_TYPE].fillna("").astype(str).tolist()
    for x, v, kind in zip(xs, values, kinds, strict=True):
        if kind not in _NOT_SPECIAL:
            colour = POINT_TYPE_COLOURS.get(kind, CENTRE_COLOUR)
            parts.append(f'<circle cx="{x}" cy="{y(v)}" r="2.5" fill="{colour}"/>')
    parts.append(
        f'<circle cx="{xs[-1]}" cy="{y(values[-1])}" r="4" fill="none" '
        f'stroke="{LINE_COLOUR}" stroke-width="1.5"/>'
    )
    name = html.escape(label)
    return (
        f'<svg class="sparkline" viewBox="0 0 {WIDTH:g} {HEIGHT:g}" width="{WIDTH:g}" '
        f'height="{HEIGHT:g}" role="img" aria-label="{name}"><title>{name}</title>'
        + "".join(parts)
        + "</svg>"
    )
