"""The tabular Q-learning baseline (wargame.agents.baseline, examples/train_baseline.py)."""

from __future__ import annotations

import random
import runpy

from tests.helpers import ROOT
from wargame.agents import WargameEnv
from wargame.agents.baseline import TabularQ
from wargame.game import Game


def _trained(episodes: int = 150) -> TabularQ:
    env = WargameEnv("dyad-testbed", "BLUE")
    table = TabularQ(env.parallel.scenario.rules, "BLUE")
    table.train(env, episodes)
    return table


def test_training_is_deterministic_and_learns() -> None:
    a, b = _trained(), _trained()
    assert a.q == b.q and a.q, "the same seeds and exploration stream give the same table"
    env = WargameEnv("dyad-testbed", "BLUE")
    fresh = TabularQ(env.parallel.scenario.rules, "BLUE")
    returns = fresh.train(env, 400)
    assert sum(returns[-100:]) > sum(returns[:100]), "returns rise as exploration falls"


def test_a_table_plays_as_a_policy_and_round_trips(tmp_path) -> None:
    table = _trained()
    path = tmp_path / "q.json"
    path.write_text(table.to_json())
    again = TabularQ.load(path, table.rules)
    assert again.q == {k: {i: round(v, 6) for i, v in row.items()} for k, row in table.q.items()}
    game = Game.new("dyad-testbed", seed=3, humans=["BLUE"])
    rng = random.Random(0)
    while not game.is_over:
        view = game.view("BLUE")
        order, memory = again.decide(view, rng)
        assert game.rules.usable("BLUE", order.instrument) and memory == view.memory
        game.play_round({"BLUE": order})
    assert game.round >= 1


def test_the_committed_baseline_loads_as_a_module_attribute_policy() -> None:
    module = runpy.run_path(str(ROOT / "examples" / "q_baseline.py"))
    policy = module["policy"]
    assert policy.side == "BLUE" and policy.q
    game = Game.new("dyad-testbed", seed=1, humans=["BLUE"])
    order, _ = policy.decide(game.view("BLUE"), random.Random(0))
    assert game.rules.usable("BLUE", order.instrument)
