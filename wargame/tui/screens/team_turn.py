"""A team's turn: the game screen for one side, built only from that team's view.

:class:`TeamTurnScreen` is the single-player :class:`~wargame.tui.screens.game.GameScreen` with
the keys of a hot-seat turn: ``space`` seals the order (after a yes/no that ``enter`` cannot
answer), ``escape`` hides the screen behind this team's hand-off card, ``b`` opens the team's
brief. Every panel is drawn by :mod:`wargame.tui.picture` functions that take the side, which
read the engine's view of that side (:meth:`wargame.classroom.HotSeat.private_view`): its own
trust, its estimates of the others' trust in it, its capital's readings, public facts. Nothing
here can reach another team's pending order, which lives only in the session until the reveal.

At the start of a turn the team first sees its private report of the last week (every act as its
capital saw it, its trust before and after) or, in week 1, its brief.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import ClassVar

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import Static

from wargame.analysis.vocab import TYPE_WORDS
from wargame.engine.state import Order
from wargame.game import Game
from wargame.tui import picture
from wargame.tui.screens.game import GameScreen
from wargame.tui.widgets.instrument_picker import InstrumentPicker

#: What a team is told about its own hidden type (its secret instructions).
TYPE_BRIEFS = {
    "security_seeker": "wants only to be safe: it would settle for a secure status quo.",
    "greedy": "would take gains if it could do so safely: it is not content with the status quo.",
}


class TeamBriefScreen(ModalScreen[None]):
    """A team's brief: its state, aims and fears, its secret type, and its private intelligence.

    Args:
        game: the game; side: the team's actor (only its own view is read).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,b", "close", "Close"),
        Binding("space", "close", "Close", show=False, priority=True),
    ]

    def __init__(self, game: Game, side: str) -> None:
        super().__init__()
        self.game = game
        self.side = side

    def compose(self) -> ComposeResult:
        game, side = self.game, self.side
        model = next(a for a in game.scenario.model.actors if a.id == side)
        own = game.view(side).own_type
        parts: list[Text] = [
            Text(picture.team_label(game, side), style="bold"),
            Text(f"You decide for {model.name}; your capital is {model.capital}.", style="italic"),
            Text(""),
            Text("Secret: your leadership's true type", style="bold underline"),
            Text.assemble(
                (f"{TYPE_WORDS[own].upper()}", "bold reverse"), f": {model.name} {TYPE_BRIEFS.get(own, '')}"
            ),
            Text(
                "The other capitals cannot see this; they infer it from what you do. "
                "Keep it to your team. The debrief reveals every state's type.",
                style="dim",
            ),
            Text(""),
            Text("Aims", style="bold underline"),
            *(Text(f"• {x}") for x in model.aims),
            Text("Fears", style="bold underline"),
            *(Text(f"• {x}") for x in model.fears),
            Text(""),
            Text("Private intelligence", style="bold underline"),
        ]
        revealed = game.revelations(side)
        if revealed:
            parts += [Text(f"⚠ {r.text}") for r in revealed]
        else:
            parts.append(Text("No misreading of yours has come to light yet.", style="dim"))
        allies = [a for a in game.rules.actor_ids if a != side and game.rules.aligned(side, a)]
        if allies:
            parts += [Text(""), Text("Allies: " + ", ".join(allies) + " (they take no alarm from your acts)")]
        with Vertical(id="brief-box", classes="dialog"), VerticalScroll():
            yield Static(Group(*parts), id="brief-text")

    def on_mount(self) -> None:
        box = self.query_one("#brief-box")
        box.border_title = "Your brief (this team only)"
        box.border_subtitle = "escape, b or space: close"

    def action_close(self) -> None:
        """Close the brief."""
        self.dismiss(None)


