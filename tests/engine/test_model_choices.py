"""Issue 11: the player's choices decide the crisis (docs/model.md §10).

Each check is a claim of the theory run over many seeds, not one lucky game:

* the dilemma (Jervis 1976 ch. 3; Kydd 2005): against a security-seeking North Korea, sustained
  conciliation by the allies reaches peace; against a greedy one the same conciliation is
  exploited, while firm reciprocity keeps clashes rarer; no doctrine is best against both;
* trust rebuilds only through cost (Kydd's costly signals);
* war comes from the documented hazard: the observed war rate matches the summed hazard;
* the meter's change is exactly the sum of its explained terms.
"""

from __future__ import annotations

import math
from collections import Counter

import pytest

from tests.engine.theory_support import fixed, play, world
from wargame.analysis.agency import classify
from wargame.engine.core import pair_outcomes
from wargame.engine.state import Mode, Order, Outcome, PairOutcome
from wargame.game import Game
from wargame.record.models import Settings
from wargame.scenario.load import load

SEEDS = range(30)


def _korea(doctrines: dict[str, str], dprk: str, seeds=SEEDS) -> Counter[str]:
    sc = load("korea-2022")
    out: Counter[str] = Counter()
    for seed in seeds:
        g = Game(sc, Settings(doctrines=doctrines, hidden_types={"DPRK": dprk}), seed)  # type: ignore[arg-type]
        while not g.is_over:
            g.play_round()
        out[classify(g)] += 1
    return out


ALLIES = ("USA", "ROK")


@pytest.fixture(scope="module")
def dilemma() -> dict[tuple[str, str], Counter[str]]:
    table = {}
    for doctrine in ("grit", "dove", "tit_for_tat", "hawk"):
        for dprk in ("security_seeker", "greedy"):
            table[(doctrine, dprk)] = _korea(dict.fromkeys(ALLIES, doctrine), dprk)
    return table


def test_allied_grit_reaches_peace_with_a_security_seeking_north(dilemma) -> None:
    """Osgood's GRIT by the US and the ROK against a North that is secretly a security seeker:
    peace in most games (the op-ed's claim, and Kydd's: trustworthy states can reassure)."""
    assert dilemma[("grit", "security_seeker")]["peace"] >= 0.6 * len(SEEDS)


def test_conciliation_is_exploited_by_a_greedy_north(dilemma) -> None:
    """The same conciliation against a greedy North ends in armed clash or war in most games
    (the deterrence model's warning). (Peace is out of reach by construction: the greedy
    opportunist never signs and never drops below its first rung; docs/model.md §11.)"""
    for doctrine in ("grit", "dove"):
        c = dilemma[(doctrine, "greedy")]
        assert c["war"] + c["clash"] >= 0.8 * len(SEEDS)


def test_firm_reciprocity_avoids_clashes_with_a_greedy_north(dilemma) -> None:
    """Tit for tat against a greedy North: far fewer clashes and wars than conciliation."""
    firm = dilemma[("tit_for_tat", "greedy")]
    soft = dilemma[("grit", "greedy")]
    assert firm["war"] + firm["clash"] <= 0.5 * len(SEEDS)
    assert firm["war"] + firm["clash"] <= soft["war"] + soft["clash"] - 0.4 * len(SEEDS)


def test_no_doctrine_is_best_against_both_types(dilemma) -> None:
    """The best doctrine against a security seeker (most peace) is not the best against a greedy
    state (fewest clashes and wars), and the reverse."""
    doctrines = ("grit", "dove", "tit_for_tat", "hawk")
    best_ss = max(doctrines, key=lambda d: dilemma[(d, "security_seeker")]["peace"])
    best_g = min(doctrines, key=lambda d: dilemma[(d, "greedy")]["war"] + dilemma[(d, "greedy")]["clash"])
    assert best_ss != best_g
    assert dilemma[(best_g, "security_seeker")]["peace"] < dilemma[(best_ss, "security_seeker")]["peace"]


def test_hawks_bring_war() -> None:
    """Hawks on both allied seats escalate to strikes, which the force hazard turns into war."""
    c = _korea(dict.fromkeys(ALLIES, "hawk"), "security_seeker", range(20))
    assert c["war"] >= 15


