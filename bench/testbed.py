"""Print the test bed's world × adversary × doctrine table (docs/testbed.md).

Blue plays each doctrine against Red's scenario AI, Red's hidden type fixed, in each of Jervis's
four worlds (offense advantage ω, distinguishability d) and at the file's default (0.5, 0.5),
over ``--seeds`` seeds in stochastic play. Columns: shares of games ending in peace, war, armed
clash, stalemate; mean tension over the game.

    python bench/testbed.py [--seeds 40]
"""

from __future__ import annotations

import argparse
import re
import tempfile
from collections import Counter
from pathlib import Path

from wargame.analysis.agency import classify
from wargame.game import Game
from wargame.scenario.load import load
from wargame.scenario.paths import bundled

WORLDS = {
    "default (0.5, 0.5)": (0.5, 0.5),
    "doubly stable (0.2, 0.8)": (0.2, 0.8),
    "dilemma, compatible security (0.2, 0.2)": (0.2, 0.2),
    "no dilemma, aggression possible (0.8, 0.8)": (0.8, 0.8),
    "doubly dangerous (0.8, 0.2)": (0.8, 0.2),
}
DOCTRINES = ("hawk", "dove", "tit_for_tat", "grit", "costly_reassurance", "bayesian_security_seeker")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=40)
    args = ap.parse_args()
    base = bundled()["dyad-testbed"].read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        for name, (omega, d) in WORLDS.items():
            text = re.sub(r"(?m)^offense_advantage = .*$", f"offense_advantage = {omega}", base)
            text = re.sub(r"(?m)^distinguishability = .*$", f"distinguishability = {d}", text)
            path = Path(tmp) / f"testbed-{omega}-{d}.toml"  # load() caches by path
            path.write_text(text, encoding="utf-8")
            scenario = load(path)
            print(f"\n{name}")
            print(f"  {'Red is':16} {'Blue plays':26} peace   war clash stale  mean T")
            for red in ("security_seeker", "greedy"):
                for doctrine in DOCTRINES:
                    counts: Counter[str] = Counter()
                    tension = 0.0
                    for seed in range(args.seeds):
                        game = Game.new(
                            scenario,
                            seed=seed,
                            doctrines={"BLUE": doctrine},
                            hidden_types={"BLUE": "security_seeker", "RED": red},
                        )
                        game.explain = False
                        while not game.is_over:
                            game.play_round()
                        counts[classify(game)] += 1
                        tension += sum(game.state.tension_history) / len(game.state.tension_history)
                    n = args.seeds
                    print(
                        f"  {red:16} {doctrine:26} {counts['peace'] / n:5.0%} {counts['war'] / n:5.0%}"
                        f" {counts['clash'] / n:5.0%} {counts['stalemate'] / n:5.0%}  {tension / n:6.1f}"
                    )


if __name__ == "__main__":
    main()
