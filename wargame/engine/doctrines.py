"""AI doctrines: how computer-played states choose their orders (theory.md §3.11).

Each doctrine is a small class with a ``classifier`` (is it stochastic? how much memory?) and a
docstring naming its source, after the Axelrod library's strategies. A doctrine sees only a
:class:`~wargame.engine.views.View` (its own beliefs and readings, public facts) and a seeded RNG,
and returns an order and its new memory. It never reads another actor's true act or type.

In an N-actor game each doctrine responds to its *focus*: the rival it trusts least
(:meth:`View.focus`). "The opponent's last act" is the focus's last act as this actor perceived it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any, ClassVar

from wargame.engine.rules import Instrument, Roles
from wargame.engine.state import Order
from wargame.engine.views import View

Memory = dict[str, Any]
_make = tuple.__new__


@dataclass(frozen=True)
class Classifier:
    """Properties of a doctrine (after Axelrod's classifier).

    Attributes:
        stochastic: whether it draws from the RNG.
        memory_depth: rounds of history it uses (None: unbounded).
        tests_only: a control strategy for tests and research, not offered to players.
    """

    stochastic: bool
    memory_depth: int | None
    tests_only: bool = False


class Doctrine:
    """Base class: subclasses implement :meth:`choose`.

    ``decide(view, rng)`` returns ``(order, memory)``; the order targets the focus when the chosen
    instrument takes a target. A pending treaty proposal from the focus is signed when the doctrine's
    :meth:`accepts_treaty` says so.
    """

    name: ClassVar[str]
    title: ClassVar[str]
    classifier: ClassVar[Classifier]

    def decide(self, view: View, rng: random.Random) -> tuple[Order, Memory]:
        """Choose this round's order from a view. Returns the order and the new doctrine memory."""
        memory = dict(view.memory)
        rules = view.rules
        actor = view.actor
        focus = view.focus()
        roles = rules.actor_by_id[actor].roles
        last = view.last_perceived.get(focus)
        instruments = rules.instruments
        if view.proposals_to_me:
            treaty = view.proposals_to_me.get(focus)
            if treaty is not None and rules.usable(actor, treaty) and self.accepts_treaty(view, focus):
                return Order(treaty, focus), memory
        chosen = self.choose(view, rng, memory, roles, None if last is None else instruments[last])
        if chosen not in rules.usable_ids[actor]:
            chosen = roles.talk
        return _make(Order, (chosen, focus if instruments[chosen].targeted else None)), memory

    def choose(
        self, view: View, rng: random.Random, memory: Memory, roles: Roles, last: Instrument | None
    ) -> str:
        """Return an instrument id. ``last`` is the focus's last perceived act (None at the start)."""
        raise NotImplementedError

    def accepts_treaty(self, view: View, proposer: str) -> bool:
        """Whether to sign a treaty the focus proposed last round (default: if trust ≥ μ*(ω))."""
        return view.trust[proposer] >= view.rules.mu_star


def tier(roles: Roles, inst: Instrument) -> int:
    """Conciliation tier 0-3 of a nonviolent act: its place in the roles list, else its own tier, else 0."""
    if inst.id in roles.conciliation:
        return roles.conciliation.index(inst.id)
    return inst.tier if inst.tier is not None else 0


def defected(last: Instrument | None) -> bool:
    """True when the last perceived act was not conciliatory (a show/use of force or a threat)."""
    return last is not None and not last.is_conciliatory


class Hawk(Doctrine):
    """Climb the escalation ladder whenever the opponent shows force; never concede.

    Rung r (start 0) on the hawk ladder (drill, missile test, artillery, limited strike);
    r ← min(3, r + 1) after each perceived act of force. The deterrence-model believer (Jervis 1976,
    ch. 3); theory.md §3.11.
    """

    name = "hawk"
    title = "Hawk (deterrence model)"
    classifier = Classifier(stochastic=False, memory_depth=None)

    def choose(self, view, rng, memory, roles, last):  # type: ignore[no-untyped-def]
        r = int(memory.get("rung", 0))
        if defected(last):
            r = min(3, r + 1)
        memory["rung"] = r
        return roles.hawk_ladder[r]

    def accepts_treaty(self, view: View, proposer: str) -> bool:
        """A hawk signs nothing."""
        return False


class Dove(Doctrine):
    """Always make a small costly concession (scale down a drill): unconditional conciliation (ALLC).

    The spiral-model believer's policy taken to its limit (Jervis 1976, ch. 3); theory.md §3.11.
    """

    name = "dove"
    title = "Dove (spiral model)"
    classifier = Classifier(stochastic=False, memory_depth=0)

    def choose(self, view, rng, memory, roles, last):  # type: ignore[no-untyped-def]
        return roles.conciliation[1]

    def accepts_treaty(self, view: View, proposer: str) -> bool:
        """A dove signs any treaty."""
        return True


class TitForTat(Doctrine):
    """Open with talk; answer a concession with the same tier (at most 2), force with the defensive posture.

    Axelrod 1984, *The Evolution of Cooperation*; theory.md §3.11.
    """

    name = "tit_for_tat"
    title = "Tit for tat"
    classifier = Classifier(stochastic=False, memory_depth=1)

    def choose(self, view, rng, memory, roles, last):  # type: ignore[no-untyped-def]
        if last is None:
            return roles.talk
        if last.is_conciliatory:
            return roles.conciliation[min(tier(roles, last), 2)]
        return roles.defensive

    def accepts_treaty(self, view: View, proposer: str) -> bool:
        """Signs when the proposer's last act was conciliatory (reciprocity)."""
        last = view.last_perceived.get(proposer)
        return last is not None and view.rules.instruments[last].is_conciliatory


class GenerousTitForTat(TitForTat):
    """Tit for tat that forgives force with probability q = 1/3 (answers with talk instead).

    Nowak & Sigmund 1992; q = min(1 − (T−R)/(R−S), (R−P)/(T−P)) = 1/3 for (5, 3, 1, 0), as in
    Axelrod-Python's GTFT; theory.md §3.11 and §4 TP15.
    """

    name = "generous_tit_for_tat"
    title = "Generous tit for tat"
    classifier = Classifier(stochastic=True, memory_depth=1)
    generosity: ClassVar[float] = 1.0 / 3.0

    def choose(self, view, rng, memory, roles, last):  # type: ignore[no-untyped-def]
        if last is None:
            return roles.talk
        if last.is_conciliatory:
            return roles.conciliation[min(tier(roles, last), 2)]
        return roles.talk if rng.random() < self.generosity else roles.defensive


def gtft_generosity(t: float, r: float, p: float, s: float) -> float:
    """GTFT's generosity q = min(1 − (T − R)/(R − S), (R − P)/(T − P)) (Nowak & Sigmund 1992)."""
    return min(1.0 - (t - r) / (r - s), (r - p) / (t - p))


class Grit(Doctrine):
    """Graduated Reciprocation in Tension-reduction: announced, persistent unilateral concessions.

    Starts at tier 1 and climbs a tier after each conciliatory reply; answers a clearly offensive
    act (o ≥ 0.5) once, precisely and proportionately, with the defensive posture, then resumes;
    keeps its deterrent (no concession that would cut capability below 1.5·Kmin). Osgood 1962,
    *An Alternative to War or Surrender*, rules 2, 4, 6, 7 and 8; theory.md §3.11.
    """

    name = "grit"
    title = "GRIT (Osgood)"
    classifier = Classifier(stochastic=False, memory_depth=None)

    def choose(self, view, rng, memory, roles, last):  # type: ignore[no-untyped-def]
        if last is not None and last.is_force and last.offense >= 0.5 and not memory.get("hit"):
            memory["hit"] = True
            return roles.defensive
        memory["hit"] = False
        level = int(memory.get("level", 1))
        if last is not None and last.is_conciliatory:
            level = min(3, level + 1)
        memory["level"] = level
        choice = roles.conciliation[max(1, level)]
        inst = view.rules.instruments[choice]
        floor = 1.5 * view.rules.params.capability_min
        if view.capability[view.actor] + inst.capability_delta < floor:
            choice = roles.conciliation[2]
        return choice

    def accepts_treaty(self, view: View, proposer: str) -> bool:
        """GRIT signs: a treaty is the reciprocation it has been seeking."""
        return True


class BayesianSecuritySeeker(Doctrine):
    """Cooperate when trust in the focus is at least μ*(ω) = 3ω/(1+3ω), else take the most legible defence.

    When cooperating, returns a costly concession in kind (tier ≥ 1, at most 2), otherwise talks.
    Kydd 2005, *Trust and Mistrust in International Relations*; Glaser 2010; theory.md §3.9, §3.11.
    """

    name = "bayesian_security_seeker"
    title = "Bayesian security seeker (Kydd)"
    classifier = Classifier(stochastic=False, memory_depth=1)

    def choose(self, view, rng, memory, roles, last):  # type: ignore[no-untyped-def]
        mu = view.trust[view.focus()]
        if mu >= view.rules.mu_star:
            if last is not None and last.is_conciliatory and last.id in roles.conciliation:
                t = tier(roles, last)
                if t >= 1:
                    return roles.conciliation[min(t, 2)]
            return roles.talk
        return roles.defensive


class GreedyOpportunist(Doctrine):
    """Probe with force, emboldened by concessions and (half the time) deterred by force.

    Rung r (start 1) on the greedy ladder (talk, missile test, artillery, limited strike): after a
    conciliatory act r ← min(3, r + 1); after force r ← max(1, r − 1) with probability 0.5.
    The greedy state of the deterrence model (Jervis 1976, ch. 3); theory.md §3.11.
    """

    name = "greedy_opportunist"
    title = "Greedy opportunist"
    classifier = Classifier(stochastic=True, memory_depth=None)

    def choose(self, view, rng, memory, roles, last):  # type: ignore[no-untyped-def]
        r = int(memory.get("rung", 1))
        if last is not None:
            if last.is_conciliatory:
                r = min(3, r + 1)
            elif rng.random() < 0.5:
                r = max(1, r - 1)
        memory["rung"] = r
        return roles.greedy_ladder[r]

    def accepts_treaty(self, view: View, proposer: str) -> bool:
        """Signs nothing: a treaty would bind it."""
        return False


class AllCooperate(Doctrine):
    """Always talk (ALLC, cheapest cooperation). Control strategy; Axelrod 1984."""

    name = "all_cooperate"
    title = "Always cooperate (control)"
    classifier = Classifier(stochastic=False, memory_depth=0, tests_only=True)

    def choose(self, view, rng, memory, roles, last):  # type: ignore[no-untyped-def]
        return roles.talk


class AllDefect(Doctrine):
    """Always defect with a missile test (ALLD). Control strategy; Axelrod 1984."""

    name = "all_defect"
    title = "Always defect (control)"
    classifier = Classifier(stochastic=False, memory_depth=0, tests_only=True)

    def choose(self, view, rng, memory, roles, last):  # type: ignore[no-untyped-def]
        return roles.greedy_ladder[1]

    def accepts_treaty(self, view: View, proposer: str) -> bool:
        """Never signs."""
        return False


class DefensiveOnly(Doctrine):
    """Always take the most legible defensive posture ("ALLD-def", theory.md §3.11 and §4 TP1-TP5).

    The pure security seeker whose every move is defensive: the security dilemma's test case
    (Jervis 1978).
    """

    name = "defensive_only"
    title = "Defensive only (control)"
    classifier = Classifier(stochastic=False, memory_depth=0, tests_only=True)

    def choose(self, view, rng, memory, roles, last):  # type: ignore[no-untyped-def]
        return roles.defensive


class Grim(Doctrine):
    """Talk until the focus is once perceived to use force, then the defensive posture forever.

    Friedman 1971 (grim trigger); a control strategy (Axelrod 1984).
    """

    name = "grim"
    title = "Grim trigger (control)"
    classifier = Classifier(stochastic=False, memory_depth=None, tests_only=True)

    def choose(self, view, rng, memory, roles, last):  # type: ignore[no-untyped-def]
        if defected(last):
            memory["triggered"] = True
        return roles.defensive if memory.get("triggered") else roles.talk

    def accepts_treaty(self, view: View, proposer: str) -> bool:
        """Signs only if never triggered."""
        return not view.memory.get("triggered")


class RandomDoctrine(Doctrine):
    """Talk or the defensive posture with probability 1/2 each. Control strategy (Axelrod 1984)."""

    name = "random"
    title = "Random (control)"
    classifier = Classifier(stochastic=True, memory_depth=0, tests_only=True)

    def choose(self, view, rng, memory, roles, last):  # type: ignore[no-untyped-def]
        return roles.talk if rng.random() < 0.5 else roles.defensive


#: Doctrine name → instance (doctrines are stateless; memory lives in the game state).
DOCTRINES: dict[str, Doctrine] = {
    d.name: d()
    for d in (
        Hawk,
        Dove,
        TitForTat,
        GenerousTitForTat,
        Grit,
        BayesianSecuritySeeker,
        GreedyOpportunist,
        AllCooperate,
        AllDefect,
        DefensiveOnly,
        Grim,
        RandomDoctrine,
    )
}


def get(name: str) -> Doctrine:
    """The doctrine called ``name``. Raises KeyError naming the known doctrines."""
    try:
        return DOCTRINES[name]
    except KeyError:
        raise KeyError(f"unknown doctrine {name!r}; expected one of {', '.join(DOCTRINES)}") from None
