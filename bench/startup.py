"""Start-up and week-redraw benchmark for the Textual game (issue 3; textual.md §3.2-3.3).

Prints, in one run:

1. Time from process start to the first interactive frame, for ``wargame`` (the console script's
   entry, ``wargame.launch.main``, with no arguments as a player starts it: the title screen), for the app alone
   (``run_app()``, no CLI) and for a bare Textual app with one Label (the floor), headless and
   in a pseudo-terminal (tmux), median of N runs each, and the ratios (target ≤ 1.3× the bare
   app).
2. Headless commands: the wall time of ``wargame --help`` and ``wargame scenarios`` (the installed
   console script) beside ``python -c "import pydantic"``, interleaved in one run, median of N
   each, and the ratios (target ≤ 1.5× the pydantic import).
3. The time from pressing the key that ends a week (space) to the first frame of the redrawn
   screen (the week's report painted over the updated game screen), in the five-actor Korea
   scenario (the player and four AI states), headless and in a pseudo-terminal, median over N
   weeks. ``bench/latency.py`` measures the whole wait, to an idle, fully drawn screen (Pilot).

How: the parent records the wall clock just before it starts a child process; the child (this
file with ``--child``) patches ``App.on_ready`` (Textual's "first frame displayed" event) to
record the wall clock and exit. For the week redraw the child patches ``App._display`` and times
from posting the key to the first display of the report screen. Children run in a temporary
folder, so no save or autosave lands in the checkout. Wall-clock figures on a shared machine are
informational: run it a few times.

Usage: python bench/startup.py [--runs N] [--no-pty] [--only frame,commands,weeks]
"""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

if __name__ == "__main__" and "--child" in sys.argv:  # keep the child's own imports minimal
    T_CHILD = time.time()


def _child(kind: str, t0: float, out: str, headless: bool, weeks: int) -> None:
    """Run one measurement inside a child process and write the result (ms) to ``out``."""
    import asyncio
    from pathlib import Path

    from textual.app import App

    result: list[float] = []

    def done(app: App[object], values: list[float]) -> None:
        Path(out).write_text(" ".join(f"{v:.3f}" for v in values))
        app.exit()

    if kind in ("bare", "wargame", "tui"):

        def on_ready(self: App[object]) -> None:
            result.append((time.time() - t0) * 1000)
            self.call_after_refresh(done, self, result)

        App.on_ready = on_ready  # type: ignore[attr-defined]
        if headless:
            original_run = App.run

            def run_headless(self: App[object], *a: object, **k: object) -> object:
                k["headless"] = True
                return original_run(self, *a, **k)  # type: ignore[arg-type]

            App.run = run_headless  # type: ignore[method-assign]
        if kind == "bare":
            from textual.widgets import Label

            class Bare(App[None]):
                def compose(self):  # type: ignore[no-untyped-def]
                    yield Label("Hello")

            Bare().run(headless=headless)
        elif kind == "tui":
            from wargame.tui.app import run_app

            run_app(seed=7)
        else:  # the console script as a player runs it: `wargame`, no arguments
            sys.argv = ["wargame"]
            from wargame.launch import main

            main()
        return

    # kind == "weeks": time space → redrawn report, over several weeks
    from wargame.scenario.paths import DEFAULT_SCENARIO
    from wargame.tui.app import make_app
    from wargame.tui.screens.report import RoundReportScreen

    app = make_app(DEFAULT_SCENARIO, side="ROK", seed=7, save_dir=Path.cwd() / "saves", rounds=weeks + 1)
    shown = asyncio.Event()
    stamp: list[float] = [0.0]
    original_display = App._display

    def display(self: App[object], screen: object, renderable: object) -> None:
        original_display(self, screen, renderable)  # type: ignore[arg-type]
        if isinstance(screen, RoundReportScreen) and renderable is not None and not shown.is_set():
            stamp[0] = time.perf_counter()
            shown.set()

    App._display = display  # type: ignore[method-assign]

    async def drive() -> None:
        await asyncio.sleep(0.3)
        for _ in range(weeks):
            app.simulate_key("down")
            app.simulate_key("enter")
            await asyncio.sleep(0.1)
            shown.clear()
            start = time.perf_counter()
            app.simulate_key("space")
            await asyncio.wait_for(shown.wait(), 5)
            result.append((stamp[0] - start) * 1000)
            await asyncio.sleep(0.1)
            app.simulate_key("space")
            await asyncio.sleep(0.2)
        done(app, result)

    def on_ready(self: App[object]) -> None:
        self.run_worker(drive(), exclusive=True)

    App.on_ready = on_ready  # type: ignore[attr-defined]
    app.run(headless=headless)


