"""No game is lost (issue 14 item 5): every game the autosave held is kept when another replaces
it, listed under Recent games, with honest messages; continuing one brings it back."""

from __future__ import annotations

import json
from pathlib import Path

from tests.tui.conftest import end_week, screen_text
from wargame import recent
from wargame.engine.state import Order
from wargame.game import Game
from wargame.tui.app import make_app
from wargame.tui.saves import autosave_path
from wargame.tui.screens.debrief import DebriefScreen
from wargame.tui.screens.game import GameScreen
from wargame.tui.screens.recent import RecentScreen
from wargame.tui.screens.setup import SetupScreen
from wargame.tui.screens.title import TitleScreen


def notices(app: object) -> list[str]:
    return [n.message for n in app._notifications]  # type: ignore[attr-defined]


def kept_records(save_dir: Path) -> dict[str, dict]:
    """The kept files' records, by scenario and side (``korea-2022/ROK``)."""
    out = {}
    for p in recent.recent_dir(save_dir).glob("[!.]*.json"):
        raw = json.loads(p.read_text())
        out[f"{raw['scenario']['id']}/{','.join(raw['settings']['humans'])}"] = raw
    return out


async def start_from_setup(app: object, pilot: object, scenario: str, side: str, seed: int) -> None:
    """Title → New game → choose scenario and side → Start."""
    await pilot.press("n")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    setup = app.screen  # type: ignore[attr-defined]
    assert isinstance(setup, SetupScreen)
    await setup._load(scenario)
    setup.query_one("#setup-side").value = side
    setup.query_one("#setup-seed").value = str(seed)
    await pilot.pause()  # type: ignore[attr-defined]
    setup.start()
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, GameScreen)  # type: ignore[attr-defined]


async def test_three_unfinished_games_in_a_row_are_all_kept_and_listed(save_dir: Path) -> None:
    """Korea unfinished → start Cuba → leave it unfinished → start a third game: Korea and Cuba
    are both kept (the one backup slot of before lost Korea here), the third is the autosave, and
    Recent games lists all three; then the second (Cuba) is continued at the week it reached."""
    app = make_app("korea-2022", side="ROK", seed=3, save_dir=save_dir, rounds=12)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for _ in range(2):
            await end_week(pilot)
        assert app.game is not None and app.game.round == 2
        app.to_title()
        await pilot.pause()
        await start_from_setup(app, pilot, "cuba-1962", "USA", 11)
        assert any("unfinished game" in n and "korea-2022" in n for n in notices(app))
        for _ in range(3):
            await end_week(pilot)
        cuba_state = app.game.state.to_json()
        app.to_title()
        await pilot.pause()
        await start_from_setup(app, pilot, "pulwama-balakot-2019", "IND", 5)
        await end_week(pilot)
        kept = kept_records(save_dir)
        assert set(kept) == {"korea-2022/ROK", "cuba-1962/USA"}
        assert len(kept["korea-2022/ROK"]["rounds"]) == 2 and len(kept["cuba-1962/USA"]["rounds"]) == 3
        # the title lists them
        app.to_title()
        await pilot.pause()
        await pilot.pause()
        assert "Recent games  2 unfinished" in screen_text(app)
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, RecentScreen)
        text = screen_text(app)
        for line in (
            "pulwama-balakot-2019 · IND · day 1 of 12 · seed 5",
            "cuba-1962 · USA · day 3",
            "korea-2022 · ROK · week 2 of 12",
        ):
            assert line in text, line
        assert "another version" not in text
        # continue the second one (Cuba)
        keys = [o.id for o in app.screen.query_one("#recent-list").options]
        cuba = next(k for k, g in zip(keys[1:], app.screen.games, strict=True) if g.scenario == "cuba-1962")
        menu = app.screen.query_one("#recent-list")
        menu.highlighted = keys.index(cuba)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, GameScreen)
        assert app.side == "USA" and app.game is not None and app.game.round == 3
        assert app.game.state.to_json() == cuba_state
        await end_week(pilot)
        assert app.game.round == 4
    # Cuba is back in the autosave (no second copy); the third game took its place among the kept
    assert json.loads(autosave_path(save_dir).read_text())["scenario"]["id"] == "cuba-1962"
    kept = kept_records(save_dir)
    assert set(kept) == {"korea-2022/ROK", "pulwama-balakot-2019/IND"}
    assert [g.status for g in recent.recent_games(save_dir)] == ["unfinished", "unfinished"]


async def test_a_finished_game_is_kept_and_called_finished(save_dir: Path) -> None:
    """Finishing a game and starting another keeps the finished one, and the message says it is
    finished (never "unfinished")."""
    app = make_app("korea-2022", side="ROK", seed=3, save_dir=save_dir, rounds=2)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await end_week(pilot)
        await end_week(pilot)
        assert app.game is not None and app.game.is_over
        assert isinstance(app.screen, DebriefScreen)
        app.to_title()
        await pilot.pause()
        await start_from_setup(app, pilot, "cuba-1962", "USA", 2)
        said = [n for n in notices(app) if "was kept" in n]
        assert len(said) == 1 and "Your finished game" in said[0] and "unfinished" not in said[0]
    (g,) = recent.recent_games(save_dir)
    assert g.status == "finished" and g.rounds == 2 and g.outcome


