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
import random
from collections.abc import Iterable, Mapping

from wargame.engine.errors import GameOverError, IllegalOrderError
from wargame.engine.rules import GREEDY, SECURITY_SEEKER, EventCard, Needs, Rules, fear_coefficient
from wargame.engine.state import (
    Act,
    EventFired,
    Mode,
    Order,
    Outcome,
    PairOutcome,
    RoundResult,
    State,
    TensionTerm,
)

#: Share of a grievance's departure from its base kept each round: a shock fades by 1/e in about
#: 5.5 rounds (design choice after Richardson's grievances fading over "6 turns"; docs/model.md §5).
GRIEVANCE_MEMORY = 5.0 / 6.0
#: Grievance added to the victim of a use of force (docs/model.md §5 [D]).
FORCE_GRIEVANCE = 0.05
#: Grievance removed from each signer whose signature takes effect; it fades like any other
#: departure from the base grievance (docs/model.md §5 [D]).
TREATY_GOODWILL = 0.05
#: Rounds of (highest Kahn rung, MID level) kept for the ladder display (docs/model.md §6).
RECENT_WINDOW = 3


def draw_types(rules: Rules, rng: random.Random | None) -> dict[str, str]:
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
    )
    state.tension = tension(rules, hostility, logodds, capability)
    state.tension_history = (state.tension,)
    reach = rules.reach_keys
    state.pair_hostility = {key: hostility[i] for i in rules.actor_ids for key in reach[(i, None)]}
    state.pair_tension = {
        pair: pair_tension(rules, pair, state.pair_hostility, state.mu, capability) for pair in rules.pairs
    }
    state.detente_streak = dict.fromkeys(rules.pairs, 0)
    state.hazard_ahead = hazard_of(rules, state.tension)
    return state


def check_order(rules: Rules, actor: str, order: Order) -> None:
    """Raise :class:`IllegalOrderError` unless ``order`` is legal for ``actor``.

    Legal: a known actor; an instrument in the catalogue that the actor may use; a target that is
    another actor when the instrument takes one, and none otherwise.
    """
    usable = rules.usable_ids.get(actor)
    if usable is None:
        raise IllegalOrderError(actor, "no such actor in this scenario")
    target = order.target
    if order.instrument in usable:  # fast path for the common, legal case
        if rules.instruments[order.instrument].targeted:
            if target is not None and target != actor and target in rules.actor_by_id:
                return
        elif target is None:
            return
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
    """Resolve simultaneous orders into acts: combined acts need an ally, treaties a counterpart.

    A combined act (``needs = ally``) takes effect when an ally orders the same instrument at the
    same target; a treaty (``needs = counterpart``) when its target signs back at the maker in the
    same round or proposed it to the maker last round. Otherwise the fallback instrument is used.
    """
    acts: list[Act] = []
    append = acts.append
    make = tuple.__new__
    none = Needs.NONE
    needs_of = rules.needs_of
    for actor in rules.actor_ids:
        order = orders[actor]
        ordered = order[0]
        if needs_of[ordered] is none:
            append(make(Act, (actor, ordered, ordered, order[1], True, ())))
            continue
        inst = rules.instruments[ordered]
        partners: tuple[str, ...]
        if inst.needs is Needs.ALLY:
            partners = tuple(
                b
                for b in rules.actor_ids
                if rules.allied(actor, b)
                and orders[b].instrument == order.instrument
                and orders[b].target == order.target
            )
        else:
            t = order.target
            assert t is not None
            back = orders.get(t)
            signed = back is not None and back.instrument == order.instrument and back.target == actor
            proposed = state.proposals.get((t, actor)) == order.instrument
            partners = (t,) if (signed or proposed) else ()
        if partners:
            append(Act(actor, order.instrument, order.instrument, order.target, True, partners))
        else:
            fb = inst.fallback
            assert fb is not None
            target = order.target if rules.instruments[fb].targeted else None
            append(Act(actor, order.instrument, fb, target, False, ()))
    return tuple(acts)


