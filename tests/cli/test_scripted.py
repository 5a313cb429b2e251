"""Scripted play (issue 15 item 4): orders for some actors from a file in the record's own order
format, the AI filling in the rest (``simulate --orders``); ``replay --scenario FILE`` for records
made on a scenario file that is not bundled."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from wargame.cli import main
from wargame.engine.state import Order
from wargame.game import Game
from wargame.scenario import load as scenario_load
from wargame.scripted import load_script, play_scripted

TOML_SCRIPT = """\
description = "Blue reassures at cost for three rounds, then its AI plays on"
[[rounds]]
orders.BLUE = { instrument = "halt_exercises", target = "RED" }
[[rounds]]
orders.BLUE = { instrument = "sanctions_relief", target = "RED" }
[[rounds]]
orders.BLUE = { instrument = "propose_treaty", target = "RED" }
"""
JSON_SCRIPT = {
    "description": "the same, in JSON",
    "rounds": [
        {"orders": {"BLUE": {"instrument": "halt_exercises", "target": "RED"}}},
        {"orders": {"BLUE": {"instrument": "sanctions_relief", "target": "RED"}}},
        {"orders": {"BLUE": {"instrument": "propose_treaty", "target": "RED"}}},
    ],
}
SCRIPTED = ["halt_exercises", "sanctions_relief", "propose_treaty"]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def rules():
    return scenario_load.load("dyad-testbed").rules


def played(script_path: Path, seed: int = 4, **settings: object) -> Game:
    game = Game.new("dyad-testbed", seed=seed, **settings)  # type: ignore[arg-type]
    play_scripted(game, load_script(script_path, game.rules))
    return game


def test_scripted_orders_are_played_and_the_ai_plays_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "orders.toml"
    path.write_text(TOML_SCRIPT)
    game = played(path, hidden_types={"BLUE": "security_seeker", "RED": "security_seeker"})
    rounds = game.record.rounds
    assert [rounds[k].orders["BLUE"].instrument for k in range(3)] == SCRIPTED
    assert all(rounds[k].orders["BLUE"].target == "RED" for k in range(3))
    # the AI plays Red from the start, and Blue after the script: the same as an unscripted game's
    # first round for Red, and Blue's own doctrine afterwards (not the script repeated)
    plain = Game.new(
        "dyad-testbed", seed=4, hidden_types={"BLUE": "security_seeker", "RED": "security_seeker"}
    )
    plain.play_round()
    assert rounds[0].orders["RED"] == plain.record.rounds[0].orders["RED"]
    assert len(rounds) > 3 and [r.orders["BLUE"].instrument for r in rounds[3:]] != SCRIPTED * 10
    # what was scripted is what the engine resolved (a proposal is not rewritten)
    assert [next(a for a in r.acts if a.maker == "BLUE").instrument for r in game.results[:3]] == SCRIPTED


def test_toml_and_json_scripts_are_the_same_script(tmp_path: Path) -> None:
    toml, js = tmp_path / "o.toml", tmp_path / "o.json"
    toml.write_text(TOML_SCRIPT)
    js.write_text(json.dumps(JSON_SCRIPT))
    assert load_script(toml, rules()).rounds == load_script(js, rules()).rounds
    assert played(toml).state.to_json() == played(js).state.to_json()


def test_repeat_starts_the_script_again(tmp_path: Path) -> None:
    path = tmp_path / "o.toml"
    path.write_text(
        'repeat = true\n[[rounds]]\norders.BLUE = { instrument = "talk", target = "RED" }\n'
        '[[rounds]]\norders.BLUE = { instrument = "hold" }\n'
    )
    game = played(path, rounds=9, play_on=True)
    assert [r.orders["BLUE"].instrument for r in game.record.rounds] == ["talk", "hold"] * 4 + ["talk"]


def test_a_record_is_a_script_and_actors_keeps_only_some(tmp_path: Path) -> None:
    """A whole game record replays every order; ``actors`` keeps only the named actors' orders."""
    original = Game.new("dyad-testbed", seed=11, doctrines={"BLUE": "hawk"})
    while not original.is_over:
        original.play_round()
    record = tmp_path / "game.json"
    original.save(record)
    again = played(record, seed=11, doctrines={"BLUE": "hawk"})
    assert again.state.to_json() == original.state.to_json()
    only_blue = tmp_path / "blue.json"
    data = json.loads(record.read_text())
    only_blue.write_text(json.dumps({"actors": ["BLUE"], "rounds": data["rounds"]}))
    script = load_script(only_blue, rules())
    assert script.actors == {"BLUE"}
    game = played(only_blue, seed=12)  # another seed: Red's AI plays its own game
    n = min(game.round, original.round)
    assert [r.orders["BLUE"] for r in game.record.rounds[:n]] == [
        r.orders["BLUE"] for r in original.record.rounds[:n]
    ]


def test_simulate_orders_from_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "orders.toml"
    path.write_text(TOML_SCRIPT)
    args = ["simulate", "--scenario", "dyad-testbed", "--seeds", "6", "--type", "RED=greedy", "--json"]
    code, out, err = run(*args, "--orders", str(path))
    assert code == 0, err
    scripted = json.loads(out)
    code, out, _ = run(*args)
    plain = json.loads(out)
    assert scripted != plain, "three costly concessions change a game against a greedy state"
    code, out, err = run(*args, "--orders", str(path), "--jobs", "2")
    assert code == 0 and json.loads(out) == scripted, "the same results in worker processes"
    js = tmp_path / "orders.json"
    js.write_text(json.dumps(JSON_SCRIPT))
    assert json.loads(run(*args, "--orders", str(js))[1]) == scripted


