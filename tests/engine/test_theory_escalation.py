"""Theory checks E and F (TP21, TP23, TP25, TP26): escalation dynamics and the Richardson layer.

Source of every claim and pass criterion: ``docs/model.md`` §10 E-F (model §3.6-§3.9).
"Turn k" is the prototype's 0-based turn index, i.e. the state after round k + 1.
"""

from __future__ import annotations

import itertools
import math

import pytest

from tests.engine.theory_support import Run, play, world
from wargame.engine.core import richardson_step, tension, threat_potential
from wargame.engine.state import Mode, Order

SQRT2 = math.sqrt(2.0)


# --- E. Escalation ------------------------------------------------------------------------------


def test_tp21_hawk_vs_hawk_escalates():
    """TP21 — Jervis 1976 (deterrence-model believers on both sides); Kahn 1965 escalation ladder.

    "ω = 0.5, d = 0.5, μ0 = 0.6. Pass: first MID-4 act by turn 4 and T ≥ 70 by turn 4" (ref first use
    of force at turn 3; T = 32.4, 48.5, 62.9, 71.8, 76.2, …). Read with 0-based turns: some act of MID
    level ≥ 4 in rounds 1-4 and T ≥ 70 after one of rounds 1-4.
    """
    run = play(world(0.5, 0.5, trust=0.6), {"A": "hawk", "B": "hawk"}, 8)
    first_mid4 = next(k for k, r in enumerate(run.results) if r.mid_level >= 4)
    assert first_mid4 <= 3, [r.mid_level for r in run.results]
    first_t70 = next(k for k, t in enumerate(run.tensions) if t >= 70.0)
    assert first_t70 <= 3, run.tensions
    # escalation, not oscillation: T never falls while both climb the ladder
    assert all(a <= b for a, b in zip(run.tensions, run.tensions[1:]))


def _unfloored_hostility_component(run: Run, k: int) -> float:
    """H as the engine's meter uses it after turn k, recovered from its unfloored T.

    T/100 = w_H·H + w_F·F/F_max, with F the mean fear (1 − μ_ij)·Φ_ij over the two directed pairs
    (recomputed here independently), so H = (T/100 − w_F·F/F_max)/w_H (valid below the 100 cap).
    """
    rules = run.rules
    p = rules.params
    st = run.results[k].state
    t = tension(rules, st.hostility, st.logodds, st.capability)
    assert t < 100.0
    fear = (
        sum(
            (1 - st.trust(i, j)) * threat_potential(st.capability[i], st.capability[j], p.offense_advantage)
            for i, j in (("A", "B"), ("B", "A"))
        )
        / 2
    )
    return (t / 100 - p.weight_fear * fear / p.fear_max) / p.weight_hostility


def _check_one_sided_aggression(run: Run) -> int:
    """The TP23 properties on every turn of ``run``; returns how many MID-4 acts were checked."""
    floor = run.rules.params.force_floor
    strikes = 0
    for k, res in enumerate(run.results):
        if res.mid_level >= 4:
            strikes += 1
            for j in range(k, min(k + 3, len(run.results))):
                assert run.tension(j) >= floor, (k, j, run.tensions)
        hs = run.results[k].state.hostility
        h = _unfloored_hostility_component(run, k)
        assert h == pytest.approx(math.sqrt((hs["A"] ** 2 + hs["B"] ** 2) / 2), abs=1e-9)
        assert h >= max(hs.values()) / SQRT2 - 1e-12
    return strikes


def test_tp23_meter_respects_one_sided_aggression():
    """TP23 — the meter must not let one side's cooperation "cancel" the other's attack (§3.7 RMS rule).

    "When one side strikes (MID 4) while the other concedes, T ≥ 60 for the next 3 turns (floor), and
    H ≥ max_j H_j/√2 (the RMS property)" (ref dove vs greedy, strike at turn 2; T = 60 (floor) for turns
    2–5; H = 0.51 vs max H_j = 0.73). ω = 0.5, d = 0.5, μ0 = 0.6, expectation mode.
    """
    run = play(
        world(0.5, 0.5, trust=0.6),
        {"A": "dove", "B": "greedy_opportunist"},
        8,
        types={"A": "security_seeker", "B": "greedy"},
    )
    ins = run.rules.instruments
    assert all(ins[a].is_conciliatory for a in run.acts("A"))
    strike = next(k for k, a in enumerate(run.acts("B")) if ins[a].mid_level >= 4)
    assert strike <= 3
    for j in range(strike, strike + 3):
        assert run.tension(j) >= 60.0, run.tensions
    hs = run.results[strike].state.hostility
    h = _unfloored_hostility_component(run, strike)
    assert h >= max(hs.values()) / SQRT2 - 1e-12
    assert h > (hs["A"] + hs["B"]) / 2  # one-sided aggression counts more than the plain mean
    assert _check_one_sided_aggression(run) >= 1


