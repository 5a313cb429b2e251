"""Outside player policies for the tournament's plug-in tests (``module:attribute`` specs)."""

from __future__ import annotations

from wargame.engine.doctrines import DOCTRINES


class DoveCopy:
    """Plays exactly as the ``dove`` doctrine, through the outside-policy interface."""

    def decide(self, view, rng):  # type: ignore[no-untyped-def]
        return DOCTRINES["dove"].decide(view, rng)


NOT_A_POLICY = 42


class Reseeds:
    """Tries to reseed the game's stream (refused: a stream is fixed by its key)."""

    def decide(self, view, rng):  # type: ignore[no-untyped-def]
        rng.seed(1)
        return DOCTRINES["dove"].decide(view, rng)


class ReturnsNothing:
    """Forgets to return its order."""

    def decide(self, view, rng):  # type: ignore[no-untyped-def]
        return None


class OrdersNonsense:
    """Orders an instrument the scenario does not have."""

    def decide(self, view, rng):  # type: ignore[no-untyped-def]
        from wargame.engine.state import Order

        return Order("nukes", None), {}
