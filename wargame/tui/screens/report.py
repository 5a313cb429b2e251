"""The week's report: every actor's act, revealed at once, and what changed.

A modal over the game screen (which has already redrawn underneath). Acts are shown as the
player's capital saw them; the numbers are the player's own trust and estimates, and the public
tension meter.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from wargame.analysis.explain import PairStatus, TensionWhy
from wargame.analysis.report import OUTCOME_WORDS
from wargame.analysis.vocab import signed, tension_change, tension_label, trust_change, trust_word
from wargame.tui.picture import NewsEntry, RoundReport
from wargame.tui.widgets.expert import is_expert
from wargame.tui.widgets.news_log import render_entry

if TYPE_CHECKING:
    from wargame.tui.host import WargameHost


def did_text(e: NewsEntry) -> Text:
    """What an actor did, as seen; an act that fell back for want of a partner says so, and
    why (the engine's note), right under it."""
    out = Text(e.headline)
    if e.fell_back and e.note:
        out.append(f"\n⚠ {e.note}", style="bold")
    return out


def render_orders(report: RoundReport, capital: str) -> RenderableType:
    """Every actor's act, one row each, as the player's capital saw it (revealed together)."""
    table = Table(box=None, padding=(0, 1), show_edge=False, header_style="bold", expand=True)
    table.add_column("Actor", no_wrap=True)
    table.add_column(f"Did (as {capital} saw it)", ratio=1, overflow="fold")
    table.add_column("Read", no_wrap=True)
    table.add_column("Your trust", no_wrap=True)
    for e in report.news:
        if e.kind != "act":
            continue
        who = Text(e.maker or "", style="bold")
        if e.mine:
            table.add_row(Text.assemble("◆ ", who), did_text(e), "yours", "")
            continue
        read = Text("HOSTILE", style="bold reverse") if e.hostile else Text("calm")
        trust = ""
        if e.trust_before is not None and e.trust_after is not None:
            trust = f"{e.trust_before:.2f}→{e.trust_after:.2f}"
        table.add_row(who, did_text(e), read, trust)
    return table


def tension_move(before: float, after: float) -> Text:
    """``58 → 64 · level 2 CRISIS  (+6)``: tension 0-100 before and after a round, as displayed
    (rounded down, so the change always adds up)."""
    return Text.assemble(
        f"{int(before)} → ", (tension_label(after), "bold"), f"  ({tension_change(before, after)})"
    )


def render_why(why: TensionWhy | None, lead: str = "Why: ") -> Text:
    """Why the meter moved, one item after another: ``"Why: −10 older acts fade; +8 …"`` (the
    numbers add up to the change shown beside the tension)."""
    if why is None:
        return Text("")
    out = Text()
    out.append(lead, style="bold")
    for k, term in enumerate(why.terms):
        if k:
            out.append("; ")
        out.append(signed(term.points, 0), style="bold")
        out.append(f" {term.label}")
    if not why.terms:
        out.append(why.text())
    return out


def render_pairs(pairs: tuple[PairStatus, ...] | list[PairStatus], heading: str) -> RenderableType:
    """A heading (how far peace is, or that the game ended), then the principal rival pairs, one
    line each: ``North Korea–US: crisis (tension 69)``."""
    lines: list[RenderableType] = [Text(heading, style="bold")]
    for p in pairs:
        style = "bold reverse" if p.outcome.value == "war" else ("bold" if p.outcome.is_peace else "")
        lines.append(Text.assemble("  ", p.names, ": ", (p.word, style), f" ({p.detail()})"))
    return Group(*lines)


def pairs_heading(progress: str, ended: bool) -> str:
    """The heading over the pairs: how far peace is (``progress``), or, once the game ended,
    that these pairs decided it."""
    return "The rival pairs that decided the outcome:" if ended else f"{progress}:"


def render_tension(report: RoundReport) -> RenderableType:
    """The tension's move this week and why (the numbers add up to the change)."""
    head = Text.assemble(("Tension ", "bold"), tension_move(report.tension_before, report.tension_after))
    return Group(head, render_why(report.why))


def render_changes(report: RoundReport, expert: bool = False) -> RenderableType:
    """What changed this week: the principal rival pairs, your trust (a word and numbers), your
    estimates of their trust in you, and (expert view) capabilities K."""
    table = Table(box=None, padding=(0, 1), show_edge=False, header_style="bold")
    table.add_column("Actor")
    table.add_column("Your trust", no_wrap=True)
    table.add_column("≈ Their trust in you", no_wrap=True)
    if expert:
        table.add_column("K", no_wrap=True)
    before = {r.actor: r for r in report.relations_before}
    for r in report.relations_after:
        b = before.get(r.actor, r)
        cells = [
            r.actor,
            f"{b.trust:.2f} → {r.trust:.2f} ({trust_change(b.trust, r.trust)}) {trust_word(r.trust)}",
            f"{b.estimated_trust_in_me:.2f} → {r.estimated_trust_in_me:.2f}",
        ]
        if expert:
            cells.append(f"{b.capability:.2f} → {r.capability:.2f}")
        table.add_row(*cells)
    parts: list[RenderableType] = []
    if report.pairs:
        ended = report.outcome is not None
        parts += [render_pairs(report.pairs, pairs_heading(report.progress, ended)), Text("")]
    parts.append(table)
    return Group(*parts)


class RenderedOnce:
    """A Rich renderable drawn once per width, then replayed: the week's report.

    Textual renders a Rich renderable in full to measure its height and again to paint it, and
    a screen just pushed is laid out twice (when it is shown and when it first learns its size):
    four renderings of the report's tables and news per end-week key. The segments of the first
    are kept (per width and wrapping options) and replayed.
    """

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable
        self._lines: dict[tuple[object, ...], list[list[Segment]]] = {}

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        key = (options.max_width, options.min_width, options.justify, options.overflow, options.no_wrap)
        lines = self._lines.get(key)
        if lines is None:
            lines = self._lines[key] = console.render_lines(
                self.renderable, options.update(height=None), pad=False, new_lines=True
            )
        for line in lines:
            yield from line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.renderable)


