"""Fixes from a user test: the report after cycling the target, the preview after undo, and the
previous game's autosave kept when a new game starts."""

from __future__ import annotations

import json
from pathlib import Path

from tests.tui.conftest import screen_text
from wargame import recent
from wargame.tui.app import make_app
from wargame.tui.saves import autosave_path
from wargame.tui.screens.game import GameScreen
from wargame.tui.screens.report import RoundReportScreen
from wargame.tui.screens.setup import SetupScreen
from wargame.tui.widgets.instrument_picker import InstrumentPicker
from wargame.tui.widgets.perception_preview import PerceptionPreview


async def test_report_shows_after_cycling_the_target_twice(save_dir: Path) -> None:
    app = make_app("korea-2022", side="DPRK", seed=11, save_dir=save_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, GameScreen)
        await pilot.press("t", "t", "enter", "space")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, RoundReportScreen)
        text = screen_text(app)
        assert "Week 1 ·" in text and "All orders revealed" in text and "Tension" in text
        assert app.game is not None and app.game.round == 1
        await pilot.press("space")
        await pilot.pause()
        assert isinstance(app.screen, GameScreen)
        assert "Week 2 of" in screen_text(app)


async def test_undo_redraws_the_preview(save_dir: Path) -> None:
    app = make_app("korea-2022", side="ROK", seed=7, save_dir=save_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, GameScreen)
        before = screen.query_one(PerceptionPreview).data
        await pilot.press("enter", "space")
        await pilot.pause()
        await pilot.press("space")
        await pilot.pause()
        screen.undo()
        await pilot.pause()
        game = app.game
        assert game is not None and game.round == 0
        picker = screen.query_one(InstrumentPicker)
        inst = picker.highlighted_instrument
        assert inst is not None
        shown = screen.query_one(PerceptionPreview).data
        assert shown is not None
        # the preview reads the state after the undo: each capital's trust in ROK as ROK
        # estimates it before week 1 (its second-order belief), for every other capital
        assert {row.observer: row.trust_now for row in shown.rows} == {
            other: game.state.estimated_trust_in("ROK", other)
            for other in game.rules.actor_ids
            if other != "ROK"
        }
        assert before is not None and shown.rows == before.rows  # back to week 1's reading
        assert picker.staged is None


async def test_new_game_keeps_the_unfinished_autosave(save_dir: Path) -> None:
    app = make_app("korea-2022", side="ROK", seed=7, save_dir=save_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "space")
        await pilot.pause()
        await pilot.press("space")
        await pilot.pause()
        app.flush_autosave()
        assert len(json.loads(autosave_path(save_dir).read_text())["rounds"]) == 1
        app.to_title()
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        app.screen.start()
        await pilot.pause()
        assert isinstance(app.screen, GameScreen)
        (kept,) = recent.recent_games(save_dir)
        assert kept.rounds == 1 and kept.status == "unfinished"
        assert len(json.loads((recent.recent_dir(save_dir) / kept.file).read_text())["rounds"]) == 1
        assert len(json.loads(autosave_path(save_dir).read_text())["rounds"]) == 0
