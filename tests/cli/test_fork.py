"""``wargame fork SAVE --week N [-o OUT] [--side ACTOR] [--policy ACTOR=DOCTRINE ...]`` (issue 14
item 1): a new record with SAVE's first N rounds, the same seed, optionally other AI doctrines,
that notes where it came from and that ``wargame --load`` plays on; SAVE is never changed; bad
input gets one line and exit 2."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.helpers import REPLAYS
from wargame.cli import main
from wargame.engine.state import Order
from wargame.game import Game
from wargame.record.models import ForkOrigin


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def lost(tmp_path: Path) -> Path:
    """A Korea game as ROK (seed 7, 8 weeks), 6 weeks played."""
    game = Game.new("korea-2022", seed=7, humans=["ROK"], rounds=8)
    for _ in range(6):
        game.play_round({"ROK": Order("talk", "DPRK")})
    path = tmp_path / "lost.json"
    game.save(path)
    return path


def test_fork_writes_a_new_record_that_notes_its_origin(lost: Path) -> None:
    before = lost.read_bytes()
    code, out, err = run("fork", str(lost), "--week", "3")
    assert code == 0, err
    fork = lost.with_name("lost-fork-week03.json")
    assert f"wrote {fork}" in out and "wargame --load" in out
    assert lost.read_bytes() == before
    data = json.loads(fork.read_text())
    assert data["forked_from"] == {"file": "lost.json", "week": 3}
    assert len(data["rounds"]) == 3 and data["seed"] == 7
    parent, game = Game.load(lost), Game.load(fork)
    assert game.state.to_json() == parent.fork(3).state.to_json()
    assert game.humans == ("ROK",) and not game.is_over
    # a second fork at the same week never overwrites the first
    code, out, err = run("fork", str(lost), "--week", "3")
    assert code == 0, err
    assert lost.with_name("lost-fork-week03-2.json").is_file()
    assert json.loads(fork.read_text()) == data


def test_fork_with_other_doctrines_keeps_the_seed(lost: Path, tmp_path: Path) -> None:
    out_path = tmp_path / "what-if.json"
    code, _, err = run(
        "fork", str(lost), "--week", "2", "-o", str(out_path), "--policy", "DPRK=grit", "--policy", "PRC=dove"
    )
    assert code == 0, err
    game = Game.load(out_path)
    parent = Game.load(lost)
    assert game.seed == parent.seed and game.initial.types == parent.initial.types
    assert game.doctrine_name("DPRK") == "grit" and game.doctrine_name("PRC") == "dove"
    assert game.doctrine_name("USA") == parent.doctrine_name("USA")
    assert game.forked_from == ForkOrigin(file="lost.json", week=2)
    # "scenario" puts a doctrine back to the scenario's, by hidden type
    again = tmp_path / "back.json"
    code, _, err = run("fork", str(out_path), "--week", "2", "-o", str(again), "--policy", "DPRK=scenario")
    assert code == 0, err
    back = Game.load(again)
    assert "DPRK" not in back.settings.doctrines and back.doctrine_name("PRC") == "dove"
    assert back.forked_from == ForkOrigin(file="what-if.json", week=2)


def test_an_ai_only_replay_forks_with_a_side(tmp_path: Path) -> None:
    replay = tmp_path / "opening.json"
    replay.write_bytes((REPLAYS / "korea-2022-opening.json").read_bytes())
    code, _, err = run("fork", str(replay), "--week", "2")
    assert code == 2 and len(err.strip().splitlines()) == 1 and "--side" in err
    code, _, err = run("fork", str(replay), "--week", "2", "--side", "USA")
    assert code == 0, err
    game = Game.load(tmp_path / "opening-fork-week02.json")
    assert game.humans == ("USA",) and game.round == 2 and game.checkpoints == [] and game.description == ""


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--week", "7"], "--week: expected a week from 0 to 6"),
        (["--week", "-1"], "--week"),
        (["--week", "three"], "--week: expected the number of weeks to keep"),
        ([], "--week: expected the number of weeks to keep (0 or more), got nothing"),
        (["--week", "2", "--policy", "XX=grit"], "--policy XX: unknown actor"),
        (["--week", "2", "--policy", "DPRK=nonsense"], "unknown doctrine"),
        (["--week", "2", "--policy", "DPRK"], "expected ACTOR=VALUE"),
        (["--week", "2", "--policy", "ROK=grit"], "the side played by you"),
        (["--week", "2", "--side", "XX"], "unknown side"),
        (["--week", "2", "-o", "SELF"], "would overwrite the game it is forked from"),
        (["--week", "2", "-o", "nowhere/x.json"], "the folder to write into does not exist"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(lost: Path, args: list[str], needle: str) -> None:
    before = lost.read_bytes()
    args = [
        str(lost) if a == "SELF" else str(lost.parent / a) if a.startswith("nowhere") else a for a in args
    ]
    code, out, err = run("fork", str(lost), *args)
    assert code == 2, (out, err)
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: ") and needle in lines[0], err
    assert "Traceback" not in err
    assert lost.read_bytes() == before
    assert sorted(p.name for p in lost.parent.iterdir()) == ["lost.json"]


def test_a_week_after_the_end_and_a_missing_file(tmp_path: Path) -> None:
    game = Game.new("korea-2022", seed=7, humans=["ROK"], rounds=2)
    for _ in range(2):
        game.play_round({"ROK": Order("talk", "DPRK")})
    path = tmp_path / "done.json"
    game.save(path)
    code, _, err = run("fork", str(path), "--week", "2")
    assert code == 2 and "the game had ended by week 2" in err and len(err.strip().splitlines()) == 1
    code, _, err = run("fork", str(tmp_path / "none.json"), "--week", "1")
    assert code == 2 and "none.json" in err and len(err.strip().splitlines()) == 1


def test_wargame_load_of_a_fork_plays_on(lost: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = run("fork", str(lost), "--week", "3")
    assert code == 0, err
    fork = lost.with_name("lost-fork-week03.json")
    seen: dict[str, Any] = {}
    monkeypatch.setattr("wargame.tui.app.run_app", lambda **kw: seen.update(kw))
    code, _, err = run("--load", str(fork))
    assert code == 0, err
    assert seen["load_path"] == str(fork)


def test_the_debriefs_of_a_fork_say_where_it_came_from(lost: Path, tmp_path: Path) -> None:
    from wargame.analysis.debrief import build
    from wargame.analysis.render import markdown

    code, _, err = run("fork", str(lost), "--week", "3")
    assert code == 0, err
    fork = lost.with_name("lost-fork-week03.json")
    for fmt in ("md", "html"):
        code, out, err = run("debrief", str(fork), "--format", fmt)
        assert code == 0, err
        assert "Forked from lost.json at week 3." in out
        code, out, _ = run("debrief", str(lost), "--format", fmt)
        assert "Forked from" not in out
    assert "Forked from lost.json at week 3." in markdown(build(Game.load(fork), "ROK"))  # the TUI's export
