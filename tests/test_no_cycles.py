"""Batch runs pause the cyclic garbage collector (wargame.game.batch_gc): that is safe only while a
game's rounds hold no reference cycles, which reference counting alone cannot free."""

from __future__ import annotations

import gc

from tests.helpers import KOREA
from wargame.game import Game, batch_gc
from wargame.scenario.load import load


def _ours(obj: object) -> bool:
    """A wargame object, or a container holding one directly (a cycle through our data)."""
    if type(obj).__module__.startswith("wargame"):
        return True
    if isinstance(obj, dict):
        items: list[object] = [*obj.keys(), *obj.values()]
    elif isinstance(obj, (list, tuple, set, frozenset)):
        items = list(obj)
    else:
        return False
    return any(type(x).__module__.startswith("wargame") for x in items)


def test_games_leave_no_cyclic_garbage() -> None:
    scenario = load(KOREA)
    gc.collect()
    with batch_gc():
        assert not gc.isenabled()
        for seed in range(3):
            for mode in ("stochastic", "expectation"):
                game = Game.new(scenario, seed=seed, mode=mode, rounds=24, play_on=True)
                while not game.is_over:
                    game.play_round()
                game.news(game.round)  # the perception products too
                del game
        # nothing of ours unreachable: reference counting freed every round. (Only our objects
        # count: a thread left running by an earlier test, e.g. a Dask client's, may make
        # garbage of its own meanwhile; the suite once saw 44 such objects.)
        gc.set_debug(gc.DEBUG_SAVEALL)
        try:
            gc.collect()
            ours = [type(o).__qualname__ for o in gc.garbage if _ours(o)]
        finally:
            gc.set_debug(0)
            gc.garbage.clear()
        assert ours == []
    assert gc.isenabled()
