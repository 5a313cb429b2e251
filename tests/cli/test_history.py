"""``wargame history FILE``: a history replay (dated, sourced orders and stated claims, as data)
built into a checked record by one command (issues 16 and 17), for a scenario kept outside the
package as much as for the bundled ones."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from tests.helpers import ROOT
from wargame.cli import main

EXAMPLES = ROOT / "docs" / "examples"
DOKLAM = EXAMPLES / "doklam-2017-history.toml"


def _copy_example(tmp_path: Path) -> Path:
    """The worked example in a folder of its own (scenario beside the history file)."""
    shutil.copy(EXAMPLES / "doklam-2017.toml", tmp_path / "doklam-2017.toml")
    target = tmp_path / "doklam-2017-history.toml"
    shutil.copy(DOKLAM, target)
    return target


def test_builds_the_record_that_replay_check_passes(tmp_path: Path) -> None:
    history = _copy_example(tmp_path)
    result = CliRunner().invoke(main, ["history", str(history)])
    assert result.exit_code == 0, result.stderr
    assert "11 rounds" in result.stdout and "2 checkpoint(s) from 3 claim(s)" in result.stdout
    record = tmp_path / "doklam-2017-history.json"
    data = json.loads(record.read_text())
    # only the sourced orders are kept: weeks 4 and 7-10 have none, week 5 both states'
    assert [sorted(r["orders"]) for r in data["rounds"]] == [
        ["CHN"],
        ["CHN"],
        ["CHN"],
        [],
        ["CHN", "IND"],
        ["CHN"],
        [],
        [],
        [],
        [],
        ["CHN", "IND"],
    ]
    assert [cp["after_round"] for cp in data["checkpoints"]] == [5, 11]
    assert data["checkpoints"][0]["tension"][1] == 100.0 and data["checkpoints"][1]["tension"][0] == 0.0
    assert "Bound frozen from this run" in data["checkpoints"][0]["note"]
    checked = CliRunner().invoke(main, ["replay", str(record), "--check"])
    assert checked.exit_code == 0, checked.stderr
    assert "check passed: 2 checkpoint(s)" in checked.stdout


def test_the_examples_record_is_what_its_file_builds(tmp_path: Path) -> None:
    """docs/examples/doklam-2017-history.json is rebuilt from its history file, not kept by hand."""
    out = tmp_path / "built.json"
    result = CliRunner().invoke(main, ["history", str(DOKLAM), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert out.read_bytes() == (EXAMPLES / "doklam-2017-history.json").read_bytes()


def test_a_bad_file_is_one_line_naming_file_and_place_and_writes_nothing(tmp_path: Path) -> None:
    history = _copy_example(tmp_path)
    good = history.read_text(encoding="utf-8")
    cases = {
        "off the calendar": (
            good.replace("date = 2017-06-26", "date = 2017-06-27"),
            "orders[1].date: expected the first day of one of the 11 rounds played from 2017-06-19",
        ),
        "an order the actor may not give": (
            good.replace('["demand_withdrawal", "IND"]', '["demand_withdrawal", "CHN"]'),
            "orders[2].acts.CHN: unknown target 'CHN'",
        ),
        "an unknown actor in a claim": (
            good.replace('actor = "CHN"', 'actor = "BTN"'),
            "claims[2].actor: no such actor 'BTN' in doklam-2017",
        ),
        "no scenario beside it": (
            good.replace('scenario = "doklam-2017"', 'scenario = "doklam-2018"'),
            "replay.scenario: no bundled scenario 'doklam-2018' and no doklam-2018.toml beside this file",
        ),
    }
    for name, (text, message) in cases.items():
        history.write_text(text, encoding="utf-8")
        result = CliRunner().invoke(main, ["history", str(history)])
        assert result.exit_code == 2, name
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, name
        assert result.stderr.startswith(f"error: {history}: {message}"), (name, result.stderr)
        assert not history.with_suffix(".json").exists(), name


def test_a_replay_that_does_not_show_its_claims_writes_nothing(tmp_path: Path) -> None:
    history = _copy_example(tmp_path)
    text = history.read_text(encoding="utf-8").replace("at_most = { round = 6 }", "at_most = 20.0")
    history.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["history", str(history)])
    assert result.exit_code == 1
    assert "FAILS: tension after Week 11 (2017-08-28) is 29.857, expected <= 20.000" in result.stderr
    assert not history.with_suffix(".json").exists()


def test_output_takes_one_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["history", str(DOKLAM), str(DOKLAM), "-o", str(tmp_path / "x.json")])
    assert result.exit_code == 2
    assert "--output: expected one FILE with --output, got 2" in result.stderr


def test_a_scenario_or_an_order_script_is_named_as_such(tmp_path: Path) -> None:
    """The two files an author confuses with a history file: the scenario beside it, and an order
    script (the round format of ``simulate --orders``, which the worked example once used)."""
    script = tmp_path / "script.toml"
    script.write_text(
        '[[rounds]]\norders.CHN = { instrument = "patrol", target = "IND" }\n', encoding="utf-8"
    )
    for path, looks in ((EXAMPLES / "doklam-2017.toml", "a scenario file"), (script, "an order script")):
        result = CliRunner().invoke(main, ["history", str(path)])
        assert result.exit_code == 2
        assert result.stderr.startswith(f"error: {path}: replay: this looks like {looks}"), result.stderr


def test_lint_says_which_command_rebuilds_a_stale_replay(tmp_path: Path) -> None:
    """After an edit to the scenario its record no longer replays: the lint names the command."""
    history = _copy_example(tmp_path)
    assert CliRunner().invoke(main, ["history", str(history)]).exit_code == 0
    scenario = tmp_path / "doklam-2017.toml"
    text = scenario.read_text(encoding="utf-8")
    scenario.write_text(text.replace("round_days = 7", "round_days = 7\n# an edit", 1), encoding="utf-8")
    result = CliRunner().invoke(main, ["lint", str(scenario), "--seeds", "1"])
    assert "warning: stale-replay: doklam-2017-history.json: cannot be replayed on this file" in result.stdout
    assert "rebuild it from `wargame history doklam-2017-history.toml`" in result.stdout
    assert CliRunner().invoke(main, ["history", str(history)]).exit_code == 0
    result = CliRunner().invoke(main, ["lint", str(scenario), "--seeds", "1"])
    assert "stale-replay" not in result.stdout
