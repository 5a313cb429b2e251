"""The classroom flow: which screen comes next in a hot-seat game, and the facilitator's actions.

The session logic (whose turn, sealed orders, private views, the reveal, the PIN, the log) is
:class:`wargame.classroom.HotSeat`, free of Textual. :class:`HotSeatFlow` drives the screens over
it; the app holds one while a class plays (``app.classroom``)::

    hand-off card (team A) ─enter→ team A's screen (its own view) ─space, y→ sealed
    hand-off card (team B) ─enter→ …                                         (every team)
    "all orders sealed" card ─enter→ the reveal: moves ─enter→ world press ─enter→ next week
    facilitator (F2 + PIN): pause · inject · undo · reveal all · end · save · title · quit

Secrecy: every team screen is built fresh from that team's view; every change of team passes
through a full-screen card that replaces the previous screen (no team screen stays underneath a
card), and toasts are cleared at each card. A team's deadline and whether it has seen its private
report are kept here, so hiding the screen (escape) neither resets the clock nor repeats the report.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from wargame.classroom import FacilitatorLockedError, HotSeat, NotYourTurnError, PinBackoffError
from wargame.engine.errors import IllegalOrderError
from wargame.engine.state import Order

if TYPE_CHECKING:
    from wargame.game import Game
    from wargame.tui.host import WargameHost
    from wargame.tui.screens.facilitator import FacilitatorChoice


class HotSeatFlow:
    """The screens of a classroom game.

    The flow is a controller the app owns, not a screen: it calls the app's ``autosave``,
    ``show`` and ``show_error`` directly rather than posting messages
    (:mod:`wargame.tui.messages`), because the order matters: a sealed order is on disk before
    the next team's card is shown, and the next screen is current when a flow method returns.

    Args:
        app: the app (it shows the screens and writes the autosave).
        hs: the session.
    """

    def __init__(self, app: WargameHost, hs: HotSeat) -> None:
        self.app = app
        self.hs = hs
        self._deadlines: dict[tuple[int, str], float] = {}
        self._opened: set[tuple[int, str]] = set()
        self._paused_at: float | None = None

    @property
    def game(self) -> Game:
        """The game."""
        return self.hs.game

    # --- the turn cycle -----------------------------------------------------------------------

    def next(self) -> None:
        """Show whatever comes next: the debrief, the pause card, a hand-off or the reveal card."""
        from wargame.tui.screens.handoff import HandoffScreen, PausedScreen

        hs = self.hs
        self.app.clear_notifications()
        if hs.over:
            self.show_debrief()
        elif hs.paused:
            self.app.show(PausedScreen(hs.game))
        else:
            self.app.show(HandoffScreen(hs, hs.current))

    def begin_turn(self, actor: str) -> None:
        """Show ``actor``'s own screen (after its hand-off card)."""
        from wargame.tui.screens.team_turn import TeamTurnScreen

        hs = self.hs
        if hs.paused or hs.over or actor != hs.current:
            self.next()
            return
        key = (hs.game.round, actor)
        deadline = None
        if hs.timer_seconds:
            deadline = self._deadlines.setdefault(key, time.monotonic() + hs.timer_seconds)
        opening = ""
        if key not in self._opened:
            self._opened.add(key)
            opening = "report" if hs.game.round else "brief"
        self.app.clear_notifications()
        self.app.show(TeamTurnScreen(hs.game, actor, deadline, opening))

    def extend_deadline(self, actor: str, seconds: float) -> None:
        """Give ``actor`` more time this week (the facilitator's time is not the team's)."""
        key = (self.hs.game.round, actor)
        if key in self._deadlines:
            self._deadlines[key] += seconds

    def hide(self, actor: str) -> None:
        """Hide ``actor``'s screen behind its hand-off card (nothing sealed)."""
        self.next()

    def seal(self, actor: str, order: Order, reason: str = "") -> None:
        """Seal ``actor``'s order (and its reason), save the class sealed, and clear the screen
        for the next team. The save at every seal is what lets a refreshed browser tab, or a
        crashed terminal, reopen the class with the orders already sealed."""
        try:
            self.hs.submit(actor, order, reason)
        except (NotYourTurnError, IllegalOrderError) as exc:
            self.app.show_error(f"Not sealed: {exc}")
        else:
            self.app.autosave()
        self.next()

    def time_up(self, actor: str) -> None:
        """``actor``'s time ran out: seal the no-decision order and tell that team what it was."""
        from wargame.tui.screens.handoff import TimeUpScreen

        hs = self.hs
        if actor != hs.current or hs.paused:
            return
        order = hs.timeout_order(actor)
        hs.submit(actor, order)
        self.app.autosave()
        self.app.clear_notifications()
        self.app.show(TimeUpScreen(hs.game, actor, order))

    def reveal(self) -> None:
        """Resolve the week with every sealed order and show it to the class."""
        from wargame.tui.screens.reveal import RevealScreen

        hs = self.hs
        if hs.current is not None or hs.over or hs.paused:
            self.next()
            return
        before = hs.game.state.tension
        hs.resolve()
        self._deadlines.clear()
        self.app.autosave(background=True)
        self.app.clear_notifications()
        self.app.show(RevealScreen(hs, before))

    def show_debrief(self, midgame: bool = False) -> None:
        """The class debrief (omniscient)."""
        from wargame.tui.screens.class_debrief import ClassDebriefScreen

        self.app.clear_notifications()
        self.app.show(ClassDebriefScreen(self.hs.game, midgame=midgame))

    # --- the facilitator ----------------------------------------------------------------------

    def open_facilitator(self, note: str = "") -> None:
        """Open the facilitator's controls (the PIN first, if one was set)."""
        from wargame.tui.screens.facilitator import FacilitatorScreen

        if isinstance(self.app.screen, FacilitatorScreen):
            return
        self.app.push_screen(FacilitatorScreen(self.hs, note), self.facilitate)

    def facilitate(self, choice: FacilitatorChoice | None) -> None:
        """Carry out the facilitator's choice (each is logged in the record by HotSeat)."""
        if choice is None:
            return
        hs, pin = self.hs, choice.pin
        try:
            if choice.kind == "pause":
                hs.pause(pin)
                self._paused_at = time.monotonic()
                self.app.autosave()
                self.next()
            elif choice.kind == "resume":
                hs.resume(pin)
                if self._paused_at is not None:  # the clock stood still during the pause
                    stood = time.monotonic() - self._paused_at
                    self._deadlines = {k: v + stood for k, v in self._deadlines.items()}
                    self._paused_at = None
                self.app.autosave()
                self.next()
            elif choice.kind == "inject":
                hs.inject(choice.detail, pin)
                self.app.autosave()
                # no toast: it would show on the next team's card only. Every team hears of the
                # card at the reveal (RevealScreen), none before it; the console lists it as queued.
            elif choice.kind == "undo":
                self._confirm(
                    "Undo?",
                    f"Undo {self._unit()} {hs.game.round}? Its orders are dropped (the record keeps "
                    "them in the facilitator's log) and every team orders it again.",
                    lambda: self._undo(pin),
                )
            elif choice.kind == "reveal":
                hs.reveal_all(pin)
                self.app.autosave()
                self.show_debrief(midgame=True)
            elif choice.kind == "end":
                self._confirm(
                    "End the game?",
                    "End the game now and go to the class debrief? It cannot be resumed afterwards.",
                    lambda: self._end(pin),
                )
            elif choice.kind == "save":
                self.app.save_dialog()
            elif choice.kind == "title":
                self.app.to_title()
            elif choice.kind == "quit":
                self.app.exit()
        except FacilitatorLockedError:
            self.app.autosave()
            self.app.show_error("Wrong facilitator PIN (logged).")
        except PinBackoffError as exc:
            self.app.show_error(str(exc).capitalize())
        except (KeyError, IndexError) as exc:
            self.app.show_error(str(exc).strip("'\""))

    def _unit(self) -> str:
        from wargame.analysis.vocab import round_unit

        return round_unit(self.hs.game.rules)

    def _confirm(self, title: str, question: str, then: object) -> None:
        from wargame.tui.screens.confirm import ConfirmScreen

        def answer(yes: bool | None) -> None:
            if yes:
                then()  # type: ignore[operator]

        self.app.push_screen(ConfirmScreen(title, question, yes=title.rstrip("?"), no="Back"), answer)

    def _undo(self, pin: str | None) -> None:
        try:
            result = self.hs.undo(pin)
        except IndexError as exc:
            ended = "ended" in str(exc)
            self.app.show_error("An ended class stays ended." if ended else f"No {self._unit()} to undo.")
            return
        self._deadlines.clear()
        self._opened = {k for k in self._opened if k[0] < self.hs.game.round}
        self.app.saved_round = min(self.app.saved_round, self.hs.game.round)
        self.app.autosave()
        self.next()
        self.app.notify(
            f"{self._unit().capitalize()} {result.round} undone: every team orders it again.", title="Undo"
        )

    def _end(self, pin: str | None) -> None:
        self.hs.end(pin)
        self.app.autosave()
        self.next()
