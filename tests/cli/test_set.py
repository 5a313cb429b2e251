"""``--set PATH=VALUE``: scenario data changed for a run, validated, kept in the record (issue 15 item 2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from wargame.cli import main
from wargame.game import Game
from wargame.record import io as record_io

REPLAY = Path(__file__).resolve().parents[1] / "replays" / "korea-2022-opening.json"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["--set", "world.distinguishabilty=0.2"],
            "--set world.distinguishabilty: no field 'distinguishabilty' at world; expected one of "
            "distinguishability, offense_advantage, perception_noise, rounds",
        ),
        (["--set", "world.distinguishability=1.5"], "expected a number in [0, 1] (got 1.5)"),
        (["--set", "default_trust=0"], "default_trust: expected a number in (0, 1) (got 0)"),
        (["--set", "actors.XX.hostility=0.2"], "expected one of DPRK, ROK, USA, JPN, PRC"),
        (["--set", "actors.DPRK.capability=-1"], "expected a number in (0, ∞) (got -1)"),
        (["--set", "actors.DPRK.doctrine=sulk"], "expected one of hawk, dove,"),
        (["--set", "world.rounds=2.5"], "world.rounds: expected an integer in [1, 500] (got 2.5)"),
        (["--set", "world=1"], "a table or list: set one of its fields instead"),
        (["--set", "world.distinguishability"], "expected PATH=VALUE"),
        (["--set", "world.rounds=4", "--set", "world.rounds=5"], "world.rounds is given twice"),
        # numeric fields are strict: a boolean or a quoted number is not a number
        (["--set", "world.distinguishability=true"], "expected a number in [0, 1] (got true)"),
        (["--set", "world.rounds=true"], "world.rounds: expected an integer in [1, 500] (got true)"),
        (["--set", "default_trust=false"], "default_trust: expected a number in (0, 1) (got false)"),
        (["--set", 'world.rounds="12"'], "world.rounds: expected an integer in [1, 500] (got '12')"),
        # PATH= is the empty text: refused by a field that needs text, saying why
        (
            ["--set", "actors.DPRK.name="],
            "actors.DPRK.name: String should have at least 1 character (got '')",
        ),
    ],
)
@pytest.mark.parametrize("command", ["simulate", "replay", "play"])
def test_a_bad_set_is_one_line_naming_keys_or_range(command: str, args: list[str], expected: str) -> None:
    head = {"simulate": ["simulate", "--seeds", "1"], "replay": ["replay", str(REPLAY)], "play": ["play"]}
    code, out, err = run(*head[command], *args)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("error: command line: "), err
    assert expected in err


def test_set_changes_the_game_and_the_record_keeps_it(tmp_path: Path) -> None:
    """A record made with overrides replays exactly (same state, byte for byte, every round);
    without them the same seed gives another game."""
    overrides = {"world.distinguishability": 0.1, "actors.DPRK.hostility": 0.7, "default_trust": 0.3}
    game = Game.new("korea-2022", seed=11, overrides=overrides)
    plain = Game.new("korea-2022", seed=11)
    for g in (game, plain):
        while not g.is_over:
            g.play_round()
    assert game.rules.params.distinguishability == 0.1
    assert game.initial.hostility["DPRK"] == 0.7
    assert game.state.to_json() != plain.state.to_json()
    path = tmp_path / "set.json"
    game.save(path)
    saved = json.loads(path.read_text())
    assert saved["settings"]["overrides"] == overrides
    again = Game.load(path)
    assert [s.to_json() for s in again.states] == [s.to_json() for s in game.states]
    # and on the command line: the replay's JSON equals the live game's
    code, out, _ = run("replay", str(path), "--json")
    assert code == 0
    code2, out2, _ = run("replay", str(path), "--json", "--set", "default_trust=0.3")  # same value again
    assert code2 == 0 and out2 == out
    assert json.loads(out)["overrides"] == overrides
    code3, text, _ = run("replay", str(path))
    assert code3 == 0 and "Scenario data changed for this game (--set): world.distinguishability=0.1" in text


def test_a_record_without_overrides_is_written_as_before() -> None:
    """No ``overrides`` key in a record made without --set: old readers and goldens are unaffected,
    and old records (which have none) load."""
    game = Game.load(REPLAY)
    text = record_io.dumps(game.record)
    assert '"overrides"' not in text
    assert game.settings.overrides == {}


def test_simulate_set_is_in_effect_and_jobs_agree() -> None:
    def rates(*extra: str) -> dict:
        code, out, err = run("simulate", "--json", "--seeds", "4", "--mode", "expectation", *extra)
        assert code == 0, err
        return json.loads(out)

    low = rates("--set", "world.distinguishability=0.05", "--set", "world.offense_advantage=0.9")
    high = rates("--set", "world.distinguishability=0.95", "--set", "world.offense_advantage=0.1")
    assert low["rates"]["mean_tension"] > high["rates"]["mean_tension"]
    assert rates("--jobs", "2", "--set", "world.distinguishability=0.05") == rates(
        "--set", "world.distinguishability=0.05"
    )


def test_replay_set_replays_the_orders_in_another_world() -> None:
    code, base, _ = run("replay", str(REPLAY), "--json")
    code2, other, err = run("replay", str(REPLAY), "--json", "--set", "world.offense_advantage=0.95")
    assert code == code2 == 0, err
    a, b = json.loads(base), json.loads(other)
    assert a != b


def test_an_empty_value_sets_the_empty_text_where_a_field_takes_it() -> None:
    from wargame.scenario.load import load
    from wargame.scenario.overrides import apply, parse_sets

    overrides = parse_sets(("instruments.combined_drill.description=",))
    assert overrides == {"instruments.combined_drill.description": ""}
    scenario = apply(load("korea-2022"), overrides, "command line")
    drill = next(i for i in scenario.model.instruments if i.id == "combined_drill")
    assert drill.description == ""


def test_default_trust_that_no_pair_uses_says_so_in_one_line(tmp_path: Path) -> None:
    """Every pair of korea-2022 is listed in its beliefs: --set default_trust changes nothing,
    and a note line on stderr says so (the run goes on); where a pair is left out it says nothing."""
    code, _, err = run("simulate", "--seeds", "1", "--set", "default_trust=0.4")
    assert code == 0
    notes = [ln for ln in err.splitlines() if "default_trust" in ln]
    assert len(notes) == 1 and "changes nothing in korea-2022" in notes[0], err
    assert "beliefs.OBSERVER>SUBJECT.trust" in notes[0]
    code, _, err = run(
        "sweep",
        "--scenario",
        "korea-2022",
        "--set",
        "default_trust=0.2,0.8",
        "--seeds",
        "1",
        "-q",
        "-o",
        str(tmp_path / "sweep"),
    )
    assert code == 0 and err.count("changes nothing in korea-2022") == 1, err
    # a scenario whose beliefs leave a pair out: default_trust reaches it, and no note
    from wargame.scenario import paths

    text = paths.resolve("dyad-testbed").read_text(encoding="utf-8")
    second = '[[beliefs]]\nobserver = "RED"\nsubject = "BLUE"\ntrust = 0.62\n'
    assert second in text
    scenario = tmp_path / "one-belief.toml"
    scenario.write_text(text.replace(second, ""), encoding="utf-8")  # RED>BLUE at default_trust
    code, _, err = run("simulate", "--scenario", str(scenario), "--seeds", "1", "--set", "default_trust=0.4")
    assert code == 0, err
    assert "default_trust" not in err
    help_text = run("simulate", "--help")[1]
    assert "default_trust" not in help_text and "beliefs.DPRK>USA.trust" in help_text
