"""The save dialog: a path (a suggested file in the save folder), enter to save."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

if TYPE_CHECKING:
    from wargame.tui.host import WargameHost


class SaveScreen(ModalScreen[Path | None]):
    """Save the game. Dismisses with the path saved to, or None if cancelled.

    Args:
        suggested: the file offered (the player may type another path).
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]
    AUTO_FOCUS = "#save-path"

    def __init__(self, suggested: Path) -> None:
        super().__init__()
        self.suggested = suggested

    def compose(self) -> ComposeResult:
        with Vertical(id="save-box", classes="dialog small"):
            yield Static("Save to (a .json file; folders are created):")
            yield Input(str(self.suggested), id="save-path")
            yield Static("", id="save-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Save (enter)", variant="primary", id="save-ok")
                yield Button("Cancel (esc)", id="save-cancel")

    def on_mount(self) -> None:
        self.query_one("#save-box").border_title = "Save game"

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save-ok":
            self._save()
        else:
            self.dismiss(None)

    def _save(self) -> None:
        text = self.query_one(Input).value.strip()
        if not text:
            self.query_one("#save-error", Static).update("Type a file name.")
            return
        path = Path(text).expanduser()
        if path.suffix != ".json":
            path = path.with_name(path.name + ".json")
        app: WargameHost = self.app  # type: ignore[assignment]
        error = app.save_to(path)
        if error:
            self.query_one("#save-error", Static).update(error)
        else:
            self.dismiss(path)

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)
