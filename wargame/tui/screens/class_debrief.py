"""The class debrief: what each side meant against what the others read.

Four tabs, for a projector and a discussion:

1. **Outcome**: how the game ended and why, where each principal rival pair stands, who played
   what, every hidden type with each team's final trust in it (and whether it read it right),
   the facilitator's log.
2. **Side by side**: one week as each capital saw it (``p``/``n`` change the week): why tension
   moved that week, what each did and said, and how it read every other act, misreadings marked.
3. **Ledgers**: the misperception ledger of each team (``t`` changes the team).
4. **Tension**: the tension chart, with the crisis line.

``x`` and ``h`` export the whole debrief to Markdown and to self-contained HTML (the one debrief
model of :mod:`wargame.analysis.debrief`, rendered as ``wargame debrief`` renders it) next to the saves.

Omniscient by design. The facilitator's "reveal all" opens it during the game (``midgame``);
``escape`` then returns to the hand-off card.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.reactive import reactive
from textual.widgets import DataTable, Footer, Header, Static, TabbedContent, TabPane

from wargame.analysis import ledger
from wargame.analysis.explain import round_why
from wargame.analysis.vocab import round_unit
from wargame.game import Game
from wargame.record.io import atomic_write
from wargame.tui import picture
from wargame.tui.messages import ShowError
from wargame.tui.screens.base import WargameScreen
from wargame.tui.screens.debrief import render_section
from wargame.tui.screens.report import render_why, tension_move
from wargame.tui.widgets.ledger_rows import fill_ledger, ledger_detail

if TYPE_CHECKING:
    from wargame.analysis.debrief import CapitalView, Debrief

#: Width of one capital's column in the side-by-side view (cells).
CAPITAL_WIDTH = 36


def render_capital(view: CapitalView, teams: dict[str, str]) -> Panel:
    """One capital's week: what it did and said, and how it read each other act."""
    parts: list[RenderableType] = [
        Text.assemble(("Did: ", "bold"), view.did),
        Text.assemble(("Said: ", "bold"), (view.said, "italic")),
        *(
            [Text.assemble(("Why: ", "bold"), f"“{view.why}” (the team's reason, sealed with its order)")]
            if view.why
            else []
        ),
    ]
    for s in view.seen:
        tone = Text("HOSTILE", style="bold reverse") if s.hostile else Text("calm")
        line = Text.assemble("\n", (s.maker, "bold"), " seen as ", (s.saw, "italic"), "\n", s.reading, "\n")
        line.append_text(tone)
        line.append(f" · trust {s.trust_before:.2f}→{s.trust_after:.2f}")
        parts.append(line)
        if s.misread:
            parts.append(Text(f"⚠ MISREAD: it was {s.meant}", style="bold reverse"))
    title = f"{view.capital} ({view.actor})"
    who = teams.get(view.actor, "")
    return Panel(
        Group(*parts),
        title=Text(title, style="bold"),
        title_align="left",
        subtitle=Text(f"◆ {who}" if who else "AI"),
        subtitle_align="right",
    )


