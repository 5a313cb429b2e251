"""The cards between hot-seat turns: the hand-off, the pause, and "time is up".

A card fills the screen and shows nothing of any team's orders or beliefs: the week, whose turn
it is, how many orders are sealed (a count, and which teams have gone, which the fixed playing
order tells anyway), and the keys. It is built from public facts only, never from a team's view.

The hand-off is deliberate: the next team opens its screen by typing its own code (``ROK``) and
Enter (:attr:`HandoffScreen.TYPE_CODE`), which no team leaving the keyboard types by accident,
however late or often it presses Enter. The reveal card takes Enter, ignored for
:attr:`HandoffScreen.GUARD` seconds after the card appears.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, ClassVar

from rich.align import Align
from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static

from wargame.analysis.vocab import round_unit
from wargame.engine.state import Order
from wargame.game import Game
from wargame.tui import picture
from wargame.tui.screens.base import WargameScreen

if TYPE_CHECKING:
    from wargame.classroom import HotSeat


def _minutes(seconds: float) -> str:
    s = max(0, int(seconds + 0.999))
    return f"{s // 60}:{s % 60:02d}"


def roster(hs: HotSeat, now: str | None) -> Text:
    """The teams in playing order: ``✓ sealed``, ``▸ now``, ``· waiting`` (marks and words)."""
    out = Text()
    sealed = hs.orders_in
    for k, t in enumerate(hs.teams):
        if k:
            out.append("\n")
        name = picture.team_label(hs.game, t)
        if k < sealed:
            out.append(f"✓ {name}: order sealed", style="")
        elif t == now:
            out.append(f"▸ {name}: now", style="bold")
        else:
            out.append(f"· {name}: waiting", style="dim")
    return out


class HandoffScreen(WargameScreen):
    """Pass the keyboard to the next team, or (``actor=None``) reveal the week to the class.

    Args:
        hs: the session (only its public facts are shown: week, teams, the count of orders in).
        actor: the team whose turn it is; None when every order is in.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "begin('turn')", "Begin turn", priority=True),
        Binding("enter", "begin('reveal')", "Reveal", priority=True),
    ]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (34, "-tall")]  # noqa: RUF012
    GUARD: ClassVar[float] = 0.6
    """Seconds after the card appears during which ``enter`` is ignored (tests set 0)."""
    TYPE_CODE: ClassVar[bool] = True
    """A team begins its turn by typing its actor code and Enter (Enter alone does nothing)."""

    def __init__(self, hs: HotSeat, actor: str | None) -> None:
        super().__init__()
        self.hs = hs
        self.actor = actor
        game = hs.game
        self.unit = round_unit(game.rules)
        week = game.round + 1
        self.title = "Classroom · hand-off" if actor else "Classroom · all orders in"
        self.sub_title = (
            f"{self.unit.capitalize()} {week} of {game.round_limit} · {game.rules.date_of(week):%a %d %b %Y}"
        )
        self._shown_at = 0.0

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        with Vertical(id="card-box"), Center():
            yield Static(self._card(), id="card-text")
            if self.actor is not None and self.TYPE_CODE:
                yield Input(
                    placeholder=f"type {self.actor}, then Enter",
                    max_length=12,
                    compact=True,
                    id="handoff-code",
                )
                yield Static("", id="handoff-error", classes="error")
        yield Footer()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """The team typed its code: begin its turn if it is this team's."""
        event.stop()
        typed = event.value.strip().upper()
        event.input.value = ""
        if self.actor is None:
            return
        if typed == self.actor.upper():
            flow = self.wargame.classroom
            if flow is not None:
                flow.begin_turn(self.actor)
        elif typed:
            self.query_one("#handoff-error", Static).update(f"Type {self.actor} to begin this team's turn.")

    def _card(self) -> Group:
        hs, game = self.hs, self.hs.game
        parts: list[RenderableType] = []
        if self.actor is None:
            parts += [
                Text("All orders are sealed", style="bold", justify="center"),
                Text(""),
                Text(
                    " Turn the projector on: every move is revealed at once. ",
                    style="bold reverse",
                    justify="center",
                ),
                Text(""),
                Text("Press Enter to reveal the moves to the whole class.", justify="center"),
            ]
        else:
            a = game.rules.actor_by_id[self.actor]
            parts += [
                Text("Pass the keyboard to", style="dim", justify="center"),
                Text(""),
                Text(
                    f"  {picture.team_name(game, self.actor).upper()}  ",
                    style="bold reverse",
                    justify="center",
                ),
                Text(f"{a.name} ({a.id}) · {a.capital}", style="bold", justify="center"),
                Text(""),
                Text(
                    f"When only your team is looking, type {self.actor} and press Enter."
                    if self.TYPE_CODE
                    else "Press Enter when only your team is looking.",
                    style="bold",
                    justify="center",
                ),
                Text(
                    "Your screen shows your own capital's view; your order stays sealed.",
                    style="dim",
                    justify="center",
                ),
            ]
            if hs.timer_seconds:
                parts.append(
                    Text(
                        f"Time for your order: {_minutes(hs.timer_seconds)} (from Enter).",
                        style="italic",
                        justify="center",
                    )
                )
        parts += [Text(""), Align.center(roster(hs, self.actor))]
        if hs.paused:
            parts += [Text(""), Text("PAUSED by the facilitator", style="bold reverse", justify="center")]
        parts += [Text(""), Text("Facilitator: F2", style="dim", justify="center")]
        return Group(*parts)

    def on_mount(self) -> None:
        self._shown_at = time.monotonic()
        self.query_one("#card-box").border_title = (
            f"{self.unit.capitalize()} {self.hs.game.round + 1}: hand-off"
            if self.actor
            else f"{self.unit.capitalize()} {self.hs.game.round + 1}: the reveal"
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "begin" and parameters:
            if parameters[0] == "turn" and self.TYPE_CODE:
                return False  # the team types its code instead
            return (parameters[0] == "reveal") == (self.actor is None)
        return True

    def action_begin(self, what: str = "") -> None:
        """Start the team's turn (or reveal the week), unless the card has only just appeared."""
        if time.monotonic() - self._shown_at < self.GUARD:
            return
        flow = self.wargame.classroom
        if flow is None:
            return
        if self.actor is None:
            flow.reveal()
        else:
            flow.begin_turn(self.actor)


class PausedScreen(Screen[None]):
    """The facilitator paused the game: nothing but the word, until the facilitator resumes."""

    VERTICAL_BREAKPOINTS = [(0, "-short"), (34, "-tall")]  # noqa: RUF012

    def __init__(self, game: Game) -> None:
        super().__init__()
        self.game = game
        self.title = "Classroom · paused"
        unit = round_unit(game.rules)
        self.sub_title = f"{unit.capitalize()} {game.round + 1} of {game.round_limit}"

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        with Vertical(id="card-box"), Center():
            yield Static(
                Group(
                    Text("  PAUSED  ", style="bold reverse", justify="center"),
                    Text(""),
                    Text("The facilitator has paused the game. Eyes to the front.", justify="center"),
                    Text(""),
                    Text(
                        "Facilitator: F2 to resume (sealed orders are kept).", style="dim", justify="center"
                    ),
                ),
                id="card-text",
            )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#card-box").border_title = "Paused"


class TimeUpScreen(Screen[None]):
    """A team's time ran out: tell that team (and only it, still at the keyboard) what was sealed.

    Args:
        game: the game; actor: the team; order: the order sealed for it (a non-decision).
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "next", "Clear the screen", priority=True)]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (34, "-tall")]  # noqa: RUF012

    def __init__(self, game: Game, actor: str, order: Order) -> None:
        super().__init__()
        self.game = game
        self.actor = actor
        self.order = order
        self.title = "Classroom · time is up"
        self.sub_title = picture.team_label(game, actor)

    def compose(self) -> ComposeResult:
        rules = self.game.rules
        name = rules.instruments[self.order.instrument].name
        to = f" → {self.order.target}" if self.order.target else ""
        yield Header(icon="◆")
        with Vertical(id="card-box"), Center():
            yield Static(
                Group(
                    Text("  TIME IS UP  ", style="bold reverse", justify="center"),
                    Text(""),
                    Text(
                        f"{picture.team_name(self.game, self.actor)}: your order was sealed as",
                        justify="center",
                    ),
                    Text(f"{name}{to}", style="bold", justify="center"),
                    Text(
                        "the no-decision default: cheap talk, which others read as almost no evidence.",
                        style="italic",
                        justify="center",
                    ),
                    Text(""),
                    Text(
                        "Press Enter to clear the screen and pass the keyboard on.",
                        style="bold",
                        justify="center",
                    ),
                ),
                id="card-text",
            )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#card-box").border_title = "Time is up"

    def action_next(self) -> None:
        """Clear the screen: the next hand-off card."""
        flow = self.app.classroom  # type: ignore[attr-defined]
        if flow is not None:
            flow.next()
