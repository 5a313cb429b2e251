"""A running game: a scenario, settings, a seed and the rounds played, on top of the pure engine.

:class:`Game` is what the TUI, the CLI, the replays and the research runs use. It owns the record
(orders per round) and derives everything else by running it through the engine, so a save, a
replay and a test fixture are one thing; undo drops the last round; fork keeps the first N.

Randomness: each round uses fresh streams keyed by (seed, round, purpose): one for the doctrines'
draws, one for the AI states' trembling hand (docs/model.md §4), one for the engine's (noise,
drawn events, hazard). A stream's values are SHAKE-256 in counter mode over its key
(wargame/engine/streams.py), so they are identical on every machine. In expectation mode the seed
is replaced by 0, so the run does not depend on it.

Model versions: a record carries the version of the rules model it was played on. Only the
installed model is kept, so a record of another version is replayed on it: the game is opened
with a one-line :attr:`Game.load_note` saying so, up to the first recorded round that no longer
replays (an order after the game now ends, an order now illegal), and its checkpoints are set
aside (:attr:`Game.stale_checkpoints`) instead of being checked against a model they were not
recorded on. The file is never rewritten; saving the game writes the installed model's version.
"""

from __future__ import annotations

import gc
import random
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from pydantic import ValidationError

from wargame.engine import doctrines
from wargame.engine.core import check_order, draw_types, initial_state, resolve_round
from wargame.engine.errors import GameOverError, IllegalOrderError
from wargame.engine.news import NewsItem, PreviewLine, Revelation, news_items, preview, revelations, stories
from wargame.engine.randomness import StreamRandom
from wargame.engine.rules import GREEDY, Rules
from wargame.engine.state import Mode, Order, RoundResult, State
from wargame.engine.streams import Stream
from wargame.engine.version import MODEL_VERSION
from wargame.engine.views import View, view, views
from wargame.errors import InputError, from_validation_error
from wargame.record import io as record_io
from wargame.record.models import (
    Checkpoint,
    ClassSecrets,
    FacilitatorAction,
    ForkOrigin,
    GameRecord,
    OrderModel,
    RoundRecord,
    ScenarioRef,
    Settings,
)
from wargame.scenario import load as scenario_load
from wargame.scenario.load import LoadedScenario
from wargame.scenario.paths import DEFAULT_SCENARIO


@contextmanager
def batch_gc() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while many games are played (batch runs).

    A game's rounds hold no reference cycles (a test checks it), so reference counting frees
    them; the cyclic collector would only scan each game's growing history again and again,
    about a tenth of a batch run's time (``bench/compare.py``). Collection resumes after.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _rng(seed: int | str, round_: int, purpose: str) -> Stream:
    """A round's stream for one purpose, keyed ``"seed/round/purpose"`` (docs/model.md §1;
    wargame/engine/streams.py; nothing is computed until a
    value is drawn, so a stream no draw needs costs only this object)."""
    return Stream(f"{seed}/{round_}/{purpose}")


class Policy(Protocol):
    """An outside policy that chooses an AI actor's orders in place of its doctrine
    (:meth:`Game.set_policy`): anything with a doctrine's ``decide``.

    A game holds each decider as ``Doctrine | Policy``, not as a ``Doctrine``: compiled with mypyc,
    a value typed ``Doctrine`` is checked to be one, and would refuse a policy; ``Doctrine`` first
    in the union keeps a doctrine's ``decide`` a native call (a policy's is a Python one).
    """

    def decide(self, view: View, rng: random.Random, /) -> tuple[Order, doctrines.Memory]:
        """The actor's order this round and its new memory, from its view and the doctrine stream."""
        ...


class PolicyError(InputError):
    """An outside policy failed: its ``decide`` raised, or returned something other than
    ``(Order, dict)`` with a legal order. One line naming the policy (``module:Class``), the actor
    and the round, and what went wrong (the command line prints it and exits 2)."""


def policy_name(policy: object) -> str:
    """An outside policy as ``--players`` names it: ``module:Class``."""
    kind = type(policy)
    return f"{kind.__module__}:{kind.__qualname__}"


