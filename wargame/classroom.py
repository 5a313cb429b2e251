"""Hot-seat classroom play: teams take turns on one machine with their orders hidden.

:class:`HotSeat` is the session logic the TUI's hot-seat screens drive, kept free of Textual so it
can be tested directly: whose turn it is, the sealed pending orders, each team's private view,
the simultaneous reveal, the round timer, and the facilitator's PIN-protected controls (pause,
inject an event card, undo, reveal all, end), each logged in the game record.

Secrecy holds by construction: a team's screen is built only from :meth:`HotSeat.private_view`
(the engine's :func:`~wargame.engine.views.view` of that team's actor), and pending orders are
never exposed except as a count until the reveal.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass, field

from wargame.engine.errors import IllegalOrderError
from wargame.engine.news import NewsItem
from wargame.engine.state import Order, RoundResult
from wargame.engine.views import View
from wargame.game import Game


class NotYourTurnError(RuntimeError):
    """An order was submitted for a team whose turn it is not."""


class FacilitatorLockedError(PermissionError):
    """A facilitator control was used without the right PIN."""


@dataclass(frozen=True, slots=True)
class PressItem:
    """One act as the world press reports it: public facts only (no capital's reading, no trust).

    Attributes:
        maker: actor id; headline: the neutral description; frame: what the maker said publicly;
        codes: "CAMEO 150 · G −7.2 · MID 3 · Kahn 5"; note: combined act partners or a failed need.
    """

    maker: str
    headline: str
    frame: str
    codes: str
    note: str


@dataclass
class HotSeat:
    """A classroom session over a :class:`~wargame.game.Game` whose humans are the teams.

    Args:
        game: the game; ``game.humans`` are the teams' actors (2-5 of them).
        pin: facilitator PIN (None: facilitator controls are open).
        timer_seconds: per-team time limit for entering an order (None: no timer). The screen
            enforces it; on timeout the team's order is the scenario's talk role (a "no decision").

    Raises:
        ValueError: fewer than 2 or more than 5 teams.
    """

    game: Game
    pin: str | None = None
    timer_seconds: int | None = None
    _pending: dict[str, Order] = field(default_factory=dict, repr=False)
    _injects: list[str] = field(default_factory=list, repr=False)
    paused: bool = False
    ended: bool = False
    revealed: bool = False

    def __post_init__(self) -> None:
        if not 2 <= len(self.game.humans) <= 5:
            raise ValueError(f"a hot-seat game needs 2-5 teams, got {len(self.game.humans)}")

    @classmethod
    def reopen(cls, game: Game, pin: str | None = None, timer_seconds: int | None = None) -> HotSeat:
        """A session over a loaded save, with the injects that were queued but had not fired yet.

        The PIN and the timer are not saved (set them again). Sealed orders of an unfinished round
        are not saved either: every team orders that round again. An inject is still queued if it
        was logged with the rounds now played and after the last undo (an earlier one either fired
        in a recorded round or was undone with it). A game the facilitator ended stays ended.
        """
        hs = cls(game, pin=pin, timer_seconds=timer_seconds)
        queued: list[str] = []
        ended = False
        for f in game.facilitator:
            if f.kind == "undo":
                queued, ended = [], False
            elif f.kind == "inject" and f.round == game.round:
                queued.append(f.detail)
            elif f.kind == "end" and f.round == game.round:
                ended = True
        hs._injects = queued
        hs.ended = ended
        return hs

    @property
    def pending_injects(self) -> tuple[str, ...]:
        """Event-card ids the facilitator injected that fire at the next reveal."""
        return tuple(self._injects)

    # --- turns ---------------------------------------------------------------------------------

    @property
    def teams(self) -> tuple[str, ...]:
        """The teams' actors, in the order they play each round (scenario order)."""
        return self.game.humans

    @property
    def current(self) -> str | None:
        """The team whose turn it is, or None when every order is in (time for the reveal)."""
        if self.over:
            return None
        for t in self.teams:
            if t not in self._pending:
                return t
        return None

    @property
    def orders_in(self) -> int:
        """How many teams have sealed their order this round (the only thing shown about them)."""
        return len(self._pending)

    @property
    def over(self) -> bool:
        """True once the game is over or the facilitator ended it."""
        return self.ended or self.game.is_over

    def private_view(self, actor: str) -> View:
        """What ``actor``'s team may see: its own beliefs and readings, and public facts."""
        return self.game.view(actor)

    def submit(self, actor: str, order: Order) -> None:
        """Seal ``actor``'s order for this round.

        Raises:
            NotYourTurnError: it is another team's turn, or the session is paused or over.
            IllegalOrderError: the order is not legal for the actor.
        """
        if self.paused:
            raise NotYourTurnError("the game is paused by the facilitator")
        if actor != self.current:
            raise NotYourTurnError(f"it is not {actor}'s turn")
        from wargame.engine.core import check_order

        check_order(self.game.rules, actor, order)
        self._pending[actor] = order

    def timeout_order(self, actor: str) -> Order:
        """The order a team gets when its timer runs out: the scenario's cheap talk toward the
        rival it trusts least (a non-decision, which reads as nearly no evidence)."""
        v = self.private_view(actor)
        talk = self.game.rules.actor_by_id[actor].roles.talk
        target = v.focus() if self.game.rules.instruments[talk].targeted else None
        return Order(talk, target)

    def withdraw(self, actor: str) -> None:
        """Unseal the last team's order so it can change it (only the team that just submitted)."""
        if self._pending and list(self._pending)[-1] == actor:
            del self._pending[actor]

    def resolve(self) -> RoundResult:
        """Reveal: resolve the round with every team's order (AI actors decide now).

        Raises:
            IllegalOrderError: not every team has sealed its order.
        """
        missing = [t for t in self.teams if t not in self._pending]
        if missing:
            raise IllegalOrderError(missing[0], "has not sealed an order yet")
        injects, self._injects = self._injects, []
        orders, self._pending = self._pending, {}
        return self.game.play_round(orders, injected=injects)

    # --- public products ------------------------------------------------------------------------

    def world_press(self, round_: int | None = None) -> list[PressItem]:
        """The round's acts as the world press reports them: what was done and said in public."""
        items: list[NewsItem] = self.game.news(round_)
        return [PressItem(i.maker, i.headline, i.frame, i.codes, i.note) for i in items]

    # --- facilitator --------------------------------------------------------------------------

    def check_pin(self, pin: str | None) -> bool:
        """True if ``pin`` unlocks the facilitator controls (always, when no PIN was set)."""
        if self.pin is None:
            return True
        return pin is not None and hmac.compare_digest(pin, self.pin)

    def _unlock(self, pin: str | None) -> None:
        if not self.check_pin(pin):
            raise FacilitatorLockedError("wrong facilitator PIN")

    def pause(self, pin: str | None = None) -> None:
        """Pause (no orders can be sealed). Logged."""
        self._unlock(pin)
        self.paused = True
        self.game.note_facilitator("pause")

    def resume(self, pin: str | None = None) -> None:
        """Resume after a pause. Logged."""
        self._unlock(pin)
        self.paused = False
        self.game.note_facilitator("resume")

    def inject(self, event_id: str, pin: str | None = None) -> None:
        """Inject an event card from the scenario; it fires when this round resolves. Logged.

        Raises:
            KeyError: no such card in the scenario.
        """
        self._unlock(pin)
        if event_id not in {e.id for e in self.game.rules.events}:
            raise KeyError(f"no event card {event_id!r} in this scenario")
        self._injects.append(event_id)
        self.game.note_facilitator("inject", event_id)

    def undo(self, pin: str | None = None) -> RoundResult:
        """Undo the last round (sealed orders of the current round are discarded too). Logged with
        the undone orders.

        Raises:
            IndexError: no round to undo.
        """
        self._unlock(pin)
        result = self.game.undo(log=True)
        self._pending = {}
        return result

    def reveal_all(self, pin: str | None = None) -> None:
        """Reveal every perception and hidden type to the class (the debrief's omniscient view). Logged."""
        self._unlock(pin)
        self.revealed = True
        self.game.note_facilitator("reveal")

    def end(self, pin: str | None = None) -> None:
        """End the game now (the class goes to the debrief). Logged."""
        self._unlock(pin)
        self.ended = True
        self.game.note_facilitator("end")
