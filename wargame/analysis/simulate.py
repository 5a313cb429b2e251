"""Batch simulation: AI for every actor over many seeds, with per-seed summaries and outcome rates."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from wargame.engine.state import Outcome
from wargame.game import Game, batch_gc
from wargame.record.models import Settings
from wargame.scenario.load import LoadedScenario

if TYPE_CHECKING:
    from wargame.scripted import OrderScript


@dataclass(frozen=True)
class SeedSummary:
    """One simulated game.

    Attributes:
        seed: its seed.
        outcome: outcome id (see :class:`~wargame.engine.state.Outcome`).
        outcome_round: the round it was reached.
        final_tension, mean_tension: tension after the last round and its mean over the rounds (0-100).
        mean_escalation: mean Rivera escalation score per round.
        war_probability: cumulative inadvertent-war probability 1 − Π(1 − p_t), in [0, 1].
        crisis: whether tension reached the crisis level; armed_clash: whether any act was MID 4.
        types: the hidden types drawn.
    """

    seed: int
    outcome: str
    outcome_round: int
    final_tension: float
    mean_tension: float
    mean_escalation: float
    war_probability: float
    crisis: bool
    armed_clash: bool
    types: dict[str, str]


def simulate_one(
    scenario: LoadedScenario, settings: Settings, seed: int, script: OrderScript | None = None
) -> SeedSummary:
    """Play one game to its end and summarise it: every actor by its AI, but for the orders an
    order script gives (:mod:`wargame.scripted`).

    Raises:
        InputError: a scripted order the game refuses (naming the script's round and actor).
    """
    game = Game(scenario, settings, seed)
    game.explain = False
    if script is None:
        while not game.is_over:
            game.play_round()
    else:
        from wargame.scripted import play_scripted

        play_scripted(game, script)
    st = game.state
    hist = st.tension_history[1:] or st.tension_history
    outcome = st.outcome or Outcome.STALEMATE
    return SeedSummary(
        seed=seed,
        outcome=outcome.value,
        outcome_round=st.outcome_round or st.round,
        final_tension=round(st.tension, 4),
        mean_tension=round(sum(hist) / len(hist), 4),
        mean_escalation=round(sum(st.escalation_history) / max(1, len(st.escalation_history)), 4),
        war_probability=round(st.war_probability, 6),
        crisis=bool(st.crisis_rounds),
        armed_clash=bool(st.clash_rounds),
        types=dict(st.types),
    )


def simulate(
    scenario: LoadedScenario,
    settings: Settings,
    seeds: list[int],
    jobs: int = 1,
    progress: Any = None,
    script: OrderScript | None = None,
    dask: Any = None,
    series: Any = None,
) -> list[SeedSummary]:
    """Simulate one game per seed; results are in seed order and identical for any ``jobs``.

    Runs on :mod:`wargame.analysis.batch` (fixed chunks; a process pool or a Dask cluster).

    Args:
        seeds: consecutive seeds (a run of seeds; anything else is played one by one here).
        jobs: worker processes (1: in this process).
        progress: optional callable advanced by the number of games finished.
        script: scripted orders for some actors (the AI plays the rest), the same in every game.
        dask: a Dask scheduler address or client (see :func:`wargame.analysis.batch.run`).
        series: optional callable given each chunk's per-round series rows, in game order
            (:data:`wargame.analysis.batch.SERIES_COLUMNS`).

    Raises:
        wargame.analysis.batch.Stopped: ctrl+c; the games before it were handed on (their
            summaries in its ``kept``).
    """
    from wargame.analysis.batch import Cell, Job, run

    if not seeds:
        return []
    if seeds != list(range(seeds[0], seeds[0] + len(seeds))) and series is None:
        out = []
        with batch_gc():
            for s in seeds:
                out.append(simulate_one(scenario, settings, s, script))
                if progress:
                    progress(1)
        return out
    if seeds != list(range(seeds[0], seeds[0] + len(seeds))):
        raise ValueError("a series needs consecutive seeds")
    job = Job(
        scenario, (Cell(),), len(seeds), seeds[0], base=settings, series=series is not None, script=script
    )
    summaries: list[SeedSummary] = []
    ids = scenario.rules.actor_ids

    def keep(chunk: Any) -> None:
        if series is not None:
            series(chunk.series)
        for row in chunk.rows:
            summaries.append(
                SeedSummary(
                    seed=row["seed"],
                    outcome=row["outcome"],
                    outcome_round=row["outcome_round"],
                    final_tension=round(row["final_tension"], 4),
                    mean_tension=round(row["mean_tension"], 4),
                    mean_escalation=round(row["escalation"], 4),
                    war_probability=round(row["war_probability"], 6),
                    crisis=row["crisis"],
                    armed_clash=row["armed_clash"],
                    types={a: row[f"type_{a}"] for a in ids},
                )
            )

    from wargame.analysis.batch import Stopped

    try:
        run(job, keep, jobs=jobs, dask=dask, progress=progress)
    except Stopped as exc:
        exc.kept = summaries  # the games handed on before ctrl+c, in seed order
        raise
    return summaries


def rates(summaries: list[SeedSummary]) -> dict[str, Any]:
    """Outcome rates and means over seeds: shares in [0, 1], tensions 0-100.

    Raises:
        ValueError: no games (a rate over none is undefined; callers stop before, e.g. on ctrl+c).
    """
    n = len(summaries)
    if n == 0:
        raise ValueError("no games to summarise")
    counts = Counter(s.outcome for s in summaries)
    return {
        "games": n,
        "outcomes": {o.value: counts.get(o.value, 0) / n for o in Outcome},
        "war": sum(1 for s in summaries if s.outcome.startswith("war")) / n,
        "peace": sum(1 for s in summaries if s.outcome.startswith("peace")) / n,
        "crisis": sum(s.crisis for s in summaries) / n,
        "armed_clash": sum(s.armed_clash for s in summaries) / n,
        "mean_final_tension": sum(s.final_tension for s in summaries) / n,
        "mean_tension": sum(s.mean_tension for s in summaries) / n,
        "mean_escalation": sum(s.mean_escalation for s in summaries) / n,
        "mean_war_probability": sum(s.war_probability for s in summaries) / n,
    }


def to_json(summaries: list[SeedSummary]) -> dict[str, Any]:
    """``{"seeds": [...], "rates": {...}}``."""
    return {
        "seeds": [asdict(s) for s in summaries],
        "rates": {k: (round(v, 6) if isinstance(v, float) else v) for k, v in rates(summaries).items()},
    }
