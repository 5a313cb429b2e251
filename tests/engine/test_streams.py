"""Lazy random streams (wargame/engine/streams.py): a passed draw still advances the stream, so
every later value is the eager stream's; and the one draw a doctrine passes, the greedy
opportunist's coin on its bottom rung, could not have changed its order or its memory."""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

import pytest

from wargame.engine import streams
from wargame.engine.doctrines import GreedyOpportunist, Memory, defected
from wargame.engine.rules import GREEDY, Instrument, Roles
from wargame.engine.state import Order
from wargame.engine.streams import LazyStream, pass_draw
from wargame.engine.views import View
from wargame.game import Game, Settings
from wargame.scenario.load import load

# --- the stream ---------------------------------------------------------------------------------


@pytest.mark.parametrize("pattern", ["d", "p", "pd", "ppdpd", "dpp", "pdpdpp", "ppppd", "dddpd"])
def test_real_draws_are_the_eager_streams_values_at_their_places(pattern: str) -> None:
    """``pattern`` reads ``d`` for a draw, ``p`` for a passed draw: each draw's value is the eager
    stream's value at the same place, however many draws were passed before or between."""
    key = f"7/{len(pattern)}/doctrine"
    eager_stream = random.Random(key)
    eager = [eager_stream.random() for _ in pattern]
    lazy = LazyStream(key)
    got = []
    for place, step in enumerate(pattern):
        if step == "d":
            got.append((place, lazy.random()))
        else:
            pass_draw(lazy)  # type: ignore[arg-type]  # a LazyStream stands in for a Random
    assert got == [(place, eager[place]) for place, step in enumerate(pattern) if step == "d"]


def test_a_stream_whose_draws_were_all_passed_is_never_seeded_and_settles_on_any_other_use() -> None:
    """Passed draws alone seed nothing; any other use of the stream (here ``getstate``) seeds it
    and makes the owed draws first, leaving it where the eager stream would be."""
    lazy = LazyStream("3/5/doctrine")
    for _ in range(3):
        lazy.pass_draw()
    assert not lazy.seeded
    eager = random.Random("3/5/doctrine")
    for _ in range(3):
        eager.random()
    assert lazy.getstate() == eager.getstate()  # type: ignore[operator]
    assert lazy.seeded
    lazy.pass_draw()  # once seeded, a passed draw is made at once
    eager.random()
    assert lazy.random() == eager.random()


def test_pass_draw_on_a_plain_random_draws() -> None:
    """A policy or test that hands a doctrine a plain ``random.Random`` sees the same stream."""
    plain, eager = random.Random(11), random.Random(11)
    pass_draw(plain)
    eager.random()
    assert plain.random() == eager.random()


# --- the greedy opportunist's coin --------------------------------------------------------------


class CoinEveryStep(GreedyOpportunist):
    """The greedy opportunist as docs/model.md §4 states it, with no shortcut: after force or a
    threat it draws its coin on every rung and steps down, r ← max(1, r − 1), when the coin is
    below 1/2. (No ``name``: not registered as a doctrine.)"""

    def choose(
        self,
        view: View,
        rng: random.Random,
        memory: Memory,
        roles: Roles,
        last: Instrument | None,
        focus: str,
    ) -> str:
        r = int(memory.get("rung", 1))
        if last is not None:
            if last.is_conciliatory:
                r = min(3, r + 1)
            elif defected(last) and rng.random() < 0.5:
                r = max(1, r - 1)
        memory["rung"] = r
        return roles.greedy_ladder[r]


class Coin:
    """A stream whose every draw is ``value`` (not a LazyStream: a passed draw is drawn)."""

    def __init__(self, value: float) -> None:
        self.value = value
        self.draws = 0

    def random(self) -> float:
        self.draws += 1
        return self.value


