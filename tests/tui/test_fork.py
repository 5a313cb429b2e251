"""What if, from any week (issue 14 item 1): "play on from this week" in the replay viewer and the
debrief forks the game at a week, writes the fork to a new file (the original untouched), opens
the game screen as the same side with a one-line notice, and the fork's debrief names its parent."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, Select

from tests.tui.conftest import end_week, screen_text
from wargame.engine.state import Order
from wargame.game import Game
from wargame.record.models import ForkOrigin
from wargame.tui.app import make_app
from wargame.tui.screens.debrief import DebriefScreen
from wargame.tui.screens.fork import ForkScreen
from wargame.tui.screens.game import GameScreen
from wargame.tui.screens.replay import ReplayScreen


def lost_game(path: Path, weeks: int = 6) -> Game:
    """A Korea game as ROK (seed 7, 8 weeks), ``weeks`` of them played and saved to ``path``."""
    game = Game.new("korea-2022", seed=7, humans=["ROK"], rounds=8)
    for _ in range(weeks):
        game.play_round({"ROK": Order("talk", "DPRK")})
    game.save(path)
    return game


def notices(app: object) -> list[str]:
    return [n.message for n in app._notifications if "Playing on from" in n.message]  # type: ignore[attr-defined]


async def test_replay_plays_on_from_the_week_shown_with_other_ai(save_dir: Path) -> None:
    path = save_dir / "lost.json"
    parent = lost_game(path)
    before = path.read_bytes()
    app = make_app(save_dir=save_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.open_record(path, "replay") is None
        await pilot.pause()
        assert isinstance(app.screen, ReplayScreen)
        await pilot.press("right", "right", "right")  # week 3 of 6
        await pilot.press("o")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ForkScreen)
        assert dialog.query_one("#fork-week", Input).value == "3"
        text = screen_text(app)
        assert "Play on from this week" in text and "keep weeks 1-3 as played" in text
        dialog.query_one("#fork-preset", Select).value = "gentle"  # rivals play GRIT from week 4
        await pilot.pause()
        await pilot.pause()
        assert dialog.doctrines() == {"DPRK": "grit", "PRC": "grit"}  # allies keep theirs
        await pilot.click("#fork-ok")
        await pilot.pause()
        assert isinstance(app.screen, GameScreen)
        game = app.game
        assert game is not None and app.side == "ROK" and game.humans == ("ROK",)
        assert game.round == 3 and not game.is_over
        assert game.seed == parent.seed and game.forked_from == ForkOrigin(file="lost.json", week=3)
        assert game.settings.doctrines == {"DPRK": "grit", "PRC": "grit"}
        assert game.doctrine_name("DPRK") == "grit" and game.doctrine_name("USA") == parent.doctrine_name(
            "USA"
        )
        # weeks 1-3 as played: the same state but the new doctrines' own memory of those weeks
        played, shown = json.loads(parent.fork(3).state.to_json()), json.loads(game.state.to_json())
        assert played.pop("memory") != shown.pop("memory") and played == shown
        said = notices(app)
        assert len(said) == 1 and "\n" not in said[0]
        assert said[0].startswith(
            "Playing on from week 3 of lost.json as ROK; saved as lost-fork-week03.json"
        )
        # play a different week 4, on the game screen
        await end_week(pilot)
        assert game.round == 4
    assert path.read_bytes() == before, "the original is never overwritten"
    fork = save_dir / "lost-fork-week03.json"
    again = Game.load(fork)
    assert again.round == 3 and again.forked_from == ForkOrigin(file="lost.json", week=3)
    assert again.settings.doctrines == {"DPRK": "grit", "PRC": "grit"}


async def test_the_fork_debrief_says_where_it_came_from(save_dir: Path) -> None:
    from wargame.fork import fork_game

    path = save_dir / "lost.json"
    forked = fork_game(lost_game(path), 3, path)
    while not forked.is_over:
        forked.play_round({"ROK": Order("halt_combined_exercises", "DPRK")})
    branch = save_dir / "branch.json"
    forked.save(branch)
    app = make_app(save_dir=save_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.open_record(branch) is None
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        assert "Forked from lost.json at week 3." in screen_text(app)
        assert app.open_record(branch, "replay") is None  # the replay viewer says so too
        await pilot.pause()
        assert isinstance(app.screen, ReplayScreen)
        assert "Forked from lost.json at week 3." in screen_text(app)


async def test_debrief_of_a_finished_game_plays_on_and_keeps_the_game(save_dir: Path) -> None:
    app = make_app("korea-2022", side="ROK", seed=7, save_dir=save_dir, rounds=3)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for _ in range(3):
            await end_week(pilot)
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        finished = app.game
        assert finished is not None and finished.is_over
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, ForkScreen)
        assert app.screen.query_one("#fork-week", Input).value == "2"  # the last week again
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, GameScreen)
        assert app.game is not None and app.game.round == 2 and app.side == "ROK"
        kept = save_dir / "korea-2022-ROK-seed7-week03.json"
        assert Game.load(kept).state.to_json() == finished.state.to_json(), "the played game is kept"
        assert app.game.forked_from == ForkOrigin(file=kept.name, week=2)
        assert (save_dir / "korea-2022-ROK-seed7-week03-fork-week02.json").is_file()


async def test_a_week_the_game_had_ended_is_refused_in_the_dialog(save_dir: Path) -> None:
    app = make_app("korea-2022", side="ROK", seed=7, save_dir=save_dir, rounds=2)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for _ in range(2):
            await end_week(pilot)
        await pilot.press("o")
        await pilot.pause()
        week = app.screen.query_one("#fork-week", Input)
        week.value = "2"
        await pilot.click("#fork-ok")
        await pilot.pause()
        assert isinstance(app.screen, ForkScreen)
        assert "the game had ended by week 2" in screen_text(app)
        assert not list(save_dir.glob("*fork*"))
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)


async def test_load_of_a_cli_fork_plays_on(save_dir: Path) -> None:
    """``wargame --load`` of a ``wargame fork`` record opens the game screen at the fork's week."""
    from click.testing import CliRunner

    from wargame.cli import main

    path = save_dir / "lost.json"
    lost_game(path)
    result = CliRunner().invoke(main, ["fork", str(path), "--week", "2", "--policy", "DPRK=hawk"])
    assert result.exit_code == 0, result.stderr
    fork = save_dir / "lost-fork-week02.json"
    app = make_app(load_path=fork, save_dir=save_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, GameScreen)
        assert app.game is not None and app.game.round == 2 and app.side == "ROK"
        assert app.game.doctrine_name("DPRK") == "hawk"
        await end_week(pilot)
        assert app.game.round == 3


