"""Counter-based random streams, one per (seed, round, purpose), that cost nothing until drawn.

A round draws from three streams, each keyed by a string ``"seed/round/purpose"`` (purposes
``engine``, ``tremble``, ``doctrine``; ``"seed/0/types"`` draws the hidden types; wargame/game.py).
Model 3 seeded a Mersenne Twister per stream (``random.Random(key)``): SHA-512 of the key, then
setting up the twister's 624 words, 4.8 µs per stream on this project's machine
(``python -m timeit "import random" "random.Random('1/2/engine')"``), two or three streams a
round: about a quarter of model 3's compiled round (43 µs, ``bench/compare.py``), for streams
that give a round a few dozen values at most. :class:`Stream` (model 4) is a
counter-mode extendable-output function instead:

    block ``b`` of the stream  = SHAKE-256(UTF-8 of ``"key/b"``), 128 bytes (b = 0, 1, 2 …)
    value ``16·b + k``          = (w_k mod 2^52) / 2^52, w_k its k-th 8-byte little-endian word

so value ``n`` of a stream is a pure function of the key and ``n``: uniform on the multiples of
2^−52 in [0, 1), the same on every machine, and independent of what other streams drew. SHAKE-256
is FIPS 202's extendable-output function, in every Python's ``hashlib`` since 3.6; a keyed XOF in
counter mode is the standard construction of a random stream from a secret key (the classroom's
key is one: wargame/classroom.py), and no value tells anything of the key or of another block.
Nothing is computed until a value is drawn; then a whole block of 16 values at once.

Per-(round, purpose) streams keep *common random numbers*: a fork that changes week 3's order
draws the same noise in week 5 as its parent whenever week 5 asks for the same values, which
makes a what-if comparable week by week (wargame/analysis/branches.py).

A consumer whose draw cannot change anything *passes* it (:func:`pass_draw`): the stream advances
past the value without computing it (the greedy opportunist's coin on its bottom rung).

Outside policies (``decide(view, rng)``) receive :class:`StreamRandom` (in
:mod:`wargame.engine.randomness`), a ``random.Random`` whose every method draws from the stream.
"""

from __future__ import annotations

import struct
from hashlib import shake_256
from typing import Final, Protocol

BLOCK: Final = 16
"""Values per SHAKE-256 block (128 bytes: within one Keccak-f permutation's 136-byte rate).

The module's constants are ``Final``: compiled with mypyc, a plain module constant is looked up in
the module's dict at every use (twice a draw here); a ``Final`` one is a C constant."""

_BYTES: Final = 8 * BLOCK
_MANTISSAS: Final = int.from_bytes(b"\xff\xff\xff\xff\xff\xff\x0f\x00" * BLOCK, "little")
"""The low 52 bits of every 8-byte word of a block, as one integer mask."""
_ONES: Final = int.from_bytes(b"\x00\x00\x00\x00\x00\x00\xf0\x3f" * BLOCK, "little")
"""IEEE 754's exponent of 1.0 in every word: a word becomes 1 + (w mod 2^52)/2^52, in [1, 2)."""
_AS_FLOATS: Final = struct.Struct(f"<{BLOCK}d")


class Draws(Protocol):
    """What the engine asks of a random stream: a :class:`Stream`, or any ``random.Random``
    (tests hand the engine seeded Mersenne Twisters)."""

    def random(self) -> float:
        """The next value, uniform in [0, 1)."""
        ...


class Stream:
    """The stream keyed ``key`` (``"seed/round/purpose"``): value ``n`` is the module's formula.

    ``random()`` draws the next value; ``pass_draw()`` moves past it without computing it;
    ``position`` is how many values were drawn or passed. Blocks are computed when first needed,
    one at a time (a stream drawn only at its start never computes a second block).
    """

    __slots__ = ("_loaded", "_prefix", "_values", "key", "position")

    def __init__(self, key: str, position: int = 0) -> None:
        """Args:
        key: the stream's key (``"seed/round/purpose"``; any string).
        position: the value to draw first (0: the start; :meth:`StreamRandom.setstate` uses it).

        Raises:
            ValueError: ``position`` is negative.
        """
        if position < 0:
            raise ValueError(f"a stream's position is 0 or more, not {position}")
        self.key = key
        self.position = position
        self._prefix = (key + "/").encode()
        self._loaded = -1
        self._values: tuple[float, ...] = ()
        """Block ``_loaded``'s values plus one, in [1, 2) (1.0 is subtracted at the draw, exactly)."""

    def _load(self, block: int) -> None:
        words = int.from_bytes(shake_256(self._prefix + str(block).encode()).digest(_BYTES), "little")
        # every word's exponent set to 1.0's: the block's 16 floats 1 + m/2^52 in one unpack
        self._values = _AS_FLOATS.unpack(((words & _MANTISSAS) | _ONES).to_bytes(_BYTES, "little"))
        self._loaded = block

    def random(self) -> float:
        """The next value of the stream, uniform on the multiples of 2^−52 in [0, 1)."""
        n = self.position
        self.position = n + 1
        block = n // BLOCK
        if block != self._loaded:
            self._load(block)
        return self._values[n - block * BLOCK] - 1.0

    def draws(self, count: int) -> list[float]:
        """The next ``count`` values, as ``count`` calls of :meth:`random` would draw them.

        Taken a block's run at a time (interpreted, a call of :meth:`random` per value cost
        a round's perception about 6 µs)."""
        out: list[float] = []
        while count > 0:
            n = self.position
            block = n // BLOCK
            if block != self._loaded:
                self._load(block)
            start = n - block * BLOCK
            take = min(count, BLOCK - start)
            out.extend([value - 1.0 for value in self._values[start : start + take]])
            self.position = n + take
            count -= take
        return out

    def pass_draw(self) -> None:
        """Move past the next value without computing it."""
        self.position += 1

    @property
    def computed(self) -> bool:
        """Whether any block of the stream has been computed yet (tests read it)."""
        return self._loaded >= 0

    def __repr__(self) -> str:
        return f"Stream({self.key!r}, position={self.position})"


def pass_draw(rng: Draws) -> None:
    """Take ``rng``'s next draw for a caller that has shown its value cannot change anything.

    The stream advances exactly as ``rng.random()`` would advance it, so later draws keep their
    values; a :class:`Stream` only moves its position (nothing is computed).
    """
    if isinstance(rng, Stream):
        rng.pass_draw()
    else:
        rng.random()


def draws(rng: Draws, count: int) -> list[float]:
    """The next ``count`` values of ``rng.random()``, in one call for a :class:`Stream`."""
    if isinstance(rng, Stream):
        return rng.draws(count)
    return [rng.random() for _ in range(count)]
