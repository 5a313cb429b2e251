"""What the fuzz suite reached, printed at the end of the run (see the root ``conftest.py``)."""

from __future__ import annotations

from collections import Counter

FIGURES: Counter[str] = Counter()
"""Counts by name (files, runs, tracebacks, kills, keys at each size, ...)."""
SLOWEST: dict[str, float] = {}
"""The longest time any input took to be accepted or rejected (seconds), by kind."""


def slowest(kind: str, seconds: float) -> None:
    """Note how long an input took."""
    SLOWEST[kind] = max(SLOWEST.get(kind, 0.0), seconds)


def report() -> list[str]:
    """The figures, one per line."""
    lines = [f"{name}: {count:,}" for name, count in sorted(FIGURES.items())]
    lines += [f"slowest {kind}: {seconds:.3f} s" for kind, seconds in sorted(SLOWEST.items())]
    return lines
