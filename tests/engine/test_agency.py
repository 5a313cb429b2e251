"""Issue 11: the agency matrix (``python bench/agency.py``; docs/model.md §10).

Each side in a scenario's principal pairs is played by each player doctrine against the
scenario's AIs over 30 seeds (hidden types drawn from the priors, as in a real game). Choices
decide the crisis when, for a side: some doctrine reaches peace (treaty or détente) in ≥ 30% of
games; some doctrine leads to war or an armed clash in ≥ 50%; peace depends on the hidden types
(the best peace doctrine's peace rate is ≥ 30 points lower when the side's principal rivals are
greedy than when they are security seekers); and at least four doctrines end the game
decisively (stalemate in no more than half the games).

Korea 2022, Pulwama–Balakot 2019 and the test bed (dyad-testbed) meet all four for every principal
side. Cuba 1962 meets
them on some side each; Able Archer 1983 falls short of the decisive count (strict xfail: see
docs/model.md §11).
"""

from __future__ import annotations

from functools import cache

import pytest

from wargame.analysis.agency import PLAYER_DOCTRINES, Cell, matrix, sides
from wargame.scenario.load import load
from wargame.scenario.paths import bundled

SEEDS = range(30)
EVERY_SIDE = ("korea-2022", "pulwama-balakot-2019", "dyad-testbed")


@cache
def cells(scenario: str) -> dict[str, dict[str, Cell]]:
    sc = load(scenario)
    return {side: matrix(sc, SEEDS, side) for side in sides(sc)}


def peace_ok(row: dict[str, Cell]) -> bool:
    best = max(row.values(), key=lambda c: c.rate("peace"))
    ss, greedy = best.peace_given("security_seeker"), best.peace_given("greedy")
    return best.rate("peace") >= 0.30 and ss is not None and greedy is not None and ss - greedy >= 0.30


def force_ok(row: dict[str, Cell]) -> bool:
    return max(c.rate("war") + c.rate("clash") for c in row.values()) >= 0.5


def decisive(row: dict[str, Cell]) -> int:
    return sum(c.rate("stalemate") <= 0.5 for c in row.values())


def test_player_doctrines_exclude_controls() -> None:
    assert "costly_reassurance" in PLAYER_DOCTRINES and "grit" in PLAYER_DOCTRINES
    assert "all_defect" not in PLAYER_DOCTRINES and len(PLAYER_DOCTRINES) == 8


@pytest.mark.parametrize("scenario", EVERY_SIDE)
def test_every_principal_side_decides_its_crisis(scenario: str) -> None:
    for side, row in cells(scenario).items():
        assert peace_ok(row), side
        assert force_ok(row), side
        assert decisive(row) >= 4, side


@pytest.mark.parametrize("scenario", sorted(bundled()))
def test_some_side_reaches_peace_that_depends_on_the_types(scenario: str) -> None:
    assert any(peace_ok(row) for row in cells(scenario).values())


@pytest.mark.parametrize("scenario", sorted(bundled()))
def test_every_side_can_bring_war_or_clash(scenario: str) -> None:
    for side, row in cells(scenario).items():
        assert force_ok(row), side


@pytest.mark.parametrize(
    "scenario",
    [
        pytest.param(
            s,
            marks=pytest.mark.xfail(
                strict=True,
                reason="Able Archer 1983: a 16-week crisis in which the reciprocating doctrines "
                "(TFT, GTFT, Bayesian, greedy) end in stalemate, as the real crisis did; open gap "
                "of issue 11, see docs/model.md §11",
            ),
        )
        if s == "able-archer-1983"
        else s
        for s in sorted(bundled())
    ],
)
def test_most_doctrines_decide_the_game_on_some_side(scenario: str) -> None:
    assert max(decisive(row) for row in cells(scenario).values()) >= 4