class ReasonScreen(ModalScreen[str | None]):
    """One line of why, typed by a team before it seals its order (sealed with it, shown only
    in the class debrief after the end).

    Args:
        current: the line typed so far.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Back")]

    def __init__(self, current: str = "") -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        from textual.widgets import Input

        with Vertical(id="reason-box", classes="dialog"):
            yield Static(
                "Why this order? One line, for the debrief: it is sealed with your order and shown "
                "to the class only after the game ends, beside how every other capital read your act.",
                id="reason-text",
            )
            yield Input(
                self.current,
                placeholder="e.g. show resolve without closing the door to talks",
                max_length=140,
                id="reason-input",
            )

    def on_mount(self) -> None:
        box = self.query_one("#reason-box")
        box.border_title = "Your reason (this team only)"
        box.border_subtitle = "enter: keep · escape: back"
        self.query_one("#reason-input").focus()

    def on_input_submitted(self, event: object) -> None:
        from textual.widgets import Input

        self.dismiss(" ".join(self.query_one("#reason-input", Input).value.split()))

    def action_cancel(self) -> None:
        """Back without changing the reason."""
        self.dismiss(None)


class TeamTurnScreen(GameScreen):
    """One team's secret turn.

    Args:
        game: the game (read only through ``side``'s view and public facts).
        side: the team's actor.
        deadline: ``time.monotonic()`` when the team's time runs out (None: no timer).
        opening: what to show first: ``"report"`` (the last week as this capital saw it),
            ``"brief"`` or ``""`` (nothing: the team came back after hiding its screen).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "seal", "Seal order"),
        Binding("t", "next_target", "Target"),
        Binding("f", "filter_news", "News filter"),
        Binding("b", "brief", "Brief"),
        Binding("w", "reason", "Why"),
        Binding("escape", "hide", "Hide screen"),
    ]

    WARNINGS: ClassVar[tuple[int, ...]] = (60, 30, 10)
    """Seconds left at which the team is warned."""

    def __init__(self, game: Game, side: str, deadline: float | None = None, opening: str = "") -> None:
        super().__init__(game, side)
        self.deadline = deadline
        self.opening = opening
        self.title = picture.team_name(game, side)
        self._warned: set[int] = set()
        self._timed_out = False
        self.reason = ""
        """The team's one line of why (``w``), sealed with its order."""

    # --- layout -------------------------------------------------------------------------------

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(
            "#orders"
        ).border_title = f"{picture.team_name(self.game, self.side)}'s move · {self.side}"
        self.query_one(InstrumentPicker).commit_words = "seal your order"
        if self.deadline is not None:
            self.set_interval(1.0, self._tick)
        if self.opening == "report" and self.game.round:
            from wargame.tui.screens.report import RoundReportScreen

            report = picture.round_report(
                self.game, self.side, picture.last_round_relations(self.game, self.side)
            )
            self.app.push_screen(
                RoundReportScreen(
                    report, self.capital, False, private_to=picture.team_name(self.game, self.side)
                )
            )
        elif self.opening == "brief":
            self.app.push_screen(TeamBriefScreen(self.game, self.side))

    def refresh_from_game(self) -> None:
        """Every panel from this team's view, and the sub-title with the team and its clock."""
        super().refresh_from_game()
        self._subtitle()

    def _subtitle(self) -> None:
        st = picture.status(self.game, self.side)
        clock = ""
        if self.deadline is not None:
            left = max(0.0, self.deadline - time.monotonic())
            s = int(left + 0.999)
            clock = f"TIME LEFT {s // 60}:{s % 60:02d} · "
        self.sub_title = (
            f"{clock}{st.unit.capitalize()} {st.week} of {st.round_limit} · {st.date:%a %d %b %Y} · "
            f"{self.game.rules.actor_by_id[self.side].name} ({self.side})"
        )

    # --- the clock ----------------------------------------------------------------------------

    def _tick(self) -> None:
        from wargame.tui.screens.facilitator import FacilitatorScreen

        if self.deadline is None or self._timed_out:
            return
        if isinstance(self.app.screen, FacilitatorScreen):
            self.deadline += 1.0  # the facilitator's time is not the team's
            flow = self.wargame.classroom
            if flow is not None:
                flow.extend_deadline(self.side, 1.0)
            return
        left = self.deadline - time.monotonic()
        self._subtitle()
        for w in self.WARNINGS:
            if left <= w and w not in self._warned:
                self._warned.add(w)
                if left > 0:
                    self.notify(f"{int(left + 0.999)} seconds left to seal your order.", title="Time")
        if left <= 0:
            self.time_up()

    def time_up(self) -> None:
        """The team's time ran out: its order is the no-decision default (see HotSeat)."""
        if self._timed_out:
            return
        self._timed_out = True
        flow = self.wargame.classroom
        if flow is not None:
            flow.time_up(self.side)

    # --- actions ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action not in ("debrief", "end_turn")

    def action_end_week(self) -> None:
        """In a hot-seat turn, ending the week means sealing the order."""
        self.action_seal()

    def action_seal(self) -> None:
        """Seal the chosen order, after a yes/no (``y`` seals; ``enter`` and ``n`` go back)."""
        from wargame.tui.screens.confirm import ConfirmScreen

        picker = self.query_one(InstrumentPicker)
        order = picker.staged
        if order is None:
            inst = picker.highlighted_instrument
            hint = f" (enter chooses {inst.name})" if inst else ""
            self.notify(f"Choose an instrument first{hint}.", title="No order yet")
            return
        rules = self.game.rules
        inst = rules.instruments[order.instrument]
        to = f" → {order.target}" if order.target else ""
        question = (
            f"{escape(picture.team_name(self.game, self.side))}: seal {inst.name}{to} as your order for this "
            f"{self.unit}?\n\nOnce sealed it stays hidden until every team has ordered; "
            "then the screen is cleared for the next team."
        )
        if inst.mid_level >= 5:
            question += f"\n\n{inst.name} is war (COW-MID level 5): the game ends this {self.unit}, whatever the others do."
        if self.reason:
            question += f"\n\nYour reason, sealed with it: “{escape(self.reason)}”"
        else:
            question += "\n\nNo reason given (back, then w, to add one line of why for the debrief)."
        self.app.push_screen(
            ConfirmScreen("Seal your order?", question, yes="Seal it", no="Change it"),
            lambda yes: self._seal(order) if yes else None,
        )

    def _seal(self, order: Order) -> None:
        flow = self.wargame.classroom
        if flow is not None:
            flow.seal(self.side, order, self.reason)

    def action_reason(self) -> None:
        """Type the team's one line of why (sealed with the order)."""

        def keep(line: str | None) -> None:
            if line is not None:
                self.reason = line
                self.notify("Kept: it is sealed with your order." if line else "Reason cleared.", title="Why")

        self.app.push_screen(ReasonScreen(self.reason), keep)

    def action_hide(self) -> None:
        """Hide this screen behind this team's hand-off card (the order is not sealed)."""
        flow = self.wargame.classroom
        if flow is not None:
            flow.hide(self.side)

    def action_brief(self) -> None:
        """The team's brief: aims, fears, its secret type and private intelligence."""
        self.app.push_screen(TeamBriefScreen(self.game, self.side))

    def undo(self) -> None:
        """Teams cannot undo: the facilitator can (F2)."""
        self.notify("Only the facilitator can undo a round (F2).")

    # --- command palette ----------------------------------------------------------------------

    def commands(self) -> Iterator[SystemCommand]:
        """This team's entries in the command palette (nothing about any other team)."""
        yield SystemCommand("Seal order", "Seal your chosen order (space)", self.action_seal)
        yield SystemCommand(
            "Next target", "Aim targeted instruments at the next actor (t)", self.action_next_target
        )
        yield SystemCommand(
            "Your brief", "Aims, fears, your secret type, private intelligence (b)", self.action_brief
        )
        yield SystemCommand("Why", "One line of why, sealed with your order (w)", self.action_reason)
        yield SystemCommand(
            "Hide this screen", "Back to your hand-off card; nothing is sealed (escape)", self.action_hide
        )
        yield SystemCommand("News: all actors", "Show every actor's news", lambda: self.set_news_filter(None))
        for a in self.game.rules.actor_ids:
            yield SystemCommand(
                f"News: {a} only",
                f"Show only the news concerning {self.game.rules.actor_by_id[a].name}",
                lambda a=a: self.set_news_filter(a),
            )
