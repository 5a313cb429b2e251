"""AI doctrines: how computer-played states choose their orders (docs/model.md §4).

Each doctrine is a small class with a ``classifier`` (is it stochastic? how much memory?) and a
docstring naming its source, after the Axelrod library's strategies. A doctrine sees only a
:class:`~wargame.engine.views.View` (its own beliefs and readings, public facts) and the round's doctrine stream,
and returns an order and its new memory. It never reads another actor's true act or type.

In an N-actor game each doctrine reasons per rival, from its own view of that rival, and one
order a round serves them through an agenda (:meth:`Doctrine.agenda`; docs/model.md §4). "The
opponent's last act" is the agenda rival's last act as this actor perceived it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Final

from wargame.engine.rules import Category, Instrument, Needs, Roles
from wargame.engine.state import Order
from wargame.engine.streams import Draws, pass_draw
from wargame.engine.views import View

Memory = dict[str, Any]

# The categories the reading helpers below test, bound once: in Python 3.11 each lookup of an
# enum member (``Category.HOLD``) is a descriptor call, and these helpers read every AI actor's
# rivals every round.
_NONVIOLENT: Final = Category.NONVIOLENT
_HOLD: Final = Category.HOLD


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


#: Doctrine name → instance, in the order the classes are defined (doctrines are stateless;
#: memory lives in the game state). A subclass of :class:`Doctrine` with a ``name`` registers
#: itself here when it is defined.
DOCTRINES: dict[str, Doctrine] = {}


class Doctrine:
    """Base class: subclasses implement :meth:`choose` and may override :meth:`agenda`.

    ``decide(view, rng)`` returns ``(order, memory)``. One order a round serves several rivals
    through an *agenda* (docs/model.md §4): first a pending treaty from a rival the doctrine
    accepts is signed (the most trusted proposer first); otherwise :meth:`agenda` names the rival
    this round's order addresses, :meth:`choose` picks the instrument from that rival's last act
    as this actor perceived it, and the order targets that rival.
    """

    name: ClassVar[str]
    title: ClassVar[str]
    classifier: ClassVar[Classifier]
    #: how it reads a rival's last act (:func:`reading`): strictly, a concession counts only
    #: when aimed at this actor itself
    strict: ClassVar[bool] = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """Register every subclass that names itself: defining the class is adding the doctrine
        (the scenario format, the CLI and the setup screen all read :data:`DOCTRINES`)."""
        super().__init_subclass__(**kwargs)
        if "name" in vars(cls):
            if cls.name in DOCTRINES:
                raise ValueError(f"doctrine {cls.name!r} is defined twice")
            DOCTRINES[cls.name] = cls()

    def decide(self, view: View, rng: Draws) -> tuple[Order, Memory]:
        """Choose this round's order from a view. Returns the order and the new doctrine memory."""
        memory = dict(view.memory)
        outlook = view.rules.outlook[view.actor]
        if view.proposals_to_me:
            trust = view.trust
            for proposer in sorted(view.proposals_to_me, key=lambda a: -trust[a]):
                treaty = view.proposals_to_me[proposer]
                if (
                    treaty in outlook.usable
                    and treaty_for(view, proposer) is not None
                    and self.accepts_treaty(view, proposer)
                ):
                    return Order(treaty, proposer), memory
        focus = self.agenda(view)
        roles = outlook.roles
        chosen = self.choose(view, rng, memory, roles, reading(view, focus, self.strict), focus)
        if chosen not in outlook.usable:
            chosen = roles.talk
        return outlook.orders[focus][chosen], memory  # aimed at the focus, if it takes a target

    def agenda(self, view: View) -> str:
        """The rival this round's order addresses (default: :meth:`View.pressing`, the rival whose
        last act threatened this actor most, else the one it trusts least)."""
        return view.pressing()

    def choose(
        self,
        view: View,
        rng: Draws,
        memory: Memory,
        roles: Roles,
        last: Instrument | None,
        focus: str,
    ) -> str:
        """Return an instrument id. ``last`` is the focus's last perceived act, read from this
        actor's side as :func:`reading` reads it (strictly if :attr:`strict`; None at the start)."""
        raise NotImplementedError

    def accepts_treaty(self, view: View, proposer: str) -> bool:
        """Whether to sign a treaty ``proposer`` proposed last round (default: if trust ≥ μ*(ω))."""
        return view.trust[proposer] >= view.rules.mu_star


