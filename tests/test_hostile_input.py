"""Hostile input (issue 13): one line naming the file, the place and what was expected; exit 2; no
traceback; nothing escaped raw to the terminal; no stall; nothing lost. One test (or more) per item
of the issue, each failing on the main it was filed against. The TUI items: tests/tui/test_hostile.py;
the fuzz suite that keeps all this so: tests/fuzz/."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.helpers import DYAD, FIXTURES, ROOT
from wargame import recent
from wargame.cli import main
from wargame.game import Game
from wargame.record import io as record_io
from wargame.scenario.load import load as load_scenario

OLD_RECORD = FIXTURES / "model-1-doctrine-hawk.json"  # korea-2022 on model 1, 9 rounds, limit 24


def run(*args: str) -> tuple[int, str, str]:
    """The command as a terminal would see it (``color=True``: click strips no escape codes)."""
    result = CliRunner().invoke(main, list(args), color=True)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.stdout, result.stderr


def one_clear_line(code: int, err: str, path: Path | None = None) -> str:
    assert code == 2, err[:500]
    assert "Traceback" not in err
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1, err[:500]
    line = lines[0]
    assert line.isprintable(), repr(line[:300])  # no escape, control or bidirectional character
    if path is not None:
        assert str(path) in line
    return line


def write(path: Path, data: str | bytes) -> Path:
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def korea_record(**change: object) -> dict:
    game = Game.new("korea-2022", seed=3)
    for _ in range(4):
        game.play_round({})
    data = json.loads(game.record.model_dump_json())
    data.update(change)
    return data


# --- 1. deep nesting ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "command"),
    [
        ("deep.json", "[" * 986 + "]" * 986, "validate"),
        ("deep-object.json", '{"a":' * 5000 + "1" + "}" * 5000, "replay"),
        ("open.json", "[" * 100_000, "debrief"),
        ("deep-array.toml", "a = " + "[" * 493 + "]" * 493 + "\n", "validate"),
        ("deep-inline.toml", "a = " + "{b=" * 329 + "1" + "}" * 329 + "\n", "validate"),
    ],
    ids=lambda v: v if isinstance(v, str) and len(v) < 20 else "",
)
def test_deep_nesting_is_one_line_not_a_recursion_error(
    tmp_path: Path, name: str, text: str, command: str
) -> None:
    path = write(tmp_path / name, text)
    line = one_clear_line(*run(command, str(path))[::2], path=path)
    assert "nested more than 32 levels deep" in line
    assert path.read_text() == text


def test_deep_nesting_in_the_scenario_of_play_fails_before_the_screen(tmp_path: Path) -> None:
    path = write(tmp_path / "deep.toml", "a = " + "[" * 493 + "]" * 493 + "\n")
    assert "nested" in one_clear_line(*run("--scenario", str(path))[::2], path=path)


def test_nesting_within_the_limit_still_reads() -> None:
    from wargame import files

    files.check_json("[" * 32 + "]" * 32, "x.json")
    files.check_json('{"a": "' + "[" * 1000 + '"}', "x.json")  # brackets inside a string count for nothing
    files.check_toml('a = "' + "[" * 1000 + '"\n# ' + "{" * 1000 + "\n", "x.toml")


# --- 3. escape codes -------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["\x1b[2J\x1b[31mX", "A\u202eB", "A\x07\x9b2J"], ids=["csi", "rlo", "bel-c1"])
def test_a_hostile_order_key_is_shown_escaped(tmp_path: Path, key: str) -> None:
    data = korea_record()
    data["rounds"][0]["orders"][key] = {"instrument": "talk", "target": "DPRK"}
    path = write(tmp_path / "esc.json", json.dumps(data))
    line = one_clear_line(*run("validate", str(path))[::2], path=path)
    assert "\x1b" not in line and "\u202e" not in line and "\x07" not in line
    assert key.encode("unicode_escape").decode() in line  # the field path, shown escaped


def test_a_hostile_file_name_is_shown_escaped(tmp_path: Path) -> None:
    path = write(tmp_path / "a\x1b]0;owned\x07\u202e.json", "{")
    code, _, err = run("validate", str(path))
    line = one_clear_line(code, err)
    assert "\\x1b]0;owned\\x07\\u202e.json" in line


def test_replay_text_from_a_hostile_record_reaches_the_terminal_escaped(tmp_path: Path) -> None:
    data = korea_record(title="\x1b[2J\u202ehello", description="line\x1b[31m")
    path = write(tmp_path / "t.json", json.dumps(data))
    for args in (["replay", str(path)], ["debrief", str(path)], ["validate", str(path)]):
        code, out, err = run(*args)
        assert code == 0, err
        assert "\x1b" not in out + err and "\u202e" not in out + err, args


# --- 4. stalls ---------------------------------------------------------------------------------


def timed(*args: str) -> tuple[float, int, str]:
    start = time.perf_counter()
    code, _, err = run(*args)
    return time.perf_counter() - start, code, err


def test_a_table_header_of_100000_parts_is_rejected_at_once(tmp_path: Path) -> None:
    path = write(tmp_path / "header.toml", "[" + ".".join(["a"] * 100_000) + "]\n")  # 200 KB
    seconds, code, err = timed("validate", str(path))
    assert "more than 16 parts" in one_clear_line(code, err, path)
    assert seconds < 2.0


def test_a_130_mb_record_is_rejected_by_its_size_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    with path.open("w") as fh:
        fh.write('{"schema_version": 2, "title": "')
        chunk = "x" * (1 << 20)
        for _ in range(130):
            fh.write(chunk)
        fh.write('"}')
    for command in ("validate", "replay"):
        seconds, code, err = timed(command, str(path))
        assert "file too large for a wargame record" in one_clear_line(code, err, path)
        assert seconds < 2.0


def test_a_long_string_is_rejected_before_parsing(tmp_path: Path) -> None:
    path = write(tmp_path / "s.json", json.dumps(korea_record(title="x" * 200_000)))
    assert "a string longer than 100,000 characters" in one_clear_line(*run("validate", str(path))[::2])


# --- 5. --load checks the record by replaying it ----------------------------------------------


def old_record(tmp_path: Path, mutate: object) -> Path:
    data = json.loads(OLD_RECORD.read_text())
    mutate(data)  # type: ignore[operator]
    return write(tmp_path / "old.json", json.dumps(data))


def _unknown_actor(data: dict) -> None:
    data["rounds"][2]["orders"]["XYZ"] = {"instrument": "talk", "target": "DPRK"}


def _unknown_target(data: dict) -> None:
    data["rounds"][2]["orders"]["DPRK"] = {"instrument": "talk", "target": "XYZ"}


def _after_the_end(data: dict) -> None:
    data["settings"]["rounds"] = 2  # nine rounds recorded


@pytest.mark.parametrize(
    ("mutate", "needle"),
    [
        (_unknown_actor, "rounds.2.orders.XYZ: no such actor"),
        (_unknown_target, "unknown target 'XYZ'"),
        (_after_the_end, "rounds.2: a round after the game's last"),
    ],
)
def test_load_refuses_a_record_that_fails_while_replaying(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mutate: object, needle: str
) -> None:
    """Even a record of another model version (which otherwise replays as far as it can) fails when
    the fault is the record's own: exit 2 with the line, and no game screen."""
    path = old_record(tmp_path, mutate)
    before = path.read_bytes()
    opened: list[object] = []
    monkeypatch.setattr("wargame.tui.app.run_app", lambda **kw: opened.append(kw))
    for args in (["--load", str(path)], ["play", "--load", str(path)], ["validate", str(path)]):
        line = one_clear_line(*run(*args)[::2], path=path)
        assert needle in line, line
    assert opened == []
    assert path.read_bytes() == before


