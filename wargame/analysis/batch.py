"""Batch runs for research: many all-AI games in fixed chunks, serially, on a process pool or on a
Dask cluster, with results handed back in game order (issue 15 item 6).

A :class:`Job` is a list of *cells* (each a set of doctrines, hidden types and scenario
overrides) × a run of seeds; game ``k`` is cell ``k // seeds`` at seed ``first_seed + k % seeds``.
The games are cut into chunks of :data:`CHUNK` games, a constant: not set by the number of
workers, so every way of running a job computes the same chunks and, written in game order, the
same bytes. At most a few chunks per worker are in flight, so memory stays bounded however many
games a job has; ctrl+c stops cleanly after the chunks already written (:class:`Stopped`).

This module needs no research dependency (the writers of :mod:`wargame.research.tidy` do); Dask
is imported only when a cluster address is given.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from wargame.engine.core import pair_outcomes
from wargame.engine.state import Outcome, RoundResult
from wargame.game import Game, batch_gc
from wargame.record.models import Settings
from wargame.scenario.load import LoadedScenario

CHUNK = 100
"""Games per chunk: fixed, whatever the number of workers (the same chunks everywhere)."""

IN_FLIGHT_PER_WORKER = 2
"""Chunks submitted ahead per worker: enough to keep each busy, few enough to bound memory."""

POLICY_ENTRY_POINTS = "wargame.policies"
"""Entry-point group of outside player policies (a trained baseline, a student's strategy)."""


class Stopped(Exception):
    """The run was stopped (ctrl+c); ``games`` finished games were handed on, in order."""

    def __init__(self, games: int) -> None:
        super().__init__(f"stopped after {games} games")
        self.games = games
        self.kept: list[Any] = []  # what a caller made of those games (simulate: their summaries)


@dataclass(frozen=True)
class Cell:
    """One cell of a design: what is fixed for the games of that cell.

    Attributes:
        labels: the columns that name the cell in the tidy data (``doctrine_a``, a swept path …).
        doctrines: actor → doctrine name, or an outside policy (see :func:`resolve_policy`).
        types: actor → hidden type fixed for these games (the others are drawn from the seed).
        overrides: scenario overrides (``--set``) for these games.
    """

    labels: tuple[tuple[str, Any], ...] = ()
    doctrines: tuple[tuple[str, str], ...] = ()
    types: tuple[tuple[str, str], ...] = ()
    overrides: tuple[tuple[str, Any], ...] = ()


@dataclass(frozen=True)
class Job:
    """A batch: cells × seeds on one scenario.

    Attributes:
        scenario: the loaded scenario (without the cells' overrides).
        cells: the design's cells, in order.
        seeds: games per cell; first_seed: the first seed of each cell's run.
        base: settings shared by every game (a cell adds its doctrines, types and overrides).
        series: also produce the per-round series (:func:`series_rows`; needs the tension terms).
        script: an order script (:class:`wargame.scripted.OrderScript`) for every game, or None.
    """

    scenario: LoadedScenario
    cells: tuple[Cell, ...]
    seeds: int
    first_seed: int = 0
    base: Settings = field(default_factory=Settings)
    series: bool = False
    script: Any = None

    @property
    def games(self) -> int:
        """Games in the job."""
        return len(self.cells) * self.seeds

    def chunks(self) -> list[tuple[int, int]]:
        """``(start, stop)`` game ranges of :data:`CHUNK` games (the last may be shorter)."""
        return [(s, min(s + CHUNK, self.games)) for s in range(0, self.games, CHUNK)]

    def settings(self, cell: Cell) -> Settings:
        """The settings of a cell's games (doctrine names only: outside policies are set on the game)."""
        from wargame.engine.doctrines import DOCTRINES

        b = self.base
        if not (cell.doctrines or cell.types or cell.overrides):
            return b
        named = {a: d for a, d in cell.doctrines if d in DOCTRINES}
        types = {**(b.hidden_types or {}), **dict(cell.types)}
        return b.model_copy(
            update={
                "doctrines": {**b.doctrines, **named},
                "hidden_types": types or None,
                "overrides": {**b.overrides, **dict(cell.overrides)},
            }
        )


def resolve_policy(spec: str) -> Any:
    """An outside player policy: ``module:attribute`` (an object with ``decide(view, rng)``
    returning ``(Order, memory)``, as the doctrines of :mod:`wargame.engine.doctrines`; a class or
    a function of no arguments is called to make one), or the name of an entry point in the
    :data:`POLICY_ENTRY_POINTS` group.

    Raises:
        InputError: it cannot be found or has no ``decide``.
    """
    import importlib
    from importlib.metadata import entry_points

    from wargame.errors import InputError

    target: Any = None
    if ":" in spec:
        module, _, attr = spec.partition(":")
        try:
            target = importlib.import_module(module)
            for part in attr.split("."):
                target = getattr(target, part)
        except (ImportError, AttributeError) as exc:
            hint = (
                "; is its folder on PYTHONPATH? (e.g. PYTHONPATH=. for a module in this folder)"
                if isinstance(exc, ModuleNotFoundError)
                else ""
            )
            raise InputError("command line", spec, f"cannot import this policy ({exc}){hint}") from None
    else:
        found = [ep for ep in entry_points(group=POLICY_ENTRY_POINTS) if ep.name == spec]
        if not found:
            raise InputError("command line", spec, "no such doctrine or installed policy")
        target = found[0].load()
    if isinstance(target, type) or (not hasattr(target, "decide") and callable(target)):
        try:
            target = target()
        except TypeError as exc:
            raise InputError("command line", spec, f"cannot make this policy ({exc})") from None
    if not callable(getattr(target, "decide", None)):
        raise InputError("command line", spec, "a policy needs a decide(view, rng) method")
    return target


def installed_policies() -> list[str]:
    """Names of the outside policies installed as entry points (:data:`POLICY_ENTRY_POINTS`)."""
    from importlib.metadata import entry_points

    return sorted(ep.name for ep in entry_points(group=POLICY_ENTRY_POINTS))


# --- one game -----------------------------------------------------------------------------------


def play(job: Job, cell: Cell, seed: int, policies: Mapping[str, Any]) -> Game:
    """Play one game of ``cell`` at ``seed`` to its end."""
    game = Game(job.scenario, job.settings(cell), seed)
    game.explain = job.series
    for actor, spec in cell.doctrines:
        if spec in policies:
            game.set_policy(actor, policies[spec])
    if job.script is not None:
        from wargame.scripted import play_scripted

        play_scripted(game, job.script)
    else:
        while not game.is_over:
            game.play_round()
    return game


def actor_scores(game: Game) -> dict[str, tuple[float, float]]:
    """Per actor: (mean Rivera escalation points of its acts per round, mean Goldstein weight of
    its acts per round), over the rounds played (docs/research.md)."""
    rules = game.rules
    inst = rules.instruments
    totals = {a: [0.0, 0.0] for a in rules.actor_ids}
    results = game.results
    for r in results:
        for act in r.acts:
            i = inst[act.instrument]
            t = totals[act.maker]
            t[0] += i.rivera_points
            t[1] += i.goldstein
    n = max(1, len(results))
    return {a: (t[0] / n, t[1] / n) for a, t in totals.items()}


def game_row(job: Job, index: int, cell: Cell, seed: int, game: Game) -> dict[str, Any]:
    """The tidy row of one game (docs/research.md lists the columns)."""
    st = game.state
    hist = st.tension_history[1:] or st.tension_history
    outcome = st.outcome or Outcome.STALEMATE
    row: dict[str, Any] = {"game": index, "cell": index // job.seeds, "seed": seed}
    row.update(cell.labels)
    principal = game.rules.principal_pairs
    pairs = pair_outcomes(game.rules, st) if principal else {}
    row.update(
        {
            "outcome": outcome.value,
            "outcome_round": st.outcome_round or st.round,
            "rounds": st.round,
            "peace": outcome.is_peace,
            "war": outcome.is_war,
            "armed_clash": bool(st.clash_rounds),
            "crisis": bool(st.crisis_rounds),
            "final_tension": st.tension,
            "mean_tension": sum(hist) / len(hist),
            "war_probability": st.war_probability,
            "escalation": sum(st.escalation_history) / max(1, len(st.escalation_history)),
            "principal_pairs": ";".join(
                f"{a}-{b}:{pairs[(a, b)].value}" for a, b in principal if (a, b) in pairs
            ),
        }
    )
    for a in game.rules.actor_ids:
        row[f"type_{a}"] = st.types[a]
    for a, (es, gs) in actor_scores(game).items():
        row[f"escalation_{a}"] = es
        row[f"goldstein_{a}"] = gs
    return row


def game_columns(job: Job) -> list[tuple[str, str]]:
    """(name, kind) of :func:`game_row`'s columns, kind one of int, float, str, bool."""
    cols = [("game", "int"), ("cell", "int"), ("seed", "int")]
    if job.cells:
        for name, value in job.cells[0].labels:
            cols.append((name, _kind(value)))
    cols += [
        ("outcome", "str"),
        ("outcome_round", "int"),
        ("rounds", "int"),
        ("peace", "bool"),
        ("war", "bool"),
        ("armed_clash", "bool"),
        ("crisis", "bool"),
        ("final_tension", "float"),
        ("mean_tension", "float"),
        ("war_probability", "float"),
        ("escalation", "float"),
        ("principal_pairs", "str"),
    ]
    ids = job.scenario.rules.actor_ids
    cols += [(f"type_{a}", "str") for a in ids]
    for a in ids:
        cols += [(f"escalation_{a}", "float"), (f"goldstein_{a}", "float")]
    return cols


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    return "str"


SERIES_COLUMNS: list[tuple[str, str]] = [
    ("game", "int"),
    ("cell", "int"),
    ("seed", "int"),
    ("round", "int"),
    ("actor", "str"),
    ("rival", "str"),
    ("type", "str"),
    ("ordered", "str"),
    ("instrument", "str"),
    ("target", "str"),
    ("need_met", "bool"),
    ("cameo", "str"),
    ("goldstein", "float"),
    ("rivera_class", "str"),
    ("escalation", "float"),
    ("mid_level", "int"),
    ("kahn_rung", "int"),
    ("capability", "float"),
    ("hostility", "float"),
    ("tension", "float"),
    ("tension_change", "float"),
    ("term_act", "float"),
    ("term_fade", "float"),
    ("term_event", "float"),
    ("term_fear", "float"),
    ("term_arms", "float"),
    ("term_floor", "float"),
    ("term_war", "float"),
    ("hazard", "float"),
    ("outcome", "str"),
    ("trust", "float"),
    ("trust_before", "float"),
    ("perceived", "str"),
    ("perceived_offense", "float"),
    ("evidence", "float"),
    ("misperceived", "bool"),
    ("pair_hostility", "float"),
]
"""The per-round series: one row per game × round × actor × rival (docs/research.md)."""


def series_rows(game: Game, index: int, cell_index: int) -> Iterator[tuple[Any, ...]]:
    """The per-round series of one game, as tuples in :data:`SERIES_COLUMNS` order (its tension
    terms need ``game.explain``)."""
    rules = game.rules
    inst = rules.instruments
    ids = rules.actor_ids
    before = game.initial.tension
    for r in game.results:
        yield from _round_rows(inst, ids, game.seed, r, before, index, cell_index)
        before = r.tension


def series_dicts(game: Game, index: int = 0, cell_index: int = 0) -> Iterator[dict[str, Any]]:
    """:func:`series_rows` as dicts by column name."""
    names = [c for c, _ in SERIES_COLUMNS]
    for row in series_rows(game, index, cell_index):
        yield dict(zip(names, row))


_NAN = math.nan


def _round_rows(
    inst: Any, ids: tuple[str, ...], seed: int, r: RoundResult, before: float, index: int, cell: int
) -> Iterator[tuple[Any, ...]]:
    st = r.state
    actor_terms: dict[tuple[str, str], float] = {}
    arms = floor = war = 0.0
    for t in r.tension_terms:
        if t.kind in ("act", "fade", "event", "fear") and t.actor is not None:
            actor_terms[(t.kind, t.actor)] = actor_terms.get((t.kind, t.actor), 0.0) + t.value
        elif t.kind == "war":
            war += t.value
        elif t.kind == "arms":
            arms += t.value
        else:  # a floor held or released (the force floor or an event card's), the 0-100 limits
            floor += t.value
    seen = {(p[1], p[2]): p for p in r.perception_rows}  # (observer, maker) → reading
    acts = {a.maker: a for a in r.acts}
    outcome = r.outcome.value if r.outcome else ""
    mu = st.mu
    pair_h = st.pair_hostility
    change = r.tension - before
    for actor in ids:
        act = acts[actor]
        i = inst[act.instrument]
        head = (
            index,
            cell,
            seed,
            r.round,
            actor,
        )
        body = (
            st.types[actor],
            act.ordered,
            act.instrument,
            act.target or "",
            act.need_met,
            i.cameo,
            i.goldstein,
            i.rivera,
            float(i.rivera_points),
            i.mid_level,
            i.kahn_rung,
            st.capability[actor],
            st.hostility[actor],
            r.tension,
            change,
            actor_terms.get(("act", actor), 0.0),
            actor_terms.get(("fade", actor), 0.0),
            actor_terms.get(("event", actor), 0.0),
            actor_terms.get(("fear", actor), 0.0),
            arms,
            floor,
            war,
            r.hazard,
            outcome,
        )
        for rival in ids:
            if rival == actor:
                continue
            trust = mu[(actor, rival)]
            p = seen.get((actor, rival))
            if p is not None:
                tail = (trust, p[9], p[5], p[6], p[8], p[5] != p[3], pair_h.get((actor, rival), 0.0))
            else:
                tail = (trust, trust, "", _NAN, 0.0, False, pair_h.get((actor, rival), 0.0))
            yield (*head, rival, *body, *tail)


# --- chunks -------------------------------------------------------------------------------------


@dataclass
class ChunkResult:
    """What one chunk produced: its range, the games' tidy rows (and series rows), in game order."""

    start: int
    stop: int
    rows: list[dict[str, Any]] = field(default_factory=list)
    series: list[tuple[Any, ...]] = field(default_factory=list)


_POLICIES: dict[str, Any] = {}


def run_chunk(job: Job, start: int, stop: int) -> ChunkResult:
    """Play games ``start`` … ``stop - 1`` of ``job`` (in a worker or in this process)."""
    from wargame.engine.doctrines import DOCTRINES

    out = ChunkResult(start, stop)
    with batch_gc():  # a game's rounds hold no cycles: no collector passes over them
        for k in range(start, stop):
            cell = job.cells[k // job.seeds]
            seed = job.first_seed + k % job.seeds
            for _, spec in cell.doctrines:
                if spec not in DOCTRINES and spec not in _POLICIES:
                    _POLICIES[spec] = resolve_policy(spec)
            game = play(job, cell, seed, _POLICIES)
            out.rows.append(game_row(job, k, cell, seed, game))
            if job.series:
                out.series.extend(series_rows(game, k, k // job.seeds))
    return out


_WORKER_JOB: dict[str, Job] = {}


def _init_pool(job: Job) -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # ctrl+c is the parent's to handle
    _WORKER_JOB["job"] = job


def _pool_chunk(start: int, stop: int) -> ChunkResult:
    return run_chunk(_WORKER_JOB["job"], start, stop)


def run(
    job: Job,
    consume: Callable[[ChunkResult], None],
    jobs: int = 1,
    dask: Any = None,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Run ``job``, handing each chunk's result to ``consume`` in game order.

    Args:
        jobs: worker processes on this machine (1: in this process).
        dask: a Dask scheduler address (``tcp://host:8786``) or a ``distributed.Client``.
        progress: called with the number of games of each chunk consumed.

    Returns:
        The number of games run.

    Raises:
        Stopped: on ctrl+c, after the chunks finished in order were consumed.
    """
    chunks = job.chunks()
    done = 0

    def take(result: ChunkResult) -> None:
        nonlocal done
        with _ctrl_c_held():  # a chunk is handed on whole (every file gets it) or not at all
            consume(result)
            done += result.stop - result.start
        if progress:
            progress(result.stop - result.start)

    try:
        if dask is not None:
            _run_dask(job, chunks, take, dask)
        elif jobs <= 1 or len(chunks) < 2:
            for start, stop in chunks:
                take(run_chunk(job, start, stop))
        else:
            _run_pool(job, chunks, take, jobs)
    except KeyboardInterrupt:
        raise Stopped(done) from None
    return done


@contextmanager
def _ctrl_c_held() -> Iterator[None]:
    """Hold a ctrl+c (SIGINT) that arrives inside the block until the block has finished, then
    raise it: the block is not cut half-way (a chunk written to one file and not the next)."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        if callable(previous):
            previous(signal.SIGINT, None)
        elif previous != signal.SIG_IGN:
            raise KeyboardInterrupt


def _run_pool(
    job: Job, chunks: list[tuple[int, int]], take: Callable[[ChunkResult], None], jobs: int
) -> None:
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init_pool, initargs=(job,))
    try:
        _in_order(chunks, lambda c: pool.submit(_pool_chunk, *c), take, jobs * IN_FLIGHT_PER_WORKER)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _run_dask(
    job: Job, chunks: list[tuple[int, int]], take: Callable[[ChunkResult], None], dask: Any
) -> None:
    from distributed import Client

    if isinstance(dask, Client):
        client = dask
    else:
        from wargame.errors import InputError

        try:
            client = Client(dask)  # type: ignore[no-untyped-call]  # distributed is untyped
        except (OSError, ValueError, TypeError) as exc:
            raise InputError(
                "command line", f"--dask {dask}", f"cannot reach the Dask scheduler ({exc})"
            ) from None
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        shared = client.scatter(job, broadcast=True)  # type: ignore[no-untyped-call]
        _in_order(
            chunks,
            lambda c: client.submit(run_chunk, shared, *c, pure=False),
            take,
            workers * IN_FLIGHT_PER_WORKER,
        )
    finally:
        if client is not dask:
            client.close()  # type: ignore[no-untyped-call]


def _in_order(
    chunks: list[tuple[int, int]],
    submit: Callable[[tuple[int, int]], Any],
    take: Callable[[ChunkResult], None],
    window: int,
) -> None:
    """Keep ``window`` chunks in flight and take their results in chunk order (bounded memory)."""
    pending: deque[Any] = deque()
    it = iter(chunks)
    try:
        for c in it:
            pending.append(submit(c))
            if len(pending) >= window:
                break
        while pending:
            result = pending.popleft().result()
            nxt = next(it, None)
            if nxt is not None:
                pending.append(submit(nxt))
            take(result)
    finally:
        for f in pending:
            f.cancel()
