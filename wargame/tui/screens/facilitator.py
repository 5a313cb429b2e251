"""The facilitator's controls, behind F2 and the PIN (if one was set).

Pause or resume, inject one of the scenario's event cards, undo the last week, reveal every
perception and hidden type to the class, end the game, save, leave or quit. The screen only
chooses: it dismisses with a :class:`FacilitatorChoice` (with the PIN typed), and the classroom
flow (:mod:`wargame.tui.hotseat`) performs it through :class:`~wargame.classroom.HotSeat`, which
checks the PIN again and logs the action in the game record (so replays and the debrief show it).

The PIN is asked every time the controls open: a classroom screen is never left unlocked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from wargame.analysis.vocab import round_unit
from wargame.tui.messages import AutosaveRequested

if TYPE_CHECKING:
    from wargame.classroom import HotSeat


@dataclass(frozen=True, slots=True)
class FacilitatorChoice:
    """What the facilitator chose.

    Attributes:
        kind: ``pause``, ``resume``, ``inject``, ``undo``, ``reveal``, ``end``, ``save``,
            ``title`` or ``quit``.
        detail: the event-card id for ``inject`` ("" otherwise).
        pin: the PIN typed (None when no PIN is set).
    """

    kind: str
    detail: str = ""
    pin: str | None = None


class FacilitatorScreen(ModalScreen[FacilitatorChoice | None]):
    """The facilitator's menu (after the PIN, if one was set).

    Args:
        hs: the session.
        note: a line shown above the menu (e.g. why it opened).
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "Back")]

    def __init__(self, hs: HotSeat, note: str = "") -> None:
        super().__init__()
        self.hs = hs
        self.note = note
        self.pin: str | None = None
        self.unlocked = not hs.has_pin
        self.showing_cards = False
        self.tries = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="fac-box", classes="dialog"):
            yield Static("", id="fac-text")
            yield Input(password=True, placeholder="facilitator PIN", id="fac-pin")
            yield Static("", id="fac-error", classes="error")
            yield OptionList(id="fac-menu")

    def on_mount(self) -> None:
        box = self.query_one("#fac-box")
        box.border_title = "Facilitator"
        box.border_subtitle = "enter: choose · escape: back"
        if self.unlocked:
            self._show_menu()
        else:
            self.query_one("#fac-menu").display = False
            self.query_one("#fac-text", Static).update(
                Text.assemble(
                    ("Facilitator controls are locked.\n", "bold"),
                    (self.note + "\n" if self.note else ""),
                    "Type the PIN and press enter (escape: back).",
                )
            )
            self.query_one("#fac-pin", Input).focus()

    # --- the PIN --------------------------------------------------------------------------------

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        from wargame.classroom import PinBackoffError

        typed = event.value.strip()
        event.input.value = ""
        error = self.query_one("#fac-error", Static)
        try:
            ok = self.hs.check_pin(typed)
        except PinBackoffError as exc:
            error.update(
                f"Too many wrong PINs: wait {int(exc.wait + 0.999)} s, then try again (not checked)."
            )
            return
        if ok:
            self.pin = typed
            self.unlocked = True
            self._show_menu()
            return
        self.tries += 1
        self.post_message(AutosaveRequested())  # the wrong try is in the log
        wrong = self.hs.total_failures  # the class's count (the hand-off card's tries too), as logged
        error.update(
            f"Wrong PIN ({wrong} wrong PIN{'s' if wrong > 1 else ''} in this class; logged). "
            f"The next try is taken after {int(self.hs.wait + 0.999)} s."
        )

    # --- the menu -------------------------------------------------------------------------------

    def _status(self) -> Text:
        hs, game = self.hs, self.hs.game
        unit = round_unit(game.rules)
        text = Text()
        if self.note and not self.hs.has_pin:
            text.append(self.note + "\n")
        text.append(
            f"{unit.capitalize()} {game.round + 1} of {game.round_limit} · {hs.orders_in} of "
            f"{len(hs.teams)} orders sealed" + (" · PAUSED" if hs.paused else ""),
            style="bold",
        )
        if hs.pending_injects:
            cards = {e.id: e.title for e in game.scenario.model.events}
            text.append(
                "\nQueued for the next reveal: " + "; ".join(cards.get(c, c) for c in hs.pending_injects)
            )
            text.append("\n(announced to every team at the reveal, to none before)", style="dim")
        if not hs.has_pin:
            text.append("\nNo PIN is set: any team can open these controls.", style="bold")
        text.append(
            "\nEvery action here is written to the game record (the replay and debrief show it).", style="dim"
        )
        return text

    def _menu_options(self) -> list[Option]:
        hs, game = self.hs, self.hs.game
        unit = round_unit(game.rules)
        options = [
            Option(
                "Resume the game" if hs.paused else "Pause the game (a full-screen card for everyone)",
                id="resume" if hs.paused else "pause",
            ),
            Option("Inject an event card…", id="inject"),
            Option(
                f"Undo {unit} {game.round} (every team orders it again)"
                if game.round
                else f"Undo (no {unit} played yet)",
                id="undo",
                disabled=game.round == 0,
            ),
            Option("Reveal all perceptions and hidden types (class view)", id="reveal"),
            Option("End the game now: go to the class debrief", id="end"),
            Option("Save the game… (sealed: it opens only with the PIN until the end)", id="save"),
            Option("Leave to the title screen (autosaved)", id="title"),
            Option("Quit wargame (autosaved)", id="quit"),
            Option("Back to the game (escape)", id="back"),
        ]
        return options

    def _show_menu(self) -> None:
        self.showing_cards = False
        self.query_one("#fac-pin").display = False
        self.query_one("#fac-error", Static).update("")
        self.query_one("#fac-text", Static).update(self._status())
        menu = self.query_one("#fac-menu", OptionList)
        menu.display = True
        menu.set_options(self._menu_options())
        menu.highlighted = 0
        menu.focus()

    def _show_cards(self) -> None:
        self.showing_cards = True
        game = self.hs.game
        unit = round_unit(game.rules)
        text = {e.id: e.text for e in game.scenario.model.events}
        options: list[Option | None] = []
        for e in game.rules.events:
            if e.round is not None:
                when = f"scheduled for {unit} {e.round}"
            elif e.probability > 0:
                when = f"by chance, {e.probability:.0%} a {unit}"
            else:
                when = "only when injected"
            options.append(
                Option(
                    Text.assemble(
                        (e.title, "bold"), (f"  ({when})", "italic"), "\n", (text.get(e.id, ""), "dim")
                    ),
                    id=f"card:{e.id}",
                )
            )
            options.append(None)
        options.append(Option("← Back to the menu", id="menu"))
        self.query_one("#fac-text", Static).update(
            Text.assemble(
                ("Inject an event card. ", "bold"),
                "It fires when this week is revealed, for everyone, and is logged in the record.",
            )
        )
        menu = self.query_one("#fac-menu", OptionList)
        menu.set_options(options)
        menu.highlighted = 0
        menu.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        choice = event.option.id or ""
        if choice == "inject":
            self._show_cards()
        elif choice == "menu":
            self._show_menu()
        elif choice == "back":
            self.dismiss(None)
        elif choice.startswith("card:"):
            self.dismiss(FacilitatorChoice("inject", choice.removeprefix("card:"), self.pin))
        elif choice:
            self.dismiss(FacilitatorChoice(choice, "", self.pin))

    def action_back(self) -> None:
        """Back: from the cards to the menu, else close."""
        if self.showing_cards:
            self._show_menu()
        else:
            self.dismiss(None)