def resolve_round(
    rules: Rules,
    state: State,
    orders: Mapping[str, Order],
    rng: random.Random,
    *,
    mode: Mode = Mode.STOCHASTIC,
    round_limit: int | None = None,
    injected: Iterable[str] = (),
    memory: Mapping[str, dict] | None = None,
    allow_after_outcome: bool = False,
    explain: bool = True,
) -> RoundResult:
    """Resolve one round of simultaneous orders.

    Args:
        rules: compiled scenario rules.
        state: the state before the round (not modified).
        orders: one :class:`Order` per actor id.
        rng: the round's seeded RNG; draws happen in a fixed order (noise per act and observer in
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
    for actor in orders:
        if actor not in rules.actor_by_id:
            raise IllegalOrderError(actor, "no such actor in this scenario")

    stochastic = mode is Mode.STOCHASTIC
    rnd = state.round + 1
    limit = rules.rounds if round_limit is None else round_limit
    acts = resolve_acts(rules, state, orders)
    seen = _observe(rules, acts, rng, stochastic)
    events = _events(rules, state, rnd, rng, stochastic, injected)
    new_l, (new_mu, mu_rows), (new_second, second_rows), (last_perceived, perceived_rows), perceptions = (
        _update_beliefs(rules, state, rnd, acts, seen, events.evidence)
    )
    new_k, grievance = _capability(rules, state, acts, mu_rows, events.capability)
    stocks = _hostility(rules, state, rnd, acts, new_mu, new_k, events, explain)
    return _outcomes(
        rules,
        state,
        rnd,
        limit,
        orders,
        acts,
        rng,
        stochastic,
        memory,
        perceptions,
        events,
        (new_l, new_mu, new_second, last_perceived),
        new_k,
        grievance,
        stocks,
        (mu_rows, second_rows, perceived_rows),
        explain,
    )


def _observe(rules: Rules, acts: tuple[Act, ...], rng: random.Random, stochastic: bool) -> list[str]:
    """Stage 2a, perception: what every other actor saw of every act, in act order then observer
    order (one noise draw each, in that order, in stochastic mode with noise > 0): the true
    instrument, or with probability ``noise`` the maker's misread look-alike (docs/model.md §3)."""
    noise = rules.params.perception_noise if stochastic else 0.0
    others = rules.others
    seen: list[str] = []
    if noise:
        append = seen.append
        rand = rng.random
        misread = rules.misread_as
        for j, _ordered, made, _tgt, _, _ in acts:
            flip = misread[j][made]
            for _ in others[j]:
                append(flip if rand() < noise else made)
    else:
        extend = seen.extend
        for j, _ordered, made, _tgt, _, _ in acts:
            extend([made] * len(others[j]))
    return seen


class _EventEffects:
    __slots__ = ("capability", "evidence", "fired", "fired_ids", "floor_card", "hostility", "tension_floor")

    def __init__(self) -> None:
        self.fired: list[EventFired] = []
        self.fired_ids: set[str] = set()
        self.evidence: dict[tuple[str, str], list[float]] = {}
        self.hostility: dict[str, float] = {}
        self.capability: dict[str, float] = {}
        self.tension_floor = 0.0
        self.floor_card: str | None = None


def _events(
    rules: Rules,
    state: State,
    rnd: int,
    rng: random.Random,
    stochastic: bool,
    injected: Iterable[str],
) -> _EventEffects:
    """Stage 2b, event cards: scheduled, drawn (stochastic mode) and injected; their evidence (by
    pair, in firing order), hostility, capability and tension effects are returned."""
    out = _EventEffects()
    out.fired_ids = set(state.fired)
    event_cards = []
    for card in rules.events_at.get(rnd, ()):
        event_cards.append((card, "scheduled"))
    if stochastic:
        for card in rules.drawn_events:
            if rng.random() < card.probability and card.id not in out.fired_ids:
                event_cards.append((card, "drawn"))
    for eid in injected:
        found = next((c for c in rules.events if c.id == eid), None)
        if found is None:
            raise IllegalOrderError("facilitator", f"unknown event card {eid!r}")
        event_cards.append((found, "injected"))
    for card, source in event_cards:
        out.fired.append(EventFired(card.id, source))
        out.fired_ids.add(card.id)
        for obs, subj, ev in card.evidence:
            out.evidence.setdefault((obs, subj), []).append(ev)
        for a, dh in card.hostility:
            out.hostility[a] = out.hostility.get(a, 0.0) + dh
        for a, dk in card.capability:
            out.capability[a] = out.capability.get(a, 0.0) + dk
        if card.tension > out.tension_floor:
            out.tension_floor = card.tension
            out.floor_card = card.id
    return out


