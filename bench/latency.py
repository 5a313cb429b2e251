"""What a player waits for: the end-week key to an idle, fully drawn screen (issue 18).

Drives the real app with Textual's Pilot (headless) through a 24-week Korea 2022 game as ROK
(seed 1, which lasts the 24 weeks on model 4; ``--seed``), at 120×40 and 80×24. Each week it
chooses the next instrument that is not war (``down``, ``enter``), lets the
app settle, then presses ``space`` (end the week) and times, on the wall clock:

- **first frame**: the first frame written after the key (the report over the redrawn game screen);
- **CPU**: the process's CPU time over the same span (all threads: the autosave too), which a
  loaded machine stretches less than the wall clock;
- **idle**: the *last* frame written before the app falls quiet: every message handled, no
  refresh, layout or repaint pending, no frame for 150 ms. That is when the screen is final
  (fully drawn) and the app is waiting for the next key.

Then ``space`` closes the report. A game that ends early (war) stops there. Prints the median
and 95th percentile of both per size, against the targets (idle ≤ 100 ms median, ≤ 200 ms at the
95th percentile). ``--profile`` adds a cProfile of the key-to-idle work (all weeks, one size).

The garbage collector is set up as ``wargame`` sets it up (``steady_gc``, see
:func:`wargame.tui.app.steady_gc`). The autosave is written as in play (a worker thread, after the frame). Animations are off
(``TEXTUAL_ANIMATIONS=none``, as in the tests), so no animation stretches the idle time.

Usage: python bench/latency.py [--weeks 24] [--sizes 120x40,80x24] [--profile]
"""

from __future__ import annotations

import os

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")

import argparse
import asyncio
import cProfile
import io
import pstats
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

QUIET_S = 0.15
"""A screen with no frame and no pending work for this long counts as idle."""


def _pending(app: Any) -> bool:
    """Whether the top screen still has layout, repaint or dirty widgets to draw."""
    screen = app.screen
    return bool(
        screen._layout_required
        or screen._scroll_required
        or screen._repaint_required
        or screen._recompose_required
        or screen._dirty_widgets
        or app._batch_count
    )


SEED = 1
"""The default game's seed: one whose game, played as this script plays it, lasts all 24 weeks."""


async def _settle(pilot: Any, frames: list[float]) -> None:
    """Wait until the app is quiet: messages handled, nothing pending, no frame for QUIET_S."""
    deadline = time.perf_counter() + 10
    while time.perf_counter() < deadline:
        await pilot._wait_for_screen()
        await asyncio.sleep(0.03)
        last = frames[-1] if frames else 0.0
        if not _pending(pilot.app) and time.perf_counter() - last >= QUIET_S:
            return
    raise SystemExit("the app did not fall quiet within 10 s")


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100), nearest rank."""
    s = sorted(values)
    k = max(0, min(len(s) - 1, round(q / 100 * len(s) + 0.5) - 1))
    return s[k]


async def one_game(
    size: tuple[int, int], weeks: int, profile: cProfile.Profile | None, steady: bool = True, seed: int = SEED
) -> list[tuple[float, float, float]]:
    """Play ``weeks`` weeks at ``size``; per week (ms to first frame, ms to idle, CPU ms to idle)."""
    from wargame.scenario.paths import DEFAULT_SCENARIO
    from wargame.tui.app import make_app, steady_gc
    from wargame.tui.screens.game import GameScreen
    from wargame.tui.screens.report import RoundReportScreen
    from wargame.tui.widgets.instrument_picker import InstrumentPicker

    out: list[tuple[float, float, float]] = []
    with tempfile.TemporaryDirectory(prefix="wargame-latency-") as tmp:
        app = make_app(DEFAULT_SCENARIO, side="ROK", seed=seed, save_dir=Path(tmp) / "saves", rounds=weeks)
        frames: list[float] = []
        cpu: list[float] = []
        original = app._display

        def display(screen: Any, renderable: Any) -> None:
            original(screen, renderable)
            if renderable is not None and not app._batch_count:
                frames.append(time.perf_counter())
                cpu.append(time.process_time())

        app._display = display  # type: ignore[method-assign]
        if steady:
            steady_gc()  # as run_app() does before the app runs
        async with app.run_test(size=size) as pilot:
            await _settle(pilot, frames)
            for _ in range(weeks):
                if not isinstance(app.screen, GameScreen) or app.game is None or app.game.is_over:
                    break
                await pilot.press("down")
                picker = app.screen.query_one(InstrumentPicker)
                while (inst := picker.highlighted_instrument) is not None and inst.mid_level >= 5:
                    await pilot.press("down")  # never war: it asks first, and ends the game
                await pilot.press("enter")
                await _settle(pilot, frames)
                n = len(frames)
                if profile is not None:
                    profile.enable()
                start, start_cpu = time.perf_counter(), time.process_time()
                await pilot.press("space")
                await _settle(pilot, frames)
                if profile is not None:
                    profile.disable()
                if not isinstance(app.screen, RoundReportScreen) or len(frames) == n:
                    raise SystemExit(f"no report after the key (screen {type(app.screen).__name__})")
                out.append(
                    ((frames[n] - start) * 1000, (frames[-1] - start) * 1000, (cpu[-1] - start_cpu) * 1000)
                )
                await pilot.press("space")
                await _settle(pilot, frames)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--weeks", type=int, default=24)
    ap.add_argument(
        "--seed", type=int, default=SEED, help=f"the game's seed (default {SEED}: it lasts 24 weeks)"
    )
    ap.add_argument("--sizes", default="120x40,80x24")
    ap.add_argument("--profile", action="store_true", help="cProfile the key-to-idle work at the first size")
    args = ap.parse_args()
    sizes = [tuple(int(v) for v in s.split("x")) for s in args.sizes.split(",")]
    print(
        f"end-week key → idle, fully drawn screen (Pilot, headless; Korea 2022 as ROK, seed {args.seed},"
        f" {args.weeks} weeks)"
    )
    prof = cProfile.Profile() if args.profile else None
    for k, size in enumerate(sizes):
        rows = asyncio.run(one_game(size, args.weeks, prof if k == 0 else None, seed=args.seed))  # type: ignore[arg-type]
        if len(rows) < args.weeks:
            print(f"  note: the game ended after {len(rows)} weeks, not {args.weeks} (try another --seed)")
        first = [r[0] for r in rows]
        idle = [r[1] for r in rows]
        busy = [r[2] for r in rows]
        med, p95 = statistics.median(idle), percentile(idle, 95)
        ok = "OK" if med <= 100 and p95 <= 200 else "ABOVE TARGET"
        print(
            f"  {size[0]}x{size[1]}: idle median {med:6.1f} ms  p95 {p95:6.1f} ms  max {max(idle):6.1f}"
            f"  (n={len(rows)}; target ≤ 100 / ≤ 200: {ok})"
        )
        print(
            f"           first frame median {statistics.median(first):6.1f} ms;  CPU time to idle median"
            f" {statistics.median(busy):6.1f} ms  p95 {percentile(busy, 95):6.1f} ms (all threads; less sensitive to load)"
        )
    if prof is not None:
        s = io.StringIO()
        pstats.Stats(prof, stream=s).sort_stats("cumulative").print_stats(40)
        print(s.getvalue())


if __name__ == "__main__":
    main()