async def test_replay_debrief_plays_on_from_the_ledger_row_as_the_player(save_dir: Path) -> None:
    """From a replay's debrief, whoever's view was shown: the player's side, the parent named by
    its file, and the highlighted ledger row's week played again."""
    path = save_dir / "lost.json"
    lost_game(path)
    app = make_app(save_dir=save_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.open_record(path, "replay") is None
        await pilot.pause()
        await pilot.press("end", "v")  # DPRK's eyes
        await pilot.pause()
        assert isinstance(app.screen, ReplayScreen) and app.screen.observer != "ROK"
        await pilot.press("d")
        await pilot.pause()
        debrief = app.screen
        assert isinstance(debrief, DebriefScreen)
        await pilot.press("3")
        await pilot.pause()
        rows = debrief._rows
        k = next(i for i, r in enumerate(rows) if r.round == 5)
        debrief.query_one("#debrief-ledger").move_cursor(row=k)  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, ForkScreen)
        assert app.screen.query_one("#fork-week", Input).value == "4"  # week 5 played again
        assert "then play ROK from week 5" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, GameScreen) and app.side == "ROK"
        assert app.game is not None and app.game.forked_from == ForkOrigin(file="lost.json", week=4)
        assert sorted(p.name for p in save_dir.glob("lost*")) == ["lost-fork-week04.json", "lost.json"]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_fork_dialog_snapshot(snap_compare: Any, save_dir: Path, size: tuple[int, int]) -> None:
    """The dialog over the debrief of a 4-week game (every other state's AI offered)."""
    app = make_app("korea-2022", side="ROK", seed=7, save_dir=save_dir, rounds=4)
    keys = ["enter", "space", "space"] * 4 + ["o"]
    assert snap_compare(app, press=keys, terminal_size=size)
