"""Bad input gets one clear message naming the file, the place and what was expected; exit 2; no
traceback; the file is left as it was (issue 2, "Bad input")."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.helpers import DYAD
from wargame.cli import main
from wargame.game import Game


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def assert_clear_error(path: Path, before: bytes, code: int, err: str, *needles: str) -> None:
    assert code == 2, err
    assert "Traceback" not in err
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1, err
    assert str(path) in lines[0]
    for n in needles:
        assert n in lines[0], lines[0]
    assert path.read_bytes() == before, "the file must be left as it was"


def scenario_variant(tmp_path: Path, old: str, new: str, name: str = "bad.toml") -> Path:
    text = DYAD.read_text()
    assert old in text
    p = tmp_path / name
    p.write_text(text.replace(old, new, 1))
    return p


def test_toml_syntax_error_names_line(tmp_path: Path) -> None:
    p = scenario_variant(tmp_path, 'title = "Two-actor theory test bed"', 'title = "unterminated')
    before = p.read_bytes()
    code, _, err = run("validate", str(p))
    assert_clear_error(p, before, code, err, "line 7", "TOML syntax error")


def test_missing_field_names_path(tmp_path: Path) -> None:
    p = scenario_variant(tmp_path, 'capital = "A-city"\n', "")
    before = p.read_bytes()
    code, _, err = run("validate", str(p))
    assert_clear_error(p, before, code, err, "actors.0.capital", "missing required field")


def test_mistyped_field(tmp_path: Path) -> None:
    p = scenario_variant(tmp_path, "year = 2000", 'year = "two thousand"')
    before = p.read_bytes()
    code, _, err = run("validate", str(p))
    assert_clear_error(p, before, code, err, "scenario.year", "integer")


def test_unknown_field_is_a_spelling_hint(tmp_path: Path) -> None:
    p = scenario_variant(tmp_path, "offense_advantage = 0.5", "ofense_advantage = 0.5")
    before = p.read_bytes()
    code, _, err = run("validate", str(p))
    assert_clear_error(p, before, code, err, "world.ofense_advantage", "unknown field")


def test_probability_out_of_range(tmp_path: Path) -> None:
    p = scenario_variant(tmp_path, "trust = 0.6", "trust = 1.6")
    before = p.read_bytes()
    code, _, err = run("validate", str(p))
    assert_clear_error(p, before, code, err, "beliefs.0.trust", "less than 1", "1.6")


def test_unknown_actor_in_beliefs(tmp_path: Path) -> None:
    p = scenario_variant(tmp_path, 'observer = "A"', 'observer = "Q"')
    before = p.read_bytes()
    code, _, err = run("validate", str(p))
    assert_clear_error(p, before, code, err, "beliefs.0.observer", "unknown actor 'Q'")


def test_unknown_instrument_in_roles(tmp_path: Path) -> None:
    p = scenario_variant(tmp_path, 'defensive = "def_posture"', 'defensive = "moat"')
    before = p.read_bytes()
    code, _, err = run("validate", str(p))
    assert_clear_error(p, before, code, err, "roles.defensive", "unknown instrument 'moat'")


def _record(tmp_path: Path, rounds: int = 2) -> tuple[Path, dict]:
    game = Game.new(DYAD, seed=3, humans=["A"])
    for _ in range(rounds):
        from wargame.engine.state import Order

        game.play_round({"A": Order("talk", "B")})
    p = tmp_path / "save.json"
    game.save(p)
    return p, json.loads(p.read_text())


def _with_scenario_path(monkeypatch: pytest.MonkeyPatch) -> None:
    # records name a scenario id; map the test bed's id to its file
    from wargame.scenario import paths

    real = paths.bundled
    monkeypatch.setattr(paths, "bundled", lambda: {**real(), "dyad": DYAD})


def test_order_for_instrument_actor_may_not_use(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _with_scenario_path(monkeypatch)
    p, data = _record(tmp_path)
    data["rounds"][1]["orders"]["A"] = {"instrument": "nuke_the_moon", "target": "B"}
    p.write_text(json.dumps(data))
    before = p.read_bytes()
    code, _, err = run("validate", str(p))
    assert_clear_error(p, before, code, err, "rounds.1.orders.A", "unknown instrument 'nuke_the_moon'")


def test_order_with_unknown_target(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _with_scenario_path(monkeypatch)
    p, data = _record(tmp_path)
    data["rounds"][0]["orders"]["B"] = {"instrument": "talk", "target": "ZZ"}
    p.write_text(json.dumps(data))
    before = p.read_bytes()
    code, _, err = run("replay", str(p))
    assert_clear_error(p, before, code, err, "rounds.0.orders.B", "unknown target 'ZZ'")


def test_truncated_save(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _with_scenario_path(monkeypatch)
    p, _ = _record(tmp_path)
    text = p.read_text()
    p.write_text(text[: len(text) // 2])
    before = p.read_bytes()
    code, _, err = run("replay", str(p))
    assert_clear_error(p, before, code, err, "line", "not valid JSON", "truncated")


def test_hand_edited_save_wrong_type(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _with_scenario_path(monkeypatch)
    p, data = _record(tmp_path)
    data["seed"] = "seven"
    p.write_text(json.dumps(data))
    before = p.read_bytes()
    code, _, err = run("validate", str(p))
    assert_clear_error(p, before, code, err, "seed", "integer")


def test_record_for_another_scenario_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _with_scenario_path(monkeypatch)
    p, data = _record(tmp_path)
    data["scenario"]["sha256"] = "0" * 64
    p.write_text(json.dumps(data))
    before = p.read_bytes()
    code, _, err = run("replay", str(p))
    assert_clear_error(p, before, code, err, "scenario.sha256", "another version")


def test_record_from_newer_wargame(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _with_scenario_path(monkeypatch)
    p, data = _record(tmp_path)
    data["schema_version"] = 99
    p.write_text(json.dumps(data))
    before = p.read_bytes()
    code, _, err = run("validate", str(p))
    assert_clear_error(p, before, code, err, "schema_version", "newer wargame")


def test_unknown_scenario_id() -> None:
    code, _, err = run("simulate", "--scenario", "atlantis-1999", "--seeds", "1")
    assert code == 2
    assert "atlantis-1999" in err and "bundled" in err


def test_bad_policy_option() -> None:
    code, _, err = run("simulate", "--scenario", str(DYAD), "--policy", "A=pacifist")
    assert code == 2
    assert "unknown doctrine" in err and "Traceback" not in err


def test_real_process_exit_code_and_no_traceback(tmp_path: Path) -> None:
    """The installed entry point, not just click's runner: exit 2 and one line on stderr."""
    p = scenario_variant(tmp_path, "trust = 0.6", "trust = -0.1")
    proc = subprocess.run(
        [sys.executable, "-m", "wargame.cli", "validate", str(p)], capture_output=True, text=True
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.count("\n") == 1 and "beliefs.0.trust" in proc.stderr


@pytest.mark.parametrize(
    ("make", "option", "needles"),
    [
        (lambda d: d / "missing.json", "--load", ["cannot read file"]),
        (lambda d: _write(d / "cut.json", '{"schema_version": 1, "seed": 3'), "--load", ["not valid JSON"]),
        (lambda d: _write(d / "bad.toml", "[scenario\nid = 1"), "--scenario", ["TOML syntax error"]),
        (
            lambda d: _write(
                d / "wrong.toml", DYAD.read_text().replace('start_date = "2000-01-03"', "start_date = 5")
            ),
            "--scenario",
            ["scenario.start_date"],
        ),
    ],
)
def test_playing_a_broken_file_fails_before_the_screen_opens(
    tmp_path: Path, make: object, option: str, needles: list[str]
) -> None:
    """``wargame --load SAVE`` and ``wargame --scenario FILE`` check the file first: one clear
    message naming the file and place, exit 2, the file untouched, and no game screen."""
    path = make(tmp_path)  # type: ignore[operator]
    before = path.read_bytes() if path.exists() else b""
    code, _, err = run(option, str(path))
    assert code == 2, err
    assert "Traceback" not in err and str(path) in err
    for n in needles:
        assert n in err
    if path.exists():
        assert path.read_bytes() == before


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("args", "place", "expected"),
    [
        (["--type", "DPRK=evil"], "--type DPRK=evil", "expected security_seeker or greedy"),
        (["--policy", "DPRK=wizard"], "--policy DPRK=wizard", "unknown doctrine"),
        (["--type", "XYZ=greedy"], "XYZ", "unknown actor"),
    ],
)
def test_simulate_names_the_bad_option(args: list[str], place: str, expected: str) -> None:
    code, _, err = run("simulate", "--seeds", "2", *args)
    assert code == 2 and "Traceback" not in err
    assert f"command line: {place}: {expected}" in err
