"""The bundled two-state test bed (``scenarios/dyad-testbed.toml``, docs/testbed.md): neutral,
symmetric, and the theory's claims hold on it over many seeds in stochastic play (types fixed,
noise on), not only on the theory checks' noiseless fixture.

Figures quoted in docs/testbed.md come from these runs (40 seeds per cell).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from wargame.analysis.agency import classify
from wargame.game import Game
from wargame.scenario import load as scenario_load
from wargame.scenario.load import LoadedScenario
from wargame.scenario.paths import bundled

SEEDS = range(40)
SS, G = "security_seeker", "greedy"
TESTBED = bundled()["dyad-testbed"]

#: Jervis's four worlds (1978) as (offense advantage ω, distinguishability d), docs/testbed.md.
WORLDS = {
    "doubly stable": (0.2, 0.8),
    "dilemma, compatible security": (0.2, 0.2),
    "no dilemma, aggression possible": (0.8, 0.8),
    "doubly dangerous": (0.8, 0.2),
}


def in_world(tmp: Path, omega: float, d: float) -> LoadedScenario:
    """The test bed with its world set to (ω, d): the file's two lines rewritten (what a sweep does)."""
    text = TESTBED.read_text(encoding="utf-8")
    text, n1 = re.subn(r"(?m)^offense_advantage = .*$", f"offense_advantage = {omega}", text)
    text, n2 = re.subn(r"(?m)^distinguishability = .*$", f"distinguishability = {d}", text)
    assert n1 == n2 == 1
    path = tmp / f"testbed-{omega}-{d}.toml"
    path.write_text(text, encoding="utf-8")
    return scenario_load.load(path)


@cache
def _default() -> LoadedScenario:
    return scenario_load.load("dyad-testbed")


def play(scenario: LoadedScenario, blue: str, red_type: str, blue_type: str = SS) -> tuple[Counter, float]:
    """BLUE plays doctrine ``blue`` against RED's scenario AI (by its fixed type), over SEEDS.

    Returns the count of results (peace, war, clash, stalemate) and the mean tension over games."""
    results: Counter[str] = Counter()
    tension = 0.0
    for seed in SEEDS:
        game = Game.new(
            scenario, seed=seed, doctrines={"BLUE": blue}, hidden_types={"BLUE": blue_type, "RED": red_type}
        )
        game.explain = False
        while not game.is_over:
            game.play_round()
        results[classify(game)] += 1
        hist = game.state.tension_history
        tension += sum(hist) / len(hist)
    return results, tension / len(SEEDS)


def test_the_test_bed_is_neutral_and_symmetric() -> None:
    s = scenario_load.load("dyad-testbed")
    blue, red = (
        a.model_dump(exclude={"id", "name", "capital", "media", "fears", "rivals"}) for a in s.model.actors
    )
    assert blue == red, "Blue and Red differ only in their names"
    assert [a.prior_security_seeker for a in s.model.actors] == [0.5, 0.5]
    rules = s.rules
    assert rules.principal_pairs == (("BLUE", "RED"),)
    start = Game.new(s, seed=0).initial
    assert start.trust("BLUE", "RED") == start.trust("RED", "BLUE")
    w = s.model.world
    assert (w.offense_advantage, w.distinguishability) == (0.5, 0.5), "the centre of Jervis's 2x2"
    assert {i.id for i in s.model.instruments} >= {"propose_treaty", "sign_treaty", "hold", "limited_strike"}


@pytest.mark.parametrize("doctrine", ["grit", "bayesian_security_seeker", "costly_reassurance"])
def test_reciprocity_brings_peace_with_a_security_seeker_not_with_a_greedy_state(doctrine: str) -> None:
    """Jervis's dilemma (1976 ch. 3): the same conciliatory or reciprocating policy ends in peace
    against a security seeker and not against a greedy rival."""
    with_ss, _ = play(_default(), doctrine, SS)
    with_greedy, _ = play(_default(), doctrine, G)
    assert with_ss["peace"] >= 0.8 * len(SEEDS), with_ss
    assert with_greedy["peace"] <= 0.1 * len(SEEDS), with_greedy


def test_conciliation_is_exploited_by_a_greedy_state_and_firmness_contains_it() -> None:
    """The deterrence model: against a greedy rival the dove's and GRIT's concessions invite probes
    that end in war in most games; tit for tat and the Bayesian security seeker keep war rare."""
    for soft in ("dove", "grit"):
        results, _ = play(_default(), soft, G)
        assert results["war"] + results["clash"] >= 0.75 * len(SEEDS), (soft, results)
    for firm in ("tit_for_tat", "bayesian_security_seeker"):
        results, _ = play(_default(), firm, G)
        assert results["war"] <= 0.2 * len(SEEDS), (firm, results)


def test_hawk_spirals_even_against_a_security_seeker() -> None:
    """The spiral model: a hawk's climbing threats turn a security seeker's defence into war."""
    results, _ = play(_default(), "hawk", SS)
    assert results["war"] >= 0.75 * len(SEEDS), results


def test_jervis_worlds_order_the_tension_between_two_security_seekers(tmp_path: Path) -> None:
    """Jervis (1978): two Bayesian security seekers are calmest where defence dominates and the
    postures can be told apart, tensest where offense dominates and they cannot; distinguishability
    lowers tension in an offense-dominant world, and defence dominance lowers it in both."""
    mean = {
        name: play(in_world(tmp_path, *wd), "bayesian_security_seeker", SS)[1] for name, wd in WORLDS.items()
    }
    assert max(mean, key=mean.__getitem__) == "doubly dangerous", mean
    assert mean["no dilemma, aggression possible"] < mean["doubly dangerous"]
    assert mean["doubly stable"] < mean["no dilemma, aggression possible"]
    assert mean["dilemma, compatible security"] < mean["doubly dangerous"]
    results, _ = play(in_world(tmp_path, *WORLDS["doubly stable"]), "bayesian_security_seeker", SS)
    assert results["peace"] == len(SEEDS), results
    results, _ = play(in_world(tmp_path, *WORLDS["doubly dangerous"]), "bayesian_security_seeker", SS)
    assert results["peace"] == 0, "in the doubly dangerous world two security seekers cannot find peace"