def _median_of(values: list[float]) -> float:
    import statistics

    return statistics.median(values)


def main() -> None:
    """Parent: run the children and print the figures."""
    import argparse
    import os
    import shutil
    import subprocess
    import tempfile
    from pathlib import Path

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per figure (≥ 5)")
    parser.add_argument("--weeks", type=int, default=7, help="weeks timed per redraw run")
    parser.add_argument("--no-pty", action="store_true", help="skip the pseudo-terminal runs")
    parser.add_argument("--only", default="frame,commands,weeks", help="parts to run (comma-separated)")
    args = parser.parse_args()
    parts = set(args.only.split(","))
    here = Path(__file__).resolve()
    python = sys.executable
    tmux = shutil.which("tmux")
    use_pty = not args.no_pty and tmux is not None
    work = Path(tempfile.mkdtemp(prefix="wargame-bench-"))
    env = dict(os.environ, TEXTUAL_ANIMATIONS="none")

    def child(kind: str, headless: bool, weeks: int = 0) -> list[float]:
        out = work / f"{kind}-{time.monotonic_ns()}.txt"
        flags = ["--child", kind, "--out", str(out), "--weeks", str(weeks)]
        if headless:
            t0 = time.time()
            subprocess.run(
                [python, str(here), *flags, "--t0", repr(t0), "--headless"],
                cwd=work,
                env=env,
                check=True,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        else:
            assert tmux is not None
            session = f"wgbench{os.getpid()}"
            t0 = time.time()
            cmd = " ".join([python, str(here), *flags, "--t0", repr(t0)])
            subprocess.run(
                [
                    tmux,
                    "new-session",
                    "-d",
                    "-s",
                    session,
                    "-x",
                    "120",
                    "-y",
                    "40",
                    "-c",
                    str(work),
                    f"TEXTUAL_ANIMATIONS=none TERM=xterm-256color {cmd}",
                ],
                check=True,
            )
            deadline = time.time() + 60
            while not out.exists() and time.time() < deadline:
                time.sleep(0.01)
            while subprocess.run([tmux, "has-session", "-t", session], capture_output=True).returncode == 0:
                if time.time() > deadline:
                    subprocess.run([tmux, "kill-session", "-t", session], capture_output=True)
                    break
                time.sleep(0.02)
        if not out.exists():
            raise SystemExit(f"the {kind} child wrote no result (see {work})")
        return [float(x) for x in out.read_text().split()]

    runs = max(5, args.runs)
    modes = [("headless", True)] + ([("pty (tmux 120x40)", False)] if use_pty else [])
    print(f"wargame start-up benchmark · Python {sys.version.split()[0]} · {runs} runs per figure")
    if "frame" in parts:
        first_frame(child, modes, runs)
    if "commands" in parts:
        commands(python, work, env, runs)
    if "weeks" in parts:
        weeks(child, modes, runs, args.weeks, use_pty)
    shutil.rmtree(work, ignore_errors=True)


def commands(python: str, work: Path, env: dict[str, str], runs: int) -> None:
    """Part 2: headless commands against the pydantic import, interleaved, medians."""
    import subprocess
    import time
    from pathlib import Path

    script = Path(python).parent / "wargame"
    entry = [str(script)] if script.exists() else [python, "-m", "wargame"]
    cases = {
        "pydantic": ([python, "-c", "import pydantic"], 'python -c "import pydantic" (the floor)'),
        "pass": ([python, "-c", "pass"], "python -c pass (for scale)"),
        "help": ([*entry, "--help"], "wargame --help"),
        "scenarios": ([*entry, "scenarios"], "wargame scenarios"),
    }

    def once(cmd: list[str]) -> float:
        t0 = time.perf_counter()
        subprocess.run(
            cmd, cwd=work, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        return (time.perf_counter() - t0) * 1000

    for cmd, _ in cases.values():
        once(cmd)  # warm the page cache and the .pyc files
    reps = max(11, runs * 2)
    times: dict[str, list[float]] = {k: [] for k in cases}
    for _ in range(reps):  # interleaved, so a burst of load hits all of them alike
        for k, (cmd, _) in cases.items():
            times[k].append(once(cmd))
    floor = _median_of(times["pydantic"])
    print()
    print(f"2. Headless commands, process wall time (ms, median of {reps}; min-max)")
    for k, (_, name) in cases.items():
        v = times[k]
        ratio = (
            f"   ratio {_median_of(v) / floor:4.2f}× (target ≤ 1.50×)" if k in ("help", "scenarios") else ""
        )
        print(f"      {name:<43} {_median_of(v):6.0f} ms ({min(v):.0f}-{max(v):.0f}){ratio}")
    # per-repetition ratios: each repetition ran the commands back to back
    for k in ("help", "scenarios"):
        paired = sorted(a / b for a, b in zip(times[k], times["pydantic"]))
        print(f"      {k} / pydantic within each repetition: {', '.join(f'{r:.2f}' for r in paired)}")


def first_frame(child: Any, modes: list[tuple[str, bool]], runs: int) -> None:
    """Part 1: process start to the first interactive frame."""
    print()
    print("1. Process start → first interactive frame (ms, median; min-max)")
    for label, headless in modes:
        for kind in ("bare", "wargame", "tui"):
            child(kind, headless)  # warm the .pyc caches
        times: dict[str, list[float]] = {"bare": [], "wargame": [], "tui": []}
        for _ in range(runs):  # interleaved, so a burst of load hits all three alike
            for kind in times:
                times[kind].append(child(kind, headless)[0])
        mb = _median_of(times["bare"])
        print(f"   {label}")
        for kind, name in (
            ("bare", "bare Textual app (one Label)"),
            ("wargame", "wargame (the console script, no arguments)"),
            ("tui", "wargame.tui.app.run_app() alone"),
        ):
            v = times[kind]
            ratio = "" if kind == "bare" else f"   ratio {_median_of(v) / mb:4.2f}× (target ≤ 1.30×)"
            print(f"      {name:<43} {_median_of(v):6.0f} ms ({min(v):.0f}-{max(v):.0f}){ratio}")
        for kind in ("wargame", "tui"):
            paired = sorted(a / b for a, b in zip(times[kind], times["bare"]))
            print(f"      {kind} / bare within each run: {', '.join(f'{r:.2f}' for r in paired)}")


def weeks(child: Any, modes: list[tuple[str, bool]], runs: int, n_weeks: int, use_pty: bool) -> None:
    """Part 3: the end-week key to the first frame of the report."""
    print()
    print(
        f"3. Key that ends a week → first redrawn frame (ms; Korea 2022, 5 actors: you + 4 AI; {n_weeks} weeks × {runs} runs;"
        " the wait to idle: bench/latency.py)"
    )
    for label, headless in modes:
        times: list[float] = []
        for _ in range(runs if headless else max(1, runs // 3)):
            times += child("weeks", headless, n_weeks)
        print(
            f"   {label:<18} median {_median_of(times):6.1f}   min {min(times):6.1f}   max {max(times):6.1f}"
            f"   (n={len(times)})"
        )
    if not use_pty:
        print("   (pseudo-terminal runs skipped: tmux not found or --no-pty)")


if __name__ == "__main__":
    if "--child" in sys.argv:
        argv = sys.argv
        _child(
            argv[argv.index("--child") + 1],
            float(argv[argv.index("--t0") + 1]) if "--t0" in argv else T_CHILD,
            argv[argv.index("--out") + 1],
            "--headless" in argv,
            int(argv[argv.index("--weeks") + 1]) if "--weeks" in argv else 5,
        )
    else:
        main()
