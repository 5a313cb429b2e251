"""``wargame sweep``: a grid over any ``--set`` parameters (issue 15 item 2).

A swept value is ``LOW:HIGH:N`` (N evenly spaced values, both ends included) or a list
``A,B,C``; a single value is an override of every game, not a dimension of the grid.
"""

from __future__ import annotations

import itertools
from typing import Any

from wargame.analysis.batch import Cell
from wargame.errors import InputError
from wargame.scenario.overrides import parse_value

MAX_CELLS = 10_000
"""The most cells a sweep may have."""


def parse_grid(values: tuple[str, ...]) -> tuple[dict[str, list[Any]], dict[str, Any]]:
    """``--set`` values of a sweep: (swept paths → their values, fixed paths → value).

    Raises:
        InputError: not PATH=VALUE, a range that is not LOW:HIGH:N with N ≥ 2, a path twice.
    """
    grid: dict[str, list[Any]] = {}
    fixed: dict[str, Any] = {}
    for v in values:
        path, sep, text = v.partition("=")
        path, text = path.strip(), text.strip()
        if not sep or not path or not text:
            raise InputError(
                "command line", "--set", f"expected PATH=VALUE, PATH=LOW:HIGH:N or PATH=A,B,C, got {v!r}"
            )
        if path in grid or path in fixed:
            raise InputError("command line", f"--set {v}", f"{path} is given twice")
        if ":" in text:
            grid[path] = _linspace(text, path)
        elif "," in text and not text.startswith("["):
            grid[path] = [parse_value(x.strip()) for x in text.split(",") if x.strip()]
        else:
            fixed[path] = parse_value(text)
    return grid, fixed


def _linspace(text: str, path: str) -> list[Any]:
    parts = text.split(":")
    try:
        lo, hi, n = float(parts[0]), float(parts[1]), int(parts[2])
        if len(parts) != 3 or n < 2:
            raise ValueError
    except (ValueError, IndexError):
        raise InputError(
            "command line", f"--set {path}", f"expected LOW:HIGH:N with N ≥ 2 (e.g. 0.1:0.9:5), got {text!r}"
        ) from None
    step = (hi - lo) / (n - 1)
    values = [round(lo + k * step, 10) for k in range(n)]
    if all(float(x).is_integer() for x in (lo, hi, step)):
        return [int(x) for x in values]
    return values


def design(grid: dict[str, list[Any]]) -> tuple[Cell, ...]:
    """Every combination of the swept values, the first path varying slowest.

    Raises:
        InputError: more than :data:`MAX_CELLS` cells.
    """
    paths = list(grid)
    size = 1
    for vs in grid.values():
        size *= len(vs)
    if size > MAX_CELLS:
        raise InputError("command line", "--set", f"{size} cells in the grid; at most {MAX_CELLS}")
    cells = []
    for combo in itertools.product(*(grid[p] for p in paths)):
        pairs = tuple(zip(paths, combo))
        cells.append(Cell(labels=pairs, overrides=pairs))
    return tuple(cells)


def table_rows(summary: list[dict[str, Any]], keys: list[str]) -> tuple[list[str], list[list[str]]]:
    """The printed (and reported) table: header and one line per cell."""
    from wargame.research.study import rate_text

    header = [*keys, "games", "peace", "war", "armed clash", "mean T", "final T", "ES"]
    lines = [
        [
            *(str(r[k]) for k in keys),
            str(r["games"]),
            rate_text(r, "peace"),
            rate_text(r, "war"),
            rate_text(r, "armed_clash"),
            f"{r['mean_tension']:.1f}±{r['mean_tension_pm']:.1f}",
            f"{r['final_tension']:.1f}±{r['final_tension_pm']:.1f}",
            f"{r['escalation']:.1f}",
        ]
        for r in summary
    ]
    return header, lines