def _update_beliefs(
    rules: Rules,
    state: State,
    rnd: int,
    acts: tuple[Act, ...],
    seen: list[str],
    extra: dict[tuple[str, str], list[float]],
) -> tuple[dict, tuple[dict, dict], tuple[dict, dict], tuple[dict, dict], tuple[tuple, ...]]:
    """Stage 2c, beliefs: the evidence each reading carries after the observer's bias and weight
    (plus event cards' evidence), ℓ ← clip(ρℓ + (1−ρ)ℓ0 + Σe) for every pair, the second-order
    estimates, and the perception records (docs/model.md §3)."""
    p = rules.params
    lmax = p.logodds_max
    rho = p.memory
    sight = rules.sight
    exp = math.exp
    ids = rules.actor_ids
    old_l = state.logodds
    old_second = state.second_order
    old_mu = state.mu
    offense = rules.offense_of
    new_l: dict[tuple[str, str], float] = {}
    new_second: dict[tuple[str, str], float] = {}
    new_mu: dict[tuple[str, str], float] = {}
    mu_rows: dict[str, dict[str, float]] = {i: {} for i in ids}
    second_rows: dict[str, dict[str, float]] = {i: {} for i in ids}
    perceived_rows: dict[str, dict[str, str | None]] = {i: {} for i in ids}
    # every directed pair is observed every round (every actor acts), so nothing carries over
    last_perceived: dict[tuple[str, str], str | None] = {}
    # perception records as plain tuples in Perception's field order (see RoundResult.perception_rows)
    perceptions: list[tuple] = []
    append = perceptions.append
    k = 0
    for j, _ordered, made, tgt, _, _ in acts:
        own_second = second_rows[j]
        # i observes j's act; (1 − ρ)ℓ0_ij relaxes both ℓ_ij and j's estimate of it
        for i, ij, ji, w, brow, relax in sight[j][tgt]:
            s = seen[k]
            k += 1
            e = brow[s] * w
            total = e
            if extra and ij in extra:
                for v in extra[ij]:
                    total += v
            x = rho * old_l[ij] + relax + total
            x = lmax if x > lmax else (-lmax if x < -lmax else x)
            new_l[ij] = x
            mu = 1.0 / (1.0 + exp(x))
            new_mu[ij] = mu
            mu_rows[i][j] = mu
            # second_order[(j, i)]: j's estimate of ℓ_ij, from how i reads j's true act (no noise)
            y = rho * old_second[ji] + relax + brow[made] * w
            y = lmax if y > lmax else (-lmax if y < -lmax else y)
            new_second[ji] = y
            own_second[i] = y
            last_perceived[ij] = s
            perceived_rows[i][j] = s
            append((rnd, i, j, made, tgt, s, offense[s], w, e, old_mu[ij], mu))
    return (
        new_l,
        (new_mu, mu_rows),
        (new_second, second_rows),
        (last_perceived, perceived_rows),
        tuple(perceptions),
    )


