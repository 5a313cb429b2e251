"""Theory checks C (TP12-TP17): GRIT and reciprocity.

Source of every claim and pass criterion: ``docs/model.md`` §10 C (doctrines §3.11).
"Turn k" is the prototype's 0-based turn index, i.e. the state after round k + 1.

Spiral-lock set-up for TP12-TP13 (§4 C): ω = 0.5, d = 0.3, μ0 = prior = 0.15, H0 = 0.6, both
players' "last act" = DEF_POSTURE, 20 turns.
"""

from __future__ import annotations

import math
import random
import statistics

import pytest

from tests.engine.theory_support import Run, play, world
from wargame.engine.core import initial_state
from wargame.engine.doctrines import DOCTRINES, gtft_generosity
from wargame.engine.rules import SECURITY_SEEKER
from wargame.engine.state import Mode, Outcome
from wargame.engine.views import view

#: Axelrod's Prisoner's Dilemma payoffs (T, R, P, S) = (5, 3, 1, 0), keyed by (my C?, their C?).
PD = {(True, True): (3, 3), (True, False): (0, 5), (False, True): (5, 0), (False, False): (1, 1)}


def spiral_lock():
    return world(0.5, 0.3, trust=0.15, prior=0.15, hostility=0.6, opening="def_posture")


def pd_scores(run: Run) -> tuple[int, int]:
    """PD totals of A and B: a nonviolent act is C, anything else D (§4 TP16-TP17)."""
    ins = run.rules.instruments
    sa = sb = 0
    for a, b in zip(run.acts("A"), run.acts("B")):
        x, y = PD[(ins[a].is_conciliatory, ins[b].is_conciliatory)]
        sa += x
        sb += y
    return sa, sb


def mutual_cooperation_share(run: Run) -> float:
    ins = run.rules.instruments
    acts = list(zip(run.acts("A"), run.acts("B")))
    return sum(ins[a].is_conciliatory and ins[b].is_conciliatory for a, b in acts) / len(acts)


# --- TP12 / TP13: GRIT breaks a spiral ---------------------------------------------------------


def test_tp12_grit_breaks_a_spiral_against_a_reciprocator():
    """TP12 — Osgood 1962 (GRIT rules 2, 4, 6-8); Axelrod 1984 (TFT reciprocates).

    "GRIT vs TFT. Pass: T(turn 9) ≤ 0.5·T(turn 0), T(turn 19) ≤ 20, both μ ≥ 0.8, and a peace streak
    reached." (ref 48.9 → 1.6 → 0.6, μ 0.98/0.98, peace at turn 11).
    """
    run = play(spiral_lock(), {"A": "grit", "B": "tit_for_tat"}, 20)
    assert run.tension(9) <= 0.5 * run.tension(0)
    assert run.tension(19) <= 20.0
    st = run.final
    assert st.trust("A", "B") >= 0.8
    assert st.trust("B", "A") >= 0.8
    assert st.outcome is Outcome.PEACE_DETENTE
    assert st.outcome_round is not None and st.outcome_round <= 20


def test_tp12_control_tft_pair_stays_locked():
    """TP12 control — Jervis 1976 spiral model: two reciprocators answer each other's defence forever.

    "Control TFT vs TFT: pass if T stays ≥ 55 through turn 19 and μ ≤ 0.1" (ref 59.1 → 60.1 → 60.1,
    μ 0.02).
    """
    run = play(spiral_lock(), {"A": "tit_for_tat", "B": "tit_for_tat"}, 20)
    assert min(run.tensions) >= 55.0, run.tensions
    assert run.final.trust("A", "B") <= 0.1
    assert run.final.trust("B", "A") <= 0.1


def test_tp13_grit_against_a_bayesian_security_seeker():
    """TP13 — Osgood 1962 rule 4 ("persist over a considerable period"); Kydd 2005 (reassurance).

    "GRIT vs Bayesian SS. Pass: T(turn 19) ≤ 20 and both μ ≥ 0.8" (ref 48.9 → 19.5 → 1.2,
    μ 0.98/0.94). "The Bayesian SS makes its first concession at turn 8, after 8 turns of unilateral
    GRIT concessions ... do not let GRIT give up after 2–3 turns": GRIT concedes on every turn before
    the first concession of the security seeker, which comes after more than 3 turns.
    """
    run = play(spiral_lock(), {"A": "grit", "B": "bayesian_security_seeker"}, 20)
    assert run.tension(19) <= 20.0
    st = run.final
    assert st.trust("A", "B") >= 0.8
    assert st.trust("B", "A") >= 0.8
    ins = run.rules.instruments
    ss_acts = run.acts("B")
    first = next(k for k, a in enumerate(ss_acts) if ins[a].is_conciliatory)
    assert first > 3
    assert all(ins[a].is_conciliatory for a in run.acts("A")[: first + 1])


