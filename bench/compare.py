"""Engine speed side by side with the nearest public peer: SWARM's escalation sandbox.

Times, in one run and one after another in each repetition, median of 5 repetitions after a
warm-up:

- ours, pure Python: Korea 2022, 5 actors, AI for all, 24 rounds per game, stochastic mode,
  perception records on (news text is rendered lazily, when shown, as in play), in this process;
- ours, the engine compiled with mypyc (bench/compiled.py builds it into ``bench/.compiled``,
  about 20 s the first time after a change; ``--no-compiled`` skips it): the same games, byte for
  byte (tests/engine/test_compiled.py), in a fresh interpreter per repetition after a warm-up;
- SWARM (swarm-safety 1.9.0, MIT): the escalation sandbox with 5 scripted personas (dove, hawk,
  tit_for_tat, random, calculating), held to 24 turns by ignoring its early end (its own
  termination check still runs every turn), logging off; the same driver as issue 18's
  measurement (``run_swarm`` below).

Prints the rounds/s figures and each build's ratio to SWARM against the targets (issue 11 keeps
≥ 2×, issue 18 asks ≥ 4×), on the wall clock and in CPU time (``time.process_time``, which a
machine loaded by other work stretches less), then the cost of one pure-Python round by stage.

SWARM is only for this benchmark; it is never imported by the package or the tests. Install it
into a separate environment (it pulls in numpy and pandas)::

    python3 -m venv bench/.swarm-venv && bench/.swarm-venv/bin/pip install "swarm-safety[runtime]==1.9.0"

then run ``python bench/compare.py`` (it finds ``bench/.swarm-venv``, here or in the main checkout
of a git worktree; or pass ``--swarm-python PATH``; or ``pip install '.[bench]'`` to put SWARM beside
wargame). SWARM runs in that interpreter as a subprocess per repetition, timed inside the
subprocess around its game loop only (not its ~0.35 s import).
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import json
import os
import pstats
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TARGETS = (("issue 11", 2.0), ("issue 18", 4.0))
"""Our rounds/s against SWARM's turns/s: issue 11 (the model) keeps at least 2x, issue 18 (speed) asks 4x."""

SWARM_DRIVER = r"""
import json, sys, time
from swarm.domains.escalation_sandbox.config import EscalationConfig
from swarm.domains.escalation_sandbox.entities import CrisisOutcome
from swarm.domains.escalation_sandbox.env import EscalationEnvironment
from swarm.domains.escalation_sandbox.runner import EscalationRunner

orig = EscalationEnvironment._check_termination
def check(self, realised_levels):
    orig(self, realised_levels)
    return CrisisOutcome.TIMEOUT if self._current_turn >= self._max_turns - 1 else CrisisOutcome.ONGOING
EscalationEnvironment._check_termination = check

personas = ["dove", "hawk", "tit_for_tat", "random", "calculating"]
config = EscalationConfig.from_dict({"max_turns": 24, "agents": [
    {"agent_id": f"n{i}", "name": f"Nation {i}", "agent_type": "scripted", "persona": p}
    for i, p in enumerate(personas)]})

def rep(games, seed=1):
    turns = 0
    t0, c0 = time.perf_counter(), time.process_time()
    for g in range(games):
        runner = EscalationRunner(config, seed=seed + g)
        runner.run()
        turns += runner.env.current_turn
    return time.perf_counter() - t0, turns, time.process_time() - c0

games, warm = int(sys.argv[1]), sys.argv[2] == "warm"
if warm:
    rep(20)
print(json.dumps(rep(games)))
"""


def _main_checkout() -> Path | None:
    """The main working tree when this is a git worktree (its .swarm-venv is gitignored, not shared)."""
    git = HERE.parent / ".git"
    if not git.is_file():  # a worktree's .git is a file: "gitdir: <main>/.git/worktrees/<name>"
        return None
    gitdir = Path(git.read_text().split(":", 1)[1].strip())
    return gitdir.parent.parent.parent if gitdir.parent.name == "worktrees" else None