def _capability(
    rules: Rules, state: State, acts: tuple[Act, ...], mu_rows: dict, capability_shock: dict
) -> tuple[dict[str, float], dict[str, float]]:
    """Stage 3, the Richardson layer: K_i ← clip(K_i + ΔK + r[max_j k_eff_ij K_j − a K_i + g_i])
    with k_eff_ij = k0(1 − μ_ij)(0.5 + ω) over non-aligned j; grievances decay and move
    (docs/model.md §5)."""
    p = rules.params
    instruments = rules.instruments
    omega = p.offense_advantage
    k_coef = p.richardson_k0 * (0.5 + omega)
    a_coef = p.richardson_a
    r = p.richardson_rate
    kmin, kmax = p.capability_min, p.capability_max
    old_k = state.capability
    new_k: dict[str, float] = {}
    base_g = rules.base_grievance
    grievance = {a: base_g[a] + (g - base_g[a]) * GRIEVANCE_MEMORY for a, g in state.grievance.items()}
    counterpart = Needs.COUNTERPART
    for maker, _ordered, made, target, need_met, _ in acts:
        inst = instruments[made]
        if target is not None:
            if inst.grievance_delta:
                grievance[target] += inst.grievance_delta
            if inst.mid_level >= 4:
                grievance[target] += FORCE_GRIEVANCE
        if need_met and inst.needs is counterpart:
            grievance[maker] -= TREATY_GOODWILL
    nonallies = rules.nonallies
    for i, _ordered, made, _target, _, _ in acts:
        row = mu_rows[i]
        threat = 0.0
        for j in nonallies[i]:
            t = k_coef * (1.0 - row[j]) * old_k[j]
            if t > threat:
                threat = t
        k = old_k[i] + instruments[made].capability_delta + capability_shock.get(i, 0.0)
        k += r * (threat - a_coef * old_k[i] + grievance[i])
        new_k[i] = kmax if k > kmax else (kmin if k < kmin else k)
    return new_k, grievance


class _Stocks:
    """Stage 4's results: hostility stocks (global and per directed pair), the meter and its terms."""

    __slots__ = (
        "floor_source",
        "floor_until",
        "force_stock",
        "max_kahn",
        "max_mid",
        "new_h",
        "pair_h",
        "parts",
        "points",
        "raw",
        "t_value",
    )
    floor_source: str | None
    floor_until: int
    force_stock: dict[tuple[str, str], float]
    max_kahn: int
    max_mid: int
    new_h: dict[str, float]
    pair_h: dict[tuple[str, str], float]
    parts: dict[str, tuple[float, float, float]]
    points: int
    raw: float
    t_value: float


def _hostility(
    rules: Rules,
    state: State,
    rnd: int,
    acts: tuple[Act, ...],
    new_mu: dict,
    new_k: dict,
    events: _EventEffects,
    explain: bool = True,
) -> _Stocks:
    """Stage 4: hostility stocks from the true acts (each actor's stock H_j, and H_i→j per
    directed pair), stocks of force per directed pair, the tension meter and its floors
    (docs/model.md §5-§6). Keeps each stock's change split into fading, event shock and the act."""
    p = rules.params
    instruments = rules.instruments
    lam = p.hostility_persistence
    gam = p.cooperative_drain
    shock = events.hostility
    reach = rules.reach_keys
    directed = rules.directed
    out = _Stocks()
    new_h: dict[str, float] = {}
    parts: dict[str, tuple[float, float, float]] = {}
    old_h = state.hostility
    old_ph = state.pair_hostility
    pair_h = {pair: lam * v for pair, v in old_ph.items()}
    for a, dh in shock.items():
        for key in reach[(a, None)]:
            y = pair_h.get(key, 0.0) + dh
            pair_h[key] = 1.0 if y > 1.0 else (0.0 if y < 0.0 else y)
    delta_u = p.force_memory**rules.round_weeks
    force = {pair: delta_u * v for pair, v in state.force_stock.items() if v * delta_u > 1e-6}
    max_mid = 0
    max_kahn = 0
    points = 0
    for maker, _ordered, made, target, _, _ in acts:
        inst = instruments[made]
        h = inst.hostility
        old = old_h[maker]
        x0 = lam * old
        x1 = x0 + shock.get(maker, 0.0)
        x = x1 + (1.0 - lam) * h if h > 0 else x1 + gam * h
        x = 1.0 if x > 1.0 else (0.0 if x < 0.0 else x)
        new_h[maker] = x
        if explain:
            parts[maker] = (x0 - old, x1 - x0, x - x1)
        for key in reach[(maker, target)]:
            y = pair_h.get(key, 0.0)
            y = y + (1.0 - lam) * h if h > 0 else y + gam * h
            pair_h[key] = 1.0 if y > 1.0 else (0.0 if y < 0.0 else y)
        if inst.mid_level >= 4 and target is not None:
            key = directed[(maker, target)]
            force[key] = force.get(key, 0.0) + 1.0
        if inst.mid_level > max_mid:
            max_mid = inst.mid_level
        if inst.kahn_rung > max_kahn:
            max_kahn = inst.kahn_rung
        points += inst.rivera_points
    raw = _raw_tension(rules, new_h, new_mu, new_k)
    t_value = 100.0 if raw > 100.0 else (0.0 if raw < 0.0 else raw)
    floor_until = state.floor_until
    if max_mid >= 4:
        floor_until = rnd + p.force_floor_rounds - 1
    floor_source: str | None = None
    clipped = t_value
    if rnd <= floor_until and p.force_floor > t_value:
        t_value = p.force_floor
        floor_source = "force"
    if events.tension_floor > t_value:
        t_value = events.tension_floor
        floor_source = events.floor_card
    if t_value == clipped:
        floor_source = None
    out.floor_source = floor_source
    out.new_h, out.parts, out.pair_h, out.force_stock = new_h, parts, pair_h, force
    out.raw, out.t_value, out.floor_until = raw, t_value, floor_until
    out.max_kahn, out.max_mid, out.points = max_kahn, max_mid, points
    return out


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


