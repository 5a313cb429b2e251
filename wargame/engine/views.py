"""What one actor knows: its own beliefs, its own readings of others' acts, public facts.

AI doctrines and hot-seat players receive only a :class:`View`, so fog of war and hot-seat
secrecy hold by construction (design.md principle 5; docs/model.md §10 TP30). A view never holds
another actor's hidden type, beliefs, doctrine memory or true acts.
"""

from __future__ import annotations

from collections.abc import Iterable
from math import exp
from typing import Any, NamedTuple

from wargame.engine.rules import Rules
from wargame.engine.state import Outcome, Perception, State


class Observation(NamedTuple):
    """One act as an observer saw it: a :class:`Perception` without the truth behind it.

    Attributes:
        round: 1-based round; maker, target: actor ids.
        perceived: the instrument the observer saw (it may be a misreading; the view cannot tell).
        perceived_offense: õ in [0, 1]; weight: share of the evidence taken in, in [0, 1].
        evidence: log-likelihood ratio for "maker is greedy" the observer applied.
        trust_before, trust_after: the observer's trust in the maker, in (0, 1).
    """

    round: int
    maker: str
    target: str | None
    perceived: str
    perceived_offense: float
    weight: float
    evidence: float
    trust_before: float
    trust_after: float

    @classmethod
    def of(cls, p: Perception) -> Observation:
        """Strip a perception record of the maker's true act."""
        return cls(
            round=p.round,
            maker=p.maker,
            target=p.target,
            perceived=p.perceived,
            perceived_offense=p.perceived_offense,
            weight=p.weight,
            evidence=p.evidence,
            trust_before=p.trust_before,
            trust_after=p.trust_after,
        )


class View(NamedTuple):
    """One actor's knowledge after some rounds: an immutable named tuple (cheap to build, since
    every AI actor gets one each round). Treat its dicts as read-only: they may be shared with
    the state it was built from and with other views.

    Attributes:
        actor: whose view this is.
        round: rounds resolved so far.
        rules: the public scenario rules (catalogue, parameters, public priors).
        own_type: the actor's own hidden type (it knows itself).
        trust: other actor → this actor's trust μ in them, in (0, 1).
        suspicion_of_me: other actor → this actor's estimate of their log-odds that it is greedy
            (its second-order belief; :attr:`estimated_trust_in_me` gives the same as trust).
        last_perceived: other actor → their last act as this actor perceived it (instrument id, or
            None before any act), for every other actor.
        last_own: the instrument this actor really used last round, or None.
        readings: this actor's observations of the last round's acts (what it saw, never the
            true act behind a misreading; misreadings are revealed later, in the news).
        tension: the public tension meter, 0-100; ``tension_history`` its history.
        capability: public capability index per actor (shared with the state: do not modify).
        memory: this actor's own doctrine memory (read-only; doctrines copy it before changing it).
        proposals_to_me: other actor → treaty instrument they proposed to this actor last round.
        outcome: the terminal outcome, if any.
        last_target: actor → the target of its last act (public: whom an act is aimed at is seen
            by all, even when what it is may be misread), or None, for every actor.
        treaties: rival pairs bound by a signed treaty (public).
    """

    actor: str
    round: int
    rules: Rules
    own_type: str
    trust: dict[str, float]
    suspicion_of_me: dict[str, float]
    last_perceived: dict[str, str | None]
    last_own: str | None
    readings: tuple[Observation, ...]
    tension: float
    tension_history: tuple[float, ...]
    capability: dict[str, float]
    memory: dict[str, Any]
    proposals_to_me: dict[str, str]
    outcome: Outcome | None
    last_target: dict[str, str | None]
    treaties: frozenset[tuple[str, str]]

    @property
    def estimated_trust_in_me(self) -> dict[str, float]:
        """Other actor → this actor's estimate of their trust in it, in (0, 1) (Kydd's
        second-order belief: the same update rule run on its own acts as they would see them)."""
        return {o: 1.0 / (1.0 + exp(lo)) for o, lo in self.suspicion_of_me.items()}

    def estimated_trust_of(self, other: str) -> float:
        """This actor's estimate of ``other``'s trust in it, in (0, 1) (one entry of
        :attr:`estimated_trust_in_me`, without building the whole dict)."""
        return 1.0 / (1.0 + exp(self.suspicion_of_me[other]))

    @property
    def others(self) -> tuple[str, ...]:
        """The other actors, in scenario order."""
        return tuple(a for a in self.rules.actor_ids if a != self.actor)

    def rivals(self) -> tuple[str, ...]:
        """Actors this one watches: its declared rivals, else every actor it is not aligned with."""
        return self.rules.watch[self.actor]

    def focus(self) -> str:
        """The watched actor this one trusts least (ties go to scenario order)."""
        trust = self.trust
        best = ""
        low = 2.0
        for a in self.rules.outlook[self.actor].watch:
            t = trust[a]
            if t < low:
                best, low = a, t
        return best

    def threat_from(self, other: str) -> float:
        """How threatening ``other``'s last act looked to this actor, in [0, 1] (0: none).

        The perceived offensiveness õ of a show or use of force or a threat that was aimed at
        this actor, at one of its aligned partners, or at no one in particular; 0 for a
        conciliatory act, a hold, or an act aimed at someone else (docs/model.md §4).
        """
        last = self.last_perceived[other]
        if last is None or self.last_target[other] not in self.rules.outlook[self.actor].shared:
            return 0.0
        return self.rules.threat_of[last]

    def pressing(self) -> str:
        """The agenda's default: the watched rival whose last act threatened this actor most
        (ties, and no threat at all, go to the one it trusts least; docs/model.md §4).

        The same as the first maximum of (:meth:`threat_from`, −trust), written out: every AI
        actor asks it every round."""
        outlook = self.rules.outlook[self.actor]
        shared = outlook.shared
        threat_of = self.rules.threat_of
        last_perceived = self.last_perceived
        last_target = self.last_target
        trust = self.trust
        best = ""
        best_threat = -1.0
        best_trust = 2.0
        for a in outlook.watch:
            last = last_perceived[a]
            t = threat_of[last] if last is not None and last_target[a] in shared else 0.0
            tr = trust[a]
            if t > best_threat or (t == best_threat and tr < best_trust):
                best, best_threat, best_trust = a, t, tr
        return best


