"""The trembling hand (docs/model.md §4): an AI state whose doctrine follows from its hidden type
departs from it with probability τ a round, to talk, the defensive posture or a hold; doctrines
someone chose (``--policy``, a player's doctrine) and expectation-mode runs never tremble."""

from __future__ import annotations

import dataclasses

from wargame.engine import doctrines
from wargame.engine.state import Order
from wargame.engine.views import view
from wargame.game import Game, Settings
from wargame.scenario.load import LoadedScenario, load

SEEDS = range(40)


def _korea(tremble: float) -> LoadedScenario:
    base = load("korea-2022")
    return dataclasses.replace(base, rules=base.rules.retune(tremble=tremble))


def _acts(scenario: LoadedScenario, seed: int, **settings: object) -> list[dict[str, Order]]:
    game = Game(scenario, Settings.model_validate({"rounds": 12, **settings}), seed=seed)
    while not game.is_over:
        game.play_round()
    return [dict(r.orders) for r in game.results]


def test_type_driven_ais_depart_from_their_doctrine_at_about_the_rate_tau() -> None:
    """Over 40 seeds, the share of AI orders that differ from the same game without trembles
    (compared round by round while the two histories agree) is near τ = 0.1, and every
    departure is to one of the common moves."""
    steady, shaky = _korea(0.0), _korea(0.1)
    common = {a.id: {a.roles.talk, a.roles.defensive, a.roles.hold} for a in shaky.rules.actors}
    compared = departed = 0
    for seed in SEEDS:
        for calm, shaken in zip(_acts(steady, seed), _acts(shaky, seed)):
            for actor, order in shaken.items():
                compared += 1
                if order != calm[actor]:
                    departed += 1
                    assert order.instrument in common[actor], (seed, actor, order)
            if calm != shaken:
                break  # the histories part: later rounds are not comparable
    # a tremble to the doctrine's own choice changes nothing, so departures run a little under τ
    assert compared > 300 and 0.03 < departed / compared < 0.13, (departed, compared)


def test_chosen_doctrines_and_expectation_mode_never_tremble() -> None:
    steady, shaky = _korea(0.0), _korea(1.0)
    policies = {"DPRK": "hawk", "ROK": "grit", "USA": "tit_for_tat", "JPN": "dove", "PRC": "grim"}
    for seed in range(5):
        assert _acts(steady, seed, doctrines=policies) == _acts(shaky, seed, doctrines=policies)
        assert _acts(steady, seed, mode="expectation") == _acts(shaky, seed, mode="expectation")


def test_a_treaty_signing_is_never_replaced() -> None:
    rules = load("korea-2022").rules.retune(tremble=1.0)
    game = Game.new("korea-2022", seed=1)
    treaty = next(i for i in rules.instruments.values() if i.needs.value == "counterpart")
    signer = next(a for a in rules.actor_ids if rules.usable(a, treaty.id))
    partner = next(a for a in rules.actor_ids if a != signer and rules.usable(a, treaty.id))
    seen = view(rules, game.state, signer)
    order = Order(treaty.id, partner)
    for draw in (0.0, 0.5, 0.99):
        assert doctrines.tremble(seen, order, 0.0, draw) == order
    # any other order trembles at τ = 1 to a common move aimed at the same target
    roles = rules.actor_by_id[signer].roles
    posture = Order(roles.hawk_ladder[-1], partner)
    shaken = doctrines.tremble(seen, posture, 0.0, 0.5)
    assert shaken.instrument in {roles.talk, roles.defensive, roles.hold}
    assert shaken.target in (partner, None)