# --- 6. a huge bad value is shortened --------------------------------------------------------


def test_a_10_million_character_summary_gives_a_short_line(tmp_path: Path) -> None:
    text = DYAD.read_text()
    old = 'summary = "A and B, the reference prototype of theory.md Appendix A."'
    assert old in text
    huge = write(tmp_path / "huge.toml", text.replace(old, 'summary = "' + "x" * 10_000_000 + '"'))
    line = one_clear_line(*run("validate", str(huge))[::2], path=huge)
    assert len(line) < 300 and "too large" in line
    long = write(tmp_path / "long.toml", text.replace(old, 'summary = "' + "y" * 90_000 + '"'))
    line = one_clear_line(*run("validate", str(long))[::2], path=long)
    assert "scenario.summary" in line and "at most 2000 characters" in line
    assert len(line) < 600 and "…" in line


def test_a_long_bad_value_in_a_record_is_shortened(tmp_path: Path) -> None:
    path = write(tmp_path / "seed.json", json.dumps(korea_record(seed="7" * 5000 + "x")))
    line = one_clear_line(*run("validate", str(path))[::2], path=path)
    assert "seed" in line and "…" in line and len(line) < 400


# --- 7. temporary files -----------------------------------------------------------------------


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_a_save_removes_temporaries_of_killed_saves_but_not_of_running_ones(tmp_path: Path) -> None:
    folder = tmp_path / "saves"
    folder.mkdir()
    dead = write(folder / f".autosave.json.{dead_pid()}.k3j2h1g0.tmp", "{half a save")
    runner = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        live = write(folder / f".autosave.json.{runner.pid}.a1b2c3d4.tmp", "{being written")
        old_style = write(folder / ".game.json.zx81qw7e.tmp", "{old naming, no pid")
        fresh_old_style = write(folder / ".game.json.ab12cd34.tmp", "{old naming, just now")
        two_hours_ago = time.time() - 7200
        os.utime(old_style, (two_hours_ago, two_hours_ago))
        mine = write(folder / "mine.tmp", "not ours")
        Game.new(DYAD, seed=1).save(folder / "autosave.json")
        assert not dead.exists() and not old_style.exists()
        assert live.exists() and fresh_old_style.exists() and mine.exists()
        assert json.loads((folder / "autosave.json").read_text())["seed"] == 1
    finally:
        runner.kill()
        runner.wait()


