"""Research-mode benchmark (issue 15): a tournament's games streamed to CSV and Parquet.

A tournament on Korea 2022 (USA against DPRK, five doctrines each, both hidden types each: 100
cells) with every game played to 24 rounds (``play_on``), written as ``wargame tournament`` writes
it (games.csv, games.parquet and the summary), measured in a fresh process per run:

1. 10,000 games in one process: wall time, games/s, peak memory (RSS of the process).
2. The same on a process pool of 2 (``--jobs 2``): the speed-up over one process (target ≥ 1.8×).
3. The same on a Dask LocalCluster of 2 worker processes (one thread each), started before the
   clock: its time against the pool's (target within 15%).
4. A bigger run on the pool of 2 (default 100,000 games; ``--big``): peak memory of the parent
   and of the largest worker against run 2's (target flat: the files grow, the processes do not).
5. The result files of runs 1-3 are compared byte for byte.

The CPU may be shared: the machine's load average is printed before and after, and the wall-clock
ratios hold only if it stayed below the core count. CPU time per game (parent and workers) is
printed too: it does not depend on the load, and 2 × serial / pool CPU per game is the speed-up two
idle cores would give. The Dask workers run with the settings docs/research.md advises (no
statistical profiler sampling the games' stacks every 10 ms; housekeeping less often).

Usage: python bench/tournament.py [--games 10000] [--big 100000] [--skip-big]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PLAYERS = ["hawk", "dove", "tit_for_tat", "grit", "bayesian_security_seeker"]

WORKER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
}
"""The Dask settings docs/research.md advises for workers playing games (pure-Python, CPU-bound)."""


def child(mode: str, games: int, out: str) -> None:
    """One measured run, in this (fresh) process; prints one JSON line."""
    import resource

    from wargame.analysis.batch import Job
    from wargame.record.models import Settings
    from wargame.research.aggregate import Aggregate
    from wargame.research.study import run_study
    from wargame.research.tournament import design
    from wargame.scenario.load import load

    scenario = load("korea-2022")
    cells = design(scenario.rules.actor_ids, ["USA", "DPRK"], PLAYERS, PLAYERS, "all")
    seeds = games // len(cells)
    job = Job(scenario, cells, seeds, 0, base=Settings(rounds=24, play_on=True))
    cluster = client = None
    dask = None
    if mode == "dask":
        import dask as dask_config

        # as docs/research.md advises for workers: no statistical profiler sampling the games every
        # 10 ms, and the event loop's housekeeping less often (each wake-up takes the GIL)
        dask_config.config.set(WORKER_CONFIG)
        from distributed import Client, LocalCluster

        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
        client.wait_for_workers(2)
        dask = client
    agg = Aggregate(["doctrine_a", "doctrine_b"], {"a": "USA", "b": "DPRK"})
    start = time.perf_counter()
    run = run_study(job, Path(out), agg, jobs=2 if mode == "pool" else 1, dask=dask, quiet=True)
    wall = time.perf_counter() - start
    worker_rss = 0.0
    worker_cpu = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
    if client is not None:
        worker_rss = max(client.run(lambda: __import__("resource").getrusage(0).ru_maxrss).values()) / 1024
        worker_cpu = sum(client.run(lambda: __import__("resource").getrusage(0).ru_utime).values())
        client.close()
        cluster.close()  # type: ignore[union-attr]
    with open(Path(out) / "games.csv", encoding="utf-8") as f:
        rows = sum(1 for _ in f) - 1
    print(
        json.dumps(
            {
                "mode": mode,
                "games": run.games,
                "rows": rows,
                "wall": wall,
                "rss_parent_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "rss_workers_mb": max(
                    worker_rss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
                ),
                "cpu_ms_per_game": 1000
                * (
                    resource.getrusage(resource.RUSAGE_SELF).ru_utime
                    + (worker_cpu if mode != "serial" else 0.0)
                )
                / max(1, run.games),
            }
        )
    )


def measure(mode: str, games: int, out: Path) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(games), str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        sys.exit(f"{mode} run failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def digest(folder: Path) -> str:
    h = hashlib.sha256()
    for name in ("games.csv", "games.parquet"):
        h.update((folder / name).read_bytes())
    return h.hexdigest()[:16]


def line(r: dict) -> str:
    return (
        f"{r['mode']:<7} {r['games']:>7,} games  {r['wall']:8.1f} s  {r['games'] / r['wall']:7.1f} games/s  "
        f"peak RSS parent {r['rss_parent_mb']:6.0f} MB, workers {r['rss_workers_mb']:6.0f} MB, "
        f"CPU {r.get('cpu_ms_per_game', 0):.2f} ms/game"
    )


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--games", type=int, default=10_000)
    p.add_argument("--big", type=int, default=100_000)
    p.add_argument("--skip-big", action="store_true")
    p.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.child:
        child(a.child[0], int(a.child[1]), a.child[2])
        return
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        serial = measure("serial", a.games, base / "serial")
        print(line(serial), flush=True)
        pool = measure("pool", a.games, base / "pool")
        print(line(pool), flush=True)
        dask = measure("dask", a.games, base / "dask")
        print(line(dask), flush=True)
        same = digest(base / "serial") == digest(base / "pool") == digest(base / "dask")
        print(f"speed-up 1 -> 2 processes: {serial['wall'] / pool['wall']:.2f}x (target >= 1.8x)")
        print(
            f"Dask LocalCluster (2 workers) / pool of 2: {dask['wall'] / pool['wall']:.2f} (target <= 1.15)"
        )
        print(f"games.csv and games.parquet byte-identical serial / pool / Dask: {same}")
        # on a shared machine the wall-clock ratios measure the load too; CPU time per game does not:
        # the speed-up two idle cores would give is about 2 x serial CPU / pool CPU (all processes)
        print(
            f"CPU per game: serial {serial['cpu_ms_per_game']:.2f} ms, pool {pool['cpu_ms_per_game']:.2f} ms, "
            f"Dask {dask['cpu_ms_per_game']:.2f} ms (parent and workers); on two idle cores the pool would "
            f"run about {2 * serial['cpu_ms_per_game'] / pool['cpu_ms_per_game']:.2f}x the serial speed"
        )
        if not a.skip_big:
            big = measure("pool", a.big, base / "big")
            print(line(big), flush=True)
            print(
                f"peak memory {a.big:,} vs {a.games:,} games (pool of 2): parent "
                f"{big['rss_parent_mb'] / pool['rss_parent_mb']:.2f}x, workers "
                f"{big['rss_workers_mb'] / pool['rss_workers_mb']:.2f}x (target flat, about 1.0x); "
                f"games.parquet {(base / 'big' / 'games.parquet').stat().st_size / 1e6:.1f} MB"
            )
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
