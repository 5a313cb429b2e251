"""A ``random.Random`` over a :class:`~wargame.engine.streams.Stream`, for outside policies.

An outside policy (a trained agent, a student's strategy: ``decide(view, rng)``,
:class:`wargame.game.Policy`) may use any method of ``random.Random`` (``choice``, ``shuffle``,
``gauss``…). :class:`StreamRandom` draws every one of them from the round's doctrine stream, so a
policy's game is as reproducible as a doctrine's. Kept apart from :mod:`wargame.engine.streams`
because the compiled engine's classes cannot derive from ``random.Random``.
"""

from __future__ import annotations

from collections.abc import Sequence
from random import Random
from typing import Any

from wargame.engine.streams import Stream


class StreamRandom(Random):
    """``random.Random``'s methods, every one drawn from ``stream`` (``random()`` is its next
    value; ``getrandbits(k)`` takes 32 bits from each of ⌈k/32⌉ values). ``seed()`` is refused:
    a stream's values are fixed by its key. Copies and pickles keep the stream's key and position.
    """

    def __init__(self, stream: Stream | None = None) -> None:
        """Args:
        stream: the stream to draw from (None: an empty-keyed stream, replaced by ``setstate``).
        """
        super().__init__()
        self.stream = stream if stream is not None else Stream("")

    def seed(self, a: Any = None, version: int = 2) -> None:
        """Refuse to reseed (``random.Random.__init__``'s own call, with no value, is let pass).

        Raises:
            TypeError: any value: a stream is fixed by its key.
        """
        if a is not None:
            raise TypeError("a game's random stream is fixed by its key and cannot be reseeded")

    def random(self) -> float:
        """The stream's next value, in [0, 1)."""
        return self.stream.random()

    def getrandbits(self, k: int) -> int:
        """``k`` random bits: 32 from each of the next ⌈k/32⌉ values, the first value's lowest."""
        if k < 0:
            raise ValueError("number of bits must be non-negative")
        bits = 0
        for i in range((k + 31) // 32):
            bits |= int(self.stream.random() * 4294967296.0) << (32 * i)
        return bits & ((1 << k) - 1)

    def getstate(self) -> tuple[Any, ...]:
        """``(key, position, gauss_next)``: where the stream stands, and the second normal value
        ``gauss()`` keeps for its next call (so a copy draws what the original draws)."""
        return self.stream.key, self.stream.position, self.gauss_next

    def setstate(self, state: Sequence[Any]) -> None:
        """Go back (or on) to a ``getstate()`` value.

        Raises:
            ValueError: ``state`` is not ``(key, position, gauss_next)`` (or ``(key, position)``)
                with a position of 0 or more.
        """
        if (
            len(state) not in (2, 3)
            or not isinstance(state[0], str)
            or not isinstance(state[1], int)
            or state[1] < 0
            or (len(state) == 3 and state[2] is not None and not isinstance(state[2], float))
        ):
            raise ValueError("a stream's state is (key, position >= 0, gauss_next)")
        self.stream = Stream(state[0], state[1])
        self.gauss_next = state[2] if len(state) == 3 else None
