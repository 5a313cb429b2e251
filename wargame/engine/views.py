"""What one actor knows: its own beliefs, its own readings of others' acts, public facts.

AI doctrines and hot-seat players receive only a :class:`View`, so fog of war and hot-seat
secrecy hold by construction (design.md principle 5; theory.md §4 TP30). A view never holds
another actor's hidden type, beliefs, doctrine memory or true acts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from wargame.engine.rules import Rules
from wargame.engine.state import Outcome, Perception, State


@dataclass(frozen=True, slots=True)
class View:
    """One actor's knowledge after some rounds.

    Attributes:
        actor: whose view this is.
        round: rounds resolved so far.
        rules: the public scenario rules (catalogue, parameters, public priors).
        own_type: the actor's own hidden type (it knows itself).
        trust: other actor → this actor's trust μ in them, in (0, 1).
        estimated_trust_in_me: other actor → this actor's estimate of their trust in it, in (0, 1).
        last_perceived: other actor → their last act as this actor perceived it (instrument id or None).
        last_own: the instrument this actor really used last round, or None.
        readings: this actor's perception records from the last round.
        tension: the public tension meter, 0-100; ``tension_history`` its history.
        capability: public capability index per actor.
        memory: this actor's own doctrine memory (a copy).
        proposals_to_me: other actor → treaty instrument they proposed to this actor last round.
        outcome: the terminal outcome, if any.
    """

    actor: str
    round: int
    rules: Rules
    own_type: str
    trust: dict[str, float]
    estimated_trust_in_me: dict[str, float]
    last_perceived: dict[str, str | None]
    last_own: str | None
    readings: tuple[Perception, ...]
    tension: float
    tension_history: tuple[float, ...]
    capability: dict[str, float]
    memory: dict[str, Any]
    proposals_to_me: dict[str, str]
    outcome: Outcome | None

    @property
    def others(self) -> tuple[str, ...]:
        """The other actors, in scenario order."""
        return tuple(a for a in self.rules.actor_ids if a != self.actor)

    def rivals(self) -> tuple[str, ...]:
        """Actors this one watches: its declared rivals, else every non-ally."""
        declared = self.rules.actor_by_id[self.actor].rivals
        if declared:
            return declared
        return tuple(a for a in self.others if not self.rules.allied(self.actor, a))

    def focus(self) -> str:
        """The rival this actor distrusts most (lowest trust; ties go to scenario order).

        Design choice: the N-actor doctrines respond to one opponent at a time, the most feared.
        """
        rivals = self.rivals() or self.others
        return min(rivals, key=lambda a: (self.trust[a], self.rules.actor_ids.index(a)))


def view(rules: Rules, state: State, actor: str, readings: tuple[Perception, ...] = ()) -> View:
    """Build ``actor``'s view of ``state``.

    Args:
        rules: compiled rules.
        state: the omniscient state.
        actor: whose view.
        readings: the last round's perception records (all of them; only the actor's are kept).

    Raises:
        KeyError: unknown actor.
    """
    if actor not in rules.actor_by_id:
        raise KeyError(actor)
    others = [a for a in rules.actor_ids if a != actor]
    exp = math.exp
    return View(
        actor=actor,
        round=state.round,
        rules=rules,
        own_type=state.types[actor],
        trust={o: 1.0 / (1.0 + exp(state.logodds[(actor, o)])) for o in others},
        estimated_trust_in_me={o: 1.0 / (1.0 + exp(state.second_order[(actor, o)])) for o in others},
        last_perceived={o: state.last_perceived[(actor, o)] for o in others},
        last_own=state.last_own.get(actor),
        readings=tuple(r for r in readings if r.observer == actor),
        tension=state.tension,
        tension_history=state.tension_history,
        capability=dict(state.capability),
        memory=dict(state.memory.get(actor, {})),
        proposals_to_me={p: t for (p, tgt), t in state.proposals.items() if tgt == actor},
        outcome=state.outcome,
    )
