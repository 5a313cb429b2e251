"""Claims: what a history replay (or a golden) must show, stated once, checked two ways.

A claim compares one quantity of a replayed game with a bound: a number (the engine's bands:
crisis 60, hazard knee 70, détente 20 ...) or another quantity of the same game ("tension on
28 October below tension on 27 October"). Its ``note`` says which history or theory it reflects,
with the source (the scenario's sources, ICB and MID codes; docs/model.md).

* ``wargame history`` (:mod:`wargame.history`) builds a record only when its claims come out as
  stated, and turns the claims it can into the record's checkpoints (tension, trust and outcome
  ranges, checked by ``wargame replay --check``). A bound that is another quantity is frozen at
  this run's value there (the note says so), since a checkpoint holds numbers only.
* The project's test suite evaluates every claim of its goldens on the replayed record
  (``tests/test_replays.py``), so a direction is checked as a direction, whatever the numbers
  of this model version.

A claim the current engine cannot meet is kept, not weakened: it carries ``known_failure``, a
precise account of what fails (round, number); it gives no checkpoint, the project's test of it is a
strict xfail (so it reports when the engine starts to meet it), and the builder refuses to run if
it holds.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from wargame.engine.core import pair_outcomes
from wargame.record.models import Checkpoint, TrustRange

if TYPE_CHECKING:
    from wargame.game import Game


def when(game: Game, r: int) -> str:
    """'Day 7 (1962-10-28)', or 'the opening' for round 0."""
    if r == 0:
        return "the opening"
    return f"{game.rules.round_label} {r} ({game.rules.date_of(r)})"


class Term(Protocol):
    """A quantity of a replayed game after one round."""

    @property
    def round(self) -> int: ...

    def value(self, game: Game) -> float | str: ...

    def label(self, game: Game) -> str: ...


@dataclass(frozen=True)
class Tension:
    """The headline tension meter (0-100) after a round."""

    round: int

    def value(self, game: Game) -> float:
        return game.states[self.round].tension

    def label(self, game: Game) -> str:
        return f"tension after {when(game, self.round)}"


@dataclass(frozen=True)
class PairTension:
    """The tension between one rival pair (0-100) after a round."""

    round: int
    a: str
    b: str

    def value(self, game: Game) -> float:
        return game.states[self.round].pair_tension[game.rules.pair(self.a, self.b)]

    def label(self, game: Game) -> str:
        return f"{self.a}-{self.b} tension after {when(game, self.round)}"


@dataclass(frozen=True)
class Trust:
    """``observer``'s trust in ``subject`` (0-1) after a round."""

    round: int
    observer: str
    subject: str

    def value(self, game: Game) -> float:
        return game.states[self.round].trust(self.observer, self.subject)

    def label(self, game: Game) -> str:
        return f"{self.observer}'s trust in {self.subject} after {when(game, self.round)}"


@dataclass(frozen=True)
class WarProbability:
    """The cumulative probability of war (chosen or from the hazard) by the end of a round."""

    round: int

    def value(self, game: Game) -> float:
        return game.states[self.round].war_probability

    def label(self, game: Game) -> str:
        return f"cumulative war probability after {when(game, self.round)}"


@dataclass(frozen=True)
class Outcome:
    """The headline outcome by the end of a round ('none' before one). A game that ended earlier
    keeps its outcome: ``Outcome(12)`` of a war in round 4 is that war ("war by round 12")."""

    round: int

    def at(self, game: Game) -> int:
        """The round to read: this one, or the last played when the game ended before it."""
        return min(self.round, game.round) if game.state.outcome is not None else self.round

    def value(self, game: Game) -> str:
        st = game.states[self.at(game)]
        return st.outcome.value if st.outcome else "none"

    def label(self, game: Game) -> str:
        return f"outcome by {when(game, self.round)}"


@dataclass(frozen=True)
class PairEnd:
    """Where one rival pair stands after a round (war, armed_clash, crisis, stalemate, detente, treaty)."""

    round: int
    a: str
    b: str

    def value(self, game: Game) -> str:
        return pair_outcomes(game.rules, game.states[self.round])[game.rules.pair(self.a, self.b)].value

    def label(self, game: Game) -> str:
        return f"{self.a}-{self.b} pair outcome after {when(game, self.round)}"


@dataclass(frozen=True)
class ActOf:
    """The instrument ``actor`` actually used in a round (after any fallback)."""

    round: int
    actor: str

    def value(self, game: Game) -> str:
        if self.round < 1:
            raise IndexError(self.round)
        return next(a.instrument for a in game.results[self.round - 1].acts if a.maker == self.actor)

    def label(self, game: Game) -> str:
        return f"{self.actor}'s act in {when(game, self.round)}"


@dataclass(frozen=True)
class MuStar:
    """μ*(ω), the trust at which a security seeker cooperates, in the scenario's world."""

    round: int = 0

    def value(self, game: Game) -> float:
        return game.rules.mu_star

    def label(self, game: Game) -> str:
        return "μ*"


Bound = float | Term