def _outside_decision(
    rules: Rules, policy: Policy, actor: str, round_: int, seen: View, rng: StreamRandom
) -> tuple[Order, doctrines.Memory]:
    """An outside policy's order and memory for ``actor`` in round ``round_``, checked.

    Raises:
        PolicyError: ``decide`` raised, returned no ``(Order, dict)``, or an illegal order.
    """
    place = f"{actor}, round {round_}"
    try:
        decided = policy.decide(seen, rng)
    except Exception as exc:  # the policy is outside code: any failure is reported as its own
        raise PolicyError(
            policy_name(policy), place, f"decide(view, rng) raised {type(exc).__name__}: {exc}"
        ) from exc
    if (
        not isinstance(decided, tuple)
        or len(decided) != 2
        or not isinstance(decided[0], Order)
        or not isinstance(decided[1], dict)
    ):
        raise PolicyError(
            policy_name(policy), place, f"decide(view, rng) must return (Order, dict), got {decided!r}"
        )
    order, memory = decided
    try:
        check_order(rules, actor, order)
    except IllegalOrderError as exc:
        raise PolicyError(policy_name(policy), place, f"an illegal order ({exc.reason})") from exc
    return order, memory


def _check_recorded_rounds(record: GameRecord, rules: Rules, source: str | Path) -> None:
    """Faults of a record itself, which no change of the rules model explains, fail on every model
    version (a record of another version otherwise replays as far as it can, with a note): an
    order by or for an actor the scenario does not have, and more rounds than the round limit
    its settings give (issue 13: ``--load``, Continue and Load refuse such a record).

    Raises:
        InputError: naming the round and actor, or the first round after the limit.
    """
    ids = rules.actor_by_id
    expected = f"expected one of {', '.join(rules.actor_ids)}"
    for k, rr in enumerate(record.rounds):
        for actor, order in rr.orders.items():
            if actor not in ids:
                raise InputError(
                    source, f"rounds.{k}.orders.{actor}", f"no such actor in this scenario ({expected})"
                )
            if order.target is not None and order.target not in ids:
                raise InputError(
                    source, f"rounds.{k}.orders.{actor}", f"unknown target {order.target!r} ({expected})"
                )
    limit = record.settings.rounds
    if limit is not None and len(record.rounds) > limit:
        raise InputError(
            source,
            f"rounds.{limit}",
            f"a round after the game's last: its settings end it after round {limit}",
        )


@dataclass(init=False)
class _Round:
    """One round played: the orders given, the events injected, the result, and its news once
    shown. Its ``__init__`` is written out: compiled with mypyc, a generated one stays Python."""

    orders: dict[str, Order]
    injected: tuple[str, ...]
    result: RoundResult
    news: list[NewsItem] | None

    def __init__(
        self,
        orders: dict[str, Order],
        injected: tuple[str, ...],
        result: RoundResult,
        news: list[NewsItem] | None = None,
    ) -> None:
        self.orders = orders
        self.injected = injected
        self.result = result
        self.news = news


