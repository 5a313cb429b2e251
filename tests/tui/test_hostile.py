"""Hostile input in the TUI (issue 13): a deeply nested or huge file in the save folder, paging a
squeezed list at 40×12, a record that fails while replaying, a file name full of escape codes.
Never a crash; the player is told in one line; the file is left as it was."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import FIXTURES
from tests.tui.conftest import screen_text
from wargame.tui.app import make_app
from wargame.tui.screens.load import LoadScreen
from wargame.tui.screens.title import TitleScreen

DEEP = "[" * 986 + "]" * 986


async def test_a_deeply_nested_autosave_neither_crashes_the_start_nor_the_lists(save_dir: Path) -> None:
    (save_dir / "autosave.json").write_text(DEEP)
    (save_dir / "x.json").write_text('{"schema_version": 2, "title": ' + "[" * 5000 + "]" * 5000 + "}")
    app = make_app("korea-2022", save_dir=save_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        assert "autosave unreadable" in screen_text(app)
        await pilot.press("c")  # Continue is not offered
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        for key in ("l", "r"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, LoadScreen)
            text = screen_text(app)
            assert "autosave.json" in text and "nested more than 32 levels deep" in text
            await pilot.press("enter")  # try to open the first file listed
            await pilot.pause()
            assert isinstance(app.screen, LoadScreen)
            await pilot.press("escape")
            await pilot.pause()
    assert (save_dir / "autosave.json").read_text() == DEEP


async def test_a_deeply_nested_autosave_given_to_load_is_refused_on_the_title(save_dir: Path) -> None:
    (save_dir / "autosave.json").write_text(DEEP)
    app = make_app("korea-2022", load_path=save_dir / "autosave.json", save_dir=save_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        assert "nested more than 32 levels deep" in app.last_error


@pytest.mark.parametrize("key", ["pagedown", "pageup", "end", "home"])
@pytest.mark.parametrize("item", ["r", "l"])
async def test_paging_a_squeezed_list_at_40x12_does_not_crash(save_dir: Path, item: str, key: str) -> None:
    """Issue 13 item 2: ``wargame``, ``r``, PageDown at 40×12 raised KeyError in OptionList._move_page."""
    for k in range(3):
        (save_dir / f"save{k}.json").write_text((FIXTURES / "model-1-doctrine-hawk.json").read_text())
    app = make_app("korea-2022", save_dir=save_dir)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        await pilot.press(item)
        await pilot.pause()
        assert isinstance(app.screen, LoadScreen)
        await pilot.press(key, key, "up", key)
        await pilot.pause()
        assert isinstance(app.screen, LoadScreen)


async def test_load_screen_refuses_a_record_that_fails_while_replaying(save_dir: Path) -> None:
    data = json.loads((FIXTURES / "model-1-doctrine-hawk.json").read_text())
    data["rounds"][2]["orders"]["XYZ"] = {"instrument": "talk", "target": "DPRK"}
    path = save_dir / "bad.json"
    path.write_text(json.dumps(data))
    before = path.read_bytes()
    app = make_app("korea-2022", save_dir=save_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        error = app.open_record(path, "replay")
        await pilot.pause()
        assert error is not None and "rounds.2.orders.XYZ: no such actor" in error
        assert isinstance(app.screen, TitleScreen)
    assert path.read_bytes() == before


async def test_a_hostile_file_name_is_listed_and_reported_escaped(save_dir: Path) -> None:
    name = "a\x1b[2J\u202e[b]bad.json"  # an escape code, a bidi override and markup
    path = save_dir / name
    path.write_text("{")
    app = make_app("korea-2022", save_dir=save_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        text = screen_text(app)
        assert "\x1b" not in text and "\u202e" not in text
        assert "a\\x1b[2J\\u202e[b]bad.json" in text
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LoadScreen)
        assert "\\x1b" in app.last_error and "\x1b" not in app.last_error
        assert "\x1b" not in screen_text(app)


@pytest.mark.parametrize(("size", "told"), [((40, 12), True), ((79, 30), True), ((80, 24), False)])
async def test_a_small_terminal_is_told_to_enlarge_once(
    save_dir: Path, size: tuple[int, int], told: bool
) -> None:
    app = make_app("korea-2022", side="ROK", seed=3, save_dir=save_dir)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.resize_terminal(*size)
        await pilot.pause()
        said = [n.message for n in app._notifications if "Enlarge the terminal" in n.message]
        assert len(said) == (1 if told else 0), said
        if told:
            assert f"{size[0]}×{size[1]}" in said[0]


async def test_ctrl_p_with_a_palette_under_another_screen_does_not_crash(save_dir: Path) -> None:
    """Found by the random-key fuzz: a palette under the help screen, then ctrl+p again raised
    DuplicateIds('--command-palette')."""
    app = make_app("korea-2022", side="ROK", seed=3, save_dir=save_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        await pilot.press("ctrl+p", "escape", "escape", "ctrl+p", "escape")
        await pilot.pause()


async def test_a_scenario_whose_title_is_markup_is_named_as_a_problem_not_a_crash(
    save_dir: Path, tmp_path: Path
) -> None:
    from tests.helpers import DYAD

    text = DYAD.read_text()
    title = next(line for line in text.splitlines() if line.startswith("title = "))
    path = tmp_path / "markup.toml"
    path.write_text(text.replace(title, 'title = "Crisis [/] of [@click=app.quit]x"', 1))
    app = make_app(str(path), save_dir=save_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        text = " ".join(screen_text(app).split())
        assert "Scenario problem" in text and "markup" in text, text


async def test_f1_with_help_under_the_palette_does_not_push_help_over_itself(save_dir: Path) -> None:
    """Found by the random-key fuzz: help, the palette, then f1 again pushed the one installed help
    screen a second time; drawing it over itself raised RecursionError."""
    from wargame.tui.screens.help import HelpScreen

    app = make_app("korea-2022", side="ROK", seed=3, save_dir=save_dir)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        await pilot.press("f1", "ctrl+p", "f1")
        await pilot.pause()
        assert sum(isinstance(s, HelpScreen) for s in app.screen_stack) == 1
        await pilot.press("escape", "f1", "f1", "f1")
        await pilot.pause()


async def test_a_replay_with_a_hostile_title_shows_it_escaped(save_dir: Path) -> None:
    """A record's title, description and team names reach the screen as text: escape codes and
    bidi overrides shown escaped, markup shown as typed."""
    from tests.helpers import REPLAYS

    data = json.loads((REPLAYS / "korea-2022-opening.json").read_text())
    data["title"] = "\x1b[2J\x1b[31mred\u202e[b]markup[/]"
    data["description"] = "\x1b]0;owned\x07 desc [@click=app.quit]x[/]"
    path = save_dir / "hostile.json"
    path.write_text(json.dumps(data))
    app = make_app("korea-2022", save_dir=save_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.open_record(path, "replay") is None
        await pilot.pause()
        text = screen_text(app)
        assert all(line.isprintable() for line in text.split("\n")), repr(text[:300])
        assert "\\x1b[2J\\x1b[31mred\\u202e[b]markup[/]" in text
        for key in ("d", "escape", "w", "right", "v"):
            await pilot.press(key)
            await pilot.pause()
            text = screen_text(app)
            assert all(line.isprintable() for line in text.split("\n")), (key, repr(text[:300]))


def test_facilitator_lines_from_a_hostile_record_are_escaped() -> None:
    """A record's facilitator detail (an unknown card id, free text) reaches the news log."""
    from tests.helpers import REPLAYS
    from wargame.game import Game
    from wargame.record import io as record_io
    from wargame.tui import picture

    data = json.loads((REPLAYS / "korea-2022-opening.json").read_text())
    data["facilitator"] = [{"kind": "inject", "round": 1, "detail": "\x1b[2Jcard\u202e[/]"}]
    game = Game.from_record(record_io.parse(json.dumps(data)))
    (entry,) = picture.facilitator_entries(game, 1)
    assert entry.headline.isprintable() and "\\x1b[2Jcard\\u202e[/]" in entry.headline