@dataclass(frozen=True)
class Claim:
    """``term op bound``: ``<``, ``<=``, ``>`` or ``>=`` against a number or another term, or
    ``in`` a set of values (outcomes, instruments). ``note`` gives the history or theory and its
    source; ``known_failure`` (see the module docstring) what the current engine does instead."""

    term: Term
    op: str
    bound: Bound | frozenset[str]
    note: str
    known_failure: str = ""

    @property
    def id(self) -> str:
        """A short id for test names."""
        b = self.bound
        if isinstance(b, frozenset):
            rhs = "|".join(sorted(b))
        elif isinstance(b, float | int):
            rhs = f"{b:g}"
        else:
            rhs = _short(b)
        return f"{_short(self.term)}{self.op}{rhs}"

    def bound_value(self, game: Game) -> float | frozenset[str]:
        b = self.bound
        if isinstance(b, frozenset | float | int):
            return b
        v = b.value(game)
        assert isinstance(v, float)
        return v

    def evaluate(self, game: Game) -> tuple[bool, str]:
        """Whether the claim holds on ``game``, and a sentence saying what was compared."""
        try:
            v = self.term.value(game)
            b = self.bound_value(game)
        except (IndexError, KeyError) as exc:
            return (
                False,
                f"{self.term.label(game)}: not available ({exc!r}; the game has {game.round} rounds)",
            )
        if self.op == "in":
            assert isinstance(b, frozenset)
            ok = v in b
            want = " or ".join(sorted(b))
        else:
            assert isinstance(v, float) and isinstance(b, float | int)
            ok = {"<": v < b, "<=": v <= b, ">": v > b, ">=": v >= b}[self.op]
            want = f"{self.op} {b:.3f}" + (
                "" if isinstance(self.bound, float | int) else f" ({self.bound.label(game)})"  # type: ignore[union-attr]
            )
        shown = v if isinstance(v, str) else f"{v:.3f}"
        return ok, f"{self.term.label(game)} is {shown}, expected {want}"

    def checkpoint(self, game: Game) -> Checkpoint | None:
        """The record checkpoint this claim gives on ``game`` (None: tested only, not a checkpoint).

        Tension and trust give a range, the outcome its value; a bound that is another term is
        frozen at its value in ``game`` (the note says so). Only a claim that holds gives one.
        """
        if self.known_failure or not self.evaluate(game)[0]:
            return None
        term = self.term
        r = term.round
        b = self.bound_value(game)
        note = self.note
        if not isinstance(self.bound, float | int | frozenset):
            note += f" [Bound frozen from this run: {self.bound.label(game)} = {b:.3f}.]"
        if isinstance(term, Outcome):
            return Checkpoint(after_round=term.at(game), outcome=str(term.value(game)), note=note)
        if not isinstance(term, Tension | Trust) or isinstance(b, frozenset):
            return None
        top = 100.0 if isinstance(term, Tension) else 1.0
        # inclusive ranges at 0.001: strictly below 60 is [0, 59.999], at least 60 is [60, 100]
        if self.op == "<":
            rng = [0.0, min(top, math.floor(b * 1000 - 1e-6) / 1000)]
        elif self.op == "<=":
            rng = [0.0, min(top, math.floor(b * 1000 + 1e-6) / 1000)]
        elif self.op == ">":
            rng = [max(0.0, math.ceil(b * 1000 + 1e-6) / 1000), top]
        else:
            rng = [max(0.0, math.ceil(b * 1000 - 1e-6) / 1000), top]
        if isinstance(term, Tension):
            return Checkpoint(after_round=r, tension=rng, note=note)
        return Checkpoint(
            after_round=r,
            trust=[TrustRange(observer=term.observer, subject=term.subject, range=rng)],
            note=note,
        )


def _short(t: Term) -> str:
    fields = [str(getattr(t, f)) for f in t.__dataclass_fields__]  # type: ignore[attr-defined]
    return f"{type(t).__name__}({','.join(fields)})"


def below(term: Term, bound: Bound, note: str, known_failure: str = "") -> Claim:
    return Claim(term, "<", bound, note, known_failure)


def above(term: Term, bound: Bound, note: str, known_failure: str = "") -> Claim:
    return Claim(term, ">", bound, note, known_failure)


def at_least(term: Term, bound: Bound, note: str, known_failure: str = "") -> Claim:
    return Claim(term, ">=", bound, note, known_failure)


def at_most(term: Term, bound: Bound, note: str, known_failure: str = "") -> Claim:
    return Claim(term, "<=", bound, note, known_failure)


def one_of(term: Term, values: Iterable[str] | str, note: str, known_failure: str = "") -> Claim:
    return Claim(term, "in", frozenset([values] if isinstance(values, str) else values), note, known_failure)


def every(rounds: Iterable[int], make: Callable[[int], Claim]) -> list[Claim]:
    """One claim per round (e.g. 'below crisis level on every day from 2 March')."""
    return [make(r) for r in rounds]


def checkpoints(game: Game, claims: Iterable[Claim]) -> list[Checkpoint]:
    """The record checkpoints of ``claims`` on ``game``, in round order (stable)."""
    out = [c for c in (cl.checkpoint(game) for cl in claims) if c is not None]
    return sorted(out, key=lambda c: c.after_round)


def problems(game: Game, claims: Iterable[Claim]) -> list[str]:
    """What keeps ``game`` from showing ``claims`` as stated (empty: it shows them): a claim that
    fails, or a claim with ``known_failure`` that now holds (its marker is stale)."""
    out = []
    for cl in claims:
        ok, said = cl.evaluate(game)
        if cl.known_failure and ok:
            out.append(f"now holds, remove known_failure: {said}")
        elif not cl.known_failure and not ok:
            out.append(f"FAILS: {said}\n    claim: {cl.note}")
    return out


def verify(game: Game, claims: Iterable[Claim], name: str) -> None:
    """Refuse to write a golden whose claims do not come out as stated (see :func:`problems`).

    Raises:
        ClaimsNotShown: naming ``name`` and every problem.
    """
    found = problems(game, claims)
    if found:
        raise ClaimsNotShown(
            f"{name}: the replay does not show what its claims state:\n  " + "\n  ".join(found)
        )


class ClaimsNotShown(Exception):
    """A replay that does not show what its claims state (the message lists each claim)."""