class Game:
    #: Split each round's change of tension into terms (``RoundResult.tension_terms``); batch
    #: runs that never show them set it False on the instance (same game, less work).
    explain: bool = True

    """A game in progress.

    Args:
        scenario: the loaded scenario.
        settings: game settings (validated; see :class:`~wargame.record.models.Settings`).
        seed: seed of all random draws (≥ 0).

    Raises:
        InputError: settings name an unknown actor.
    """

    def __init__(
        self,
        scenario: LoadedScenario,
        settings: Settings | None = None,
        seed: int = 0,
        source: str | Path = "settings",
        stream_key: str | None = None,
    ) -> None:
        self.settings = settings or Settings()
        if self.settings.overrides:  # --set: the scenario's data changed for this game (cached)
            from wargame.scenario.overrides import apply

            scenario = apply(scenario, self.settings.overrides, source)
        self.scenario = scenario
        self.rules: Rules = scenario.rules
        self.seed = seed
        self.mode = Mode(self.settings.mode)
        self.round_limit = self.settings.rounds or self.rules.rounds
        ids = self.rules.actor_ids
        s = self.settings
        for where, names in (
            ("settings.humans", s.humans),
            ("settings.doctrines", list(s.doctrines)),
            ("settings.hidden_types", list(s.hidden_types or {})),
            ("settings.teams", list(s.teams)),
        ):
            for a in names:
                if a not in ids:
                    raise InputError(source, where, f"unknown actor {a!r}; expected one of {', '.join(ids)}")
        stochastic = self.mode is Mode.STOCHASTIC
        self.stream_key = stream_key
        """A classroom game's secret key of every random stream (None: the seed's streams)."""
        rng_seed: int | str = seed if stochastic else 0
        if stream_key is not None:  # a class: the shown seed determines nothing, in either mode
            rng_seed = stream_key
        self._rng_seed = rng_seed
        types = draw_types(
            self.rules, _rng(rng_seed, 0, "types") if stochastic or stream_key is not None else None
        )
        types.update(s.hidden_types or {})
        self.initial: State = initial_state(self.rules, types)
        self._doctrines: list[tuple[str, doctrines.Doctrine | Policy]] = [
            (a, doctrines.get(self.doctrine_name(a))) for a in ids
        ]
        self._humans = tuple(a for a in ids if a in s.humans)
        self._trembles: frozenset[str] = (
            frozenset(a for a in ids if a not in s.humans and a not in s.doctrines)
            if (stochastic or stream_key is not None) and self.rules.params.tremble > 0
            else frozenset()
        )
        """AI states whose doctrine follows from their hidden type: their hand trembles
        (docs/model.md §4; stochastic and classroom games only)."""
        self._rounds: list[_Round] = []
        self.checkpoints: list[Checkpoint] = []
        self.recorded_model = MODEL_VERSION
        """The model version of the record this game was loaded from (the installed one if new)."""
        self.stale_checkpoints: list[Checkpoint] = []
        """A record of another model version: its checkpoints, kept apart and never checked."""
        self.load_note = ""
        """One line for the user when the record was played on another model version, else ""."""
        self.unreplayed_rounds = 0
        """Recorded rounds left out because they no longer replay on the installed model."""
        self.title = ""
        self.description = ""
        self.facilitator: list[FacilitatorAction] = []
        self.reasons: dict[int, dict[str, str]] = {}
        """Classroom games: each team's one line of why, by round and actor."""
        self.forked_from: ForkOrigin | None = None
        """A fork: the record (file name) and round it was forked from (:mod:`wargame.fork`)."""
        self.sealer: Callable[[GameRecord], GameRecord] | None = None
        """Classroom games: turns :attr:`record` into its sealed form (set by the classroom layer)."""

    # --- construction from records -------------------------------------------------------------

    @classmethod
    def new(
        cls, scenario: str | Path | LoadedScenario = DEFAULT_SCENARIO, seed: int = 0, **settings: object
    ) -> Game:
        """Start a game by scenario id or path, e.g. ``Game.new("korea-2022", seed=7, humans=["ROK"])``.

        Raises:
            InputError: unknown scenario or invalid settings.
        """
        loaded = scenario if isinstance(scenario, LoadedScenario) else scenario_load.load(scenario)
        try:
            s = Settings.model_validate(settings)
        except ValidationError as exc:
            raise from_validation_error("settings", exc) from None
        return cls(loaded, s, seed)

    @classmethod
    def from_record(
        cls,
        record: GameRecord,
        scenario: LoadedScenario | None = None,
        source: str | Path = "record",
        secrets: ClassSecrets | None = None,
    ) -> Game:
        """Rebuild a game by replaying a record.

        Args:
            record: the validated record.
            scenario: the scenario to use (default: the bundled one with the record's id).
            source: file name for error messages.
            secrets: a classroom record's unsealed secrets (:mod:`wargame.classroom` opens them
                with the facilitator's PIN); an ended class carries them in the clear.

        A record played on another model version (``record.model_version`` is not
        :data:`~wargame.engine.version.MODEL_VERSION`) is replayed on the installed model, and on
        the installed version of its scenario (a model change brings its scenario files along),
        up to the first round that no longer replays; the game gets a :attr:`load_note` saying
        so, and the record's checkpoints go to :attr:`stale_checkpoints`.

        Raises:
            InputError: the scenario is unknown; or, in a record of the installed model, the
                scenario is not the version the record was made for (hash mismatch, unless the
                scenario lists that hash in ``compatible_sha256``), or a recorded order is illegal
                or comes after the game ended (naming the round and actor).
        """
        if scenario is None:
            try:
                scenario = scenario_load.load(record.scenario.id)
            except InputError as exc:
                raise InputError(source, "scenario.id", exc.expected) from None
        other_model = record.model_version != MODEL_VERSION
        other_scenario = (
            scenario.sha256 != record.scenario.sha256
            and record.scenario.sha256 not in scenario.model.scenario.compatible_sha256
        )
        if other_scenario and not other_model:
            raise InputError(
                source,
                "scenario.sha256",
                f"this record was made for another version of scenario {record.scenario.id!r} "
                f"(hash {record.scenario.sha256[:12]}…, installed {scenario.sha256[:12]}…)",
            )
        if scenario.id != record.scenario.id:
            raise InputError(source, "scenario.id", f"expected {scenario.id!r}, got {record.scenario.id!r}")
        settings = record.settings
        facilitator = list(record.facilitator)
        stream_key = None
        reasons: dict[int, dict[str, str]] = {}
        if record.classroom is not None:
            secrets = secrets or record.classroom.secrets
            if secrets is None:
                raise InputError(
                    source,
                    "classroom",
                    "an unfinished class game: its secrets are sealed with the facilitator's PIN "
                    "(open it in wargame with the PIN; after the class ends its debrief is open)",
                )
            stream_key = secrets.stream_key
            if secrets.hidden_types:
                settings = settings.model_copy(update={"hidden_types": dict(secrets.hidden_types)})
            facilitator = list(secrets.facilitator) or facilitator
            for week, by_actor in secrets.reasons.items():
                if week.isdigit():
                    reasons[int(week)] = dict(by_actor)
        game = cls(scenario, settings, record.seed, source=source, stream_key=stream_key)
        game.reasons = reasons
        game.recorded_model = record.model_version
        if other_model:
            game.stale_checkpoints = list(record.checkpoints)
        else:
            game.checkpoints = list(record.checkpoints)
        game.facilitator = facilitator
        game.title, game.description = record.title, record.description
        game.forked_from = record.forked_from
        _check_recorded_rounds(record, game.rules, source)
        stop = ""  # why the replay stops before the record's end (another model's record only)
        for k, rr in enumerate(record.rounds):
            orders = {a: Order(o.instrument, o.target) for a, o in rr.orders.items()}
            try:
                if game.is_over:
                    raise GameOverError("the game is over")
                game.play_round(orders, injected=rr.injected, scripted=True)
            except GameOverError:
                if not other_model:
                    raise InputError(
                        source, f"rounds.{k}", f"the game already ended in round {game.state.outcome_round}"
                    ) from None
                outcome = game.state.outcome
                how = f" ({getattr(outcome, 'value', outcome)})".replace("_", " ") if outcome else ""
                stop = f", where the game now ends{how}"
            except IllegalOrderError as exc:
                if not other_model:
                    raise InputError(source, f"rounds.{k}.orders.{exc.actor}", exc.reason) from None
                stop = f": round {k + 1}'s order for {exc.actor} is illegal there ({exc.reason})"
            if stop:
                game.unreplayed_rounds = len(record.rounds) - k
                break
        if other_model:
            played_on = f"model {record.model_version}"
            if other_scenario:  # a model change brings its scenario files along; only these are kept
                played_on += f" and another version of scenario {scenario.id!r}"
            game.load_note = _model_note(source, played_on, game.round, game.unreplayed_rounds, stop)
        return game

    @classmethod
    def load(cls, path: str | Path, scenario: LoadedScenario | None = None) -> Game:
        """Load a save or replay file. The file is never modified (a record of another model
        version is replayed on the installed one: see :meth:`from_record` and :attr:`load_note`).

        Raises:
            InputError: see :func:`wargame.record.io.load` and :meth:`from_record`.
        """
        return cls.from_record(record_io.load(path), scenario, source=path)

    # --- the record ---------------------------------------------------------------------------

    @property
    def record(self) -> GameRecord:
        """The game record (every round's orders, every actor's, AI included), on the installed
        model version (a game loaded from another version's record was replayed on this one)."""
        record = GameRecord(
            model_version=MODEL_VERSION,
            title=self.title,
            description=self.description,
            scenario=ScenarioRef(id=self.scenario.id, sha256=self.scenario.sha256),
            settings=self.settings,
            seed=self.seed,
            rounds=[
                RoundRecord(
                    orders={
                        a: OrderModel(instrument=o.instrument, target=o.target) for a, o in r.orders.items()
                    },
                    injected=list(r.injected),
                )
                for r in self._rounds
            ],
            facilitator=self.facilitator,
            checkpoints=self.checkpoints,
            forked_from=self.forked_from,
        )
        return self.sealer(record) if self.sealer is not None else record

    def save(self, path: str | Path) -> None:
        """Save the record atomically to ``path`` (JSON)."""
        record_io.save(path, self.record)

    # --- state --------------------------------------------------------------------------------

    @property
    def state(self) -> State:
        """The current (omniscient) state."""
        return self._rounds[-1].result.state if self._rounds else self.initial

    @property
    def states(self) -> list[State]:
        """The state before round 1, then after each round played (``states[k]``: after round k)."""
        return [self.initial] + [r.result.state for r in self._rounds]

    @property
    def results(self) -> list[RoundResult]:
        """Every round's result, in order."""
        return [r.result for r in self._rounds]

    @property
    def round(self) -> int:
        """Rounds played so far."""
        return len(self._rounds)

    @property
    def is_over(self) -> bool:
        """True once a terminal outcome is reached (and ``play_on`` is off), or at the round limit."""
        st = self.state
        if st.round >= self.round_limit:
            return True
        return st.outcome is not None and not self.settings.play_on

    @property
    def humans(self) -> tuple[str, ...]:
        """Actors played by people, in scenario order."""
        return self._humans

    def doctrine_name(self, actor: str) -> str:
        """The AI doctrine of ``actor``: the settings' override, else the scenario's for its hidden type."""
        if actor in self.settings.doctrines:
            return self.settings.doctrines[actor]
        a = self.rules.actor_by_id[actor]
        return a.greedy_doctrine if self.initial.types[actor] == GREEDY else a.doctrine

    def set_policy(self, actor: str, policy: Policy) -> None:
        """Let an outside policy choose ``actor``'s orders in place of its doctrine: any object with
        the doctrines' ``decide(view, rng) -> (Order, memory)`` (a trained agent, a student's
        strategy; research runs). It sees only ``actor``'s view, as a doctrine does. The record
        keeps the orders it gives, not the policy."""
        self._doctrines = [(a, policy if a == actor else d) for a, d in self._doctrines]
        self._trembles = self._trembles - {actor}  # a chosen player, like a chosen doctrine

    def view(self, actor: str) -> View:
        """``actor``'s view of the current state (its own beliefs and readings, public facts)."""
        readings = self._rounds[-1].result.perceptions if self._rounds else ()
        return view(self.rules, self.state, actor, readings)

    # --- playing ------------------------------------------------------------------------------

    def ai_orders(
        self, scripted: Mapping[str, Order] | None = None
    ) -> tuple[dict[str, Order], dict[str, doctrines.Memory]]:
        """Orders and new doctrine memories for every actor that is not human.

        Every AI doctrine runs (in scenario order, on one RNG stream) even when ``scripted`` gives
        its order, so memories and draws stay the same whether a round is played or replayed.
        """
        rnd = self.round + 1
        # in most rounds no doctrine draws, or only the greedy opportunist's coin on its bottom
        # rung, which it passes (streams.pass_draw): then no value of the stream is computed
        rng = _rng(self._rng_seed, rnd, "doctrine")
        outside: StreamRandom | None = None
        orders: dict[str, Order] = {}
        memories: dict[str, doctrines.Memory] = {}
        scripted = scripted or {}
        humans = self.settings.humans
        trembles = self._trembles
        # drawn twice for every trembling actor every round; the first draw decides whether its
        # hand trembles
        hand = _rng(self._rng_seed, rnd, "tremble") if trembles else None
        tau = self.rules.params.tremble
        deciding = [(a, d) for a, d in self._doctrines if a not in humans or a in scripted]
        seen_by = views(self.rules, self.state, [a for a, _ in deciding])
        for (actor, doctrine), seen in zip(deciding, seen_by):
            if isinstance(doctrine, doctrines.Doctrine):
                order, memory = doctrine.decide(seen, rng)
            else:  # an outside policy gets random.Random's methods, drawn from the same stream
                if outside is None:
                    outside = StreamRandom(rng)
                order, memory = _outside_decision(self.rules, doctrine, actor, rnd, seen, outside)
            if hand is not None and actor in trembles:
                # two draws for every trembling actor every round, whether scripted or not; the
                # hand trembles only when the first is below τ (doctrines.tremble)
                draw = hand.random()
                pick = hand.random()
                if draw < tau:
                    order = doctrines.tremble(seen, order, draw, pick)
            orders[actor] = scripted.get(actor, order) if scripted else order
            memories[actor] = memory
        return orders, memories

    def play_round(
        self, orders: Mapping[str, Order] | None = None, injected: Iterable[str] = (), scripted: bool = False
    ) -> RoundResult:
        """Resolve the next round.

        Args:
            orders: orders by actor: every human's, and optionally scripted orders for AI actors.
            injected: event-card ids a facilitator injects this round.
            scripted: internal (replaying a record).

        Raises:
            IllegalOrderError: a human order is missing or an order is illegal.
            GameOverError: the game is over.
        """
        if self.is_over:
            raise GameOverError("the game is over")
        given = dict(orders) if orders else {}
        for a in given:
            if a not in self.rules.actor_by_id:
                raise IllegalOrderError(
                    a, f"no such actor in this scenario (expected one of {', '.join(self.rules.actor_ids)})"
                )
        for h in self._humans:
            if h not in given:
                raise IllegalOrderError(h, "no order given for a human-played actor")
        ai, memories = self.ai_orders(given)
        all_orders: dict[str, Order] = {a: given[a] if a in given else ai[a] for a in self.rules.actor_ids}
        injected_t = tuple(injected)
        result = resolve_round(
            self.rules,
            self.state,
            all_orders,
            _rng(self._rng_seed, self.round + 1, "engine"),  # expectation mode never draws from it
            mode=self.mode,
            round_limit=self.round_limit,
            injected=injected_t,
            memory=memories,
            allow_after_outcome=self.settings.play_on,
            explain=self.explain,
        )
        self._rounds.append(_Round(result.orders, injected_t, result))
        return result

    def note_facilitator(self, kind: str, detail: str = "") -> None:
        """Log a facilitator action (``pause``, ``resume``, ``inject``, ``undo``, ``reveal``,
        ``end``) at the current round, in the record's ``facilitator`` list."""
        self.facilitator.append(
            FacilitatorAction(kind=kind, round=self.round, detail=detail, at=_utc_now())  # type: ignore[arg-type]
        )

    def undo(self, log: bool = False) -> RoundResult:
        """Drop the last round and return its result.

        Args:
            log: also log it as a facilitator ``undo`` (with the undone orders as JSON), so a
                classroom record shows it.

        Raises:
            IndexError: no round has been played.
        """
        if not self._rounds:
            raise IndexError("no round to undo")
        undone = self._rounds.pop()
        self.reasons.pop(undone.result.round, None)
        if log:
            import json

            orders = {a: o.to_dict() for a, o in undone.orders.items()}
            self.facilitator.append(
                FacilitatorAction(
                    kind="undo",
                    round=undone.result.round,
                    detail=json.dumps(orders, sort_keys=True),
                    at=_utc_now(),
                )
            )
        return undone.result

    def fork(self, at_round: int) -> Game:
        """A new game holding this game's first ``at_round`` rounds ("what if, from round N").

        Raises:
            ValueError: ``at_round`` is outside 0..rounds played.
        """
        if not 0 <= at_round <= self.round:
            raise ValueError(f"fork round must be in 0..{self.round}, got {at_round}")
        # rounds are determined by their orders, so the fork shares them instead of replaying them
        game = Game(self.scenario, self.settings, self.seed, stream_key=self.stream_key)
        game._rounds = self._rounds[:at_round]
        game.facilitator = list(self.facilitator)
        game.reasons = {r: dict(v) for r, v in self.reasons.items() if r <= at_round}
        game.title, game.description = self.title, self.description
        return game

    # --- perception products ------------------------------------------------------------------

    def news(self, round_: int | None = None) -> list[NewsItem]:
        """The news of a round (default: the last) as it is told: one item per act, a joint act
        (a combined drill, a treaty both sign, a meeting both order) once (:func:`stories`)."""
        return stories(self.rules, self.act_news(round_))

    def act_news(self, round_: int | None = None) -> list[NewsItem]:
        """One news item per actor's act of a round (default: the last), in actor order, built
        from its perception records (the makers of a joint act each have theirs)."""
        if not self._rounds:
            return []
        r = self._rounds[(round_ or self.round) - 1]
        if r.news is None:  # built once, when first shown
            r.news = news_items(self.rules, r.result)
        return list(r.news)

    def revelations(self, observer: str | None = None) -> list[Revelation]:
        """Misperceptions revealed so far (optionally only one observer's)."""
        return revelations(self.rules, self.results, self.round, observer)

    def preview(self, actor: str, order: Order, believed: bool = True) -> list[PreviewLine]:
        """How each other capital will probably read ``actor``'s ``order`` (no noise).

        With ``believed`` (the default, what a player may see) trust figures are ``actor``'s
        estimates of the others' trust in it; otherwise the true trust (debrief, tests).
        """
        return preview(self.rules, self.state, actor, order.instrument, order.target, believed)


