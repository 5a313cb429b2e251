"""The end-week key does no work nobody sees: the game screen's footer is not rebuilt under the
week's report (it catches up when the game screen is back), and the report's tables and news are
rendered once per width however often Textual lays the report out (bench/latency.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tui.conftest import korea_app, screen_text
from wargame.tui.screens.game import GameFooter, GameScreen
from wargame.tui.screens.report import RenderedOnce, RoundReportScreen


async def test_footer_waits_under_the_report_and_catches_up(
    save_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rebuilt_under: list[str] = []
    original = GameFooter.recompose

    async def recompose(self: GameFooter) -> None:
        if not isinstance(self.app.screen, GameScreen):
            rebuilt_under.append(type(self.app.screen).__name__)
        await original(self)

    monkeypatch.setattr(GameFooter, "recompose", recompose)
    app = korea_app(save_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "space")
        await pilot.pause()
        assert isinstance(app.screen, RoundReportScreen)
        await pilot.press("space")
        await pilot.pause()
        assert isinstance(app.screen, GameScreen)
        assert rebuilt_under == []
        footer = app.screen.query_one(GameFooter)
        assert not footer._stale
        assert "End week" in screen_text(app)


async def test_the_report_is_rendered_once_per_width(save_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    renders: list[int] = []
    original = RenderedOnce.__rich_console__

    def counted(self: RenderedOnce, console, options):  # type: ignore[no-untyped-def]
        if not self._lines.get(
            (options.max_width, options.min_width, options.justify, options.overflow, options.no_wrap)
        ):
            renders.append(options.max_width)
        return original(self, console, options)

    monkeypatch.setattr(RenderedOnce, "__rich_console__", counted)
    app = korea_app(save_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "space")
        await pilot.pause()
        assert isinstance(app.screen, RoundReportScreen)
        assert "All orders revealed" in screen_text(app)
        assert renders and len(renders) == len(set(renders))  # each width rendered once
