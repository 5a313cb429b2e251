"""Does the player's choice decide the crisis? The agency matrix (docs/model.md §10).

For a scenario and a *side* (an actor in one of its principal pairs), the side is played by each
player doctrine against the scenario's AIs over many seeds, the hidden types drawn from the
scenario's priors as in a real game. Each game is classed by its headline result:

* ``peace``: every principal pair at treaty or détente (the game ends in peace);
* ``war``: war, chosen or from the hazard;
* ``clash``: no war or peace, but an armed clash (an act of MID level 4) in a principal pair;
* ``stalemate``: none of these by the round limit.

Peace is also split by the side's principal rivals' hidden types (all security seekers vs at
least one greedy), which is what the security dilemma says peace must depend on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from wargame.engine.doctrines import DOCTRINES
from wargame.engine.rules import SECURITY_SEEKER
from wargame.game import Game
from wargame.record.models import Settings
from wargame.scenario.load import LoadedScenario

#: The doctrines a player can choose (the tests-only controls are left out).
PLAYER_DOCTRINES: tuple[str, ...] = tuple(n for n, d in DOCTRINES.items() if not d.classifier.tests_only)
RESULTS = ("peace", "war", "clash", "stalemate")


@dataclass
class Cell:
    """One (side, doctrine) cell: counts of results over seeds, split by the rivals' types.

    Attributes:
        games: games played; counts: result → games.
        by_type: "security_seeker" / "greedy" (the side's principal rivals: all security
            seekers, or at least one greedy) → [games, peace games].
    """

    games: int = 0
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(RESULTS, 0))
    by_type: dict[str, list[int]] = field(
        default_factory=lambda: {"security_seeker": [0, 0], "greedy": [0, 0]}
    )

    def rate(self, result: str) -> float:
        """Share of games in [0, 1] with that result."""
        return self.counts[result] / self.games if self.games else 0.0

    def peace_given(self, rivals: str) -> float | None:
        """Peace rate when the principal rivals are all security seekers / not; None if no game."""
        games, peace = self.by_type[rivals]
        return peace / games if games else None


def classify(game: Game) -> str:
    """The headline result of a finished game: peace, war, clash or stalemate."""
    st = game.state
    if st.outcome is not None and st.outcome.is_war:
        return "war"
    if st.outcome is not None and st.outcome.is_peace:
        return "peace"
    if any(pair in st.clash_pairs for pair in game.rules.principal_pairs):
        return "clash"
    return "stalemate"


def sides(scenario: LoadedScenario) -> tuple[str, ...]:
    """The actors in the scenario's principal pairs, in actor order."""
    rules = scenario.rules
    named = {a for pair in rules.principal_pairs for a in pair}
    return tuple(a for a in rules.actor_ids if a in named)


def play_cell(
    scenario: LoadedScenario,
    side: str,
    doctrine: str,
    seeds: Iterable[int],
    hidden_types: dict[str, str] | None = None,
    on_game: Callable[[Game], None] | None = None,
) -> Cell:
    """Play ``side`` with ``doctrine`` against the scenario's AIs, one stochastic game per seed.

    ``on_game`` is shown each finished game (``wargame lint`` reads more of it than the cell keeps).
    """
    rules = scenario.rules
    rivals = {b if a == side else a for a, b in rules.principal_pairs if side in (a, b)}
    cell = Cell()
    settings = Settings.model_validate({"doctrines": {side: doctrine}, "hidden_types": hidden_types})
    for seed in seeds:
        game = Game(scenario, settings, seed)
        game.explain = False
        while not game.is_over:
            game.play_round()
        if on_game is not None:
            on_game(game)
        result = classify(game)
        cell.games += 1
        cell.counts[result] += 1
        kind = "security_seeker" if all(game.state.types[r] == SECURITY_SEEKER for r in rivals) else "greedy"
        cell.by_type[kind][0] += 1
        cell.by_type[kind][1] += result == "peace"
    return cell


def matrix(scenario: LoadedScenario, seeds: Iterable[int], side: str) -> dict[str, Cell]:
    """Doctrine → :class:`Cell` for one side."""
    seeds = list(seeds)
    return {d: play_cell(scenario, side, d, seeds) for d in PLAYER_DOCTRINES}
