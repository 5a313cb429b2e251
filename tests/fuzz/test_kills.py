"""Kill a process mid-save (issue 13): the save it was writing is always a whole record (the old or
the new one, never half), no game is lost, and the temporary file it leaves is removed by the
next save to the folder. Short by default; ``--fuzz-long``: >= 100 kills."""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

import pytest

from tests.fuzz.figures import FIGURES
from tests.helpers import DYAD
from wargame.engine.state import Order
from wargame.game import Game
from wargame.record import io as record_io
from wargame.scenario.load import load as load_scenario

SHORT, LONG = 12, 150

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="kills a forked process")


def _saver(target: Path, seed: int) -> None:  # pragma: no cover - runs in the child
    """Save ever longer games to ``target`` until killed."""
    try:
        game = Game.new(DYAD, seed=seed, humans=["A"])
        k = 0
        while True:
            k += 1
            if game.is_over:
                game.undo()
            game.play_round({"A": Order("talk" if k % 3 else "def_posture", "B")})
            game.description = "d" * (k * 997 % 60_000)  # a save of a few bytes to 60 KB
            game.save(target)
    finally:
        os._exit(0)


def test_kill_mid_save(tmp_path: Path, long_run: bool) -> None:
    rng = random.Random(13)
    scenario = load_scenario(DYAD)
    kills = LONG if long_run else SHORT
    folder = tmp_path / "saves"
    folder.mkdir()
    target = folder / "autosave.json"
    Game.new(DYAD, seed=1, humans=["A"]).save(target)
    for k in range(kills):
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            _saver(target, seed=k)
        time.sleep(rng.uniform(0.0, 0.25))
        temporaries = [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        FIGURES["kills"] += 1
        FIGURES["kills while a temporary file existed"] += bool(temporaries)
        left = [p for p in folder.iterdir() if p.name.endswith(".tmp")]
        FIGURES["temporary files left by kills"] += len(left)
        try:  # a whole record that replays: the old save or the new one, never half of one
            record = record_io.load(target)
            Game.from_record(record, scenario, source=target)
        except Exception as exc:
            FIGURES["corrupt or lost saves"] += 1
            raise AssertionError(f"kill {k}: the save is lost: {exc}") from None
        FIGURES["corrupt or lost saves"] += 0
        # the next save to the folder (here by this process) removes what the killed one left
        Game.from_record(record, scenario).save(folder / "next.json")
        assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]
    assert sorted(p.name for p in folder.iterdir()) == ["autosave.json", "next.json"]