def _oped_order(game: Game, side: str, week: int) -> Order:
    """The op-ed's programme: halt the drills and relieve sanctions, alternately; sign or offer
    the peace treaty once Pyongyang proposes it or is trusted past μ*."""
    if game.state.proposals.get(("DPRK", side)):
        return Order("sign_peace_treaty", "DPRK")
    trust = game.view(side).trust["DPRK"]
    pair = game.rules.pair("DPRK", side)
    if week > 3 and trust >= game.rules.mu_star and pair not in game.state.treaties:
        return Order("sign_peace_treaty", "DPRK")
    return Order(("halt_combined_exercises", "sanctions_relief")[week % 2], "DPRK")


@pytest.mark.parametrize("side", ["ROK", "USA"])
def test_a_student_with_the_oped_instruments_reaches_peace_only_with_a_security_seeker(side: str) -> None:
    """Issue 11's 'done when': a student as ROK or USA using the op-ed's three instruments reaches
    peace with a security-seeking North in most games, and is exploited by a greedy one."""
    sc = load("korea-2022")
    results: dict[str, Counter[str]] = {}
    for dprk in ("security_seeker", "greedy"):
        results[dprk] = Counter()
        for seed in range(20):
            g = Game(sc, Settings(humans=[side], hidden_types={"DPRK": dprk}), seed)  # type: ignore[list-item]
            week = 0
            while not g.is_over:
                g.play_round({side: _oped_order(g, side, week)})
                week += 1
            results[dprk][classify(g)] += 1
            if classify(g) == "peace":
                outcomes = pair_outcomes(g.rules, g.state)
                assert all(outcomes[p].is_peace for p in g.rules.principal_pairs)
    assert results["security_seeker"]["peace"] >= 12
    assert results["greedy"]["war"] + results["greedy"]["clash"] >= 15


# --- trust rebuilds only through cost ---------------------------------------------------------


@pytest.mark.parametrize(
    ("signal", "rebuilds"), [("halt_exercises", True), ("sanctions_relief", True), ("talk", False)]
)
def test_trust_rebuilds_through_cost_not_talk(signal: str, rebuilds: bool) -> None:
    """From trust 0.05, five costly signals in a row (and no hostile act) lift the observer's trust
    above 0.5 in most seeds; five rounds of talk do not (Kydd 2000: cheap talk does not separate
    the types). Stochastic mode, so misreadings happen."""
    rules = world(0.5, 0.5, trust=0.05)
    above = 0
    seeds = range(30)
    for seed in seeds:
        run = play(rules, {"A": "all_cooperate", "B": fixed(signal, "A")}, 5, mode=Mode.STOCHASTIC, seed=seed)
        above += run.final.trust("A", "B") > 0.5
    if rebuilds:
        assert above >= 0.8 * len(seeds)
    else:
        assert above == 0


def test_capability_falls_when_trust_rises() -> None:
    """The Richardson layer settles when trust rises: after a security seeker and GRIT make peace,
    capabilities are below their peak (theory TP26: trust is the arms-control variable)."""
    rules = world(0.5, 0.3, trust=0.15, hostility=0.6, opening="def_posture")
    run = play(rules, {"A": "grit", "B": "bayesian_security_seeker"}, 30)
    for actor in ("A", "B"):
        start = run.initial.capability[actor]
        peak = max(s.capability[actor] for s in run.states)
        assert peak > 1.2 * start, "the spiral first arms both sides"
        assert run.final.capability[actor] < 0.8 * peak


# --- war comes from the hazard ----------------------------------------------------------------


def test_war_rate_matches_the_summed_hazard() -> None:
    """Over 1,000 seeds the number of wars drawn equals, within its 95% interval, the hazard
    summed over the rounds each game was still at peace (the compensator of the war count; no
    rule of the form 'after n strikes, war'). Korea with tit-for-tat allies and a greedy North:
    some games clash, some go to war, most do not."""
    sc = load("korea-2022")
    settings = Settings(doctrines=dict.fromkeys(ALLIES, "tit_for_tat"), hidden_types={"DPRK": "greedy"})  # type: ignore[arg-type]
    wars = 0
    expected = 0.0
    variance = 0.0
    for seed in range(1000):
        g = Game(sc, settings, seed)
        while not g.is_over:
            res = g.play_round()
            assert res.outcome is not Outcome.WAR_CHOSEN
            expected += res.hazard
            variance += res.hazard * (1.0 - res.hazard)
            assert res.hazard == res.state.hazard
        wars += g.state.outcome is Outcome.WAR_INADVERTENT
    assert 20 <= wars <= 980, "the set-up must have an uncertain outcome"
    assert abs(wars - expected) <= 1.96 * math.sqrt(variance) + 1.0


