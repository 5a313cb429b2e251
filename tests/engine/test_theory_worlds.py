"""Theory checks A (TP1-TP7): the security dilemma and Jervis's four worlds.

Source of every claim and pass criterion: ``docs/model.md`` §10 A (model §3, reference
prototype Appendix A). Expectation mode (ε = 0), default parameters of §3.12 unless a check says
otherwise, on the two-actor test bed ``tests/fixtures/dyad.toml``. "μ" means both directed trusts.
Thresholds are the §4 pass criteria, not the prototype's reference values.
"""

from __future__ import annotations

import itertools
import random

import pytest

from tests.engine.theory_support import fixed, play, world
from wargame.engine.core import initial_state
from wargame.engine.doctrines import DOCTRINES
from wargame.engine.rules import mu_star
from wargame.engine.state import Order
from wargame.engine.views import view

#: Jervis (1978) worlds as (ω, d): offense/defense advantage × (in)distinguishable postures.
WORLDS = {
    "W1": (0.8, 0.1),  # offense dominant, indistinguishable: "doubly dangerous"
    "W2": (0.2, 0.1),  # defense dominant, indistinguishable: "security requirements may be compatible"
    "W3": (0.8, 0.9),  # offense dominant, distinguishable: "no security dilemma, but aggression possible"
    "W4": (0.2, 0.9),  # defense dominant, distinguishable: "doubly stable"
}

DEF_PAIR = {"A": "defensive_only", "B": "defensive_only"}
SS_PAIR = {"A": "bayesian_security_seeker", "B": "bayesian_security_seeker"}


def def_pair(omega: float, d: float, rounds: int = 20):
    """The fixed-DEF_POSTURE pair ("ALLD-def") from μ0 = 0.6, H0 = 0."""
    return play(world(omega, d, trust=0.6), DEF_PAIR, rounds)


def test_tp1_spiral_among_defensive_security_seekers_in_world_1():
    """TP1 — Jervis 1978 World 1 ("doubly dangerous"); Jervis 1976 spiral model; Kydd 2005.

    "Two actors who *only* play DEF_POSTURE, μ0 = 0.6, H0 = 0, ω = 0.8, d = 0.1, 20 turns.
    Pass: final μ ≤ 0.10 and final T ≥ 60" (ref μ = 0.02, T = 75.7): defensive acts read as
    ambiguous military moves.
    """
    run = def_pair(*WORLDS["W1"])
    st = run.final
    assert st.trust("A", "B") <= 0.10
    assert st.trust("B", "A") <= 0.10
    assert st.tension >= 60.0
    # nobody did anything but defend
    assert set(run.acts("A")) == set(run.acts("B")) == {"def_posture"}


def test_tp2_no_spiral_in_world_4():
    """TP2 — Jervis 1978 World 4 ("doubly stable").

    "Same as TP1 with ω = 0.2, d = 0.9. Pass: final μ ≥ 0.70 and final T ≤ 30"
    (ref μ = 0.83, T = 14.0, max 16.4).
    """
    st = def_pair(*WORLDS["W4"]).final
    assert st.trust("A", "B") >= 0.70
    assert st.trust("B", "A") >= 0.70
    assert st.tension <= 30.0


def test_tp3_comparative_statics_of_the_four_worlds():
    """TP3 — Jervis 1978: "the security dilemma is ameliorated when the defense has the advantage
    over the offense and when defensive postures differ from offensive ones."

    For the fixed-DEF_POSTURE pair, final T is decreasing in d at fixed ω and non-decreasing in ω at
    fixed d. Pass: T(W1) > T(W3), T(W2) > T(W4), T(W1) > T(W2), T(W3) ≥ T(W4)
    (ref 75.7 > 17.4; 56.0 > 14.0; 75.7 > 56.0; 17.4 ≥ 14.0).
    """
    t = {w: def_pair(*od).final.tension for w, od in WORLDS.items()}
    assert t["W1"] > t["W3"]
    assert t["W2"] > t["W4"]
    assert t["W1"] > t["W2"]
    assert t["W3"] >= t["W4"]


def test_tp3_tension_decreases_with_distinguishability():
    """TP3 (sweep) — "Also sweep d ∈ {0, 0.25, 0.5, 0.75, 1} at ω = 0.5 and assert monotonicity."

    Final T of the fixed-DEF_POSTURE pair is strictly decreasing in d (Jervis 1978: distinguishable
    postures let status-quo states arm without threatening).
    """
    ts = [def_pair(0.5, d).final.tension for d in (0.0, 0.25, 0.5, 0.75, 1.0)]
    assert all(a > b for a, b in itertools.pairwise(ts)), ts


def test_tp3_tension_non_decreasing_in_offense_advantage():
    """TP3 (sweep) — final T is "non-decreasing in ω at fixed d" (Jervis 1978: offense dominance
    makes the same capability more threatening). Swept at d = 0.5."""
    ts = [def_pair(w, 0.5).final.tension for w in (0.0, 0.25, 0.5, 0.75, 1.0)]
    assert all(a <= b for a, b in itertools.pairwise(ts)), ts


