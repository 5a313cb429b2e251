"""The round: simultaneous orders in, a new state, perception records and an outcome out.

Implements ``../shared/research/theory.md`` §3.4-§3.9 for N actors:

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
from wargame.engine.rules import GREEDY, SECURITY_SEEKER, Needs, Rules, logodds_of
from wargame.engine.state import (
    Act,
    EventFired,
    Mode,
    Order,
    Outcome,
    Perception,
    RoundResult,
    State,
)

#: Rounds a grievance shock takes to fade by 1/e (design choice after theory.md §3.6's "6 turns").
GRIEVANCE_MEMORY = 5.0 / 6.0
#: Grievance added to the victim of a use of force (theory.md §3.6 [D]).
FORCE_GRIEVANCE = 0.05
#: Grievance removed from both parties by a signed treaty (theory.md §3.6 [D]).
TREATY_GOODWILL = 0.05
#: Rounds of (highest Kahn rung, MID level) kept for the ladder display (theory.md §3.7).
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
    lmax = rules.params.logodds_max
    logodds = {
        pair: max(-lmax, min(lmax, logodds_of(t))) for pair, t in rules.initial_trust.items()
    }
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
    return state


def check_order(rules: Rules, actor: str, order: Order) -> None:
    """Raise :class:`IllegalOrderError` unless ``order`` is legal for ``actor``.

    Legal: a known actor; an instrument in the catalogue that the actor may use; a target that is
    another actor when the instrument takes one, and none otherwise.
    """
    if actor not in rules.actor_by_id:
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
    """Resolve simultaneous orders into acts: combined acts need an ally, treaties a counterpart.

    A combined act (``needs = ally``) takes effect when an ally orders the same instrument at the
    same target; a treaty (``needs = counterpart``) when its target signs back at the maker in the
    same round or proposed it to the maker last round. Otherwise the fallback instrument is used.
    """
    acts = []
    for actor in rules.actor_ids:
        order = orders[actor]
        inst = rules.instruments[order.instrument]
        if inst.needs is Needs.NONE:
            acts.append(Act(actor, order.instrument, order.instrument, order.target))
            continue
        partners: tuple[str, ...]
        if inst.needs is Needs.ALLY:
            partners = tuple(
                b for b in rules.actor_ids
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
            acts.append(Act(actor, order.instrument, order.instrument, order.target, True, partners))
        else:
            fb = inst.fallback
            assert fb is not None
            target = order.target if rules.instruments[fb].targeted else None
            acts.append(Act(actor, order.instrument, fb, target, False, ()))
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

    p = rules.params
    stochastic = mode is Mode.STOCHASTIC
    rnd = state.round + 1
    limit = rules.rounds if round_limit is None else round_limit
    ids = rules.actor_ids
    n = len(ids)
    instruments = rules.instruments
    acts = resolve_acts(rules, state, orders)

    # --- 2. observation and belief update --------------------------------------------------
    lmax = p.logodds_max
    rho = p.memory
    one_minus_rho = 1.0 - rho
    noise = p.noise if stochastic else 0.0
    weights = rules.evidence_weight
    prior_l = rules.prior_logodds
    biased = rules.biased_evidence
    old_l = state.logodds
    new_l: dict[tuple[str, str], float] = {}
    new_second: dict[tuple[str, str], float] = {}
    last_perceived = dict(state.last_perceived)
    pending: list[tuple[str, str, str, str | None, str, float, float]] = []
    sum_e: dict[tuple[str, str], float] = {}
    sum_e2: dict[tuple[str, str], float] = {}
    for act in acts:
        j = act.maker
        inst = instruments[act.instrument]
        tgt = act.target
        roles = rules.actor_by_id[j].roles
        for i in ids:
            if i == j:
                continue
            weight = weights[(i, j, tgt)]
            seen = act.instrument
            if noise and rng.random() < noise:
                seen = roles.misread_nonviolent_as if inst.is_conciliatory else roles.misread_force_as
            e = biased[(i, seen)] * weight
            sum_e[(i, j)] = e
            # second order: j's estimate of how i reads j's true act (no noise)
            sum_e2[(j, i)] = biased[(i, act.instrument)] * weight
            last_perceived[(i, j)] = seen
            pending.append((i, j, act.instrument, tgt, seen, weight, e))

    fired: list[EventFired] = []
    fired_ids = set(state.fired)
    event_cards = []
    for card in rules.events_at.get(rnd, ()):
        event_cards.append((card, "scheduled"))
    if stochastic:
        for card in rules.drawn_events:
            if rng.random() < card.probability and card.id not in fired_ids:
                event_cards.append((card, "drawn"))
    for eid in injected:
        card = next((c for c in rules.events if c.id == eid), None)
        if card is None:
            raise IllegalOrderError("facilitator", f"unknown event card {eid!r}")
        event_cards.append((card, "injected"))
    tension_event_floor = 0.0
    hostility_shock: dict[str, float] = {}
    capability_shock: dict[str, float] = {}
    for card, source in event_cards:
        fired.append(EventFired(card.id, source))
        fired_ids.add(card.id)
        for obs, subj, ev in card.evidence:
            sum_e[(obs, subj)] = sum_e.get((obs, subj), 0.0) + ev
        for a, dh in card.hostility:
            hostility_shock[a] = hostility_shock.get(a, 0.0) + dh
        for a, dk in card.capability:
            capability_shock[a] = capability_shock.get(a, 0.0) + dk
        tension_event_floor = max(tension_event_floor, card.tension)

    old_second = state.second_order
    exp = math.exp
    new_mu: dict[tuple[str, str], float] = {}
    for pair, lo in old_l.items():
        x = rho * lo + one_minus_rho * prior_l[pair] + sum_e.get(pair, 0.0)
        x = lmax if x > lmax else (-lmax if x < -lmax else x)
        new_l[pair] = x
        new_mu[pair] = 1.0 / (1.0 + exp(x))
        # second_order[(i, j)]: i's estimate of ℓ_ji, relaxed toward j's (public) prior about i
        y = rho * old_second[pair] + one_minus_rho * prior_l[(pair[1], pair[0])] + sum_e2.get(pair, 0.0)
        new_second[pair] = lmax if y > lmax else (-lmax if y < -lmax else y)

    old_mu = state.mu
    perceptions = tuple(
        Perception(
            rnd, i, j, ins, tgt, seen, instruments[seen].perceived_offense, w, e,
            old_mu[(i, j)], new_mu[(i, j)],
        )
        for (i, j, ins, tgt, seen, w, e) in pending
    )

    # --- 3. capability (Richardson) and grievance -----------------------------------------------
    omega = p.offense_advantage
    k_coef = p.richardson_k0 * (0.5 + omega)
    a_coef = p.richardson_a
    r = p.richardson_rate
    kmin, kmax = p.capability_min, p.capability_max
    old_k = state.capability
    new_k: dict[str, float] = {}
    grievance = dict(state.grievance)
    base_g = {a.id: a.grievance for a in rules.actors}
    for a in ids:
        grievance[a] = base_g[a] + (grievance[a] - base_g[a]) * GRIEVANCE_MEMORY
    for act in acts:
        inst = instruments[act.instrument]
        if act.target is not None:
            if inst.grievance_delta:
                grievance[act.target] += inst.grievance_delta
            if inst.mid_level >= 4:
                grievance[act.target] += FORCE_GRIEVANCE
        if inst.needs is Needs.COUNTERPART and act.need_met:
            grievance[act.maker] -= TREATY_GOODWILL
    own = {act.maker: act for act in acts}
    nonallies = rules.nonallies
    for i in ids:
        threat = 0.0
        for j in nonallies[i]:
            t = k_coef * (1.0 - new_mu[(i, j)]) * old_k[j]
            if t > threat:
                threat = t
        k = old_k[i] + instruments[own[i].instrument].capability_delta + capability_shock.get(i, 0.0)
        k += r * (threat - a_coef * old_k[i] + grievance[i])
        new_k[i] = kmax if k > kmax else (kmin if k < kmin else k)

    # --- 4. hostility stocks and tension -----------------------------------------------------
    lam = p.hostility_persistence
    gam = p.cooperative_drain
    new_h: dict[str, float] = {}
    for act in acts:
        h = instruments[act.instrument].hostility
        x = lam * state.hostility[act.maker] + hostility_shock.get(act.maker, 0.0)
        x = x + (1.0 - lam) * h if h > 0 else x + gam * h
        new_h[act.maker] = 1.0 if x > 1.0 else (0.0 if x < 0.0 else x)
    t_value = _tension(rules, new_h, new_mu, new_k)
    max_mid = 0
    max_kahn = 0
    points = 0
    for act in acts:
        inst = instruments[act.instrument]
        if inst.mid_level > max_mid:
            max_mid = inst.mid_level
        if inst.kahn_rung > max_kahn:
            max_kahn = inst.kahn_rung
        points += inst.rivera_points
    floor_until = state.floor_until
    if max_mid >= 4:
        floor_until = rnd + p.force_floor_rounds - 1
    if rnd <= floor_until:
        t_value = max(t_value, p.force_floor)
    t_value = max(t_value, tension_event_floor)

    # --- 5. outcomes -----------------------------------------------------------------------
    outcome: Outcome | None = None
    outcome_actor: str | None = None
    war_makers = [act.maker for act in acts if instruments[act.instrument].mid_level >= 5]
    knee = p.hazard_knee
    x = (t_value - knee) / (100.0 - knee)
    x = 0.0 if x < 0.0 else (1.0 if x > 1.0 else x)
    hazard = p.hazard_max * x * x * (0.5 + omega)
    hazard = 1.0 if hazard > 1.0 else hazard
    war_probability = 1.0 - (1.0 - state.war_probability) * (1.0 - hazard)
    if war_makers:
        outcome, outcome_actor = Outcome.WAR_CHOSEN, war_makers[0]
    elif stochastic and hazard > 0.0 and rng.random() < hazard:
        outcome = Outcome.WAR_INADVERTENT
    if outcome is not None and outcome.is_war:
        t_value = 100.0
        war_probability = 1.0
    treaty = [
        act for act in acts
        if instruments[act.instrument].needs is Needs.COUNTERPART and act.need_met
    ]
    peace_trust = p.peace_trust
    calm = t_value <= p.peace_tension and all(new_mu[pair] >= peace_trust for pair in rules.rival_pairs)
    peace_streak = state.peace_streak + 1 if calm else 0
    if outcome is None and treaty and t_value <= p.treaty_tension:
        outcome, outcome_actor = Outcome.PEACE_TREATY, treaty[0].maker
    if outcome is None and peace_streak >= p.peace_rounds:
        outcome = Outcome.PEACE_DETENTE
    if outcome is None and rnd >= limit:
        outcome = Outcome.STALEMATE
    if state.outcome is not None:  # playing on after an outcome: keep the first one
        outcome = None

    proposals = {
        (act.maker, act.target): instruments[act.instrument].proposes
        for act in acts
        if instruments[act.instrument].proposes is not None and act.target is not None
    }
    new_memory = dict(state.memory)
    if memory:
        for a, m in memory.items():
            new_memory[a] = m
    escalation = points / n
    new_state = State(
        round=rnd,
        types=state.types,
        logodds=new_l,
        second_order=new_second,
        capability=new_k,
        grievance=grievance,
        hostility=new_h,
        tension=t_value,
        tension_history=state.tension_history + (t_value,),
        war_probability=war_probability,
        last_perceived=last_perceived,
        last_target={act.maker: act.target for act in acts},
        last_own={act.maker: act.instrument for act in acts},
        recent_acts=(state.recent_acts + ((max_kahn, max_mid),))[-RECENT_WINDOW:],
        escalation_history=state.escalation_history + (escalation,),
        floor_until=floor_until,
        peace_streak=peace_streak,
        proposals=proposals,  # type: ignore[arg-type]
        fired=frozenset(fired_ids),
        memory=new_memory,
        crisis_rounds=state.crisis_rounds + ((rnd,) if t_value >= p.crisis_tension else ()),
        clash_rounds=state.clash_rounds + ((rnd,) if max_mid == 4 else ()),
        outcome=state.outcome if state.outcome is not None else outcome,
        outcome_round=state.outcome_round if state.outcome is not None else (rnd if outcome else None),
        outcome_actor=state.outcome_actor if state.outcome is not None else outcome_actor,
        mu=new_mu,
    )
    return RoundResult(
        round=rnd, orders=dict(orders), acts=acts, perceptions=perceptions, events=tuple(fired),
        state=new_state, tension=t_value, hazard=hazard, escalation=escalation,
        kahn_rung=max_kahn, mid_level=max_mid, outcome=outcome,
    )


def observer_weight(rules: Rules, observer: str, maker: str, target: str | None) -> float:
    """Share in [0, 1] of an act's evidence that an observer takes in [D, N-actor extension].

    1 for the target and the target's allies (an alliance shares its threats); 0 for the maker's
    allies when the act is not aimed at them (Jervis: allies do not read each other's arms as a
    threat); the scenario's ``bystander_weight`` for everyone else. Precomputed in
    :attr:`Rules.evidence_weight`.
    """
    return rules.evidence_weight[(observer, maker, target)]


def threat_potential(k_i: float, k_j: float, offense_advantage: float) -> float:
    """Φ_ij in [0, 1]: the threat j's capability poses to i (theory.md §3.7 [D form, T direction]).

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
    """The tension meter T in [0, 100] before floors (theory.md §3.7 [D]).

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
    p = rules.params
    n = len(hostility)
    h = math.sqrt(sum(v * v for v in hostility.values()) / n)
    omega = p.offense_advantage
    up = 0.5 + omega
    down = 1.5 - omega
    pairs = rules.rival_pairs or tuple(mu)
    total = 0.0
    for i, j in pairs:
        kj = capability[j] * up
        total += (1.0 - mu[(i, j)]) * kj / (kj + capability[i] * down)
    f = total / len(pairs) if pairs else 0.0
    t = 100.0 * (p.weight_hostility * h + p.weight_fear * f / p.fear_max)
    return 100.0 if t > 100.0 else (0.0 if t < 0.0 else t)


def defcon_level(t: float) -> tuple[int, str]:
    """The DEFCON-like level (5 lowest … 1 brink) and its word for a tension T in [0, 100].

    Bands: 0-19 Détente (5), 20-39 Watchful (4), 40-59 Elevated readiness (3), 60-79 Crisis (2),
    80-100 Brink (1). Source: theory.md §3.7 [D]; not a model of real DEFCON decisions.
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
    """Inadvertent-war hazard per round, p_t = h_max·clip((T−T_c)/(100−T_c), 0, 1)²·(0.5+ω).

    Source: Schelling 1966 ("the threat that leaves something to chance") and Jervis 1978 (offense
    dominance) for the direction; the functional form is a design choice (theory.md §3.9).
    """
    p = rules.params
    x = (t - p.hazard_knee) / (100.0 - p.hazard_knee)
    x = 0.0 if x < 0.0 else (1.0 if x > 1.0 else x)
    return min(1.0, p.hazard_max * x * x * (0.5 + p.offense_advantage))


def richardson_step(
    k_i: float, k_j: float, trust: float, rules: Rules, grievance: float, delta: float = 0.0
) -> float:
    """One Richardson step for actor i facing j: K_i + ΔK + r·[k_eff·K_j − a·K_i + g], clipped.

    k_eff = k0·(1 − μ_ij)·(0.5 + ω): fear couples the arms race to distrust and offense advantage.
    Source: Richardson 1960; coupling [D] (theory.md §3.6).
    """
    p = rules.params
    k_eff = p.richardson_k0 * (1.0 - trust) * (0.5 + p.offense_advantage)
    k = k_i + delta + p.richardson_rate * (k_eff * k_j - p.richardson_a * k_i + grievance)
    return min(p.capability_max, max(p.capability_min, k))
