"""The quit dialog: save first, quit anyway, or go back (frogmouth's yes/no dialog, with three)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class QuitScreen(ModalScreen[str]):
    """Ask before quitting with unsaved weeks. Dismisses with ``"save"``, ``"quit"`` or ``"cancel"``.

    Args:
        unsaved: weeks played since the last save.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "answer('cancel')", "Cancel"),
        Binding("s", "answer('save')", "Save and quit"),
        Binding("q", "answer('quit')", "Quit without saving"),
    ]
    AUTO_FOCUS = "#quit-save"

    def __init__(self, unsaved: int) -> None:
        super().__init__()
        self.unsaved = unsaved

    def compose(self) -> ComposeResult:
        weeks = f"{self.unsaved} round{'s' if self.unsaved != 1 else ''}"
        with Vertical(id="quit-box", classes="dialog small"):
            yield Static(
                f"You have played {weeks} since you last saved.\n"
                "The autosave keeps them, and Recent games after your next game. Save a copy of your own?",
                id="quit-text",
            )
            with Horizontal(classes="buttons"):
                yield Button("Save and quit (s)", variant="primary", id="quit-save")
                yield Button("Quit (q)", variant="error", id="quit-quit")
                yield Button("Cancel (esc)", id="quit-cancel")

    def on_mount(self) -> None:
        self.query_one("#quit-box").border_title = "Quit?"

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss((event.button.id or "quit-cancel").removeprefix("quit-"))

    def action_answer(self, answer: str) -> None:
        """Close with ``answer``."""
        self.dismiss(answer)
