"""Whole games with the keyboard alone, title → setup → weeks → debrief, at 80×24 and 120×40.

Each test asserts on what the screen shows: the tension word and number, the news text, the
outcome. Short games (four weeks) keep them quick.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.widgets import Markdown

from tests.tui.conftest import SIZES, end_week, screen_text
from wargame.analysis.report import OUTCOME_WORDS
from wargame.tui.app import make_app
from wargame.tui.screens.debrief import DebriefScreen
from wargame.tui.screens.game import GameScreen
from wargame.tui.screens.report import RoundReportScreen
from wargame.tui.screens.setup import SetupScreen

TENSION = re.compile(r"Tension (\d+) · level ([1-5]) (DÉTENTE|WATCHFUL|ELEVATED READINESS|CRISIS|BRINK)")
#: The meter's bands (docs/model.md §6): below each top, the level and its word.
BANDS = (
    (20, 5, "DÉTENTE"),
    (40, 4, "WATCHFUL"),
    (60, 3, "ELEVATED READINESS"),
    (80, 2, "CRISIS"),
    (101, 1, "BRINK"),
)


def shown_tension(text: str) -> int:
    """The tension the screen shows, checked to name the level and word of its band."""
    m = TENSION.search(text)
    assert m, text
    number, level, word = int(m[1]), int(m[2]), m[3]
    assert (level, word) == next((lv, w) for top, lv, w in BANDS if number < top), m[0]
    return number


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_title_to_debrief_with_keys_alone(save_dir: Path, size: tuple[int, int]) -> None:
    app = make_app("korea-2022", seed=11, save_dir=save_dir)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "New game" in text and "Load game" in text and "Watch replay" in text and "Quit" in text

        await pilot.press("n")  # new game
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        assert "Vigilant Storm" in screen_text(app)  # the scenario's summary
        await pilot.press("shift+tab", "shift+tab", "4", "enter")  # rounds = 4, start
        await pilot.pause()
        assert isinstance(app.screen, GameScreen), app.last_error
        game = app.game
        assert game is not None and game.round_limit == 4 and game.seed == 11

        text = screen_text(app)
        assert shown_tension(text) == int(game.state.tension)
        assert "Week 1 of 4" in text
        assert "How they'll read it" in text
        assert "Relations" in text and "DPRK" in text

        # week 1: choose the first instrument with enter, end the week with space
        await pilot.press("enter", "space")
        await pilot.pause()
        assert isinstance(app.screen, RoundReportScreen)
        report = screen_text(app)
        assert "All orders revealed" in report and "Tension" in report and "Your trust" in report
        for item in game.news(1):  # every actor's act is revealed
            assert item.maker in report
        await pilot.press("space")
        await pilot.pause()
        assert isinstance(app.screen, GameScreen)
        text = screen_text(app)
        assert shown_tension(text) == int(game.state.tension)
        assert "Week 2 of 4" in text

        # weeks 2-4, a different instrument each time (down moves the cursor)
        for _ in range(3):
            await end_week(pilot, ("down", "enter"))
        assert game.is_over
        assert isinstance(app.screen, DebriefScreen)
        text = screen_text(app)
        assert game.state.outcome is not None
        assert OUTCOME_WORDS[game.state.outcome.value] in text.lower()
        assert "Hidden types, revealed" in text


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_news_shows_what_the_capital_read(save_dir: Path, size: tuple[int, int]) -> None:
    app = make_app("korea-2022", side="ROK", seed=3, save_dir=save_dir, rounds=6)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await end_week(pilot)
        game = app.game
        assert game is not None
        text = screen_text(app)
        # the week's heading, dated in scenario time
        assert f"Week 1 · {game.rules.date_of(1):%d %b %Y}" in text
        news = app.screen.query_one("#news")
        entries = news.entries  # type: ignore[attr-defined]
        readings = [e for e in entries if e.reading]
        assert readings, "other actors' acts carry Seoul's reading"
        assert all(e.trust_before is not None for e in readings)
        # the log says how the player's capital read the others' acts
        assert "Seoul reads" in text
        await pilot.press("f")  # filter: DPRK only
        await pilot.pause()
        assert "News · DPRK only" in screen_text(app)


async def test_resize_mid_game_loses_nothing(save_dir: Path) -> None:
    app = make_app("korea-2022", side="ROK", seed=5, save_dir=save_dir, rounds=6)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await end_week(pilot)
        await pilot.press("down", "down", "enter")  # stage an order
        await pilot.pause()
        staged = app.screen.staged  # type: ignore[attr-defined]
        state = app.game.state.to_json()  # type: ignore[union-attr]
        for w, h in ((80, 24), (60, 20), (200, 60), (80, 24)):
            await pilot.resize_terminal(w, h)
            await pilot.pause()
        assert app.screen.staged == staged  # type: ignore[attr-defined]
        assert app.game.state.to_json() == state  # type: ignore[union-attr]
        text = screen_text(app)
        assert "Tension" in text and "Week 2 of 6" in text
        await pilot.press("space")
        await pilot.pause()
        assert app.game.round == 2  # type: ignore[union-attr]


async def test_space_without_an_order_says_what_to_do(save_dir: Path) -> None:
    app = make_app("korea-2022", side="ROK", seed=5, save_dir=save_dir, rounds=6)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("space")
        await pilot.pause()
        assert app.game.round == 0  # type: ignore[union-attr]
        assert isinstance(app.screen, GameScreen)
        assert any("Choose an instrument first" in n.message for n in app._notifications)


async def test_help_screen_explains_theory_and_keys(save_dir: Path) -> None:
    app = make_app("korea-2022", side="ROK", seed=5, save_dir=save_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        text = screen_text(app)
        assert "security dilemma" in text
        await pilot.press("escape")
        await pilot.press("f1")
        await pilot.pause()
        from wargame.tui.screens.help import HelpScreen

        assert isinstance(app.screen, HelpScreen)
        shown = app.screen.query_one("#help-text", Markdown).source  # what the help holds (it scrolls)
        for key in ("space", "enter", "ctrl+s", "ctrl+q", "ctrl+p"):
            assert key in shown, key
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, GameScreen)


async def test_target_key_changes_the_preview(save_dir: Path) -> None:
    app = make_app("korea-2022", side="ROK", seed=5, save_dir=save_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        preview = app.screen.query_one("#preview")
        first = preview.data.title  # type: ignore[attr-defined]
        await pilot.press("t")
        await pilot.pause()
        assert preview.data.title != first  # type: ignore[attr-defined]


async def test_war_asks_for_confirmation(save_dir: Path) -> None:
    from wargame.tui.screens.confirm import ConfirmScreen
    from wargame.tui.widgets.instrument_picker import InstrumentPicker

    app = make_app("korea-2022", side="DPRK", seed=5, save_dir=save_dir, rounds=6)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one(InstrumentPicker).highlight("begin_war")
        await pilot.press("enter", "space")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "war" in screen_text(app).lower()
        await pilot.press("n")  # think again
        await pilot.pause()
        assert isinstance(app.screen, GameScreen) and app.game is not None and app.game.round == 0
        await pilot.press("space")
        await pilot.pause()
        await pilot.press("y")  # go to war
        await pilot.pause()
        assert app.game.round == 1 and app.game.state.outcome is not None
        assert app.game.state.outcome.value == "war_chosen"
        assert isinstance(app.screen, RoundReportScreen)
        assert "The game has ended" in screen_text(app)
        await pilot.press("space")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        assert "War, chosen" in screen_text(app)


async def test_the_round_report_scrolls_with_the_keys_and_enter_closes_it(save_dir: Path) -> None:
    """At 80×24 the report is taller than its box: the arrows and page keys scroll it while the
    Continue button keeps the focus, and enter still closes it after tab moved the focus."""
    app = make_app("korea-2022", side="ROK", seed=3, save_dir=save_dir, rounds=6)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "space")
        await pilot.pause()
        assert isinstance(app.screen, RoundReportScreen)
        body = app.screen.query_one("#report-body")
        assert body.max_scroll_y > 0, "the report should not fit at 80x24"
        await pilot.press("pagedown")
        await pilot.pause()
        assert body.scroll_y > 0
        await pilot.press("home")
        await pilot.pause()
        assert body.scroll_y == 0
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert isinstance(app.screen, GameScreen)