def _terms(
    rules: Rules,
    state: State,
    acts: tuple[Act, ...],
    stocks: _Stocks,
    new_mu: dict,
    new_k: dict,
    events: _EventEffects,
) -> tuple[TensionTerm, ...]:
    """The round's change of the meter split into terms that sum to it (docs/model.md §6).

    Hostility: H = sqrt(mean H_j²), so H' − H = Σ_j (H_j'² − H_j²)/(n(H' + H)) exactly; each
    actor's share is split again over its stock's fading, event shock and act. Fear: each
    directed pair's (1 − μ)Φ changes by Δ(1 − μ)·Φ̄ + (1 − μ)‾·ΔΦ (midpoint rule, exact); the first
    part is fear of the subject, the second the arms race. What the floors and the 0-100 clip add
    is the floor term.
    """
    p = rules.params
    old_h = state.hostility
    new_h = stocks.new_h
    n = len(new_h)
    h_old = math.sqrt(sum(v * v for v in old_h.values()) / n)
    h_new = math.sqrt(sum(v * v for v in new_h.values()) / n)
    terms: list[TensionTerm] = []
    wh = 100.0 * p.weight_hostility
    denom = n * (h_new + h_old)
    fired = events.fired
    for maker, _ordered, made, _t, _, _ in acts:
        if denom <= 0.0:
            break
        factor = wh * (new_h[maker] + old_h[maker]) / denom
        fade, shock, act = stocks.parts[maker]
        if act:
            terms.append(TensionTerm("act", maker, made, factor * act))
        if fade:
            terms.append(TensionTerm("fade", maker, None, factor * fade))
        if shock:
            card = next((e.id for e in fired if maker in dict(rules_event(rules, e.id).hostility)), None)
            terms.append(TensionTerm("event", maker, card, factor * shock))
    omega = p.offense_advantage
    up = 0.5 + omega
    down = 1.5 - omega
    pairs = rules.rival_pairs or tuple(new_mu)
    wf = 100.0 * p.weight_fear / p.fear_max / (len(pairs) or 1)
    old_mu = state.mu
    old_k = state.capability
    fear: dict[str, float] = {}
    arms = 0.0
    for i, j in pairs:
        kj0 = old_k[j] * up
        phi0 = kj0 / (kj0 + old_k[i] * down)
        kj1 = new_k[j] * up
        phi1 = kj1 / (kj1 + new_k[i] * down)
        d0 = 1.0 - old_mu[(i, j)]
        d1 = 1.0 - new_mu[(i, j)]
        fear[j] = fear.get(j, 0.0) + wf * (d1 - d0) * (phi0 + phi1) / 2.0
        arms += wf * (d0 + d1) / 2.0 * (phi1 - phi0)
    for j, v in fear.items():
        if abs(v) > 1e-12:
            terms.append(TensionTerm("fear", j, None, v))
    if abs(arms) > 1e-12:
        terms.append(TensionTerm("arms", None, None, arms))
    rest = (stocks.t_value - state.tension) - sum(t.value for t in terms)
    if abs(rest) > 1e-9:
        # what floors and the 0-100 limits add: last round's floor released, this round's held
        raw_old = _raw_tension(rules, old_h, old_mu, old_k)
        before = state.tension - min(100.0, max(0.0, raw_old))
        now = stocks.t_value - min(100.0, max(0.0, stocks.raw))
        if before > 1e-9:
            terms.append(_floor_term(state.floor_source, -before))
        if now > 1e-9:
            terms.append(_floor_term(stocks.floor_source, now))
        limit = rest - (now if now > 1e-9 else 0.0) + (before if before > 1e-9 else 0.0)
        if abs(limit) > 1e-9:
            terms.append(TensionTerm("floor", None, "limit", limit))
    return tuple(terms)


