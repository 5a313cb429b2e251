"""One debrief, three outputs (issue 14): the debrief screen shows the model (a fork against its
parent, questions to think about), and its exports are the files ``wargame debrief`` writes."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from tests.tui.conftest import screen_text
from wargame.cli import main
from wargame.engine.state import Order
from wargame.fork import fork_game
from wargame.game import Game
from wargame.tui.app import make_app
from wargame.tui.screens.debrief import DebriefScreen


async def test_the_debrief_screen_compares_a_fork_and_exports_what_the_cli_writes(save_dir: Path) -> None:
    lost = Game.new("korea-2022", seed=7, humans=["ROK"], rounds=8)
    for _ in range(6):
        lost.play_round({"ROK": Order("combined_drill", "DPRK")})
    lost.save(save_dir / "lost.json")
    branch = fork_game(lost, 3, save_dir / "lost.json")
    while not branch.is_over:
        branch.play_round({"ROK": Order("halt_combined_exercises", "DPRK")})
    path = save_dir / "lost-fork-week03.json"
    branch.save(path)
    app = make_app(load_path=path, save_dir=save_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DebriefScreen)
        c = screen.debrief.comparison
        assert c is not None and c.available and c.parent == "lost.json"
        scroll = screen.query_one("#debrief-branches")
        scroll.scroll_visible(animate=False)
        await pilot.pause()
        text = screen_text(app)
        assert "This branch and the first game (lost.json), week by week" in text
        assert f"This branch: {branch_outcome(branch)}" in text
        await pilot.press("x")
        await pilot.pause()
        md = Path(screen.exported_to)
        await pilot.press("h")
        await pilot.pause()
        page = Path(screen.exported_to)
        for q in screen.debrief.sides[0].prompts:  # the questions are on the screen too
            screen.query_one("#debrief-prompts").scroll_visible(animate=False)
            await pilot.pause()
            assert q[:60] in " ".join(screen_text(app).split())
    assert md.suffix == ".md" and page.suffix == ".html"
    cli_md = CliRunner().invoke(main, ["debrief", str(path)]).stdout
    assert md.read_text(encoding="utf-8") == cli_md
    out = save_dir / "cli.html"
    assert CliRunner().invoke(main, ["debrief", str(path), "-o", str(out)]).exit_code == 0
    assert page.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")


def branch_outcome(game: Game) -> str:
    from wargame.analysis.faclog import class_outcome_words

    return class_outcome_words(game)
