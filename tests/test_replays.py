"""Golden replays under tests/replays/, run through ``wargame replay --check`` (issue 2)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.helpers import REPLAYS
from wargame.cli import main
from wargame.engine.doctrines import DOCTRINES

GOLDENS = sorted(p for p in REPLAYS.glob("*.json") if p.name != "fingerprints.json")


def test_there_is_a_golden_for_the_opening_and_every_doctrine() -> None:
    names = {p.stem for p in GOLDENS}
    assert "korea-2022-opening" in names
    for d in DOCTRINES:
        assert f"doctrine-{d.replace('_', '-')}" in names, d


@pytest.mark.parametrize("path", GOLDENS, ids=[p.stem for p in GOLDENS])
def test_golden_replay_checks(path: Path) -> None:
    result = CliRunner().invoke(main, ["replay", str(path), "--check"])
    assert result.exit_code == 0, result.stderr + result.stdout[-2000:]
    assert "check passed" in result.stdout
    assert json.loads(path.read_text())["checkpoints"], "a golden without checkpoints checks nothing"


def test_check_fails_naming_the_first_failing_checkpoint(tmp_path: Path) -> None:
    data = json.loads((REPLAYS / "korea-2022-opening.json").read_text())
    data["checkpoints"][2]["tension"] = [0, 1]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    result = CliRunner().invoke(main, ["replay", str(bad), "--check"])
    assert result.exit_code == 1
    assert "CHECK FAILED: checkpoints.2 (after round 3): tension" in result.stderr


def test_opening_tells_the_story_in_both_voices() -> None:
    """Each act in its maker's words and in its rival's: Washington's "purely defensive" drill is
    KCNA's "aggressive and provocative" war drill (history.md §1; theory.md §3.10)."""
    result = CliRunner().invoke(main, ["replay", str(REPLAYS / "korea-2022-opening.json")])
    out = result.stdout
    assert result.exit_code == 0
    assert "Week 1 (2022-10-31)" in out and "Week 9" in out
    assert '"purely defensive"' in out
    assert '"aggressive and provocative"' in out
    assert "territorial invasion" in out
    assert "trust in DPRK 0.15 →" in out


def test_replay_json_has_every_round() -> None:
    result = CliRunner().invoke(
        main, ["replay", str(REPLAYS / "korea-2022-opening.json"), "--json", "--check"]
    )
    data = json.loads(result.stdout)
    assert [r["round"] for r in data["rounds"]] == list(range(1, 10))
    assert data["check"]["passed"] is True
    first = data["rounds"][0]["acts"][0]
    assert first["readings"] and {"observer", "text", "trust_before", "trust_after"} <= set(
        first["readings"][0]
    )


def test_installed_entry_point_runs_a_replay() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "wargame.cli", "replay", str(REPLAYS / "doctrine-grit.json"), "--check"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    assert "peace by sustained détente" in proc.stdout


def test_replayed_games_are_byte_identical_to_their_fingerprints() -> None:
    """Every listed golden replays to exactly the same states, perceptions and acts, byte for byte
    (issue 6: speed work must not change any result)."""
    from tests.replays.fingerprint import FILE, fingerprint

    expected = json.loads(FILE.read_text())
    # every golden is fingerprinted: a new one must be added with fingerprint.py --write
    assert set(expected) == {p.name for p in GOLDENS}
    for name, digest in expected.items():
        assert fingerprint(REPLAYS / name) == digest, f"{name} no longer replays identically"


def test_each_doctrine_golden_is_a_game_of_its_own() -> None:
    """A doctrine's golden guards that doctrine only if its game differs from every other's
    (the Bayesian security seeker's once repeated defensive-only's, byte for byte)."""
    from tests.replays.fingerprint import FILE

    digests = {n: d for n, d in json.loads(FILE.read_text()).items() if n.startswith("doctrine-")}
    assert len(digests) >= 12
    assert len(set(digests.values())) == len(digests), digests


def test_the_korea_opening_direction_holds_over_many_seeds() -> None:
    """The golden's direction checkpoint (seed 2022) is a theory claim, so it must not rest on one
    lucky run: over 50 seeds the sourced Nov-Dec 2022 weeks keep tension at crisis level, DPRK's
    trust in the US near its floor, and no war."""
    from tests.replays.generate import KOREA_WEEKS, play_sourced
    from wargame.game import Game

    for seed in range(50):
        game = Game.new("korea-2022", seed=seed, mode="stochastic", rounds=24)
        play_sourced(game, KOREA_WEEKS)
        st = game.state
        assert st.round == 9 and st.outcome is None, seed
        assert st.tension >= 60, (seed, st.tension)
        assert st.trust("DPRK", "USA") <= 0.1, seed
