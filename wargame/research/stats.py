"""Summary statistics of tidy game rows: rates with Wilson intervals, means with normal intervals."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

Z95 = 1.959963984540054
"""The 97.5th percentile of the standard normal (two-sided 95% intervals)."""


def wilson(successes: int, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval of a proportion (Wilson 1927): ``(low, high)`` in [0, 1].

    >>> tuple(round(x, 4) for x in wilson(0, 10))
    (0.0, 0.2775)
    >>> tuple(round(x, 4) for x in wilson(5, 10))
    (0.2366, 0.7634)
    """
    if n <= 0:
        return (0.0, 1.0)
    p = successes / n
    z2 = z * z
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = z / (1 + z2 / n) * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    return (max(0.0, centre - half), min(1.0, centre + half))


@dataclass
class Mean:
    """A running mean with its standard error (Welford)."""

    n: int = 0
    mean: float = 0.0
    m2: float = 0.0

    def add(self, x: float) -> None:
        """Add one observation."""
        self.n += 1
        d = x - self.mean
        self.mean += d / self.n
        self.m2 += d * (x - self.mean)

    @property
    def half_width(self) -> float:
        """Half the 95% normal interval of the mean (0 for fewer than two observations)."""
        if self.n < 2:
            return 0.0
        return Z95 * math.sqrt(self.m2 / (self.n - 1) / self.n)


@dataclass
class Rate:
    """A count of successes over trials, with its Wilson interval."""

    k: int = 0
    n: int = 0

    def add(self, hit: bool) -> None:
        """Add one trial."""
        self.n += 1
        self.k += bool(hit)

    @property
    def value(self) -> float:
        """The share, in [0, 1] (0 with no trials)."""
        return self.k / self.n if self.n else 0.0

    @property
    def interval(self) -> tuple[float, float]:
        """The 95% Wilson interval."""
        return wilson(self.k, self.n)


def mean_of(values: Iterable[float]) -> Mean:
    """The :class:`Mean` of ``values``."""
    m = Mean()
    for v in values:
        m.add(v)
    return m