def test_tp23_one_strike_floor_lasts_three_turns():
    """TP23 (isolated) — a single strike then talk; the dove keeps conceding. T ≥ 60 on the strike's
    turn and the 2 after ("T ≥ 60 for 3 turns after any act with MID level ≥ 4", §3.7), and H keeps the
    RMS property throughout."""

    def striker(t, v):
        return Order("limited_strike" if t == 2 else "talk", "A")

    run = play(world(0.5, 0.5, trust=0.6), {"A": "dove", "B": striker}, 8)
    assert _check_one_sided_aggression(run) == 1
    assert all(run.tension(j) >= 60.0 for j in (2, 3, 4))


def test_tp23_stochastic_dove_vs_greedy_over_seeds():
    """TP23 over 20 seeds in stochastic mode (ε = 0.05): after every MID-4 act T ≥ 60 for 3 turns, and
    H ≥ max_j H_j/√2 on every turn (the greedy side's ladder and the misreadings vary by seed)."""
    rules = world(0.5, 0.5, trust=0.6, perception_noise=0.05)
    strikes = 0
    for seed in range(20):
        run = play(
            rules,
            {"A": "dove", "B": "greedy_opportunist"},
            12,
            mode=Mode.STOCHASTIC,
            seed=seed,
            types={"A": "security_seeker", "B": "greedy"},
        )
        # a war drawn by the hazard sets T = 100, which is ≥ 60 too; the RMS check needs T < 100
        if any(r.outcome is not None and r.outcome.is_war for r in run.results):
            continue
        strikes += _check_one_sided_aggression(run)
    assert strikes >= 20


# --- F. Richardson -------------------------------------------------------------------------------

# (μ, ω, reference K(60)) from the TP25 table; k0 = 0.3, a = 0.2, g = 0.05, K0 = 1, 60 steps.
STABLE_ROWS = [(0.80, 0.2, 0.32), (0.50, 0.5, 1.00), (0.34, 0.5, 3.7)]
UNSTABLE_ROWS = [(0.30, 0.5), (0.20, 0.8), (0.05, 0.9)]


def _symmetric_path(mu: float, omega: float, steps: int = 60, k0: float = 1.0) -> tuple[list[float], float]:
    rules = world(omega, 0.5)
    g = rules.actor_by_id["A"].grievance
    ks = [k0]
    for _ in range(steps):
        k = ks[-1]
        ks.append(richardson_step(k, k, mu, rules, g))
    return ks, g


def _k_eff(mu: float, omega: float) -> float:
    p = world(omega, 0.5).params
    return p.richardson_k0 * (1 - mu) * (0.5 + omega)


@pytest.mark.parametrize(("mu", "omega", "ref"), STABLE_ROWS)
def test_tp25_stable_rows_converge_to_g_over_a_minus_k(mu, omega, ref):
    """TP25 — Richardson 1960: the symmetric map converges iff k_eff < a (Richardson's ab > kl).

    "Pass: the sign of (a − k_eff) predicts convergence ...; the equilibrium equals g/(a − k_eff)."
    Rows μ .80/ω .2 (ref K(60) 0.32), .50/.5 (1.00 = K*), .34/.5 (3.7, slow). Capability is clipped to
    [0.2, 10]; for the slow row K* = 25 lies above Kmax, so the check there is the exact unclipped
    solution K_t = K* + (K0 − K*)(1 − a + k_eff)^t while K stays inside the bounds.
    """
    a = world(omega, 0.5).params.richardson_a
    k = _k_eff(mu, omega)
    assert a - k > 0
    ks, g = _symmetric_path(mu, omega)
    k_star = g / (a - k)
    # distance to K* shrinks every step by the factor 1 − (a − k_eff) < 1
    factor = 1 - (a - k)
    for t, kt in enumerate(ks):
        assert kt == pytest.approx(k_star + (1.0 - k_star) * factor**t, abs=1e-9)
    if k_star <= world(omega, 0.5).params.capability_max:
        assert ks[-1] == pytest.approx(k_star, abs=1e-3)


