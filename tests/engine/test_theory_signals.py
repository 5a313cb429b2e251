"""Theory checks B (TP8-TP11): perception and signalling.

Source of every claim and pass criterion: ``docs/model.md`` §10 B (model §3.5).
Single-act belief changes Δℓ are measured through the engine (one round with memory ρ = 1, see
:func:`theory_support.single_act_delta`) and cross-checked against the precomputed table
``rules.biased_evidence``. Δℓ > 0 means "more likely greedy".
"""

from __future__ import annotations

import itertools
import math
from dataclasses import replace

import pytest

from tests.engine.theory_support import dyad_rules, single_act_delta, world
from wargame.engine.rules import Category, biased, evidence, replace_rules


@pytest.mark.parametrize("d", [0.1, 0.5, 0.9])
def test_tp8_costly_signals_beat_cheap_talk(d):
    """TP8 — Kydd 2005 (costly signals separate types); Fearon 1997.

    "|Δℓ| from a single act is strictly increasing in cost, and cheap talk moves beliefs by ≤ 0.05.
    Pass: |Δℓ(TALK)| ≤ 0.05 < |Δℓ(SCALE_DOWN)| < |Δℓ(SANCTIONS_RELIEF)| < |Δℓ(HALT_EXERCISES)|"
    (ref 0.036 < 0.336 < 0.672 < 0.840). "Corollary: one HALT_EXERCISES is worth more than 20 TALKs."
    """
    rules = world(0.5, d)
    ids = ("talk", "scale_down_drill", "sanctions_relief", "halt_exercises")
    deltas = [abs(single_act_delta(rules, i)) for i in ids]
    talk, scale_down, relief, halt = deltas
    assert talk <= 0.05 < scale_down < relief < halt, deltas
    costs = [rules.instruments[i].cost for i in ids]
    assert costs == sorted(costs)
    # every one of them is reassuring (lowers the log-odds of greed)
    assert all(single_act_delta(rules, i) < 0 for i in ids)
    assert halt > 20 * talk
    # the engine's round applies exactly the precomputed biased evidence
    for i, dl in zip(ids, deltas):
        assert dl == pytest.approx(abs(rules.biased_evidence[("B", i)]), abs=1e-12)


def _with_lr_pair(x: float):
    """Dyad rules with a hostile verbal act of LR x and a conciliatory act of LR 1/x added."""
    rules = dyad_rules()
    talk = rules.instruments["talk"]
    hostile = replace(
        talk, id="threat_x", category=Category.VERBAL_CONFLICT, goldstein=-4.0, likelihood_ratio=x, tier=None
    )
    conciliatory = replace(talk, id="reassure_x", likelihood_ratio=1.0 / x, tier=None)
    instruments = dict(rules.instruments, threat_x=hostile, reassure_x=conciliatory)
    return replace_rules(rules, instruments=instruments).retune()


@pytest.mark.parametrize("x", [1.1, 1.3, 2.0, 2.5, 6.0])
def test_tp9_attribution_asymmetry(x):
    """TP9 — Mercer 1996 (dispositional attribution of hostile acts); Ross & Stillinger 1991
    (reactive devaluation); Jervis 1976.

    "For a hostile act with LR = x and a conciliatory act with LR = 1/x, the hostile update is larger
    by exactly (1+η)/(1−κ) (= 1.714 with the defaults). Pass: ratio within 1e-9."
    """
    rules = _with_lr_pair(x)
    actor = rules.actor_by_id["B"]
    # the observer has the documented default biases η = 0.2, κ = 0.3 (docs/model.md §3)
    assert (actor.hostile_bias, actor.conciliatory_discount) == (0.2, 0.3)
    up = single_act_delta(rules, "threat_x")
    down = single_act_delta(rules, "reassure_x")
    # through one round (ρ = 1, the target's weight 1): Δℓ = 1.2·ln x for the threat and
    # −0.7·ln x for the reassurance
    assert up > 0 > down
    assert abs(up / -down - 1.2 / 0.7) < 1e-9
    # the closed forms the engine compiles: e = ln LR for a verbal or nonviolent act, then the bias
    e = evidence(Category.VERBAL_CONFLICT, x, 0.0, 0.5, 2.0)
    assert e == pytest.approx(math.log(x), abs=1e-15)
    assert biased(e, 0.2, 0.3) == pytest.approx(1.2 * math.log(x), abs=1e-15)
    assert biased(-e, 0.2, 0.3) == pytest.approx(-0.7 * math.log(x), abs=1e-15)


def test_tp10_the_same_act_two_readings():
    """TP10 — Jervis 1978 (distinguishability); the core perception effect of the security dilemma.

    "DEF_POSTURE raises the observer's log-odds of greed at d = 0.1 (Δℓ > 0) and lowers it at
    d = 0.9 (Δℓ < 0)" (ref +0.72 / −0.09).
    """
    low = single_act_delta(world(0.5, 0.1), "def_posture")
    high = single_act_delta(world(0.5, 0.9), "def_posture")
    assert low > 0, low
    assert high < 0, high


@pytest.mark.parametrize("instrument", ["missile_test", "artillery_buffer", "limited_strike"])
def test_tp11_legibility_helps_only_genuinely_defensive_acts(instrument):
    """TP11 — Jervis 1978; Kydd 2005: legibility cannot make an offensive act look benign.

    "Δℓ for MISSILE_TEST (LR 2.5 ≥ LR_amb) does not depend on d. Pass: |Δℓ(d=0.1) − Δℓ(d=0.9)| < 1e-9."
    Extended to every act with LR ≥ LR_amb (artillery LR 3, strike LR 6).
    """
    rules = world(0.5, 0.5)
    assert rules.instruments[instrument].likelihood_ratio >= rules.params.lr_ambiguous
    low = single_act_delta(world(0.5, 0.1), instrument)
    high = single_act_delta(world(0.5, 0.9), instrument)
    assert low > 0
    assert abs(low - high) < 1e-9


def test_tp11_contrast_defensive_act_does_depend_on_d():
    """TP11 (contrast) — for DEF_POSTURE (LR 0.8 < LR_amb) legibility matters: Δℓ falls with d."""
    ds = [0.0, 0.25, 0.5, 0.75, 1.0]
    deltas = [single_act_delta(world(0.5, d), "def_posture") for d in ds]
    assert all(a > b for a, b in itertools.pairwise(deltas)), deltas
