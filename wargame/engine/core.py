"""The round: simultaneous orders in, a new state, perception records and an outcome out.

Implements ``docs/model.md`` §1-§3.9 for N actors:

1. orders are checked and resolved together (combined acts need an ally's same order, a treaty
   its counterpart's signature);
2. every other actor observes every act, with noise in stochastic mode, and updates its trust by
   evidence filtered through distinguishability and legibility, after attribution bias, with
   memory (Jervis 1976/1978; Kydd 2005; Mercer 1996);
3. capabilities follow the Richardson map, coupled to trust and offense advantage;
4. hostility stocks, fear and the 0-100 tension meter are updated from the true acts;
5. outcomes are checked (war chosen or inadvertent, peace by treaty or détente, stalemate).

Pure: no I/O, no clock, no global random state. Randomness comes only from the ``rng`` argument.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from wargame.engine.errors import GameOverError, IllegalOrderError
from wargame.engine.rules import (
    GREEDY,
    SECURITY_SEEKER,
    EventCard,
    Instrument,
    Needs,
    Rules,
    fear_coefficient,
)
from wargame.engine.state import (
    Act,
    Beliefs,
    EventFired,
    Mode,
    Order,
    Outcome,
    PairOutcome,
    PairValues,
    RoundResult,
    State,
    TensionTerm,
)
from wargame.engine.streams import Draws, draws

# The module's constants are ``Final``: compiled with mypyc, a plain module constant is looked up in
# the module's dict at every use; a ``Final`` one is a C constant.

#: Share of a grievance's departure from its base kept each round: a shock fades by 1/e in about
#: 5.5 rounds (design choice after Richardson's grievances fading over "6 turns"; docs/model.md §5).
GRIEVANCE_MEMORY: Final = 5.0 / 6.0
#: Grievance added to the victim of a use of force (docs/model.md §5 [D]).
FORCE_GRIEVANCE: Final = 0.05
#: Grievance removed from each signer whose signature takes effect; it fades like any other
#: departure from the base grievance (docs/model.md §5 [D]).
TREATY_GOODWILL: Final = 0.05
#: Rounds of (highest Kahn rung, MID level) kept for the ladder display (docs/model.md §6).
RECENT_WINDOW: Final = 3


def draw_types(rules: Rules, rng: Draws | None) -> dict[str, str]:
    """Draw each actor's hidden type from its prior, in actor order.

    With ``rng=None`` (expectation mode) each actor takes its more likely type (security seeker
    when the prior is ≥ 0.5). Source: Glaser 2010, Kydd 2005 (hidden types); priors from the scenario.
    """
    types: dict[str, str] = {}
    for a in rules.actors:
        if rng is None:
            types[a.id] = SECURITY_SEEKER if a.prior_security_seeker >= 0.5 else GREEDY
        else:
            types[a.id] = SECURITY_SEEKER if rng.random() < a.prior_security_seeker else GREEDY
    return types


def initial_state(rules: Rules, types: Mapping[str, str]) -> State:
    """The state before round 1: initial beliefs, capabilities, hostility and tension.

    Args:
        rules: compiled scenario rules.
        types: hidden type per actor id (``security_seeker`` or ``greedy``).

    Raises:
        ValueError: a type is missing or not one of the two.
    """
    for a in rules.actor_ids:
        if types.get(a) not in (SECURITY_SEEKER, GREEDY):
            raise ValueError(f"hidden type for {a} must be security_seeker or greedy")
    logodds = dict(rules.initial_logodds)
    second = {(i, j): logodds[(j, i)] for (i, j) in logodds}
    last_perceived: dict[tuple[str, str], str | None] = {pair: None for pair in logodds}
    last_target: dict[str, str | None] = {a: None for a in rules.actor_ids}
    last_own: dict[str, str | None] = {a: None for a in rules.actor_ids}
    for o in rules.opening:
        last_own[o.actor] = o.instrument
        last_target[o.actor] = o.target
        for obs in rules.actor_ids:
            if obs != o.actor:
                last_perceived[(obs, o.actor)] = o.instrument
    capability = {a.id: a.capability for a in rules.actors}
    hostility = {a.id: a.hostility for a in rules.actors}
    mu = {pair: 1.0 / (1.0 + math.exp(lo)) for pair, lo in logodds.items()}
    reach = rules.reach_keys
    pair_hostility = {key: hostility[i] for i in rules.actor_ids for key in reach[(i, None)]}
    recent: tuple[tuple[int, int], ...] = ()
    if rules.opening:
        insts = [rules.instruments[o.instrument] for o in rules.opening]
        recent = ((max(i.kahn_rung for i in insts), max(i.mid_level for i in insts)),)
    state = State(
        round=0,
        types=dict(types),
        logodds=logodds,
        second_order=second,
        capability=capability,
        grievance={a.id: a.grievance for a in rules.actors},
        hostility=hostility,
        tension=0.0,
        tension_history=(),
        war_probability=0.0,
        last_perceived=last_perceived,
        last_target=last_target,
        last_own=last_own,
        recent_acts=recent,
        escalation_history=(),
        memory={a: {} for a in rules.actor_ids},
        pair_hostility=pair_hostility,
        pair_tension={
            pair: pair_tension(rules, pair, pair_hostility, mu, capability) for pair in rules.pairs
        },
        detente_streak=dict.fromkeys(rules.pairs, 0),
        mu=mu,
    )
    state.tension = _tension(rules, hostility, mu, capability)  # tension(), μ made once
    state.tension_history = (state.tension,)
    state.hazard_ahead = hazard_of(rules, state.tension)
    return state


def check_order(rules: Rules, actor: str, order: Order) -> None:
    """Raise :class:`IllegalOrderError` unless ``order`` is legal for ``actor``.

    Legal: a known actor; an instrument in the catalogue that the actor may use; a target that is
    another actor when the instrument takes one, and none otherwise.
    """
    legal = rules.order_acts.get(actor)
    if legal is not None and order in legal:  # every legal order is listed: the common case
        return
    if legal is None:
        raise IllegalOrderError(actor, "no such actor in this scenario")
    inst = rules.instruments.get(order.instrument)
    if inst is None:
        raise IllegalOrderError(actor, f"unknown instrument {order.instrument!r}")
    if not rules.usable(actor, order.instrument):
        raise IllegalOrderError(actor, f"{actor} may not use {order.instrument!r}")
    if inst.targeted:
        if order.target is None:
            raise IllegalOrderError(actor, f"{order.instrument!r} needs a target")
        if order.target not in rules.actor_by_id:
            raise IllegalOrderError(actor, f"unknown target {order.target!r}")
        if order.target == actor:
            raise IllegalOrderError(actor, "an actor cannot target itself")
    elif order.target is not None:
        raise IllegalOrderError(actor, f"{order.instrument!r} takes no target")


def resolve_acts(rules: Rules, state: State, orders: Mapping[str, Order]) -> tuple[Act, ...]:
    """Resolve simultaneous (legal) orders into acts: combined acts need an ally, treaties a
    counterpart.

    An order whose instrument needs nobody is its act (:attr:`Rules.order_acts`). A combined act
    (``needs = ally``) takes effect when an ally orders the same instrument at the same target; a
    treaty (``needs = counterpart``) when its target signs back at the maker in the same round or
    proposed it to the maker last round. Otherwise the fallback instrument is used.
    """
    acts: list[Act] = []
    for actor, legal in rules.order_acts.items():
        order = orders[actor]
        act = legal[order]
        acts.append(act if act is not None else _needs_act(rules, state, orders, actor, order))
    return tuple(acts)


def _needs_act(rules: Rules, state: State, orders: Mapping[str, Order], actor: str, order: Order) -> Act:
    """The act of an order whose instrument needs an ally or a counterpart (see :func:`resolve_acts`)."""
    ordered, target = order.instrument, order.target
    inst = rules.instruments[ordered]
    partners: tuple[str, ...]
    if inst.needs is Needs.ALLY:
        partners = tuple(
            b
            for b in rules.actor_ids
            if rules.allied(actor, b) and orders[b].instrument == ordered and orders[b].target == target
        )
    else:
        assert target is not None
        back = orders.get(target)
        signed = back is not None and back.instrument == ordered and back.target == actor
        proposed = state.proposals.get((target, actor)) == ordered
        partners = (target,) if (signed or proposed) else ()
    if partners:
        return Act(maker=actor, ordered=ordered, instrument=ordered, target=target, partners=partners)
    fallback = inst.fallback
    assert fallback is not None
    return Act(
        maker=actor,
        ordered=ordered,
        instrument=fallback,
        target=target if rules.instruments[fallback].targeted else None,
        need_met=False,
    )


def resolve_round(
    rules: Rules,
    state: State,
    orders: Mapping[str, Order],
    rng: Draws,
    *,
    mode: Mode = Mode.STOCHASTIC,
    round_limit: int | None = None,
    injected: Iterable[str] = (),
    memory: Mapping[str, dict[str, Any]] | None = None,
    allow_after_outcome: bool = False,
    explain: bool = True,
) -> RoundResult:
    """Resolve one round of simultaneous orders (docs/model.md §1, "One round").

    The stages run in the order of docs/model.md §1, each a small function over one
    :class:`RoundWork` that reads what the stages before it wrote:

    1. :func:`resolve_acts`: orders → acts;
    2. :func:`_perceive` (what each observer saw), :func:`_fire_events` (event cards),
       :func:`_update_beliefs` (trust and second-order beliefs; §3);
    3. :func:`_move_capabilities` (grievances and the Richardson layer; §5);
    4. :func:`_update_hostility` (hostility and force stocks; §5), :func:`_read_meter` (the
       meter and its floors; §6);
    5. :func:`_pair_tensions` (pair tension and détente streaks), :func:`_settle_treaties`
       (treaties, clashes, proposals), :func:`_draw_war` (the hazard and its draw; §7),
       :func:`_headline_outcome` (§8), :func:`_hazard_ahead`; then :func:`_finish` builds the new
       state and the result.

    Args:
        rules: compiled scenario rules.
        state: the state before the round (not modified).
        orders: one :class:`Order` per actor id.
        rng: the round's engine stream (wargame/engine/streams.py); draws happen in a fixed order (noise per act and observer in
            actor order, then drawn event cards, then the war hazard) and only in stochastic mode.
        mode: expectation or stochastic (see :class:`Mode`).
        round_limit: rounds after which the game ends in stalemate (default: the scenario's).
        injected: ids of event cards injected this round (facilitator).
        memory: updated doctrine memories to store, by actor.
        allow_after_outcome: keep playing after a terminal outcome (research and theory tests).
        explain: split the meter's change into :class:`TensionTerm` terms (batch runs that never
            show them pass False; the game is the same either way).

    Returns:
        The :class:`RoundResult`, whose ``state`` is a new object.

    Raises:
        IllegalOrderError: a missing or illegal order, or an unknown injected event.
        GameOverError: the game has already ended and ``allow_after_outcome`` is False.
    """
    if state.outcome is not None and not allow_after_outcome:
        raise GameOverError(f"the game ended in round {state.outcome_round} ({state.outcome.value})")
    for actor in rules.actor_ids:
        if actor not in orders:
            raise IllegalOrderError(actor, "no order given")
        check_order(rules, actor, orders[actor])
    if len(orders) != len(rules.actor_ids):  # every actor has one: is there an order for anyone else?
        for actor in orders:
            if actor not in rules.actor_by_id:
                raise IllegalOrderError(actor, "no such actor in this scenario")

    work = RoundWork(  # positional (a keyword call costs more), in its field order
        rules,  # rules
        state,  # before
        state.round + 1,  # round
        rules.rounds if round_limit is None else round_limit,  # round_limit
        orders,  # orders
        rng,  # rng
        mode is Mode.STOCHASTIC,  # stochastic
        explain,  # explain
        resolve_acts(rules, state, orders),  # acts
    )
    _perceive(work)
    _fire_events(work, injected)
    _update_beliefs(work)
    _move_capabilities(work)
    _update_hostility(work)
    _read_meter(work)
    _pair_tensions(work)
    _settle_treaties(work)
    _draw_war(work)
    _headline_outcome(work)
    _hazard_ahead(work)
    return _finish(work, memory)


@dataclass(slots=True, init=False)
class EventEffects:
    """What the round's event cards did (stage 2b): which fired, and their effects by target.

    Its ``__init__`` is written out (``init=False``) because, compiled with mypyc, the one a
    dataclass generates stays interpreted Python; this one compiles (like :class:`RoundWork`'s).
    """

    #: the cards that fired, in firing order
    fired: list[EventFired]
    #: (observer, subject) → the log-odds shifts of the cards, in firing order
    evidence: dict[tuple[str, str], list[float]]
    #: actor → summed shock to its hostility stock; actor → summed change of capability
    hostility: dict[str, float]
    capability: dict[str, float]
    #: the highest tension floor a card set this round (0: none), and that card's id
    tension_floor: float
    floor_card: str | None

    def __init__(self) -> None:
        """No card fired yet."""
        self.fired = []
        self.evidence = {}
        self.hostility = {}
        self.capability = {}
        self.tension_floor = 0.0
        self.floor_card = None


@dataclass(slots=True, init=False)
class RoundWork:
    """One round being resolved: its inputs and what each stage of :func:`resolve_round` writes.

    Symbols are those of docs/model.md §2. Directed pairs are (i, j) tuples; the round's dicts are
    keyed with :attr:`Rules.directed`'s shared tuples. Its ``__init__`` is written out
    (``init=False``): compiled with mypyc, a dataclass's generated one stays interpreted Python.
    """

    # inputs
    rules: Rules
    before: State
    round: int
    round_limit: int
    orders: Mapping[str, Order]
    rng: Draws
    stochastic: bool
    explain: bool
    # stage 1, orders → acts
    acts: tuple[Act, ...]
    # stage 2a, perception: the readings noise changed, by reading (in act order, then observer
    # order) → the look-alike the observer saw; every other reading is the act made
    misread: dict[int, str] = field(init=False)
    # stage 2b, event cards
    events: EventEffects = field(init=False)
    # stage 2c, beliefs: ℓ_ij, μ_ij, s_ji and the last perceived acts, before the round (laid out
    # in :attr:`Rules.belief_layout`, like the state's) and after it
    beliefs_before: Beliefs = field(init=False)
    beliefs: Beliefs = field(init=False)
    #: the perception records, each a plain tuple laid out as :class:`Perception`'s fields
    perceptions: list[tuple[Any, ...]] = field(init=False)
    # stage 3, capabilities: K_i and g_i
    capability: dict[str, float] = field(init=False)
    grievance: dict[str, float] = field(init=False)
    #: the instrument each act used, in act order (looked up once, read by the stages after)
    made: list[Instrument] = field(init=False)
    # stage 4, hostility: H_i, its change split into (fading, event shock, act), U_i→j; the
    # directed stocks H_i→j, pair tensions and détente streaks before the round (stage 5 writes
    # the last two), laid out as :class:`PairValues`' lists
    hostility: dict[str, float] = field(init=False)
    hostility_parts: dict[str, tuple[float, float, float]] = field(init=False)
    pairs_before: PairValues = field(init=False)
    #: H_i→j by stock, in :attr:`Rules.stock_keys` order
    pair_hostility: list[float] = field(init=False)
    force_stock: dict[tuple[str, str], float] = field(init=False)
    #: the round's highest MID level and Kahn rung, and its Rivera points
    max_mid: int = field(init=False)
    max_kahn: int = field(init=False)
    rivera_points: int = field(init=False)
    # stage 4, the meter: its formula (before floors and the 0-100 clip), T after floors, what
    # holds it up; ``tension`` is what the round ends with (the meter, or 100 when war broke out)
    raw_tension: float = field(init=False)
    #: the formula's fear terms (1 − μ_ij)·Φ_ij, in :attr:`Rules.fear_rows` order
    fear_terms: list[float] = field(init=False)
    meter: float = field(init=False)
    tension: float = field(init=False)
    floor_until: int = field(init=False)
    floor_source: str | None = field(init=False)
    # stage 5, outcomes; pair tensions and détente streaks by pair, in :attr:`Rules.pairs` order
    pair_tension: list[float] = field(init=False)
    detente_streak: list[int] = field(init=False)
    treaties: frozenset[tuple[str, str]] = field(init=False)
    clash_pairs: frozenset[tuple[str, str]] = field(init=False)
    proposals: dict[tuple[str, str], str] = field(init=False)
    last_target: dict[str, str | None] = field(init=False)
    last_own: dict[str, str | None] = field(init=False)
    #: the first signer of a treaty that took effect; the pair at war and who chose war
    treaty_maker: str | None = field(init=False)
    war_pair: tuple[str, str] | None = field(init=False)
    outcome_actor: str | None = field(init=False)
    outcome: Outcome | None = field(init=False)
    war_cause: str | None = field(init=False)
    #: p_t, the round's hazard; its brink part h_T; each pair's force hazard (empty: no force)
    hazard: float = field(init=False)
    brink_hazard: float = field(init=False)
    force_hazards: list[float] = field(init=False)
    war_probability: float = field(init=False)
    hazard_ahead: float = field(init=False)

    def __init__(
        self,
        rules: Rules,
        before: State,
        round: int,
        round_limit: int,
        orders: Mapping[str, Order],
        rng: Draws,
        stochastic: bool,
        explain: bool,
        acts: tuple[Act, ...],
    ) -> None:
        """The round's inputs; each stage sets the fields it writes."""
        self.rules = rules
        self.before = before
        self.round = round
        self.round_limit = round_limit
        self.orders = orders
        self.rng = rng
        self.stochastic = stochastic
        self.explain = explain
        self.acts = acts


def _perceive(work: RoundWork) -> None:
    """Stage 2a, perception: what every other actor saw of every act (docs/model.md §3). One noise
    draw per reading, in act order then observer order, in stochastic mode with noise ε > 0: with
    probability ε the observer misreads the act as its maker's look-alike, else sees it as made.
    Only the misreadings are kept (:attr:`RoundWork.misread`); at ε = 0.02 most rounds have none."""
    rules = work.rules
    noise = rules.params.perception_noise if work.stochastic else 0.0
    work.misread = misread = {}
    if noise:
        acts = work.acts
        watchers = len(rules.actor_ids) - 1  # every other actor reads each act
        readings = draws(work.rng, len(acts) * watchers)  # one value per (act, observer)
        if min(readings) < noise:
            misread_as = rules.misread_as
            for k, u in enumerate(readings):
                if u < noise:
                    act = acts[k // watchers]
                    misread[k] = misread_as[act.maker][act.instrument]


def _fire_events(work: RoundWork, injected: Iterable[str]) -> None:
    """Stage 2b, event cards: scheduled, drawn (stochastic mode) and injected; their evidence (by
    pair, in firing order), hostility, capability and tension effects (docs/model.md §3, §6)."""
    rules = work.rules
    fired_before = work.before.fired
    work.events = out = EventEffects()
    scheduled = rules.events_at.get(work.round)
    cards: list[tuple[EventCard, str]] = [(card, "scheduled") for card in scheduled] if scheduled else []
    if work.stochastic and rules.drawn_events:
        # one draw per card, in file order, even for a card that already fired (a drawn card
        # fires once a game); drawn together, in one call
        for card, u in zip(rules.drawn_events, draws(work.rng, len(rules.drawn_events))):
            if u < card.probability and card.id not in fired_before:
                cards.append((card, "drawn"))
    for event_id in injected:
        found = next((c for c in rules.events if c.id == event_id), None)
        if found is None:
            raise IllegalOrderError("facilitator", f"unknown event card {event_id!r}")
        cards.append((found, "injected"))
    for card, source in cards:
        out.fired.append(EventFired(id=card.id, source=source))
        for observer, subject, shift in card.evidence:
            out.evidence.setdefault((observer, subject), []).append(shift)
        for actor, dh in card.hostility:
            out.hostility[actor] = out.hostility.get(actor, 0.0) + dh
        for actor, dk in card.capability:
            out.capability[actor] = out.capability.get(actor, 0.0) + dk
        if card.tension > out.tension_floor:
            out.tension_floor = card.tension
            out.floor_card = card.id


def _update_beliefs(work: RoundWork) -> None:
    """Stage 2c, beliefs (docs/model.md §3): for each act and each observer i of its maker j,

    ℓ_ij ← clip(ρ·ℓ_ij + (1 − ρ)·ℓ0_ij + w·e'_i(seen) + Σ card shifts, ±ℓmax),  μ_ij = 1/(1 + e^ℓ_ij),

    and j's estimate of ℓ_ij, s_ji ← clip(ρ·s_ji + (1 − ρ)·ℓ0_ij + w·e'_i(made), ±ℓmax), from how
    i reads j's true act. One perception record per reading. Every directed pair is observed
    every round (every actor acts), so nothing carries over from the state before.

    Two shortcuts skip arithmetic whose result is already known, to the last bit: μ_ij is a
    function of ℓ_ij, so where ℓ_ij did not move (it is held at the clip, over half the pairs
    of a tense game) μ_ij is kept; and s_ji follows ℓ_ij's rule with the true act's evidence, so
    where the two were equal, i saw what j made and no card moved ℓ_ij, they stay equal."""
    rules = work.rules
    p = rules.params
    lmax = p.logodds_max
    lmin = -lmax  # made once: a clipped value is then this one float, not a new one
    rho = p.memory
    ids = rules.actor_ids
    sight = rules.sight
    layout = rules.belief_layout
    # Reading k is the k-th slot of the layout (acts in actor order, then their observers in
    # actor order): the beliefs are read and written at list index k, where a pair-keyed dict
    # would hash a tuple for each (the state builds its dicts from these lists when read).
    work.beliefs_before = before = Beliefs.of(layout, work.before)
    old_logodds = before.logodds
    old_second = before.second
    # Values only passed on (into the record, or kept) are typed Any, here and below: compiled
    # with mypyc, a float-typed value read from a list, dict or tuple is unboxed, and boxed
    # anew (a new float object) wherever it is stored; an Any value stays the object it was.
    old_trust: list[Any] = before.trust
    offense_of: dict[str, Any] = rules.offense_of
    weight: Any  # the Sight row's w, for the record
    evidence_of: dict[str, Any]  # the Sight row's w·e'_i by instrument
    card_shifts = work.events.evidence
    count = len(ids) * (len(ids) - 1)
    logodds: list[float] = [0.0] * count
    trust: list[float] = [0.0] * count
    second: list[float] = [0.0] * count
    last_perceived: list[str | None] = [None] * count
    misread = work.misread
    # one record per reading, filled in place (in act order, then observer order)
    perceptions: list[tuple[Any, ...]] = [()] * count
    rnd = work.round
    k = 0
    for maker, _ordered, made, target, _need_met, _partners in work.acts:
        made_offense: Any = offense_of[made]  # õ of the act as made, as all but a misreading see it
        for observer, pair, _reverse, weight, evidence_of, relax in sight[maker][target]:
            evidence_made: Any = evidence_of[made]  # w·e'_i(made)
            looked_like = made
            evidence: Any = evidence_made  # w·e'_i(seen)
            offense: Any = made_offense
            if misread and k in misread:
                looked_like = misread[k]
                evidence = evidence_of[looked_like]
                offense = offense_of[looked_like]
            total: float = evidence
            shifted = False
            if card_shifts and pair in card_shifts:
                shifted = True
                for shift in card_shifts[pair]:
                    total += shift
            ell = old_logodds[k]  # ℓ_ij before the round
            x = rho * ell + relax + total
            x = lmax if x > lmax else (lmin if x < lmin else x)
            ell_after: Any = x  # boxed once: s_ji below may be this same value
            # μ kept where ℓ_ij did not move is the state's own object
            trust_before: Any = old_trust[k]
            trust_after: Any = trust_before if x == ell else 1.0 / (1.0 + math.exp(x))
            estimate = old_second[k]  # s_ji before the round
            y: Any  # s_ji after
            if estimate == ell and ell != 0.0 and looked_like == made and not shifted:
                y = ell_after  # the same sum of the same numbers (0.0 excluded: -0.0 == 0.0)
            else:
                made_evidence: float = evidence_made  # (a float, for float arithmetic)
                s = rho * estimate + relax + made_evidence
                y = lmax if s > lmax else (lmin if s < lmin else s)
            logodds[k] = ell_after
            trust[k] = trust_after
            second[k] = y
            last_perceived[k] = looked_like
            # laid out as Perception's fields: round, observer, maker, instrument, target,
            # perceived, perceived_offense, weight, evidence, trust_before, trust_after
            perceptions[k] = (
                rnd,
                observer,
                maker,
                made,
                target,
                looked_like,
                offense,
                weight,
                evidence,
                trust_before,
                trust_after,
            )
            k += 1
    work.beliefs = Beliefs(layout, logodds, trust, second, last_perceived)
    work.perceptions = perceptions


def _move_capabilities(work: RoundWork) -> None:
    """Stage 3, grievances and the Richardson layer (docs/model.md §5).

    g_i fades toward its base (by :data:`GRIEVANCE_MEMORY`) and moves with the acts: a target's
    grows by the act's grievance change and, for a use of force, :data:`FORCE_GRIEVANCE`; each
    signer of a treaty that took effect loses :data:`TREATY_GOODWILL`. Then

    K_i ← clip(K_i + ΔK_act + ΔK_cards + r·[max_j k_eff(μ_ij)·K_j − a·K_i + g_i], K_min, K_max)

    over the j that i is not aligned with, with k_eff the :func:`~wargame.engine.rules.fear_coefficient`.
    """
    rules = work.rules
    before = work.before
    p = rules.params
    acts = work.acts
    instruments = rules.instruments
    # the instrument of each act, looked up once for this stage and the ones after it
    work.made = made = [instruments[act.instrument] for act in acts]
    old_grievance = before.grievance
    grievance: dict[str, float] = {}
    for a, base in rules.base_grievance.items():
        grievance[a] = base + (old_grievance[a] - base) * GRIEVANCE_MEMORY
    treaty = Needs.COUNTERPART
    for act, inst in zip(acts, made):
        if act.target is not None:
            if inst.grievance_delta:
                grievance[act.target] += inst.grievance_delta
            if inst.mid_level >= 4:
                grievance[act.target] += FORCE_GRIEVANCE
        if inst.needs is treaty and act.need_met:
            grievance[act.maker] -= TREATY_GOODWILL
    old = before.capability
    shock = work.events.capability
    trust = work.beliefs.trust
    nonally_slots = rules.nonally_slots
    rate, decay = p.richardson_rate, p.richardson_a
    kmin, kmax = p.capability_min, p.capability_max
    capability: dict[str, float] = {}
    # k_eff(μ) = k0·(0.5 + ω)·(1 − μ): its factor k0·(0.5 + ω) is k_eff at zero trust
    fear_at_zero_trust = rules.fear_at_zero_trust
    for act, inst in zip(acts, made):
        i = act.maker
        threat = 0.0
        for j, slot in nonally_slots[i]:  # slot: where μ_ij sits in the round's beliefs
            t = fear_at_zero_trust * (1.0 - trust[slot]) * old[j]
            if t > threat:
                threat = t
        k_i = old[i]
        k = k_i + inst.capability_delta
        if shock:  # (adding 0.0 would change nothing: k > 0)
            k += shock.get(i, 0.0)
        k += rate * (threat - decay * k_i + grievance[i])
        capability[i] = kmax if k > kmax else (kmin if k < kmin else k)
    work.capability, work.grievance = capability, grievance


def _update_hostility(work: RoundWork) -> None:
    """Stage 4, hostility and force stocks from the true acts (docs/model.md §5).

    Each maker's stock H_j ← clip(λ·H_j + shock + (1 − λ)·h) for a hostile act (h > 0), or
    + γ·h for a calming one; its directed stocks H_j→t fade alike, take the shock of an event
    card that names j (clipped), and move with the act (clipped) where the act reaches t. Force
    stocks fade by δ_U per week and each use of force (MID level ≥ 4) at a target adds 1. Keeps
    each H_j's change split into fading, event shock and the act, for the meter's terms."""
    rules = work.rules
    before = work.before
    lam = rules.params.hostility_persistence
    shock = work.events.hostility
    force: dict[tuple[str, str], float] = {}
    if before.force_stock:
        fade = rules.force_fade
        for pair, v in before.force_stock.items():
            kept = fade * v
            if kept > 1e-6:
                force[pair] = kept
    hostility: dict[str, float] = {}
    parts: dict[str, tuple[float, float, float]] = {}
    explain = work.explain
    old_hostility = before.hostility
    # every actor's directed stocks exist from the initial state on (initial_state), and each
    # actor acts every round: the round rewrites every stock, each once, in its maker's turn
    work.pairs_before = pairs_before = PairValues.of(rules.stock_keys, rules.pairs, before)
    old_pair_hostility = pairs_before.hostility
    pair_hostility: list[float] = [0.0] * len(old_pair_hostility)
    stock_rows = rules.stock_rows
    # what an act adds to each stock it feeds: (1 − λ)·h if hostile, else γ·h
    stock_step = rules.stock_step
    max_mid = max_kahn = points = 0
    for act, inst in zip(work.acts, work.made):
        maker, target = act.maker, act.target
        step = stock_step[act.instrument]
        shocked_maker = maker in shock
        dh = shock[maker] if shocked_maker else 0.0
        old = old_hostility[maker]
        faded = lam * old
        shocked = faded + dh
        x = shocked + step
        x = 1.0 if x > 1.0 else (0.0 if x < 0.0 else x)
        hostility[maker] = x
        if explain:
            parts[maker] = (faded - old, shocked - faded, x - shocked)
        for stock, reached in stock_rows[maker][target]:
            y = lam * old_pair_hostility[stock]
            if shocked_maker:
                y += dh
                y = 1.0 if y > 1.0 else (0.0 if y < 0.0 else y)
            if reached:
                y += step
                y = 1.0 if y > 1.0 else (0.0 if y < 0.0 else y)
            pair_hostility[stock] = y
        mid = inst.mid_level
        if mid >= 4 and target is not None:
            key = rules.directed[(maker, target)]
            force[key] = force[key] + 1.0 if key in force else 1.0
        if mid > max_mid:
            max_mid = mid
        if inst.kahn_rung > max_kahn:
            max_kahn = inst.kahn_rung
        points += inst.rivera_points
    work.hostility, work.hostility_parts = hostility, parts
    work.pair_hostility, work.force_stock = pair_hostility, force
    work.max_mid, work.max_kahn, work.rivera_points = max_mid, max_kahn, points


def _read_meter(work: RoundWork) -> None:
    """Stage 4, the tension meter T (docs/model.md §6): the formula of :func:`tension` clipped to
    [0, 100], held up for ``force_floor_rounds`` rounds after a use of force by the force floor,
    and this round by the highest floor an event card sets. Keeps the formula's fear terms for
    the pair tensions."""
    rules = work.rules
    p = rules.params
    fear_rows = rules.fear_rows or _all_fear_rows(rules)
    raw, work.fear_terms = _meter_formula(
        rules, work.hostility, work.beliefs.trust, fear_rows, work.capability
    )
    value = 100.0 if raw > 100.0 else (0.0 if raw < 0.0 else raw)
    floor_until = work.before.floor_until
    if work.max_mid >= 4:
        floor_until = work.round + p.force_floor_rounds - 1
    source: str | None = None
    formula = value
    if work.round <= floor_until and p.force_floor > value:
        value = p.force_floor
        source = "force"
    events = work.events
    if events.tension_floor > value:
        value = events.tension_floor
        source = events.floor_card
    if value == formula:
        source = None
    work.raw_tension, work.meter, work.tension = raw, value, value
    work.floor_until, work.floor_source = floor_until, source


def _pair_tensions(work: RoundWork) -> None:
    """Stage 5a: each rival pair's tension T_ij (:func:`pair_tension`, its two fear terms taken
    from the meter's) and its détente streak: one more round when T_ij ≤ ``peace_tension`` and
    both trusts ≥ ``peace_trust``, else 0 (docs/model.md §6, §8)."""
    rules = work.rules
    p = rules.params
    w_h = p.weight_hostility
    w_f = p.weight_fear
    f_max2 = 2.0 * p.fear_max
    peace_tension, peace_trust = p.peace_tension, p.peace_trust
    old_streak = work.pairs_before.streak
    # every rival pair's directed stocks exist from the initial state on (initial_state)
    pair_hostility = work.pair_hostility
    fears = work.fear_terms
    trust = work.beliefs.trust
    sqrt = math.sqrt
    tensions: list[float] = []
    streak: list[int] = []
    for streak_before, (_, _, _, fear_ab, fear_ba, trust_ab, trust_ba, stock_ab, stock_ba) in zip(
        old_streak, rules.pair_rows
    ):
        hab = pair_hostility[stock_ab]
        hba = pair_hostility[stock_ba]
        fear = fears[fear_ab] + fears[fear_ba]
        t = 100.0 * (w_h * sqrt((hab * hab + hba * hba) / 2.0) + w_f * fear / f_max2)
        t = 100.0 if t > 100.0 else (0.0 if t < 0.0 else t)
        tensions.append(t)
        calm = t <= peace_tension and trust[trust_ab] >= peace_trust and trust[trust_ba] >= peace_trust
        streak.append(streak_before + 1 if calm else 0)
    work.pair_tension, work.detente_streak = tensions, streak


def _settle_treaties(work: RoundWork) -> None:
    """Stage 5b (docs/model.md §7-§8): a use of force between a pair ends its treaty, an act of
    MID level 4 marks an armed clash, one of level 5 is war chosen by its maker; a treaty whose
    signature took effect binds its pair if the pair's tension is at most ``treaty_tension`` and
    no force passed between the two that round.
    Records this round's proposals and each actor's act and target (public)."""
    rules = work.rules
    pair_of = rules.pair_of
    treaty = Needs.COUNTERPART
    treaties = work.before.treaties
    clashes = work.before.clash_pairs
    proposals: dict[tuple[str, str], str] = {}
    last_target: dict[str, str | None] = {}
    last_own: dict[str, str | None] = {}
    war_pair: tuple[str, str] | None = None
    chosen_by: str | None = None
    signed: list[tuple[str, tuple[str, str]]] = []
    forced: set[tuple[str, str]] = set()
    for act, inst in zip(work.acts, work.made):
        maker, target = act.maker, act.target
        mid = inst.mid_level
        if mid >= 4:
            pair = pair_of[(maker, target)]
            if pair is not None:
                treaties -= {pair}  # force between them ends their treaty
                forced.add(pair)
                if mid == 4:
                    clashes |= {pair}
            if mid >= 5 and war_pair is None:
                war_pair = pair or (rules.pairs[0] if rules.pairs else None)
                chosen_by = maker
        if inst.needs is treaty and act.need_met:
            pair = pair_of[(maker, target)]
            if pair is not None:
                signed.append((maker, pair))
        if inst.proposes is not None and target is not None:
            proposals[(maker, target)] = inst.proposes
        last_target[maker] = target
        last_own[maker] = act.instrument
    first_signer: str | None = None
    for maker, pair in signed:
        # a signature in the round force is used between the pair does not bind it
        if pair not in forced and work.pair_tension[rules.pair_index[pair]] <= rules.params.treaty_tension:
            treaties |= {pair}
            first_signer = first_signer or maker
    work.treaties, work.clash_pairs = treaties, clashes
    work.proposals, work.last_target, work.last_own = proposals, last_target, last_own
    work.war_pair, work.outcome_actor, work.treaty_maker = war_pair, chosen_by, first_signer


def _draw_war(work: RoundWork) -> None:
    """Stage 5c, war (docs/model.md §7): the round's hazard p_t = 1 − (1 − h_T)·Π_pairs(1 − h_F),
    the brink h_T at the meter (:func:`hazard_of`) and each pair's price of force
    (:func:`force_hazard`); P(war) ← 1 − (1 − P(war))·(1 − p_t). War is chosen when an act of MID
    level 5 was made; else, in stochastic mode, one draw u < p_t starts it: in the most tense pair
    when u < h_T (the brink), else in the pair whose force hazard the draw falls in."""
    rules = work.rules
    work.brink_hazard = brink = hazard_of(rules, work.tension)
    work.outcome = work.war_cause = None
    force_hazards: list[float] = []
    survive = 1.0 - brink
    force = work.force_stock
    if force:
        for _, ab, ba, _, _, _, _, _, _ in rules.pair_rows:
            # no force between the pair: no price of force (force_hazard would say 0.0)
            h = (
                force_hazard(rules, force.get(ab, 0.0), force.get(ba, 0.0))
                if ab in force or ba in force
                else 0.0
            )
            force_hazards.append(h)
            if h:
                survive *= 1.0 - h
    work.hazard = 1.0 - survive
    work.war_probability = 1.0 - (1.0 - work.before.war_probability) * survive
    if work.war_pair is not None:
        work.outcome = Outcome.WAR_CHOSEN
        work.war_cause = "chosen"
    elif work.stochastic and work.hazard > 0.0:
        u = work.rng.random()
        if u < work.hazard:
            work.outcome = Outcome.WAR_INADVERTENT
            if u < brink:
                work.war_pair = rules.pairs[_most_tense(work.pair_tension)]
                work.war_cause = "brink"
            else:
                work.war_cause = "force"
                alive = 1.0 - brink
                for pair, h in zip(rules.pairs, force_hazards):
                    alive *= 1.0 - h
                    if u < 1.0 - alive:
                        work.war_pair = pair
                        break
                work.war_pair = work.war_pair or rules.pairs[-1]
    if work.outcome is not None:  # war broke out: the meter goes to 100
        assert work.war_pair is not None
        work.tension = 100.0
        work.war_probability = 1.0
        at_war = rules.pair_index[work.war_pair]
        work.pair_tension[at_war] = 100.0
        work.detente_streak[at_war] = 0


def _most_tense(tensions: list[float]) -> int:
    """The index of the highest pair tension (the first of equals, as ``max`` picks)."""
    best = 0
    for n in range(1, len(tensions)):
        if tensions[n] > tensions[best]:
            best = n
    return best


def _headline_outcome(work: RoundWork) -> None:
    """Stage 5d, the headline outcome (docs/model.md §8): war (stage 5c); else peace when every
    principal pair is bound by a treaty or has ``peace_rounds`` calm rounds, by treaty if any of
    them signed one; else stalemate at the round limit. A game played on after its outcome keeps
    the first one."""
    if work.outcome is None and work.before.outcome is None:
        rules = work.rules
        principal = rules.principal_pairs
        treaties = work.treaties
        streak = work.detente_streak  # by pair, in rules.pairs order
        calm_rounds = rules.params.peace_rounds
        peace = bool(principal)
        by_treaty = False
        for pair, n in zip(principal, rules.principal_index):
            if pair in treaties:
                by_treaty = True
            elif streak[n] < calm_rounds:
                peace = False
                break
        if peace:
            if by_treaty:
                work.outcome, work.outcome_actor = Outcome.PEACE_TREATY, work.treaty_maker
            else:
                work.outcome = Outcome.PEACE_DETENTE
        elif work.round >= work.round_limit:
            work.outcome = Outcome.STALEMATE
    if work.before.outcome is not None:  # playing on after an outcome: keep the first one
        work.outcome = None


def _hazard_ahead(work: RoundWork) -> None:
    """The hazard the coming round carries before anyone acts (docs/model.md §7): the brink at
    this round's meter and the force stocks as they will have faded; 1 once war broke out."""
    if work.outcome is not None and work.outcome.is_war:
        work.hazard_ahead = 1.0
        return
    rules = work.rules
    # the brink at the meter is the one stage 5c drew on, unless war broke out (played on)
    keep = 1.0 - (work.brink_hazard if work.tension == work.meter else hazard_of(rules, work.tension))
    force = work.force_stock
    if force:
        fade = rules.force_fade
        for _, ab, ba, _, _, _, _, _, _ in rules.pair_rows:
            if ab in force or ba in force:
                h = force_hazard(rules, force.get(ab, 0.0) * fade, force.get(ba, 0.0) * fade)
                if h:
                    keep *= 1.0 - h
    work.hazard_ahead = 1.0 - keep


def _finish(work: RoundWork, memory: Mapping[str, dict[str, Any]] | None) -> RoundResult:
    """The new state and the round's result (a game played on after its outcome keeps the
    first outcome, its round, actor, war pair and cause)."""
    rules = work.rules
    before = work.before
    p = rules.params
    done = before.outcome is not None
    new_memory = {**before.memory, **memory} if memory else dict(before.memory)
    escalation = work.rivera_points / len(work.acts)
    terms: tuple[TensionTerm, ...] = ()
    if work.explain:
        terms = _terms(work)
    rnd = work.round
    streak = work.detente_streak  # by pair, in rules.pairs order
    principal = rules.principal_index
    # the peace streak: the shortest détente streak of a principal pair (0 without one)
    peace_streak = streak[principal[0]] if principal else 0
    for n in principal:
        if streak[n] < peace_streak:
            peace_streak = streak[n]
    # positional, in State's field order: a keyword call to its 42-field __init__ costs more
    # than building the state's values (CPython matches each keyword against the names)
    state = State(
        rnd,  # round
        before.types,  # types
        None,  # logodds: built from the beliefs when read
        None,  # second_order: likewise
        work.capability,  # capability
        work.grievance,  # grievance
        work.hostility,  # hostility
        work.tension,  # tension
        (*before.tension_history, work.tension),  # tension_history
        work.war_probability,  # war_probability
        None,  # last_perceived: likewise
        work.last_target,  # last_target
        work.last_own,  # last_own
        (*before.recent_acts, (work.max_kahn, work.max_mid))[-RECENT_WINDOW:],  # recent_acts
        (*before.escalation_history, escalation),  # escalation_history
        work.floor_until,  # floor_until
        peace_streak,  # peace_streak
        work.proposals,  # proposals
        before.fired.union([e.id for e in work.events.fired]) if work.events.fired else before.fired,  # fired
        new_memory,  # memory
        (*before.crisis_rounds, rnd)
        if work.meter >= p.crisis_tension
        else before.crisis_rounds,  # crisis_rounds
        (*before.clash_rounds, rnd) if work.max_mid == 4 else before.clash_rounds,  # clash_rounds
        before.outcome if done else work.outcome,  # outcome
        before.outcome_round if done else (rnd if work.outcome else None),  # outcome_round
        before.outcome_actor if done else work.outcome_actor,  # outcome_actor
        None,  # pair_hostility: built from the pair values when read
        work.force_stock,  # force_stock
        None,  # pair_tension: likewise
        None,  # detente_streak: likewise
        work.treaties,  # treaties
        work.clash_pairs,  # clash_pairs
        before.war_pair if done else work.war_pair,  # war_pair
        before.war_cause if done else work.war_cause,  # war_cause
        work.hazard,  # hazard
        work.hazard_ahead,  # hazard_ahead
        work.floor_source,  # floor_source
        None,  # mu: likewise
        None,  # mu_rows: likewise
        None,  # second_rows: likewise
        None,  # perceived_rows: likewise
        work.beliefs,  # beliefs
        PairValues(  # pair_values
            rules.stock_keys, rules.pairs, work.pair_hostility, work.pair_tension, work.detente_streak
        ),
    )
    return RoundResult(  # positional, in its field order, like State above
        rnd,  # round
        dict(work.orders),  # orders
        work.acts,  # acts
        tuple(work.perceptions),  # perception_rows
        tuple(work.events.fired),  # events
        state,  # state
        work.tension,  # tension
        work.hazard,  # hazard
        escalation,  # escalation
        work.max_kahn,  # kahn_rung
        work.max_mid,  # mid_level
        work.outcome,  # outcome
        terms,  # tension_terms
    )


def _terms(work: RoundWork) -> tuple[TensionTerm, ...]:
    """The round's change of the meter split into terms that sum to it (docs/model.md §6).

    Hostility: H = sqrt(mean H_j²), so H' − H = Σ_j (H_j'² − H_j²)/(n(H' + H)) exactly; each
    actor's share is split again over its stock's fading, event shock and act. Fear: each
    directed pair's (1 − μ)Φ changes by Δ(1 − μ)·Φ̄ + (1 − μ)‾·ΔΦ (midpoint rule, exact); the first
    part is fear of the subject, the second the arms race. What the floors and the 0-100 clip add
    is the floor term; war's jump to 100 is the war term.
    """
    rules = work.rules
    before = work.before
    p = rules.params
    hostility_before = before.hostility
    hostility_after = work.hostility
    n = len(hostility_after)
    mean_h_before = math.sqrt(sum(v * v for v in hostility_before.values()) / n)
    mean_h_after = math.sqrt(sum(v * v for v in hostility_after.values()) / n)
    terms: list[TensionTerm] = []
    wh = 100.0 * p.weight_hostility
    denom = n * (mean_h_after + mean_h_before)
    fired = work.events.fired
    for act in work.acts:
        if denom <= 0.0:
            break
        maker = act.maker
        factor = wh * (hostility_after[maker] + hostility_before[maker]) / denom
        fade, shock, by_act = work.hostility_parts[maker]
        if by_act:
            terms.append(TensionTerm(kind="act", actor=maker, detail=act.instrument, value=factor * by_act))
        if fade:
            terms.append(TensionTerm(kind="fade", actor=maker, detail=None, value=factor * fade))
        if shock:
            card = next((e.id for e in fired if maker in dict(rules_event(rules, e.id).hostility)), None)
            terms.append(TensionTerm(kind="event", actor=maker, detail=card, value=factor * shock))
    omega = p.offense_advantage
    up = 0.5 + omega
    down = 1.5 - omega
    layout = rules.belief_layout
    slot_of = layout.slot
    trust_after = work.beliefs.trust
    capability_after = work.capability
    pairs = rules.rival_pairs or layout.pairs
    wf = 100.0 * p.weight_fear / p.fear_max / (len(pairs) or 1)
    trust_before = work.beliefs_before.trust
    capability_before = before.capability
    fear: dict[str, float] = {}
    arms = 0.0
    for i, j in pairs:
        kj0 = capability_before[j] * up
        phi0 = kj0 / (kj0 + capability_before[i] * down)
        kj1 = capability_after[j] * up
        phi1 = kj1 / (kj1 + capability_after[i] * down)
        slot = slot_of[(i, j)]
        d0 = 1.0 - trust_before[slot]
        d1 = 1.0 - trust_after[slot]
        fear[j] = fear.get(j, 0.0) + wf * (d1 - d0) * (phi0 + phi1) / 2.0
        arms += wf * (d0 + d1) / 2.0 * (phi1 - phi0)
    for j, v in fear.items():
        if abs(v) > 1e-12:
            terms.append(TensionTerm(kind="fear", actor=j, detail=None, value=v))
    if abs(arms) > 1e-12:
        terms.append(TensionTerm(kind="arms", actor=None, detail=None, value=arms))
    rest = (work.meter - before.tension) - sum(t.value for t in terms)
    if abs(rest) > 1e-9:
        # what floors and the 0-100 limits add: last round's floor released, this round's held
        raw_old = _raw_tension(rules, hostility_before, before.mu, capability_before)
        released = before.tension - min(100.0, max(0.0, raw_old))
        held = work.meter - min(100.0, max(0.0, work.raw_tension))
        if released > 1e-9:
            terms.append(_floor_term(before.floor_source, -released))
        if held > 1e-9:
            terms.append(_floor_term(work.floor_source, held))
        limit = rest - (held if held > 1e-9 else 0.0) + (released if released > 1e-9 else 0.0)
        if abs(limit) > 1e-9:
            terms.append(TensionTerm(kind="floor", actor=None, detail="limit", value=limit))
    if work.tension != work.meter:  # war broke out: the meter goes to 100
        terms.append(
            TensionTerm(kind="war", actor=work.outcome_actor, detail=None, value=work.tension - work.meter)
        )
    return tuple(terms)


def _floor_term(source: str | None, value: float) -> TensionTerm:
    """A floor holding the meter up (value > 0) or released (value < 0): the force floor, or the
    event card whose floor it was."""
    if source is None or source == "force":
        return TensionTerm(kind="floor", actor=None, detail=None, value=value)
    return TensionTerm(kind="event", actor=None, detail=source, value=value)


def pair_tension(
    rules: Rules,
    pair: tuple[str, str],
    pair_hostility: Mapping[tuple[str, str], float],
    mu: Mapping[tuple[str, str], float],
    capability: Mapping[str, float],
) -> float:
    """T_ij in [0, 100], the tension between one rival pair (docs/model.md §6).

    T_ij = 100·min(1, w_H·sqrt((H_i→j² + H_j→i²)/2) + w_F·((1−μ_ij)Φ_ij + (1−μ_ji)Φ_ji)/(2·F_max)):
    the meter's formula restricted to what the two aim at each other and fear of each other.
    """
    p = rules.params
    a, b = pair
    hab = pair_hostility.get((a, b), 0.0)
    hba = pair_hostility.get((b, a), 0.0)
    h = math.sqrt((hab * hab + hba * hba) / 2.0)
    up = 0.5 + p.offense_advantage
    down = 1.5 - p.offense_advantage
    ka, kb = capability[a] * up, capability[b] * up
    f = (1.0 - mu[(a, b)]) * kb / (kb + capability[a] * down) + (1.0 - mu[(b, a)]) * ka / (
        ka + capability[b] * down
    )
    t = 100.0 * (p.weight_hostility * h + p.weight_fear * f / (2.0 * p.fear_max))
    return 100.0 if t > 100.0 else (0.0 if t < 0.0 else t)


def per_round(weekly: float, weeks: float) -> float:
    """A weekly probability as the probability over a round of ``weeks`` weeks: 1 − (1 − p)^weeks."""
    if weekly >= 1.0:
        return 1.0
    return weekly if weeks == 1.0 else 1.0 - (1.0 - weekly) ** weeks


def force_hazard(rules: Rules, force_ab: float, force_ba: float) -> float:
    """The price of force: war hazard of one rival pair over a round from its recent uses of force.

    Weekly h_F = 1 − exp(−β(0.5 + ω)(U_ij + U_ji)(1 + min(U_ij, U_ji))), as a per-round probability
    (:func:`per_round`): each recent use of force adds risk, and an exchange (both sides striking)
    multiplies it (Leng 1983; Vasquez 1993, steps to war). docs/model.md §7.
    """
    u = force_ab + force_ba
    if u <= 0.0:
        return 0.0
    p = rules.params
    weekly = 1.0 - math.exp(
        -p.force_hazard * (0.5 + p.offense_advantage) * u * (1.0 + min(force_ab, force_ba))
    )
    return per_round(weekly, rules.round_weeks)


def rules_event(rules: Rules, event_id: str) -> EventCard:
    """The event card ``event_id`` of the scenario. Raises StopIteration if unknown."""
    return next(c for c in rules.events if c.id == event_id)


def pair_outcomes(rules: Rules, state: State) -> dict[tuple[str, str], PairOutcome]:
    """Where each rival pair stands (or ended), in :attr:`Rules.pairs` order (docs/model.md §8).

    War for the pair at war; treaty while a signed treaty holds; détente after ``peace_rounds``
    calm rounds in a row; armed clash if the two exchanged an act of MID level 4 this game;
    crisis if the pair's tension is at or above ``crisis_tension``; else stalemate.
    """
    p = rules.params
    out: dict[tuple[str, str], PairOutcome] = {}
    for pair in rules.pairs:
        if state.war_pair == pair:
            out[pair] = PairOutcome.WAR
        elif pair in state.treaties:
            out[pair] = PairOutcome.TREATY
        elif state.detente_streak.get(pair, 0) >= p.peace_rounds:
            out[pair] = PairOutcome.DETENTE
        elif pair in state.clash_pairs:
            out[pair] = PairOutcome.ARMED_CLASH
        elif state.pair_tension.get(pair, 0.0) >= p.crisis_tension:
            out[pair] = PairOutcome.CRISIS
        else:
            out[pair] = PairOutcome.STALEMATE
    return out


def observer_weight(rules: Rules, observer: str, maker: str, target: str | None) -> float:
    """Share in [0, 1] of an act's evidence that an observer takes in [D, N-actor extension].

    1 for the target and the target's allies (an alliance shares its threats); 0 for the maker's
    allies when the act is not aimed at them (Jervis: allies do not read each other's arms as a
    threat); the scenario's ``bystander_weight`` for everyone else. Precomputed in
    :attr:`Rules.evidence_weight`.
    """
    return rules.evidence_weight[(observer, maker, target)]


def threat_potential(k_i: float, k_j: float, offense_advantage: float) -> float:
    """Φ_ij in [0, 1]: the threat j's capability poses to i (docs/model.md §6 [D form, T direction]).

    Φ_ij = K_j(0.5+ω) / (K_j(0.5+ω) + K_i(1.5−ω)); (0.5+ω)/2 when K_i = K_j.
    """
    num = k_j * (0.5 + offense_advantage)
    return num / (num + k_i * (1.5 - offense_advantage))


def tension(
    rules: Rules,
    hostility: Mapping[str, float],
    logodds: Mapping[tuple[str, str], float],
    capability: Mapping[str, float],
) -> float:
    """The tension meter T in [0, 100] before floors (docs/model.md §6 [D]).

    T = 100·min(1, w_H·H + w_F·F/F_max), with H = sqrt(mean_j H_j²) (one-sided aggression still
    counts) and F the mean fear (1 − μ_ij)·Φ_ij over non-allied directed pairs (all pairs if
    every actor is allied). ``logodds`` holds ℓ_ij, the log-odds of greed, per directed pair.
    """
    mu = {pair: 1.0 / (1.0 + math.exp(lo)) for pair, lo in logodds.items()}
    return _tension(rules, hostility, mu, capability)


def _tension(
    rules: Rules,
    hostility: Mapping[str, float],
    mu: Mapping[tuple[str, str], float],
    capability: Mapping[str, float],
) -> float:
    t = _raw_tension(rules, hostility, mu, capability)
    return 100.0 if t > 100.0 else (0.0 if t < 0.0 else t)


def _raw_tension(
    rules: Rules,
    hostility: Mapping[str, float],
    mu: Mapping[tuple[str, str], float],
    capability: Mapping[str, float],
) -> float:
    """The meter before floors and before the 0-100 clip, from μ by pair: one fear term per
    rival directed pair (every pair of ``mu``, in its order, when all are aligned)."""
    pairs = [(i, j) for _, i, j in rules.fear_rows] or list(mu)
    rows = tuple((k, i, j) for k, (i, j) in enumerate(pairs))
    return _meter_formula(rules, hostility, [mu[pair] for pair in pairs], rows, capability)[0]


def _all_fear_rows(rules: Rules) -> tuple[tuple[int, str, str], ...]:
    """A fear row for every directed pair, in :attr:`Rules.belief_layout` order: the meter's
    rows when every actor is aligned with every other (:attr:`Rules.fear_rows` is then empty)."""
    return tuple((k, i, j) for k, (i, j) in enumerate(rules.belief_layout.pairs))


def _meter_formula(
    rules: Rules,
    hostility: Mapping[str, float],
    trust: list[float],
    rows: tuple[tuple[int, str, str], ...],
    capability: Mapping[str, float],
) -> tuple[float, list[float]]:
    """T before floors and the 0-100 clip, 100·(w_H·H + w_F·F/F_max), and its fear terms.

    H = sqrt(mean_j H_j²); F is the mean of the fear terms (1 − μ_ij)·Φ_ij, summed in their order,
    one per row (k, i, j) of ``rows``, μ_ij being ``trust[k]``: the round passes its beliefs'
    trusts and :attr:`Rules.fear_rows` (one per rival directed pair, in :attr:`Rules.rival_pairs`
    order). Φ_ij = K_j(0.5+ω) / (K_j(0.5+ω) + K_i(1.5−ω)) (:func:`threat_potential`). The pair
    tensions reuse the fear terms.
    """
    p = rules.params
    up = 0.5 + p.offense_advantage
    down = 1.5 - p.offense_advantage
    # kj = K_j(0.5+ω), the numerator of Φ_ij, is named once per pair
    fears = [(1.0 - trust[k]) * (kj := capability[j] * up) / (kj + capability[i] * down) for k, i, j in rows]
    # Both sums are plain loops over float accumulators, summed in order, term by term (as
    # Python 3.11's sum() does; sum() compensates its rounding from 3.12 on): compiled with
    # mypyc, such a loop adds unboxed doubles.
    squares = 0.0
    for stock in hostility.values():
        squares += stock * stock
    h = math.sqrt(squares / len(hostility))
    f = 0.0
    if fears:
        for fear in fears:
            f += fear
        f /= len(fears)
    return 100.0 * (p.weight_hostility * h + p.weight_fear * f / p.fear_max), fears


def defcon_level(t: float) -> tuple[int, str]:
    """The DEFCON-like level (5 lowest … 1 brink) and its word for a tension T in [0, 100].

    Bands: 0-19 Détente (5), 20-39 Watchful (4), 40-59 Elevated readiness (3), 60-79 Crisis (2),
    80-100 Brink (1). Source: docs/model.md §6 [D]; not a model of real DEFCON decisions.
    """
    if t < 20:
        return 5, "Détente"
    if t < 40:
        return 4, "Watchful"
    if t < 60:
        return 3, "Elevated readiness"
    if t < 80:
        return 2, "Crisis"
    return 1, "Brink"


def hazard_of(rules: Rules, t: float) -> float:
    """War hazard over a round from the tension meter T alone (the brink), in [0, 1].

    Weekly p = h_max·clip((T − T_c)/(100 − T_c), 0, 1)²·(0.5 + ω), as a per-round probability
    (:func:`per_round`). Source: Schelling 1966 ("the threat that leaves something to chance")
    and Jervis 1978 (offense dominance) for the direction; the form is a design choice
    (docs/model.md §7). The round's whole hazard adds the price of force (:func:`force_hazard`).
    """
    p = rules.params
    x = (t - p.hazard_knee) / (100.0 - p.hazard_knee)
    if x <= 0.0:
        return 0.0
    x = min(x, 1.0)
    return per_round(min(1.0, p.hazard_max * x * x * (0.5 + p.offense_advantage)), rules.round_weeks)


def richardson_step(
    k_i: float, k_j: float, trust: float, rules: Rules, grievance: float, delta: float = 0.0
) -> float:
    """One Richardson step for actor i facing j: K_i + ΔK + r·[k_eff·K_j − a·K_i + g], clipped.

    k_eff = k0·(1 − μ_ij)·(0.5 + ω): fear couples the arms race to distrust and offense advantage.
    Source: Richardson 1960; coupling [D] (docs/model.md §5).
    """
    p = rules.params
    k_eff = fear_coefficient(p, trust)
    k = k_i + delta + p.richardson_rate * (k_eff * k_j - p.richardson_a * k_i + grievance)
    return min(p.capability_max, max(p.capability_min, k))
