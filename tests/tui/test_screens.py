"""The other screens and widgets: fog of war in the news, setup choices, the debrief's export,
the replay viewer, the command palette, and the save folder fallback."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import REPLAYS
from tests.tui.conftest import end_week, screen_text, settle
from wargame.engine.state import Order
from wargame.game import Game
from wargame.tui import picture, saves
from wargame.tui.app import make_app
from wargame.tui.screens.debrief import DebriefScreen
from wargame.tui.screens.game import GameScreen
from wargame.tui.screens.replay import ReplayScreen
from wargame.tui.screens.setup import SetupScreen


def test_a_misreading_shows_what_was_seen_until_it_is_revealed() -> None:
    """Seed 6: in week 1 Seoul misreads China's act. The news shows what Seoul saw; two weeks
    later (reveal_delay) the entry is marked with the truth and a revelation is reported."""
    game = Game.new("korea-2022", seed=6, humans=["ROK"], rounds=8)
    game.play_round({"ROK": Order("talk", "DPRK")})
    p = next(p for p in game.results[0].perceptions if p.observer == "ROK" and p.maker == "PRC")
    assert p.misperceived
    seen = game.rules.instruments[p.perceived].name
    entry = next(e for e in picture.round_news(game, "ROK", 1) if e.maker == "PRC")
    assert not entry.misread and entry.truth == ""
    assert entry.codes.startswith(f"CAMEO {game.rules.instruments[p.perceived].cameo}")
    for _ in range(game.rules.params.reveal_delay):
        game.play_round({"ROK": Order("talk", "DPRK")})
    entry = next(e for e in picture.round_news(game, "ROK", 1) if e.maker == "PRC")
    assert entry.misread
    assert seen.lower() in entry.truth and game.rules.instruments[p.instrument].name.lower() in entry.truth
    revealed = [
        e
        for e in picture.round_news(game, "ROK", 1 + game.rules.params.reveal_delay)
        if e.kind == "revelation"
    ]
    assert revealed


async def test_the_news_log_marks_a_revealed_misreading(save_dir: Path) -> None:
    """Seed 5: a misreading of the first weeks has come to light by week 3."""
    app = make_app("korea-2022", side="ROK", seed=5, save_dir=save_dir, rounds=8)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for _ in range(3):
            await end_week(pilot)
        news = app.screen.query_one("#news")
        assert any(e.misread for e in news.entries)  # type: ignore[attr-defined]
        await pilot.press("f", "f", "f", "f", "f")  # PRC only (all, DPRK, ROK, USA, JPN, PRC)
        await pilot.pause()
        assert "News · PRC only" in screen_text(app)


async def test_setup_difficulty_and_fixed_types_reach_the_game(save_dir: Path) -> None:
    app = make_app("korea-2022", seed=5, save_dir=save_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        setup = app.screen
        assert isinstance(setup, SetupScreen)
        # the header watches titles from its mount on: let it finish before the screen goes
        await settle(pilot, lambda: setup.query("HeaderTitle"), "the setup screen's header")
        setup.query_one("#setup-side").value = "ROK"  # type: ignore[attr-defined]
        # choosing a side re-mounts the opponents' rows (awaited by the screen): wait for ROK's
        await settle(
            pilot, lambda: setup.query("#type-DPRK") and not setup.query("#doc-ROK"), "ROK's opponents"
        )
        setup.query_one("#setup-difficulty").value = "tough"  # type: ignore[attr-defined]
        await settle(pilot, lambda: setup.query_one("#doc-DPRK").value == "hawk", "the tough preset")  # type: ignore[attr-defined]
        setup.query_one("#type-DPRK").value = "greedy"  # type: ignore[attr-defined]
        setup.query_one("#setup-mode").value = "expectation"  # type: ignore[attr-defined]
        setup.query_one("#setup-rounds").value = "6"  # type: ignore[attr-defined]
        await pilot.pause()
        setup.query_one("#setup-start").press()  # type: ignore[attr-defined]
        await settle(pilot, lambda: isinstance(app.screen, GameScreen) or app.last_error, "the game screen")
        assert isinstance(app.screen, GameScreen), app.last_error
        # the game screen finishes mounting before the test ends the app
        await settle(pilot, lambda: app.screen.query("#picker-list"), "the game screen's picker")
        game = app.game
        assert game is not None
        s = game.settings
        assert s.humans == ["ROK"] and s.rounds == 6 and s.mode == "expectation"
        assert s.hidden_types == {"DPRK": "greedy"}
        # tough: every rival (not aligned with ROK) plays hawk; allies keep the scenario's
        assert s.doctrines == {"DPRK": "hawk", "PRC": "hawk"}
        assert game.state.types["DPRK"] == "greedy"


async def test_setup_rejects_a_bad_seed_with_a_message(save_dir: Path) -> None:
    app = make_app("korea-2022", seed=5, save_dir=save_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#setup-seed").value = "-3"  # type: ignore[attr-defined]
        app.screen.query_one("#setup-start").press()  # type: ignore[attr-defined]
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        assert "seed" in screen_text(app)


async def test_debrief_exports_markdown(save_dir: Path) -> None:
    app = make_app("korea-2022", side="ROK", seed=7, save_dir=save_dir, rounds=2)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await end_week(pilot)
        await end_week(pilot)
        assert isinstance(app.screen, DebriefScreen)
        await pilot.press("3")  # the ledger tab
        await pilot.pause()
        assert "Misperception ledger" in screen_text(app)
        await pilot.press("x")
        await pilot.pause()
        exported = Path(app.screen.exported_to)  # type: ignore[attr-defined]
    text = exported.read_text(encoding="utf-8")
    assert exported.parent == save_dir
    for heading in (
        "# Debrief",
        "## Outcome",
        "## Hidden types",
        "## Turning points",
        "## Misperception ledger",
    ):
        assert heading in text
    assert "South Korea (ROK)" in text


async def test_replay_viewer_steps_through_a_record(save_dir: Path) -> None:
    app = make_app(load_path=REPLAYS / "korea-2022-opening.json", save_dir=save_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReplayScreen)
        assert screen.week == 0
        await pilot.press("right", "right")
        await pilot.pause()
        assert screen.week == 2
        assert "week 2 of" in screen_text(app)
        before = screen.observer
        await pilot.press("v")
        await pilot.pause()
        assert screen.observer != before
        assert f"through {screen.observer}'s eyes" in screen_text(app)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReplayScreen)


async def test_command_palette_offers_the_main_actions(save_dir: Path) -> None:
    app = make_app("korea-2022", side="ROK", seed=7, save_dir=save_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for wanted in (
            "End week",
            "Save game",
            "Load game",
            "New game",
            "Help",
            "Undo last week",
            "News: DPRK only",
        ):
            assert wanted in titles
        await pilot.press("enter")
        await pilot.pause()
        end = next(c for c in app.get_system_commands(app.screen) if c.title == "End week")
        end.callback()
        await pilot.pause()
        assert app.game is not None and app.game.round == 1
        await pilot.press("space")
        await pilot.pause()
        undo = next(c for c in app.get_system_commands(app.screen) if c.title == "Undo last week")
        undo.callback()
        await pilot.pause()
        assert app.game.round == 0


def test_save_folder_falls_back_to_the_user_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(saves, "writable_dir", lambda path: False)
    monkeypatch.setattr("platformdirs.user_data_dir", lambda *a, **k: str(tmp_path / "user"))
    assert saves.default_save_dir() == tmp_path / "user" / "saves"
    monkeypatch.undo()
    monkeypatch.chdir(tmp_path)
    assert saves.default_save_dir() == Path("saves")
