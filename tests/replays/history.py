"""History replays as data: a TOML file of dated orders and stated claims, built into a record.

    python -m tests.replays.history tests/replays/cuba-1962-history.toml    # writes cuba-1962-history.json
    python -m tests.replays.history --all                                   # every *.toml here
    python -m tests.replays.history --show FILE                             # and print its trajectory

(``python -m tests.replays.generate`` builds them too, with every other golden; then re-fingerprint
what changed: ``python -m tests.replays.fingerprint --update NAME``.)

A file (validated by the models below; a bad file is one line naming file, place and what was
expected) has:

* ``[replay]``: the scenario id, seed, mode, round limit, the record's title and description,
  and optionally the pairs to print a trajectory for;
* ``[[orders]]``: one table per dated round with sourced acts, ``date`` (the round's first day in
  the scenario's calendar) and ``acts``, actor → ``[instrument, target]`` (target ``""`` for an
  act that takes none). Actors without a sourced act that round are left to their doctrine, and
  their orders are dropped from the saved record, so a replay re-derives them;
* ``[[claims]]``: what the replay must show (:mod:`tests.replays.claims`): a ``quantity``
  (``tension``, ``pair_tension``, ``trust``, ``war_probability``, ``outcome``, ``pair_end``,
  ``act_of``, ``mu_star``) after a ``round`` (or each round of ``rounds = [first, last]``, but
  those in ``except``), of a ``pair`` (trust: observer and subject) or an ``actor`` where it
  needs one; exactly one of ``below``, ``above``, ``at_least``, ``at_most`` (a number, or a table
  naming another ``round`` and optionally another ``quantity``, ``pair`` or ``actor``) or
  ``one_of`` (values); a ``note`` with the history and its source; ``known_failure`` where the
  engine cannot meet it yet (see claims.py).

The builder refuses to write a record whose claims do not hold; the claims that can be become the
record's checkpoints (``wargame replay --check``) and the test suite evaluates all of them.
"""

from __future__ import annotations

import datetime as dt
import sys
import tomllib
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from tests.replays import claims as C
from tests.replays.generate import save_golden
from wargame.engine.state import Order
from wargame.errors import InputError, from_validation_error
from wargame.game import Game
from wargame.scenario.load import load as load_scenario

HERE = Path(__file__).resolve().parent

Identifier = Annotated[str, Field(pattern=r"^[A-Za-z][A-Za-z0-9_\-]*$", max_length=40)]
Quantity = Literal[
    "tension", "pair_tension", "trust", "war_probability", "outcome", "pair_end", "act_of", "mu_star"
]
#: What each quantity needs besides its round.
_NEEDS: dict[str, str] = {"pair_tension": "pair", "trust": "pair", "pair_end": "pair", "act_of": "actor"}
_COMPARISONS = {"below": "<", "above": ">", "at_least": ">=", "at_most": "<="}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ReplayInfo(_Model):
    """``[replay]``: the game the orders are played in, and the record's title."""

    @model_validator(mode="after")
    def _played_within_the_limit(self) -> ReplayInfo:
        if self.played is not None and self.played > self.rounds:
            raise ValueError(f"played ({self.played}) is past the round limit ({self.rounds})")
        return self

    scenario: Identifier
    seed: int = Field(ge=0)
    mode: Literal["expectation", "stochastic"]
    rounds: int = Field(ge=1, le=500)
    """The game's round limit."""
    played: int | None = Field(default=None, ge=1)
    """Rounds to play (default: all of them); a replay may stop before the round limit."""
    title: str
    description: str
    trajectory: list[tuple[Identifier, Identifier]] = []
    """Pairs whose trust and tension ``--show`` prints round by round."""


class DatedOrders(_Model):
    """``[[orders]]``: the sourced acts of one round, by the round's first day."""

    date: dt.date
    acts: dict[Identifier, tuple[Identifier, Identifier | Literal[""]]] = Field(min_length=1)


class Quantity_(_Model):
    """A quantity after a round, as a claim's bound: defaults to the claim's quantity and pair."""

    round: int = Field(ge=0)
    quantity: Quantity | None = None
    pair: tuple[Identifier, Identifier] | None = None
    actor: Identifier | None = None


