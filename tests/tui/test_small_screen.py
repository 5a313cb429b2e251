"""80×24 first (issue 14): nothing important cut on the README's minimum terminal, the plain and
expert views, and a preview that tells the truth about acts that need a partner.

Text tests read what the screen shows (``screen_text``) or what a widget was given; the look of
each screen is pinned by the snapshots in test_every_screen.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console
from textual.widgets import OptionList

from tests.tui.conftest import end_week, screen_text
from wargame.engine.state import Order
from wargame.tui import picture
from wargame.tui.app import WargameApp, make_app
from wargame.tui.screens.game import GameScreen
from wargame.tui.screens.report import RoundReportScreen
from wargame.tui.widgets.instrument_picker import InstrumentPicker, instrument_prompt, markers
from wargame.tui.widgets.perception_preview import PerceptionPreview
from wargame.tui.widgets.tension_meter import TensionHistory, compress


def region_text(app: WargameApp, selector: str) -> str:
    """The text the screen shows inside one widget's region (what a player reads there), without
    the scrollbar's and the rules' glyphs."""
    region = app.screen.query_one(selector).region
    lines = screen_text(app).splitlines()[region.y : region.y + region.height]
    text = "\n".join(line[region.x : region.x + region.width] for line in lines)
    return text.translate({ord(c): " " for c in "▁▂▃▄▅▆▇█▔"})


def rok(save_dir: Path, **kw: object) -> WargameApp:
    return make_app("korea-2022", side="ROK", seed=7, save_dir=save_dir, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize("expert", [False, True], ids=["plain", "expert"])
async def test_every_instrument_keeps_its_markers_at_80x24(save_dir: Path, expert: bool) -> None:
    app = rok(save_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        if expert:
            await pilot.press("e")
            await pilot.pause()
        picker = app.screen.query_one(InstrumentPicker)
        options = {o.id: o.prompt for o in picker.query_one(OptionList).options if o.id}
        marked = 0
        for inst in app.game.rules.catalogue("ROK"):  # type: ignore[union-attr]
            mark = markers(inst).plain.strip()
            prompt = options[inst.id]
            assert prompt.cell_len <= picker.query_one(OptionList).scrollable_content_region.width
            if mark:
                marked += 1
                assert mark in prompt.plain, (inst.name, prompt.plain)
        assert marked >= 3  # +ally, +sign, ⚠force at least
        header = "CAMEO" if expert else "Signal"
        assert header in screen_text(app)


def test_a_prompt_never_wraps_onto_a_second_line() -> None:
    """The first frame is laid out before the list knows its width: a prompt wider than the list
    must be cropped, not wrapped (the cost column once fell onto lines of its own)."""
    from wargame.scenario import load

    rules = load.load("korea-2022").rules
    console = Console(width=24, file=None, record=True)
    for inst in rules.catalogue("ROK"):
        for expert in (False, True):
            lines = console.render_lines(
                instrument_prompt(inst, 36, expert), console.options.update_width(24)
            )
            assert len(lines) == 1, inst.name


@pytest.mark.parametrize("instrument", ["def_posture", "sign_peace_treaty", "combined_drill"])
async def test_the_preview_shows_every_capital_at_80x24(save_dir: Path, instrument: str) -> None:
    app = rok(save_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        picker = app.screen.query_one(InstrumentPicker)
        picker.target = "DPRK"
        picker.highlight(instrument)
        await pilot.pause()
        shown = region_text(app, "#preview-box")
        data = app.screen.query_one(PerceptionPreview).data
        assert data is not None and len(data.rows) == 4
        for row in data.rows:
            line = next((ln for ln in shown.splitlines() if ln.strip().startswith(row.capital)), None)
            assert line is not None, (row.capital, shown)
            assert ("HOSTILE" if row.hostile else "calm") in line


def test_the_history_is_compressed_never_cropped() -> None:
    values = [float(v) for v in range(25)]
    values[3] = 99.0  # an early peak
    bars = compress(values, 10)
    assert len(bars) == 10 and 99.0 in bars and bars[-1] == 24.0
    assert compress(values, 40) == values


async def test_every_week_is_in_the_history_at_80x24(save_dir: Path) -> None:
    app = rok(save_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for _ in range(19):
            app.play_week(Order("def_posture", "DPRK"))
        screen = app.screen
        assert isinstance(screen, GameScreen)
        screen.refresh_from_game()
        await pilot.pause()
        history = screen.query_one(TensionHistory)
        drawn = history.render().plain
        assert len(drawn) == min(history.size.width, 20) == 20  # the opening and 19 weeks, all there
        assert "19 weeks · start" in screen_text(app)


def fell_back(app: WargameApp) -> picture.NewsEntry:
    game = app.game
    assert game is not None
    mine = next(e for e in picture.round_news(game, app.side, game.round) if e.kind == "act" and e.mine)
    assert mine.fell_back
    return mine


@pytest.mark.parametrize(
    ("scenario", "side", "instrument", "target"),
    [("korea-2022", "ROK", "sign_peace_treaty", "DPRK"), ("cuba-1962", "USA", "accept_trade", "USSR")],
)
async def test_the_preview_says_what_the_reveal_then_shows_for_an_act_that_falls_back(
    save_dir: Path, scenario: str, side: str, instrument: str, target: str
) -> None:
    app = make_app(scenario, side=side, seed=7, save_dir=save_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        picker = app.screen.query_one(InstrumentPicker)
        picker.target = target
        picker.highlight(instrument)
        await pilot.pause()
        data = app.screen.query_one(PerceptionPreview).data
        assert data is not None and data.need is not None and not data.need.met
        need = data.need
        preview_text = region_text(app, "#preview-box")
        assert f"Otherwise: {need.fallback_name}" in " ".join(preview_text.split())
        await pilot.press("enter", "space")
        await pilot.pause()
        assert isinstance(app.screen, RoundReportScreen)
        mine = fell_back(app)
        game = app.game
        assert game is not None
        act = next(a for a in game.results[-1].acts if a.maker == side)
        # the same act, in the same words: the preview's fallback is the engine's
        assert act.instrument == need.fallback and not act.need_met
        assert mine.headline == need.fallback_headline
        # and the report's first screen at 80×24 shows it with the reason, and every actor's row
        shown = " ".join(screen_text(app).replace("│", " ").split())
        assert " ".join(need.fallback_headline.split()[:4]) in shown  # (the cell wraps after that)
        assert "(no partner joined)" in shown and need.fallback_name in shown
        for actor in game.rules.actor_ids:
            assert f" {actor} " in shown


async def test_a_proposal_already_on_the_table_is_marked_and_explained(save_dir: Path) -> None:
    app = rok(save_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        picker = app.screen.query_one(InstrumentPicker)
        picker.target = "DPRK"
        picker.highlight("propose_peace_treaty")
        await pilot.pause()
        assert picker.pending == frozenset()
        await end_week(pilot)
        game = app.game
        assert game is not None and game.state.proposals.get(("ROK", "DPRK")) == "sign_peace_treaty"
        picker.target = "DPRK"
        picker.highlight("propose_peace_treaty")
        await pilot.pause()
        assert picker.pending == {"propose_peace_treaty"}
        prompt = next(
            o.prompt for o in picker.query_one(OptionList).options if o.id == "propose_peace_treaty"
        )
        assert "(pending)" in prompt.plain
        data = app.screen.query_one(PerceptionPreview).data
        assert (
            data is not None
            and "Already on the table" in data.pending
            and "binds if DPRK signs" in data.pending_detail
        )
        picker.target = "PRC"  # not proposed to Beijing
        await pilot.pause()
        assert picker.pending == frozenset()


async def test_e_switches_the_codes_on_and_off(save_dir: Path) -> None:
    app = rok(save_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        plain = screen_text(app)
        for code in ("CAMEO", "RUNAWAY", "≈Theirs", "Kahn", "evidence"):
            assert code not in plain, code
        assert "War risk" in plain and "Your trust" in plain and "deep distrust" in plain
        await pilot.press("e")
        await pilot.pause()
        expert = screen_text(app)
        for code in ("CAMEO", "RUNAWAY", "≈Theirs", "Kahn", "evidence", "P(war)"):
            assert code in expert, code
        await pilot.press("e")
        await pilot.pause()
        assert "CAMEO" not in screen_text(app)


async def test_ctrl_s_suggests_the_week_on_screen(save_dir: Path) -> None:
    app = rok(save_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for _ in range(19):
            app.play_week(Order("hold", None))
        screen = app.screen
        assert isinstance(screen, GameScreen)
        screen.refresh_from_game()
        await pilot.pause()
        assert "Week 20 of 24" in screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "week20.json" in screen_text(app)


async def test_an_empty_rounds_box_is_valid_and_enter_on_a_drop_down_starts(save_dir: Path) -> None:
    from textual.widgets import Input, Select

    from wargame.tui.screens.setup import SetupScreen

    app = make_app("korea-2022", seed=7, save_dir=save_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        setup = app.screen
        assert isinstance(setup, SetupScreen)
        rounds = setup.query_one("#setup-rounds", Input)
        assert rounds.value == "" and rounds.is_valid and not rounds.has_class("-invalid")
        rounds.focus()
        await pilot.press("tab")  # leaving the box validates it
        await pilot.pause()
        assert not rounds.has_class("-invalid")
        side = setup.query_one("#setup-side", Select)
        side.focus()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, GameScreen), app.last_error
        assert app.game is not None and app.game.round_limit == 24  # the scenario's
        await pilot.pause()


def test_opening_news_is_in_date_order() -> None:
    from wargame.game import Game

    for scenario in ("cuba-1962", "korea-2022"):
        game = Game.new(scenario, seed=1, humans=[Game.new(scenario, seed=1).rules.actor_ids[0]])
        dates = [e.date for e in picture.opening_news(game) if e.kind == "opening"]
        assert dates == sorted(dates), scenario


async def test_the_reveal_shows_every_move_on_its_first_screen_at_80x24(
    save_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.tui.test_why import TEAMS, WEEK_1
    from wargame.tui.screens.handoff import HandoffScreen
    from wargame.tui.screens.reveal import RevealScreen

    app = make_app("korea-2022", save_dir=save_dir)
    monkeypatch.setattr(HandoffScreen, "GUARD", 0.0)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.new_class("korea-2022", 6, humans=TEAMS, rounds=8) is None
        await pilot.pause()
        flow = app.classroom
        assert flow is not None
        for team in TEAMS:
            flow.hs.submit(team, WEEK_1[team])
        flow.reveal()
        await pilot.pause()
        assert isinstance(app.screen, RevealScreen)
        lines = screen_text(app).splitlines()
        for actor in app.game.rules.actor_ids:  # type: ignore[union-attr]
            assert any(line.startswith(f"  {actor} ") for line in lines), actor
        assert "Tension 53 →" in screen_text(app)
