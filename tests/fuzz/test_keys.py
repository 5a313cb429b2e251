"""Random keys at five terminal sizes, from 40×12 to 200×60 (issue 13): the app never crashes, and
no escape code from a hostile save reaches the screen. The save folder holds the bundled replays, a
save with a hostile title and file name, and files that are no records at all. Short by default;
``--fuzz-long``: >= 10,000 keys over the five sizes."""

from __future__ import annotations

import os

os.environ["TEXTUAL_ANIMATIONS"] = "none"

import json
import random
import shutil
from pathlib import Path

import pytest
import textual.constants

from tests.fuzz.figures import FIGURES
from tests.helpers import REPLAYS
from wargame.tui.app import make_app

textual.constants.TEXTUAL_ANIMATIONS = "none"  # type: ignore[misc]

SIZES = [(40, 12), (60, 20), (80, 24), (120, 40), (200, 60)]
SHORT, LONG = 40, 2100  # keys per size
KEYS = (
    ["up", "down", "left", "right", "enter", "escape", "tab", "shift+tab", "space", "backspace"]
    + ["pageup", "pagedown", "home", "end", "f1", "f2", "ctrl+s", "ctrl+p", "question_mark"]
    + list("abcdefghijklmnopqrstuvwxyz0123456789")
    + ["left_square_bracket", "right_square_bracket", "slash", "at", "dollar_sign", "backslash"]
    + ["enter"] * 6
    + ["down"] * 4
)


HOSTILE_NAME = "t\x1b[31mitle\u202e.json"


def _save_folder(folder: Path) -> Path:
    folder.mkdir()
    for name in ("korea-2022-opening.json", "doctrine-hawk.json", "cuba-1962-history.json"):
        shutil.copy(REPLAYS / name, folder / name)
    data = json.loads((REPLAYS / "korea-2022-opening.json").read_text())
    data["title"] = "\x1b[2J\x1b[31mred\u202e[b]markup"
    data["description"] = "\x1b]0;owned\x07"
    (folder / HOSTILE_NAME).write_text(json.dumps(data))
    (folder / "deep.json").write_text("[" * 986 + "]" * 986)
    (folder / "cut.json").write_text('{"schema_version": 2, "seed": 3')
    return folder


def _clean(text: str) -> bool:
    return all(line.isprintable() for line in text.split("\n"))


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
async def test_random_keys(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int], long_run: bool
) -> None:
    rng = random.Random(f"keys/{size}")
    folder = _save_folder(tmp_path / "saves")
    monkeypatch.chdir(tmp_path)  # nothing lands in the checkout
    budget = LONG if long_run else SHORT
    pressed = 0
    while pressed < budget:
        app = make_app("korea-2022", seed=rng.randrange(1000), save_dir=folder)
        FIGURES[f"apps started at {size[0]}x{size[1]}"] += 1
        try:
            async with app.run_test(size=size) as pilot:
                await pilot.pause()
                if rng.random() < 0.5:  # start in the replay of the hostile record now and then
                    app.open_record(folder / HOSTILE_NAME, rng.choice(["replay", "load"]))
                    await pilot.pause()
                while pressed < budget:
                    key = rng.choice(KEYS)
                    if key == "q" and rng.random() < 0.8:
                        key = "escape"  # quit now and then, not every time the title shows
                    await pilot.press(key)
                    pressed += 1
                    FIGURES[f"keys at {size[0]}x{size[1]}"] += 1
                    FIGURES["keys"] += 1
                    if not app.is_running:
                        break
                    if pressed % 5 == 0:
                        await pilot.pause()
                        text = "\n".join(s.text for s in app.screen._compositor.render_strips())
                        FIGURES["escape codes reaching the screen"] += not _clean(text)
                        assert _clean(text), repr(text[:400])
        except AssertionError:
            raise
        except Exception:
            FIGURES["crashes"] += 1
            raise
    FIGURES["crashes"] += 0
    FIGURES["escape codes reaching the screen"] += 0
