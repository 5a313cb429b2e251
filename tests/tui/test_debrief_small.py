"""The debrief at 80×24, the README's minimum (issue 14, item 2): the payoff on the first screen of
the outcome tab, every ledger column, PageDown without Tab, esc Back in the footer; and at 120×40
the wide layout (who played each actor in a column, the ledger on one line a row)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable

from tests.tui.conftest import end_week, korea_app, screen_text
from wargame.tui.screens.debrief import DebriefScreen


async def _debrief(pilot: object, app: object, weeks: int = 4) -> DebriefScreen:
    await pilot.pause()  # type: ignore[attr-defined]
    for _ in range(weeks):
        await end_week(pilot)  # type: ignore[arg-type]
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, DebriefScreen)
    await pilot.pause()  # type: ignore[attr-defined]
    return screen


async def test_at_80x24_the_first_screen_is_the_payoff_and_the_ledger_shows_every_column(
    save_dir: Path,
) -> None:
    app = korea_app(save_dir, rounds=4)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _debrief(pilot, app)
        lines = screen_text(app).splitlines()
        text = "\n".join(lines)
        assert screen.debrief.summary.outcome in text
        header = next(line for line in lines if "Actor" in line and "Hidden type" in line)
        assert "Your trust" in header and "Read right?" in header
        for t in screen.debrief.summary.types:  # every actor's row, with its verdict
            assert f"{t.name} ({t.actor})" in text
        assert "Played by — you: ROK" in text  # who played what, in one line below
        assert "Goals: " in text and "Steady hand" in text and "missed" in text
        assert lines[-1].startswith(" esc Back")

        await pilot.press("3")
        await pilot.pause()
        lines = screen_text(app).splitlines()
        header = next(line for line in lines if "Maker→Obs" in line)
        for col in ("Week", "Meant", "Read as", "Trust", "Tension"):
            assert col in header
        assert len(header.rstrip()) <= 80
        table = screen.query_one("#debrief-ledger", DataTable)
        first = screen._rows[0]  # the first row's trust and tension are on screen
        row_text = next(line for line in lines if line.strip().startswith(f"{first.round}  ") and "→" in line)
        assert f"{first.trust_before:.2f}→{first.trust_after:.2f}" in row_text
        assert f"{int(first.tension_before)}→{int(first.tension_after)}" in row_text

        # PageDown moves the ledger's cursor with the tab bar focused (no Tab first)
        assert table.cursor_row == 0 and not table.has_focus
        await pilot.press("pagedown")
        await pilot.pause()
        assert table.cursor_row > 0


async def test_page_keys_scroll_the_outcome_without_tab(save_dir: Path) -> None:
    app = korea_app(save_dir, rounds=4)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _debrief(pilot, app)
        scroll = screen.query_one("#outcome-scroll")
        assert scroll.scroll_y == 0
        await pilot.press("pagedown")
        await pilot.pause()
        assert scroll.scroll_y > 0
        await pilot.press("pageup")
        await pilot.pause()
        assert scroll.scroll_y == 0


async def test_at_120x40_the_wide_layout(save_dir: Path) -> None:
    app = korea_app(save_dir, rounds=4)
    async with app.run_test(size=(120, 40)) as pilot:
        await _debrief(pilot, app)
        text = screen_text(app)
        assert "Your final trust" in text and "Played by" in text and "Played by —" not in text
        await pilot.press("3")
        await pilot.pause()
        assert "seen right, read HOSTILE" in screen_text(app) or "seen right, calm" in screen_text(app)


async def test_at_80x24_the_trust_chart_legend_sits_below_the_chart_not_over_its_lines(
    save_dir: Path,
) -> None:
    from textual_plotext import PlotextPlot

    app = korea_app(save_dir, rounds=4)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _debrief(pilot, app)
        await pilot.press("2")
        await pilot.pause()
        await pilot.pause()
        plot = screen.query_one("#plot-trust", PlotextPlot)
        legend = screen.query_one("#plot-trust-legend")
        drawn = plot.plt.build()  # what plotext draws inside the chart
        assert "truly" not in drawn  # no legend box over the lines
        shown = str(legend.render())
        for line in screen.mine.trust:  # every actor named below, with its truth
            assert f"{line.subject}: truly {line.hidden}" in shown
        assert legend.region.y >= plot.region.bottom and legend.region.height >= 1
        assert legend.region.bottom <= 24