def reading(view: View, other: str, strict: bool = False) -> Instrument | None:
    """``other``'s last act as this actor perceived it, read from this actor's side: an act aimed
    at it, at an aligned partner (an alliance shares threats and reassurance alike, as evidence
    does) or at no one counts as is; an act aimed elsewhere reads as a hold (nothing new toward
    it). With ``strict``, a concession counts only when aimed at this actor itself (what a
    greedy state can exploit). None before any act.
    """
    last = view.last_perceived[other]
    if last is None:
        return None
    rules = view.rules
    inst = rules.instruments[last]
    outlook = rules.outlook[view.actor]
    near = outlook.own if strict and inst.category is _NONVIOLENT else outlook.shared
    return inst if view.last_target[other] in near else outlook.held


def tier(roles: Roles, inst: Instrument) -> int:
    """Conciliation tier 0-3 of a nonviolent act: its place in the roles list, else its own tier, else 0."""
    if inst.id in roles.conciliation:
        return roles.conciliation.index(inst.id)
    return inst.tier if inst.tier is not None else 0


def defected(last: Instrument | None) -> bool:
    """True when the last perceived act was a show or use of force or a threat (not a
    concession, not a hold)."""
    return last is not None and last.category is not _NONVIOLENT and last.category is not _HOLD


def is_hold(last: Instrument | None) -> bool:
    """True when the last perceived act was a hold (no new move)."""
    return last is not None and last.category is _HOLD


def hold(roles: Roles) -> str:
    """The actor's hold instrument, or talk when its catalogue has none."""
    return roles.hold or roles.talk


def treaty_for(view: View, other: str) -> str | None:
    """The treaty instrument (needs a counterpart) this actor may offer ``other``, or None when
    there is none or the two are already bound by a treaty."""
    rules = view.rules
    treaty = rules.outlook[view.actor].treaty
    if treaty is None or rules.pair_of[(view.actor, other)] in view.treaties:
        return None
    return treaty


def conciliator(view: View, strict: bool = False) -> str | None:
    """The watched rival whose last perceived act was the costliest concession (ties: the more
    trusted), or None when no rival conciliated (``strict``: see :func:`reading`).

    The same as reading each rival with :func:`reading` and keeping the concessions, written out
    (every greedy and tit-for-tat actor asks it every round)."""
    rules = view.rules
    outlook = rules.outlook[view.actor]
    near = outlook.own if strict else outlook.shared
    conciliatory = rules.conciliatory_ids
    last_perceived = view.last_perceived
    last_target = view.last_target
    best: str | None = None
    key = (-1, -1.0)
    for a in outlook.watch:
        last = last_perceived[a]
        if last is None or last not in conciliatory or last_target[a] not in near:
            continue
        k = (tier(outlook.roles, rules.instruments[last]), view.trust[a])
        if k > key:
            best, key = a, k
    return best


class Hawk(Doctrine):
    """Climb the escalation ladder whenever a rival threatens; never concede.

    Rung r (start 0) on the hawk ladder (drill, missile test, artillery, limited strike);
    r ← min(3, r + 1) after each perceived act of force or threat from the rival on its agenda
    (the one that threatens it most). The deterrence-model believer (Jervis 1976, ch. 3).
    """

    name = "hawk"
    title = "Hawk (deterrence model)"
    classifier = Classifier(stochastic=False, memory_depth=None)

    def choose(
        self,
        view: View,
        rng: Draws,
        memory: Memory,
        roles: Roles,
        last: Instrument | None,
        focus: str,
    ) -> str:
        r = int(memory.get("rung", 0))
        if defected(last):
            r = min(3, r + 1)
        memory["rung"] = r
        return roles.hawk_ladder[r]

    def accepts_treaty(self, view: View, proposer: str) -> bool:
        """A hawk signs nothing."""
        return False


