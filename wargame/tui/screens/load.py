"""Load a saved game, or pick a replay to watch.

Lists the records in the save folder (and, for replays, the bundled replay folders), newest
first, and takes any path typed in. A file that is corrupt or not a wargame record shows a clear
message here and is left untouched (:meth:`wargame.game.Game.load` never modifies a file).
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from wargame.errors import printable
from wargame.recent import RECENT_DIR
from wargame.tui.saves import list_records
from wargame.tui.screens.base import WargameScreen


def replay_folders() -> list[Path]:
    """Folders that may hold replays: ``tests/replays`` of a checkout, ``replays/`` in the package."""
    here = Path(__file__).resolve().parents[2]  # the wargame package
    return [here / "_replays", here.parent / "tests" / "replays", Path("replays")]


class LoadScreen(WargameScreen):
    """Choose a record.

    Args:
        purpose: ``"load"`` (resume a game) or ``"replay"`` (watch one).
        save_dir: the save folder.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "Back")]
    AUTO_FOCUS = "#load-list"

    def __init__(self, purpose: str, save_dir: Path) -> None:
        super().__init__()
        self.purpose = purpose
        self.save_dir = save_dir
        self.records = list_records(save_dir, save_dir / RECENT_DIR)
        if purpose == "replay":  # bundled replay folders: records only (no fixtures or tables)
            known = {r.path.resolve() for r in self.records}
            self.records += [
                r for r in list_records(*replay_folders()) if not r.problem and r.path.resolve() not in known
            ]
        self.title = "Load a game" if purpose == "load" else "Watch a replay"

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        with Vertical(id="load-box"):
            where = f"Records in {self.save_dir}" + (
                " and the replay folders" if self.purpose == "replay" else ""
            )
            yield Static(where + " (newest first). Enter opens one.", id="load-where")
            options = [Option(r.label, id=str(k)) for k, r in enumerate(self.records)]
            if not options:
                options = [Option("(no records found: type a path below)", disabled=True)]
            yield OptionList(*options, id="load-list")
            yield Static("Or type a path and press enter:")
            yield Input(placeholder="saves/my-game.json", id="load-path")
            yield Static("", id="load-error", classes="error")
        yield Footer()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.open(self.records[int(event.option.id)].path)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if text:
            self.open(Path(text).expanduser())

    def open(self, path: Path) -> None:
        """Try to open ``path``; on failure say why, here, and stay."""
        error = self.wargame.open_record(path, self.purpose)
        if error:
            # it names the file: never read as markup, escape codes shown escaped
            self.query_one("#load-error", Static).update(Text(printable(error, 600)))

    def action_back(self) -> None:
        """Back to the title screen."""
        self.wargame.to_title()