def _utc_now() -> str:
    """The time now, UTC, to the second (the facilitator's log; never read by the engine)."""
    import datetime as dt

    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _model_note(source: str | Path, played_on: str, replayed: int, left_out: int, stop: str) -> str:
    """The one line telling the user that a record of another model is replayed on this one."""
    head = f"{source} was played on {played_on}; it is replayed on model {MODEL_VERSION} (docs/model.md)"
    if not left_out:
        return f"{head}, so events after the first changed outcome may differ"
    rounds = "round" if left_out == 1 else f"{left_out} rounds"
    return f"{head} up to round {replayed}{stop}, so its last recorded {rounds} cannot be shown"


def stale_checkpoints_message(game: Game) -> str:
    """Why ``game``'s record checkpoints are not checked ("" when they are)."""
    if not game.stale_checkpoints:
        return ""
    return (
        f"its {len(game.stale_checkpoints)} checkpoint(s) were recorded on model {game.recorded_model} "
        f"and are not checked against model {MODEL_VERSION} (docs/model.md)"
    )


def check(game: Game, checkpoints: Iterable[Checkpoint] | None = None) -> list[str]:
    """Check a replayed game against checkpoints. Returns failure messages, first failure first.

    A checkpoint for a round the game did not reach fails. Without ``checkpoints``, the game's
    own are checked; a record of another model version fails with one message saying its
    checkpoints were not checked (they hold for the model they were recorded on). Checkpoints
    passed explicitly are always checked.
    """
    failures = []
    if checkpoints is None and game.stale_checkpoints:
        failures.append(stale_checkpoints_message(game))
    states = game.states
    for k, cp in enumerate(game.checkpoints if checkpoints is None else checkpoints):
        where = f"checkpoints.{k} (after round {cp.after_round})"
        if cp.after_round >= len(states):
            failures.append(f"{where}: the game has only {len(states) - 1} rounds")
            continue
        st = states[cp.after_round]
        if cp.tension is not None and not cp.tension[0] <= st.tension <= cp.tension[1]:
            failures.append(f"{where}: tension {st.tension:.1f} not in [{cp.tension[0]}, {cp.tension[1]}]")
        if cp.outcome is not None:
            got = st.outcome.value if st.outcome else "none"
            if got != cp.outcome:
                failures.append(f"{where}: outcome {got!r}, expected {cp.outcome!r}")
        for tr in cp.trust:
            try:
                mu = st.trust(tr.observer, tr.subject)
            except KeyError:
                failures.append(f"{where}: unknown pair {tr.observer}>{tr.subject}")
                continue
            if not tr.range[0] <= mu <= tr.range[1]:
                failures.append(
                    f"{where}: trust {tr.observer}>{tr.subject} {mu:.3f} not in [{tr.range[0]}, {tr.range[1]}]"
                )
    return failures
