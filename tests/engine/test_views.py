"""A view's fields hold what their names say (views.view builds it positionally, for speed)."""

from __future__ import annotations

from tests.helpers import KOREA
from wargame.engine.state import Order
from wargame.engine.views import View, view
from wargame.game import Game
from wargame.scenario.load import load


def test_every_field_of_a_view_is_the_state_fact_it_names() -> None:
    game = Game.new(load(KOREA), seed=4, mode="stochastic", humans=["ROK"])
    game.play_round({"ROK": Order("talk", "DPRK")})
    game.play_round({"ROK": Order("talk", "DPRK")})
    st, rules = game.state, game.rules
    v = game.view("ROK")
    readings = game.results[-1].perceptions
    expected = {
        "actor": "ROK",
        "round": 2,
        "rules": rules,
        "own_type": st.types["ROK"],
        "trust": {o: st.trust("ROK", o) for o in rules.actor_ids if o != "ROK"},
        "suspicion_of_me": {o: st.second_order[("ROK", o)] for o in rules.actor_ids if o != "ROK"},
        "last_perceived": {o: st.last_perceived[("ROK", o)] for o in rules.actor_ids if o != "ROK"},
        "last_own": st.last_own["ROK"],
        "readings": tuple(r.perceived for r in readings if r.observer == "ROK"),
        "tension": st.tension,
        "tension_history": st.tension_history,
        "capability": st.capability,
        "memory": st.memory.get("ROK") or {},
        "proposals_to_me": {p: t for (p, tgt), t in st.proposals.items() if tgt == "ROK"},
        "outcome": st.outcome,
        "last_target": st.last_target,
        "treaties": st.treaties,
    }
    assert set(expected) == set(View._fields)
    got = {name: getattr(v, name) for name in View._fields}
    got["readings"] = tuple(o.perceived for o in v.readings)
    assert got == expected
    assert all(o.maker != "ROK" or o.round == 2 for o in v.readings)
    assert view(rules, st, "DPRK").own_type == st.types["DPRK"]