class Dove(Doctrine):
    """Always make a small costly concession (scale down a drill) to the rival on its agenda:
    unconditional conciliation (ALLC). The spiral-model believer's policy taken to its limit
    (Jervis 1976, ch. 3)."""

    name = "dove"
    title = "Dove (spiral model)"
    classifier = Classifier(stochastic=False, memory_depth=0)

    def choose(
        self,
        view: View,
        rng: Draws,
        memory: Memory,
        roles: Roles,
        last: Instrument | None,
        focus: str,
    ) -> str:
        return roles.conciliation[1]

    def accepts_treaty(self, view: View, proposer: str) -> bool:
        """A dove signs any treaty."""
        return True


class TitForTat(Doctrine):
    """Answer the rival on its agenda in kind: force or a threat with the defensive posture, a
    concession with the same tier (at most 2), a hold with a hold; open with talk.

    The agenda answers a threat first; with none, it reciprocates the costliest concession.
    Axelrod 1984, *The Evolution of Cooperation*.
    """

    name = "tit_for_tat"
    title = "Tit for tat"
    classifier = Classifier(stochastic=False, memory_depth=1)

    def agenda(self, view: View) -> str:
        focus = view.pressing()
        if view.threat_from(focus) > 0.0:
            return focus
        return conciliator(view) or focus

    def choose(
        self,
        view: View,
        rng: Draws,
        memory: Memory,
        roles: Roles,
        last: Instrument | None,
        focus: str,
    ) -> str:
        if last is None:
            return roles.talk
        if last.is_conciliatory:
            return roles.conciliation[min(tier(roles, last), 2)]
        if is_hold(last):
            return hold(roles)
        return self.answer(rng, roles)

    def answer(self, rng: Draws, roles: Roles) -> str:
        """The reply to force or a threat: the defensive posture."""
        return roles.defensive

    def accepts_treaty(self, view: View, proposer: str) -> bool:
        """Signs when the proposer's last act was conciliatory (reciprocity)."""
        last = reading(view, proposer)
        return last is not None and last.is_conciliatory


def gtft_generosity(t: float, r: float, p: float, s: float) -> float:
    """GTFT's generosity q = min(1 − (T − R)/(R − S), (R − P)/(T − P)) (Nowak & Sigmund 1992)."""
    return min(1.0 - (t - r) / (r - s), (r - p) / (t - p))


class GenerousTitForTat(TitForTat):
    """Tit for tat that forgives force with probability q = 1/3 (answers with talk instead).

    Nowak & Sigmund 1992; q = min(1 − (T−R)/(R−S), (R−P)/(T−P)) = 1/3 for (5, 3, 1, 0), as in
    Axelrod-Python's GTFT.
    """

    name = "generous_tit_for_tat"
    title = "Generous tit for tat"
    classifier = Classifier(stochastic=True, memory_depth=1)
    #: q for the Prisoner's Dilemma payoffs (T, R, P, S) = (5, 3, 1, 0)
    generosity: ClassVar[float] = gtft_generosity(5, 3, 1, 0)

    def answer(self, rng: Draws, roles: Roles) -> str:
        return roles.talk if rng.random() < self.generosity else roles.defensive


def struck_by(view: View) -> str | None:
    """A watched rival whose clearly offensive force (o ≥ 0.5) was aimed at this actor, a partner
    or no one, unless this actor answered such an act last round (Osgood's rule 7: answer once)."""
    if view.memory.get("hit"):
        return None
    for a in view.rules.outlook[view.actor].watch:
        inst = reading(view, a)
        if inst is not None and inst.is_force and inst.offense >= 0.5 and view.threat_from(a) > 0.0:
            return a
    return None


