"""Scripted play: orders for some actors read from a file, the AI filling in the rest.

An order script is the game record's own round format (:class:`~wargame.record.models.RoundRecord`:
``orders`` by actor, each an instrument and a target, and ``injected`` event cards), in TOML or
JSON::

    # orders.toml: Blue makes three costly gestures, then its AI takes over
    description = "Costly reassurance by hand for three rounds"
    [[rounds]]
    orders.BLUE = { instrument = "halt_exercises", target = "RED" }
    [[rounds]]
    orders.BLUE = { instrument = "sanctions_relief", target = "RED" }
    [[rounds]]
    orders.BLUE = { instrument = "propose_treaty", target = "RED" }

Round k of the script gives the orders of round k of the game; an actor without an order in a
round (and every actor after the script's last round) is played by its AI doctrine. With
``repeat = true`` the script starts again after its last round, until the game ends. A whole game
record (a save or a replay, ``.json``) is a script too: every recorded order is replayed. To keep
only some actors' orders, copy its ``rounds`` into a script that names them in ``actors``.

Every order is checked against the scenario before any game is played; a bad file is one line
naming the file, the place (``rounds.2.orders.BLUE``) and what was expected (exit 2 on the
command line).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from wargame import files
from wargame.engine.errors import IllegalOrderError
from wargame.engine.rules import Rules
from wargame.engine.state import Order
from wargame.errors import InputError, from_validation_error
from wargame.record.models import RoundRecord
from wargame.scenario.models import Identifier

if TYPE_CHECKING:
    from wargame.game import Game

MAX_SCRIPT_BYTES = files.MAX_RECORD_BYTES
"""The largest order script read (the same bound as a game record)."""


class OrderScriptModel(BaseModel):
    """An order script file: scripted rounds in the game record's round format."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    description: str = Field(default="", max_length=2000)
    """What the script does (free text, for the reader)."""
    actors: list[Identifier] | None = None
    """Only these actors' orders are taken from the file (default: every actor it gives orders for)."""
    repeat: bool = False
    """Start the script again after its last round (default: the AI plays on after it)."""
    rounds: list[RoundRecord] = Field(min_length=1, max_length=500)
    """Round k's orders by actor (and injected event cards); a missing actor is played by its AI."""


@dataclass(frozen=True)
class OrderScript:
    """A checked order script (picklable, so worker processes can receive it).

    Attributes:
        source: the file it was read from (for error messages).
        rounds: per scripted round, (orders by actor, injected event ids).
        repeat: start again after the last round.
    """

    source: str
    rounds: tuple[tuple[tuple[tuple[str, Order], ...], tuple[str, ...]], ...]
    repeat: bool = False

    def at(self, index: int) -> tuple[dict[str, Order], tuple[str, ...]]:
        """Orders and injected cards of the game's round ``index + 1`` (0-based index; none past the end)."""
        k = self.place(index)
        if k is None:
            return {}, ()
        orders, injected = self.rounds[k]
        return dict(orders), injected

    def place(self, index: int) -> int | None:
        """The script round that gives the game's 0-based round ``index`` (None: the AI's)."""
        n = len(self.rounds)
        if index < n:
            return index
        return index % n if self.repeat else None

    @property
    def actors(self) -> frozenset[str]:
        """Every actor the script gives an order for."""
        return frozenset(a for orders, _ in self.rounds for a, _ in orders)


