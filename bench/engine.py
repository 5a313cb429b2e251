"""Engine benchmark: rounds per second (AI for every actor) and the time to replay-and-check a record.

Prints, for the Korea 2022 scenario (5 actors) over 1,000 games of 24 rounds, rounds/s in
expectation and stochastic mode (one process, one core), then the median time to load, replay
and check one 24-round record. Targets (issue 2): >= 5,000 rounds/s; <= 20 ms per replay check.

Usage: python bench/engine.py [--games N] [--scenario ID]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from wargame.game import Game, check
from wargame.record.models import Checkpoint
from wargame.scenario.load import load
from wargame.scenario.paths import DEFAULT_SCENARIO


def rounds_per_second(scenario_id: str, mode: str, games: int) -> tuple[float, int]:
    """Play ``games`` all-AI games of up to 24 rounds; return (rounds/s, rounds played)."""
    scenario = load(scenario_id)
    rounds = 0
    start = time.perf_counter()
    for seed in range(games):
        game = Game.new(scenario, seed=seed, mode=mode, rounds=24, play_on=True)
        game.explain = False  # a batch run: the meter's terms are never shown
        while not game.is_over:
            game.play_round()
        rounds += game.round
    elapsed = time.perf_counter() - start
    return rounds / elapsed, rounds


def replay_check_ms(scenario_id: str, repeats: int = 21) -> float:
    """Median ms to load a 24-round record from disk, replay it and check its checkpoints."""
    scenario = load(scenario_id)
    game = Game.new(scenario, seed=1, mode="stochastic", rounds=24, play_on=True)
    game.explain = False  # a batch run: the meter's terms are never shown
    while not game.is_over:
        game.play_round()
    game.checkpoints = [Checkpoint(after_round=r, tension=[0, 100], outcome=None) for r in (0, 6, 12, 18, 24)]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "record.json"
        game.save(path)
        times = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            replayed = Game.load(path, scenario)
            failures = check(replayed)
            times.append((time.perf_counter() - t0) * 1000)
            assert not failures, failures
            assert replayed.state.to_json() == game.state.to_json()
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=1000)
    parser.add_argument("--scenario", default=DEFAULT_SCENARIO)
    args = parser.parse_args()
    scenario = load(args.scenario)
    print(
        f"scenario {args.scenario}: {len(scenario.rules.actors)} actors, {args.games} games x 24 rounds, AI for all"
    )
    for mode in ("expectation", "stochastic"):
        rps, n = rounds_per_second(args.scenario, mode, args.games)
        verdict = "OK" if rps >= 5000 else "BELOW TARGET"
        print(f"  {mode:<11}  {rps:9,.0f} rounds/s  ({n} rounds)  target >= 5,000: {verdict}")
    ms = replay_check_ms(args.scenario)
    verdict = "OK" if ms <= 20 else "ABOVE TARGET"
    print(
        f"  replay-and-check of one 24-round record: {ms:.2f} ms (median of 21)  target <= 20 ms: {verdict}"
    )


if __name__ == "__main__":
    main()
