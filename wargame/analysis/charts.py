"""The debrief's charts as inline SVG, drawn by pygal (a pure-Python SVG charting library), for the
HTML debrief: tension by week, each side's trust against the truth, and a fork against its parent.

Step charts, aligned to weeks: the x axis is the week, tick ``w`` is the end of week ``w`` (0: the
start), and a line steps exactly at tick ``w`` to the value after week ``w``; no bar straddles
a tick. The SVG carries no script (pygal's tooltips are left out: the page is for print), a fixed
id (so the same game gives the same page) and scales to the width of its box.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from wargame.analysis.debrief import Comparison, Debrief, SideDebrief

#: Series colours, dark enough to tell apart in print; each series also has its own dash pattern
#: so a black-and-white copy still tells them apart.
COLOURS = ("#1f4e99", "#b5400d", "#2b7a2b", "#7a2b7a", "#8a6d00", "#0f7a7a", "#444444")
DASHES = ("", "8,4", "2,3", "10,3,2,3", "4,4", "12,6", "1,2")


def _style(colours: Sequence[str]):  # type: ignore[no-untyped-def]
    from pygal.style import Style

    return Style(
        background="white",
        plot_background="white",
        foreground="#222",
        foreground_strong="#111",
        foreground_subtle="#666",
        font_family='system-ui, "DejaVu Sans", "Liberation Sans", Arial, sans-serif',
        colors=tuple(colours),
        opacity="1",
        stroke_opacity="1",
        stroke_width="2.5",
        guide_stroke_color="#ddd",
        major_guide_stroke_color="#bbb",
        label_font_size=13,
        major_label_font_size=13,
        legend_font_size=14,
        title_font_size=16,
    )


def steps(values: Sequence[float | None], start: int = 0) -> list[tuple[float, float] | None]:
    """The points of a step line: ``values[i]`` is the value after week ``start + i``; the line
    holds each value until the next week's tick, then steps (None values break the line)."""
    pts: list[tuple[float, float] | None] = []
    prev: float | None = None
    for i, v in enumerate(values):
        w = float(start + i)
        if v is None:
            if prev is not None:
                pts.append(None)
            prev = None
            continue
        if prev is not None:
            pts.append((w, prev))
        pts.append((w, v))
        prev = v
    return pts


def _chart(  # type: ignore[no-untyped-def]
    title: str,
    weeks: int,
    unit: str,
    y_range: tuple[float, float],
    y_labels: list[float],
    chart_id: str,
    colours: Sequence[str],
):
    """An empty XY chart; ``colours``: one a series, in the order they will be added."""
    import pygal

    every = max(1, math.ceil((weeks + 1) / 26))
    chart = pygal.XY(
        style=_style(colours),
        width=800,
        height=330,
        title=title,
        show_dots=False,
        range=y_range,
        xrange=(0, max(weeks, 1)),
        x_labels=list(range(0, max(weeks, 1) + 1)),
        x_labels_major_every=every,
        show_minor_x_labels=every == 1,
        x_title=f"{unit} (0 = the start; each tick is the end of that {unit})",
        y_labels=y_labels,
        legend_at_bottom=True,
        legend_at_bottom_columns=2,
        truncate_legend=-1,
        js=[],
        disable_xml_declaration=True,
        explicit_size=False,
        interpolate=None,
        allow_interruptions=True,
        margin=10,
        margin_bottom=24,
        spacing=12,
    )
    chart.uuid = chart_id.removeprefix("chart-")
    return chart


def _svg(chart, chart_id: str) -> str:  # type: ignore[no-untyped-def]
    svg = chart.render(is_unicode=True)
    svg = re.sub(r"<script\b.*?</script>", "", svg, flags=re.S)
    svg = re.sub(r"<!--.*?-->", "", svg, flags=re.S)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{chart_id}" ', 1)


def _add(chart, label: str, values: Sequence[float | None], k: int, start: int = 0) -> None:  # type: ignore[no-untyped-def]
    """Two series of colour ``k``: the step line (in the legend) and a dot at each week's value."""
    dash = DASHES[k % len(DASHES)]
    style: dict[str, object] = {"width": 2.5}
    if dash:
        style["dasharray"] = dash
    chart.add(label, steps(values, start), stroke_style=style)
    dots = [(float(start + i), v) if v is not None else None for i, v in enumerate(values)]
    chart.add(None, dots, stroke=False, show_dots=True, dots_size=2.5)


def _colours(series: int, extra: Sequence[str] = ()) -> list[str]:
    """The colour list for ``series`` step series (two pygal series each), then ``extra`` lines."""
    out: list[str] = []
    for k in range(series):
        out += [COLOURS[k % len(COLOURS)]] * 2
    return out + list(extra)


def tension_svg(d: Debrief) -> str:
    """Tension after each week, 0-100, with the crisis line."""
    n = len(d.weeks) - 1
    cid = "chart-tension"
    chart = _chart(
        f"Tension by {d.unit}, 0-100 (crisis at {d.crisis:.0f})",
        n,
        d.unit,
        (0, 100),
        [0, 20, 40, 60, 80, 100],
        cid,
        _colours(1, ["#b5400d"]),
    )
    _add(chart, "tension", [w.tension for w in d.weeks], 0)
    chart.add(
        f"crisis line ({d.crisis:.0f})",
        [(0.0, d.crisis), (float(max(n, 1)), d.crisis)],
        stroke_style={"width": 1.5, "dasharray": "6,4"},
    )
    return _svg(chart, cid)


def trust_svg(d: Debrief, side: SideDebrief) -> str:
    """``side``'s trust in each other state against the truth (1 security seeker, 0 greedy)."""
    n = len(d.weeks) - 1
    cid = f"chart-trust-{side.actor}".lower()
    chart = _chart(
        f"{side.capital}'s trust in each state, against the truth",
        n,
        d.unit,
        (0, 1),
        [0, 0.25, 0.5, 0.75, 1],
        cid,
        _colours(len(side.trust)),
    )
    for k, line in enumerate(side.trust):
        _add(chart, f"{line.name}: truly {line.hidden} ({line.truth:.0f})", line.values, k)
    return _svg(chart, cid)


def compare_svg(c: Comparison, unit: str) -> str:
    """Tension in the first game and in this branch, week by week, and the week they part."""
    n = len(c.weeks) - 1
    cid = "chart-branches"
    chart = _chart(
        f"Tension in both branches (the branch left after {unit} {c.week})",
        n,
        unit,
        (0, 100),
        [0, 20, 40, 60, 80, 100],
        cid,
        _colours(2, ["#444444"]),
    )
    _add(chart, "this branch", [w.branch_tension for w in c.weeks], 0)
    _add(chart, f"first game ({c.parent})", [w.parent_tension for w in c.weeks], 1)
    chart.add(
        f"fork ({unit} {c.week})",
        [(float(c.week), 0.0), (float(c.week), 100.0)],
        stroke_style={"width": 1.5, "dasharray": "2,3"},
    )
    return _svg(chart, cid)
