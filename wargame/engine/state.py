"""Value types of a game in progress: orders, acts, perception records, the state, a round's result.

All are plain classes, named tuples and dataclasses (no pydantic) so the round loop stays cheap.
The state is treated as immutable: :func:`wargame.engine.core.resolve_round` returns a new one.
``State.to_json()`` gives a canonical serialisation used to prove that the same record yields the
same game, byte for byte.

The round writes its pair quantities as lists (:class:`Beliefs`, :class:`PairValues`), indexed by
a fixed slot per pair, and a state it builds turns them into its pair-keyed dicts only when they
are first read: the dicts are the public form, the lists what a round costs.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from enum import Enum
from typing import Any, NamedTuple


class Mode(str, Enum):
    """Resolution mode (docs/model.md §1).

    ``expectation``: no perception noise, no random events, no hazard draws; P(war) is reported as
    1 − Π(1 − p_t). The hidden types, if not fixed, take the more likely value, and the doctrines'
    own randomness uses a fixed stream, so the run does not depend on the seed.
    ``stochastic``: noise, drawn event cards and the inadvertent-war hazard are drawn from the
    round's engine stream (wargame/engine/streams.py).
    """

    EXPECTATION = "expectation"
    STOCHASTIC = "stochastic"


class Outcome(str, Enum):
    """How a game ended (docs/model.md §7-§8)."""

    WAR_CHOSEN = "war_chosen"
    WAR_INADVERTENT = "war_inadvertent"
    PEACE_TREATY = "peace_treaty"
    PEACE_DETENTE = "peace_detente"
    STALEMATE = "stalemate"

    @property
    def is_war(self) -> bool:
        """True for both kinds of war."""
        return self in (Outcome.WAR_CHOSEN, Outcome.WAR_INADVERTENT)

    @property
    def is_peace(self) -> bool:
        """True for a treaty or sustained détente."""
        return self in (Outcome.PEACE_TREATY, Outcome.PEACE_DETENTE)


class Order(NamedTuple):
    """One actor's order for a round: an instrument id and, where the instrument takes one, a
    target actor id (an immutable named tuple)."""

    instrument: str
    target: str | None = None

    def to_dict(self) -> dict[str, str | None]:
        """``{"instrument": ..., "target": ...}``."""
        return {"instrument": self.instrument, "target": self.target}


class Act(NamedTuple):
    """An order as resolved: what the maker actually did (an immutable named tuple).

    Attributes:
        maker: actor id.
        ordered: the instrument ordered.
        instrument: the instrument that took effect (the fallback when a need was unmet).
        target: target actor id or None.
        need_met: False when a combined act lacked its ally or a treaty its counterpart.
        partners: the allies who joined a combined act, or the counterpart of a treaty.
    """

    maker: str
    ordered: str
    instrument: str
    target: str | None
    need_met: bool = True
    partners: tuple[str, ...] = ()


class Perception(NamedTuple):
    """One observer's reading of one act (design.md principle 4; docs/model.md §3).

    An immutable named tuple (cheap to make: the engine makes one per act and observer per round).

    Attributes:
        round: 1-based round of the act.
        observer: who observed.
        maker: who acted.
        instrument: what the maker really did.
        target: at whom (or None).
        perceived: what the observer saw (differs from ``instrument`` after a noise flip).
        perceived_offense: õ in [0, 1], how offensive the act looked to the observer.
        weight: share of the evidence the observer took in (1 target, bystander weight, 0 ally).
        evidence: log-likelihood ratio for "maker is greedy" after bias and weight (+ = suspicion).
        trust_before, trust_after: the observer's trust in the maker, in (0, 1), before and after
            the round's update.
    """

    round: int
    observer: str
    maker: str
    instrument: str
    target: str | None
    perceived: str
    perceived_offense: float
    weight: float
    evidence: float
    trust_before: float
    trust_after: float

    @property
    def misperceived(self) -> bool:
        """True when noise made the observer see another act than the one made."""
        return self.perceived != self.instrument


class PairOutcome(str, Enum):
    """Where one rival pair's crisis stands or ended (docs/model.md §8), worst first."""

    WAR = "war"
    ARMED_CLASH = "armed_clash"
    CRISIS = "crisis"
    STALEMATE = "stalemate"
    DETENTE = "detente"
    TREATY = "treaty"

    @property
    def is_peace(self) -> bool:
        """True for a treaty or a sustained détente."""
        return self in (PairOutcome.TREATY, PairOutcome.DETENTE)