def view(rules: Rules, state: State, actor: str, readings: tuple[Perception, ...] = ()) -> View:
    """Build ``actor``'s view of ``state``.

    Args:
        rules: compiled rules.
        state: the omniscient state.
        actor: whose view.
        readings: the last round's perception records (all of them; only the actor's are kept,
            stripped of the true act). AI doctrines decide from ``last_perceived`` and beliefs,
            so :class:`~wargame.game.Game` passes none for them (and builds their views with
            :func:`views`).

    Raises:
        KeyError: unknown actor.
    """
    if actor not in rules.actor_by_id:
        raise KeyError(actor)
    (seen,) = views(rules, state, (actor,))
    if readings:
        return seen._replace(readings=tuple(Observation.of(r) for r in readings if r.observer == actor))
    return seen


def views(rules: Rules, state: State, actors: Iterable[str]) -> list[View]:
    """The views of ``actors`` (ids of the scenario) of ``state``, without readings, in order.

    Every AI actor gets a view every round, so the views of a round are built together: the
    public facts they share are read from the state once, and the treaty proposals are sorted
    by target in one pass rather than searched once per actor.
    """
    proposed: dict[str, dict[str, str]] = {}
    for (proposer, target), treaty in state.proposals.items():
        proposed.setdefault(target, {})[proposer] = treaty
    # what every view of the round shares, read from the state once
    round_, tension, history, capability = state.round, state.tension, state.tension_history, state.capability
    outcome, last_target, treaties = state.outcome, state.last_target, state.treaties
    types, trust, suspicion, perceived = state.types, state.mu_rows, state.second_rows, state.perceived_rows
    memory, last_own = state.memory, state.last_own
    # a view's dicts are read-only: the views without proposals (or memory) share an empty one
    no_proposals: dict[str, str] = {}
    no_memory: dict[str, Any] = {}
    # Built positionally, in View's field order, because every AI actor gets a view every round:
    # a 17-keyword call costs about 6% of a round (bench/engine.py; issue 16). The names are the
    # fields'; tests/engine/test_views.py checks each one by name.
    return [
        tuple.__new__(
            View,
            (
                actor,  # actor
                round_,  # round
                rules,  # rules
                types[actor],  # own_type
                trust[actor],  # trust
                suspicion[actor],  # suspicion_of_me
                perceived[actor],  # last_perceived
                last_own.get(actor),  # last_own
                (),  # readings
                tension,  # tension
                history,  # tension_history
                capability,  # capability
                memory.get(actor, no_memory),  # memory
                proposed.get(actor, no_proposals),  # proposals_to_me
                outcome,  # outcome
                last_target,  # last_target
                treaties,  # treaties
            ),
        )
        for actor in actors
    ]
