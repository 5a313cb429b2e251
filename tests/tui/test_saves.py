"""Saves: autosave after every week, resume after a kill, ctrl+s, load from the title, bad files,
and the quit prompt."""

from __future__ import annotations

import json
from pathlib import Path

from tests.tui.conftest import end_week, screen_text
from wargame import recent
from wargame.game import Game
from wargame.tui.app import make_app
from wargame.tui.saves import autosave_path
from wargame.tui.screens.game import GameScreen
from wargame.tui.screens.load import LoadScreen
from wargame.tui.screens.quit import QuitScreen
from wargame.tui.screens.save import SaveScreen
from wargame.tui.screens.title import TitleScreen


def spoilt_autosave(save_dir: Path, text: str) -> tuple[Path, bytes]:
    """An autosave in ``save_dir`` holding ``text`` (not a valid record); its path and bytes."""
    auto = autosave_path(save_dir)
    auto.parent.mkdir(parents=True, exist_ok=True)
    auto.write_text(text, encoding="utf-8")
    return auto, auto.read_bytes()


async def test_autosave_then_kill_then_resume_gives_the_same_state(save_dir: Path) -> None:
    app = make_app("korea-2022", side="ROK", seed=21, save_dir=save_dir, rounds=8)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for keys in (("enter",), ("down", "enter"), ("down", "down", "enter")):
            await end_week(pilot, keys)
        assert app.game is not None and app.game.round == 3
        state = app.game.state.to_json()
        record = app.game.record.model_dump_json()
    # the app is gone without a save: only the autosave remains
    auto = autosave_path(save_dir)
    assert auto.exists()
    resumed = make_app("korea-2022", load_path=auto, save_dir=save_dir)
    async with resumed.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(resumed.screen, GameScreen)
        assert resumed.game is not None
        assert resumed.game.round == 3
        assert resumed.game.state.to_json() == state
        assert resumed.game.record.model_dump_json() == record
        assert "Week 4 of 8" in screen_text(resumed)


async def test_continue_from_the_title_resumes_the_autosave(save_dir: Path) -> None:
    game = Game.new("korea-2022", seed=4, humans=["USA"], rounds=6)
    from wargame.engine.state import Order

    game.play_round({"USA": Order("talk", "DPRK")})
    game.save(autosave_path(save_dir))
    app = make_app(save_dir=save_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        assert "Continue" in screen_text(app)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, GameScreen)
        assert app.side == "USA" and app.game is not None
        assert app.game.state.to_json() == game.state.to_json()


async def test_ctrl_s_saves_where_you_choose(save_dir: Path) -> None:
    app = make_app("korea-2022", side="ROK", seed=8, save_dir=save_dir, rounds=6)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await end_week(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SaveScreen)
        await pilot.press("enter")  # the suggested file in the save folder
        await pilot.pause()
        assert isinstance(app.screen, GameScreen)
        saved = sorted(p.name for p in save_dir.glob("*.json") if p.name != "autosave.json")
        assert saved == ["korea-2022-ROK-seed8-week02.json"]  # the screen says "Week 2 of 6"
        assert app.unsaved_weeks == 0
        # a path of one's own
        await pilot.press("ctrl+s")
        await pilot.pause()
        box = app.screen.query_one("#save-path")
        box.value = str(save_dir / "mine" / "game")  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        assert (save_dir / "mine" / "game.json").exists()
        again = Game.load(save_dir / "mine" / "game.json")
        assert app.game is not None
        assert again.state.to_json() == app.game.state.to_json()


async def test_load_from_the_title_screen(save_dir: Path) -> None:
    game = Game.new("korea-2022", seed=9, humans=["JPN"], rounds=5)
    game.save(save_dir / "japan.json")
    app = make_app(save_dir=save_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LoadScreen)
        assert "japan.json" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, GameScreen)
        assert app.side == "JPN"


async def test_corrupt_or_foreign_save_shows_a_message_and_loses_nothing(save_dir: Path) -> None:
    corrupt = save_dir / "corrupt.json"
    corrupt.write_text('{"schema_version": 1, "scenario": {"id": "korea-2022"', encoding="utf-8")
    foreign = save_dir / "foreign.json"
    foreign.write_text(json.dumps({"name": "not a wargame file", "items": [1, 2, 3]}), encoding="utf-8")
    before = {p: p.read_bytes() for p in (corrupt, foreign)}
    app = make_app(save_dir=save_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        for path in (corrupt, foreign):
            box = app.screen.query_one("#load-path")
            box.value = str(path)  # type: ignore[attr-defined]
            box.focus()
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, LoadScreen)
            assert f"Cannot open {path.name}" in app.last_error
            assert "Cannot open" in screen_text(app)
    for p, data in before.items():
        assert p.read_bytes() == data


