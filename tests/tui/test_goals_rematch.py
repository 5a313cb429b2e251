"""A challenge to play for (goals shown at setup, tracked, scored in the debrief) and Rematch on the
debrief (same scenario and seed, another side or other doctrines) - issue 14."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import KOREA
from tests.tui.conftest import end_week, screen_text
from wargame.analysis.goals import evaluate_all
from wargame.tui.app import make_app
from wargame.tui.screens.debrief import DebriefScreen
from wargame.tui.screens.game import GameScreen
from wargame.tui.screens.setup import SetupScreen

EASY = """
[[goals]]
id = "calm-start"
title = "Calm start"
sides = ["ROK"]
kind = "tension_below"
below = 100
rounds = 2

[[goals]]
id = "peace-now"
title = "Peace at once"
sides = ["ROK"]
kind = "peace"
by = 1
"""


def notices(app: object) -> list[tuple[str, str]]:
    return [(n.title, n.message) for n in app._notifications]  # type: ignore[attr-defined]


async def test_the_setup_shows_the_goals_of_the_side_chosen(save_dir: Path) -> None:
    app = make_app("korea-2022", save_dir=save_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        setup = app.screen
        assert isinstance(setup, SetupScreen)
        setup.query_one("#setup-side").value = "ROK"  # type: ignore[attr-defined]
        await pilot.pause()
        text = screen_text(app)
        assert "Your goals" in text and "• Steady hand: Keep tension under 60 for 8" in text
        setup.query_one("#setup-side").value = "PRC"  # type: ignore[attr-defined]
        await pilot.pause()
        assert "Steady hand" not in screen_text(app)  # a goal for other sides only


async def test_a_goal_is_tracked_in_play_and_scored_in_the_debrief(tmp_path: Path, save_dir: Path) -> None:
    scenario = tmp_path / "korea-goals.toml"
    scenario.write_text(KOREA.read_text().split("\n# --- Goals")[0] + EASY)
    app = make_app(str(scenario), side="ROK", seed=4, save_dir=save_dir, rounds=3)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await end_week(pilot)
        said = notices(app)
        assert (
            "Goal missed",
            "Peace at once: no peace by week 1.",
        ) in said  # missed when it can no longer be met
        assert not any(t == "Goal met" for t, _ in said)
        await end_week(pilot)
        assert ("Goal met", "Calm start: under 100 from week 1 to week 2.") in notices(app)
        await end_week(pilot)
        assert isinstance(app.screen, DebriefScreen)
        assert app.game is not None
        scored = {r.title: r.status for r in evaluate_all(app.game, "ROK")}
        assert scored == {"Calm start": "met", "Peace at once": "missed"}
        section = app.screen.query_one("#debrief-extra-0")  # below the summary: scroll to it
        section.scroll_visible(animate=False, top=True)
        await pilot.pause()
        text = screen_text(app)
        assert "Goals: 1 of 2 met" in text
        assert "Calm start" in text and "MET" in text


async def test_rematch_is_the_same_scenario_and_seed_with_another_side(save_dir: Path) -> None:
    app = make_app("korea-2022", side="ROK", seed=12, save_dir=save_dir, rounds=2, doctrines={"DPRK": "hawk"})
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await end_week(pilot)
        await end_week(pilot)
        assert isinstance(app.screen, DebriefScreen)
        first = app.game
        assert first is not None
        await pilot.press("m")
        await pilot.pause()
        setup = app.screen
        assert isinstance(setup, SetupScreen) and setup.title == "Rematch"
        assert setup.query_one("#setup-seed").disabled and setup.query_one("#setup-scenario").disabled
        # ctrl+s is not offered while setting up: it would save the finished game, not this one
        assert app.check_action("save", ()) is False and "^s" not in screen_text(app).splitlines()[-1]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is setup
        assert setup.query_one("#doc-DPRK").value == "hawk"  # type: ignore[attr-defined]  # as before
        setup.query_one("#setup-side").value = "USA"  # type: ignore[attr-defined]
        await pilot.pause()
        setup.query_one("#doc-DPRK").value = "dove"  # type: ignore[attr-defined]
        await pilot.pause()
        setup.start()
        await pilot.pause()
        assert isinstance(app.screen, GameScreen)
        second = app.game
        assert second is not None and second is not first
        assert (second.scenario.id, second.seed, second.settings.rounds) == ("korea-2022", 12, 2)
        assert second.humans == ("USA",) and second.doctrine_name("DPRK") == "dove"
        assert second.initial.types == first.initial.types  # the same seed: the same hidden types
        # the first game is kept, finished, in Recent games
        assert any("Your finished game (korea-2022 · ROK" in m for _, m in notices(app))


async def test_the_palette_says_where_the_goals_stand(save_dir: Path) -> None:
    app = make_app("korea-2022", side="ROK", seed=4, save_dir=save_dir, rounds=12)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await end_week(pilot)
        app.action_goals()
        await pilot.pause()
        assert app.game is not None
        (shown,) = [m for t, m in notices(app) if t == "Goals"]
        for r in evaluate_all(app.game, "ROK"):
            assert f"{r.title} (" in shown and r.detail in shown
        assert "Goals" in [c.title for c in app.get_system_commands(app.screen)]
