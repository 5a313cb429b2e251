"""The project's history replays: the ``*.toml`` history files in this folder (the format and its
builder are :mod:`wargame.history`; build one with ``wargame history FILE``).

    wargame history tests/replays/cuba-1962-history.toml    # writes cuba-1962-history.json
    python -m tests.replays.generate                        # every golden, history replays included

then re-fingerprint what changed: ``python -m tests.replays.fingerprint --update NAME``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from wargame.history import HistoryReplay, read

__all__ = ["HERE", "HistoryReplay", "files", "read", "replays"]

HERE = Path(__file__).resolve().parent


def files() -> list[Path]:
    """The history files in this folder."""
    return sorted(HERE.glob("*.toml"))


@cache
def replays() -> dict[str, HistoryReplay]:
    """Record stem → its history file, read once."""
    return {p.stem: read(p) for p in files()}
