"""Random streams (wargame/engine/streams.py, docs/model.md §1): value n of a stream is SHAKE-256
in counter mode over its key, as documented; a passed draw moves the stream as a draw would; the
one draw a doctrine passes, the greedy opportunist's coin on its bottom rung, could not have
changed its order or its memory; outside policies get ``random.Random`` over the same stream."""

from __future__ import annotations

import copy
import hashlib
import pickle
import random
from collections.abc import Iterator
from typing import Any

import pytest

from wargame.engine import streams
from wargame.engine.doctrines import GreedyOpportunist, Memory, defected
from wargame.engine.randomness import StreamRandom
from wargame.engine.rules import GREEDY, Instrument, Roles
from wargame.engine.state import Order
from wargame.engine.streams import Draws, Stream, pass_draw
from wargame.engine.views import View
from wargame.game import Game, Settings
from wargame.scenario.load import load

# --- the stream ---------------------------------------------------------------------------------


def _documented(key: str, n: int) -> float:
    """Value ``n`` of stream ``key`` as docs/model.md §1 and the streams module state it, written
    out plainly: block b = n // 16 is SHAKE-256 of the UTF-8 text "key/b", 128 bytes; the value is
    its (n mod 16)-th 8-byte little-endian word, modulo 2^52, over 2^52."""
    block, k = divmod(n, 16)
    digest = hashlib.shake_256(f"{key}/{block}".encode()).digest(128)
    word = int.from_bytes(digest[8 * k : 8 * k + 8], "little")
    return (word % 2**52) / 2**52


@pytest.mark.parametrize("key", ["7/3/engine", "0/0/types", "12345/24/tremble", "sécret-clé/5/doctrine", ""])
def test_each_value_is_the_documented_function_of_key_and_position(key: str) -> None:
    stream = Stream(key)
    assert [stream.random() for _ in range(40)] == [_documented(key, n) for n in range(40)]
    assert stream.position == 40
    assert Stream(key, position=33).random() == _documented(key, 33)


@pytest.mark.parametrize("start", [0, 5, 15, 16, 31])
@pytest.mark.parametrize("count", [0, 1, 11, 16, 40])
def test_draws_in_one_call_are_the_values_one_at_a_time(start: int, count: int) -> None:
    """``draws(count)`` from any position, across block boundaries, is ``count`` single draws."""
    stream = Stream("3/9/engine", position=start)
    assert stream.draws(count) == [_documented("3/9/engine", n) for n in range(start, start + count)]
    assert stream.position == start + count
    assert stream.random() == _documented("3/9/engine", start + count)


@pytest.mark.parametrize(
    "pattern", ["d", "p", "pd", "ppdpd", "dpp", "pdpdpp", "p" * 17 + "d", "d" * 15 + "ppd"]
)
def test_a_passed_draw_moves_the_stream_as_a_draw_would(pattern: str) -> None:
    """``pattern`` reads ``d`` for a draw, ``p`` for a passed draw: each draw's value is the value
    at its place, however many draws were passed before or between (across blocks too)."""
    key = f"7/{len(pattern)}/doctrine"
    stream = Stream(key)
    got = []
    for place, step in enumerate(pattern):
        if step == "d":
            got.append((place, stream.random()))
        else:
            pass_draw(stream)
    assert got == [(place, _documented(key, place)) for place, step in enumerate(pattern) if step == "d"]


def test_nothing_is_computed_until_a_value_is_drawn() -> None:
    stream = Stream("3/5/doctrine")
    for _ in range(3):
        stream.pass_draw()
    assert not stream.computed
    stream.random()
    assert stream.computed


def test_pass_draw_on_a_plain_random_draws() -> None:
    """A test that hands the engine a plain ``random.Random`` sees its stream advance the same."""
    plain, eager = random.Random(11), random.Random(11)
    pass_draw(plain)
    eager.random()
    assert plain.random() == eager.random()
    assert streams.draws(plain, 3) == [eager.random() for _ in range(3)]


def test_values_are_uniform_and_streams_of_neighbouring_keys_unrelated() -> None:
    """20,000 values from 1,000 rounds' engine streams: each tenth of [0, 1) holds its share (a
    chi-square test at the 0.1% level, 9 degrees of freedom: below 27.9), and value n of round r
    is uncorrelated with value n of round r + 1 (|r| < 0.03, about 4 standard errors)."""
    rows = [streams.draws(Stream(f"42/{r}/engine"), 20) for r in range(1000)]
    values = [v for row in rows for v in row]
    assert all(0.0 <= v < 1.0 for v in values)
    counts = [0] * 10
    for v in values:
        counts[int(v * 10)] += 1
    expected = len(values) / 10
    assert sum((c - expected) ** 2 / expected for c in counts) < 27.9, counts
    xs = [v for row in rows[:-1] for v in row]
    ys = [v for row in rows[1:] for v in row]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    cov = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sx = sum((x - mx) ** 2 for x in xs) ** 0.5
    sy = sum((y - my) ** 2 for y in ys) ** 0.5
    assert abs(cov / (sx * sy)) < 0.03