def answers_once(view: View, memory: Memory, last: Instrument | None, focus: str) -> bool:
    """Whether to answer ``focus``'s clearly offensive force with one precise, proportionate
    defensive posture now (and records that it did, so the next round resumes)."""
    hit = (
        last is not None
        and last.is_force
        and last.offense >= 0.5
        and view.threat_from(focus) > 0.0
        and not memory.get("hit")
    )
    memory["hit"] = hit
    return hit


def keeps_deterrent(view: View, roles: Roles, choice: str) -> str:
    """``choice``, or the tier-2 concession if ``choice`` would cut capability below 1.5·Kmin
    (Osgood's rule 6: concessions must not endanger one's own security)."""
    rules = view.rules
    if (
        view.capability[view.actor] + rules.instruments[choice].capability_delta
        < 1.5 * rules.params.capability_min
    ):
        return roles.conciliation[2]
    return choice


class Grit(Doctrine):
    """Graduated Reciprocation in Tension-reduction: announced, persistent unilateral concessions.

    Aims its initiatives at the rival it trusts least; answers a clearly offensive act (o ≥ 0.5)
    aimed at it once, precisely and proportionately, with the defensive posture, then resumes.
    Starts at tier 1 and climbs a tier after each conciliatory reply; once the rival reciprocates
    and is trusted past μ*, offers the treaty. Keeps its deterrent (no concession that would cut
    capability below 1.5·Kmin). Osgood 1962, *An Alternative to War or Surrender*, rules 2, 4, 6,
    7 and 8.
    """

    name = "grit"
    title = "GRIT (Osgood)"
    classifier = Classifier(stochastic=False, memory_depth=None)

    def agenda(self, view: View) -> str:
        return struck_by(view) or view.focus()

    def choose(
        self,
        view: View,
        rng: Draws,
        memory: Memory,
        roles: Roles,
        last: Instrument | None,
        focus: str,
    ) -> str:
        if answers_once(view, memory, last, focus):
            return roles.defensive
        level = int(memory.get("level", 1))
        if last is not None and last.is_conciliatory:
            level = min(3, level + 1)
            treaty = treaty_for(view, focus)
            if treaty is not None and view.trust[focus] >= view.rules.mu_star:
                memory["level"] = level
                return treaty
        memory["level"] = level
        return keeps_deterrent(view, roles, roles.conciliation[max(1, level)])

    def accepts_treaty(self, view: View, proposer: str) -> bool:
        """GRIT signs: a treaty is the reciprocation it has been seeking."""
        return True


class CostlyReassurance(Doctrine):
    """Reassure with costly signals from the start: the op-ed's programme as a doctrine.

    Aims at the rival it trusts least and alternates its two costliest concessions (halting
    exercises, sanctions relief), which carry the most evidence (Kydd 2000: only a signal costly
    enough that a greedy state would not pay it separates the types); answers a clearly
    offensive act aimed at it once with the defensive posture, then resumes; offers the treaty
    once the rival has answered in kind and is trusted past μ*. Keeps its deterrent (no
    concession that would cut capability below 1.5·Kmin). Unlike GRIT it does not graduate:
    Osgood starts small and climbs with reciprocation, Kydd's costly signal must be costly from
    the first. docs/model.md §4.
    """

    name = "costly_reassurance"
    title = "Costly reassurance (Kydd)"
    classifier = Classifier(stochastic=False, memory_depth=1)

    def agenda(self, view: View) -> str:
        return struck_by(view) or view.focus()

    def choose(
        self,
        view: View,
        rng: Draws,
        memory: Memory,
        roles: Roles,
        last: Instrument | None,
        focus: str,
    ) -> str:
        if answers_once(view, memory, last, focus):
            return roles.defensive
        if last is not None and last.is_conciliatory and view.trust[focus] >= view.rules.mu_star:
            treaty = treaty_for(view, focus)
            if treaty is not None:
                return treaty
        turn = int(memory.get("turn", 0))
        memory["turn"] = turn + 1
        return keeps_deterrent(view, roles, roles.conciliation[3 - turn % 2])


