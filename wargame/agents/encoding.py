"""What an agent sees and what it may do: observations from one actor's :class:`View`, actions
as instrument × target with a mask (docs/agents.md).

Everything here is a function of the actor's :class:`~wargame.engine.views.View` and the public
rules, never of the omniscient state: no hidden type but the agent's own, no other actor's
beliefs, no true act behind a misreading. The observation is a flat ``float32`` vector in
[-1, 1]; its layout (:meth:`Codec.feature_names`) depends only on the scenario and the actor.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from wargame.engine import GREEDY, Order, Rules, View

#: How the target of another actor's last act relates to the observer (one-hot, in this order).
TARGET_CODES = ("me", "my_partner", "no_one", "someone_else", "no_act")


@dataclass(frozen=True)
class Codec:
    """The observation and action layout of one actor in one scenario.

    Args:
        rules: the compiled scenario rules (public).
        actor: whose observations and actions.

    Attributes:
        others: the other actors, in scenario order (target slot k is ``others[k]``).
        instruments: every instrument id of the catalogue, in file order.
        n_actions: ``len(instruments) * len(others)``: action ``i * len(others) + k`` is
            instrument ``i`` aimed at ``others[k]``; an instrument that takes no target uses
            slot 0 only.
    """

    rules: Rules
    actor: str
    others: tuple[str, ...] = field(init=False)
    instruments: tuple[str, ...] = field(init=False)
    n_actions: int = field(init=False)
    _mask: np.ndarray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        rules, actor = self.rules, self.actor
        if actor not in rules.actor_by_id:
            raise KeyError(actor)
        others = tuple(a for a in rules.actor_ids if a != actor)
        instruments = tuple(rules.instruments)
        object.__setattr__(self, "others", others)
        object.__setattr__(self, "instruments", instruments)
        object.__setattr__(self, "n_actions", len(instruments) * max(1, len(others)))
        mask = np.zeros(self.n_actions, dtype=np.int8)
        slots = max(1, len(others))
        for i, inst in enumerate(instruments):
            if not rules.usable(actor, inst):
                continue
            if rules.instruments[inst].targeted:
                mask[i * slots : i * slots + len(others)] = 1
            else:
                mask[i * slots] = 1
        mask.flags.writeable = False
        object.__setattr__(self, "_mask", mask)

    # --- actions ------------------------------------------------------------------------------

    @property
    def action_mask(self) -> np.ndarray:
        """1 for every legal action, 0 otherwise (``int8``, read-only). Legal: an instrument the
        actor may use, aimed at another actor if it takes a target, at no one otherwise. The
        legal set does not change during a game (a treaty without a counterpart falls back to
        its proposal, as for any player)."""
        return self._mask

    def order(self, action: int) -> Order:
        """The order of action index ``action`` (legal or not; see :meth:`legal`)."""
        slots = max(1, len(self.others))
        i, k = divmod(int(action), slots)
        inst = self.instruments[i]
        return Order(inst, self.others[k] if self.rules.instruments[inst].targeted else None)

    def legal(self, action: int) -> bool:
        """Whether ``action`` is in range and unmasked."""
        return 0 <= int(action) < self.n_actions and bool(self._mask[int(action)])

    def action(self, order: Order) -> int:
        """The action index of a legal ``order``.

        Raises:
            ValueError: the order is not one this actor may give.
        """
        slots = max(1, len(self.others))
        try:
            i = self.instruments.index(order.instrument)
            k = 0 if order.target is None else self.others.index(order.target)
        except ValueError:
            raise ValueError(f"{self.actor} cannot give {order}") from None
        a = i * slots + k
        if not self.legal(a) or self.order(a) != order:
            raise ValueError(f"{self.actor} cannot give {order}")
        return a

    def fallback(self) -> Order:
        """The order an illegal action is replaced by: the actor's hold, else talk to its first
        watched rival."""
        roles = self.rules.actor_by_id[self.actor].roles
        if roles.hold is not None and self.rules.usable(self.actor, roles.hold):
            return Order(roles.hold, None)
        rival = (self.rules.watch[self.actor] or self.others)[0]
        return Order(roles.talk, rival)

    # --- observations -------------------------------------------------------------------------

    def feature_names(self) -> list[str]:
        """The name of every entry of the observation vector, in order."""
        names = ["round_share", "tension", "tension_change", "own_greedy", "own_capability"]
        names += [f"own_last.{i}" for i in (*self.instruments, "none")]
        for o in self.others:
            names += [
                f"{o}.trust",
                f"{o}.trust_in_me_estimate",
                f"{o}.capability",
                f"{o}.threat",
                f"{o}.rival",
                f"{o}.aligned",
                f"{o}.proposal_to_me",
                f"{o}.treaty_with_me",
            ]
            names += [f"{o}.last.{i}" for i in (*self.instruments, "none")]
            names += [f"{o}.target.{c}" for c in TARGET_CODES]
        return names

    @property
    def n_features(self) -> int:
        """Length of the observation vector."""
        return (
            5
            + (len(self.instruments) + 1) * (1 + len(self.others))
            + len(self.others) * (8 + len(TARGET_CODES))
        )

    def observe(self, view: View, round_limit: int) -> np.ndarray:
        """The observation vector of ``view`` (which must be this codec's actor's), ``float32`` in [-1, 1].

        Only ``view`` and the public rules are read.
        """
        if view.actor != self.actor:
            raise ValueError(f"a view of {view.actor}, not {self.actor}")
        rules = self.rules
        kmax = rules.params.capability_max
        hist = view.tension_history
        change = (hist[-1] - hist[-2]) / 100.0 if len(hist) >= 2 else 0.0
        n_inst = len(self.instruments)
        out = np.zeros(self.n_features, dtype=np.float32)
        out[0] = min(1.0, view.round / max(1, round_limit))
        out[1] = view.tension / 100.0
        out[2] = max(-1.0, min(1.0, change))
        out[3] = 1.0 if view.own_type == GREEDY else 0.0
        out[4] = min(1.0, view.capability[self.actor] / kmax)
        pos = 5
        out[pos + self._inst_index(view.last_own)] = 1.0
        pos += n_inst + 1
        me = self.actor
        watched = set(rules.watch[me])
        for o in self.others:
            aligned = (me, o) in rules.aligned_pairs
            bound = not aligned and rules.pair(me, o) in view.treaties
            out[pos : pos + 8] = (
                view.trust[o],
                view.estimated_trust_of(o),
                min(1.0, view.capability[o] / kmax),
                view.threat_from(o),
                1.0 if o in watched else 0.0,
                1.0 if aligned else 0.0,
                1.0 if o in view.proposals_to_me else 0.0,
                1.0 if bound else 0.0,
            )
            pos += 8
            out[pos + self._inst_index(view.last_perceived.get(o))] = 1.0
            pos += n_inst + 1
            out[pos + TARGET_CODES.index(self._target_code(view, o))] = 1.0
            pos += len(TARGET_CODES)
        return out

    def _inst_index(self, inst: str | None) -> int:
        return len(self.instruments) if inst is None else self.instruments.index(inst)

    def _target_code(self, view: View, other: str) -> str:
        if view.last_perceived.get(other) is None:
            return "no_act"
        target = view.last_target.get(other)
        if target is None:
            return "no_one"
        if target == self.actor:
            return "me"
        if (self.actor, target) in self.rules.aligned_pairs:
            return "my_partner"
        return "someone_else"
