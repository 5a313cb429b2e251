"""Plots of study summaries (matplotlib, no display): tournament heatmaps and sweep lines, as PNG
and SVG. The SVG carries no date and fixed ids, so the same summary gives the same file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

LABELS = {
    "peace": "peace rate",
    "war": "war rate",
    "armed_clash": "armed-clash rate",
    "mean_tension": "mean tension (0-100)",
    "final_tension": "final tension (0-100)",
    "escalation": "escalation score",
}


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams["svg.hashsalt"] = "wargame"
    import matplotlib.pyplot as plt

    return plt


def _save(fig: Any, png: Path, svg: Path) -> None:
    fig.savefig(png, dpi=110, metadata={"Software": None})
    fig.savefig(svg, metadata={"Date": None, "Creator": None})


def heatmap(
    rows: list[dict[str, Any]],
    row_key: str,
    col_key: str,
    png: Path,
    svg: Path,
    title: str,
    row_label: str,
    col_label: str,
    metrics: tuple[str, ...] = ("peace", "war", "armed_clash"),
) -> None:
    """One panel per metric: ``row_key`` values down, ``col_key`` values across, each cell
    coloured and written as a percentage (rates) or a number."""
    plt = _pyplot()
    rows_v = list(dict.fromkeys(r[row_key] for r in rows))
    cols_v = list(dict.fromkeys(r[col_key] for r in rows))
    at = {(r[row_key], r[col_key]): r for r in rows}
    n = len(metrics)
    width = max(4.0, 0.55 * len(cols_v) + 2.5)
    height = max(3.0, 0.4 * len(rows_v) + 2.0)
    # constrained layout keeps each colour bar's ticks clear of the next panel (its labels)
    fig, axes = plt.subplots(1, n, figsize=(width * n, height), squeeze=False, layout="constrained")
    fig.get_layout_engine().set(wspace=0.06)
    for k, (ax, metric) in enumerate(zip(axes[0], metrics)):
        is_rate = metric in ("peace", "war", "armed_clash")
        grid = [[at[(y, x)][metric] if (y, x) in at else float("nan") for x in cols_v] for y in rows_v]
        cmap = {"peace": "Greens", "war": "Reds", "armed_clash": "Oranges"}.get(metric, "viridis")
        im = ax.imshow(grid, cmap=cmap, vmin=0.0, vmax=1.0 if is_rate else None, aspect="auto")
        ax.set_xticks(range(len(cols_v)), [str(c) for c in cols_v], rotation=60, ha="right", fontsize=8)
        ax.set_yticks(range(len(rows_v)), [str(r) for r in rows_v], fontsize=8)
        if k:  # the rows are the same in every panel: named once, on the first
            ax.tick_params(axis="y", left=False, labelleft=False)
        ax.set_xlabel(col_label)
        if k == 0:
            ax.set_ylabel(row_label)
        ax.set_title(LABELS.get(metric, metric))
        if len(rows_v) * len(cols_v) <= 400:
            lo, hi = im.get_clim()
            for i, line in enumerate(grid):
                for j, v in enumerate(line):
                    if v == v:  # not NaN
                        text = f"{100 * v:.0f}" if is_rate else f"{v:.1f}"
                        dark = hi > lo and (v - lo) / (hi - lo) > 0.55
                        ax.text(
                            j,
                            i,
                            text,
                            ha="center",
                            va="center",
                            fontsize=7,
                            color="white" if dark else "black",
                        )
        fig.colorbar(im, ax=ax, shrink=0.8)
    fig.suptitle(title)
    _save(fig, png, svg)
    plt.close(fig)


def sweep_lines(
    rows: list[dict[str, Any]],
    x_key: str,
    group_keys: list[str],
    png: Path,
    svg: Path,
    title: str,
    metrics: tuple[str, ...] = ("mean_tension", "war", "peace"),
) -> None:
    """One panel per metric against ``x_key``, one line per combination of ``group_keys``;
    rates with their Wilson intervals as bands, means with ± 95% bars."""
    plt = _pyplot()
    groups: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for r in rows:
        groups.setdefault(tuple(r[k] for k in group_keys), []).append(r)
    fig, axes = plt.subplots(1, len(metrics), figsize=(5.0 * len(metrics), 4.0), squeeze=False)
    for ax, metric in zip(axes[0], metrics):
        for g, rs in groups.items():
            rs = sorted(rs, key=lambda r: r[x_key])
            xs = [r[x_key] for r in rs]
            ys = [r[metric] for r in rs]
            name = ", ".join(f"{k}={v}" for k, v in zip(group_keys, g)) or None
            if metric in ("peace", "war", "armed_clash"):
                (line,) = ax.plot(xs, ys, marker="o", label=name)
                ax.fill_between(
                    xs,
                    [r[metric + "_low"] for r in rs],
                    [r[metric + "_high"] for r in rs],
                    alpha=0.2,
                    color=line.get_color(),
                )
                ax.set_ylim(-0.02, 1.02)
            else:
                ax.errorbar(xs, ys, yerr=[r[metric + "_pm"] for r in rs], marker="o", capsize=3, label=name)
        ax.set_xlabel(x_key)
        ax.set_title(LABELS.get(metric, metric))
        ax.grid(alpha=0.3)
        if group_keys:
            ax.legend(fontsize=7)
    fig.suptitle(title)
    fig.tight_layout()
    _save(fig, png, svg)
    plt.close(fig)