class RoundReportScreen(ModalScreen[None]):
    """The report of one week.

    Args:
        report: the data.
        capital: the player's capital (for "Seoul reads").
        game_over: the game ended this week (the button then leads to the debrief).
        private_to: in a hot-seat game, the team the report is for (shown in the title).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Continue"),
        Binding("space", "close", "Continue", priority=True),
        Binding("enter", "close", "Continue", show=False),  # also when the text has the focus
        # the Continue button keeps the focus; the arrows and page keys still scroll the report
        Binding("down", "scroll_report('scroll_down')", show=False),
        Binding("up", "scroll_report('scroll_up')", show=False),
        Binding("pagedown", "scroll_report('scroll_page_down')", show=False),
        Binding("pageup", "scroll_report('scroll_page_up')", show=False),
        Binding("end", "scroll_report('scroll_end')", show=False),
        Binding("home", "scroll_report('scroll_home')", show=False),
    ]
    AUTO_FOCUS = "#report-ok"
    VERTICAL_BREAKPOINTS = [(0, "-short"), (34, "-tall")]  # noqa: RUF012

    def __init__(self, report: RoundReport, capital: str, game_over: bool, private_to: str = "") -> None:
        super().__init__()
        self.report = report
        self.capital = capital
        self.game_over = game_over
        self.private_to = private_to
        """A hot-seat team's name: the title then says the report is for that team only."""

    def compose(self) -> ComposeResult:
        r = self.report
        with Vertical(id="report-box", classes="dialog"):
            with VerticalScroll(id="report-body"):
                # one Static holding one Rich group: a single widget to lay out and paint
                details = [e for e in r.news if e.kind != "act" or e.frame or e.reading]
                expert = is_expert(self)
                ended: list[RenderableType] = []
                if r.outcome is not None:
                    ended = [Text(f"The game has ended: {OUTCOME_WORDS[r.outcome]}.", style="bold reverse")]
                # every order first (each actor's row, a fallback and its reason on the first
                # screen at 80×24), then the tension, then what changed
                yield Static(
                    RenderedOnce(
                        Group(
                            *ended,
                            Text("All orders revealed", style="bold"),
                            render_orders(r, self.capital),
                            render_tension(r),
                            Text(""),
                            render_changes(r, expert),
                            Text(""),
                            Text("In their own words", style="bold"),
                            *(render_entry(e, self.capital, expert=expert) for e in details),
                        )
                    ),
                    id="report-text",
                )
            yield Button(
                "To the debrief" if self.game_over else "Continue", variant="primary", id="report-ok"
            )

    def on_mount(self) -> None:
        box = self.query_one("#report-box")
        box.border_title = (
            f"{self.report.unit.capitalize()} {self.report.round} · {self.report.date:%a %d %b %Y}"
            + (f" · as {self.capital} saw it · {self.private_to} only" if self.private_to else "")
        )
        box.border_subtitle = "enter, space or esc: continue"

    def on_screen_resume(self) -> None:
        # Belt and braces: a repaint suspended elsewhere (a footer recomposing under this modal
        # holds App.batch_update across awaits) drops the first frame of a screen shown meanwhile,
        # which then stays invisible until the next key. Then paint once more when the app is
        # free again (only then: a repaint for nothing would cost every week a frame).
        if self._repaints_suspended():
            self.set_timer(0.05, self._repaint_if_missed)

    def _repaints_suspended(self) -> bool:
        host: WargameHost = self.app  # type: ignore[assignment]
        return host.updates_suspended

    def action_scroll_report(self, how: str) -> None:
        """Scroll the report text (``scroll_down``, ``scroll_page_up``, ``scroll_end``, ...)."""
        getattr(self.query_one("#report-body", VerticalScroll), how)()

    def _repaint_if_missed(self) -> None:
        if self._repaints_suspended():  # still suspended: try again shortly
            self.set_timer(0.05, self._repaint_if_missed)
        elif self.is_current:
            self.refresh(layout=True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        """Close the report."""
        self.dismiss(None)
