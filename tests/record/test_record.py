"""Game records: a game is its record (design.md principle 1)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.helpers import DYAD
from wargame.engine.errors import GameOverError, IllegalOrderError
from wargame.engine.state import Order
from wargame.errors import InputError
from wargame.game import Game, check
from wargame.record import io as record_io
from wargame.record.models import SCHEMA_VERSION, Checkpoint


def played(seed: int = 5, rounds: int = 6, **settings: object) -> Game:
    game = Game.new(DYAD, seed=seed, humans=["A"], **settings)  # type: ignore[arg-type]
    plan = ["talk", "def_posture", "missile_test", "scale_down_drill", "talk", "sanctions_relief"]
    for k in range(rounds):
        game.play_round({"A": Order(plan[k % len(plan)], "B")})
    return game


def test_record_round_trip_gives_identical_state() -> None:
    game = played()
    again = Game.from_record(record_io.parse(record_io.dumps(game.record)), game.scenario)
    assert again.state.to_json() == game.state.to_json()
    assert [r.perceptions for r in again.results] == [r.perceptions for r in game.results]


def test_save_and_load_file(tmp_path: Path) -> None:
    game = played()
    path = tmp_path / "sub" / "game.json"
    game.save(path)
    assert json.loads(path.read_text())["schema_version"] == SCHEMA_VERSION
    assert Game.load(path, game.scenario).state.to_json() == game.state.to_json()
    assert [p.name for p in path.parent.iterdir()] == ["game.json"], "no temp files left behind"


def test_atomic_write_keeps_old_file_when_write_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "game.json"
    path.write_text("old content")

    def boom(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(OSError):
        record_io.atomic_write(path, "new content")
    assert path.read_text() == "old content"
    assert [p.name for p in tmp_path.iterdir()] == ["game.json"]


def test_failed_load_leaves_file_alone(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"schema_version": 1, "scenario": ')
    before = path.read_bytes()
    mtime = path.stat().st_mtime_ns
    with pytest.raises(InputError) as exc:
        Game.load(path)
    assert "not valid JSON" in exc.value.message
    assert path.read_bytes() == before and path.stat().st_mtime_ns == mtime


def test_undo_is_dropping_the_last_round() -> None:
    game = played(rounds=5)
    shorter = played(rounds=4)
    game.undo()
    assert game.round == 4
    assert game.state.to_json() == shorter.state.to_json()
    assert game.record.rounds == shorter.record.rounds


def test_undo_on_empty_game_raises() -> None:
    with pytest.raises(IndexError):
        Game.new(DYAD).undo()


def test_fork_keeps_first_rounds_and_can_diverge() -> None:
    game = played(rounds=6)
    fork = game.fork(3)
    assert fork.round == 3
    assert fork.state.to_json() == played(rounds=3).state.to_json()
    fork.play_round({"A": Order("halt_exercises", "B")})
    assert fork.state.to_json() != played(rounds=4).state.to_json()
    assert game.round == 6, "forking leaves the original alone"
    with pytest.raises(ValueError):
        game.fork(7)


def test_same_record_same_bytes_across_fresh_games() -> None:
    a = played(seed=11, mode="stochastic")
    b = played(seed=11, mode="stochastic")
    assert a.state.to_json() == b.state.to_json()
    assert record_io.dumps(a.record) == record_io.dumps(b.record)


def test_human_order_required_and_checked() -> None:
    game = Game.new(DYAD, humans=["A"])
    with pytest.raises(IllegalOrderError):
        game.play_round({})
    with pytest.raises(IllegalOrderError, match="needs a target"):
        game.play_round({"A": Order("talk", None)})
    with pytest.raises(IllegalOrderError, match="cannot target itself"):
        game.play_round({"A": Order("talk", "A")})
    assert game.round == 0, "an illegal order changes nothing"


def test_game_over_refuses_more_rounds() -> None:
    game = Game.new(DYAD, rounds=2)
    game.play_round()
    game.play_round()
    assert game.is_over
    assert game.state.outcome is not None and game.state.outcome.value == "stalemate"
    with pytest.raises(GameOverError):
        game.play_round()


def test_checkpoints_pass_and_fail_with_names() -> None:
    game = played(rounds=3)
    t = game.state.tension
    ok = [Checkpoint(after_round=3, tension=[t - 1, t + 1], outcome="none")]
    assert check(game, ok) == []
    bad = [
        Checkpoint(after_round=1, tension=[0, 100]),
        Checkpoint(after_round=3, tension=[t + 5, 100], note="too high"),
    ]
    failures = check(game, bad)
    assert len(failures) == 1 and failures[0].startswith("checkpoints.1 (after round 3): tension")
    assert check(game, [Checkpoint(after_round=9)])[0].endswith("has only 3 rounds")


def test_expectation_mode_ignores_seed() -> None:
    a = played(seed=1, mode="expectation")
    b = played(seed=999, mode="expectation")
    assert a.state.to_json() == b.state.to_json()


def test_hidden_types_fixed_by_settings() -> None:
    game = Game.new(DYAD, seed=4, hidden_types={"B": "greedy"})
    assert game.state.types["B"] == "greedy"
    assert game.doctrine_name("B") == "greedy_opportunist"


def test_undo_and_inject_are_in_the_record_and_replay_reproduces_the_game() -> None:
    """Issue 4: facilitator actions are kept in the record, and replaying it reproduces the game."""
    game = Game.new("korea-2022", seed=21, humans=["ROK", "DPRK"])
    game.play_round({"ROK": Order("talk", "DPRK"), "DPRK": Order("missile_test", "ROK")})
    game.play_round({"ROK": Order("def_posture", "DPRK"), "DPRK": Order("talk", "ROK")})
    game.undo(log=True)
    game.note_facilitator("inject", "typhoon")
    r = game.play_round(
        {"ROK": Order("humanitarian_aid", "DPRK"), "DPRK": Order("talk", "ROK")}, injected=["typhoon"]
    )
    assert [e.id for e in r.events if e.source == "injected"] == ["typhoon"]
    record = record_io.parse(record_io.dumps(game.record))
    assert [(f.kind, f.round) for f in record.facilitator] == [("undo", 2), ("inject", 1)]
    assert '"def_posture"' in record.facilitator[0].detail
    assert record.rounds[1].injected == ["typhoon"]
    again = Game.from_record(record)
    assert again.state.to_json() == game.state.to_json()
    assert [f.kind for f in again.facilitator] == ["undo", "inject"]


def test_a_record_of_a_listed_earlier_scenario_version_loads_and_is_saved_with_the_new_hash(
    tmp_path: Path,
) -> None:
    """A scenario may list earlier versions of its file that play the same games
    (``compatible_sha256``): records pinned to them load, replay identically, and a re-save pins
    the installed version. An unlisted hash is still refused."""
    from wargame.scenario.load import load

    first = load(DYAD)
    text = DYAD.read_text()
    assert 'title = "Two-actor theory test bed"' in text
    reworded = tmp_path / "dyad.toml"  # a wording edit that lists the file it replaces
    reworded.write_text(
        text.replace(
            'title = "Two-actor theory test bed"',
            f'title = "The two-actor test bed"\ncompatible_sha256 = ["{first.sha256}"]',
            1,
        )
    )
    scenario = load(reworded)
    old = scenario.model.scenario.compatible_sha256
    assert old == [first.sha256] and scenario.sha256 != first.sha256
    game = Game.new(first, seed=8, humans=["A"], rounds=5)
    for _ in range(3):
        game.play_round({"A": Order("talk", "B")})
    data = json.loads(record_io.dumps(game.record))
    again = Game.from_record(record_io.parse(json.dumps(data)), scenario)
    assert again.state.to_json() == game.state.to_json()
    assert again.record.scenario.sha256 == scenario.sha256
    data["scenario"]["sha256"] = "f" * 64
    with pytest.raises(InputError) as err:
        Game.from_record(record_io.parse(json.dumps(data)), scenario)
    assert err.value.place == "scenario.sha256"