def _floor_term(source: str | None, value: float) -> TensionTerm:
    """A floor holding the meter up (value > 0) or released (value < 0): the force floor, or the
    event card whose floor it was."""
    if source is None or source == "force":
        return TensionTerm("floor", None, None, value)
    return TensionTerm("event", None, source, value)


def rules_event(rules: Rules, event_id: str) -> EventCard:
    """The event card ``event_id`` of the scenario. Raises StopIteration if unknown."""
    return next(c for c in rules.events if c.id == event_id)


def _outcomes(
    rules: Rules,
    state: State,
    rnd: int,
    limit: int,
    orders: Mapping[str, Order],
    acts: tuple[Act, ...],
    rng: random.Random,
    stochastic: bool,
    memory: Mapping[str, dict] | None,
    perceptions: tuple[tuple, ...],
    events: _EventEffects,
    beliefs: tuple[dict, dict, dict, dict],
    new_k: dict,
    grievance: dict,
    stocks: _Stocks,
    rows: tuple[dict, dict, dict],
    explain: bool,
) -> RoundResult:
    """Stage 5: pair tensions and hazards, outcomes per pair and the headline outcome (war chosen
    or from the hazard, peace when every principal pair is at treaty or détente, stalemate at
    the round limit; docs/model.md §7-§8), and the new state."""
    new_l, new_mu, new_second, last_perceived = beliefs
    p = rules.params
    instruments = rules.instruments
    outcome: Outcome | None = None
    outcome_actor: str | None = None
    counterpart = Needs.COUNTERPART
    war_pair: tuple[str, str] | None = None
    treaties: set[tuple[str, str]] | frozenset[tuple[str, str]] = state.treaties
    clash_pairs: set[tuple[str, str]] | frozenset[tuple[str, str]] = state.clash_pairs
    treaty_maker: str | None = None
    proposals: dict[tuple[str, str], str] = {}
    last_target: dict[str, str | None] = {}
    last_own: dict[str, str | None] = {}
    t_value = stocks.t_value
    pair_h = stocks.pair_h
    force = stocks.force_stock
    # pair tensions (pair_tension, inlined) and détente streaks, in one pass over the pairs
    up = 0.5 + p.offense_advantage
    down = 1.5 - p.offense_advantage
    w_h = p.weight_hostility
    w_f = p.weight_fear
    f_max2 = 2.0 * p.fear_max
    peace_tension, peace_trust = p.peace_tension, p.peace_trust
    old_streak = state.detente_streak
    pair_t: dict[tuple[str, str], float] = {}
    streak: dict[tuple[str, str], int] = {}
    get_h = pair_h.get
    sqrt = math.sqrt
    for pair, ab, ba in rules.pair_keys:
        hab = get_h(ab, 0.0)
        hba = get_h(ba, 0.0)
        ka = new_k[pair[0]]
        kb = new_k[pair[1]]
        mab = new_mu[ab]
        mba = new_mu[ba]
        kau = ka * up
        kbu = kb * up
        f = (1.0 - mab) * kbu / (kbu + ka * down) + (1.0 - mba) * kau / (kau + kb * down)
        tp = 100.0 * (w_h * sqrt((hab * hab + hba * hba) / 2.0) + w_f * f / f_max2)
        tp = 100.0 if tp > 100.0 else (0.0 if tp < 0.0 else tp)
        pair_t[pair] = tp
        streak[pair] = (
            old_streak.get(pair, 0) + 1
            if tp <= peace_tension and mab >= peace_trust and mba >= peace_trust
            else 0
        )
    signed: list[tuple[str, tuple[str, str]]] = []
    pair_of = rules.pair_of
    for maker, _ordered, made, target, need_met, _ in acts:
        inst = instruments[made]
        key = pair_of[(maker, target)]
        if inst.mid_level >= 4 and key is not None:
            if key in treaties:
                treaties = set(treaties) - {key}
            if inst.mid_level == 4 and key not in clash_pairs:
                clash_pairs = set(clash_pairs) | {key}
        if inst.mid_level >= 5 and war_pair is None:
            war_pair = key or (rules.pairs[0] if rules.pairs else None)
            outcome_actor = maker
        if need_met and inst.needs is counterpart and key is not None:
            signed.append((maker, key))
        if inst.proposes is not None and target is not None:
            proposals[(maker, target)] = inst.proposes
        last_target[maker] = target
        last_own[maker] = made
    for maker, key in signed:
        if pair_t[key] <= p.treaty_tension:
            treaties = set(treaties) | {key}
            treaty_maker = treaty_maker or maker
    h_tension = hazard_of(rules, t_value)
    survive = 1.0 - h_tension
    hazards: list[float] = []
    if force:
        hazards = [
            force_hazard(rules, force.get(ab, 0.0), force.get(ba, 0.0)) for _, ab, ba in rules.pair_keys
        ]
        for h in hazards:
            if h:
                survive *= 1.0 - h
    hazard = 1.0 - survive
    war_probability = 1.0 - (1.0 - state.war_probability) * survive
    war_cause: str | None = None
    if war_pair is not None:
        outcome = Outcome.WAR_CHOSEN
        war_cause = "chosen"
    elif stochastic and hazard > 0.0:
        u = rng.random()
        if u < hazard:
            outcome = Outcome.WAR_INADVERTENT
            if u < h_tension:  # the brink: the most tense pair goes to war
                war_pair = max(rules.pairs, key=lambda pr: pair_t[pr])
                war_cause = "brink"
            else:
                war_cause = "force"
                alive = 1.0 - h_tension
                for pair, h in zip(rules.pairs, hazards):
                    alive *= 1.0 - h
                    if u < 1.0 - alive:
                        war_pair = pair
                        break
                war_pair = war_pair or rules.pairs[-1]
    if outcome is not None and outcome.is_war:
        t_value = 100.0
        war_probability = 1.0
        pair_t[war_pair] = 100.0  # type: ignore[index]
        streak[war_pair] = 0  # type: ignore[index]
    peace_rounds = p.peace_rounds
    principal = rules.principal_pairs
    if (
        outcome is None
        and principal
        and all(pair in treaties or streak[pair] >= peace_rounds for pair in principal)
    ):
        if any(pair in treaties for pair in principal):
            outcome, outcome_actor = Outcome.PEACE_TREATY, treaty_maker
        else:
            outcome = Outcome.PEACE_DETENTE
    peace_streak = min((streak[pair] for pair in principal), default=0)
    if outcome is None and rnd >= limit:
        outcome = Outcome.STALEMATE
    done = state.outcome is not None
    if done:  # playing on after an outcome: keep the first one
        outcome = None
    # the hazard the coming round carries before anyone acts: the brink at today's tension and
    # the force stocks as they will have faded (docs/model.md §7)
    hazard_ahead = 1.0
    if outcome is None or not outcome.is_war:
        keep = 1.0 - hazard_of(rules, t_value)
        if force:
            fade = p.force_memory**rules.round_weeks
            for _, ab, ba in rules.pair_keys:
                h = force_hazard(rules, force.get(ab, 0.0) * fade, force.get(ba, 0.0) * fade)
                if h:
                    keep *= 1.0 - h
        hazard_ahead = 1.0 - keep

    new_memory = dict(state.memory)
    if memory:
        new_memory.update(memory)
    escalation = stocks.points / len(acts)
    terms: tuple[TensionTerm, ...] = ()
    if explain:
        terms = _terms(rules, state, acts, stocks, new_mu, new_k, events)
        if t_value != stocks.t_value:  # war broke out: the meter goes to 100
            terms += (TensionTerm("war", outcome_actor, None, t_value - stocks.t_value),)
    new_state = State(
        round=rnd,
        types=state.types,
        logodds=new_l,
        second_order=new_second,
        capability=new_k,
        grievance=grievance,
        hostility=stocks.new_h,
        tension=t_value,
        tension_history=state.tension_history + (t_value,),
        war_probability=war_probability,
        last_perceived=last_perceived,
        last_target=last_target,
        last_own=last_own,
        recent_acts=(state.recent_acts + ((stocks.max_kahn, stocks.max_mid),))[-RECENT_WINDOW:],
        escalation_history=state.escalation_history + (escalation,),
        floor_until=stocks.floor_until,
        peace_streak=peace_streak,
        proposals=proposals,
        fired=frozenset(events.fired_ids) if events.fired else state.fired,
        memory=new_memory,
        crisis_rounds=state.crisis_rounds
        + ((rnd,) if stocks.t_value >= p.crisis_tension else ()),  # before war's 100
        clash_rounds=state.clash_rounds + ((rnd,) if stocks.max_mid == 4 else ()),
        outcome=state.outcome if done else outcome,
        outcome_round=state.outcome_round if done else (rnd if outcome else None),
        outcome_actor=state.outcome_actor if done else outcome_actor,
        pair_hostility=pair_h,
        force_stock=force,
        pair_tension=pair_t,
        detente_streak=streak,
        treaties=treaties if isinstance(treaties, frozenset) else frozenset(treaties),
        clash_pairs=clash_pairs if isinstance(clash_pairs, frozenset) else frozenset(clash_pairs),
        war_pair=state.war_pair if done else war_pair,
        war_cause=state.war_cause if done else war_cause,
        hazard=hazard,
        hazard_ahead=hazard_ahead,
        floor_source=stocks.floor_source,
        mu=new_mu,
        mu_rows=rows[0],
        second_rows=rows[1],
        perceived_rows=rows[2],
    )
    return RoundResult(
        rnd,
        dict(orders),
        acts,
        perceptions,
        tuple(events.fired),
        new_state,
        t_value,
        hazard,
        escalation,
        stocks.max_kahn,
        stocks.max_mid,
        outcome,
        terms,
    )


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
    """The meter before floors and before the 0-100 clip."""
    p = rules.params
    n = len(hostility)
    h = math.sqrt(sum([v * v for v in hostility.values()]) / n)
    omega = p.offense_advantage
    up = 0.5 + omega
    down = 1.5 - omega
    pairs = rules.rival_pairs or tuple(mu)
    total = 0.0
    for pair in pairs:
        kj = capability[pair[1]] * up
        total += (1.0 - mu[pair]) * kj / (kj + capability[pair[0]] * down)
    f = total / len(pairs) if pairs else 0.0
    return 100.0 * (p.weight_hostility * h + p.weight_fear * f / p.fear_max)


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