class TensionTerm(NamedTuple):
    """One term of a round's change of the tension meter, in meter points (docs/model.md §6).

    The terms of a round sum to T_after − T_before exactly (up to float rounding).

    Attributes:
        kind: ``act`` (an actor's act this round moved its hostility stock), ``fade`` (older
            acts' hostility fading), ``event`` (an event card's hostility shock or floor),
            ``fear`` (trust in ``actor`` moved), ``arms`` (capabilities moved: the arms race),
            ``floor`` (the floor after a use of force holds the meter up, or releases it),
            ``war`` (war broke out: the meter goes to 100; actor = who chose it, if anyone).
        actor: whose act, stock or trustworthiness the term is about (None for arms and floor).
        detail: the instrument id (``act``), the event card id (``event``), else None.
        value: change in meter points (+ raises tension).
    """

    kind: str
    actor: str | None
    detail: str | None
    value: float


class EventFired(NamedTuple):
    """An event card that fired in a round; ``source`` is "scheduled", "drawn" or "injected"."""

    id: str
    source: str


class BeliefLayout:
    """Where each directed pair's beliefs sit in a :class:`Beliefs`: one slot per pair, in the
    order the round reads them (each maker in actor order, then each of its observers in actor
    order), built once per scenario (:attr:`wargame.engine.rules.Rules.belief_layout`).

    Attributes:
        pairs: (observer, subject) of each slot.
        reverse: (subject, observer) of each slot: the key of the subject's estimate of that belief.
        slot: (observer, subject) → its slot.
        rows: observer → (subject, slot) for every other actor, in actor order.
        estimates: subject → (observer, slot) for every other actor, in actor order.
    """

    pairs: tuple[tuple[str, str], ...]
    reverse: tuple[tuple[str, str], ...]
    slot: dict[tuple[str, str], int]
    rows: dict[str, tuple[tuple[str, int], ...]]
    estimates: dict[str, tuple[tuple[str, int], ...]]

    def __init__(self, actor_ids: tuple[str, ...]) -> None:
        """The layout of a scenario with these actors (in scenario order)."""
        self.pairs = tuple((i, j) for j in actor_ids for i in actor_ids if i != j)
        self.reverse = tuple((j, i) for i, j in self.pairs)
        self.slot = {pair: k for k, pair in enumerate(self.pairs)}
        self.rows = {i: tuple((j, self.slot[(i, j)]) for j in actor_ids if j != i) for i in actor_ids}
        self.estimates = {j: tuple((i, self.slot[(i, j)]) for i in actor_ids if i != j) for j in actor_ids}


class Beliefs:
    """Every directed pair's beliefs after a round, as lists in a :class:`BeliefLayout`'s slots.

    The round writes these lists rather than the state's pair-keyed dicts: a slot is a list index,
    where a dict entry costs a hash of its tuple key and an insertion, about a tenth of a round
    for the 20 pairs of five actors. The state builds its dicts from them when they are first
    read (:attr:`State.logodds` and the others); a batch run never reads most of them.

    Attributes:
        layout: which pair each slot holds.
        logodds: ℓ_ij; trust: μ_ij = 1/(1 + e^ℓ_ij); perceived: the instrument of j's last act
            as i perceived it, or None (each at the slot of (i, j)).
        second: s_ji, j's estimate of ℓ_ij, at the slot of (i, j) (the state keys it (j, i)).
    """

    layout: BeliefLayout
    logodds: list[float]
    trust: list[float]
    second: list[float]
    perceived: list[str | None]

    def __init__(
        self,
        layout: BeliefLayout,
        logodds: list[float],
        trust: list[float],
        second: list[float],
        perceived: list[str | None],
    ) -> None:
        """The lists, each with one value per slot of ``layout``."""
        self.layout = layout
        self.logodds = logodds
        self.trust = trust
        self.second = second
        self.perceived = perceived

    @classmethod
    def of(cls, layout: BeliefLayout, state: State) -> Beliefs:
        """``state``'s beliefs laid out in ``layout`` (its own, when it has them in that layout)."""
        own = state.beliefs
        if own is not None and own.layout is layout:
            return own
        logodds, trust = state.logodds, state.mu
        second, perceived = state.second_order, state.last_perceived
        return cls(
            layout,
            [logodds[pair] for pair in layout.pairs],
            [trust[pair] for pair in layout.pairs],
            [second[pair] for pair in layout.reverse],
            [perceived[pair] for pair in layout.pairs],
        )


