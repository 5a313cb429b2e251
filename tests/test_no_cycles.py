"""Batch runs pause the cyclic garbage collector (wargame.game.batch_gc): that is safe only while a
game's rounds hold no reference cycles, which reference counting alone cannot free."""

from __future__ import annotations

import gc

from tests.helpers import KOREA
from wargame.game import Game, batch_gc
from wargame.scenario.load import load


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
        assert gc.collect() == 0  # nothing unreachable: reference counting freed every round
    assert gc.isenabled()