def test_a_game_draws_from_the_streams_of_its_seed_round_and_purpose() -> None:
    """The engine's stream of round r is keyed "seed/r/engine": a stochastic Korea game played
    with that stream handed to the engine by hand is the game itself."""
    from wargame.engine.core import resolve_round

    game = Game(load("korea-2022"), Settings.model_validate({"rounds": 6}), seed=5)
    twin = Game(load("korea-2022"), Settings.model_validate({"rounds": 6}), seed=5)
    while not game.is_over:
        orders, memory = twin.ai_orders()
        expected = game.play_round()
        by_hand = resolve_round(
            twin.rules,
            twin.state,
            orders,
            Stream(f"5/{twin.round + 1}/engine"),
            memory=memory,
            mode=twin.mode,
            round_limit=twin.round_limit,
        )
        assert by_hand.state.to_json() == expected.state.to_json()
        twin.play_round()


# --- the greedy opportunist's coin --------------------------------------------------------------


class CoinEveryStep(GreedyOpportunist):
    """The greedy opportunist as docs/model.md §4 states it, with no shortcut: after force or a
    threat it draws its coin on every rung and steps down, r ← max(1, r − 1), when the coin is
    below 1/2. (No ``name``: not registered as a doctrine.)"""

    def choose(
        self,
        view: View,
        rng: Draws,
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
    """A stream whose every draw is ``value`` (not a Stream: a passed draw is drawn)."""

    def __init__(self, value: float) -> None:
        self.value = value
        self.draws = 0

    def random(self) -> float:
        self.draws += 1
        return self.value


class Watched(Stream):
    """A Stream that counts the draws passed to it and the draws made from it."""

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
        decided = doctrine.decide(view, watched)
        assert watched.passed + watched.drawn <= 1
        by_coin: list[tuple[Order, Memory]] = []
        for value in (0.0, 0.999):
            coin = Coin(value)
            by_coin.append(rule.decide(view, coin))
            assert coin.draws == watched.passed + watched.drawn  # the stream advances as the rule's
            if watched.drawn:
                assert doctrine.decide(view, Coin(value)) == by_coin[-1]
        if watched.passed:
            passed += 1
            assert not watched.computed
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

    passed = 0
    real_pass = Stream.pass_draw

    def counting(self: Stream) -> None:
        nonlocal passed
        passed += 1
        real_pass(self)

    monkeypatch.setattr(Stream, "pass_draw", counting)
    lazy = states()
    assert passed >= 10, passed
    monkeypatch.setattr(Stream, "pass_draw", Stream.random)
    assert states() == lazy


def test_an_outside_policy_draws_random_methods_from_the_stream_and_copies_it_at_its_position() -> None:
    """``StreamRandom``: ``random()`` is the stream's next value, ``choice``, ``shuffle``,
    ``randrange`` and ``gauss`` are drawn from it (the same key gives the same picks), it cannot
    be reseeded, and a copy or a pickle draws what the original draws next, independently (an
    outside policy may look ahead)."""
    key = "7/3/doctrine"
    rng = StreamRandom(Stream(key))
    assert [rng.random() for _ in range(3)] == [_documented(key, n) for n in range(3)]

    def picks(r: random.Random) -> tuple[Any, ...]:
        deck = list(range(10))
        r.shuffle(deck)
        return r.choice("abcdef"), r.randrange(1000), r.gauss(0.0, 1.0), r.getrandbits(70), tuple(deck)

    assert picks(StreamRandom(Stream(key))) == picks(StreamRandom(Stream(key)))
    assert picks(StreamRandom(Stream(key))) != picks(StreamRandom(Stream("7/4/doctrine")))
    with pytest.raises(TypeError):
        rng.seed(3)
    for make in (copy.copy, copy.deepcopy, lambda s: pickle.loads(pickle.dumps(s))):
        original = StreamRandom(Stream(key))
        original.random()
        twin = make(original)
        ahead = [twin.random() for _ in range(3)]  # the twin moves on first; the original is untouched
        assert ahead == [_documented(key, n) for n in (1, 2, 3)]
        assert [original.random() for _ in range(3)] == ahead
        original.gauss()  # draws a pair of normals and keeps the second for the next call
        twin = make(original)
        assert [twin.gauss() for _ in range(3)] == [original.gauss() for _ in range(3)]
    with pytest.raises(ValueError):
        rng.setstate((key, -1))
    with pytest.raises(ValueError):
        Stream(key, position=-3)


def test_an_outside_policy_gets_a_random_random_over_the_doctrine_stream() -> None:
    """A policy seated in a game is handed a ``random.Random`` (StreamRandom) whose values are the
    round's doctrine stream, "seed/round/doctrine", from its start when no doctrine drew before it
    (BLUE, before RED, plays the dove, which never draws)."""
    seen: list[tuple[int, tuple[Any, ...], float]] = []

    class Peek:
        def decide(self, view: View, rng: random.Random) -> tuple[Order, Memory]:
            assert isinstance(rng, random.Random)
            seen.append((view.round, rng.getstate(), rng.random()))
            return Order(instrument="hold", target=None), {}

    game = Game(
        load("dyad-testbed"), Settings.model_validate({"rounds": 3, "doctrines": {"BLUE": "dove"}}), seed=9
    )
    game.set_policy("RED", Peek())
    while not game.is_over:
        game.play_round()
    assert len(seen) == 3, seen
    for r, state, value in seen:
        assert state == (f"9/{r + 1}/doctrine", 0, None) and value == _documented(f"9/{r + 1}/doctrine", 0)
