"""Recent games: the game in the autosave and every game kept before another replaced it
(:mod:`wargame.recent`), newest first; enter continues one (or opens its debrief).

A kept game that is continued goes back into the autosave, and leaves the list of kept games
(the autosave holds every week of it); the game it replaces in the autosave is kept in its turn.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from wargame.errors import printable
from wargame.recent import KeptGame, recent_dir, recent_games
from wargame.tui.saves import autosave_path, peek
from wargame.tui.screens.base import WargameScreen

AUTOSAVE_ID = "autosave"


def _when(stamp: str) -> str:
    """``2026-12-06T05:40:12`` → ``12-06 05:40``."""
    return stamp[5:16].replace("T", " ") if len(stamp) >= 16 else stamp


def kept_label(game: KeptGame) -> Text:
    """Two lines: what the game is and where it stands, then its file and when it was kept."""
    head = {"unfinished": "Continue", "finished": "Debrief ", "unknown": "Open    "}.get(
        game.status, "        "
    )
    style = "bold" if game.status == "unfinished" else ""
    return Text.assemble(
        (f"{head}  ", style),
        (game.summary(), style),
        "\n",
        (f"          kept {_when(game.kept_at)}", "dim"),
    )


class RecentScreen(WargameScreen):
    """The recent games, to continue one.

    Args:
        save_dir: the save folder.
    """

    OFFERS_SAVE = False
    """ctrl+s is not offered here: the game in the app is not the one being set up or chosen."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "Back")]
    AUTO_FOCUS = "#recent-list"

    def __init__(self, save_dir: Path) -> None:
        super().__init__()
        self.save_dir = save_dir
        self.title = "Recent games"
        self.games = recent_games(save_dir)
        self.paths: dict[str, Path] = {}

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        with Vertical(id="load-box"):
            yield Static(
                "Every game is kept when another takes its place. Enter continues a game "
                "(or opens its debrief).",
                id="recent-about",
            )
            yield OptionList(*self._options(), id="recent-list")
            yield Static(
                Text(printable(f"Kept in {recent_dir(self.save_dir)}; Load game lists every file.", 300)),
                id="recent-where",
                classes="hint",
            )
            yield Static("", id="recent-error", classes="error")
        yield Footer()

    def _options(self) -> list[Option]:
        options: list[Option] = []
        auto = autosave_path(self.save_dir)
        if auto.is_file():
            info = peek(auto)
            if not info.problem:
                label = Text.assemble(
                    ("Continue  ", "bold"),
                    (self._autosave_summary(auto), "bold"),
                    "\n",
                    ("          last played (the autosave)", "dim"),
                )
                options.append(Option(label, id=AUTOSAVE_ID))
                self.paths[AUTOSAVE_ID] = auto
        for k, g in enumerate(self.games):
            key = f"kept-{k}"
            self.paths[key] = recent_dir(self.save_dir) / g.file
            label = kept_label(g)
            if g.status in ("unfinished", "finished") and not self._installed(g):
                label.append(
                    "\n          made for another version of its scenario: it may not open", "italic"
                )
            options.append(Option(label, id=key, disabled=g.status == "unreadable"))
        if not options:
            options.append(Option("(no games yet: start one from the title screen)", disabled=True))
        return options

    def _installed(self, game: KeptGame) -> bool:
        """True unless the game was made for a version of its scenario that is not installed
        (the index said where it stood when it was kept; the scenario may have changed since)."""
        from wargame.errors import InputError

        if not game.scenario_sha256:
            return True
        try:
            loaded = self.wargame.load_scenario(game.scenario)
        except InputError:
            return False
        return game.scenario_sha256 == loaded.sha256 or game.scenario_sha256 in (
            loaded.model.scenario.compatible_sha256
        )

    @staticmethod
    def _autosave_summary(path: Path) -> str:
        """The autosave's game in the words of the kept ones (replayed: a few milliseconds)."""
        from wargame import files
        from wargame.errors import InputError
        from wargame.recent import describe

        try:
            data = files.read_bounded(path, files.MAX_RECORD_BYTES, "wargame record")
        except InputError as exc:
            return printable(exc.expected, 200)
        return describe(data, path.name).summary()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        key = event.option.id
        if key is None or key not in self.paths:
            return
        error = self.wargame.open_record(self.paths[key], "load")
        if error:
            self.query_one("#recent-error", Static).update(Text(printable(error, 600)))

    def action_back(self) -> None:
        """Back to the title screen."""
        self.wargame.to_title()