@pytest.mark.parametrize(
    ("name", "check"),
    [("W3", lambda gap: gap >= 0.5), ("W1", lambda gap: gap <= 0.1)],
)
def test_tp4_distinguishability_gives_warning(name, check):
    """TP4 — Jervis 1978 World 3: "status-quo states can follow different policy than aggressors;
    warning given."

    The observer starts at μ0 = 0.6. An SS actor plays DEF_POSTURE and a G actor plays MISSILE_TEST
    for 6 turns. Pass: μ(SS) − μ(G) ≥ 0.5 in World 3 (ω .8, d .9) and ≤ 0.1 in World 1 (ω .8, d .1)
    (ref gap 0.69 vs 0.01). The observer (B) talks throughout; its own acts do not move its beliefs.
    """
    rules = world(*WORLDS[name], trust=0.6)
    observer = fixed("talk", "A")
    ss = play(rules, {"A": fixed("def_posture", "B"), "B": observer}, 6)
    greedy = play(
        rules,
        {"A": fixed("missile_test", "B"), "B": observer},
        6,
        types={"A": "greedy", "B": "security_seeker"},
    )
    gap = ss.final.trust("B", "A") - greedy.final.trust("B", "A")
    assert check(gap), gap


def test_tp5a_world_2_the_dilemma_exists():
    """TP5 (a) — Jervis 1978 World 2: "security dilemma, but security requirements may be compatible".

    ω = 0.2, d = 0.1, μ0 = 0.6: "The fixed-DEF_POSTURE pair still loses trust (pass: μ ≤ 0.1): the
    dilemma exists" (ref μ = 0.02, T = 56.0).
    """
    st = def_pair(*WORLDS["W2"]).final
    assert st.trust("A", "B") <= 0.1
    assert st.trust("B", "A") <= 0.1


def test_tp5b_world_2_bayesian_security_seekers_stay_cooperative():
    """TP5 (b) — Jervis 1978 World 2; Kydd 2005 (μ* is low when defence dominates).

    "A pair of Bayesian SS stays cooperative (pass: share of force acts ≤ 0.1, final T ≤ 20),
    because μ* is low when defence dominates" (ref force share 0.00, μ 0.70, T 6.9).
    """
    run = play(world(*WORLDS["W2"], trust=0.6), SS_PAIR, 20)
    instruments = run.rules.instruments
    acts = run.acts("A") + run.acts("B")
    force_share = sum(instruments[a].is_force for a in acts) / len(acts)
    assert force_share <= 0.1
    assert run.final.tension <= 20.0


def _bayes_order(omega: float, trust: float) -> Order:
    rules = world(omega, 0.5, trust=trust)
    st = initial_state(rules, {"A": "security_seeker", "B": "security_seeker"})
    order, _ = DOCTRINES["bayesian_security_seeker"].decide(view(rules, st, "A"), random.Random(0))
    return order


def test_tp6_minimum_trust_threshold():
    """TP6 — Jervis 1978 / Kydd 2005 cooperation threshold μ*(ω) = 3ω/(1+3ω).

    "Unit test: the Bayesian SS cooperates iff μ ≥ 3ω/(1+3ω). Check at ω = 0.7 with μ = 0.676 →
    force and μ = 0.678 → cooperate. Check μ*(0.2) = 0.375 and μ*(0.8) ≈ 0.706."
    """
    assert mu_star(0.2) == pytest.approx(0.375, abs=1e-12)
    assert mu_star(0.5) == pytest.approx(0.60, abs=1e-12)
    assert mu_star(0.7) == pytest.approx(0.677, abs=5e-4)
    assert mu_star(0.8) == pytest.approx(0.706, abs=5e-4)
    below = _bayes_order(0.7, 0.676)
    above = _bayes_order(0.7, 0.678)
    rules = world(0.7, 0.5)
    assert rules.instruments[below.instrument].is_force
    assert below.instrument == "def_posture"  # the most legible force act
    assert rules.instruments[above.instrument].is_conciliatory


@pytest.mark.parametrize("omega", [0.2, 0.5, 0.8])
def test_tp6_threshold_is_sharp_at_every_omega(omega):
    """TP6 — the Bayesian SS cooperates iff μ ≥ μ*(ω) (checked just below and just above μ*)."""
    m = mu_star(omega)
    rules = world(omega, 0.5)
    assert rules.instruments[_bayes_order(omega, m - 1e-3).instrument].is_force
    assert rules.instruments[_bayes_order(omega, m + 1e-3).instrument].is_conciliatory


def test_tp7_spirals_raise_war_risk_with_nobody_wanting_war():
    """TP7 — Jervis 1976 spiral model; Schelling 1966 "the threat that leaves something to chance".

    "Bayesian SS pair, μ0 = 0.6, 20 turns. Pass: P(war) in World 1 ≥ 0.05, and in Worlds 2–4 ≤ 0.01"
    (ref 0.120 vs 0.000). P(war) = 1 − Π(1 − p_t) in expectation mode. Nobody chooses war: no act of
    MID level 5 is ever made.
    """
    pwar = {}
    for name, (omega, d) in WORLDS.items():
        run = play(world(omega, d, trust=0.6), SS_PAIR, 20)
        pwar[name] = run.final.war_probability
        assert all(r.mid_level < 5 for r in run.results)
    assert pwar["W1"] >= 0.05, pwar
    for name in ("W2", "W3", "W4"):
        assert pwar[name] <= 0.01, pwar
