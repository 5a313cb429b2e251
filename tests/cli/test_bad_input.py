"""Bad input gets one clear message naming the file, the place and what was expected; exit 2; no
traceback; the file is left as it was (issue 2, "Bad input")."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
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


# scenario files: one parametrised table of field errors, tests/scenario/test_field_errors.py


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


def _set(*path_and_value: object) -> Callable[[dict], None]:
    """A mutation of a saved record: set the value at a path of keys."""
    *keys, value = path_and_value

    def mutate(data: dict) -> None:
        node = data
        for k in keys[:-1]:
            node = node[k]  # type: ignore[index]
        node[keys[-1]] = value  # type: ignore[index]

    return mutate


RECORD_CASES = [
    # (case, mutation of the saved JSON (a dict, or None to cut the text in half), command, needles)
    (
        "order for an instrument the actor may not use",
        _set("rounds", 1, "orders", "A", {"instrument": "nuke_the_moon", "target": "B"}),
        "validate",
        ["rounds.1.orders.A", "unknown instrument 'nuke_the_moon'"],
    ),
    (
        "order with an unknown target",
        _set("rounds", 0, "orders", "B", {"instrument": "talk", "target": "ZZ"}),
        "replay",
        ["rounds.0.orders.B", "unknown target 'ZZ'"],
    ),
    ("truncated save", None, "replay", ["line", "not valid JSON", "truncated"]),
    ("hand-edited seed of the wrong type", _set("seed", "seven"), "validate", ["seed", "integer"]),
    (
        "record for another scenario version",
        _set("scenario", "sha256", "0" * 64),
        "replay",
        ["scenario.sha256", "another version"],
    ),
    (
        "record from a newer wargame",
        _set("schema_version", 99),
        "validate",
        ["schema_version", "newer wargame"],
    ),
]


@pytest.mark.parametrize(
    ("case", "mutate", "command", "needles"), RECORD_CASES, ids=[c[0] for c in RECORD_CASES]
)
def test_bad_record(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    case: str,
    mutate: object,
    command: str,
    needles: list[str],
) -> None:
    _with_scenario_path(monkeypatch)
    p, data = _record(tmp_path)
    if mutate is None:
        text = p.read_text()
        p.write_text(text[: len(text) // 2])
    else:
        mutate(data)  # type: ignore[operator]
        p.write_text(json.dumps(data))
    before = p.read_bytes()
    code, _, err = run(command, str(p))
    assert_clear_error(p, before, code, err, *needles)


def test_unknown_scenario_id() -> None:
    code, _, err = run("simulate", "--scenario", "atlantis-1999", "--seeds", "1")
    assert code == 2
    assert "atlantis-1999" in err and "bundled" in err


def test_real_process_exit_code_and_no_traceback(tmp_path: Path) -> None:
    """The installed entry point, not just click's runner: exit 2 and one line on stderr."""
    p = scenario_variant(tmp_path, "trust = 0.6", "trust = -0.1")
    proc = subprocess.run(
        [sys.executable, "-m", "wargame.cli", "validate", str(p)], capture_output=True, text=True
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.count("\n") == 1 and "beliefs[A→B].trust" in proc.stderr


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


SEED_MAX = 2**63 - 1


@pytest.mark.parametrize(
    ("args", "seed", "top"),
    [
        (["simulate", "--seeds", "2"], "18446744073709551615", SEED_MAX - 1),
        (["simulate", "--seeds", "2"], str(SEED_MAX), SEED_MAX - 1),
        (["simulate", "--seeds", "2"], "-1", SEED_MAX - 1),
        (
            [
                "tournament",
                "--sides",
                "BLUE,RED",
                "--scenario",
                "dyad-testbed",
                "--players",
                "hawk",
                "--seeds",
                "2",
            ],
            str(SEED_MAX),
            SEED_MAX - 1,
        ),
        (
            ["sweep", "--scenario", "dyad-testbed", "--set", "world.distinguishability=0.2,0.8"],
            str(SEED_MAX),
            SEED_MAX - 19,
        ),
        (["play"], str(2**64), SEED_MAX),
    ],
)
def test_a_seed_out_of_range_is_one_line_before_anything_runs(
    tmp_path: Path, args: list[str], seed: str, top: int
) -> None:
    """A seed past what a record (and a tidy file's int64 seed column) holds: one line naming
    --seed and the range, exit 2, and no file written."""
    series = tmp_path / "x.parquet"
    extra = ["--series", str(series)] if args[0] == "simulate" else []
    if args[0] in ("tournament", "sweep"):
        extra = ["-o", str(tmp_path / "out")]
    code, _, err = run(*args, "--seed", seed, *extra)
    assert code == 2, err
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1 and "Traceback" not in err, err
    assert f"--seed {seed}: expected a seed in 0..{top}" in lines[0]
    assert not series.exists() and not (tmp_path / "out").exists()