def test_an_answered_strike_campaign_ends_in_war() -> None:
    """Strikes every round, answered in kind: war in most games (the price of force)."""
    rules = world(0.5, 0.5, trust=0.3)
    wars = 0
    for seed in range(50):
        run = play(
            rules,
            {"A": fixed("limited_strike", "B"), "B": fixed("limited_strike", "A")},
            10,
            mode=Mode.STOCHASTIC,
            seed=seed,
        )
        wars += run.final.outcome is Outcome.WAR_INADVERTENT
    assert wars >= 40


def test_force_raises_the_hazard_and_it_fades() -> None:
    """The hazard rises with each use of force in a pair and falls again once force stops."""
    rules = world(0.5, 0.5, trust=0.3)
    strikes = {"A": fixed("limited_strike", "B"), "B": fixed("talk", "A")}
    run = play(rules, strikes, 4)
    hazards = [r.hazard for r in run.results]
    assert hazards == sorted(hazards) and hazards[0] > 0.0
    calm = play(
        rules,
        {"A": lambda t, v: Order("limited_strike" if t < 3 else "talk", "B"), "B": fixed("talk", "A")},
        10,
    )
    h = [r.hazard for r in calm.results]
    assert h[-1] < h[2]


# --- the meter explains itself ----------------------------------------------------------------


@pytest.mark.parametrize("scenario", ["korea-2022", "cuba-1962", "pulwama-balakot-2019", "able-archer-1983"])
def test_tension_terms_sum_to_the_change(scenario: str) -> None:
    """Every round's terms add up to the meter's change, and acts are named by their maker."""
    g = Game.new(scenario, seed=3)
    before = g.state.tension
    floor_before = g.state.floor_source
    kinds: set[str] = set()
    while not g.is_over:
        res = g.play_round()
        total = sum(t.value for t in res.tension_terms)
        assert total == pytest.approx(res.tension - before, abs=1e-6)
        fired = {e.id for e in res.events}
        for term in res.tension_terms:
            kinds.add(term.kind)
            if term.kind == "act":
                assert any(a.maker == term.actor and a.instrument == term.detail for a in res.acts)
            elif term.kind == "floor" and term.detail != "limit":
                # the force floor holds now or held last round, and nowhere else
                assert "force" in (res.state.floor_source, floor_before), (res.round, term)
            elif term.kind == "event" and term.actor is None:
                # an event floor: this round's card, or last round's released
                assert term.detail in fired or term.detail == floor_before, (res.round, term)
        floor_before = res.state.floor_source
        before = res.tension
    assert {"act", "fade", "fear"} <= kinds


def test_pair_outcomes_name_every_rival_pair() -> None:
    g = Game.new("korea-2022", seed=1)
    while not g.is_over:
        g.play_round()
    out = pair_outcomes(g.rules, g.state)
    assert set(out) == set(g.rules.pairs)
    assert all(isinstance(v, PairOutcome) for v in out.values())


def test_a_treaty_signed_while_its_pair_strikes_does_not_bind() -> None:
    """docs/model.md §8: a signature binds only while no act of MID level ≥ 4 passes between the
    pair that round. Blue proposes; next round Red signs while Blue's strike lands: no treaty,
    and the headline is not peace by treaty."""
    from wargame.engine.state import Order
    from wargame.game import Game

    game = Game.new("dyad-testbed", seed=3, humans=["BLUE", "RED"], rounds=8)
    for blue, red in [
        (Order("halt_exercises", "RED"), Order("talk", "BLUE")),
        (Order("propose_treaty", "RED"), Order("talk", "BLUE")),
        (Order("limited_strike", "RED"), Order("sign_treaty", "BLUE")),
    ]:
        result = game.play_round({"BLUE": blue, "RED": red})
    signed = next(a for a in result.acts if a.maker == "RED")
    assert signed.instrument == "sign_treaty" and signed.need_met  # the signature took effect
    assert game.state.treaties == frozenset()
    assert game.state.outcome is None or game.state.outcome.value != "peace_treaty"