async def test_continuing_the_autosave_or_undoing_keeps_nothing(save_dir: Path) -> None:
    game = Game.new("korea-2022", seed=4, humans=["USA"], rounds=6)
    game.play_round({"USA": Order("talk", "DPRK")})
    game.play_round({"USA": Order("talk", "DPRK")})
    game.save(autosave_path(save_dir))
    app = make_app(save_dir=save_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, GameScreen)
        assert app.undo_week()
        await end_week(pilot)
        app.flush_autosave()
    assert not recent.recent_dir(save_dir).exists()
    assert not [n for n in notices(app) if "kept" in n]


async def test_another_process_writing_the_autosave_loses_neither_game(save_dir: Path) -> None:
    """Two wargames in one save folder (two terminals, two browser tabs of ``wargame serve``): each
    autosave write first keeps a game another process left in the autosave."""
    app = make_app("korea-2022", side="ROK", seed=3, save_dir=save_dir, rounds=12)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await end_week(pilot)
        other = Game.new("cuba-1962", seed=9, humans=["USSR"])
        for _ in range(2):
            other.play_round({"USSR": Order("talk", "USA")})
        other.save(autosave_path(save_dir))  # the other process's week
        await end_week(pilot)
        app.flush_autosave()
    kept = kept_records(save_dir)
    assert set(kept) == {"cuba-1962/USSR"} and len(kept["cuba-1962/USSR"]["rounds"]) == 2
    assert len(json.loads(autosave_path(save_dir).read_text())["rounds"]) == 2


def test_a_kept_game_is_replaced_only_by_the_same_game_further_on(save_dir: Path) -> None:
    game = Game.new("korea-2022", seed=4, humans=["ROK"], rounds=6)
    game.play_round({"ROK": Order("talk", "DPRK")})
    week1 = game.record.model_dump_json().encode()
    assert recent.keep(save_dir, week1) is not None
    assert recent.keep(save_dir, week1) is None  # already kept
    game.play_round({"ROK": Order("talk", "DPRK")})
    week2 = game.record.model_dump_json().encode()
    kept = recent.keep(save_dir, week2)
    assert kept is not None and len(kept.replaced) == 1
    game.undo()
    game.undo()
    game.play_round({"ROK": Order("hold")})  # another week 1: a branch, kept beside
    assert recent.keep(save_dir, game.record.model_dump_json().encode()) is not None
    assert sorted(g.rounds for g in recent.recent_games(save_dir)) == [1, 2]
    empty = Game.new("korea-2022", seed=5, humans=["ROK"]).record.model_dump_json().encode()
    assert recent.keep(save_dir, empty) is None  # nothing to lose


def test_a_corrupt_or_missing_index_is_mended_from_the_files(save_dir: Path) -> None:
    for seed in (1, 2, 3):
        game = Game.new("korea-2022", seed=seed, humans=["ROK"], rounds=6)
        game.play_round({"ROK": Order("talk", "DPRK")})
        recent.keep(save_dir, game.record.model_dump_json().encode())
    before = [(g.file, g.status, g.rounds) for g in recent.recent_games(save_dir)]
    assert len(before) == 3
    index = recent.index_path(save_dir)
    for broken in (
        '{"version": 1, "games": [',
        "[" * 100_000,
        '{"version": 1, "games": [{"file": "../x"}]}',
        "",
    ):
        index.write_text(broken)
        assert sorted(before) == sorted((g.file, g.status, g.rounds) for g in recent.recent_games(save_dir))
        recent.RecentIndex.model_validate_json(index.read_text())  # rewritten, valid
    index.unlink()
    (recent.recent_dir(save_dir) / before[0][0]).unlink()  # a file removed by hand
    (recent.recent_dir(save_dir) / "junk.json").write_text("not json")  # one added by hand
    games = recent.recent_games(save_dir)
    assert len(games) == 3 and sorted(g.status for g in games) == ["unfinished", "unfinished", "unreadable"]


def test_the_index_is_bounded(save_dir: Path, monkeypatch: object) -> None:
    monkeypatch.setattr(recent, "MAX_INDEX", 3)  # type: ignore[attr-defined]
    for seed in range(5):
        game = Game.new("korea-2022", seed=seed, humans=["ROK"], rounds=6)
        game.play_round({"ROK": Order("talk", "DPRK")})
        recent.keep(save_dir, game.record.model_dump_json().encode())
    assert len(recent.recent_games(save_dir)) == 3
    assert len(list(recent.recent_dir(save_dir).glob("[!.]*.json"))) == 5  # older files stay on disk


