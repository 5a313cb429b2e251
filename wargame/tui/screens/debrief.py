"""The debrief: the outcome and why, the principal rival pairs, hidden types revealed, charts of
tension and of trust against the truth, the misperception ledger, the turning points and why
tension moved each week, with an export to Markdown.

This is the one screen that shows omniscient data (after the reveal). The charts use
textual-plotext, imported here only, so it costs nothing at start-up.
"""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.reactive import reactive
from textual.widgets import DataTable, Footer, Header, Static, TabbedContent, TabPane

from wargame.analysis import ledger
from wargame.analysis.explain import pair_statuses, peace_progress
from wargame.analysis.vocab import TYPE_WORDS, round_unit
from wargame.game import Game
from wargame.record.io import atomic_write
from wargame.tui.screens.base import WargameScreen
from wargame.tui.screens.report import pairs_heading, render_pairs, render_why
from wargame.tui.widgets.ledger_rows import fill_ledger, ledger_detail


def render_why_table(game: Game) -> RenderableType:
    """Why tension moved, round by round: the round, the meter's move, the engine's terms in
    words (omniscient: a fear item names the capital whose trust moved)."""
    u = round_unit(game.rules)
    whys = ledger.why_by_round(game)
    if not whys:
        return Text(f"No {u} was played.")
    table = Table(box=None, padding=(0, 1), show_edge=False, header_style="bold", expand=True)
    table.add_column(u.capitalize(), no_wrap=True, justify="right")
    table.add_column("Tension", no_wrap=True)
    table.add_column("Why it moved (meter points; they add up to the change)", ratio=1, overflow="fold")
    for w in whys:
        table.add_row(
            str(w.round), f"{int(w.before)} → {int(w.after)} ({w.shown_change()})", render_why(w, "")
        )
    return Group(Text(f"Why tension moved, {u} by {u}", style="bold underline"), table)


