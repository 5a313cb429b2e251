"""A challenge to play for: score a scenario's goals (``[[goals]]``, docs/scenarios.md) from a game.

:func:`evaluate` is pure: it reads the game's states (derived from its record by the engine) and
returns where a goal stands: ``met`` (and in which round), ``missed`` (it can no longer be met) or
``open`` (the game may still meet it), with one line saying how. The setup screen shows
:func:`goal_text`; the game tells the player when a goal is met or missed; the debrief scores every
goal of the player's side (a section of :mod:`wargame.analysis.debrief`).

>>> from wargame.game import Game
>>> from wargame.scenario.models import NoWarGoal
>>> game = Game.new("korea-2022", seed=1, humans=["ROK"], rounds=4)
>>> evaluate(NoWarGoal(id="calm", title="Calm", kind="no_war"), game).status
'open'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from wargame.analysis.vocab import round_unit
from wargame.game import Game
from wargame.scenario.models import (
    GoalModel,
    NoWarGoal,
    PeaceGoal,
    TensionGoal,
    TreatyGoal,
    TrustGoal,
)

GoalStatus = Literal["met", "missed", "open"]
STATUS_WORDS: dict[str, str] = {"met": "MET", "missed": "missed", "open": "not yet"}
"""How a status is shown (a word, never a colour alone)."""


@dataclass(frozen=True, slots=True)
class GoalResult:
    """Where one goal stands.

    Attributes:
        id, title: the goal's; text: the challenge in words (:func:`goal_text`).
        status: ``met``, ``missed`` or ``open``.
        detail: one line: how it was met or missed, or how far it is.
        round: the round it was met or missed (None while open).
    """

    id: str
    title: str
    text: str
    status: GoalStatus
    detail: str
    round: int | None = None


def goals_for(game_or_goals: Game | Sequence[GoalModel], side: str) -> list[GoalModel]:
    """The goals offered to ``side`` (those naming it, and those naming no side)."""
    goals = game_or_goals.scenario.model.goals if isinstance(game_or_goals, Game) else game_or_goals
    return [g for g in goals if not g.sides or side in g.sides]


def goal_text(goal: GoalModel, unit: str = "week", names: dict[str, str] | None = None) -> str:
    """The challenge in words: the goal's own ``text``, else a sentence made from its fields
    (``names``: actor id → the name as running text uses it, "the US")."""
    if goal.text:
        return goal.text
    names = names or {}
    by = f" by {unit} {goal.by}" if goal.by else ""
    if isinstance(goal, TensionGoal):
        return f"Keep tension under {goal.below:g} for {goal.rounds} {unit}s in a row{by}."
    if isinstance(goal, TreatyGoal):
        who = (
            f" between {names.get(goal.pair[0], goal.pair[0])} and {names.get(goal.pair[1], goal.pair[1])}"
            if goal.pair
            else ""
        )
        return f"Get a treaty signed{who}{by}."
    if isinstance(goal, PeaceGoal):
        return f"End the crisis in peace (a treaty or a lasting détente){by}."
    if isinstance(goal, NoWarGoal):
        return f"Avoid war{by or ' to the end'}."
    observer = names.get(goal.observer, goal.observer)
    subject = names.get(goal.subject, goal.subject)
    when = by or " at the end"
    return f"Have {observer} trust {subject} at least {goal.at_least:.2f}{when}."


def evaluate(goal: GoalModel, game: Game) -> GoalResult:
    """Where ``goal`` stands in ``game`` (see the module's docstring). Pure."""
    unit = round_unit(game.rules)
    text = goal_text(goal, unit, {a.id: a.in_text for a in game.rules.actors})
    played = game.round
    limit = game.round_limit
    deadline = min(goal.by or limit, limit)
    over = game.is_over
    closed = over or played >= deadline  # no round left in which it could be met
    last = min(played, deadline)  # the last round that counts

    def result(status: GoalStatus, detail: str, round_: int | None = None) -> GoalResult:
        return GoalResult(goal.id, goal.title, text, status, detail, round_)

    if isinstance(goal, TensionGoal):
        after = game.state.tension_history[1 : last + 1]  # the meter after each round
        streak = best = 0
        for k, t in enumerate(after, start=1):
            streak = streak + 1 if t < goal.below else 0
            best = max(best, streak)
            if streak >= goal.rounds:
                return result(
                    "met",
                    f"under {goal.below:g} from {unit} {k - goal.rounds + 1} to {unit} {k}",
                    k,
                )
        left = 0 if over else max(0, deadline - played)
        if closed or streak + left < goal.rounds:
            ended = f"; the game ended in {unit} {played}" if over and played < deadline else ""
            return result(
                "missed",
                f"longest run under {goal.below:g}: {best} {unit}(s) of {goal.rounds}{ended}",
                min(played, deadline),
            )
        return result("open", f"{streak} of {goal.rounds} {unit}s in a row so far (best {best})")

    if isinstance(goal, TreatyGoal):
        want = frozenset(goal.pair) if goal.pair else None
        for k, st in enumerate(game.states[1 : last + 1], start=1):
            for pair in st.treaties:
                if want is None or frozenset(pair) == want:
                    return result("met", f"{' and '.join(pair)} signed in {unit} {k}", k)
        if closed:
            return result("missed", f"no treaty signed by {unit} {last}", last)
        return result("open", f"no treaty yet; {deadline - played} {unit}(s) left")

    outcome, when = game.state.outcome, game.state.outcome_round
    if isinstance(goal, PeaceGoal):
        if outcome is not None and outcome.is_peace and when is not None and when <= deadline:
            return result("met", f"{outcome.value.replace('_', ' ')} in {unit} {when}", when)
        if closed or (outcome is not None and when is not None and when <= deadline):
            how = outcome.value.replace("_", " ") if outcome is not None else f"no peace by {unit} {last}"
            return result("missed", how, last)
        return result("open", f"no peace yet; {deadline - played} {unit}(s) left")

    if isinstance(goal, NoWarGoal):
        if outcome is not None and outcome.is_war and when is not None and when <= deadline:
            return result("missed", f"{outcome.value.replace('_', ' ')} in {unit} {when}", when)
        if closed:
            return result("met", f"no war in {last} {unit}(s)", last)
        return result("open", f"no war so far; {deadline - played} {unit}(s) to go")

    assert isinstance(goal, TrustGoal)
    trust = game.states[last].trust(goal.observer, goal.subject)
    if closed:
        status: GoalStatus = "met" if trust >= goal.at_least else "missed"
        return result(
            status, f"{goal.observer}'s trust in {goal.subject}: {trust:.2f} in {unit} {last}", last
        )
    return result("open", f"{goal.observer}'s trust in {goal.subject} now {trust:.2f}")


def evaluate_all(game: Game, side: str) -> list[GoalResult]:
    """Every goal offered to ``side``, scored."""
    return [evaluate(g, game) for g in goals_for(game, side)]


def changes(before: Sequence[GoalResult], after: Sequence[GoalResult]) -> list[GoalResult]:
    """The goals whose status changed from ``before`` to ``after`` (to tell the player)."""
    was = {r.id: r.status for r in before}
    return [r for r in after if was.get(r.id) != r.status]


def debrief_section(game: Game, sides: tuple[str, ...]) -> Section | None:
    """The debrief's Goals section: each goal of each human side the debrief takes, scored."""
    rows: list[tuple[str, ...]] = []
    lines: list[str] = []
    humans = [s for s in sides if s in game.humans]
    for side in humans:
        for r in evaluate_all(game, side):
            who = f"{side}: " if len(humans) > 1 else ""
            rows.append((f"{who}{r.title}", STATUS_WORDS[r.status], r.detail))
            lines.append(f"{who}{r.title}: {r.text}")
    if not rows:
        return None
    met = sum(row[1] == STATUS_WORDS["met"] for row in rows)
    head = f"Goals: {met} of {len(rows)} met"
    return Section(head, tuple(lines), ("Goal", "Result", "How"), tuple(rows))


from wargame.analysis.debrief import Section, section  # noqa: E402  (debrief imports this module last)

section(debrief_section)
