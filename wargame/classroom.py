"""Hot-seat classroom play: teams take turns on one machine with their orders hidden.

:class:`HotSeat` is the session logic the TUI's hot-seat screens drive, kept free of Textual so it
can be tested directly: whose turn it is, the sealed pending orders, each team's private view,
the simultaneous reveal, the round timer, and the facilitator's PIN-protected controls (pause,
inject an event card, undo, reveal all, end), each logged in the game record.

Secrecy holds by construction: a team's screen is built only from :meth:`HotSeat.private_view`
(the engine's :func:`~wargame.engine.views.view` of that team's actor), and pending orders are
never exposed except as a count until the reveal.

Around the session (the threat is a student who wants to win, design.md):

* **one class, one owner**: a class has a random id; the process that plays it holds its lock
  (:class:`wargame.record.lock.ClassLock`, freed by the kernel if the process dies);
* **secrets at rest**: the save holds the class's secrets (the key of every random stream, so the
  seed determines nothing; fixed hidden types; sealed orders and reasons; the facilitator's log)
  encrypted under a key from the PIN and the installation's secret (:mod:`wargame.record.seal`),
  rewritten at every seal; once the class has ended they are written in the clear;
* **the PIN** is kept only as a salted hash; wrong tries are counted, logged, and each makes the
  next wait longer (1 s, 2 s, 4 s … 5 min), across restarts;
* **the log** is append-only: every entry is also appended, encrypted, to the class's journal in
  the user data folder, and reopening a class takes whichever of the save and the journal is longer.
"""

from __future__ import annotations

import contextlib
import os
import secrets as _secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from wargame.engine.errors import IllegalOrderError
from wargame.engine.news import NewsItem
from wargame.engine.state import Order, RoundResult
from wargame.engine.views import View
from wargame.game import Game
from wargame.record import lock as class_lock
from wargame.record import seal
from wargame.record.models import ClassSeal, ClassSecrets, FacilitatorAction, GameRecord, OrderModel
from wargame.record.seal import WrongPinError

__all__ = [
    "ClassTakenError",
    "FacilitatorLockedError",
    "HotSeat",
    "NotYourTurnError",
    "PinBackoffError",
    "WrongPinError",
]

ClassTakenError = class_lock.ClassTakenError
REASON_MAX = 140
"""Longest reason a team may give with its order (one line)."""


class PinBackoffError(PermissionError):
    """A PIN was tried too soon after a wrong one (``wait``: seconds left)."""

    def __init__(self, wait: float) -> None:
        self.wait = wait
        super().__init__(f"too many wrong PINs: wait {int(wait + 0.999)} s before the next try")


def new_stream_key() -> str:
    """A fresh secret key for a class's random streams (256 bits, hex)."""
    return _secrets.token_hex(32)


def _now() -> float:
    """The wall clock, looked up at each call (tests move :func:`wargame.record.lock.now`)."""
    return class_lock.now()


def _unseal(
    sealbox: ClassSeal, pin: str | None, clock: Callable[[], float]
) -> tuple[seal.Lockbox, bytes, ClassSecrets, dict[str, float]]:
    """Open a class's lock box with ``pin``, minding and counting wrong tries (the back-off).

    Raises:
        PinBackoffError, WrongPinError: see :meth:`HotSeat.open`.
    """
    box = seal.Lockbox(
        sealbox.salt, sealbox.wrapped_key, sealbox.pin_hash, sealbox.has_pin, sealbox.n, sealbox.r, sealbox.p
    )
    tries = class_lock.read_attempts(sealbox.id)
    now = clock()
    if now < tries["until"]:
        raise PinBackoffError(tries["until"] - now)
    try:
        data_key = seal.unlock(box, pin if sealbox.has_pin else None, sealbox.id)
    except WrongPinError:
        failures, total = int(tries["failures"]) + 1, int(tries["total"]) + 1
        class_lock.write_attempts(sealbox.id, failures, now + class_lock.backoff(failures), total)
        raise
    secrets = ClassSecrets.model_validate_json(seal.decrypt(data_key, sealbox.sealed, sealbox.id.encode()))
    return box, data_key, secrets, tries