class PairValues:
    """The hostility stocks, pair tensions and détente streaks after a round, as lists.

    The round reads and writes these by index, as it does :class:`Beliefs` (a pair-keyed dict
    would hash a tuple at each access); the state builds its ``pair_hostility``,
    ``pair_tension`` and ``detente_streak`` dicts from them when first read.

    Attributes:
        stock_keys: (i, j) of each directed hostility stock, in the order of ``hostility``
            (:attr:`wargame.engine.rules.Rules.stock_keys`).
        pairs: the rival pairs, in the order of ``tension`` and ``streak`` (``Rules.pairs``).
        hostility: H_i→j of each stock; tension: T of each pair; streak: each pair's détente
            streak.
    """

    stock_keys: tuple[tuple[str, str], ...]
    pairs: tuple[tuple[str, str], ...]
    hostility: list[float]
    tension: list[float]
    streak: list[int]

    def __init__(
        self,
        stock_keys: tuple[tuple[str, str], ...],
        pairs: tuple[tuple[str, str], ...],
        hostility: list[float],
        tension: list[float],
        streak: list[int],
    ) -> None:
        """The lists, ``hostility`` by stock, ``tension`` and ``streak`` by pair."""
        self.stock_keys = stock_keys
        self.pairs = pairs
        self.hostility = hostility
        self.tension = tension
        self.streak = streak

    @classmethod
    def of(
        cls, stock_keys: tuple[tuple[str, str], ...], pairs: tuple[tuple[str, str], ...], state: State
    ) -> PairValues:
        """``state``'s values in this order (its own, when it has them so): every stock must be
        there; a pair without a tension or streak has 0."""
        own = state.pair_values
        if own is not None and own.stock_keys is stock_keys and own.pairs is pairs:
            return own
        hostility, tension, streak = state.pair_hostility, state.pair_tension, state.detente_streak
        return cls(
            stock_keys,
            pairs,
            [hostility[key] for key in stock_keys],
            [tension.get(pair, 0.0) for pair in pairs],
            [streak.get(pair, 0) for pair in pairs],
        )