def swarm_python(arg: str | None) -> str | None:
    """The interpreter that has swarm-safety, or None."""
    main_checkout = _main_checkout()
    venvs = [HERE / ".swarm-venv"] + ([main_checkout / "bench" / ".swarm-venv"] if main_checkout else [])
    for cand in [arg, *(str(v / "bin" / "python") for v in venvs), os.environ.get("SWARM_PYTHON")]:
        if cand and Path(cand).exists():
            return cand
    import importlib.util

    if importlib.util.find_spec("swarm") is not None:  # pip install '.[bench]'
        return sys.executable
    return None


def run_swarm(python: str, games: int) -> tuple[float, int, float]:
    """One SWARM repetition in a fresh interpreter (warm-up games first); (seconds, turns, CPU seconds)."""
    out = subprocess.run(
        [python, "-c", SWARM_DRIVER, str(games), "warm"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    seconds, turns, cpu = json.loads(out.stdout.strip().splitlines()[-1])
    return seconds, turns, cpu


def run_ours(games: int) -> tuple[float, int, float]:
    """One repetition of our engine: ``games`` all-AI Korea games of 24 rounds; (seconds, rounds, CPU seconds)."""
    from wargame.game import Game, batch_gc
    from wargame.scenario.load import load
    from wargame.scenario.paths import DEFAULT_SCENARIO

    scenario = load(DEFAULT_SCENARIO)
    rounds = 0
    t0, c0 = time.perf_counter(), time.process_time()
    with batch_gc():  # as batch runs play (simulate, tournaments, sweeps)
        for seed in range(games):
            game = Game.new(scenario, seed=seed, mode="stochastic", rounds=24, play_on=True)
            game.explain = False  # a batch run: the meter's terms are never shown
            while not game.is_over:
                game.play_round()
            rounds += game.round
    return time.perf_counter() - t0, rounds, time.process_time() - c0


STAGES = {
    "orders and acts (validation, combined acts, treaties)": ("check_order", "resolve_acts"),
    "perception (what each observer saw: noise draws, misreadings)": ("_perceive",),
    "event cards (scheduled, drawn, injected)": ("_fire_events",),
    "beliefs (evidence after bias and weight, trust and second-order update, perception records)": (
        "_update_beliefs",
    ),
    "capability (Richardson) and grievance": ("_move_capabilities",),
    "hostility, escalation ladder and tension": ("_update_hostility", "_read_meter"),
    "outcomes (pair tensions, treaties, hazard, peace, stalemate)": (
        "_pair_tensions",
        "_settle_treaties",
        "_draw_war",
        "_headline_outcome",
        "_hazard_ahead",
    ),
    "new state and round result": ("_finish",),
    "AI doctrines (views, decisions, trembles; not their streams' blocks)": ("ai_orders",),
    "random streams (making the round's three, computing their values' blocks)": ("_rng", "_load"),
}


def gc_per_round(scenario: object, games: int) -> float:
    """µs per round spent in the garbage collector's passes, timed by ``gc.callbacks``."""
    from wargame.game import Game

    spent = [0.0, 0.0]

    def timer(phase: str, info: dict) -> None:
        if phase == "start":
            spent[1] = time.perf_counter()
        else:
            spent[0] += time.perf_counter() - spent[1]

    gc.callbacks.append(timer)
    rounds = 0
    try:
        for seed in range(games):
            game = Game.new(scenario, seed=seed, mode="stochastic", rounds=24, play_on=True)  # type: ignore[arg-type]
            while not game.is_over:
                game.play_round()
            rounds += game.round
    finally:
        gc.callbacks.remove(timer)
    return spent[0] / rounds * 1e6


def breakdown(games: int, per_round_us: float) -> list[tuple[str, float]]:
    """Per-stage cost of one round, in µs: profiled shares scaled to the unprofiled round time."""
    from wargame.engine.news import news_items
    from wargame.game import Game
    from wargame.scenario.load import load
    from wargame.scenario.paths import DEFAULT_SCENARIO

    scenario = load(DEFAULT_SCENARIO)
    gc_us = gc_per_round(scenario, max(games, 200))
    prof = cProfile.Profile()
    gc.disable()  # GC passes are timed apart; keep them from landing in whichever stage runs
    prof.enable()
    rounds = 0
    for seed in range(games):
        game = Game.new(scenario, seed=seed, mode="stochastic", rounds=24, play_on=True)
        game.explain = False  # a batch run: the meter's terms are never shown
        while not game.is_over:
            game.play_round()
        rounds += game.round
    prof.disable()
    gc.enable()
    stats = pstats.Stats(prof).stats  # type: ignore[attr-defined]
    cum: dict[str, float] = {}
    total = 0.0
    streams_in_ai = 0.0  # streams made and blocks computed inside ai_orders: counted under streams
    load_by_random = 0.0  # block time of draws one at a time (`random`); `draws` (bulk) is the engine's
    random_by_caller: dict[bool, float] = {True: 0.0, False: 0.0}
    for (filename, _, name), (_, _, _, ct, callers) in stats.items():
        if "wargame" in filename:
            cum[name] = cum.get(name, 0.0) + ct
        if name == "play_round" and filename.endswith("game.py"):
            total = ct
        if name == "_rng" and filename.endswith("game.py"):  # the tremble and doctrine streams
            streams_in_ai += sum(c[3] for (_, _, caller), c in callers.items() if caller == "ai_orders")
        if name == "_load" and filename.endswith("streams.py"):
            load_by_random = sum(c[3] for (_, _, caller), c in callers.items() if caller == "random")
        if name == "random" and filename.endswith(
            "streams.py"
        ):  # who drew one at a time: the AI or the engine
            for (caller_file, _, caller), c in callers.items():
                in_ai = caller == "ai_orders" or caller_file.endswith("doctrines.py")
                random_by_caller[in_ai] += c[3]
    drawn = random_by_caller[True] + random_by_caller[False]
    if drawn:  # blocks loaded by single draws: shared out as those draws' time is
        streams_in_ai += load_by_random * random_by_caller[True] / drawn
    cum["ai_orders"] = cum.get("ai_orders", 0.0) - streams_in_ai
    rows = []
    for label, names in STAGES.items():
        share = sum(cum.get(n, 0.0) for n in names) / total if total else 0.0
        rows.append((label, share * per_round_us))
    rows.append(("Python's cyclic garbage collector, had batch_gc not paused it (not in the round)", gc_us))
    rows.append(
        (
            "other (bookkeeping in Game.play_round and resolve_round)",
            per_round_us - sum(r[1] for r in rows[:-1]),
        )
    )
    # news is rendered lazily, when shown: its cost per round, measured separately
    game = Game.new(scenario, seed=1, mode="stochastic", rounds=24, play_on=True)
    game.explain = False  # a batch run: the meter's terms are never shown
    while not game.is_over:
        game.play_round()
    t0 = time.perf_counter()
    for _ in range(20):
        for res in game.results:
            news_items(game.rules, res)
    rows.append(
        (
            "news items for one round, when shown (not in the figures above)",
            (time.perf_counter() - t0) / (20 * game.round) * 1e6,
        )
    )
    return rows


def run_compiled(where: Path, games: int) -> tuple[float, int, float]:
    """One repetition of the mypyc-compiled engine (bench/compiled.py) in a fresh interpreter,
    warm-up games first; (seconds, rounds, CPU seconds)."""
    out = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--inner", str(games)],
        capture_output=True,
        text=True,
        check=True,
        cwd=where,
        env={**os.environ, "PYTHONPATH": str(where)},
    )
    seconds, rounds, cpu, compiled = json.loads(out.stdout.strip().splitlines()[-1])
    if not compiled:
        raise RuntimeError(f"the build in {where} did not load the compiled engine")
    return seconds, rounds, cpu


def _inner(games: int) -> int:
    """``--inner N``: warm up, time N games, print (seconds, rounds, CPU seconds, compiled?) as JSON."""
    import wargame.engine.core

    run_ours(20)
    seconds, rounds, cpu = run_ours(games)
    compiled = wargame.engine.core.__file__.endswith((".so", ".pyd"))
    print(json.dumps([seconds, rounds, cpu, compiled]))
    return 0


def _line(label: str, runs: list[tuple[float, int, float]], unit: str) -> tuple[float, float]:
    """Print one contender's medians; return (rounds/s wall, rounds/s CPU)."""
    secs = statistics.median(r[0] for r in runs)
    cpu = statistics.median(r[2] for r in runs)
    n = runs[0][1]
    print(
        f"  {label:58s}{n / secs:10,.0f} {unit}/s  "
        f"({secs / n * 1e6:.1f} µs/{unit[:-1]} wall, {cpu / n * 1e6:.1f} µs CPU)"
    )
    return n / secs, n / cpu


def _ratios(label: str, ours: list[tuple[float, int, float]], theirs: list[tuple[float, int, float]]) -> None:
    """Print the medians' ratio against SWARM and each repetition's own (back-to-back) ratio."""
    wall = statistics.median(r[1] / r[0] for r in ours) / statistics.median(t[1] / t[0] for t in theirs)
    cpu = statistics.median(r[1] / r[2] for r in ours) / statistics.median(t[1] / t[2] for t in theirs)
    verdicts = ", ".join(
        f"{name} >= {target:g}: {'OK' if min(wall, cpu) >= target else 'below'}" for name, target in TARGETS
    )
    print(f"  ratio {label} / SWARM: {wall:.2f}x wall, {cpu:.2f}x CPU time  ({verdicts})")
    paired = sorted((o[1] / o[0]) / (t[1] / t[0]) for o, t in zip(ours, theirs))
    paired_cpu = sorted((o[1] / o[2]) / (t[1] / t[2]) for o, t in zip(ours, theirs))
    print(f"    within each repetition, wall: {', '.join(f'{r:.2f}' for r in paired)}")
    print(f"    within each repetition, CPU:  {', '.join(f'{r:.2f}' for r in paired_cpu)}")


def main() -> int:
    parser = argparse.ArgumentParser(description="Our engine vs SWARM's escalation sandbox, rounds/s.")
    parser.add_argument("--games", type=int, default=200, help="games per repetition (24 rounds each)")
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--swarm-python", default=None)
    parser.add_argument(
        "--no-compiled", action="store_true", help="skip the mypyc-compiled engine (bench/compiled.py)"
    )
    parser.add_argument("--inner", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inner is not None:
        return _inner(args.inner)
    sw = swarm_python(args.swarm_python)
    where = None
    if not args.no_compiled:
        from compiled import BuildError, build  # bench/compiled.py, beside this file

        print("building the compiled engine (bench/compiled.py; ~30 s after a change)...", file=sys.stderr)
        try:
            where = build(HERE / ".compiled")
        except BuildError as exc:
            print(
                f"note: {exc}; timing the pure engine only (--no-compiled skips the build)", file=sys.stderr
            )
    print(
        f"python {sys.version.split()[0]}, {os.cpu_count()} cores; {args.games} games x 24 rounds per repetition, "
        f"median of {args.reps} after a warm-up; in each repetition the contenders run one after another"
    )
    import wargame.engine.core

    core = Path(wargame.engine.core.__file__ or "")
    if core.suffix in (".so", ".pyd"):
        if core.is_relative_to(ROOT):  # .so files left in the checkout by a build
            fix = "remove the .so files from the checkout (git clean -fX -- '*.so')"
        else:  # the research install's compiled build, in site-packages
            fix = "this environment has the compiled install: run the bench from one with the pure install (pip install -e '.[test]')"
        raise SystemExit(f"error: the 'pure Python' engine here is compiled ({core}): {fix}")
    run_ours(20)  # warm-up
    ours, fast, theirs = [], [], []
    for _ in range(args.reps):
        ours.append(run_ours(args.games))
        if where:
            fast.append(run_compiled(where, args.games))
        if sw:
            theirs.append(run_swarm(sw, args.games))
    _line("wargame  (Korea 2022, 5 AI actors, stochastic), pure Python:", ours, "rounds")
    if fast:
        _line("wargame  the same, engine compiled with mypyc:", fast, "rounds")
    if sw:
        _line("SWARM    (escalation sandbox, 5 personas, forced 24):", theirs, "turns")
        _ratios("pure Python", ours, theirs)
        if fast:
            _ratios("compiled", fast, theirs)
    else:
        print(
            "  SWARM not found: create bench/.swarm-venv (see this file's docstring) or pass --swarm-python"
        )
    per_round = statistics.median(r[0] for r in ours) / ours[0][1] * 1e6
    print()
    print(f"one round, pure Python ({per_round:.1f} µs), by stage:")
    for label, us in breakdown(max(20, args.games // 4), per_round):
        print(f"  {us:6.1f} µs  {label}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