class BayesianSecuritySeeker(Doctrine):
    """Cooperate with a rival trusted at least μ*(ω) = 3ω/(1+3ω); defend against one that threatens.

    Agenda: a rival whose concession has lifted trust past μ* comes first (the most trusted), so
    a third state's posturing does not block reciprocity; else the rival that threatens most.
    With trust ≥ μ*: offers the treaty when the rival conciliated and is believed to trust it
    back (second-order trust ≥ μ*); reassures with a costly signal (tier 2) while it believes
    the rival still mistrusts it (Kydd 2000: a trustworthy state reassures a fearful one with
    costly signals); else returns a costly concession in kind (tier 1-2), else talks. Below μ*: the most legible defence against a threat, and a hold otherwise (a security
    seeker needs no new show of force when nothing new threatens it).
    Kydd 2005, *Trust and Mistrust in International Relations*; Glaser 2010.
    """

    name = "bayesian_security_seeker"
    title = "Bayesian security seeker (Kydd)"
    classifier = Classifier(stochastic=False, memory_depth=1)

    def agenda(self, view: View) -> str:
        rules = view.rules
        mu_star = rules.mu_star
        best: str | None = None
        high = -1.0
        trust = view.trust
        for a in rules.outlook[view.actor].watch:
            t = trust[a]
            if t >= mu_star and t > high:
                last = reading(view, a)
                if last is not None and last.is_conciliatory:
                    best, high = a, t
        return best or view.pressing()

    def choose(
        self,
        view: View,
        rng: Draws,
        memory: Memory,
        roles: Roles,
        last: Instrument | None,
        focus: str,
    ) -> str:
        mu_star = view.rules.mu_star
        if view.trust[focus] >= mu_star:
            trusted = view.estimated_trust_of(focus) >= mu_star
            if last is not None and last.is_conciliatory:
                treaty = treaty_for(view, focus)
                if treaty is not None and trusted:
                    return treaty
            if not trusted:
                return roles.conciliation[2]
            if (
                last is not None
                and last.is_conciliatory
                and (last.id in roles.conciliation or last.tier is not None)
            ):
                t = tier(roles, last)
                if t >= 1:
                    return roles.conciliation[min(t, 2)]
            return roles.talk
        if last is None or defected(last):  # a threat: ``last`` reads it from this actor's side
            return roles.defensive
        return hold(roles)


class GreedyOpportunist(Doctrine):
    """Probe with force, emboldened by concessions and (half the time) deterred by force.

    Agenda: the rival that conceded most (the one to exploit), else the one that threatens most.
    Rung r (start 1) on the greedy ladder (talk, missile test, artillery, limited strike): after a
    concession r ← min(3, r + 1); after force or a threat r ← max(1, r − 1) with probability 0.5.
    It reads strictly: a concession counts only when aimed at itself (what it can exploit).
    The greedy state of the deterrence model (Jervis 1976, ch. 3).
    """

    name = "greedy_opportunist"
    title = "Greedy opportunist"
    classifier = Classifier(stochastic=True, memory_depth=None)
    strict = True

    def agenda(self, view: View) -> str:
        return conciliator(view, strict=True) or view.pressing()

    def choose(
        self,
        view: View,
        rng: Draws,
        memory: Memory,
        roles: Roles,
        last: Instrument | None,
        focus: str,
    ) -> str:
        r = int(memory.get("rung", 1))
        if last is not None:
            if last.is_conciliatory:
                r = min(3, r + 1)
            elif defected(last):
                deterred = max(1, r - 1)
                if deterred == r:
                    # on its bottom rung the coin cannot move it: the draw is passed, not made
                    # (the stream still advances, so later draws keep their values), and a
                    # round's doctrine stream that nothing else draws from is never computed
                    pass_draw(rng)
                elif rng.random() < 0.5:
                    r = deterred
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

    def choose(
        self,
        view: View,
        rng: Draws,
        memory: Memory,
        roles: Roles,
        last: Instrument | None,
        focus: str,
    ) -> str:
        return roles.talk