class Watched(LazyStream):
    """A LazyStream that counts the draws passed to it and the draws made from it."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.passed = 0
        self.drawn = 0

    def pass_draw(self) -> None:
        self.passed += 1
        super().pass_draw()

    def random(self) -> float:
        self.drawn += 1
        return super().random()


def _greedy_views() -> Iterator[View]:
    """The view of every greedy opportunist before each round of all-AI stochastic games: Korea
    as drawn and with every state greedy, and the dyad testbed with both greedy."""
    games: list[tuple[str, dict[str, Any]]] = [("korea-2022", {})]
    for name in ("korea-2022", "dyad-testbed"):
        ids = [a.id for a in load(name).rules.actors]
        games.append((name, {"hidden_types": dict.fromkeys(ids, GREEDY)}))
    for name, settings in games:
        scenario = load(name)
        for seed in range(25):
            game = Game(scenario, Settings.model_validate({"rounds": 16, **settings}), seed=seed)
            greedy = [a for a in game.rules.actor_ids if game.doctrine_name(a) == "greedy_opportunist"]
            while not game.is_over:
                for actor in greedy:
                    yield game.view(actor)
                game.play_round()


def test_the_greedy_opportunist_passes_its_coin_only_where_no_coin_could_change_its_order() -> None:
    """Over many games, rounds and greedy states: wherever the doctrine passes its coin's draw,
    the rule drawing it every time gives the same order and the same memory whatever the coin
    (low: step down; high: stay), so the passed draw could not have mattered; wherever the
    doctrine draws, it follows that rule for either coin. Fails if the coin is made to matter
    on a rung where its draw is passed (or the doctrine strays from the rule)."""
    doctrine, rule = GreedyOpportunist(), CoinEveryStep()
    passed = drawn = 0
    for view in _greedy_views():
        watched = Watched("0/1/doctrine")
        decided = doctrine.decide(view, watched)  # type: ignore[arg-type]
        assert watched.passed + watched.drawn <= 1
        by_coin: list[tuple[Order, Memory]] = []
        for value in (0.0, 0.999):
            coin = Coin(value)
            by_coin.append(rule.decide(view, coin))  # type: ignore[arg-type]
            assert coin.draws == watched.passed + watched.drawn  # the stream advances as the rule's
            if watched.drawn:
                assert doctrine.decide(view, Coin(value)) == by_coin[-1]  # type: ignore[arg-type]
        if watched.passed:
            passed += 1
            assert not watched.seeded
            assert by_coin[0] == by_coin[1] == decided, view.actor
        elif watched.drawn:
            drawn += 1
    # the test saw both kinds, and plenty of each (the coin is passed in about half of Korea's rounds)
    assert passed >= 200 and drawn >= 50, (passed, drawn)


def test_a_game_is_the_same_when_every_passed_draw_is_drawn(monkeypatch: pytest.MonkeyPatch) -> None:
    """Korea with every state greedy, many seeds: the games are the same, state for state, when
    each passed draw is drawn on the spot, including the rounds where a later doctrine drew from
    the same stream after a draw was passed (so the owed draw was made before it)."""
    scenario = load("korea-2022")
    greedy = {"hidden_types": dict.fromkeys(scenario.rules.actor_ids, GREEDY)}

    def states() -> list[str]:
        out = []
        for seed in range(30):
            game = Game(scenario, Settings.model_validate({"rounds": 16, **greedy}), seed=seed)
            while not game.is_over:
                out.append(game.play_round().state.to_json())
        return out

    settled = 0
    real = LazyStream._real

    def counting(self: LazyStream) -> random.Random:
        nonlocal settled
        if not self.seeded and self._owed:
            settled += 1  # a draw after passed ones: the owed draws are made first
        return real(self)

    monkeypatch.setattr(LazyStream, "_real", counting)
    lazy = states()
    assert settled >= 10, settled
    monkeypatch.setattr(streams.LazyStream, "pass_draw", LazyStream.random)
    assert states() == lazy


def test_a_lazy_stream_copies_and_pickles_at_its_position() -> None:
    """An outside policy may copy its stream (look-ahead, tree search): the copy draws what the
    original draws next, independently, seeded or not, with passed draws still owed."""
    import copy
    import pickle

    eager = random.Random("7/3/doctrine")
    expected = [eager.random() for _ in range(5)]
    for seeded in (False, True):
        for make in (copy.copy, copy.deepcopy, lambda s: pickle.loads(pickle.dumps(s))):
            stream = LazyStream("7/3/doctrine")
            stream.pass_draw()
            first = [stream.random()] if seeded else []
            twin = make(stream)
            assert twin.seeded == seeded
            ahead = [twin.random() for _ in range(3)]  # the twin moves on first; the original is untouched
            assert first + ahead == expected[1 : 1 + len(first) + 3]  # the passed draw stays owed
            assert [stream.random() for _ in range(3)] == ahead
