"""Issue 17: ``wargame replay --check`` finds a scenario kept outside ``scenarios/``: ``ID.toml``
beside the record, in the folder above it, or in the current folder (``--scenario FILE`` names it
outright)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.helpers import DYAD
from wargame.cli import main
from wargame.engine.state import Order
from wargame.game import Game
from wargame.record import io as record_io
from wargame.record.models import Checkpoint


def _replay(scenario: Path, out: Path) -> None:
    game = Game.new(scenario, seed=0, mode="expectation", rounds=3)
    for _ in range(3):
        game.play_round({"A": Order("talk", "B")})
    record = game.record
    record.checkpoints = [Checkpoint(after_round=3, tension=[0.0, 100.0], note="the meter stays in range")]
    record_io.save(out, record)


@pytest.mark.parametrize("where", ["beside", "above", "cwd"])
def test_replay_check_finds_the_scenario_outside_scenarios(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    crisis = tmp_path / "crisis"
    (crisis / "replays").mkdir(parents=True)
    folder = {"beside": crisis / "replays", "above": crisis, "cwd": tmp_path}[where]
    scenario = folder / "dyad.toml"
    scenario.write_bytes(DYAD.read_bytes())
    record = crisis / "replays" / "dyad-history.json"
    _replay(scenario, record)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["replay", str(record), "--check"])
    assert result.exit_code == 0, result.stderr
    assert "check passed: 1 checkpoint(s)" in result.stdout


def test_without_the_file_the_record_says_how_to_give_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = tmp_path / "dyad-history.json"
    _replay(DYAD, record)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["replay", str(record), "--check"])
    assert result.exit_code == 2
    assert "give the scenario file with --scenario FILE" in result.stderr