class AllDefect(Doctrine):
    """Always defect with a missile test (ALLD). Control strategy; Axelrod 1984."""

    name = "all_defect"
    title = "Always defect (control)"
    classifier = Classifier(stochastic=False, memory_depth=0, tests_only=True)

    def choose(
        self,
        view: View,
        rng: Draws,
        memory: Memory,
        roles: Roles,
        last: Instrument | None,
        focus: str,
    ) -> str:
        return roles.greedy_ladder[1]

    def accepts_treaty(self, view: View, proposer: str) -> bool:
        """Never signs."""
        return False


class DefensiveOnly(Doctrine):
    """Always take the most legible defensive posture ("ALLD-def", theory TP1-TP5).

    The pure security seeker whose every move is defensive: the security dilemma's test case
    (Jervis 1978).
    """

    name = "defensive_only"
    title = "Defensive only (control)"
    classifier = Classifier(stochastic=False, memory_depth=0, tests_only=True)

    def choose(
        self,
        view: View,
        rng: Draws,
        memory: Memory,
        roles: Roles,
        last: Instrument | None,
        focus: str,
    ) -> str:
        return roles.defensive


class Grim(Doctrine):
    """Talk until a rival is once perceived to use force or threaten, then the defensive posture
    forever. Friedman 1971 (grim trigger); a control strategy (Axelrod 1984)."""

    name = "grim"
    title = "Grim trigger (control)"
    classifier = Classifier(stochastic=False, memory_depth=None, tests_only=True)

    def choose(
        self,
        view: View,
        rng: Draws,
        memory: Memory,
        roles: Roles,
        last: Instrument | None,
        focus: str,
    ) -> str:
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

    def choose(
        self,
        view: View,
        rng: Draws,
        memory: Memory,
        roles: Roles,
        last: Instrument | None,
        focus: str,
    ) -> str:
        return roles.talk if rng.random() < 0.5 else roles.defensive


def get(name: str) -> Doctrine:
    """The doctrine called ``name``. Raises KeyError naming the known doctrines."""
    try:
        return DOCTRINES[name]
    except KeyError:
        raise KeyError(f"unknown doctrine {name!r}; expected one of {', '.join(DOCTRINES)}") from None


def tremble(view: View, order: Order, draw: float, pick: float) -> Order:
    """The order an AI state whose doctrine follows from its hidden type actually gives, after
    its trembling hand (docs/model.md §4, "The trembling hand").

    With probability τ (``Params.tremble``) the doctrine's order is replaced by one of the moves
    every type makes at times: talk, the defensive posture, or a hold (when the catalogue has
    one), chosen uniformly and aimed at the order's target, else at the rival the agenda would
    address. A treaty signing is never replaced. Without it, doctrines are deterministic
    functions of a type and the public record, so replaying each type assignment against the
    acts would single out the true one; with it, acts remain evidence about types but no longer
    proof (Selten 1975; McKelvey & Palfrey 1995 for noisy best response).

    Args:
        view: the actor's view this round.
        order: the doctrine's order.
        draw: a uniform draw in [0, 1): the hand trembles when ``draw < τ``.
        pick: a uniform draw in [0, 1) choosing among the common moves.

    Returns:
        ``order`` itself, or the common move that replaces it.
    """
    rules = view.rules
    if draw >= rules.params.tremble:
        return order
    instruments = rules.instruments
    if instruments[order.instrument].needs is Needs.COUNTERPART:
        return order  # a treaty: the hand does not tremble on a deal
    common = rules.outlook[view.actor].common
    if not common:
        return order
    chosen = common[min(int(pick * len(common)), len(common) - 1)]
    if not instruments[chosen].targeted:
        return Order(chosen, None)
    return Order(chosen, order.target if order.target is not None else view.pressing())