async def test_a_fork_is_kept_in_recent_games_when_another_game_replaces_it(save_dir: Path) -> None:
    """Play on from the debrief (a fork), then start another game: the fork is kept and listed."""
    from wargame.tui.screens.fork import ForkScreen

    app = make_app("korea-2022", side="ROK", seed=3, save_dir=save_dir, rounds=3)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for _ in range(3):
            await end_week(pilot)
        assert isinstance(app.screen, DebriefScreen)
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, ForkScreen)
        app.screen.query_one("#fork-week").value = "1"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, GameScreen) and app.game is not None
        assert app.game.forked_from is not None
        await end_week(pilot)
        app.to_title()
        await pilot.pause()
        await start_from_setup(app, pilot, "cuba-1962", "USA", 2)
    forks = [g for g in recent.recent_games(save_dir) if g.fork]
    assert len(forks) == 1 and forks[0].status == "unfinished" and forks[0].rounds == 2
    assert "at week 1" in forks[0].fork


async def test_the_title_lists_recent_games_without_reading_them_first(save_dir: Path) -> None:
    """The title's first frame does not read the kept games (the count comes after)."""
    game = Game.new("korea-2022", seed=4, humans=["ROK"], rounds=6)
    game.play_round({"ROK": Order("talk", "DPRK")})
    recent.keep(save_dir, game.record.model_dump_json().encode())
    app = make_app(save_dir=save_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        assert "Recent games  1 unfinished  (g)" in screen_text(app)


async def test_a_class_is_kept_sealed_and_continued_from_recent_games_with_its_pin(save_dir: Path) -> None:
    """A class in the autosave, then a single game started: the class is kept (sealed, as saved),
    called an unfinished class; continuing it from Recent games asks for the facilitator's PIN."""
    from tests.tui.test_hotseat import TEAMS, start_class
    from wargame.tui.screens.handoff import HandoffScreen
    from wargame.tui.screens.hotseat_setup import ResumeClassScreen

    app = make_app("korea-2022", save_dir=save_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_class(app, pilot, pin="9999")
        for _ in TEAMS:
            await pilot.press("enter", "escape", "enter", "space", "y")
            await pilot.pause()
        await pilot.press("enter")  # reveal week 1 (autosaved)
        await pilot.pause()
        await app.workers.wait_for_complete()
    sealed = autosave_path(save_dir).read_bytes()
    assert b'"ended": false' in sealed
    weeks = len(json.loads(sealed)["rounds"])
    single = make_app("korea-2022", side="ROK", seed=2, save_dir=save_dir, rounds=6)
    async with single.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await end_week(pilot)
        said = [n for n in notices(single) if "was kept" in n]
        assert len(said) == 1 and said[0].startswith("Your unfinished class (korea-2022 · class of 3 teams")
    (kept,) = recent.recent_games(save_dir)
    assert kept.is_class and kept.status == "unfinished" and kept.seed is None  # a class shows no seed
    assert (recent.recent_dir(save_dir) / kept.file).read_bytes() == sealed
    again = make_app(save_dir=save_dir)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(again.screen, RecentScreen)
        menu = again.screen.query_one("#recent-list")
        menu.highlighted = [o.id for o in menu.options].index("kept-0")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(again.screen, ResumeClassScreen)
        await pilot.press(*"9999", "enter")
        await pilot.pause()
        assert isinstance(again.screen, HandoffScreen)
        assert again.classroom is not None and again.classroom.game.round == weeks
    # the class is back in the autosave; the single game took its place among the kept
    assert [(g.is_class, g.rounds) for g in recent.recent_games(save_dir)] == [(False, 1)]


async def test_an_autosave_too_big_to_read_is_moved_into_recent_games_as_it_is(
    save_dir: Path, monkeypatch: object
) -> None:
    from wargame import files

    auto = autosave_path(save_dir)
    auto.write_text('{"schema_version": 2, "padding": "' + "x" * 5000 + '"}')
    before = auto.read_bytes()
    monkeypatch.setattr(files, "MAX_RECORD_BYTES", 1000)  # type: ignore[attr-defined]
    app = make_app("korea-2022", side="ROK", seed=2, save_dir=save_dir, rounds=6)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert any("could not be read; it was kept as recent/" in n for n in notices(app))
    (kept,) = recent.recent_games(save_dir)
    assert kept.status == "unreadable"
    assert (recent.recent_dir(save_dir) / kept.file).read_bytes() == before
    assert json.loads(auto.read_text())["settings"]["humans"] == ["ROK"]


async def test_a_kept_game_of_another_scenario_version_says_it_may_not_open(save_dir: Path) -> None:
    """The index says where a game stood when it was kept; if its scenario file changed since
    (another version installed), the list says so instead of promising it."""
    game = Game.new("korea-2022", seed=4, humans=["ROK"], rounds=6)
    game.play_round({"ROK": Order("talk", "DPRK")})
    recent.keep(save_dir, game.record.model_dump_json().encode())
    index = recent.RecentIndex.model_validate_json(recent.index_path(save_dir).read_text())
    old = index.games[0].model_copy(update={"scenario_sha256": "0" * 64})  # as if kept before a change
    recent.index_path(save_dir).write_text(index.model_copy(update={"games": [old]}).model_dump_json())
    app = make_app(save_dir=save_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        text = screen_text(app)
        assert "korea-2022 · ROK · week 1 of 6" in text
        assert "made for another version of its scenario: it may not open" in text
