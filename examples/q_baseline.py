"""The trained Q-learning baseline (``examples/q_baseline.json``, made by ``train_baseline.py``)
as an outside policy: an object with ``decide(view, rng) -> (order, memory)``, like a doctrine.

Seat it as Blue in the test bed wherever a ``module:attribute`` policy is accepted, e.g.::

    PYTHONPATH=examples wargame tournament --scenario dyad-testbed --sides BLUE --players default,q_baseline:policy
"""

from __future__ import annotations

from pathlib import Path

from wargame.agents.baseline import TabularQ
from wargame.scenario.load import load

TABLE = Path(__file__).resolve().with_name("q_baseline.json")

policy = TabularQ.load(TABLE, load("dyad-testbed").rules)
"""Blue's trained table (greedy in its values; it plays Blue only)."""
