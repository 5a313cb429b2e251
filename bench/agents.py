"""The agent API's cost: environment steps per second against plain game rounds per second.

Plays the same games (dyad-testbed, Blue an agent taking the first legal action, Red the
scenario's AI) three ways, once each: through the Gymnasium env (observation, mask, reward each
step), through the PettingZoo env with both sides agents, and as a plain Game with Blue's
orders given directly (no observation). Prints rounds per second and the env's overhead ratio.

    python bench/agents.py [--games 2000]
"""

from __future__ import annotations

import argparse
import time

from wargame.agents import WargameEnv, WargameParallelEnv
from wargame.engine import Order
from wargame.game import Game
from wargame.scenario.load import load


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--games", type=int, default=2000)
    args = ap.parse_args()
    scenario = load("dyad-testbed")

    env = WargameEnv(scenario, "BLUE")
    action = env.parallel.codecs["BLUE"].action(Order("def_posture", "RED"))
    steps = 0
    t0 = time.perf_counter()
    for seed in range(args.games):
        env.reset(seed=seed)
        while True:
            steps += 1
            _, _, term, trunc, _ = env.step(action)
            if term or trunc:
                break
    gym_s = time.perf_counter() - t0

    penv = WargameParallelEnv(scenario)
    both = {a: penv.codecs[a].action(Order("def_posture", b)) for a, b in (("BLUE", "RED"), ("RED", "BLUE"))}
    psteps = 0
    t0 = time.perf_counter()
    for seed in range(args.games):
        penv.reset(seed=seed)
        while penv.agents:
            psteps += 1
            penv.step(both)
    pz_s = time.perf_counter() - t0

    rounds = 0
    t0 = time.perf_counter()
    for seed in range(args.games):
        game = Game(scenario, env.parallel.settings, seed)
        game.explain = False
        while not game.is_over:
            rounds += 1
            game.play_round({"BLUE": Order("def_posture", "RED")})
    game_s = time.perf_counter() - t0

    print(f"{args.games} games of dyad-testbed, Blue holding a defensive posture")
    print(f"  plain Game, Blue's order given:     {rounds:7d} rounds {rounds / game_s:9.0f} rounds/s")
    print(f"  Gymnasium env (Blue an agent):      {steps:7d} steps  {steps / gym_s:9.0f} steps/s")
    print(f"  PettingZoo env (both agents):       {psteps:7d} steps  {psteps / pz_s:9.0f} steps/s")
    print(f"  env overhead: Gymnasium {gym_s / game_s * rounds / steps:.2f}x a plain round")


if __name__ == "__main__":
    main()