def render_side_by_side(views: list[CapitalView], teams: dict[str, str], width: int) -> RenderableType:
    """The capitals in as many columns as ``width`` holds (teams first), each a panel."""
    ordered = [v for v in views if v.actor in teams] + [v for v in views if v.actor not in teams]
    cols = max(1, min(len(ordered), width // CAPITAL_WIDTH))
    grid = Table.grid(padding=(0, 1), expand=True)
    for _ in range(cols):
        grid.add_column(ratio=1)
    for k in range(0, len(ordered), cols):
        row: list[RenderableType] = [render_capital(v, teams) for v in ordered[k : k + cols]]
        row += [Text("")] * (cols - len(row))
        grid.add_row(*row)
    return grid


class ClassDebriefScreen(WargameScreen):
    """The debrief of a classroom game.

    Args:
        game: the game (finished, or in progress when the facilitator reveals all).
        midgame: opened by the facilitator's "reveal all" (escape returns to the game).
        from_replay: opened from the replay viewer (escape goes back there).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "tab('cd-outcome')", "Outcome", show=False),
        Binding("2", "tab('cd-sides')", "Side by side", show=False),
        Binding("3", "tab('cd-ledger')", "Ledgers", show=False),
        Binding("4", "tab('cd-tension')", "Tension", show=False),
        Binding("p", "step(-1)", "Prev week"),
        Binding("n", "step(1)", "Next week"),
        Binding("t", "next_team", "Team"),
        Binding("x", "export('md')", "Export .md"),
        Binding("h", "export('html')", "Export .html"),
        Binding("escape", "leave", "Back"),
    ]

    week: reactive[int] = reactive(0, init=False)
    """The week the side-by-side tab shows (0: none played)."""
    team: reactive[str] = reactive("", init=False)
    """Whose ledger is shown ("": every team's)."""

    def __init__(self, game: Game, midgame: bool = False, from_replay: bool = False) -> None:
        super().__init__()
        self.game = game
        self.midgame = midgame
        self.from_replay = from_replay
        self.unit = round_unit(game.rules)
        self.teams = {a: picture.team_name(game, a) for a in game.humans}
        self.title = "Everything revealed (facilitator)" if midgame else "Class debrief"
        self.sub_title = (
            f"{game.scenario.id} · "
            + ("secret key" if game.stream_key is not None else f"seed {game.seed}")
            + f" · {game.round} of {game.round_limit} {self.unit}s"
        )
        self.set_reactive(ClassDebriefScreen.week, game.round)
        self.set_reactive(ClassDebriefScreen.team, game.humans[0] if game.humans else "")
        self.exported_to: list[str] = []
        self._rows: list[ledger.LedgerRow] = []
        self._width = 0
        self.debrief: Debrief

    # --- layout -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        from textual_plotext import PlotextPlot

        from wargame.analysis.render import debrief_for

        self.debrief = d = debrief_for(self.game, None, self.wargame.save_dir)
        yield Header(icon="◆")
        with TabbedContent(id="cd-tabs"):
            with TabPane("Outcome (1)", id="cd-outcome"), VerticalScroll():
                yield Static(Text(f" {d.summary.outcome} ", style="bold reverse"), id="cd-outcome-words")
                yield Static(Group(*(Text(f"• {r}") for r in d.summary.reasons)), id="cd-reasons")
                yield Static(self._pairs(), id="cd-pairs")
                yield Static(
                    Text("Who played what, and what each really was", style="bold underline"),
                    classes="section",
                )
                yield DataTable(id="cd-types", cursor_type="none", show_cursor=False, zebra_stripes=True)
                for k, sec in enumerate(d.sections):
                    yield Static(render_section(sec), id=f"cd-extra-{k}", classes="section")
                yield Static(self._prompts(), id="cd-prompts", classes="section")
                yield Static(self._facilitator_log(), id="cd-facilitator")
            with TabPane("Side by side (2)", id="cd-sides"), VerticalScroll(id="cd-sides-scroll"):
                yield Static("", id="cd-sides-head")
                yield Static("", id="cd-sides-grid")
            with TabPane("Ledgers (3)", id="cd-ledger"), Vertical():
                yield Static("", id="cd-ledger-caption")
                yield DataTable(id="cd-ledger-table", cursor_type="row", zebra_stripes=True)
                yield Static("", id="cd-ledger-detail")
            with TabPane("Tension (4)", id="cd-tension"), Vertical():
                yield PlotextPlot(id="cd-plot")
        yield Footer()

    def on_mount(self) -> None:
        self._fill_types()
        self._show_week()
        self._fill_ledger()
        self._plot()

    def _pairs(self) -> RenderableType:
        """The principal rival pairs: where each stands or how it ended."""
        s = self.debrief.summary
        if not s.pairs:
            return Text("")
        heading = "Where the rival pairs ended" if s.outcome_code else "Where the rival pairs stand"
        return Group(Text(heading, style="bold underline"), *(Text(f"• {p.text()}") for p in s.pairs))

    def _prompts(self) -> RenderableType:
        """Each team's questions to think about (from its own misreadings and turning points)."""
        parts: list[RenderableType] = [Text("Questions to think about", style="bold underline")]
        for side in self.debrief.sides:
            parts.append(Text(f"{self.teams.get(side.actor, side.name)} ({side.actor})", style="bold"))
            parts += [Text(f"{k}. {q}") for k, q in enumerate(side.prompts, 1)] or [Text("None.")]
        return Group(*parts)

    def _facilitator_log(self) -> RenderableType:
        """The log in the order things happened, each entry with its week and in words."""
        from wargame.analysis.faclog import log_lines

        lines = [entry.line(self.unit) for entry in log_lines(self.game)]
        if not lines:
            return Text("")
        return Group(
            Text(""),
            Text("The facilitator's log (in the order things happened)", style="bold underline"),
            *(Text(f"• {line}") for line in lines),
        )

    def _fill_types(self) -> None:
        table = self.query_one("#cd-types", DataTable)
        teams = list(self.game.humans)
        table.add_columns("State", "Truly", *(f"{t}'s trust" for t in teams), "Played by")
        for row in self.debrief.summary.types:
            verdicts = {v.side: v for v in row.verdicts}
            cells: list[str | Text] = [row.actor, row.hidden.upper()]
            for t in teams:
                v = verdicts.get(t)
                if v is None:
                    cells.append("—")
                    continue
                cells.append(
                    Text(f"{v.trust:.2f} {'right' if v.right else 'WRONG'}", style="" if v.right else "bold")
                )
            cells.append(Text(row.played_by))
            table.add_row(*cells)

    # --- side by side -------------------------------------------------------------------------

    def _show_week(self) -> None:
        from wargame.analysis.debrief import side_by_side

        head = self.query_one("#cd-sides-head", Static)
        grid = self.query_one("#cd-sides-grid", Static)
        game, r = self.game, self.week
        if r == 0:
            head.update(f"No {self.unit} has been played yet.")
            grid.update("")
            return
        res = game.results[r - 1]
        why = round_why(game, r, omniscient=True, prefer=game.humans)
        line = Text.assemble("Tension ", tension_move(why.before, res.tension), "  ")
        line.append_text(render_why(why))
        head.update(
            Group(
                Text.assemble(
                    (f"{self.unit.capitalize()} {r} of {game.round}", "bold"),
                    f" · {game.rules.date_of(r):%a %d %b %Y} · each capital: its act, its words, its readings",
                    ("   p/n: previous/next", "dim"),
                ),
                line,
            )
        )
        events = [e for e in picture.press_news(game, r) if e.kind == "event"]
        width = self.size.width or 80
        parts: list[RenderableType] = [Text(f"EVENT: {e.headline}", style="bold") for e in events]
        parts.append(render_side_by_side(side_by_side(game, r), self.teams, width - 4))
        grid.update(Group(*parts))
        self._width = width

    def watch_week(self, _: int) -> None:
        self._show_week()

    def on_resize(self) -> None:
        if self.is_mounted and (self.size.width or 80) != self._width:
            self._show_week()
            self.call_after_refresh(self._replot)

    def action_step(self, delta: int) -> None:
        """Show the previous or next week side by side."""
        if self.game.round:
            self.week = max(1, min(self.game.round, self.week + delta))
            self.query_one(TabbedContent).active = "cd-sides"

    # --- ledgers ------------------------------------------------------------------------------

    def _fill_ledger(self) -> None:
        game = self.game
        observers = [self.team] if self.team else list(game.humans)
        self._rows = sorted(
            (r for side in self.debrief.sides if side.actor in observers for r in side.read),
            key=lambda r: r.round,
        )
        fill_ledger(self.query_one("#cd-ledger-table", DataTable), self._rows, self.unit)
        who = f"{self.teams[self.team]} ({self.team})" if self.team else "every team"
        misreads = sum(1 for r in self._rows if r.misread)
        self.query_one("#cd-ledger-caption", Static).update(
            Text(
                f"Misperception ledger of {who}: what the others meant, what it read "
                f"({misreads} misreading{'s' if misreads != 1 else ''}). t: next team."
            )
        )
        self._show_row(0)

    def _show_row(self, index: int) -> None:
        detail = self.query_one("#cd-ledger-detail", Static)
        if not 0 <= index < len(self._rows):
            detail.update("")
            return
        detail.update(ledger_detail(self._rows[index], self.unit))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "cd-ledger-table":
            self._show_row(event.cursor_row)

    def watch_team(self, _: str) -> None:
        self._fill_ledger()

    def action_next_team(self) -> None:
        """The ledger of the next team (then every team's together)."""
        cycle = [*self.game.humans, ""]
        self.team = cycle[(cycle.index(self.team) + 1) % len(cycle)] if self.team in cycle else cycle[0]
        self.query_one(TabbedContent).active = "cd-ledger"

    # --- tension ------------------------------------------------------------------------------

    def _plot(self) -> None:
        from textual_plotext import PlotextPlot

        plot = self.query_one("#cd-plot", PlotextPlot)
        plt = plot.plt
        plt.clear_figure()
        hist = list(self.game.state.tension_history)
        xs = list(range(len(hist)))
        crisis = self.game.rules.params.crisis_tension
        plt.title(f"Tension by {self.unit}, 0-100 (crisis at {crisis:.0f})")
        plt.plot(xs, [crisis] * len(xs), marker="-", label=f"crisis line {crisis:.0f}")
        plt.plot(xs, hist, marker="braille", label="tension")
        plt.ylim(0, 100)
        rows = plot.size.height - 5
        plt.yticks([0, 20, 40, 60, 80, 100] if rows >= 11 else [0, 50, 100])
        step = max(1, len(xs) // 12 + (1 if len(xs) % 12 else 0))
        plt.xticks([float(x) for x in xs[::step]])
        plt.xlabel(self.unit)

    def _replot(self) -> None:
        from textual_plotext import PlotextPlot

        self._plot()
        self.query_one("#cd-plot", PlotextPlot).refresh()

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id == "cd-tension":
            self.call_after_refresh(self._replot)
        self.refresh_bindings()

    # --- actions ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        try:
            active = self.query_one(TabbedContent).active
        except Exception:
            return True
        if action == "step":
            return active == "cd-sides" and self.game.round > 0
        if action == "next_team":
            return active == "cd-ledger"
        return True

    def action_tab(self, tab: str) -> None:
        """Switch tab."""
        self.query_one(TabbedContent).active = tab

    def action_export(self, fmt: str) -> None:
        """Write the class debrief (``md`` or ``html``) to the save folder, atomically.

        Not while the class runs: a file in ``saves/`` would outlive the facilitator's look and
        show every hidden type to whoever opens it (exports are written after the end)."""
        from wargame.analysis.render import debrief_for, html, markdown

        flow = self.wargame.classroom
        if self.midgame and flow is not None and not flow.hs.over:
            self.post_message(ShowError("Exports are written after the class ends (they show every secret)."))
            return
        game = self.game
        tag = "class" if game.stream_key is not None else f"seed{game.seed}"
        name = f"class-debrief-{game.scenario.id}-{tag}-{self.unit}{game.round:02d}.{fmt}"
        path = self.wargame.save_dir / name
        try:
            d = debrief_for(game, None, self.wargame.save_dir)
            text = html(d) if fmt == "html" else markdown(d)
            atomic_write(path, text)
        except OSError as exc:
            self.post_message(ShowError(f"Cannot write {path}: {exc.strerror or exc}"))
            return
        self.exported_to.append(str(path))
        self.notify(f"Class debrief written to {path}", title="Exported", markup=False)

    def action_leave(self) -> None:
        """Back to the game (mid-game), the replay, or the title screen."""
        if self.from_replay:
            self.app.pop_screen()
        elif self.midgame and self.wargame.classroom is not None:
            self.wargame.classroom.next()
        else:
            self.wargame.to_title()
