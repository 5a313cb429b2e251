"""Orders: which are legal (check_order), and the acts they resolve to (resolve_acts), against the
rules of docs/model.md §1 written out here, for every actor, instrument and target."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import DYAD, KOREA
from wargame.engine.core import check_order, initial_state, resolve_acts
from wargame.engine.errors import IllegalOrderError
from wargame.engine.rules import GREEDY, Needs, Rules
from wargame.engine.state import Act, Order
from wargame.scenario.load import load


def _rules(path: Path) -> Rules:
    return load(path).rules


@pytest.mark.parametrize("path", [KOREA, DYAD], ids=["korea", "dyad"])
def test_an_order_is_legal_exactly_when_the_rules_allow_it(path: Path) -> None:
    rules = _rules(path)
    for actor in rules.actor_ids:
        for k, inst in rules.instruments.items():
            for target in [*rules.actor_ids, None, "ATLANTIS"]:
                usable = not inst.usable_by or actor in inst.usable_by
                aimed = target in rules.actor_ids and target != actor if inst.targeted else target is None
                order = Order(k, target)
                if usable and aimed:
                    check_order(rules, actor, order)
                    assert order in rules.order_acts[actor]
                else:
                    with pytest.raises(IllegalOrderError):
                        check_order(rules, actor, order)
                    assert order not in rules.order_acts[actor]
    with pytest.raises(IllegalOrderError, match="no such actor"):
        check_order(rules, "ATLANTIS", Order("hold", None))
    with pytest.raises(IllegalOrderError, match="unknown instrument"):
        check_order(rules, rules.actor_ids[0], Order("teleport", None))


def test_an_order_that_needs_nobody_is_its_act() -> None:
    rules = _rules(KOREA)
    state = initial_state(rules, dict.fromkeys(rules.actor_ids, GREEDY))
    for k, inst in rules.instruments.items():
        if inst.needs is not Needs.NONE:
            continue
        orders: dict[str, Order] = {}
        for actor in rules.actor_ids:
            legal = [order for order in rules.order_acts[actor] if order[0] == k]
            orders[actor] = Order(*legal[0]) if legal else Order("hold", None)
        acts = resolve_acts(rules, state, orders)
        assert acts == tuple(
            Act(maker=a, ordered=o.instrument, instrument=o.instrument, target=o.target)
            for a, o in orders.items()
        )
