"""SVG snapshots of every player-facing screen at 80×24 (the README's minimum) and 120×40, in the
plain view (the default) and, for the game screen, the expert view. Seeded; no animations
(conftest). Regenerate after a deliberate change with
``pytest tests/tui/test_every_screen.py --snapshot-update`` and look at each SVG before accepting.

What each must show at 80×24 (checked by eye, and by the text tests in test_small_screen.py):
instrument names with their markers, every capital in the preview, every week in the tension
history, every actor's row in the week's report and the reveal. (The load screen and the
debrief have their own snapshots, with the saves list and the debrief.)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.tui.conftest import SIZES, settle
from wargame.engine.state import Order
from wargame.game import Game
from wargame.tui.app import WargameApp, make_app
from wargame.tui.screens.game import GameScreen
from wargame.tui.widgets.instrument_picker import InstrumentPicker

SIZE_IDS = [f"{w}x{h}" for w, h in SIZES]


def _app(pilot: Pilot[None]) -> WargameApp:
    return pilot.app  # type: ignore[return-value]


def rok(save_dir: Path, **kw: Any) -> WargameApp:
    return make_app("korea-2022", side="ROK", seed=7, save_dir=save_dir, **kw)


async def nineteen_weeks(pilot: Pilot[None]) -> None:
    """Nineteen weeks of the same drill, played through the app (as the keys would)."""
    await pilot.pause()
    app = _app(pilot)
    screen = app.screen
    assert isinstance(screen, GameScreen)
    for _ in range(19):
        app.play_week(Order("def_posture", "DPRK"))
    screen.refresh_from_game()
    screen.refresh_preview()  # as after a week ended with the keys
    await pilot.pause()
    app.clear_notifications()  # (a challenge's toast is the goals' own snapshot)
    await pilot.pause()


def highlight(instrument: str, target: str = "DPRK") -> Any:
    async def run(pilot: Pilot[None]) -> None:
        await pilot.pause()
        picker = pilot.app.screen.query_one(InstrumentPicker)
        picker.target = target
        picker.highlight(instrument)
        await pilot.pause()

    return run


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_setup(snap_compare: Any, save_dir: Path, size: tuple[int, int]) -> None:
    """The focused drop-down (the side) stands out; the empty Rounds box is not red."""
    app = make_app("korea-2022", seed=7, save_dir=save_dir)
    assert snap_compare(
        app, press=["n", "shift+tab", "shift+tab", "shift+tab", "shift+tab"], terminal_size=size
    )


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_game_expert_view(snap_compare: Any, save_dir: Path, size: tuple[int, int]) -> None:
    async def expert(pilot: Pilot[None]) -> None:
        # wait for the game screen before the key (under load the key came first and was lost)
        await settle(pilot, lambda: isinstance(pilot.app.screen, GameScreen), "the game screen")
        await pilot.press("e")
        await settle(pilot, lambda: getattr(pilot.app, "expert", False), "the expert view")
        await pilot.pause()

    assert snap_compare(rok(save_dir), run_before=expert, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_preview_of_an_act_that_needs_a_partner(
    snap_compare: Any, save_dir: Path, size: tuple[int, int]
) -> None:
    assert snap_compare(rok(save_dir), run_before=highlight("sign_peace_treaty"), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_report_of_an_act_that_fell_back(snap_compare: Any, save_dir: Path, size: tuple[int, int]) -> None:
    app = rok(save_dir)
    assert snap_compare(
        app, run_before=highlight("sign_peace_treaty"), press=["enter", "space"], terminal_size=size
    )


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_game_after_nineteen_weeks(snap_compare: Any, save_dir: Path, size: tuple[int, int]) -> None:
    """Every week in the history (compressed when narrow), the news log at week 20."""
    assert snap_compare(rok(save_dir), run_before=nineteen_weeks, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_save_dialog_at_week_20(snap_compare: Any, save_dir: Path, size: tuple[int, int]) -> None:
    # a relative save folder (the test runs in its own temporary folder), so the path shown is fixed
    app = rok(Path("saves"))
    assert snap_compare(app, run_before=nineteen_weeks, press=["ctrl+s"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_help(snap_compare: Any, save_dir: Path, size: tuple[int, int]) -> None:
    assert snap_compare(rok(save_dir), press=["question_mark"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_replay_viewer(snap_compare: Any, save_dir: Path, size: tuple[int, int]) -> None:
    game = Game.new("korea-2022", seed=3, humans=["ROK"], rounds=6)
    for order in (Order("talk", "DPRK"), Order("def_posture", "DPRK"), Order("hotline", "DPRK")):
        game.play_round({"ROK": order})
    path = save_dir / "three-weeks.json"
    game.save(path)

    async def open_replay(pilot: Pilot[None]) -> None:
        await pilot.pause()
        assert _app(pilot).open_record(path, "replay") is None
        await pilot.pause()

    app = make_app("korea-2022", seed=7, save_dir=save_dir)
    assert snap_compare(app, run_before=open_replay, press=["right", "right"], terminal_size=size)
