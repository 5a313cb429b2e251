"""History replays as data: a TOML file of dated orders and stated claims, built into a record.

    wargame history cuba-1962-history.toml                 # writes cuba-1962-history.json beside it
    wargame history FILE.toml -o RECORD.json --show        # elsewhere, printing the trajectory
    wargame replay cuba-1962-history.json --check          # checks the record's checkpoints

A file (validated by the models below; a bad file is one line naming file, place and what was
expected) has:

* ``[replay]``: the scenario (a bundled id, or the id of a scenario file ``ID.toml`` kept beside
  the history file or in the folder above it), seed, mode, round limit (and optionally the rounds
  ``played``, fewer), the record's title and description, and optionally the pairs whose trust and
  tension ``--show`` prints round by round;
* ``[[orders]]``: one table per dated round with sourced acts, ``date`` (the round's first day in
  the scenario's calendar) and ``acts``, actor → ``[instrument, target]`` (target ``""`` for an
  act that takes none). Each act is checked against the scenario. Actors without a sourced act
  that round are left to their doctrine, and their orders are dropped from the saved record, so a
  replay re-derives them;
* ``[[claims]]``: what the replay must show (:mod:`wargame.history.claims`): a ``quantity``
  (``tension``, ``pair_tension``, ``trust``, ``war_probability``, ``outcome``, ``pair_end``,
  ``act_of``, ``mu_star``) after a ``round`` (or each round of ``rounds = [first, last]``, but
  those in ``except``), of a ``pair`` (trust: observer and subject) or an ``actor`` where it
  needs one; exactly one of ``below``, ``above``, ``at_least``, ``at_most`` (a number, or a table
  naming another ``round`` and optionally another ``quantity``, ``pair`` or ``actor``) or
  ``one_of`` (values); a ``note`` with the history and its source; ``known_failure`` where the
  engine cannot meet it yet.

The builder refuses to write a record whose claims do not come out as stated; the claims that can
be become the record's checkpoints, which ``wargame replay --check`` checks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from wargame import files
from wargame.engine.state import Order
from wargame.errors import InputError, from_validation_error
from wargame.game import Game, check
from wargame.history import claims as C
from wargame.record import io as record_io
from wargame.scenario import paths
from wargame.scenario.load import LoadedScenario
from wargame.scenario.load import load as load_scenario
from wargame.scenario.load import parse as parse_scenario
from wargame.scripted import order_problem

if TYPE_CHECKING:
    from wargame.record.models import GameRecord

MAX_HISTORY_BYTES = files.MAX_SCENARIO_BYTES
"""The largest history file read."""

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

    def bound_entry(self) -> Quantity_ | None:
        """The bound when it is another quantity (None: a number or ``one_of``)."""
        value = next((getattr(self, k) for k in _COMPARISONS if getattr(self, k) is not None), None)
        return value if isinstance(value, Quantity_) else None

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
        if quantity == "trust":
            return C.Trust(r, *pair)
        return (C.PairTension if quantity == "pair_tension" else C.PairEnd)(r, *pair)
    if quantity == "act_of":
        assert actor is not None
        return C.ActOf(r, actor)
    kinds: dict[str, type[C.Tension | C.WarProbability | C.Outcome | C.MuStar]] = {
        "tension": C.Tension,
        "war_probability": C.WarProbability,
        "outcome": C.Outcome,
        "mu_star": C.MuStar,
    }
    return kinds[quantity](r)


class HistoryFile(_Model):
    """A history replay: the game, its dated orders and its claims."""

    replay: ReplayInfo
    orders: list[DatedOrders]
    claims: list[ClaimEntry] = Field(min_length=1)


class HistoryReplay:
    """A validated history file: its orders by round (index 0 is round 1) and its claims.

    Raises:
        InputError: a scenario that cannot be found, a date off the scenario's calendar or listed
            twice, an act the actor may not order, an actor or pair the scenario does not have.
    """

    def __init__(self, path: Path, data: HistoryFile) -> None:
        self.path = path
        self.info = data.replay
        self.scenario = _scenario(path, data.replay.scenario)
        rules = self.scenario.rules
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
            for actor, (instrument, target) in day.acts.items():
                if actor not in rules.actor_by_id:
                    raise InputError(
                        path,
                        f"orders[{k}].acts.{actor}",
                        f"no such actor in {self.scenario.id} (expected one of {', '.join(rules.actor_ids)})",
                    )
                problem = order_problem(rules, actor, Order(instrument, target or None))
                if problem:
                    raise InputError(path, f"orders[{k}].acts.{actor}", problem)
            self.rounds[r] = {a: (i, t or None) for a, (i, t) in day.acts.items()}
        for k, pair in enumerate(data.replay.trajectory):
            self._check_actors(f"replay.trajectory[{k}]", pair)
        for k, entry in enumerate(data.claims):
            where = f"claims[{k}]"
            self._check_actors(f"{where}.pair", entry.pair or ())
            self._check_actors(f"{where}.actor", (entry.actor,) if entry.actor else ())
            bound = entry.bound_entry()
            if bound is not None:
                self._check_actors(f"{where}.bound.pair", bound.pair or ())
                self._check_actors(f"{where}.bound.actor", (bound.actor,) if bound.actor else ())
        self.claims: list[C.Claim] = [c for entry in data.claims for c in entry.expand()]

    def _check_actors(self, where: str, actors: Iterable[str]) -> None:
        rules = self.scenario.rules
        actors = list(actors)
        for a in actors:
            if a not in rules.actor_by_id:
                raise InputError(
                    self.path,
                    where,
                    f"no such actor {a!r} in {self.scenario.id} (expected one of {', '.join(rules.actor_ids)})",
                )
        if len(actors) == 2 and actors[0] == actors[1]:
            raise InputError(self.path, where, f"expected two different actors, got {actors[0]!r} twice")

    @property
    def out(self) -> Path:
        """The record this file builds by default: the same name, ``.json``."""
        return self.path.with_suffix(".json")

    def play(self) -> tuple[Game, GameRecord]:
        """Play the orders (the doctrines filling in) and the record that keeps only the sourced
        orders (a replay re-derives the doctrines')."""
        info = self.info
        game = Game.new(self.scenario, seed=info.seed, mode=info.mode, rounds=info.rounds)
        game.title = info.title
        game.description = info.description
        for orders in self.rounds:
            game.play_round({a: Order(i, t) for a, (i, t) in orders.items()})
        record = game.record
        for k, orders in enumerate(self.rounds):
            record.rounds[k].orders = {a: o for a, o in record.rounds[k].orders.items() if a in orders}
        return game, record

    def build(self, out: Path | None = None) -> tuple[Game, list[str]]:
        """Play the orders, check the claims and save the record at ``out`` (default
        :attr:`out`). Returns the game and a line per known failure kept.

        Raises:
            ClaimsNotShown: the game does not show the claims as stated (nothing is written).
        """
        game, record = self.play()
        return game, save(game, record, out or self.out, self.claims)


def save(game: Game, record: GameRecord, out: Path, claims: list[C.Claim] | None) -> list[str]:
    """Verify ``claims`` on ``game``, make them the record's checkpoints, check those and save
    ``record`` at ``out``. Returns a line per known failure kept (``claims`` None: save as is).

    Raises:
        ClaimsNotShown: a claim does not come out as stated, or a checkpoint made from one fails.
    """
    kept = []
    if claims is not None:
        C.verify(game, claims, out.name)
        game.checkpoints = C.checkpoints(game, claims)
        failures = check(game)
        if failures:
            raise C.ClaimsNotShown(f"{out.name}: a checkpoint made from a claim fails: {failures[0]}")
        kept = [
            f"{out.name}: known failure kept: {cl.evaluate(game)[1]}" for cl in claims if cl.known_failure
        ]
    record.checkpoints = game.checkpoints
    record_io.save(out, record)
    return kept


def trajectory(game: Game, pairs: list[tuple[str, str]]) -> list[str]:
    """Each round's tension, pair tensions, the pairs' trust, the war hazard, capabilities, acts and
    event cards, a line a round, and a last line with the war probability and outcome."""
    lines = []
    for k, s in enumerate(game.states):
        date = game.rules.date_of(k) if k else "opening"
        res = game.results[k - 1] if k else None
        acts = ", ".join(f"{a.maker}:{a.instrument}" for a in res.acts) if res else ""
        events = " ".join(f"[{e.id}]" for e in res.events) if res else ""
        lines.append(
            f"R{k:>2} {date}  T {s.tension:5.1f} ("
            + " ".join(f"{a}-{b} {v:.1f}" for (a, b), v in s.pair_tension.items())
            + ")  "
            + "  ".join(f"{i}>{j} {s.trust(i, j):.3f}" for i, j in pairs)
            + f"  hazard {s.hazard:.3f}  K "
            + " ".join(f"{a}={s.capability[a]:.2f}" for a in game.rules.actor_ids)
            + f"  | {acts} {events}"
        )
    lines.append(f"war probability {round(game.state.war_probability, 4)} outcome {game.state.outcome}")
    return lines


def _scenario(path: Path, scenario_id: str) -> LoadedScenario:
    """The replay's scenario: bundled, or ``ID.toml`` beside the history file or in the folder above."""
    if scenario_id in paths.bundled():
        return load_scenario(scenario_id)
    here = path.resolve().parent
    for folder in (here, here.parent):
        candidate = folder / f"{scenario_id}.toml"
        if candidate.is_file():  # read afresh, not from the cache: the author may have just edited it
            loaded = parse_scenario(
                files.read_bounded(candidate, files.MAX_SCENARIO_BYTES, "scenario"), candidate
            )
            if loaded.id != scenario_id:
                raise InputError(
                    candidate, "id", f"expected scenario {scenario_id!r} (named by {path}), got {loaded.id!r}"
                )
            return loaded
    raise InputError(
        path,
        "replay.scenario",
        f"no bundled scenario {scenario_id!r} and no {scenario_id}.toml beside this file or in the folder above",
    )


def read(path: str | Path) -> HistoryReplay:
    """Read and validate a history file.

    Raises:
        InputError: unreadable, not TOML, or not a valid history file (one line: file, place, what).
    """
    path = Path(path)
    data = files.read_bounded(path, MAX_HISTORY_BYTES, "history file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"byte {exc.start}", "not UTF-8 text: is this a history file?") from None
    raw = files.parse_toml(text, path, "a history file")
    if "replay" not in raw:
        looks = (
            "an order script (the `simulate --orders` format)"
            if "rounds" in raw
            else "a scenario file"
            if "instruments" in raw
            else ""
        )
        if looks:
            raise InputError(
                path,
                "replay",
                f"this looks like {looks}; a history file has [replay], [[orders]] and [[claims]] "
                "(docs/scenarios.md, section 8)",
            )
    try:
        parsed = HistoryFile.model_validate(raw)
    except ValidationError as exc:
        raise from_validation_error(path, exc) from None
    return HistoryReplay(path, parsed)
