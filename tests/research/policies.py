"""Outside player policies for the tournament's plug-in tests (``module:attribute`` specs)."""

from __future__ import annotations

from wargame.engine.doctrines import DOCTRINES


class DoveCopy:
    """Plays exactly as the ``dove`` doctrine, through the outside-policy interface."""

    def decide(self, view, rng):  # type: ignore[no-untyped-def]
        return DOCTRINES["dove"].decide(view, rng)


NOT_A_POLICY = 42
