"""The app as its screens and the classroom flow see it: Textual's App and the game's controls.

Screens, dialogs and the classroom flow are typed against :class:`WargameHost`, never against the
concrete :class:`~wargame.tui.app.WargameApp` (which implements it), so nothing in ``wargame.tui``
imports the app back: the package has no import circle (an import-linter contract in
``pyproject.toml`` keeps it so). A screen asks for a new game or a save through these methods, and
posts a toast or an autosave as a message (:mod:`wargame.tui.messages`); what the app does with
them is the app's business.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from textual.app import App
from textual.screen import Screen

if TYPE_CHECKING:
    from wargame.classroom import HotSeat
    from wargame.engine.state import Order, RoundResult
    from wargame.game import Game
    from wargame.scenario.load import LoadedScenario


class ClassroomFlow(Protocol):
    """What the screens of a classroom game ask of its flow (:class:`~wargame.tui.hotseat.HotSeatFlow`)."""

    hs: HotSeat

    def next(self) -> None: ...
    def begin_turn(self, actor: str) -> None: ...
    def extend_deadline(self, actor: str, seconds: float) -> None: ...
    def hide(self, actor: str) -> None: ...
    def seal(self, actor: str, order: Order, reason: str = "") -> None: ...
    def time_up(self, actor: str) -> None: ...
    def reveal(self) -> None: ...
    def show_debrief(self, midgame: bool = False) -> None: ...


class WargameHost(App[None]):
    """The game's controls, implemented by :class:`~wargame.tui.app.WargameApp` (see the module)."""

    save_dir: Path
    load_path: Path | None
    game_path: Path | None
    game: Game | None
    side: str
    saved_round: int
    classroom: ClassroomFlow | None

    @property
    def updates_suspended(self) -> bool:
        """Repaints are suspended: a batch update is open (a frame drawn now is dropped)."""
        raise NotImplementedError

    def show(self, screen: Screen[Any]) -> None:
        """Show a main screen, replacing whatever main screen was there."""
        raise NotImplementedError

    def to_title(self) -> None:
        """Back to the title screen."""
        raise NotImplementedError

    def show_error(self, message: str) -> None:
        """Tell the player something went wrong."""
        raise NotImplementedError

    def load_scenario(self, name: str) -> LoadedScenario:
        """A scenario by id or path. Raises InputError."""
        raise NotImplementedError

    def new_game(self, scenario: str, side: str, seed: int, **settings: Any) -> str | None:
        """Start a new game and show it; an error message, or None."""
        raise NotImplementedError

    def start(self, game: Game, side: str, *, saved: bool, source: Path | None = None) -> None:
        """Make ``game`` the current game, played as ``side``, and show it."""
        raise NotImplementedError

    def open_record(self, path: str | Path, purpose: str = "load") -> str | None:
        """Load a save or a replay and show it; an error message, or None."""
        raise NotImplementedError

    def new_class(
        self,
        scenario: str,
        seed: int,
        *,
        pin: str | None = None,
        timer_seconds: int | None = None,
        **settings: Any,
    ) -> str | None:
        """Start a classroom (hot-seat) game; an error message, or None."""
        raise NotImplementedError

    def start_class(self, hs: HotSeat, *, saved: bool, source: Path | None = None) -> None:
        """Make ``hs``'s game the current game, played hot-seat."""
        raise NotImplementedError

    def play_week(self, order: Order) -> RoundResult:
        """Resolve the next week with the player's order."""
        raise NotImplementedError

    def undo_week(self) -> bool:
        """Drop the last week; False when there is none."""
        raise NotImplementedError

    def autosave(self, background: bool = False) -> None:
        """Write the autosave (a failure is reported, never fatal)."""
        raise NotImplementedError

    def save_to(self, path: Path) -> str | None:
        """Save the game to ``path``; an error message, or None."""
        raise NotImplementedError

    def save_dialog(self) -> None:
        """The save dialog."""
        raise NotImplementedError

    def show_debrief(self) -> None:
        """Show the current game's debrief."""
        raise NotImplementedError

    def rematch(self, game: Game) -> None:
        """Set up a rematch of ``game``."""
        raise NotImplementedError
