"""The debrief: the outcome and why, the principal rival pairs, hidden types revealed, questions
to think about, turning points, charts of tension and of trust against the truth, the
misperception ledger and why tension moved each week; for a fork, how it compares with its
parent. ``x`` and ``h`` export the same debrief to Markdown and to HTML.

Everything shown comes from the one debrief model (:mod:`wargame.analysis.debrief`), which the
Markdown and HTML exports render too. This is the one screen that shows omniscient data (after
the reveal). The charts use textual-plotext, imported here only, so it costs nothing at start-up.
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
from textual.widget import Widget
from textual.widgets import DataTable, Footer, Header, Static, TabbedContent, TabPane

from wargame.analysis import ledger
from wargame.analysis.debrief import Comparison, Debrief, Section, SideDebrief
from wargame.analysis.vocab import round_unit
from wargame.game import Game
from wargame.record.io import atomic_write
from wargame.tui.messages import ShowError
from wargame.tui.screens.base import WargameScreen
from wargame.tui.widgets.ledger_rows import fill_ledger, ledger_detail


def render_why_table(d: Debrief) -> RenderableType:
    """Why tension moved, week by week: the week, the meter's move, the engine's terms in words
    (omniscient: a fear item names the capital whose trust moved)."""
    u = d.unit
    if len(d.weeks) < 2:
        return Text(f"No {u} was played.")
    table = Table(box=None, padding=(0, 1), show_edge=False, header_style="bold", expand=True)
    table.add_column(u.capitalize(), no_wrap=True, justify="right")
    table.add_column("Tension", no_wrap=True)
    table.add_column("Why it moved (meter points; they add up to the change)", ratio=1, overflow="fold")
    for prev, w in zip(d.weeks, d.weeks[1:]):
        table.add_row(str(w.week), f"{int(prev.tension)} → {int(w.tension)} ({w.change})", w.why)
    return Group(Text(f"Why tension moved, {u} by {u}", style="bold underline"), table)


def render_comparison(c: Comparison, unit: str) -> RenderableType:
    """A fork against its parent: both outcomes, then tension and trust week by week."""
    if not c.available:
        return Text(f"Forked from {c.parent} after {unit} {c.week}; no comparison: {c.note}.", style="italic")
    lines: list[RenderableType] = [
        Text(f"This branch and the first game ({c.parent}), {unit} by {unit}", style="bold underline"),
        Text(f"First game: {c.parent_outcome}, final tension {int(c.parent_final or 0)}"),
        Text(f"This branch: {c.branch_outcome}, final tension {int(c.branch_final or 0)}"),
    ]
    table = Table(box=None, padding=(0, 1), show_edge=False, header_style="bold")
    table.add_column(unit.capitalize()[:4], justify="right")
    table.add_column("Tension first→branch", no_wrap=True)
    for r in c.rivals:
        table.add_column(f"trust {r} first→branch", no_wrap=True)
    for w in c.weeks:
        pt = "—" if w.parent_tension is None else str(int(w.parent_tension))
        bt = "—" if w.branch_tension is None else str(int(w.branch_tension))
        cells = [f"{w.week}{'=' if w.shared else ''}", f"{pt} → {bt}"]
        for a, b in zip(w.parent_trust, w.branch_trust):
            cells.append(f"{'—' if a is None else f'{a:.2f}'} → {'—' if b is None else f'{b:.2f}'}")
        table.add_row(*cells)
    lines.append(table)
    lines.append(Text(f"= the {unit}s both branches share", style="dim"))
    return Group(*lines)


def render_section(sec: Section) -> RenderableType:
    """An extra section of the model (a heading, lines, an optional table)."""
    parts: list[RenderableType] = [Text(sec.heading, style="bold underline")]
    parts += [Text(f"• {line}") for line in sec.lines]
    if sec.columns:
        table = Table(box=None, padding=(0, 1), show_edge=False, header_style="bold")
        for col in sec.columns:
            table.add_column(col)
        for row in sec.rows:
            table.add_row(*row)
        parts.append(table)
    return Group(*parts)


class DebriefScreen(WargameScreen):
    """The end of the game.

    Args:
        game: the finished game (or, from a replay, the recorded one).
        side: whose side the debrief takes ("your trust").
        from_replay: opened from the replay viewer (escape goes back there).
        source: the file name of the record (a replay's); None: the game open in the app.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        # first, so that the footer shows it at any width; the other labels are short for 80 columns
        Binding("escape", "leave", "Back"),
        Binding("x", "export('md')", "Markdown"),
        Binding("h", "export('html')", "HTML"),
        Binding("a", "toggle_pairs", "All pairs", show=False),  # the ledger's caption says it
        Binding("1", "tab('outcome')", "Outcome", show=False),
        Binding("2", "tab('charts')", "Charts", show=False),
        Binding("3", "tab('ledger')", "Ledger", show=False),
        Binding("4", "tab('why')", "Why", show=False),
        Binding("o", "play_on", "Play on"),
        Binding("m", "rematch", "Rematch"),
        Binding("n", "app.new_game", "New game", show=False),  # the footer at 80 columns: Rematch
        # the tab's content scrolls (the ledger's cursor moves) while the tab bar has the focus
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("down", "line(1)", "Down", show=False),
        Binding("up", "line(-1)", "Up", show=False),
    ]

    NARROW = 100
    """Below this many columns the hidden types and the ledger take their narrow layout."""

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
        self.debrief: Debrief
        self._rows: list[ledger.LedgerRow] = []
        self._narrow: bool | None = None
        """The layout the tables were last filled for (None: not yet)."""

    def compose(self) -> ComposeResult:
        from textual_plotext import PlotextPlot

        from wargame.analysis.render import debrief_for

        loaded = self.wargame.load_path  # a fork opened with --load: its parent is beside it
        folders = [self.wargame.save_dir, *([loaded.parent] if loaded is not None else [])]
        self.debrief = debrief_for(self.game, self.side, folders)
        d = self.debrief
        yield Header(icon="◆")
        with TabbedContent(id="debrief-tabs"):
            # the payoff on the first screen at 80×24: the outcome, the hidden types and how you
            # read them, the goals scored; then why, the pairs, the branches, questions, turning points
            with TabPane("Outcome (1)", id="outcome"), VerticalScroll(id="outcome-scroll"):
                yield Static(Text(d.summary.outcome, style="bold reverse"), id="debrief-outcome")
                if d.summary.origin:
                    yield Static(Text(d.summary.origin, style="italic"), id="debrief-origin")
                yield Static(Text("Hidden types, revealed", style="bold underline"), classes="section")
                yield Static(id="debrief-types")
                for k, sec in enumerate(d.sections):
                    yield Static(render_section(sec), id=f"debrief-extra-{k}", classes="section")
                yield Static(self._reasons(), id="debrief-reasons")
                yield Static(self._pairs(), id="debrief-pairs")
                if d.comparison is not None:
                    yield Static(
                        render_comparison(d.comparison, d.unit), id="debrief-branches", classes="section"
                    )
                yield Static(Text("Questions to think about", style="bold underline"), classes="section")
                yield Static(self._prompts(), id="debrief-prompts")
                yield Static(Text("Turning points", style="bold underline"), classes="section")
                yield Static(self._turning_points(), id="debrief-turning")
            with TabPane("Charts (2)", id="charts"), Vertical():
                yield PlotextPlot(id="plot-tension")
                yield PlotextPlot(id="plot-trust")
                yield Static(id="plot-trust-legend")
            with TabPane("Ledger (3)", id="ledger"), Vertical():
                yield Static(id="ledger-caption")
                yield DataTable(id="debrief-ledger", cursor_type="row", zebra_stripes=True)
                yield Static(id="ledger-detail")
            with TabPane("Why (4)", id="why"), VerticalScroll(id="why-scroll"):
                yield Static(render_why_table(d), id="debrief-why")
        yield Footer()

    @property
    def mine(self) -> SideDebrief:
        """The model's part for this screen's side."""
        return self.debrief.sides[0]

    def _reasons(self) -> Group:
        return Group(*(Text(f"• {r}") for r in self.debrief.summary.reasons))

    def _pairs(self) -> RenderableType:
        s = self.debrief.summary
        if not s.pairs:
            return Text("")
        heading = "Where the rival pairs ended" if s.outcome_code else "Where the rival pairs stand"
        return Group(Text(heading, style="bold underline"), *(Text(f"• {p.text()}") for p in s.pairs))

    def _prompts(self) -> Group:
        qs = self.mine.prompts
        if not qs:
            return Group(Text("None."))
        return Group(*(Text(f"{k}. {q}") for k, q in enumerate(qs, 1)))

    def _turning_points(self) -> Group:
        points = self.mine.turning_points
        if not points:
            return Group(Text("None: a quiet game."))
        u = self.debrief.unit.capitalize()
        return Group(*(Text.assemble((f"{u} {p.round}: ", "bold"), p.text) for p in points))

    def on_mount(self) -> None:
        self._layout()
        self._plot()

    @property
    def narrow(self) -> bool:
        """The terminal is narrower than :attr:`NARROW` columns."""
        return self.app.size.width < self.NARROW

    def _layout(self) -> None:
        """Fill the hidden types and the ledger for the terminal's width (again when it changed)."""
        if self._narrow == self.narrow:
            return
        self._narrow = self.narrow
        self.query_one("#debrief-types", Static).update(self._types())
        table = self.query_one("#debrief-ledger", DataTable)
        row = table.cursor_row
        self._fill_ledger()
        if 0 < row < len(self._rows):  # the same row stays highlighted across a resize
            table.move_cursor(row=row, animate=False)

    def _types(self) -> RenderableType:
        """Every hidden type, your final trust and whether you read it right; who played each
        actor in a column, or when narrow in one line below (a doctrine's title is long)."""
        types = self.debrief.summary.types
        table = Table(box=None, padding=(0, 1), show_edge=False, header_style="bold")
        table.add_column("Actor", no_wrap=True)
        table.add_column("Hidden type", no_wrap=True)
        table.add_column(
            "Your final trust" if not self.narrow else "Your trust", no_wrap=True, justify="right"
        )
        table.add_column("Read right?", no_wrap=True)
        if not self.narrow:
            table.add_column("Played by", overflow="fold")
        for t in types:
            v = next(iter(t.verdicts), None)
            cells: list[str | Text] = [
                f"{t.name} ({t.actor})",
                Text(t.hidden.upper(), style="bold" if t.hidden != "security seeker" else ""),
                "—" if v is None else f"{v.trust:.2f}",
                "—" if v is None else Text("yes") if v.right else Text("NO", style="bold reverse"),
            ]
            if not self.narrow:
                cells.append(t.played_by)
            table.add_row(*cells)
        if not self.narrow:
            return table
        by: dict[str, list[str]] = {}
        for t in sorted(types, key=lambda t: t.played_by.startswith("AI:")):  # the humans first
            by.setdefault(t.played_by, []).append(t.actor)
        played = " · ".join(f"{who}: {', '.join(ids)}" for who, ids in by.items())
        return Group(table, Text(f"Played by — {played}", style="dim"))

    def _plot(self) -> None:
        from textual_plotext import PlotextPlot

        d = self.debrief
        hist = [w.tension for w in d.weeks]
        weeks = [float(w.week) for w in d.weeks]
        step = max(1, len(weeks) // 12 + (1 if len(weeks) % 12 else 0))
        xticks = weeks[::step]
        tension_plot = self.query_one("#plot-tension", PlotextPlot)
        pt = tension_plot.plt
        pt.clear_figure()
        u = d.unit
        pt.title(f"Tension by {u} (level bands at 20, 40, 60, 80)")
        pt.plot(weeks, hist, marker="braille")
        pt.ylim(0, 100)
        # plotext picks among ticks that share a row in hash order: offer only ticks that fit
        rows = tension_plot.size.height - 5
        pt.yticks([0, 20, 40, 60, 80, 100] if rows >= 11 else [0, 50, 100])
        pt.xticks(xticks)
        pt.xlabel(u)
        pr = self.query_one("#plot-trust", PlotextPlot).plt
        pr.clear_figure()
        pr.title("Your trust in each actor; the truth is 1 (security seeker) or 0 (greedy)")
        used: set[str] = set()
        legend: list[str] = []
        for k, line in enumerate(self.mine.trust):
            marker = line.subject[0] if line.subject[0] not in used else str(k + 1)
            used.add(marker)
            # the legend sits below the chart, never over the lines (plotext draws it inside)
            pr.plot(weeks[: len(line.values)], list(line.values), marker=marker)
            legend.append(f"{marker} {line.subject}: truly {line.hidden} = {line.truth:.0f}")
        self.query_one("#plot-trust-legend", Static).update(Text(" · ".join(legend), style="dim"))
        pr.hline(0.5)
        pr.ylim(0, 1)
        pr.yticks([0, 0.5, 1])
        pr.xticks(xticks)
        pr.xlabel(u)

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id == "charts":
            self.call_after_refresh(self._replot)

    def on_resize(self) -> None:
        self._layout()
        self.call_after_refresh(self._replot)

    def _replot(self) -> None:
        from textual_plotext import PlotextPlot

        self._plot()
        for plot in self.query(PlotextPlot):
            plot.refresh()

    def _fill_ledger(self) -> None:
        if self.all_pairs:
            self._rows = ledger.ledger(self.game)
        else:
            mine = self.mine
            self._rows = sorted(mine.read + mine.made, key=lambda r: r.round)
        # narrow: the columns' room is the screen less the pane's padding and the scroll bar
        width = self.app.size.width - 4 if self.narrow else None
        fill_ledger(
            self.query_one("#debrief-ledger", DataTable), self._rows, round_unit(self.game.rules), width
        )
        who = "every pair" if self.all_pairs else f"acts {self.side} made or saw"
        other = "yours" if self.all_pairs else "all pairs"
        # one line at 80 columns; the highlighted row's words show below the table
        self.query_one("#ledger-caption", Static).update(
            f"Misperception ledger: {who} (a: {other}) · ↑↓ a row"
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

    def _content(self) -> Widget | None:
        """What the active tab scrolls: its scroll view, or the ledger's table (None: charts)."""
        pane = self.query_one(TabbedContent).active_pane
        if pane is None:
            return None
        found = pane.query("#outcome-scroll, #why-scroll, #debrief-ledger")
        return found.first() if found else None

    def action_page(self, direction: int) -> None:
        """Page the active tab's content (the ledger: its cursor), whatever has the focus."""
        content = self._content()
        if isinstance(content, DataTable):
            content.action_page_down() if direction > 0 else content.action_page_up()
        elif content is not None:
            content.scroll_page_down() if direction > 0 else content.scroll_page_up()

    def action_line(self, direction: int) -> None:
        """A line of the active tab's content (the ledger: the next or previous row)."""
        content = self._content()
        if isinstance(content, DataTable):
            content.action_cursor_down() if direction > 0 else content.action_cursor_up()
        elif content is not None:
            content.scroll_down() if direction > 0 else content.scroll_up()

    def action_tab(self, tab: str) -> None:
        """Switch tab: outcome, charts, ledger or why."""
        self.query_one(TabbedContent).active = tab

    def action_export(self, fmt: str = "md") -> None:
        """Write the debrief to Markdown (``md``) or one self-contained HTML page (``html``) in the
        save folder: the same debrief this screen shows."""
        from wargame.analysis.render import html, markdown

        folder = self.wargame.save_dir
        name = f"debrief-{self.game.scenario.id}-{self.side}-seed{self.game.seed}-week{self.game.round:02d}.{fmt}"
        path = folder / name
        try:
            atomic_write(path, html(self.debrief) if fmt == "html" else markdown(self.debrief))
        except OSError as exc:
            self.post_message(ShowError(f"Cannot write {path}: {exc.strerror or exc}"))
            return
        self.exported_to = str(path)
        self.notify(f"Debrief written to {path}", title="Exported", markup=False)

    def action_play_on(self) -> None:
        """What if: fork this game at a week (the highlighted ledger row's week less one, so that
        week is played again; else the last but one) and play on as this side, in a new file."""
        from wargame.tui.screens.fork import ForkScreen, play_branch

        if len(self.game.humans) >= 2:
            self.post_message(
                ShowError("A classroom game cannot be played on from a week (its chance is secret).")
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

    def action_rematch(self) -> None:
        """Rematch: the same scenario and seed (the same hidden types and chance), with another
        side or other doctrines chosen on the setup screen."""
        if len(self.game.humans) >= 2:
            self.post_message(
                ShowError("A classroom game has no rematch here: its chance is the class's secret.")
            )
            return
        self.wargame.rematch(self.game)

    def action_leave(self) -> None:
        """Back to the replay (if opened from it) or the title screen."""
        if self.from_replay:
            self.app.pop_screen()
        else:
            self.wargame.to_title()
