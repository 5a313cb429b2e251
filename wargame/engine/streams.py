"""Seeded random streams that cost nothing until a draw needs them.

The game derives each round's streams from strings (``"seed/round/doctrine"``…; wargame/game.py).
Seeding a Mersenne Twister costs about 4 µs, a few percent of a round, and in most rounds the
doctrines' stream is never drawn from, or only for a coin whose value cannot change anything
(the greedy opportunist's step down from its bottom rung). :class:`LazyStream` is seeded on its
first draw, and a consumer whose draw cannot matter *passes* it (:func:`pass_draw`) instead of
drawing: the stream owes the draw and makes it just before any later one, so every value a later
consumer draws is the value the eager stream ``random.Random(key)`` would have given it. A stream
whose only draws were passed is never seeded.
"""

from __future__ import annotations

import random


class LazyStream:
    """The stream ``random.Random(key)``, seeded only when a draw needs it.

    Draws are exactly those of the eager stream, in the same order: passed draws
    (:meth:`pass_draw`) are made, and thrown away, before the next real draw. Any other method of
    ``random.Random`` (``choice``, ``getstate``… an outside policy may call them) seeds the stream
    and settles what it owes first. It copies (``copy.copy``, ``deepcopy``: an independent stream
    at the same position) and pickles; it is not an instance of ``random.Random``.
    """

    __slots__ = ("_key", "_owed", "_rng")

    def __init__(self, key: str) -> None:
        self._key = key
        self._rng: random.Random | None = None
        self._owed = 0
        """Draws passed before the stream was seeded, made when it is."""

    @property
    def seeded(self) -> bool:
        """Whether a draw has needed the stream yet (tests read it)."""
        return self._rng is not None

    def _real(self) -> random.Random:
        """The eager stream, seeded now if not yet, with every passed draw made."""
        if self._rng is None:
            rng = random.Random(self._key)
            for _ in range(self._owed):
                rng.random()
            self._owed = 0
            self._rng = rng
        return self._rng

    def random(self) -> float:
        """The next float in [0, 1) of the stream."""
        return (self._rng or self._real()).random()

    def pass_draw(self) -> None:
        """Take the next draw without its value: owed while the stream is unseeded, made at
        once (and thrown away) after."""
        if self._rng is None:
            self._owed += 1
        else:
            self._rng.random()

    def __getattr__(self, name: str) -> object:
        # only the stream's own methods go to the eager stream: special names (copy's and
        # pickle's hooks) and our slots do not, or a copy being built would recurse into _real
        if name.startswith("__") or name in LazyStream.__slots__:
            raise AttributeError(name)
        return getattr(self._real(), name)

    def __copy__(self) -> LazyStream:
        """An independent stream at the same position (a seeded one's state is copied, not shared)."""
        twin = LazyStream(self._key)
        twin._owed = self._owed
        if self._rng is not None:
            twin._rng = random.Random()
            twin._rng.setstate(self._rng.getstate())
        return twin

    def __deepcopy__(self, memo: dict[int, object]) -> LazyStream:
        return self.__copy__()


def pass_draw(rng: random.Random) -> None:
    """Take ``rng``'s next draw for a caller that has shown its value cannot change anything.

    The stream advances exactly as ``rng.random()`` would advance it, so later draws keep their
    values; a :class:`LazyStream` only owes the draw, and is never seeded if nothing draws after.
    """
    if isinstance(rng, LazyStream):
        rng.pass_draw()
    else:
        rng.random()