@pytest.mark.parametrize(("mu", "omega"), UNSTABLE_ROWS)
def test_tp25_unstable_rows_run_away(mu, omega):
    """TP25 — k_eff > a (Richardson's ab < kl): the arms race runs away.

    Rows μ .30/ω .5 (ref K(60) 5.9, growing), .20/.8 (8.4e2 unclipped), .05/.9 (6.7e4 unclipped).
    With the [0.2, 10] clip: K grows every step, with growing increments, until it reaches Kmax.
    """
    p = world(omega, 0.5).params
    assert _k_eff(mu, omega) > p.richardson_a
    ks, _ = _symmetric_path(mu, omega)
    unclipped = [k for k in ks if k < p.capability_max]
    incs = [b - a for a, b in itertools.pairwise(unclipped)]
    assert all(x > 0 for x in incs)
    assert all(x < y for x, y in itertools.pairwise(incs))  # accelerating: divergence, not convergence
    assert ks[-1] >= 5.0
    if mu <= 0.2:
        assert ks[-1] == p.capability_max


@pytest.mark.parametrize(("mu_i", "mu_j", "g", "h"), [(0.8, 0.6, 0.05, 0.03), (0.5, 0.9, 0.02, 0.06)])
def test_tp25_asymmetric_equilibrium(mu_i, mu_j, g, h):
    """TP25 — "for asymmetric parameters x* = (b g + k h)/(ab − kl) and y* = (a h + l g)/(ab − kl)".

    Iterating the engine's step for both actors (a = b; k, l from each side's trust) converges to the
    continuous-form equilibrium when ab > kl (the discrete map has the same fixed point).
    """
    rules = world(0.5, 0.5)
    a = b = rules.params.richardson_a
    k, l = _k_eff(mu_i, 0.5), _k_eff(mu_j, 0.5)  # noqa: E741 (Richardson's notation)
    assert a * b > k * l
    x = y = 1.0
    for _ in range(400):
        x, y = richardson_step(x, y, mu_i, rules, g), richardson_step(y, x, mu_j, rules, h)
    assert x == pytest.approx((b * g + k * h) / (a * b - k * l), abs=1e-6)
    assert y == pytest.approx((a * h + l * g) / (a * b - k * l), abs=1e-6)


def test_tp25_engine_round_uses_the_richardson_step():
    """TP25 (wiring) — a round's capability update is K_i + ΔK_a + r·[k_eff·K_j − a·K_i + g_i] with the
    observer's post-update trust (§3.6)."""
    rules = world(0.5, 0.1, trust=0.3)
    run = play(rules, {"A": "defensive_only", "B": "defensive_only"}, 3)
    prev = run.initial
    for res in run.results:
        st = res.state
        dk = rules.instruments["def_posture"].capability_delta
        expected = richardson_step(
            prev.capability["A"], prev.capability["B"], st.trust("A", "B"), rules, st.grievance["A"], delta=dk
        )
        assert st.capability["A"] == pytest.approx(expected, abs=1e-12)
        prev = st


def test_tp26_critical_trust():
    """TP26 — "μ_c(ω) = 1 − a/(k0(0.5+ω)) → 1/3 at ω = 0.5" (0.49 at ω = 0.8): k_eff(μ_c) = a."""
    p = world(0.5, 0.5).params

    def mu_c(w: float) -> float:
        return 1 - p.richardson_a / (p.richardson_k0 * (0.5 + w))

    assert mu_c(0.5) == pytest.approx(1 / 3, abs=1e-12)
    assert mu_c(0.8) == pytest.approx(0.49, abs=5e-3)
    # μ_c is where the arms race changes nature: just above it the Richardson map (the round's own
    # update, see the test below) settles; just below it capability runs to its ceiling
    for w in (0.5, 0.8):
        k_max = world(w, 0.5).params.capability_max
        above = mu_c(w) + 0.05
        settled, g = _symmetric_path(above, w, steps=400)
        runaway, _ = _symmetric_path(mu_c(w) - 0.05, w, steps=400)
        assert settled[-1] == pytest.approx(g / (p.richardson_a - _k_eff(above, w)), rel=0.01), w
        assert max(settled) < k_max, w
        assert runaway[-1] == pytest.approx(k_max), w