@pytest.mark.parametrize(
    ("name", "text", "place", "expected"),
    [
        ("o.toml", "[[rounds]\n", "line 1", "TOML syntax error"),
        ("o.json", '{"rounds": [', "line 1", "not valid JSON"),
        ("o.toml", 'description = "nothing"\n', "rounds", "missing required field"),
        ("o.toml", "[[rounds]]\n[rounds.order]\n", "rounds.0.order", "unknown field"),
        (
            "o.toml",
            '[[rounds]]\norders.GREEN = { instrument = "talk", target = "RED" }\n',
            "rounds.0.orders.GREEN",
            "no such actor in this scenario (expected one of BLUE, RED)",
        ),
        (
            "o.toml",
            '[[rounds]]\n[[rounds]]\norders.BLUE = { instrument = "nuke", target = "RED" }\n',
            "rounds.1.orders.BLUE",
            "unknown instrument 'nuke' (expected one of def_posture",
        ),
        (
            "o.toml",
            '[[rounds]]\norders.BLUE = { instrument = "talk" }\n',
            "rounds.0.orders.BLUE",
            "'talk' needs a target (one of RED)",
        ),
        (
            "o.toml",
            '[[rounds]]\norders.BLUE = { instrument = "talk", target = "BLUE" }\n',
            "rounds.0.orders.BLUE",
            "unknown target 'BLUE' (expected one of RED)",
        ),
        (
            "o.toml",
            '[[rounds]]\norders.BLUE = { instrument = "hold", target = "RED" }\n',
            "rounds.0.orders.BLUE",
            "'hold' takes no target",
        ),
        (
            "o.toml",
            '[[rounds]]\ninjected = ["meteor"]\n',
            "rounds.0.injected.0",
            "unknown event card 'meteor'",
        ),
        ("o.toml", 'actors = ["GREEN"]\n[[rounds]]\n', "actors.0", "unknown actor 'GREEN'"),
        ("o.json", "[1, 2]", "(top level)", "expected a table with `rounds`"),
    ],
)
def test_a_bad_script_is_one_line_naming_file_and_place(
    tmp_path: Path, name: str, text: str, place: str, expected: str
) -> None:
    path = tmp_path / name
    path.write_text(text)
    code, out, err = run("simulate", "--scenario", "dyad-testbed", "--seeds", "2", "--orders", str(path))
    assert code == 2 and not out, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    assert lines[0].startswith(f"error: {path}: {place}"), lines[0]
    assert expected in lines[0], lines[0]


def test_a_missing_script_file_is_one_line(tmp_path: Path) -> None:
    code, _, err = run("simulate", "--scenario", "dyad-testbed", "--orders", str(tmp_path / "none.toml"))
    assert code == 2 and err.startswith(f"error: {tmp_path / 'none.toml'}: cannot read file"), err


# --- replay --scenario FILE -------------------------------------------------------------------


@pytest.fixture
def unbundled(tmp_path: Path) -> tuple[Path, Path]:
    """A record made on a scenario file that is not bundled (the test bed under another id)."""
    text = scenario_load.load("dyad-testbed").path.read_text()  # type: ignore[union-attr]
    scenario = tmp_path / "my-dyad.toml"
    scenario.write_text(text.replace('id = "dyad-testbed"', 'id = "my-dyad"', 1))
    game = Game.new(scenario, seed=3, rounds=6, play_on=True)  # six rounds whatever the outcome
    while not game.is_over:
        game.play_round()
    record = tmp_path / "game.json"
    game.save(record)
    return scenario, record


def test_replay_of_an_unbundled_scenario_needs_its_file(unbundled: tuple[Path, Path]) -> None:
    scenario, record = unbundled
    code, _, err = run("replay", str(record), "--check")  # ID.toml beside the record is found (issue 17)
    assert code == 0, err
    elsewhere = scenario.parent / "elsewhere"
    elsewhere.mkdir()
    scenario = scenario.rename(elsewhere / scenario.name)
    code, out, err = run("replay", str(record))
    assert code == 2 and not out
    assert err.startswith(f"error: {record}: scenario.id: no such scenario") and "--scenario FILE" in err, err
    code, out, err = run("replay", str(record), "--scenario", str(scenario), "--json")
    assert code == 0, err
    data = json.loads(out)
    again = Game.load(record, scenario_load.load(scenario))
    assert len(data["rounds"]) == again.round == 6


def test_replay_scenario_must_be_the_records(unbundled: tuple[Path, Path], tmp_path: Path) -> None:
    scenario, record = unbundled
    code, _, err = run("replay", str(record), "--scenario", "dyad-testbed")
    assert code == 2 and "this file is scenario 'dyad-testbed'" in err and "'my-dyad'" in err, err
    other = tmp_path / "my-dyad-v2.toml"
    other.write_text(scenario.read_text().replace("rounds = 24", "rounds = 25", 1))
    code, _, err = run("replay", str(record), "--scenario", str(other))
    assert code == 2 and err.startswith(f"error: {other}: another version of scenario 'my-dyad'"), err
    code, _, err = run("replay", str(record), "--scenario", str(tmp_path / "none.toml"))
    assert code == 2 and len(err.strip().splitlines()) == 1, err


def test_orders_in_a_scripted_game_are_orders() -> None:
    """The script compiles to engine orders (instrument, target), the record's own fields."""
    from wargame.scripted import OrderScriptModel, check_script

    model = OrderScriptModel.model_validate(JSON_SCRIPT)
    script = check_script(model, "x", rules())
    assert script.at(0) == ({"BLUE": Order("halt_exercises", "RED")}, ())
    assert script.at(3) == ({}, ()) and script.place(3) is None


def test_the_example_script_loads() -> None:
    from tests.helpers import ROOT

    script = load_script(ROOT / "examples" / "orders.toml", rules())
    assert script.actors == {"BLUE"} and len(script.rounds) == 4
