"""One list of doctrines: the engine's registry (issue 16).

Defining a :class:`~wargame.engine.doctrines.Doctrine` subclass with a ``name`` registers it; the
scenario and record formats validate doctrine names against that registry and their JSON Schema
lists it, so there is no second list to keep in step.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

import pydantic
import pytest

from tests.helpers import DYAD
from wargame.engine import doctrines
from wargame.engine.doctrines import DOCTRINES, Classifier, Doctrine, Memory
from wargame.engine.rules import Instrument, Roles
from wargame.engine.views import View
from wargame.record.models import Settings
from wargame.scenario import load as scenario_load
from wargame.scenario.models import ActorModel, Scenario


@pytest.fixture
def throwaway() -> Iterator[str]:
    """A doctrine defined here, in the test, and removed from the registry afterwards."""

    class Stubborn(Doctrine):
        """Always the defensive posture (a throwaway doctrine for this test)."""

        name = "stubborn_test_only"
        title = "Stubborn (test)"
        classifier = Classifier(stochastic=False, memory_depth=0, tests_only=True)

        def choose(
            self,
            view: View,
            rng: random.Random,
            memory: Memory,
            roles: Roles,
            last: Instrument | None,
            focus: str,
        ) -> str:
            return roles.defensive

    try:
        yield Stubborn.name
    finally:
        del DOCTRINES[Stubborn.name]


def test_the_scenario_schema_lists_the_registry_in_order() -> None:
    schema = ActorModel.model_json_schema()
    assert schema["properties"]["doctrine"]["enum"] == list(DOCTRINES)
    assert schema["properties"]["greedy_doctrine"]["enum"] == list(DOCTRINES)


def test_an_unknown_doctrine_is_refused_by_name() -> None:
    raw = scenario_load.load(DYAD).model.model_dump()
    raw["actors"][0]["doctrine"] = "wizard"
    with pytest.raises(
        pydantic.ValidationError, match="unknown doctrine 'wizard'; expected one of hawk, dove"
    ):
        Scenario.model_validate(raw)
    with pytest.raises(pydantic.ValidationError, match="unknown doctrine 'wizard'"):
        Settings(doctrines={"A": "wizard"})


def test_a_new_doctrine_is_one_class(throwaway: str) -> None:
    """Defining the class is enough: the registry, the scenario format, the record's settings and
    a game all take it; the schema lists it."""
    from wargame.game import Game

    assert doctrines.get(throwaway).title == "Stubborn (test)"
    raw = scenario_load.load(DYAD).model.model_dump()
    raw["actors"][0]["doctrine"] = throwaway
    assert Scenario.model_validate(raw).actors[0].doctrine == throwaway
    assert throwaway in ActorModel.model_json_schema()["properties"]["doctrine"]["enum"]
    game = Game.new(scenario_load.load(DYAD), seed=1, mode="expectation", doctrines={"A": throwaway})
    game.play_round()
    assert game.results[-1].acts[0].instrument == game.rules.actor_by_id["A"].roles.defensive


def test_a_name_is_registered_once() -> None:
    with pytest.raises(ValueError, match="defined twice"):

        class Again(Doctrine):
            name = "hawk"
