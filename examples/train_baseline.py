"""Train a tabular Q-learning baseline as Blue in the test bed and report it beside the doctrines.

    python examples/train_baseline.py [--episodes 5000] [--games 200] [--save FILE]

Blue is the agent (wargame.agents.WargameEnv, the default reward of docs/agents.md); Red is the
scenario's AI, its hidden type drawn from the prior (half the games greedy). Training uses the
games of seeds 0..episodes-1; the report plays fresh games (seeds from 100000) for the learner
and for each player doctrine in Blue's seat, and prints the share of games ending in peace, war,
armed clash and stalemate, the peace rate against each type of Red, and the mean return (the
reward summed over the game: the same function for every player). The table is written to
``--save`` (default: wargame/agents/q_baseline.json, the outside policy ``q_baseline`` that
``wargame tournament --players default,q_baseline`` seats). Needs the research extra.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

from wargame.agents import Reward, WargameEnv
from wargame.agents.baseline import TRAINED, TabularQ
from wargame.analysis.agency import PLAYER_DOCTRINES, classify
from wargame.game import Game
from wargame.scenario.load import load

SCENARIO, SIDE, RIVAL = "dyad-testbed", "BLUE", "RED"
EVAL_SEEDS = 100_000


def evaluate(player: str | TabularQ, games: int) -> dict[str, float]:
    """Play ``games`` fresh games with ``player`` (a doctrine name, or the table) as Blue."""
    scenario = load(SCENARIO)
    reward = Reward()
    counts: Counter[str] = Counter()
    by_type = {"security_seeker": [0, 0], "greedy": [0, 0]}
    total = 0.0
    for k in range(games):
        seed = EVAL_SEEDS + k
        if isinstance(player, str):
            game = Game.new(scenario, seed=seed, doctrines={SIDE: player})
        else:
            game = Game.new(scenario, seed=seed, humans=[SIDE])
        game.explain = False
        rng = random.Random(seed)
        while not game.is_over:
            if isinstance(player, str):
                game.play_round()
            else:
                game.play_round({SIDE: player.decide(game.view(SIDE), rng)[0]})
            total += reward(game, SIDE)
        result = classify(game)
        counts[result] += 1
        cell = by_type[game.state.types[RIVAL]]
        cell[0] += 1
        cell[1] += result == "peace"
    row = {r: counts[r] / games for r in ("peace", "war", "clash", "stalemate")}
    row["peace|SS"] = by_type["security_seeker"][1] / max(1, by_type["security_seeker"][0])
    row["peace|G"] = by_type["greedy"][1] / max(1, by_type["greedy"][0])
    row["return"] = total / games
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--episodes", type=int, default=5000)
    ap.add_argument("--games", type=int, default=200)
    ap.add_argument("--save", type=Path, default=TRAINED)
    args = ap.parse_args()
    env = WargameEnv(SCENARIO, SIDE)
    table = TabularQ(env.parallel.scenario.rules, SIDE)
    returns = table.train(env, args.episodes)
    window = max(1, args.episodes // 10)
    print(
        f"trained {args.episodes} episodes: mean return {sum(returns[:window]) / window:.2f} (first "
        f"{window}) -> {sum(returns[-window:]) / window:.2f} (last {window}); {len(table.q)} states seen",
        file=sys.stderr,
    )
    args.save.write_text(table.to_json(), encoding="utf-8")
    print(f"saved {args.save}", file=sys.stderr)
    print(
        f"\n{SCENARIO}: {SIDE} played by each player against {RIVAL}'s scenario AI, {args.games} games each"
    )
    print(
        f"  {'player':26} {'peace':>6} {'war':>6} {'clash':>6} {'stale':>6} {'peace|SS':>9} {'peace|G':>8} {'return':>7}"
    )
    rows = [(d, evaluate(d, args.games)) for d in PLAYER_DOCTRINES]
    rows.append(("q_learning (baseline)", evaluate(table, args.games)))
    for name, r in sorted(rows, key=lambda x: -x[1]["return"]):
        print(
            f"  {name:26} {r['peace']:6.0%} {r['war']:6.0%} {r['clash']:6.0%} {r['stalemate']:6.0%}"
            f" {r['peace|SS']:9.0%} {r['peace|G']:8.0%} {r['return']:7.2f}"
        )


if __name__ == "__main__":
    main()
