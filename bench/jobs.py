"""``wargame simulate --jobs 2`` against ``--jobs 1``: the speed-up of a batch run on two cores (issue 18).

Runs the installed command as a user would (a fresh process each time, start-up included),
``wargame simulate --seeds 5000 --json`` on the default scenario, with ``--jobs 1`` and
``--jobs 2`` alternately, and prints the median wall time of each, the ratio of the medians and
the ratio within each repetition (target: ``--jobs 2`` ≥ 1.8× as fast). Both runs must print the
same JSON (results do not depend on the number of workers). On a machine shared with other work
the second core may be busy, and the ratio then says little: note the load average printed. It
also prints the speed-up two free cores would give, from the CPU time of each run (all its
processes) and of the serial start-up (a one-game run).

Usage: python bench/jobs.py [--seeds 5000] [--reps 3]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path


def run(cmd: list[str]) -> tuple[float, str, float]:
    """(wall seconds, sha256 of stdout, CPU seconds of the command and its workers) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    out = subprocess.run(cmd, check=True, capture_output=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, hashlib.sha256(out.stdout).hexdigest(), cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=5000)
    ap.add_argument("--reps", type=int, default=3)
    args = ap.parse_args()
    script = Path(sys.executable).parent / "wargame"
    entry = [str(script)] if script.exists() else [sys.executable, "-m", "wargame"]
    base = [*entry, "simulate", "--seeds", str(args.seeds), "--json"]
    print(
        f"wargame simulate --seeds {args.seeds} --json: --jobs 1 vs --jobs 2, {args.reps} repetitions, "
        f"{os.cpu_count()} cores, load average before {os.getloadavg()[0]:.2f}"
    )
    run([*entry, "simulate", "--seeds", "20", "--json"])  # warm the page cache and the .pyc files
    one: list[float] = []
    two: list[float] = []
    one_cpu: list[float] = []
    two_cpu: list[float] = []
    serial: list[float] = []
    digests: set[str] = set()
    for _ in range(args.reps):
        t, d, c = run([*base, "--jobs", "1"])
        one.append(t)
        one_cpu.append(c)
        digests.add(d)
        t, d, c = run([*base, "--jobs", "2"])
        two.append(t)
        two_cpu.append(c)
        digests.add(d)
        serial.append(run([*entry, "simulate", "--seeds", "1", "--json"])[2])
    assert len(digests) == 1, "--jobs 1 and --jobs 2 printed different results"
    m1, m2 = statistics.median(one), statistics.median(two)
    ratio = m1 / m2
    print(f"  --jobs 1: {m1:6.2f} s  ({args.seeds / m1:,.0f} games/s)")
    print(f"  --jobs 2: {m2:6.2f} s  ({args.seeds / m2:,.0f} games/s)")
    print(f"  speed-up {ratio:.2f}x  (target >= 1.8: {'OK' if ratio >= 1.8 else 'BELOW TARGET'})")
    print(f"  within each repetition: {', '.join(f'{a / b:.2f}' for a, b in zip(one, two))}")
    # On a machine busy with other work the second core is not free, and the wall ratio says
    # little. From CPU time: the serial part (start-up: a one-game run) stays, the rest of
    # --jobs 2's CPU (its workers and the parent collecting results) is split over two cores.
    c1, c2, s1 = statistics.median(one_cpu), statistics.median(two_cpu), statistics.median(serial)
    est = c1 / (s1 + (c2 - s1) / 2)
    print(
        f"  CPU: --jobs 1 {c1:.2f} s, --jobs 2 {c2:.2f} s (all processes), start-up {s1:.2f} s; "
        f"on two free cores --jobs 2 would be {est:.2f}x as fast (target >= 1.8: "
        f"{'OK' if est >= 1.8 else 'BELOW TARGET'})"
    )
    print(f"  load average after {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
