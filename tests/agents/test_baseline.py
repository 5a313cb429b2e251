"""The tabular Q-learning baseline (wargame.agents.baseline, examples/train_baseline.py)."""

from __future__ import annotations

import random

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


def test_the_trained_baseline_is_an_installed_policy_the_tournament_seats(tmp_path) -> None:
    """The package registers Blue's trained table as the outside policy ``q_baseline`` (entry
    point group ``wargame.policies``): a tournament seats it beside the doctrines by name."""
    import csv

    from click.testing import CliRunner

    from wargame.agents.baseline import trained_blue
    from wargame.analysis.batch import installed_policies, resolve_policy
    from wargame.cli import main

    assert "q_baseline" in installed_policies()
    policy = resolve_policy("q_baseline")
    assert isinstance(policy, TabularQ) and policy.side == "BLUE" and policy.q == trained_blue().q
    game = Game.new("dyad-testbed", seed=1, humans=["BLUE"])
    order, _ = policy.decide(game.view("BLUE"), random.Random(0))
    assert game.rules.usable("BLUE", order.instrument)
    out = tmp_path / "t"
    args = ["tournament", "--scenario", "dyad-testbed", "--sides", "BLUE", "--players", "q_baseline,dove"]
    result = CliRunner().invoke(main, [*args, "--types", "drawn", "--seeds", "6", "-q", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    with (out / "games.csv").open() as fh:
        rows = list(csv.DictReader(fh))
    assert {r["doctrine_a"] for r in rows} == {"q_baseline", "dove"} and len(rows) == 12


def test_the_student_policy_example_plays_through_a_policy_spec_and_the_env(monkeypatch) -> None:
    """examples/student_policy.py: a hand-written strategy seated by ``module:attribute``; its
    orders are legal actions of the environment, all game long."""
    from tests.helpers import ROOT
    from wargame.agents import WargameEnv
    from wargame.analysis.batch import resolve_policy

    monkeypatch.syspath_prepend(str(ROOT / "examples"))
    policy = resolve_policy("student_policy:TrustButVerify")
    env = WargameEnv("dyad-testbed", "BLUE")
    codec = env.parallel.codecs["BLUE"]
    for seed in range(5):
        env.reset(seed=seed)
        while True:
            order, _ = policy.decide(env.game.view("BLUE"), random.Random(seed))
            _, _, term, trunc, info = env.step(codec.action(order))
            assert not info["illegal"]
            if term or trunc:
                break