def test_tp13_control_bayesian_pair_stays_locked():
    """TP13 control — "Control Bayesian SS vs Bayesian SS stays locked (T ≥ 55)" (ref 60.1)."""
    run = play(spiral_lock(), {"A": "bayesian_security_seeker", "B": "bayesian_security_seeker"}, 20)
    assert min(run.tensions) >= 55.0, run.tensions


# --- TP14: noise ------------------------------------------------------------------------------

TP14_SEEDS = 50  # §4 TP14: 50 seeds, 200 turns (about 0.5 s per series of 50 runs)
TP14_TURNS = 200


def _noisy_series(doctrine: str, noise: float) -> tuple[list[float], list[float]]:
    rules = world(0.5, 0.5, trust=0.6, perception_noise=noise)
    shares, tensions = [], []
    for seed in range(TP14_SEEDS):
        run = play(rules, {"A": doctrine, "B": doctrine}, TP14_TURNS, mode=Mode.STOCHASTIC, seed=seed)
        shares.append(mutual_cooperation_share(run))
        tensions.append(statistics.fmean(run.tensions))
    return shares, tensions


@pytest.mark.parametrize("doctrine", ["tit_for_tat", "generous_tit_for_tat"])
def test_tp14_without_noise_reciprocators_always_cooperate(doctrine):
    """TP14 (ε = 0) — Axelrod 1984: "with ε = 0 both TFT–TFT and GTFT–GTFT reach mutual cooperation
    on 100% of turns" (ω = 0.5, d = 0.5, μ0 = 0.6, 200 turns, 50 seeds, stochastic mode)."""
    shares, _ = _noisy_series(doctrine, 0.0)
    assert all(s == 1.0 for s in shares)


def test_tp14_noise_breaks_tft_generosity_repairs_it():
    """TP14 — Bendor, Kramer & Stout 1991; Molander 1985; Nowak & Sigmund 1992; Wu & Axelrod 1995
    ("generous TFT is highly effective against players not adapted to noise").

    ω = 0.5, d = 0.5, μ0 = 0.6, 200 turns, 50 seeds, ε = 0.05. "Pass: the share of mutually
    nonviolent turns is ≤ 0.5 for TFT–TFT and ≥ 0.75 for GTFT–GTFT, and GTFT's mean T is lower"
    (ref 0.31 vs 0.84; mean T 32.4 vs 15.3). Shares and T are means over seeds and turns.
    """
    tft_share, tft_t = _noisy_series("tit_for_tat", 0.05)
    gtft_share, gtft_t = _noisy_series("generous_tit_for_tat", 0.05)
    assert statistics.fmean(tft_share) <= 0.5
    assert statistics.fmean(gtft_share) >= 0.75
    assert statistics.fmean(gtft_t) < statistics.fmean(tft_t)


# --- TP15-TP17: Axelrod ----------------------------------------------------------------------


def test_tp15_gtft_generosity_formula():
    """TP15 — Nowak & Sigmund 1992; Axelrod-Python's GTFT: "q(T=5, R=3, P=1, S=0) == 1/3".

    The formula gives 1/3, and the doctrine plays it: answering a show of force, generous tit
    for tat talks (forgives) in a share of 3,000 seeded draws within four standard errors of q,
    where tit for tat never does.
    """
    q = gtft_generosity(5, 3, 1, 0)
    assert q == pytest.approx(1 / 3, abs=1e-12)
    rules = world(0.5, 0.5, trust=0.6)
    state = initial_state(rules, {a: SECURITY_SEEKER for a in rules.actor_ids})
    seen = view(rules, state, "A")
    roles = rules.actor_by_id["A"].roles
    force = rules.instruments[roles.hawk_ladder[1]]
    assert force.is_force
    n = 3000

    def forgiven(doctrine: str) -> float:
        d = DOCTRINES[doctrine]
        return (
            sum(d.choose(seen, random.Random(s), {}, roles, force, "B") == roles.talk for s in range(n)) / n
        )

    assert abs(forgiven("generous_tit_for_tat") - q) < 4 * math.sqrt(q * (1 - q) / n)
    assert forgiven("tit_for_tat") == 0.0