class ClaimEntry(_Model):
    """``[[claims]]``: one claim, or one per round of ``rounds``."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    quantity: Quantity
    round: int | None = Field(default=None, ge=0)
    rounds: tuple[int, int] | None = None
    except_: list[int] = Field(default=[], alias="except")
    pair: tuple[Identifier, Identifier] | None = None
    actor: Identifier | None = None
    below: float | Quantity_ | None = None
    above: float | Quantity_ | None = None
    at_least: float | Quantity_ | None = None
    at_most: float | Quantity_ | None = None
    one_of: list[str] | None = None
    note: str = Field(min_length=1)
    known_failure: str = ""

    @model_validator(mode="after")
    def _one_of_each(self) -> ClaimEntry:
        if (self.round is None) == (self.rounds is None):
            raise ValueError("give exactly one of round and rounds")
        given = [k for k in (*_COMPARISONS, "one_of") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of below, above, at_least, at_most and one_of")
        need = _NEEDS.get(self.quantity)
        if need and getattr(self, need) is None:
            raise ValueError(f"a {self.quantity} claim needs {need}")
        return self

    def expand(self) -> list[C.Claim]:
        """The claims this entry states, in round order."""
        if self.rounds is not None:
            first, last = self.rounds
            rounds = [r for r in range(first, last + 1) if r not in self.except_]
        else:
            rounds = [self.round] if self.round is not None else []
        return [self._claim(r) for r in rounds]

    def _claim(self, r: int) -> C.Claim:
        term = _term(self.quantity, r, self.pair, self.actor)
        if self.one_of is not None:
            return C.one_of(term, self.one_of, self.note, self.known_failure)
        name = next(k for k in _COMPARISONS if getattr(self, k) is not None)
        value = getattr(self, name)
        bound: C.Bound = (
            value
            if isinstance(value, float)
            else _term(
                value.quantity or self.quantity,
                value.round,
                value.pair or self.pair,
                value.actor or self.actor,
            )
        )
        return C.Claim(term, _COMPARISONS[name], bound, self.note, self.known_failure)


def _term(quantity: str, r: int, pair: tuple[str, str] | None, actor: str | None) -> C.Term:
    if quantity in ("pair_tension", "trust", "pair_end"):
        assert pair is not None
        kind = {"pair_tension": C.PairTension, "trust": C.Trust, "pair_end": C.PairEnd}[quantity]
        return kind(r, *pair)
    if quantity == "act_of":
        assert actor is not None
        return C.ActOf(r, actor)
    kinds: dict[str, Any] = {
        "tension": C.Tension,
        "war_probability": C.WarProbability,
        "outcome": C.Outcome,
        "mu_star": C.MuStar,
    }
    return kinds[quantity](r)  # type: ignore[no-any-return]


class HistoryFile(_Model):
    """A history replay: the game, its dated orders and its claims."""

    replay: ReplayInfo
    orders: list[DatedOrders]
    claims: list[ClaimEntry] = Field(min_length=1)


class HistoryReplay:
    """A validated history file: its orders by round (index 0 is round 1) and its claims."""

    def __init__(self, path: Path, data: HistoryFile) -> None:
        self.path = path
        self.info = data.replay
        rules = load_scenario(data.replay.scenario).rules
        played = data.replay.played or data.replay.rounds
        self.rounds: list[dict[str, tuple[str, str | None]]] = [{} for _ in range(played)]
        for k, day in enumerate(data.orders):
            where = f"orders[{k}].date"
            offset = (day.date - rules.start_date).days
            r, rest = divmod(offset, rules.round_days)
            if rest or not 0 <= r < played:
                raise InputError(
                    path,
                    where,
                    f"expected the first day of one of the {played} rounds played from "
                    f"{rules.start_date} ({rules.round_days} days each), got {day.date}",
                )
            if self.rounds[r]:
                raise InputError(path, where, f"{day.date} is listed twice")
            self.rounds[r] = {a: (i, t or None) for a, (i, t) in day.acts.items()}
        self.claims: list[C.Claim] = [c for entry in data.claims for c in entry.expand()]

    @property
    def out(self) -> Path:
        """The record this file builds: the same name, ``.json``."""
        return self.path.with_suffix(".json")

    def build(self, show: bool = False) -> Game:
        """Play the orders, check the claims and save the record (see the module docstring)."""
        info = self.info
        game = Game.new(info.scenario, seed=info.seed, mode=info.mode, rounds=info.rounds)
        game.title = info.title
        game.description = info.description
        for orders in self.rounds:
            game.play_round({a: Order(i, t) for a, (i, t) in orders.items()})
        record = game.record  # only the sourced orders are kept: a replay re-derives the doctrines'
        for k, orders in enumerate(self.rounds):
            record.rounds[k].orders = {a: o for a, o in record.rounds[k].orders.items() if a in orders}
        save_golden(game, record, self.out, self.claims)
        if show:
            print_trajectory(game, list(info.trajectory))
        return game


def print_trajectory(game: Game, pairs: list[tuple[str, str]]) -> None:
    """Print each round's tension, pair tensions, the pairs' trust, the war hazard, capabilities,
    acts and event cards."""
    for k, s in enumerate(game.states):
        date = game.rules.date_of(k) if k else "opening"
        res = game.results[k - 1] if k else None
        acts = ", ".join(f"{a.maker}:{a.instrument}" for a in res.acts) if res else ""
        events = " ".join(f"[{e.id}]" for e in res.events) if res else ""
        print(
            f"R{k:>2} {date}  T {s.tension:5.1f} ("
            + " ".join(f"{a}-{b} {v:.1f}" for (a, b), v in s.pair_tension.items())
            + ")  "
            + "  ".join(f"{i}>{j} {s.trust(i, j):.3f}" for i, j in pairs)
            + f"  hazard {s.hazard:.3f}  K "
            + " ".join(f"{a}={s.capability[a]:.2f}" for a in game.rules.actor_ids)
            + f"  | {acts} {events}"
        )
    print("war probability", round(game.state.war_probability, 4), "outcome", game.state.outcome)


def read(path: Path) -> HistoryReplay:
    """Read and validate a history file.

    Raises:
        InputError: unreadable, not TOML, or not a valid history file (one line: file, place, what).
    """
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(path, "", f"cannot read file ({exc.strerror or exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(path, "", f"not valid TOML ({exc})") from None
    try:
        data = HistoryFile.model_validate(raw)
    except ValidationError as exc:
        raise from_validation_error(path, exc) from None
    return HistoryReplay(path, data)


def files() -> list[Path]:
    """The history files in this folder."""
    return sorted(HERE.glob("*.toml"))


@cache
def replays() -> dict[str, HistoryReplay]:
    """Record stem → its history file, read once."""
    return {p.stem: read(p) for p in files()}


def main(argv: list[str]) -> int:
    paths = files() if "--all" in argv else [Path(a) for a in argv if not a.startswith("-")]
    if not paths:
        print(__doc__.splitlines()[2], file=sys.stderr)
        return 2
    for p in paths:
        try:
            replay = read(p)
        except InputError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        game = replay.build(show="--show" in argv)
        print(f"{replay.out.name}: {game.round} rounds, tension {game.state.tension:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
