"""The reveal, for the projector: every move of the week at once, then the world press.

Public facts only (:meth:`wargame.classroom.HotSeat.world_press`): what each state did and said
in public, the event cards that fired, the tension meter, why it moved (the engine's terms in
words: acts, fading, events, fear of a state, the arms race) and where each principal rival pair
stands. No capital's reading and no trust figure appears here; each team gets its own readings
back, privately, at its next turn.

Two steps, each one ``enter``: the moves (a table, one line per state), then the world press (each
act in its maker's words, with its codes). Then the next hand-off, or the class debrief.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widgets import Footer, Header, Static

from wargame.analysis.explain import pair_statuses, peace_progress
from wargame.analysis.report import OUTCOME_WORDS
from wargame.analysis.vocab import round_unit
from wargame.tui import picture
from wargame.tui.screens.base import WargameScreen
from wargame.tui.screens.report import pairs_heading, render_pairs, render_why, tension_move
from wargame.tui.widgets.expert import follow_expert, is_expert
from wargame.tui.widgets.news_log import render_entry
from wargame.tui.widgets.tension_meter import TensionMeter

if TYPE_CHECKING:
    from wargame.classroom import HotSeat


def kind_word(category: str) -> str:
    """A word for an instrument category (colour is never the only signal)."""
    return {
        "show_of_force": "show of force",
        "use_of_force": "USE OF FORCE",
        "verbal_conflict": "threat or protest",
        "nonviolent": "nonviolent",
        "hold": "hold",
    }.get(category, category)


def render_moves(hs: HotSeat, round_: int, roomy: bool = False, expert: bool = False) -> RenderableType:
    """Every state's move of ``round_``, one row each: the state and who played it, what it did
    (the world press's headline), and the kind of act in words with its MID level. ``roomy``
    leaves a blank line between rows (a projector)."""
    game = hs.game
    rules = game.rules
    res = game.results[round_ - 1]
    press = {p.maker: p for p in hs.world_press(round_)}
    table = Table(box=None, padding=(0, 1), show_edge=False, header_style="bold", expand=True)
    table.add_column("State", overflow="fold", max_width=16)
    table.add_column("Move", ratio=1, overflow="fold")
    table.add_column("Kind", overflow="fold", max_width=14)
    for act in res.acts:
        inst = rules.instruments[act.instrument]
        who = picture.team_name(game, act.maker) if act.maker in game.humans else "AI"
        p = press[act.maker]
        move = Text(p.headline, style="" if inst.category.value in ("nonviolent", "hold") else "bold")
        if p.note:
            move.append(f" ({p.note})", style="dim")
        state = Text.assemble((act.maker, "bold"), "\n", (who, "italic" if who != "AI" else "dim"))
        kind = Text(kind_word(inst.category.value))
        if expert:
            kind.append(f"\nMID {inst.mid_level}", style="dim")
        if roomy and table.row_count:
            table.add_row("", "", "")  # (Rich's ``leading`` needs a box)
        table.add_row(state, move, kind)
    return table


class RevealScreen(WargameScreen):
    """The week revealed to the class.

    Args:
        hs: the session, after the week was resolved.
        tension_before: T before the week (0-100), for the change shown.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "advance('press')", "World press", priority=True),
        Binding("enter", "advance('next')", "Next", priority=True),
    ]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (34, "-tall")]  # noqa: RUF012

    stage: reactive[str] = reactive("moves", init=False)
    """``moves`` (every move at once) or ``press`` (the world press)."""

    def __init__(self, hs: HotSeat, tension_before: float) -> None:
        super().__init__()
        self.hs = hs
        self.game = hs.game
        self.round = hs.game.round
        self.tension_before = tension_before
        self.unit = round_unit(self.game.rules)
        self.title = f"{self.unit.capitalize()} {self.round} revealed"
        self.sub_title = f"{self.game.rules.date_of(self.round):%a %d %b %Y} · public facts only"

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        yield TensionMeter(id="meter")
        with VerticalScroll(id="reveal-body"):
            yield Static(self._moves(), id="reveal-moves")
            yield Static("", id="reveal-press")
        yield Footer()

    def _tension(self) -> Group:
        """The tension's move and why it moved (the engine's terms, in words)."""
        game = self.game
        return Group(
            Text.assemble(("Tension ", "bold"), tension_move(self.tension_before, game.state.tension)),
            render_why(picture.round_why(game, self.round)),
        )

    def _moves(self) -> Group:
        """Every move first (each state's row on the first screen at 80×24), then the tension
        and why, the outcome, the rival pairs and the events."""
        game = self.game
        parts: list[RenderableType] = [
            Text(f"{self.unit.capitalize()} {self.round}: every move, revealed at once", style="bold")
        ]
        outcome = game.results[-1].outcome
        if outcome is not None or game.is_over:
            words = OUTCOME_WORDS[outcome.value] if outcome is not None else "the round limit is reached"
            parts.append(Text(f"  THE GAME HAS ENDED: {words}  ", style="bold reverse"))
        parts += [
            render_moves(self.hs, self.round, roomy=self.size.height >= 34, expert=is_expert(self)),
            Text(""),
            self._tension(),
            Text(""),
        ]
        pairs = pair_statuses(game.rules, game.state)
        if pairs:
            heading = pairs_heading(peace_progress(game.rules, game.state), game.is_over)
            parts += [render_pairs(pairs, heading), Text("")]
        events = [e for e in picture.press_news(game, self.round) if e.kind == "event"]
        for e in events:  # one line each here; the card's text is in the world press
            parts.append(Text.assemble(("EVENT ", "bold reverse"), (e.headline, "bold")))
        if events:
            parts.append(Text(""))
        parts.append(Text(self._next_words(), style="italic"))
        return Group(*parts)

    def _press(self) -> Group:
        entries = [e for e in picture.press_news(self.game, self.round) if e.kind not in ("week", "why")]
        parts: list[RenderableType] = [
            Text(
                f"{self.unit.capitalize()} {self.round} in the world press: what each state did and said in public",
                style="bold",
            ),
            Text(
                "Each team's own capital's reading comes back to it, privately, at its next turn.",
                style="dim",
            ),
            Text(""),
        ]
        for e in entries:
            parts += [render_entry(e, "", expert=is_expert(self)), Text("")]
        parts.append(Text(self._next_words(), style="italic"))
        return Group(*parts)

    def _next_words(self) -> str:
        if self.game.is_over or self.hs.over:
            return "Enter: the class debrief."
        nxt = self.hs.teams[0]
        step = (
            "Enter: the world press."
            if self.stage == "moves"
            else f"Enter: next {self.unit}, hand-off to {picture.team_name(self.game, nxt)}."
        )
        return step

    def on_mount(self) -> None:
        self.query_one(TensionMeter).reading = picture.tension_reading(self.game)
        self.query_one("#reveal-body").border_title = "The reveal"
        self.query_one("#reveal-press").display = False
        self.call_after_refresh(self._refresh_moves)
        follow_expert(self, self._on_expert)

    def _on_expert(self, _: bool) -> None:
        """The codes were switched on or off: render the stage shown again."""
        if self.stage == "moves":
            self._refresh_moves()
        else:
            self.query_one("#reveal-press", Static).update(self._press())

    def on_resize(self) -> None:
        self._refresh_moves()

    def _refresh_moves(self) -> None:
        """Lay the moves out again for the screen's height (a blank line between rows when tall)."""
        if self.stage == "moves":
            self.query_one("#reveal-moves", Static).update(self._moves())

    def watch_stage(self, stage: str) -> None:
        moves = self.query_one("#reveal-moves", Static)
        press = self.query_one("#reveal-press", Static)
        if stage == "press":
            press.update(self._press())
            moves.display = False
            press.display = True
            self.query_one("#reveal-body").border_title = "The world press"
        self.query_one("#reveal-body", VerticalScroll).scroll_home(animate=False)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "advance" and parameters:
            return (parameters[0] == "press") == (self.stage == "moves")
        return True

    def action_advance(self, step: str = "") -> None:
        """The moves → the world press → the next hand-off (or the class debrief)."""
        if self.stage == "moves":
            self.stage = "press"
            return
        flow = self.wargame.classroom
        if flow is not None:
            flow.next()
