"""Shared set-up for the TUI tests: no animations, a private save folder, screen-reading helpers.

Tests drive the app with :class:`textual.pilot.Pilot` and never sleep: they wait with
``pilot.pause()``.
"""

from __future__ import annotations

import os
import time

os.environ["TEXTUAL_ANIMATIONS"] = "none"

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import textual.constants
from textual.pilot import Pilot

from tests.helpers import DYAD, KOREA
from wargame.tui.app import WargameApp, make_app

SIZES = [(80, 24), (120, 40)]

# pytest-textual-snapshot imports Textual before this file runs, so the environment variable alone
# comes too late: set the constant the App reads when it is created.
textual.constants.TEXTUAL_ANIMATIONS = "none"  # type: ignore[misc]


@pytest.fixture
def save_dir(tmp_path: Path) -> Path:
    """An empty save folder for one test."""
    folder = tmp_path / "saves"
    folder.mkdir()
    return folder


@pytest.fixture(autouse=True)
def _no_cwd_saves(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Run every TUI test in a temporary folder, so nothing lands in the checkout's ``saves/``."""
    monkeypatch.chdir(tmp_path)
    yield


def screen_text(app: WargameApp) -> str:
    """The text the current screen shows, line by line (what a player would read)."""
    strips = app.screen._compositor.render_strips()  # no public API for the rendered text
    return "\n".join(s.text for s in strips)


async def settle(pilot: Pilot[None], done: Callable[[], object], what: str, timeout: float = 20.0) -> None:
    """Pause until ``done()`` holds (or fail naming ``what``).

    ``pilot.pause()`` waits until the process looks idle by its own CPU time, which on a loaded
    machine can come before a screen has finished work it awaits (mounting widgets, switching
    screens); a test whose next step depends on that work waits for its result instead.
    """
    deadline = time.monotonic() + timeout
    while not done():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        await pilot.pause(0.01)


async def end_week(pilot: Pilot[None], choose: tuple[str, ...] = ("enter",)) -> None:
    """Choose (enter), end the week (space), then close the report (space)."""
    await pilot.press(*choose, "space")
    await pilot.pause()
    await pilot.press("space")
    await pilot.pause()


def korea_app(save_dir: Path, **kw: object) -> WargameApp:
    """The bundled Korea scenario, as ROK, seeded."""
    return make_app(str(KOREA), side=kw.pop("side", "ROK"), seed=kw.pop("seed", 7), save_dir=save_dir, **kw)  # type: ignore[arg-type]


def dyad_app(save_dir: Path, **kw: object) -> WargameApp:
    """The two-actor fixture, as A, seeded."""
    return make_app(str(DYAD), side=kw.pop("side", "A"), seed=kw.pop("seed", 7), save_dir=save_dir, **kw)  # type: ignore[arg-type]
