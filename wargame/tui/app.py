"""The Textual app: title → setup → game → debrief, with saves, help and a command palette.

:class:`WargameApp` holds the running :class:`~wargame.game.Game` and is the only place that
changes it (state flows down to the screens, intents flow up as method calls and messages).
Imports of the engine and of the game screens are lazy, so the title screen paints before
pydantic and the scenario are loaded.

Entry points: :func:`run_app` (what ``wargame play`` calls) and :func:`make_app` (tests,
snapshots, the start-up benchmark).
"""

from __future__ import annotations

import random
from collections.abc import Generator, Iterable
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events
from textual.app import SystemCommand
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.screen import Screen

from wargame.errors import printable
from wargame.scenario.paths import DEFAULT_SCENARIO
from wargame.tui import compat
from wargame.tui.host import WargameHost
from wargame.tui.messages import AutosaveRequested, ShowError
from wargame.tui.saves import autosave_path, default_save_dir
from wargame.tui.saving import Saver
from wargame.tui.screens.title import TitleScreen
from wargame.tui.session import Autosaver

compat.install()  # option lists page safely on small terminals

if TYPE_CHECKING:
    from wargame.classroom import HotSeat
    from wargame.engine.state import Order, RoundResult
    from wargame.game import Game
    from wargame.record.models import GameRecord
    from wargame.scenario.load import LoadedScenario
    from wargame.tui.hotseat import HotSeatFlow


MIN_WIDTH, MIN_HEIGHT = 80, 24
"""The size every screen is laid out for; below it the app says to enlarge the terminal."""