async def test_bad_load_path_at_start_shows_a_message(save_dir: Path) -> None:
    bad = save_dir / "bad.json"
    bad.write_text("not json at all", encoding="utf-8")
    app = make_app(load_path=bad, save_dir=save_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        assert "Cannot open bad.json" in app.last_error
    assert bad.read_text(encoding="utf-8") == "not json at all"


async def test_quit_asks_to_save_when_weeks_are_unsaved(save_dir: Path) -> None:
    app = make_app("korea-2022", side="ROK", seed=8, save_dir=save_dir, rounds=6)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await end_week(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, QuitScreen)
        assert "1 round since you last saved" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, GameScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("s")  # save and quit
        await pilot.pause()
    assert (save_dir / "korea-2022-ROK-seed8-week02.json").exists()
    assert app.return_code == 0


async def test_quit_without_unsaved_weeks_does_not_ask(save_dir: Path) -> None:
    app = make_app("korea-2022", side="ROK", seed=8, save_dir=save_dir, rounds=6)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.return_code is None
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code == 0  # it quit at once: nothing to save, no question
        assert not isinstance(app.screen, QuitScreen)


async def test_starting_from_the_command_line_keeps_the_unfinished_game(save_dir: Path) -> None:
    """``wargame --side X`` writes a fresh autosave at once; the unfinished game it replaces is
    kept in Recent games, byte for byte, and the player is told."""
    first = make_app("korea-2022", side="ROK", seed=3, save_dir=save_dir, rounds=8)
    async with first.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await end_week(pilot, ("enter",))
    unfinished = autosave_path(save_dir).read_bytes()
    again = make_app("korea-2022", side="DPRK", seed=4, save_dir=save_dir, rounds=8)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.game is not None and again.side == "DPRK"
        (kept,) = recent.recent_games(save_dir)
        assert (recent.recent_dir(save_dir) / kept.file).read_bytes() == unfinished
        assert kept.status == "unfinished"
        assert any(
            "Your unfinished game (korea-2022 · ROK · week 1 of 8" in n.message for n in again._notifications
        )


async def test_an_autosave_that_is_json_but_no_record_is_not_offered_as_continue(save_dir: Path) -> None:
    """The menu only peeks at the autosave's header to draw the first frame fast; a file with the
    header but not a valid record (the fresh tester's ``{"schema_version": 2, "foo": 1}``) was
    offered as Continue and failed when chosen. It is validated after the first frame and the
    item then says why it is missing; the file is left as it was."""
    auto, before = spoilt_autosave(save_dir, '{"schema_version": 2, "foo": 1}')
    app = make_app("korea-2022", save_dir=save_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(40):  # the check runs in a thread after the first frame
            await pilot.pause(0.05)
            if "autosave unreadable" in screen_text(app):
                break
        assert isinstance(app.screen, TitleScreen)
        assert "autosave unreadable" in screen_text(app)
        assert not app.screen.check_action("choose", ("continue",))
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        await pilot.press("question_mark")  # help, then back: the menu is rebuilt and checked again
        await pilot.pause()
        await pilot.press("escape")
        for _ in range(40):
            await pilot.pause(0.05)
            if isinstance(app.screen, TitleScreen) and "autosave unreadable" in screen_text(app):
                break
        assert isinstance(app.screen, TitleScreen)
        assert "autosave unreadable" in screen_text(app)
        assert not app.screen.check_action("choose", ("continue",))
    assert auto.read_bytes() == before


async def test_an_autosave_spoilt_while_the_title_is_open_stops_being_offered(save_dir: Path) -> None:
    """A valid autosave is offered; overwritten with a broken one while the title is shown, the
    first try to continue fails with the usual one line and Continue is no longer offered."""
    from wargame.engine.state import Order

    auto = autosave_path(save_dir)
    game = Game.new("korea-2022", seed=4, humans=["ROK"], rounds=6)
    game.play_round({"ROK": Order("talk", "DPRK")})
    game.save(auto)
    app = make_app("korea-2022", save_dir=save_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.3)
        assert "Continue      ROK, 1 round played" in screen_text(app)
        auto.write_text('{"schema_version": 2, "foo": 1}', encoding="utf-8")
        await pilot.press("c")
        await pilot.pause(0.2)
        assert isinstance(app.screen, TitleScreen)
        assert any("Cannot open autosave.json" in n.message for n in app._notifications)
        assert "autosave unreadable" in screen_text(app)
        assert not app.screen.check_action("choose", ("continue",))


async def test_an_unreadable_autosave_says_why_continue_is_missing(save_dir: Path) -> None:
    auto, before = spoilt_autosave(save_dir, '{"schema_version": 1, "rounds": [')
    app = make_app("korea-2022", save_dir=save_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        assert "autosave unreadable" in screen_text(app)
        # the footer no longer offers Continue, and pressing c does nothing
        assert not app.screen.check_action("choose", ("continue",))
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
    assert auto.read_bytes() == before


async def test_a_failed_load_and_continue_leave_the_previous_autosave_alone(save_dir: Path) -> None:
    """The unfinished game is kept only when another game really replaces it: not when a load
    fails, and not when the autosave itself is resumed."""
    first = make_app("korea-2022", side="ROK", seed=3, save_dir=save_dir, rounds=8)
    async with first.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await end_week(pilot, ("enter",))
    kept = recent.recent_dir(save_dir)
    broken = save_dir / "broken.json"
    broken.write_text('{"schema_version": 1', encoding="utf-8")
    for path in (broken, autosave_path(save_dir)):
        app = make_app("korea-2022", load_path=path, save_dir=save_dir)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
        assert not kept.exists(), path.name


async def test_an_unreadable_autosave_is_kept_when_a_new_game_replaces_it(save_dir: Path) -> None:
    auto, before = spoilt_autosave(save_dir, '{"schema_version": 1, "rounds": [')
    app = make_app("korea-2022", side="ROK", seed=2, save_dir=save_dir, rounds=8)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await end_week(pilot, ("enter",))
    (kept,) = recent.recent_games(save_dir)
    assert kept.status == "unreadable"
    assert (recent.recent_dir(save_dir) / kept.file).read_bytes() == before
    assert auto.read_bytes() != before