def unseal(
    record: GameRecord,
    pin: str | None,
    scenario: object = None,
    source: str | Path = "record",
    clock: Callable[[], float] = _now,
) -> Game:
    """The game of any record, read only (no lock): a class that has not ended needs its PIN.

    What the CLI's ``debrief``, ``replay`` and ``fork`` and the exports use. Wrong PINs count
    toward the class's back-off like any other.

    Raises:
        PinBackoffError, WrongPinError: the PIN was tried too soon, or is wrong.
        InputError: the record does not replay.
    """
    sealbox = record.classroom
    if sealbox is None or sealbox.secrets is not None:
        return Game.from_record(record, scenario, source=source)  # type: ignore[arg-type]
    _box, _key, secrets, _tries = _unseal(sealbox, pin, clock)
    return Game.from_record(record, scenario, source=source, secrets=secrets)  # type: ignore[arg-type]


def is_sealed(record: GameRecord) -> bool:
    """True for an unfinished class whose secrets need the PIN."""
    return record.classroom is not None and record.classroom.secrets is None


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
    pin: str | None = field(default=None, repr=False)
    timer_seconds: int | None = None
    clock: Callable[[], float] = field(default=_now, repr=False)
    """The wall clock for the PIN back-off (tests move it)."""
    _pending: dict[str, Order] = field(default_factory=dict, repr=False)
    _reasons: dict[str, str] = field(default_factory=dict, repr=False)
    _injects: list[str] = field(default_factory=list, repr=False)
    paused: bool = False
    ended: bool = False
    revealed: bool = False
    class_id: str = ""
    has_pin: bool = False
    _data_key: bytes = field(default=b"", repr=False)
    _box: seal.Lockbox | None = field(default=None, repr=False)
    _lock: class_lock.ClassLock | None = field(default=None, repr=False)
    failures: int = 0
    """Wrong PINs in a row (the back-off grows with it)."""
    total_failures: int = 0
    """Wrong PINs in all (logged)."""
    _until: float = 0.0

    def __post_init__(self) -> None:
        if not 2 <= len(self.game.humans) <= 5:
            raise ValueError(f"a hot-seat game needs 2-5 teams, got {len(self.game.humans)}")
        if not self.class_id:  # a new class: its id, its keys, its lock
            self.class_id = _secrets.token_hex(16)
            self._data_key = seal.new_data_key()
            self._box = seal.lock(self._data_key, self.pin, self.class_id)
            self.has_pin = self.pin is not None
            self._lock = class_lock.ClassLock(self.class_id)
        self.pin = None  # only the salted hash is kept
        self.game.sealer = self._seal_record

    # --- the class at rest ------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        record: GameRecord,
        pin: str | None,
        *,
        scenario: object = None,
        source: str | Path = "record",
        timer_seconds: int | None = None,
        clock: Callable[[], float] = _now,
    ) -> HotSeat:
        """Reopen a saved class: take its lock, check the PIN (with the back-off), unseal it.

        An ended class opens without a PIN or lock (its debrief is open to all). A class saved
        before classes were sealed opens as a new sealed class (with ``pin`` as its PIN).

        Raises:
            ClassTakenError: another process has the class open.
            PinBackoffError: a PIN was tried too soon after a wrong one.
            WrongPinError: the PIN is wrong (counted, and the next wait is longer).
            InputError: the record does not replay (see :meth:`Game.from_record`).
        """
        sealbox = record.classroom
        if sealbox is None or sealbox.ended:
            game = Game.from_record(record, scenario, source=source)  # type: ignore[arg-type]
            if sealbox is not None:
                hs = cls(
                    game,
                    timer_seconds=timer_seconds,
                    clock=clock,
                    class_id=sealbox.id,
                    has_pin=sealbox.has_pin,
                )
                hs.ended = True
                return hs
            hs = cls.reopen(game, pin=pin, timer_seconds=timer_seconds)
            hs.clock = clock
            return hs
        lock = class_lock.ClassLock(sealbox.id)
        try:
            box, data_key, secrets, tries = _unseal(sealbox, pin, clock)
            game = Game.from_record(record, scenario, source=source, secrets=secrets)  # type: ignore[arg-type]
        except BaseException:
            lock.release()
            raise
        hs = cls(
            game,
            timer_seconds=timer_seconds,
            clock=clock,
            class_id=sealbox.id,
            has_pin=sealbox.has_pin,
            _data_key=data_key,
            _box=box,
            _lock=lock,
        )
        journal = hs._read_journal()
        if len(journal) > len(game.facilitator):
            game.facilitator = journal
        hs._restore(game)
        for a, o in secrets.pending.items():
            if a in game.humans and hs.current == a:
                hs._pending[a] = Order(o.instrument, o.target)
        week = str(game.round + 1)
        hs._reasons = {a: r for a, r in secrets.reasons.get(week, {}).items() if a in hs._pending}
        missed = int(tries["total"])
        if missed:
            hs._log("pin_wrong", f"{missed} wrong PIN(s) typed before the class was reopened")
        class_lock.write_attempts(sealbox.id, 0, 0.0, 0)
        hs._log("reopen", f"{len(hs._pending)} sealed order(s) kept")
        return hs

    def _restore(self, game: Game) -> None:
        queued: list[str] = []
        ended = False
        for f in game.facilitator:
            if f.kind == "undo":
                queued, ended = [], False
            elif f.kind == "inject" and f.round == game.round:
                queued.append(f.detail)
            elif f.kind == "end" and f.round == game.round:
                ended = True
        self._injects = queued
        self.ended = ended

    def _seal_record(self, record: GameRecord) -> GameRecord:
        """The record in its stored form: secrets sealed while the class runs, in the clear after."""
        game = self.game
        reasons = {str(r): dict(v) for r, v in game.reasons.items() if v}
        if self._reasons:
            reasons[str(game.round + 1)] = dict(self._reasons)
        secrets = ClassSecrets(
            stream_key=game.stream_key,
            hidden_types=record.settings.hidden_types,
            pending={
                a: OrderModel(instrument=o.instrument, target=o.target) for a, o in self._pending.items()
            },
            reasons=reasons,
            facilitator=list(record.facilitator),
        )
        if self.over:
            box = ClassSeal(id=self.class_id, ended=True, has_pin=self.has_pin, secrets=secrets)
            return record.model_copy(update={"classroom": box})
        assert self._box is not None
        b = self._box
        box = ClassSeal(
            id=self.class_id,
            has_pin=b.has_pin,
            salt=b.salt,
            n=b.n,
            r=b.r,
            p=b.p,
            wrapped_key=b.wrapped_key,
            pin_hash=b.pin_hash,
            sealed=seal.encrypt(self._data_key, secrets.model_dump_json().encode(), self.class_id.encode()),
        )
        settings = record.settings.model_copy(update={"hidden_types": None})
        return record.model_copy(update={"settings": settings, "facilitator": [], "classroom": box})

    # --- the append-only log ------------------------------------------------------------------

    @property
    def journal_path(self) -> Path:
        """This class's append-only log (encrypted lines) in the user data folder."""
        return class_lock.class_dir() / f"{self.class_id}.log"

    def _append_journal(self, entry: FacilitatorAction) -> None:
        if not self._data_key:
            return
        line = seal.encrypt(self._data_key, entry.model_dump_json().encode(), self.class_id.encode())
        with contextlib.suppress(OSError):
            self.journal_path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.journal_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(fd, (line + "\n").encode("ascii"))
                os.fsync(fd)
            finally:
                os.close(fd)

    def _read_journal(self) -> list[FacilitatorAction]:
        out: list[FacilitatorAction] = []
        try:
            lines = self.journal_path.read_text(encoding="ascii").splitlines()
        except (OSError, UnicodeDecodeError):
            return out
        for line in lines:
            try:
                out.append(
                    FacilitatorAction.model_validate_json(
                        seal.decrypt(self._data_key, line.strip(), self.class_id.encode())
                    )
                )
            except (WrongPinError, ValueError):
                continue
        return out

    def _log(self, kind: str, detail: str = "") -> None:
        self.game.note_facilitator(kind, detail)
        self._append_journal(self.game.facilitator[-1])

    def note(self, kind: str, detail: str = "") -> None:
        """Log something the facilitator did outside the console (``leave``, ``save``)."""
        self._log(kind, detail)

    def close(self) -> None:
        """Let the class go: release its lock (another process may open it now)."""
        if self._lock is not None:
            self._lock.release()

    @classmethod
    def reopen(cls, game: Game, pin: str | None = None, timer_seconds: int | None = None) -> HotSeat:
        """A session over a loaded save, with the injects that were queued but had not fired yet.

        The PIN and the timer are not saved (set them again). Sealed orders of an unfinished round
        are not saved either: every team orders that round again. An inject is still queued if it
        was logged with the rounds now played and after the last undo (an earlier one either fired
        in a recorded round or was undone with it). A game the facilitator ended stays ended.
        """
        hs = cls(game, pin=pin, timer_seconds=timer_seconds)
        hs._restore(game)
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

    def submit(self, actor: str, order: Order, reason: str = "") -> None:
        """Seal ``actor``'s order for this round, with the team's one line of why (optional;
        sealed with the order, shown in the class debrief).

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
        line = " ".join("".join(c for c in reason if c.isprintable() or c.isspace()).split())[:REASON_MAX]
        if line:
            self._reasons[actor] = line

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
            self._reasons.pop(actor, None)

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
        reasons, self._reasons = self._reasons, {}
        result = self.game.play_round(orders, injected=injects)
        if reasons:
            self.game.reasons[result.round] = reasons
        return result

    # --- public products ------------------------------------------------------------------------

    def world_press(self, round_: int | None = None) -> list[PressItem]:
        """The round's acts as the world press reports them: what was done and said in public."""
        items: list[NewsItem] = self.game.news(round_)
        return [PressItem(i.maker, i.headline, i.frame, i.codes, i.note) for i in items]

    # --- facilitator --------------------------------------------------------------------------

    def check_pin(self, pin: str | None) -> bool:
        """True if ``pin`` unlocks the facilitator controls (always, when no PIN was set).

        A wrong PIN is counted and logged, and the next try waits longer (1 s, 2 s, 4 s … 5 min).

        Raises:
            PinBackoffError: tried before the wait after the last wrong PIN is over.
        """
        if not self.has_pin or self._box is None:  # no PIN; or an ended class, open to all
            return True
        now = self.clock()
        if now < self._until:
            raise PinBackoffError(self._until - now)
        assert self._box is not None
        try:
            seal.unlock(self._box, pin or "", self.class_id)
        except WrongPinError:
            self.failures += 1
            self.total_failures += 1
            wait = class_lock.backoff(self.failures)
            self._until = now + wait
            class_lock.write_attempts(self.class_id, self.failures, self._until, 0)
            self._log("pin_wrong", f"wrong PIN #{self.total_failures}; next try after {wait:.0f} s")
            return False
        if self.failures:
            class_lock.write_attempts(self.class_id, 0, 0.0, 0)
        self.failures = 0
        return True

    @property
    def wait(self) -> float:
        """Seconds before the next PIN try is taken (0 when it may be tried now)."""
        return max(0.0, self._until - self.clock())

    def change_pin(self, old: str | None, new: str | None) -> None:
        """Set a new PIN (None: none, the console open to anyone). Logged.

        Raises:
            FacilitatorLockedError, PinBackoffError: ``old`` is wrong, or tried too soon.
        """
        self._unlock(old)
        self._box = seal.lock(self._data_key, new, self.class_id)
        self.has_pin = new is not None
        self._log("pin_change", "a PIN was set" if new is not None else "the PIN was removed")

    def _unlock(self, pin: str | None) -> None:
        if not self.check_pin(pin):
            raise FacilitatorLockedError("wrong facilitator PIN")

    def pause(self, pin: str | None = None) -> None:
        """Pause (no orders can be sealed). Logged."""
        self._unlock(pin)
        self.paused = True
        self._log("pause")

    def resume(self, pin: str | None = None) -> None:
        """Resume after a pause. Logged."""
        self._unlock(pin)
        self.paused = False
        self._log("resume")

    def inject(self, event_id: str, pin: str | None = None) -> None:
        """Inject an event card from the scenario; it fires when this round resolves. Logged.

        Raises:
            KeyError: no such card in the scenario.
        """
        self._unlock(pin)
        if event_id not in {e.id for e in self.game.rules.events}:
            raise KeyError(f"no event card {event_id!r} in this scenario")
        self._injects.append(event_id)
        self._log("inject", event_id)

    def undo(self, pin: str | None = None) -> RoundResult:
        """Undo the last round (sealed orders of the current round are discarded too). Logged with
        the undone orders.

        Raises:
            IndexError: no round to undo, or an ended class opened for its debrief (its keys
                are gone with its end: it cannot be sealed again).
        """
        self._unlock(pin)
        if self._box is None:
            raise IndexError("an ended class stays ended")
        result = self.game.undo(log=True)
        self._append_journal(self.game.facilitator[-1])
        self._pending = {}
        self._reasons = {}
        return result

    def reveal_all(self, pin: str | None = None) -> None:
        """Reveal every perception and hidden type to the class (the debrief's omniscient view). Logged."""
        self._unlock(pin)
        self.revealed = True
        self._log("reveal")

    def end(self, pin: str | None = None) -> None:
        """End the game now (the class goes to the debrief). Logged."""
        self._unlock(pin)
        self.ended = True
        self._log("end")
