"""A small learning baseline: tabular Q-learning over a coarse reading of the observation.

The learner plays one side. Its state is four coarse facts read from the observation vector
(:class:`~wargame.agents.encoding.Codec`), about the rival it trusts least among those it
watches: that rival's last act as seen (none, a concession, a hold, a threat or show of force, a
use of force), the agent's trust in it (below 0.3, below μ*, at or above μ*), the public tension
(below 20, below 60, 60 or more) and whether a treaty was proposed to the agent. Its actions
are the instruments the side may use, aimed at that rival. It learns from the environment's
reward (:class:`~wargame.agents.reward.Reward`) with ε-greedy exploration.

A trained table plays as an outside policy too: :meth:`TabularQ.decide` takes a
:class:`~wargame.engine.views.View` and returns ``(Order, memory)`` like a doctrine, so a game
(``game.set_policy``) or a tournament can seat it. ``examples/train_baseline.py`` trains Blue's
table in the test bed and writes :data:`TRAINED`; :func:`trained_blue` loads it, and the package
registers it as the outside policy ``q_baseline`` (entry point group ``wargame.policies``), so
``wargame tournament --scenario dyad-testbed --sides BLUE --players default,q_baseline`` seats it
beside the doctrines.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from wargame.agents.encoding import Codec
from wargame.engine import Order, Rules, View
from wargame.engine.rules import Category

if TYPE_CHECKING:
    from wargame.agents.env import WargameEnv

TRAINED = Path(__file__).resolve().with_name("q_baseline.json")
"""Blue's table in the test bed, as ``examples/train_baseline.py`` trained it (docs/agents.md)."""


@dataclass
class TabularQ:
    """A Q-table for one side of one scenario.

    Args:
        rules: the scenario's rules; side: the actor it plays.
        q: state key (``"last|trust|tension|proposal"``) → instrument → value.
    """

    rules: Rules
    side: str
    q: dict[str, dict[str, float]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.codec = Codec(self.rules, self.side)
        self.names = {n: k for k, n in enumerate(self.codec.feature_names())}
        self.instruments = [i for i in self.rules.instruments if self.rules.usable(self.side, i)]

    # --- reading the observation --------------------------------------------------------------

    def rival(self, obs: np.ndarray) -> str:
        """The watched rival the agent trusts least (ties: scenario order)."""
        names = self.names
        watched = [o for o in self.codec.others if obs[names[f"{o}.rival"]] > 0.5] or list(self.codec.others)
        return min(watched, key=lambda o: obs[names[f"{o}.trust"]])

    def state(self, obs: np.ndarray) -> str:
        """The coarse state of an observation vector, as a table key."""
        names, rules = self.names, self.rules
        x = self.rival(obs)
        seen = [i for i in self.codec.instruments if obs[names[f"{x}.last.{i}"]] > 0.5]
        last = "none"
        if seen:
            inst = rules.instruments[seen[0]]
            if inst.category is Category.HOLD:
                last = "hold"
            elif inst.is_conciliatory:
                last = "concede"
            elif inst.mid_level >= 4:
                last = "force"
            else:
                last = "threat"
        trust = float(obs[names[f"{x}.trust"]])
        trust_band = 0 if trust < 0.3 else (1 if trust < rules.mu_star else 2)
        t = float(obs[names["tension"]]) * 100.0
        tension_band = 0 if t < 20 else (1 if t < 60 else 2)
        proposal = int(obs[names[f"{x}.proposal_to_me"]] > 0.5)
        return f"{last}|{trust_band}|{tension_band}|{proposal}"

    def order(self, obs: np.ndarray, instrument: str) -> Order:
        """``instrument`` aimed at the rival (or at no one, if it takes no target)."""
        return Order(instrument, self.rival(obs) if self.rules.instruments[instrument].targeted else None)

    def best(self, key: str) -> str:
        """The instrument of highest value in state ``key`` (ties: catalogue order; unseen: hold)."""
        row = self.q.get(key)
        if not row:
            roles = self.rules.actor_by_id[self.side].roles
            return roles.hold or roles.talk
        return max(self.instruments, key=lambda i: row.get(i, 0.0))

    # --- learning -----------------------------------------------------------------------------

    def train(
        self,
        env: WargameEnv,
        episodes: int,
        seeds: Iterable[int] | None = None,
        alpha: float = 0.1,
        gamma: float = 0.95,
        epsilon: tuple[float, float] = (1.0, 0.05),
        rng_seed: int = 0,
    ) -> list[float]:
        """Q-learning over ``episodes`` episodes of ``env`` (its side must be this table's).
        ε falls linearly from ``epsilon[0]`` to ``epsilon[1]``. Returns each episode's return.

        Deterministic: episode k is the game of seed ``seeds[k]`` (default ``k``), and the
        exploration draws come from ``random.Random(rng_seed)``.
        """
        if env.side != self.side:
            raise ValueError(f"the env plays {env.side}, this table {self.side}")
        rng = random.Random(rng_seed)
        seed_list = list(seeds) if seeds is not None else list(range(episodes))
        returns = []
        for k in range(episodes):
            eps = epsilon[0] + (epsilon[1] - epsilon[0]) * k / max(1, episodes - 1)
            obs, _ = env.reset(seed=seed_list[k % len(seed_list)])
            key = self.state(obs["observation"])
            total = 0.0
            while True:
                if rng.random() < eps:
                    inst = rng.choice(self.instruments)
                else:
                    inst = self.best(key)
                action = self.codec.action(self.order(obs["observation"], inst))
                obs, reward, terminated, truncated, _ = env.step(action)
                total += reward
                nxt = self.state(obs["observation"])
                row = self.q.setdefault(key, {})
                future = 0.0 if terminated else max(self.q.get(nxt, {}).values(), default=0.0)
                old = row.get(inst, 0.0)
                row[inst] = old + alpha * (reward + gamma * future - old)
                key = nxt
                if terminated or truncated:
                    break
            returns.append(total)
        return returns

    # --- playing as a policy --------------------------------------------------------------------

    def decide(self, view: View, rng: random.Random) -> tuple[Order, dict[str, Any]]:
        """The greedy action of the table for a view, as a doctrine decides: ``(order, memory)``."""
        obs = self.codec.observe(view, view.rules.rounds)
        return self.order(obs, self.best(self.state(obs))), dict(view.memory)

    # --- files --------------------------------------------------------------------------------

    def to_json(self) -> str:
        """The table as JSON (scenario id is not checked; the side and the table are kept)."""
        q = {k: {i: round(v, 6) for i, v in sorted(row.items())} for k, row in sorted(self.q.items())}
        return json.dumps({"side": self.side, "q": q}, indent=1, sort_keys=True) + "\n"

    @classmethod
    def load(cls, path: str | Path, rules: Rules) -> TabularQ:
        """A table saved by :meth:`to_json`, for ``rules``."""
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(rules, data["side"], {k: dict(v) for k, v in data["q"].items()})


def trained_blue() -> TabularQ:
    """The trained baseline (:data:`TRAINED`) for Blue in ``dyad-testbed``: the outside policy
    ``q_baseline`` (entry point group ``wargame.policies``)."""
    from wargame.scenario.load import load

    return TabularQ.load(TRAINED, load("dyad-testbed").rules)