@dataclass(slots=True, init=False, eq=False, repr=False)
class State:
    """The full (omniscient) state of a game after some rounds.

    Pair keys are ``(observer, subject)`` tuples of actor ids.

    Attributes:
        round: rounds resolved so far (0 before the first).
        types: hidden type per actor: ``security_seeker`` or ``greedy``.
        logodds: ℓ_ij, observer i's log-odds that subject j is greedy, in [−ℓmax, ℓmax].
        second_order: i's estimate of ℓ_ji (how far j suspects i), by the same update rule.
        capability: K per actor, in [Kmin, Kmax].
        grievance: Richardson g per actor.
        hostility: H_j per actor, in [0, 1].
        tension: T in [0, 100].
        tension_history: T after each round, starting with the opening value.
        war_probability: 1 − Π(1 − p_t), the cumulative inadvertent-war probability in [0, 1];
            1.0 once a war has broken out.
        last_perceived: (i, j) → instrument id of j's last act as i perceived it, or None.
        last_target: j → the target of j's last act (public).
        last_own: i → the instrument i really used last round.
        recent_acts: per recent round, (highest Kahn rung, highest MID level) of any act.
        escalation_history: Rivera escalation score per round (points ÷ number of actors).
        floor_until: last round at which the force floor holds (0: none).
        peace_streak: consecutive rounds meeting the peace-regime rule.
        proposals: (proposer, target) → treaty id proposed last round.
        fired: event ids already fired (for once-only drawn cards).
        memory: per-actor doctrine memory (small JSON-able dicts).
        crisis_rounds, clash_rounds: rounds with crisis status / an armed clash.
        outcome, outcome_round, outcome_actor: the terminal outcome once reached.
        pair_hostility: (i, j) → H_i→j in [0, 1], the hostility i's acts have aimed at j.
        force_stock: (i, j) → U_i→j ≥ 0, i's recent uses of force against j (decaying).
        pair_tension: rival pair → its tension in [0, 100] (docs/model.md §6).
        detente_streak: rival pair → consecutive rounds meeting the détente rule.
        treaties: rival pairs bound by a signed treaty (a later use of force between them ends it).
        clash_pairs: rival pairs that have had an armed clash (an act of MID level 4) this game.
        war_pair: the pair at war, once war breaks out.
        war_cause: what started the war: ``chosen`` (an act of MID level 5), ``brink`` (the
            hazard of high tension) or ``force`` (the price of recent force); None in peace.
        hazard: the war hazard of the last round resolved, in [0, 1] (0 before round 1).
        hazard_ahead: the hazard the next round carries before anyone acts, in [0, 1]: the brink
            at the present tension and the force stocks as they will have faded (new force adds
            to it). The P(war) a player sees when choosing.
        floor_source: what holds the meter above its formula after this round: ``force`` (the
            floor after a use of force), an event card id, or None.
        mu: trust μ_ij = 1/(1 + e^ℓ_ij) per pair, derived from ``logodds`` (a cache; not serialised).
        mu_rows, second_rows, perceived_rows: observer → {subject: value} views of ``mu``,
            ``second_order`` and ``last_perceived`` (caches for building views; not serialised).
        beliefs: ``logodds``, ``mu``, ``second_order`` and ``last_perceived`` as the round
            wrote them (:class:`Beliefs`), or None for a state built from those dicts. For a
            state the round built, those four dicts and the rows are properties built from it
            when first read (a batch run reads few of them); treat them as read-only.
        pair_values: ``pair_hostility``, ``pair_tension`` and ``detente_streak`` as the round
            wrote them (:class:`PairValues`), or None; those three dicts are then built from it
            when first read, likewise.

    A changed copy is :meth:`with_changes`, not ``dataclasses.replace`` (which would pass the
    lazily built caches to ``__init__`` and fail).

    The order in which a dict field lists its keys is not part of the state (the engine may
    build them in any order); :meth:`to_dict` and :meth:`to_json` sort them, and equal states
    give equal JSON.
    """

    round: int
    types: dict[str, str]
    capability: dict[str, float]
    grievance: dict[str, float]
    hostility: dict[str, float]
    tension: float
    tension_history: tuple[float, ...]
    war_probability: float
    last_target: dict[str, str | None]
    last_own: dict[str, str | None]
    recent_acts: tuple[tuple[int, int], ...]
    escalation_history: tuple[float, ...]
    floor_until: int
    peace_streak: int
    proposals: dict[tuple[str, str], str]
    fired: frozenset[str]
    memory: dict[str, dict[str, Any]]
    crisis_rounds: tuple[int, ...]
    clash_rounds: tuple[int, ...]
    outcome: Outcome | None
    outcome_round: int | None
    outcome_actor: str | None
    force_stock: dict[tuple[str, str], float]
    treaties: frozenset[tuple[str, str]]
    clash_pairs: frozenset[tuple[str, str]]
    war_pair: tuple[str, str] | None
    war_cause: str | None
    hazard: float
    hazard_ahead: float
    floor_source: str | None
    #: the beliefs as the round wrote them (None for a state built from dicts)
    beliefs: Beliefs | None
    # the pair-keyed dicts and rows, each built when first read (see the properties below)
    _logodds: dict[tuple[str, str], float] | None
    _second_order: dict[tuple[str, str], float] | None
    _last_perceived: dict[tuple[str, str], str | None] | None
    _mu: dict[tuple[str, str], float] | None
    _mu_rows: dict[str, dict[str, float]] | None
    _second_rows: dict[str, dict[str, float]] | None
    _perceived_rows: dict[str, dict[str, str | None]] | None
    #: the pair values as the round wrote them (None for a state built from dicts)
    pair_values: PairValues | None
    _pair_hostility: dict[tuple[str, str], float] | None
    _pair_tension: dict[tuple[str, str], float] | None
    _detente_streak: dict[tuple[str, str], int] | None

    def __init__(
        self,
        round: int,
        types: dict[str, str],
        logodds: dict[tuple[str, str], float] | None,
        second_order: dict[tuple[str, str], float] | None,
        capability: dict[str, float],
        grievance: dict[str, float],
        hostility: dict[str, float],
        tension: float,
        tension_history: tuple[float, ...],
        war_probability: float,
        last_perceived: dict[tuple[str, str], str | None] | None,
        last_target: dict[str, str | None],
        last_own: dict[str, str | None],
        recent_acts: tuple[tuple[int, int], ...],
        escalation_history: tuple[float, ...],
        floor_until: int = 0,
        peace_streak: int = 0,
        proposals: dict[tuple[str, str], str] | None = None,
        fired: frozenset[str] = frozenset(),
        memory: dict[str, dict[str, Any]] | None = None,
        crisis_rounds: tuple[int, ...] = (),
        clash_rounds: tuple[int, ...] = (),
        outcome: Outcome | None = None,
        outcome_round: int | None = None,
        outcome_actor: str | None = None,
        pair_hostility: dict[tuple[str, str], float] | None = None,
        force_stock: dict[tuple[str, str], float] | None = None,
        pair_tension: dict[tuple[str, str], float] | None = None,
        detente_streak: dict[tuple[str, str], int] | None = None,
        treaties: frozenset[tuple[str, str]] = frozenset(),
        clash_pairs: frozenset[tuple[str, str]] = frozenset(),
        war_pair: tuple[str, str] | None = None,
        war_cause: str | None = None,
        hazard: float = 0.0,
        hazard_ahead: float = 0.0,
        floor_source: str | None = None,
        mu: dict[tuple[str, str], float] | None = None,
        mu_rows: dict[str, dict[str, float]] | None = None,
        second_rows: dict[str, dict[str, float]] | None = None,
        perceived_rows: dict[str, dict[str, str | None]] | None = None,
        beliefs: Beliefs | None = None,
        pair_values: PairValues | None = None,
    ) -> None:
        """Every field, by position or name; a dict field left out (or None) starts empty, and
        ``mu`` and the rows are derived from ``logodds``, ``second_order`` and ``last_perceived``
        when not given (or empty). The round passes ``beliefs`` instead of ``logodds``,
        ``second_order``, ``last_perceived``, ``mu`` and the rows, and ``pair_values`` instead of
        ``pair_hostility``, ``pair_tension`` and ``detente_streak``: those are then built from
        them when first read.

        Written out (``init=False``) because, compiled with mypyc, the ``__init__`` a dataclass
        generates stays interpreted Python, and the engine makes a state every round."""
        self.round = round
        self.types = types
        self.capability = capability
        self.grievance = grievance
        self.hostility = hostility
        self.tension = tension
        self.tension_history = tension_history
        self.war_probability = war_probability
        self.last_target = last_target
        self.last_own = last_own
        self.recent_acts = recent_acts
        self.escalation_history = escalation_history
        self.floor_until = floor_until
        self.peace_streak = peace_streak
        self.proposals = {} if proposals is None else proposals
        self.fired = fired
        self.memory = {} if memory is None else memory
        self.crisis_rounds = crisis_rounds
        self.clash_rounds = clash_rounds
        self.outcome = outcome
        self.outcome_round = outcome_round
        self.outcome_actor = outcome_actor
        self.force_stock = {} if force_stock is None else force_stock
        self.pair_values = pair_values
        # a dict left out is empty, unless the round's pair values stand for it
        derived = pair_values is not None
        self._pair_hostility = pair_hostility if pair_hostility is not None or derived else {}
        self._pair_tension = pair_tension if pair_tension is not None or derived else {}
        self._detente_streak = detente_streak if detente_streak is not None or derived else {}
        self.treaties = treaties
        self.clash_pairs = clash_pairs
        self.war_pair = war_pair
        self.war_cause = war_cause
        self.hazard = hazard
        self.hazard_ahead = hazard_ahead
        self.floor_source = floor_source
        if beliefs is None and (logodds is None or second_order is None or last_perceived is None):
            raise TypeError("a state needs its beliefs: logodds, second_order and last_perceived")
        self.beliefs = beliefs
        self._logodds = logodds
        self._second_order = second_order
        self._last_perceived = last_perceived
        # an empty cache is rebuilt (with_changes and older callers pass {} for "derive it")
        self._mu = mu or None
        rows_given = bool(mu_rows)
        self._mu_rows = mu_rows if rows_given else None
        self._second_rows = second_rows if rows_given else None
        self._perceived_rows = perceived_rows if rows_given else None

    def _beliefs(self) -> Beliefs:
        """The round's beliefs behind a state built by the round (never None there)."""
        beliefs = self.beliefs
        assert beliefs is not None, "a state built from dicts keeps them"
        return beliefs

    @property
    def logodds(self) -> dict[tuple[str, str], float]:
        """ℓ_ij, observer i's log-odds that subject j is greedy, by (i, j) (read-only)."""
        if self._logodds is None:
            beliefs = self._beliefs()
            self._logodds = dict(zip(beliefs.layout.pairs, beliefs.logodds))
        return self._logodds

    @property
    def second_order(self) -> dict[tuple[str, str], float]:
        """i's estimate of ℓ_ji, by (i, j) (read-only)."""
        if self._second_order is None:
            beliefs = self._beliefs()
            self._second_order = dict(zip(beliefs.layout.reverse, beliefs.second))
        return self._second_order

    @property
    def last_perceived(self) -> dict[tuple[str, str], str | None]:
        """(i, j) → instrument id of j's last act as i perceived it, or None (read-only)."""
        if self._last_perceived is None:
            beliefs = self._beliefs()
            self._last_perceived = dict(zip(beliefs.layout.pairs, beliefs.perceived))
        return self._last_perceived

    @property
    def mu(self) -> dict[tuple[str, str], float]:
        """μ_ij = 1/(1 + e^ℓ_ij) by (i, j), derived from :attr:`logodds` (read-only)."""
        if self._mu is None:
            beliefs = self.beliefs
            if beliefs is None:
                self._mu = {pair: 1.0 / (1.0 + _exp(lo)) for pair, lo in self.logodds.items()}
            else:
                self._mu = dict(zip(beliefs.layout.pairs, beliefs.trust))
        return self._mu

    @property
    def mu_rows(self) -> dict[str, dict[str, float]]:
        """Observer → {subject: μ}, in actor order (read-only; the views share these rows)."""
        if self._mu_rows is None:
            beliefs = self.beliefs
            if beliefs is None:
                self._mu_rows = _rows(self.mu)
            else:
                trust = beliefs.trust
                self._mu_rows = {i: {j: trust[k] for j, k in row} for i, row in beliefs.layout.rows.items()}
        return self._mu_rows

    @property
    def second_rows(self) -> dict[str, dict[str, float]]:
        """Actor i → {j: i's estimate of ℓ_ji}, in actor order (read-only; shared with the views)."""
        if self._second_rows is None:
            beliefs = self.beliefs
            if beliefs is None:
                self._second_rows = _rows(self.second_order)
            else:
                second = beliefs.second
                layout = beliefs.layout
                self._second_rows = {j: {i: second[k] for i, k in row} for j, row in layout.estimates.items()}
        return self._second_rows

    @property
    def perceived_rows(self) -> dict[str, dict[str, str | None]]:
        """Observer → {subject: its last act as perceived}, in actor order (read-only; shared)."""
        if self._perceived_rows is None:
            beliefs = self.beliefs
            if beliefs is None:
                self._perceived_rows = _rows(self.last_perceived)
            else:
                seen = beliefs.perceived
                layout = beliefs.layout
                self._perceived_rows = {i: {j: seen[k] for j, k in row} for i, row in layout.rows.items()}
        return self._perceived_rows

    def _pair_values(self) -> PairValues:
        """The round's pair values behind a state built by the round (never None there)."""
        values = self.pair_values
        assert values is not None, "a state built from dicts keeps them"
        return values

    @property
    def pair_hostility(self) -> dict[tuple[str, str], float]:
        """(i, j) → H_i→j in [0, 1], the hostility i's acts have aimed at j (read-only)."""
        if self._pair_hostility is None:
            values = self._pair_values()
            self._pair_hostility = dict(zip(values.stock_keys, values.hostility))
        return self._pair_hostility

    @property
    def pair_tension(self) -> dict[tuple[str, str], float]:
        """Rival pair → its tension in [0, 100] (read-only)."""
        if self._pair_tension is None:
            values = self._pair_values()
            self._pair_tension = dict(zip(values.pairs, values.tension))
        return self._pair_tension

    @property
    def detente_streak(self) -> dict[tuple[str, str], int]:
        """Rival pair → consecutive rounds meeting the détente rule (read-only)."""
        if self._detente_streak is None:
            values = self._pair_values()
            self._detente_streak = dict(zip(values.pairs, values.streak))
        return self._detente_streak

    def with_changes(self, **changes: Any) -> State:
        """A copy with some fields changed (by name, as :meth:`__init__` takes them) and the
        derived caches rebuilt."""
        given: dict[str, Any] = {name: getattr(self, name) for name in _FIELDS}
        given.update(changes)
        return State(**given)

    def __repr__(self) -> str:
        """The round, the meter and the outcome (:meth:`to_json` gives the whole state; a
        generated repr would show the caches, which depend on what has been read)."""
        outcome = None if self.outcome is None else self.outcome.value
        return f"State(round={self.round}, tension={self.tension!r}, outcome={outcome!r})"

    def __eq__(self, other: object) -> bool:
        """Equal states serialise alike (:meth:`to_dict`; the caches are derived from the rest)."""
        if not isinstance(other, State):
            return NotImplemented
        return self.to_dict() == other.to_dict()

    def trust(self, observer: str, subject: str) -> float:
        """μ_ij in (0, 1): observer's probability that subject is a security seeker."""
        return self.mu[(observer, subject)]

    def estimated_trust_in(self, actor: str, other: str) -> float:
        """``actor``'s estimate, in (0, 1), of how far ``other`` trusts it (second-order belief)."""
        return 1.0 / (1.0 + _exp(self.second_order[(actor, other)]))

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able dict with sorted, string keys (pairs as ``"i>j"``)."""

        def pairs(d: dict[tuple[str, str], Any]) -> dict[str, Any]:
            return {f"{a}>{b}": v for (a, b), v in sorted(d.items())}

        return {
            "round": self.round,
            "types": dict(sorted(self.types.items())),
            "logodds": pairs(self.logodds),
            "second_order": pairs(self.second_order),
            "capability": dict(sorted(self.capability.items())),
            "grievance": dict(sorted(self.grievance.items())),
            "hostility": dict(sorted(self.hostility.items())),
            "tension": self.tension,
            "tension_history": list(self.tension_history),
            "war_probability": self.war_probability,
            "last_perceived": pairs(self.last_perceived),
            "last_target": dict(sorted(self.last_target.items())),
            "last_own": dict(sorted(self.last_own.items())),
            "recent_acts": [list(x) for x in self.recent_acts],
            "escalation_history": list(self.escalation_history),
            "floor_until": self.floor_until,
            "peace_streak": self.peace_streak,
            "proposals": pairs(self.proposals),
            "fired": sorted(self.fired),
            "memory": {k: dict(sorted(v.items())) for k, v in sorted(self.memory.items())},
            "crisis_rounds": list(self.crisis_rounds),
            "clash_rounds": list(self.clash_rounds),
            "outcome": self.outcome.value if self.outcome else None,
            "outcome_round": self.outcome_round,
            "outcome_actor": self.outcome_actor,
            "pair_hostility": pairs(self.pair_hostility),
            "force_stock": pairs(self.force_stock),
            "pair_tension": pairs(self.pair_tension),
            "detente_streak": pairs(self.detente_streak),
            "treaties": sorted(f"{a}>{b}" for a, b in self.treaties),
            "clash_pairs": sorted(f"{a}>{b}" for a, b in self.clash_pairs),
            "war_pair": None if self.war_pair is None else "{}>{}".format(*self.war_pair),
            "hazard": self.hazard,
            "hazard_ahead": self.hazard_ahead,
            "war_cause": self.war_cause,
            "floor_source": self.floor_source,
        }

    def to_json(self) -> str:
        """Canonical JSON (sorted keys, repr floats): equal states give equal strings."""
        return json.dumps(self.to_dict(), sort_keys=True, separators=(",", ":"))


_exp = math.exp

#: The fields :meth:`State.with_changes` copies (every argument of ``State`` but the caches).
_FIELDS = (
    "round",
    "types",
    "logodds",
    "second_order",
    "capability",
    "grievance",
    "hostility",
    "tension",
    "tension_history",
    "war_probability",
    "last_perceived",
    "last_target",
    "last_own",
    "recent_acts",
    "escalation_history",
    "floor_until",
    "peace_streak",
    "proposals",
    "fired",
    "memory",
    "crisis_rounds",
    "clash_rounds",
    "outcome",
    "outcome_round",
    "outcome_actor",
    "pair_hostility",
    "force_stock",
    "pair_tension",
    "detente_streak",
    "treaties",
    "clash_pairs",
    "war_pair",
    "war_cause",
    "hazard",
    "hazard_ahead",
    "floor_source",
)


def _rows(pairs: dict[tuple[str, str], Any]) -> dict[str, dict[str, Any]]:
    rows: dict[str, dict[str, Any]] = {}
    for (i, j), v in pairs.items():
        rows.setdefault(i, {})[j] = v
    return rows


class RoundResult(NamedTuple):
    """What one round produced (an immutable named tuple: the engine makes one per round).

    Attributes:
        round: the 1-based round resolved.
        orders: the orders as submitted, by actor.
        acts: the acts as resolved, in actor order.
        perception_rows: every observer's reading of every act, in act order then observer order,
            each a plain tuple with the fields of :class:`Perception` (plain tuples hold no
            references the cyclic garbage collector must follow, so a long game's history costs
            it nothing); :attr:`perceptions` gives them as :class:`Perception` records.
        events: event cards that fired.
        state: the state after the round.
        tension: T after the round (0-100).
        hazard: p_t, this round's war hazard in [0, 1] (tension and force, every pair;
            docs/model.md §7); the probability that the round's draw started a war.
        escalation: the round's Rivera escalation score (points ÷ number of actors).
        kahn_rung, mid_level: the highest Kahn rung and MID level of any act this round.
        outcome: the terminal outcome reached this round, or None.
        tension_terms: the round's change of the meter as its terms (:class:`TensionTerm`).
    """

    round: int
    orders: dict[str, Order]
    acts: tuple[Act, ...]
    perception_rows: tuple[tuple[Any, ...], ...]
    events: tuple[EventFired, ...]
    state: State
    tension: float
    hazard: float
    escalation: float
    kahn_rung: int
    mid_level: int
    outcome: Outcome | None
    tension_terms: tuple[TensionTerm, ...] = ()

    @property
    def perceptions(self) -> tuple[Perception, ...]:
        """Every observer's reading of every act, as :class:`Perception` records (built from
        :attr:`perception_rows` on each access; keep the result if you read it often)."""
        return tuple([Perception._make(row) for row in self.perception_rows])