def parse_script(data: bytes, source: str | Path, rules: Rules) -> OrderScript:
    """Read an order script (TOML, or JSON when ``source`` ends in ``.json`` or the text starts
    with ``{``) and check every order against ``rules``.

    Raises:
        InputError: not TOML/JSON, not the format (field path), an unknown actor, instrument,
            target or event card, or an order the actor may not give (naming ``rounds.K.orders.ACTOR``).
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(source, f"byte {exc.start}", "not UTF-8 text: is this an order script?") from None
    is_json = str(source).lower().endswith(".json") or text.lstrip().startswith("{")
    raw: object
    if is_json:
        files.check_json(text, source)
        try:
            raw = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(
                source, f"line {exc.lineno}, column {exc.colno}", f"not valid JSON ({exc.msg})"
            ) from None
        except (ValueError, RecursionError) as exc:
            raise InputError(source, "", f"not valid JSON here ({exc})") from None
    else:
        raw = files.parse_toml(text, source, "an order script")
    if not isinstance(raw, dict):
        raise InputError(source, "(top level)", "expected a table with `rounds` (an order script)")
    if "schema_version" in raw:  # a whole game record: its rounds are the script
        from wargame.record import io as record_io

        record = record_io.parse(text, source)
        model = OrderScriptModel(rounds=record.rounds) if record.rounds else None
        if model is None:
            raise InputError(source, "rounds", "the record has no rounds to script")
    else:
        try:
            model = OrderScriptModel.model_validate(raw)
        except ValidationError as exc:
            raise from_validation_error(source, exc) from None
    return check_script(model, source, rules)


def load_script(path: str | Path, rules: Rules) -> OrderScript:
    """Read and check the order script at ``path`` (see :func:`parse_script`).

    Raises:
        InputError: unreadable, too large, or invalid (see :func:`parse_script`).
    """
    data = files.read_bounded(path, MAX_SCRIPT_BYTES, "order script")
    return parse_script(data, path, rules)


def check_script(model: OrderScriptModel, source: str | Path, rules: Rules) -> OrderScript:
    """Check a parsed script against the scenario's rules and compile it.

    Raises:
        InputError: naming the first bad place.
    """
    ids = rules.actor_by_id
    expected_actor = f"expected one of {', '.join(rules.actor_ids)}"
    keep = None
    if model.actors is not None:
        for k, a in enumerate(model.actors):
            if a not in ids:
                raise InputError(source, f"actors.{k}", f"unknown actor {a!r} ({expected_actor})")
        keep = set(model.actors)
    events = {e.id for e in rules.events}
    rounds = []
    for k, rr in enumerate(model.rounds):
        orders: list[tuple[str, Order]] = []
        for actor, om in rr.orders.items():
            where = f"rounds.{k}.orders.{actor}"
            if actor not in ids:
                raise InputError(source, where, f"no such actor in this scenario ({expected_actor})")
            if keep is not None and actor not in keep:
                continue
            order = Order(om.instrument, om.target)
            problem = order_problem(rules, actor, order)
            if problem:
                raise InputError(source, where, problem)
            orders.append((actor, order))
        for j, event in enumerate(rr.injected):
            if event not in events:
                known = ", ".join(sorted(events)) or "none in this scenario"
                raise InputError(
                    source,
                    f"rounds.{k}.injected.{j}",
                    f"unknown event card {event!r} (expected one of: {known})",
                )
        rounds.append((tuple(orders), tuple(rr.injected)))
    return OrderScript(str(source), tuple(rounds), model.repeat)


def order_problem(rules: Rules, actor: str, order: Order) -> str:
    """Why ``order`` is not one ``actor`` may give in this scenario ("" if it may): an unknown
    instrument, one the actor may not use, a missing, unknown or own target, or a target given to
    an instrument that takes none."""
    inst = rules.instruments.get(order.instrument)
    if inst is None:
        known = ", ".join(i for i in rules.instruments if rules.usable(actor, i))
        return f"unknown instrument {order.instrument!r} (expected one of {known})"
    if not rules.usable(actor, order.instrument):
        return f"{actor} may not use {order.instrument!r}"
    others = [a for a in rules.actor_ids if a != actor]
    if inst.targeted:
        if order.target is None:
            return f"{order.instrument!r} needs a target (one of {', '.join(others)})"
        if order.target not in rules.actor_by_id or order.target == actor:
            return f"unknown target {order.target!r} (expected one of {', '.join(others)})"
    elif order.target is not None:
        return f"{order.instrument!r} takes no target"
    return ""


def play_scripted(game: Game, script: OrderScript) -> None:
    """Play ``game`` to its end, each round with the script's orders and injected cards (the AI
    giving every other order).

    Raises:
        InputError: the game refuses a scripted order (naming the script's round and actor, and
            the game's seed and round).
    """
    while not game.is_over:
        index = game.round
        orders, injected = script.at(index)
        try:
            game.play_round(orders, injected)
        except IllegalOrderError as exc:
            raise InputError(
                script.source,
                f"rounds.{script.place(index)}.orders.{exc.actor}",
                f"{exc.reason} (game seed {game.seed}, round {index + 1})",
            ) from None
