"""A fork's record notes its origin (the parent file's name and the week it left); records made
before forks, without the field, still load; a bad origin is refused like any bad field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, REPLAYS
from wargame.analysis.vocab import origin_line
from wargame.engine.state import Order
from wargame.errors import InputError
from wargame.fork import fork_game, fork_path
from wargame.game import Game
from wargame.record import io as record_io
from wargame.record.models import ForkOrigin


def played(weeks: int = 4) -> Game:
    game = Game.new("korea-2022", seed=3, humans=["ROK"], rounds=8)
    for _ in range(weeks):
        game.play_round({"ROK": Order("talk", "DPRK")})
    return game


def test_the_origin_round_trips_and_a_plain_game_has_none(tmp_path: Path) -> None:
    parent = played()
    assert parent.forked_from is None and parent.record.forked_from is None
    fork = fork_game(parent, 2, tmp_path / "sub" / "parent.json")
    assert fork.forked_from == ForkOrigin(file="parent.json", week=2), "the name only, not the folder"
    path = tmp_path / "fork.json"
    fork.save(path)
    again = Game.load(path)
    assert again.forked_from == ForkOrigin(file="parent.json", week=2)
    assert record_io.dumps(again.record) == path.read_text()
    assert origin_line(again) == "Forked from parent.json at week 2."
    assert origin_line(parent) == ""
    # a fork of a fork names its own parent
    assert fork_game(again, 1, path).forked_from == ForkOrigin(file="fork.json", week=1)


def test_records_without_the_field_still_load(tmp_path: Path) -> None:
    """Records written before forks existed have no ``forked_from`` key at all."""
    paths = [p for p in sorted(REPLAYS.glob("*.json")) if p.name != "fingerprints.json"]
    assert len(paths) > 5
    for path in [*paths, FIXTURES / "model-1-doctrine-hawk.json"]:
        raw = json.loads(path.read_text())
        raw.pop("forked_from", None)
        old = tmp_path / path.name
        old.write_text(json.dumps(raw))
        assert Game.load(old).forked_from is None


@pytest.mark.parametrize(
    "origin", [{"file": "", "week": 1}, {"file": "a.json", "week": -1}, {"file": "a.json"}, "a.json"]
)
def test_a_bad_origin_is_refused(tmp_path: Path, origin: object) -> None:
    data = json.loads(record_io.dumps(played().record))
    data["forked_from"] = origin
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data))
    with pytest.raises(InputError) as info:
        Game.load(path)
    assert "forked_from" in info.value.message


def test_fork_paths_never_name_an_existing_file(tmp_path: Path) -> None:
    parent = tmp_path / "game.json"
    parent.write_text("{}")
    first = fork_path(parent, 3)
    assert first.name == "game-fork-week03.json"
    first.write_text("{}")
    second = fork_path(parent, 3)
    assert second.name == "game-fork-week03-2.json"
    # a fork of a fork is named after the first parent, not game-fork-week03-fork-week01
    assert fork_path(second, 1).name == "game-fork-week01.json"


def test_a_classroom_game_is_not_forked() -> None:
    game = Game.new("korea-2022", seed=3, humans=["ROK", "DPRK"], rounds=8)
    with pytest.raises(InputError, match="classroom"):
        fork_game(game, 0, "class.json")