def test_temporary_names_are_unique_and_carry_the_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wargame import files

    made: list[str] = []
    real = files.tempfile.mkstemp

    def spy(*a: object, **kw: object) -> tuple[int, str]:
        fd, name = real(*a, **kw)  # type: ignore[arg-type]
        made.append(Path(name).name)
        return fd, name

    monkeypatch.setattr(files.tempfile, "mkstemp", spy)
    for _ in range(3):
        files.atomic_write(tmp_path / "x.json", "{}")
    assert len(set(made)) == 3
    assert all(n.startswith(f".x.json.{os.getpid()}.") and n.endswith(".tmp") for n in made)


def test_keeping_the_previous_autosave_fsyncs_a_unique_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    game = Game.new(DYAD, seed=2, humans=["A"])
    from wargame.engine.state import Order

    game.play_round({"A": Order("talk", "B")})
    game.save(tmp_path / "autosave.json")
    folder = recent.recent_dir(tmp_path)
    folder.mkdir()
    write(folder / f".x.json.{dead_pid()}.k3j2h1g0.tmp", "left by a wargame killed mid-write")
    synced: list[int] = []
    real = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(fd), real(fd))[1])
    kept = recent.keep(tmp_path, (tmp_path / "autosave.json").read_bytes())
    assert kept is not None and kept.path.parent == folder
    assert kept.path.read_bytes() == (tmp_path / "autosave.json").read_bytes()
    assert synced, "the copy is fsynced"
    assert sorted(p.name for p in folder.iterdir()) == sorted([".index.json", kept.path.name])


SAVER = """
import sys
from wargame.game import Game
from wargame.engine.state import Order
game = Game.new(sys.argv[2], seed=4, humans=["A"])
print("ready", flush=True)
k = 0
while True:
    k += 1
    if game.is_over:
        game.undo()
    game.play_round({"A": Order("talk", "B")})
    game.title = "x" * (k % 5000)
    game.save(sys.argv[1])
"""


def test_a_save_killed_mid_write_loses_nothing_and_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "autosave.json"
    Game.new(DYAD, seed=4, humans=["A"]).save(target)
    for k in range(3):
        proc = subprocess.Popen(
            [sys.executable, "-c", SAVER, str(target), str(DYAD)], stdout=subprocess.PIPE, cwd=ROOT
        )
        assert proc.stdout is not None and proc.stdout.readline().strip() == b"ready"
        time.sleep(0.05 + 0.03 * k)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        Game.from_record(record_io.load(target), load_scenario(DYAD))  # a whole record, replayable
    Game.new(DYAD, seed=5).save(tmp_path / "other.json")  # the next save to the folder cleans up
    assert sorted(p.name for p in tmp_path.iterdir()) == ["autosave.json", "other.json"]


def test_a_deeply_nested_undo_detail_in_the_facilitator_log_is_words_not_a_crash() -> None:
    """A record's facilitator ``detail`` is a string the record's own check cannot see into."""
    from wargame.analysis.faclog import describe
    from wargame.record.models import FacilitatorAction

    game = Game.new(DYAD, seed=1)
    action = FacilitatorAction(kind="undo", round=1, detail="[" * 5000 + "]" * 5000)
    assert describe(game, action).startswith("undid")


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("Bad \\u001b[2J title", "control or bidirectional character (U+001B)"),
        ("right\\u202eto left", "control or bidirectional character (U+202E)"),
        ("A [/] closer", "tag in square brackets ('/')"),
        ("A [@click=app.quit]link[/]", "tag in square brackets ('@click=app.quit')"),
    ],
)
def test_scenario_text_that_would_act_on_a_terminal_is_refused(
    tmp_path: Path, text: str, needle: str
) -> None:
    """Scenario text reaches every screen: an escape code, a bidi override or a markup tag in it
    would clear a screen, reorder a line, or crash (MarkupError) or act (``@click``) in the TUI."""
    base = DYAD.read_text()
    old = 'summary = "A and B, the reference prototype of theory.md Appendix A."'
    path = write(tmp_path / "t.toml", base.replace(old, f'summary = "{text}"'))
    line = one_clear_line(*run("validate", str(path))[::2], path=path)
    assert "scenario.summary" in line and needle in line, line
    write(tmp_path / "ok.toml", base.replace(old, 'summary = "Footnotes [1] and (a) stay plain text."'))
    assert run("validate", str(tmp_path / "ok.toml"))[0] == 0