TP16_OPPONENTS = ["all_cooperate", "all_defect", "grim", "random", "generous_tit_for_tat", "hawk"]


@pytest.mark.parametrize("opponent", TP16_OPPONENTS)
def test_tp16_tft_never_outscores_its_opponent(opponent):
    """TP16 — Axelrod 1980/1984: in the first tournament TFT had "No. of Wins 0" yet the highest mean.

    "In a noise-free PD match (payoffs 5/3/1/0) of TFT against each of {ALLC, ALLD, GRIM,
    RANDOM(seeded), GTFT, hawk-mapped-to-D}, TFT's total ≤ the opponent's total." 100 turns;
    stochastic opponents over 20 seeds, every seed must hold.
    """
    rules = world(0.5, 0.5, trust=0.6)
    seeds = range(20) if opponent in ("random", "generous_tit_for_tat") else [0]
    for seed in seeds:
        run = play(rules, {"A": "tit_for_tat", "B": opponent}, 100, seed=seed)
        tft, other = pd_scores(run)
        assert tft <= other, (seed, tft, other)


TP17_POOL = [
    "tit_for_tat",
    "generous_tit_for_tat",
    "grim",
    "bayesian_security_seeker",
    "all_cooperate",
    "all_defect",
    "random",
]
STOCHASTIC_DOCTRINES = {"generous_tit_for_tat", "random"}


def round_robin(rules, turns: int = 100, seeds: int = 20, mode: Mode = Mode.EXPECTATION) -> dict[str, float]:
    """Mean per-turn PD score of each doctrine over the pool, self-play included (one entry per opponent).

    Matches involving a stochastic doctrine (or any match in stochastic mode) are averaged over seeds.
    """
    matrix: dict[tuple[str, str], float] = {}
    for i, p in enumerate(TP17_POOL):
        for q in TP17_POOL[i:]:
            stochastic = mode is Mode.STOCHASTIC or {p, q} & STOCHASTIC_DOCTRINES
            a_scores, b_scores = [], []
            for seed in range(seeds if stochastic else 1):
                sa, sb = pd_scores(play(rules, {"A": p, "B": q}, turns, mode=mode, seed=seed))
                a_scores.append(sa / turns)
                b_scores.append(sb / turns)
            if p == q:
                matrix[(p, p)] = statistics.fmean(a_scores + b_scores)
            else:
                matrix[(p, q)] = statistics.fmean(a_scores)
                matrix[(q, p)] = statistics.fmean(b_scores)
    return {p: statistics.fmean(matrix[(p, q)] for q in TP17_POOL) for p in TP17_POOL}


def test_tp17_tft_beats_alld_in_a_reciprocator_rich_round_robin():
    """TP17 — Axelrod 1984: reciprocity thrives when reciprocators are common.

    "Pool {TFT, GTFT, GRIM, Bayesian SS, ALLC, ALLD, RANDOM}, 100 turns, PD payoffs on (nonviolent = C,
    force = D), including self-play. Pass: mean(TFT) > mean(ALLD)" (ref ε = 0: GRIM 2.70, Bayesian SS
    2.70, TFT 2.60, GTFT 2.53, ALLC 2.35, ALLD 2.06, RANDOM 1.88). "Do not assert that TFT ranks
    first: that is population-dependent." With ε = 0.05 "record it, but do not assert it": measured
    (20 seeds, 2026-11) GRIM 2.14, ALLD 2.13, TFT 2.00, Bayesian SS 1.96, ALLC 1.94, GTFT 1.92,
    RANDOM 1.87 (ref ALLD 2.11 > TFT 1.98, GRIM first at 2.14). Measured at ε = 0: GRIM 2.71,
    Bayesian SS 2.71, TFT 2.61, GTFT 2.52, ALLC 2.36, ALLD 2.08, RANDOM 1.86.
    """
    means = round_robin(world(0.5, 0.5, trust=0.6))
    assert means["tit_for_tat"] > means["all_defect"], means