class DebriefScreen(WargameScreen):
    """The end of the game.

    Args:
        game: the finished game (or, from a replay, the recorded one).
        side: whose side the debrief takes ("your trust").
        from_replay: opened from the replay viewer (escape goes back there).
        source: the file name of the record (a replay's); None: the game open in the app.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("x", "export", "Export .md"),
        Binding("a", "toggle_pairs", "All pairs"),
        Binding("1", "tab('outcome')", "Outcome", show=False),
        Binding("2", "tab('charts')", "Charts", show=False),
        Binding("3", "tab('ledger')", "Ledger", show=False),
        Binding("4", "tab('why')", "Why", show=False),
        Binding("o", "play_on", "Play on"),
        Binding("n", "app.new_game", "New game"),
        Binding("escape", "leave", "Back"),
    ]

    all_pairs: reactive[bool] = reactive(False, init=False)
    """Ledger rows of every pair (True) or only those the player made or observed (False)."""

    def __init__(self, game: Game, side: str, from_replay: bool = False, source: str | None = None) -> None:
        super().__init__()
        self.game = game
        self.side = side
        self.from_replay = from_replay
        self.source = source
        """The file name of the record shown (None: the game open in the app)."""
        self.title = f"Debrief · {game.scenario.id}"
        self.sub_title = f"you: {game.rules.actor_by_id[side].name} · seed {game.seed} · {game.round} {round_unit(game.rules)}s"
        self.exported_to: str = ""
        self._rows: list[ledger.LedgerRow] = []

    def compose(self) -> ComposeResult:
        from textual_plotext import PlotextPlot

        yield Header(icon="◆")
        with TabbedContent(id="debrief-tabs"):
            with TabPane("Outcome (1)", id="outcome"), VerticalScroll():
                yield Static(
                    Text(ledger.outcome_words(self.game), style="bold reverse"), id="debrief-outcome"
                )
                yield Static(self._reasons(), id="debrief-reasons")
                if self.game.forked_from is not None:
                    from wargame.analysis.vocab import origin_line

                    yield Static(Text(origin_line(self.game), style="italic"), id="debrief-origin")
                yield Static(self._pairs(), id="debrief-pairs")
                yield Static(Text("Hidden types, revealed", style="bold underline"), classes="section")
                yield DataTable(id="debrief-types", cursor_type="none", show_cursor=False, zebra_stripes=True)
                yield Static(Text("Turning points", style="bold underline"), classes="section")
                yield Static(self._turning_points(), id="debrief-turning")
            with TabPane("Charts (2)", id="charts"), Vertical():
                yield PlotextPlot(id="plot-tension")
                yield PlotextPlot(id="plot-trust")
            with TabPane("Ledger (3)", id="ledger"), Vertical():
                yield Static(id="ledger-caption")
                yield DataTable(id="debrief-ledger", cursor_type="row", zebra_stripes=True)
                yield Static(id="ledger-detail")
            with TabPane("Why (4)", id="why"), VerticalScroll():
                yield Static(render_why_table(self.game), id="debrief-why")
        yield Footer()

    def _reasons(self) -> Group:
        return Group(*(Text(f"• {r}") for r in ledger.outcome_reasons(self.game)))

    def _pairs(self) -> RenderableType:
        game = self.game
        pairs = pair_statuses(game.rules, game.state)
        if not pairs:
            return Text("")
        heading = pairs_heading(peace_progress(game.rules, game.state), game.state.outcome is not None)
        return render_pairs(pairs, heading)

    def _turning_points(self) -> Group:
        points = ledger.turning_points(self.game, self.side)
        if not points:
            return Group(Text("None: a quiet game."))
        u = round_unit(self.game.rules).capitalize()
        return Group(*(Text.assemble((f"{u} {p.round}: ", "bold"), p.text) for p in points))

    def on_mount(self) -> None:
        types = self.query_one("#debrief-types", DataTable)
        types.add_columns("Actor", "Hidden type", "Played by", "Your final trust", "Read right?")
        for t in ledger.type_reveals(self.game, self.side):
            types.add_row(
                f"{t.name} ({t.actor})",
                TYPE_WORDS[t.hidden_type].upper(),
                t.doctrine,
                "—" if t.your_trust is None else f"{t.your_trust:.2f}",
                "—" if t.right is None else ("yes" if t.right else "NO"),
            )
        self._fill_ledger()
        self._plot()

    def _plot(self) -> None:
        from textual_plotext import PlotextPlot

        hist = list(self.game.state.tension_history)
        weeks = list(range(len(hist)))
        step = max(1, len(weeks) // 12 + (1 if len(weeks) % 12 else 0))
        xticks: list[float] = [float(w) for w in weeks[::step]]
        tension_plot = self.query_one("#plot-tension", PlotextPlot)
        pt = tension_plot.plt
        pt.clear_figure()
        u = round_unit(self.game.rules)
        pt.title(f"Tension by {u} (level bands at 20, 40, 60, 80)")
        pt.plot(weeks, hist, marker="braille", label="tension 0-100")
        pt.ylim(0, 100)
        # plotext picks among ticks that share a row in hash order: offer only ticks that fit
        rows = tension_plot.size.height - 5
        pt.yticks([0, 20, 40, 60, 80, 100] if rows >= 11 else [0, 50, 100])
        pt.xticks(xticks)
        pt.xlabel(u)
        series = ledger.trust_series(self.game, self.side)
        pr = self.query_one("#plot-trust", PlotextPlot).plt
        pr.clear_figure()
        pr.title("Your trust in each actor; the truth is 1 (security seeker) or 0 (greedy)")
        used: set[str] = set()
        for k, (actor, (values, truth)) in enumerate(series.items()):
            marker = actor[0] if actor[0] not in used else str(k + 1)
            used.add(marker)
            word = TYPE_WORDS[self.game.state.types[actor]]
            pr.plot(
                list(range(len(values))),
                values,
                marker=marker,
                label=f"{actor} ({marker}): truly {word} = {truth:.0f}",
            )
        pr.hline(0.5)
        pr.ylim(0, 1)
        pr.yticks([0, 0.5, 1])
        pr.xticks(xticks)
        pr.xlabel(u)

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id == "charts":
            self.call_after_refresh(self._replot)

    def on_resize(self) -> None:
        self.call_after_refresh(self._replot)

    def _replot(self) -> None:
        from textual_plotext import PlotextPlot

        self._plot()
        for plot in self.query(PlotextPlot):
            plot.refresh()

    def _fill_ledger(self) -> None:
        self._rows = ledger.ledger(self.game, None if self.all_pairs else self.side)
        fill_ledger(self.query_one("#debrief-ledger", DataTable), self._rows, round_unit(self.game.rules))
        who = "every pair" if self.all_pairs else f"acts {self.side} made or observed"
        self.query_one("#ledger-caption", Static).update(
            f"Misperception ledger: {who} (a: toggle). Highlight a row for the words on each side."
        )
        self._show_row(0)

    def _show_row(self, index: int) -> None:
        detail = self.query_one("#ledger-detail", Static)
        if not 0 <= index < len(self._rows):
            detail.update("")
            return
        detail.update(ledger_detail(self._rows[index], round_unit(self.game.rules)))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "debrief-ledger":
            self._show_row(event.cursor_row)

    def watch_all_pairs(self, _: bool) -> None:
        self._fill_ledger()

    def action_toggle_pairs(self) -> None:
        """Ledger: every pair, or only the player's."""
        self.all_pairs = not self.all_pairs

    def action_tab(self, tab: str) -> None:
        """Switch tab: outcome, charts, ledger or why."""
        self.query_one(TabbedContent).active = tab

    def action_export(self) -> None:
        """Write the debrief to Markdown in the save folder."""
        folder = self.wargame.save_dir
        name = (
            f"debrief-{self.game.scenario.id}-{self.side}-seed{self.game.seed}-week{self.game.round:02d}.md"
        )
        path = folder / name
        try:
            atomic_write(path, ledger.to_markdown(self.game, self.side))
        except OSError as exc:
            self.wargame.show_error(f"Cannot write {path}: {exc.strerror or exc}")
            return
        self.exported_to = str(path)
        self.notify(f"Debrief written to {path}", title="Exported")

    def action_play_on(self) -> None:
        """What if: fork this game at a week (the highlighted ledger row's week less one, so that
        week is played again; else the last but one) and play on as this side, in a new file."""
        from wargame.tui.screens.fork import ForkScreen, play_branch

        if len(self.game.humans) >= 2:
            self.wargame.show_error(
                "A classroom game cannot be played on from a week (its chance is secret)."
            )
            return
        side = self.game.humans[0] if self.game.humans else self.side  # the player's side
        week = self.game.round - 1
        if self.query_one(TabbedContent).active == "ledger":
            row = self.query_one("#debrief-ledger", DataTable).cursor_row
            if 0 <= row < len(self._rows):
                week = self._rows[row].round - 1
        self.app.push_screen(
            ForkScreen(self.game, self.source, side, max(0, week)),
            lambda b: play_branch(self.wargame, b),
        )

    def action_leave(self) -> None:
        """Back to the replay (if opened from it) or the title screen."""
        if self.from_replay:
            self.app.pop_screen()
        else:
            self.wargame.to_title()
