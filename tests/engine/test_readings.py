"""How an AI actor reads its rivals' last acts, and the views a round builds for its AI actors.

docs/model.md §4: an act aimed at the actor, at an aligned partner (an alliance shares threats
and reassurance alike) or at no one counts as is; an act aimed elsewhere reads as a hold. The
greedy opportunist reads strictly: a concession counts only when aimed at itself. Korea 2022:
the US is allied with the ROK and Japan, the ROK and Japan are aligned, the PRC and the DPRK are
aligned.
"""

from __future__ import annotations

import pytest

from tests.helpers import KOREA
from wargame.engine.doctrines import reading
from wargame.engine.rules import logodds_of
from wargame.engine.state import State
from wargame.engine.views import view, views
from wargame.game import Game
from wargame.scenario.load import load


@pytest.fixture(scope="module")
def game() -> Game:
    return Game.new(load(KOREA), seed=4, mode="stochastic")


def with_last_act(state: State, observer: str, maker: str, instrument: str, target: str | None) -> State:
    """``state`` where ``observer`` saw ``maker``'s last act as ``instrument`` aimed at ``target``."""
    return state.with_changes(
        last_perceived={**state.last_perceived, (observer, maker): instrument},
        last_target={**state.last_target, maker: target},
    )


@pytest.mark.parametrize(
    ("target", "plain", "strict"),
    [
        ("ROK", "sanctions_relief", "sanctions_relief"),  # at the reader itself
        (None, "sanctions_relief", "sanctions_relief"),  # at no one in particular
        ("USA", "sanctions_relief", "hold"),  # at an ally: shared, but not the reader's to exploit
        ("JPN", "sanctions_relief", "hold"),  # at an aligned partner, likewise
    ],
)
def test_a_concession_reads_from_the_readers_side(
    game: Game, target: str | None, plain: str, strict: str
) -> None:
    st = with_last_act(game.state, "ROK", "DPRK", "sanctions_relief", target)
    seen = view(game.rules, st, "ROK")
    assert reading(seen, "DPRK") == game.rules.instruments[plain]
    assert reading(seen, "DPRK", strict=True) == game.rules.instruments[strict]


@pytest.mark.parametrize(
    ("target", "threatened"), [("ROK", True), ("USA", True), (None, True), ("PRC", False)]
)
def test_a_threat_counts_when_aimed_at_the_reader_or_a_partner(
    game: Game, target: str | None, threatened: bool
) -> None:
    rules = game.rules
    st = with_last_act(game.state, "ROK", "DPRK", "missile_test", target)
    seen = view(rules, st, "ROK")
    expected = rules.instruments["missile_test" if threatened else "hold"]
    assert reading(seen, "DPRK") == reading(seen, "DPRK", strict=True) == expected
    assert seen.threat_from("DPRK") == (rules.threat_of["missile_test"] if threatened else 0.0)


def test_the_pressing_rival_is_the_most_threatening_then_the_least_trusted(game: Game) -> None:
    rules = game.rules
    assert rules.watch["DPRK"] == ("ROK", "USA", "JPN")
    st = game.state
    trust = {("DPRK", "ROK"): 0.2, ("DPRK", "USA"): 0.1, ("DPRK", "JPN"): 0.3}
    calm = st.with_changes(
        logodds={**st.logodds, **{pair: logodds_of(t) for pair, t in trust.items()}},
        last_perceived={**st.last_perceived, **{pair: "talk" for pair in trust}},
    )
    least = "USA"  # no threat: the least trusted
    assert view(rules, calm, "DPRK").pressing() == least
    # a threat aimed at the DPRK's partner (the PRC) presses; one aimed at the ROK's ally does not
    # concern the DPRK, so it reads as a hold
    at_partner = with_last_act(calm, "DPRK", "JPN", "missile_test", "PRC")
    assert view(rules, at_partner, "DPRK").pressing() == "JPN"
    elsewhere = with_last_act(calm, "DPRK", "JPN", "missile_test", "USA")
    assert view(rules, elsewhere, "DPRK").pressing() == least


def test_views_hold_each_actors_facts_and_the_proposals_made_to_it(game: Game) -> None:
    rules = game.rules
    treaty = "sign_peace_treaty"
    st = game.state.with_changes(
        proposals={("USA", "DPRK"): treaty, ("ROK", "DPRK"): treaty, ("DPRK", "USA"): treaty},
        memory={**game.state.memory, "PRC": {"rung": 2}},
    )
    actors = ["PRC", "DPRK", "USA", "JPN"]  # any subset, in any order
    built = views(rules, st, actors)
    assert [v.actor for v in built] == actors
    for v in built:
        assert v.trust == {o: st.trust(v.actor, o) for o in rules.actor_ids if o != v.actor}
        assert v.last_perceived == {
            o: st.last_perceived[(v.actor, o)] for o in rules.actor_ids if o != v.actor
        }
        assert v.memory == st.memory[v.actor]
        assert v.readings == ()
        assert v == view(rules, st, v.actor)
    by_actor = {v.actor: v for v in built}
    assert by_actor["DPRK"].proposals_to_me == {"USA": treaty, "ROK": treaty}
    assert by_actor["USA"].proposals_to_me == {"DPRK": treaty}
    assert by_actor["PRC"].proposals_to_me == by_actor["JPN"].proposals_to_me == {}
    assert by_actor["PRC"].memory == {"rung": 2}