class WargameApp(WargameHost):
    """The wargame.

    Args:
        scenario: scenario id or TOML path offered first (and used directly with ``side``).
        side: the actor the player takes; given, the game starts at once with the scenario's
            defaults (the title and setup are skipped).
        seed: the seed (None: a random one, shown in setup).
        load_path: a save to resume at once (skips title and setup).
        save_dir: where saves and the autosave go (default ``./saves``, see :mod:`wargame.tui.saves`).
        settings: extra game settings for a game started with ``side`` (e.g. ``rounds=4``,
            ``mode="expectation"``); validated by :class:`~wargame.record.models.Settings`.
    """

    CSS_PATH = "wargame.tcss"
    TITLE = "wargame"
    SUB_TITLE = "the security dilemma"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("f1", "help", "Help", show=False, priority=True),
        Binding("question_mark", "help", "Help", key_display="?"),
        # Classroom games only (check_action): a function key, so no team types it by accident.
        # Shown in the footer of the cards, reveal and debrief; not on a team's crowded screen.
        Binding("f2", "facilitator('shown')", "Facilitator", priority=True),
        Binding("f2", "facilitator('hidden')", "Facilitator", show=False, priority=True),
        Binding("e", "toggle_expert", "Codes", show=False),
    ]

    expert: reactive[bool] = reactive(False, init=False)
    """The expert view: the codes (CAMEO, Goldstein, COW-MID, Kahn, K) and the evidence numbers
    beside the plain words. ``e`` toggles it; every widget that shows codes follows it."""

    def __init__(
        self,
        scenario: str = DEFAULT_SCENARIO,
        side: str | None = None,
        seed: int | None = None,
        load_path: str | Path | None = None,
        *,
        save_dir: str | Path | None = None,
        **settings: Any,
    ) -> None:
        super().__init__()
        self.scenario_name = scenario
        self.start_side = side
        self.seed = seed if seed is not None else random.SystemRandom().randrange(0, 100_000)
        self.seed_given = seed is not None
        self.load_path = Path(load_path) if load_path is not None else None
        self.save_dir = Path(save_dir) if save_dir is not None else default_save_dir()
        self.settings = settings
        self.game: Game | None = None
        self._noted_game: Game | None = None
        """The last game whose other-model note was shown (:meth:`note_other_model`)."""
        """The game being played (None on the title and setup screens)."""
        self.side: str = side or ""
        """The actor the player takes."""
        self.saved_round = 0
        """Weeks covered by the last explicit save or load (the quit prompt compares to it)."""
        self.game_path: Path | None = None
        """The file the game was last loaded from or saved to (None: not in a file yet)."""
        self.last_error = ""
        """The last error shown to the player (tests read it)."""
        self.classroom: HotSeatFlow | None = None
        """The classroom (hot-seat) flow while a class plays, else None."""
        self.autosaver = Autosaver(self)
        """The autosave of the current game (:mod:`wargame.tui.session`)."""
        self.saver = Saver(self)
        """Saving the current game to a file (:mod:`wargame.tui.saving`)."""
        self._told_small = False
        self._batches_open = 0
        """Batch updates open (:meth:`batch_update`): repaints are suspended while any is."""

    # --- screens ------------------------------------------------------------------------------

    def get_default_screen(self) -> Screen[Any]:
        """The title screen is the bottom of the stack."""
        return TitleScreen(autosave=autosave_path(self.save_dir))

    def on_mount(self) -> None:
        self.call_after_refresh(self.tell_if_small)
        if self.load_path is not None:
            self.open_record(self.load_path, "load")  # a failure is shown by open_record
        elif self.start_side is not None:
            self.new_game(self.scenario_name, self.start_side, self.seed, **self.settings)

    def on_resize(self, event: events.Resize) -> None:
        self.tell_if_small()

    def tell_if_small(self) -> None:
        """Below 80×24 every screen stays usable (issue 13), but some panels are cut: say once,
        in a toast, that a larger terminal shows them all."""
        w, h = self.size
        if (w < MIN_WIDTH or h < MIN_HEIGHT) and not self._told_small:
            self._told_small = True
            self.notify(
                f"This terminal is {w}×{h}; wargame is laid out for {MIN_WIDTH}×{MIN_HEIGHT} or larger. "
                "Enlarge the terminal to see every panel.",
                title="Small terminal",
                severity="warning",
                timeout=8,
                markup=False,
            )

    def on_unmount(self) -> None:
        """The app is closing: a class lets go of its lock (a crash lets go too: see ClassLock)."""
        if self.classroom is not None:
            self.classroom.hs.close()

    def show(self, screen: Screen[Any]) -> None:
        """Show a main screen: above the title, replacing whatever main screen was there."""
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if len(self.screen_stack) == 1:
            self.push_screen(screen)
        else:
            self.switch_screen(screen)

    def to_title(self) -> None:
        """Back to the title screen (the game stays autosaved).

        A classroom game is let go (logged, and its lock released): from the title, only its
        autosave ("Continue") brings it back, through the resume screen (the facilitator's PIN).
        """
        if self.classroom is not None:
            if not self.classroom.hs.over:
                self.classroom.hs.note("leave", "left to the title screen")
                self.autosave()
            self.flush_autosave()
            self.classroom.hs.close()
            self.classroom = None
            self.game = None
        while len(self.screen_stack) > 1:
            self.pop_screen()
        title = self.screen_stack[0]
        if isinstance(title, TitleScreen):
            title.refresh_menu()

    def show_error(self, message: str) -> None:
        """Tell the player something went wrong (a toast; the message stays in ``last_error``)."""
        message = printable(message, 600)  # it may repeat a file name or value: no markup, no escapes
        self.last_error = message
        self.notify(message, title="Problem", severity="error", timeout=10, markup=False)

    def on_show_error(self, message: ShowError) -> None:
        """A screen asks to tell the player something went wrong."""
        self.show_error(message.message)

    def on_autosave_requested(self, message: AutosaveRequested) -> None:
        """A screen asks for the autosave."""
        self.autosave(message.background)

    @contextmanager
    def batch_update(self) -> Generator[None, None, None]:
        """Textual's batch update (repaints suspended until the end), counted so that a screen can
        ask whether one is open (:attr:`updates_suspended`). Textual opens one too, for a widget's
        recompose (``Widget.batch``) and while screens are popped."""
        self._batches_open += 1
        try:
            with super().batch_update():
                yield
        finally:
            self._batches_open -= 1

    @property
    def updates_suspended(self) -> bool:
        """A batch update is open (:meth:`batch_update`): a frame drawn now is dropped."""
        return self._batches_open > 0

    # --- games --------------------------------------------------------------------------------

    def load_scenario(self, name: str) -> LoadedScenario:
        """Load a scenario by id or path (cached by the loader). Raises InputError."""
        from wargame.scenario import load as scenario_load

        return scenario_load.load(name)

    def new_game(self, scenario: str, side: str, seed: int, **settings: Any) -> str | None:
        """Start a new game and show it. Returns an error message, or None on success."""
        from wargame.errors import InputError
        from wargame.game import Game

        if self.settings.get("overrides"):  # wargame --set: every new game of this session
            settings.setdefault("overrides", self.settings["overrides"])
        try:
            loaded = self.load_scenario(scenario)
            if side not in loaded.rules.actor_by_id:
                raise InputError(
                    "setup",
                    "side",
                    f"unknown side {side!r}; expected one of {', '.join(loaded.rules.actor_ids)}",
                )
            game = Game.new(loaded, seed=seed, humans=[side], **settings)
        except InputError as exc:
            self.show_error(exc.message)
            return exc.message
        self.scenario_name = scenario
        self.start(game, side, saved=False)
        return None

    def start(self, game: Game, side: str, *, saved: bool, source: Path | None = None) -> None:
        """Make ``game`` the current game, played as ``side``, and show it (or its debrief).
        ``source``: the file it was loaded from (None: a new game)."""
        self.autosaver.switch_game()
        self.game = game
        self.side = side
        self.classroom = None
        self.saved_round = game.round if saved else 0
        self.game_path = source
        if game.is_over:
            self.show_debrief()
        else:
            from wargame.tui.screens.game import GameScreen

            self.show(GameScreen(game, side))
        self.autosave()
        self.autosaver.forget_kept_copy(source)

    def open_record(self, path: str | Path, purpose: str = "load") -> str | None:
        """Load a save (``purpose="load"``) or a replay (``"replay"``) and show it.

        A record without human sides is always shown as a replay. The file is never modified.
        A record played on another model version is replayed on this one, and a warning toast
        says so in one line (:attr:`wargame.game.Game.load_note`).
        Returns an error message for the player (and shows it), or None on success.
        """
        from wargame.errors import InputError
        from wargame.game import Game
        from wargame.record import io as record_io

        path = Path(path)
        try:
            record = record_io.load(path)
            if record.classroom is not None and purpose != "replay":
                return self._open_class(record, path)
            scenario = None  # the record's own scenario, unless it is the one already loaded
            try:
                current = self.load_scenario(self.scenario_name)
                if record.scenario.id == current.id:
                    scenario = current
            except InputError:
                pass
            game = Game.from_record(record, scenario, source=path)
        except InputError as exc:
            where = f"{exc.place}: " if exc.place else ""
            # name the save once; a problem in another file (its scenario) keeps that file's name
            detail = f"{where}{exc.expected}" if Path(exc.source) == path else exc.message
            message = f"Cannot open {path.name}: {detail}"
            self.show_error(message)
            return message
        except (OSError, ValueError) as exc:  # defensive: the loader should raise InputError
            message = f"Cannot open {path.name}: {exc}"
            self.show_error(message)
            return message
        if purpose == "replay" or not game.humans:
            from wargame.tui.screens.replay import ReplayScreen

            self.game = None
            self.classroom = None
            self.show(ReplayScreen(game, path.name))
        elif len(game.humans) >= 2:  # a classroom game of before classes were sealed: a PIN is set
            from wargame.classroom import ClassTakenError, HotSeat
            from wargame.tui.screens.hotseat_setup import ResumeClassScreen

            if game.is_over:
                try:
                    hs = HotSeat.reopen(game)
                except ClassTakenError as exc:
                    self.show_error(str(exc))
                    return str(exc)
                self.start_class(hs, saved=True, source=path)
            else:
                self.show(ResumeClassScreen(record, path, game=game))
        else:
            self.start(game, game.humans[0], saved=True, source=path)
            self.notify(
                f"Loaded {path.name}: {game.round} of {game.round_limit} rounds played.", title="Loaded"
            )
        self.note_other_model(game)
        return None

    def note_other_model(self, game: Game) -> None:
        """A warning toast with ``game``'s :attr:`~wargame.game.Game.load_note` (a record played on
        another model version), once per game, whichever way it was opened (a single game, a
        replay, a class after its PIN)."""
        if game.load_note and self._noted_game is not game:
            self._noted_game = game
            self.notify(
                printable(game.load_note, 600),
                title="Played on another model",
                severity="warning",
                timeout=15,
                markup=False,
            )

    def _open_class(self, record: GameRecord, path: Path) -> str | None:
        """A class save: an ended class opens on its debrief; an unfinished one asks for the PIN."""
        from wargame.classroom import ClassTakenError, HotSeat
        from wargame.errors import InputError

        if record.classroom is not None and (record.classroom.ended or record.classroom.secrets):
            try:
                hs = HotSeat.open(record, None, source=path)
            except (InputError, ClassTakenError) as exc:
                message = f"Cannot open {path.name}: {getattr(exc, 'message', exc)}"
                self.show_error(message)
                return message
            self.start_class(hs, saved=True, source=path)
            return None
        from wargame.tui.screens.hotseat_setup import ResumeClassScreen

        self.show(ResumeClassScreen(record, path))
        return None

    def new_class(
        self,
        scenario: str,
        seed: int,
        *,
        pin: str | None = None,
        timer_seconds: int | None = None,
        **settings: Any,
    ) -> str | None:
        """Start a classroom (hot-seat) game: ``settings`` hold ``humans`` (the 2-5 teams),
        ``teams`` (their names), ``doctrines``, ``rounds``, ``mode``. Returns an error message or None."""
        from pydantic import ValidationError

        from wargame.classroom import ClassTakenError, HotSeat, new_stream_key
        from wargame.errors import InputError, from_validation_error
        from wargame.game import Game
        from wargame.record.models import Settings

        if self.settings.get("overrides"):  # wargame --set: every new game of this session
            settings.setdefault("overrides", self.settings["overrides"])
        try:
            loaded = self.load_scenario(scenario)
            try:
                s = Settings.model_validate(settings)
            except ValidationError as exc:
                raise from_validation_error("settings", exc) from None
            # every draw of a class comes from a secret sealed in its save: the seed decides nothing
            game = Game(loaded, s, seed, stream_key=new_stream_key())
            if not 2 <= len(game.humans) <= 5:
                raise InputError("setup", "teams", f"expected 2 to 5 teams, got {len(game.humans)}")
            hs = HotSeat(game, pin=pin, timer_seconds=timer_seconds)
        except (InputError, ClassTakenError, OSError) as exc:
            message = getattr(exc, "message", None) or str(exc)
            self.show_error(message)
            return message
        self.scenario_name = scenario
        self.start_class(hs, saved=False)
        return None

    def start_class(self, hs: HotSeat, *, saved: bool, source: Path | None = None) -> None:
        """Make ``hs``'s game (2-5 human teams) the current game, played hot-seat, and show its
        first card. The session holds the class's lock until the app leaves it.

        Args:
            hs: the session (new, or reopened from a save with its sealed orders and injects).
            saved: it came from a file (the quit prompt counts unsaved rounds from here).
            source: the file it was loaded from (None: a new game).
        """
        from wargame.tui.hotseat import HotSeatFlow

        game = hs.game
        self.autosaver.switch_game()
        if self.classroom is not None and self.classroom.hs is not hs:
            self.classroom.hs.close()
        self.game = game
        self.side = game.humans[0]
        self.saved_round = game.round if saved else 0
        self.classroom = HotSeatFlow(self, hs)
        self.autosave()
        self.autosaver.forget_kept_copy(source)
        self.classroom.next()
        if saved:
            self.note_other_model(game)

    def play_week(self, order: Order) -> RoundResult:
        """Resolve the next week with the player's ``order`` (the AIs decide inside the engine).

        The engine resolves a five-actor week in well under a millisecond (``bench/startup.py``),
        so this runs on the UI thread; the autosave is written after the screen has redrawn.

        Raises:
            IllegalOrderError, GameOverError: from :meth:`Game.play_round`.
        """
        assert self.game is not None
        before = self._goal_results()
        result = self.game.play_round({self.side: order})
        self.autosave(background=True)
        self._tell_goals(before)
        return result

    def _goal_results(self) -> list[Any]:
        """The player's goals, scored now (:mod:`wargame.analysis.goals`); [] without any."""
        if self.game is None or not self.game.scenario.model.goals:
            return []
        from wargame.analysis.goals import evaluate_all

        return evaluate_all(self.game, self.side)

    def action_goals(self) -> None:
        """Say where each of the player's goals stands (a toast; the debrief scores them)."""
        from wargame.analysis.goals import STATUS_WORDS

        results = self._goal_results()
        if not results:
            self.notify("This scenario sets your side no goal.", title="Goals")
            return
        lines = [f"{r.title} ({STATUS_WORDS[r.status]}): {r.detail}." for r in results]
        self.notify("\n".join(lines), title="Goals", timeout=12, markup=False)

    def _tell_goals(self, before: list[Any]) -> None:
        """A toast for each goal met or missed this week (tracked as the game goes; once the game
        is over, the debrief scores them all)."""
        from wargame.analysis.goals import changes

        if self.game is None or self.game.is_over:
            return

        for r in changes(before, self._goal_results()):
            if r.status == "met":
                self.notify(f"{r.title}: {r.detail}.", title="Goal met", timeout=8, markup=False)
            elif r.status == "missed":
                self.notify(f"{r.title}: {r.detail}.", title="Goal missed", timeout=8, markup=False)

    def undo_week(self) -> bool:
        """Drop the last week (what-if play); returns False when there is none."""
        if self.game is None or self.game.round == 0:
            return False
        self.game.undo()
        self.saved_round = min(self.saved_round, self.game.round)
        self.autosave()
        return True

    def autosave(self, background: bool = False) -> None:
        """Write the autosave (atomic); a failure is reported, never fatal (:class:`Autosaver`).

        Args:
            background: write from a thread, so the screen redraws first (the write fsyncs).
        """
        self.autosaver.request(background)

    def flush_autosave(self) -> None:
        """Write the autosave now if the last one requested is not on disk yet (on exit)."""
        self.autosaver.flush()

    def exit(self, result: None = None, return_code: int = 0, message: Any | None = None) -> None:
        """Quit, after making sure the autosave holds the last round played (a class lets go
        of its lock)."""
        self.flush_autosave()
        if self.classroom is not None:
            self.classroom.hs.close()
        super().exit(result, return_code, message)

    def save_to(self, path: Path) -> str | None:
        """Save the game to ``path`` (atomic; :class:`~wargame.tui.saving.Saver`). Returns an error
        message or None. A class is saved in its sealed form, and the save is logged."""
        return self.saver.save_to(path)

    def show_debrief(self) -> None:
        """Show the debrief of the current game (the class debrief for a classroom game)."""
        from wargame.tui.screens.debrief import DebriefScreen

        if self.classroom is not None:
            self.classroom.show_debrief()
            return
        assert self.game is not None
        self.show(DebriefScreen(self.game, self.side))

    @property
    def unsaved_weeks(self) -> int:
        """Weeks played since the last explicit save or load."""
        return 0 if self.game is None else max(0, self.game.round - self.saved_round)

    # --- actions ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide "Save" while there is no game, and "Facilitator" outside classroom games."""
        if action == "save":
            if getattr(self.screen, "OFFERS_SAVE", True) is False:
                return False  # setting up another game or choosing one: the old one is not in play
            # in a classroom, saving is the facilitator's (ctrl+s opens the console)
            return self.game is not None and (self.classroom is not None or not self._team_screen())
        if action == "facilitator":
            if self.classroom is None:
                return False
            return (parameters == ("hidden",)) == self._team_screen() if parameters else True
        return True

    def _team_screen(self) -> bool:
        from wargame.tui.screens.team_turn import TeamTurnScreen

        try:
            return any(isinstance(s, TeamTurnScreen) for s in self.screen_stack)
        except Exception:
            return False

    def action_toggle_expert(self) -> None:
        """Switch between the plain view and the expert view (the codes)."""
        self.expert = not self.expert  # the screen changes at once: no toast over it

    def action_facilitator(self, _: str = "") -> None:
        """The facilitator's controls of a classroom game (behind the PIN, if one was set)."""
        if self.classroom is not None:
            self.classroom.open_facilitator()

    def action_help(self) -> None:
        """Show the help screen (the theory in a few lines, and every key)."""
        from wargame.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
            return
        if any(isinstance(s, HelpScreen) for s in self.screen_stack):
            # already open under another screen (the palette): the one installed instance may not
            # be pushed twice (rendering it over itself recursed: found by the random-key fuzz)
            return
        # Installed once and kept: the Markdown takes most of a second to lay out the first time.
        name = "help-classroom" if self.classroom is not None else "help"
        if not self.is_screen_installed(name):
            self.install_screen(HelpScreen(classroom=self.classroom is not None), name)
        self.push_screen(name)

    def action_save(self) -> None:
        """Ask where to save (``saves/`` by default) and save. In a class, the facilitator's."""
        if self.classroom is not None:
            self.classroom.open_facilitator("Saving a class is the facilitator's: choose Save.")
            return
        self.save_dialog()

    def save_dialog(self) -> None:
        """The save dialog (in a class, reached only through the facilitator's console)."""
        self.saver.dialog()

    def _suggested_name(self) -> str:
        """The save name the dialog suggests (:meth:`~wargame.tui.saving.Saver.suggested_name`)."""
        return self.saver.suggested_name()

    async def action_quit(self) -> None:
        """Quit, asking first to save when weeks have been played since the last save.

        In a classroom game with a facilitator PIN, quitting goes through the facilitator's
        controls (a team cannot quit, restart and open the record as a replay).
        """
        from wargame.tui.screens.quit import QuitScreen

        if isinstance(self.screen, QuitScreen):
            self.exit()
            return
        flow = self.classroom
        if flow is not None and flow.hs.has_pin and not flow.hs.over:
            flow.open_facilitator("Quitting a classroom game needs the facilitator: choose Quit.")
            return
        if self.unsaved_weeks and self.game is not None and not self.game.is_over:
            self.push_screen(QuitScreen(self.unsaved_weeks), self._quit_answer)
        else:
            self.exit()

    def _quit_answer(self, answer: str | None) -> None:
        if answer == "save":
            self.action_save_then_quit()
        elif answer == "quit":
            self.exit()

    def action_save_then_quit(self) -> None:
        """Save to the suggested file in the save folder, then quit."""
        assert self.game is not None
        path = self.save_dir / self._suggested_name()
        error = self.save_to(path)
        if error:
            self.show_error(error)
        else:
            self.exit(message=f"Saved to {path}")

    def action_new_game(self) -> None:
        """Open the setup screen."""
        from wargame.tui.screens.setup import SetupScreen

        self.show(SetupScreen(self.scenario_name, self.seed, self.settings.get("rounds")))

    def rematch(self, game: Game) -> None:
        """Set up a rematch of ``game``: its scenario, seed, mode and round limit, fixed; the side
        and the other states' doctrines to choose (its own offered first)."""
        from wargame.scenario import paths
        from wargame.tui.screens.setup import SetupScreen

        scenario = game.scenario
        name = scenario.id if scenario.id in paths.bundled() or scenario.path is None else str(scenario.path)
        self.show(SetupScreen(name, game.seed, game.settings.rounds, rematch=game))

    def action_load_game(self) -> None:
        """Open the load screen."""
        from wargame.tui.screens.load import LoadScreen

        self.show(LoadScreen("load", self.save_dir))

    def action_recent_games(self) -> None:
        """Open the list of recent games (the autosave and every game kept)."""
        from wargame.tui.screens.recent import RecentScreen

        self.show(RecentScreen(self.save_dir))

    def action_new_class(self) -> None:
        """Open the classroom (hot-seat) setup."""
        from wargame.tui.screens.hotseat_setup import HotSeatSetupScreen

        self.show(HotSeatSetupScreen(self.scenario_name, self.seed, self.settings.get("rounds")))

    def action_watch_replay(self) -> None:
        """Open the load screen for replays."""
        from wargame.tui.screens.load import LoadScreen

        self.show(LoadScreen("replay", self.save_dir))

    def action_continue(self) -> None:
        """Resume the autosave."""
        path = autosave_path(self.save_dir)
        if path.exists():
            problem = self.open_record(path, "load")
            if problem and isinstance(self.screen, TitleScreen):  # e.g. replaced since the title was drawn
                self.screen.autosave_unusable()
        else:
            self.notify("There is no autosave yet.")

    # --- command palette ----------------------------------------------------------------------

    def action_command_palette(self) -> None:
        """Open the command palette, unless one is open already: under another screen, or still
        closing (Textual's own check sees only the top screen, and a second palette raised
        ``DuplicateIds``: found by the random-key fuzz, issue 13)."""
        if any(getattr(node, "id", None) == "--command-palette" for node in self._nodes):
            return
        super().action_command_palette()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The palette: the game's main actions first, then Textual's own commands."""
        from wargame.tui.screens.game import GameScreen

        if self.classroom is not None:
            # A classroom game: only this team's own commands, help and the facilitator (PIN).
            # Nothing here leaves the game (no title, load or replay): that is the facilitator's.
            if isinstance(screen, GameScreen):
                yield from screen.commands()
            yield SystemCommand(
                "Facilitator controls",
                "Pause, inject an event card, undo, reveal all, end, save (F2; PIN if set)",
                self.action_facilitator,
            )
            yield SystemCommand(
                "Help", "How a classroom game works, and every key (? or F1)", self.action_help
            )
            # no screenshot in a class: a team's screen is not to be kept (the debrief exports are)
            for command in super().get_system_commands(screen):
                if "screenshot" not in command.title.lower():
                    yield command
            return
        if isinstance(screen, GameScreen):
            yield from screen.commands()
        yield SystemCommand(
            "New game", "Set up a new game (scenario, side, doctrines, seed)", self.action_new_game
        )
        yield SystemCommand(
            "Recent games", "Continue a game kept when another took its place", self.action_recent_games
        )
        yield SystemCommand("Load game", "Resume a saved game", self.action_load_game)
        yield SystemCommand(
            "Classroom (hot-seat)", "2-5 teams on one machine, orders in secret", self.action_new_class
        )
        yield SystemCommand(
            "Watch a replay", "Step through a recorded game round by round", self.action_watch_replay
        )
        if self.game is not None:
            yield SystemCommand("Save game", "Save this game (ctrl+s)", self.action_save)
            if self.game.scenario.model.goals:
                yield SystemCommand("Goals", "Your goals and where they stand", self.action_goals)
        yield SystemCommand("Help", "The theory in a few lines, and every key (? or F1)", self.action_help)
        yield SystemCommand(
            "Title screen", "Back to the title screen (the game stays autosaved)", self.to_title
        )
        yield from super().get_system_commands(screen)


def make_app(
    scenario: str = DEFAULT_SCENARIO,
    side: str | None = None,
    seed: int | None = None,
    load_path: str | Path | None = None,
    *,
    save_dir: str | Path | None = None,
    **settings: Any,
) -> WargameApp:
    """Build the app without running it (tests, snapshots, benchmarks). See :class:`WargameApp`."""
    return WargameApp(scenario, side, seed, load_path, save_dir=save_dir, **settings)


def steady_gc() -> None:
    """Keep Python's cyclic garbage collector from scanning the whole program at a keypress.

    By the time the app starts, the interpreter holds ~100,000 long-lived objects (modules,
    classes, Textual's styles, the scenario's models), none of them garbage; a full collection
    scans them all, and one landed in about every third week, costing the end-week key tens of
    milliseconds (``bench/latency.py``). They are frozen (``gc.freeze``: never scanned again),
    and a full collection waits for 100 middle-generation ones instead of 10: objects made later
    are still collected. No collection runs first: it would cost the first frame tens of
    milliseconds, to free a little import-time garbage. Called once by :func:`run_app`, never by
    tests (a frozen object is never freed, and a test process builds many apps).
    """
    import gc

    gc.freeze()
    gc.set_threshold(700, 10, 100)


def run_app(
    scenario: str = DEFAULT_SCENARIO,
    side: str | None = None,
    seed: int | None = None,
    load_path: str | None = None,
    **settings: Any,
) -> None:
    """Run the game in the terminal (``wargame play``).

    Args:
        scenario: scenario id or TOML path.
        side: the actor to play; skips the title and setup.
        seed: the seed; skips choosing one.
        load_path: a save to resume; skips the title and setup.
        settings: extra settings of every new game (``overrides``: ``--set``).
    """
    app = make_app(scenario, side, seed, load_path, **settings)
    steady_gc()
    app.run()
    if app.return_code:
        raise SystemExit(app.return_code)