def test_tp26_trust_is_the_arms_control_variable():
    """TP26 — Richardson 1960; Kydd 2005 (costly reassurance); Osgood 1962.

    "Raising μ above μ_c via costly signals turns a runaway K into a converging one within the same
    game." ω = 0.5, d = 0.1, μ0 = prior = 0.3 (< μ_c = 1/3): 12 turns of DEF_POSTURE (the spiral), then
    SCALE_DOWN_DRILL (cost 0.4, ΔK = 0, so the turn in K comes from trust alone), 60 turns in all.
    K rises on every turn while μ < μ_c, turns down within 3 turns of μ crossing μ_c, and ends at
    g/(a − k_eff(μ_end)); without the signals the same game hits Kmax.
    """
    rules = world(0.5, 0.1, trust=0.3)
    p = rules.params
    mu_c = 1 - p.richardson_a / (p.richardson_k0 * (0.5 + p.offense_advantage))

    def policy(signal: str):
        return lambda t, v: Order("def_posture" if t < 12 else signal, "B" if v.actor == "A" else "A")

    run = play(rules, {"A": policy("scale_down_drill"), "B": policy("scale_down_drill")}, 60)
    states = [run.initial] + run.states
    ks = [s.capability["A"] for s in states]
    mus = [s.trust("A", "B") for s in states]
    cross = next(t for t in range(1, len(states)) if mus[t] > mu_c)
    assert cross > 12  # the signals, not the spiral, raised trust
    assert all(ks[t] > ks[t - 1] for t in range(1, cross))  # runaway while μ < μ_c
    peak = max(range(len(ks)), key=ks.__getitem__)
    assert cross - 1 <= peak <= cross + 3
    assert all(ks[t] < ks[t - 1] for t in range(peak + 1, len(ks)) if ks[t - 1] > p.capability_min)
    k_end = _k_eff(mus[-1], p.offense_advantage)
    assert ks[-1] == pytest.approx(rules.actor_by_id["A"].grievance / (p.richardson_a - k_end), abs=0.02)

    spiral = play(rules, {"A": policy("def_posture"), "B": policy("def_posture")}, 60)
    assert spiral.final.capability["A"] == p.capability_max


@pytest.mark.parametrize("seed", range(20))
def test_richardson_step_is_the_engines_own_capability_update(seed):
    """The TP25 checks above drive :func:`richardson_step`; this ties it to the round itself: in a
    dyad, every resolved round's new K_i is richardson_step(K_i, K_j, μ_ij after the round, g_i
    after the round, ΔK of i's act), for random worlds and random acts."""
    import random

    from wargame.engine.core import initial_state, resolve_round
    from wargame.engine.rules import Needs

    rng = random.Random(seed)
    rules = world(rng.choice([0.2, 0.5, 0.8]), rng.choice([0.0, 0.5, 1.0]), trust=rng.uniform(0.1, 0.9))
    state = initial_state(rules, {"A": "security_seeker", "B": "greedy"})
    for rnd in range(12):
        orders = {}
        for a, b in (("A", "B"), ("B", "A")):
            inst = rng.choice([i for i in rules.catalogue(a) if i.needs is Needs.NONE])
            orders[a] = Order(inst.id, b if inst.targeted else None)
        res = resolve_round(rules, state, orders, random.Random(rnd), mode=Mode.EXPECTATION)
        new = res.state
        for act in res.acts:
            i = act.maker
            j = "B" if i == "A" else "A"
            expected = richardson_step(
                state.capability[i],
                state.capability[j],
                new.trust(i, j),
                rules,
                new.grievance[i],
                rules.instruments[act.instrument].capability_delta,
            )
            assert new.capability[i] == pytest.approx(expected, rel=1e-12, abs=1e-12)
        state = new
        if new.outcome is not None:
            break


@pytest.mark.parametrize("seed", range(5))
def test_with_several_rivals_capability_answers_the_largest_threat(seed):
    """N actors: each K_i follows the Richardson step against its most threatening non-aligned
    actor, i.e. the largest of richardson_step over them (the step grows with the threat), in
    whole Korea games (with the event cards' capability shocks)."""
    from wargame.game import Game

    game = Game.new("korea-2022", seed=seed, mode="stochastic", rounds=12)
    rules = game.rules
    before = game.state
    while not game.is_over:
        res = game.play_round()
        new = res.state
        cards = {e.id: e for e in rules.events}
        shock = {
            a: sum(dk for e in res.events for b, dk in cards[e.id].capability if b == a)
            for a in rules.actor_ids
        }
        for act in res.acts:
            i = act.maker
            steps = [
                richardson_step(
                    before.capability[i],
                    before.capability[j],
                    new.trust(i, j),
                    rules,
                    new.grievance[i],
                    rules.instruments[act.instrument].capability_delta + shock[i],  # event cards too
                )
                for j in rules.nonallies[i]
            ]
            assert len(steps) >= 2 or i == "PRC"
            assert new.capability[i] == pytest.approx(max(steps), rel=1e-12, abs=1e-12), (seed, res.round, i)
        before = new
