"""Streaming summaries of tidy game rows, by cell: rates (Wilson intervals) and means.

Rows are folded in as they arrive, so a study of 100,000 games keeps only one summary per cell.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from wargame.research.stats import Mean, Rate

RATES = ("peace", "war", "armed_clash")
"""The outcome rates of a cell (shares of its games)."""

MEANS = ("mean_tension", "final_tension", "escalation")
"""The game means of a cell."""


@dataclass
class CellSummary:
    """The summary of one cell's games."""

    key: tuple[Any, ...]
    rates: dict[str, Rate] = field(default_factory=lambda: {r: Rate() for r in RATES})
    means: dict[str, Mean] = field(default_factory=lambda: {m: Mean() for m in MEANS})
    actors: dict[str, Mean] = field(default_factory=dict)

    @property
    def games(self) -> int:
        """Games summarised."""
        return self.rates["peace"].n


class Aggregate:
    """Summaries of rows grouped by the columns ``keys``, with the escalation score of ``actors``.

    Args:
        keys: the columns naming a group (``doctrine_a``, ``doctrine_b``; a swept path …).
        actors: the actors whose per-actor escalation score (``escalation_<ID>``) is summarised,
            named by the role given (``{"a": "USA"}`` → ``escalation_a``), or by id.
    """

    def __init__(self, keys: list[str], actors: dict[str, str] | None = None, exact: bool = False) -> None:
        self.keys = keys
        self.exact = exact  # expectation mode: one deterministic game per cell, no interval
        self.actors = actors or {}
        self.cells: dict[tuple[Any, ...], CellSummary] = {}

    def add(self, rows: Iterable[dict[str, Any]]) -> None:
        """Fold rows in."""
        for row in rows:
            key = tuple(row[k] for k in self.keys)
            cell = self.cells.get(key)
            if cell is None:
                cell = self.cells[key] = CellSummary(key, actors={r: Mean() for r in self.actors})
            for r in RATES:
                cell.rates[r].add(row[r])
            for m in MEANS:
                cell.means[m].add(row[m])
            for role, actor in self.actors.items():
                cell.actors[role].add(row[f"escalation_{actor}"])

    def rows(self) -> list[dict[str, Any]]:
        """One dict per cell, in the order cells were first seen: keys, games, each rate with its
        interval (``peace``, ``peace_low``, ``peace_high``; both the rate itself when ``exact``:
        a deterministic game has no sampling interval), each mean with its half-width."""
        out = []
        for cell in self.cells.values():
            d: dict[str, Any] = dict(zip(self.keys, cell.key))
            d["games"] = cell.games
            for r, rate in cell.rates.items():
                lo, hi = (rate.value, rate.value) if self.exact else rate.interval
                d[r], d[f"{r}_low"], d[f"{r}_high"] = rate.value, lo, hi
            for m, mean in cell.means.items():
                d[m], d[f"{m}_pm"] = mean.mean, mean.half_width
            for role, mean in cell.actors.items():
                d[f"escalation_{role}"], d[f"escalation_{role}_pm"] = mean.mean, mean.half_width
            out.append(d)
        return out
