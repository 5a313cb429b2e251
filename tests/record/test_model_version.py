"""Old games stay readable (issue 11, item 9): records carry the format version and the version of
the rules model they were played on; a record of another model version is replayed on the installed
one (the only one kept), with one line saying so, never rewritten, never a crash."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.helpers import DYAD, FIXTURES
from wargame.cli import main
from wargame.engine.state import Order
from wargame.engine.version import MODEL_VERSION
from wargame.errors import InputError
from wargame.game import Game, check
from wargame.record import io as record_io
from wargame.record.models import SCHEMA_VERSION

PLAN = ["talk", "def_posture", "missile_test", "scale_down_drill", "talk", "sanctions_relief"]


def played(rounds: int = 4, limit: int | None = None, **settings: object) -> Game:
    game = Game.new(DYAD, seed=5, humans=["A"], rounds=limit, **settings)  # type: ignore[arg-type]
    for k in range(rounds):
        game.play_round({"A": Order(PLAN[k % len(PLAN)], "B")})
    return game


def as_old(data: dict) -> dict:
    """A record as a wargame before model versions wrote it: schema 1, no ``model_version``."""
    data = dict(data)
    del data["model_version"]
    data["schema_version"] = 1
    return data


def write(path: Path, data: dict) -> Path:
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return path


def record_json(game: Game) -> dict:
    return json.loads(record_io.dumps(game.record))


@pytest.fixture
def dyad_is_bundled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Records name a scenario id; map the test bed's id to its file (for the CLI)."""
    from wargame.scenario import paths

    real = paths.bundled
    monkeypatch.setattr(paths, "bundled", lambda: {**real(), "dyad": DYAD})


def test_model_version_is_a_positive_int() -> None:
    assert isinstance(MODEL_VERSION, int) and MODEL_VERSION >= 2


def test_a_new_record_carries_both_versions_and_round_trips_them(tmp_path: Path) -> None:
    game = played()
    path = tmp_path / "new.json"
    game.save(path)
    data = json.loads(path.read_text())
    assert data["schema_version"] == SCHEMA_VERSION == 2
    assert data["model_version"] == MODEL_VERSION
    again = Game.load(path, game.scenario)
    assert again.load_note == "" and again.recorded_model == MODEL_VERSION
    assert again.record.model_version == MODEL_VERSION
    assert record_io.dumps(again.record) == path.read_text(), "a same-model record saves byte for byte"


def test_a_schema_2_record_must_say_its_model_version(tmp_path: Path) -> None:
    data = record_json(played())
    del data["model_version"]
    with pytest.raises(InputError) as err:
        record_io.parse(json.dumps(data), "x.json")
    assert err.value.place == "model_version" and "missing" in err.value.expected


def test_an_old_record_loads_as_model_1_with_one_line_and_its_file_is_never_rewritten(
    tmp_path: Path,
) -> None:
    game = played(rounds=4, limit=10)
    path = write(tmp_path / "old.json", as_old(record_json(game)))
    before, mtime = path.read_bytes(), path.stat().st_mtime_ns
    assert record_io.load(path).model_version == 1
    old = Game.load(path, game.scenario)
    assert old.recorded_model == 1 and old.round == 4 and old.unreplayed_rounds == 0
    note = old.load_note
    assert "\n" not in note
    assert note == (
        f"{path} was played on model 1; it is replayed on model {MODEL_VERSION} (docs/model.md), "
        "so events after the first changed outcome may differ"
    )
    # playing on and saving writes another file, on the installed model; the old one stays as it was
    old.play_round({"A": Order("talk", "B")})
    elsewhere = tmp_path / "autosave.json"
    old.save(elsewhere)
    assert json.loads(elsewhere.read_text())["model_version"] == MODEL_VERSION
    assert Game.load(elsewhere, game.scenario).load_note == ""
    assert path.read_bytes() == before and path.stat().st_mtime_ns == mtime


def test_an_old_record_whose_orders_run_past_the_end_replays_up_to_the_end(tmp_path: Path) -> None:
    """The new model may end a game earlier than the old one did: the rounds recorded after the
    end cannot be replayed, so the game opens at its end and the note says what is left out.
    (Rounds past the round limit of the record's own settings are a corrupt record on every model:
    tests/test_hostile_input.py.)"""
    game = Game.new(DYAD, seed=5, humans=["A"])
    while not game.is_over:  # sustained relief ends the dyad's spiral in détente (round 7)
        game.play_round({"A": Order("sanctions_relief", "B")})
    end = game.round
    assert game.state.outcome is not None and end < game.round_limit
    data = record_json(game)
    data["rounds"] += [data["rounds"][0], data["rounds"][1]]  # two weeks the old model still played
    with pytest.raises(InputError, match=f"already ended in round {end}"):  # a same-model record is corrupt
        record_io_game(data, game)
    path = write(tmp_path / "old.json", as_old(data))
    before = path.read_bytes()
    old = Game.load(path, game.scenario)
    assert old.round == end and old.unreplayed_rounds == 2 and old.is_over
    assert old.state.to_json() == game.state.to_json()
    outcome = game.state.outcome.value.replace("_", " ")
    assert old.load_note == (
        f"{path} was played on model 1; it is replayed on model {MODEL_VERSION} (docs/model.md) "
        f"up to round {end}, where the game now ends ({outcome}), so its last recorded 2 rounds cannot "
        "be shown"
    )
    assert path.read_bytes() == before


def test_an_old_record_with_an_order_now_illegal_replays_up_to_it(tmp_path: Path) -> None:
    game = played(rounds=4)
    data = record_json(game)
    data["rounds"][2]["orders"]["A"] = {"instrument": "retired_instrument", "target": "B"}
    with pytest.raises(InputError, match="unknown instrument"):
        record_io_game(data, game)
    old = Game.load(write(tmp_path / "old.json", as_old(data)), game.scenario)
    assert old.round == 2 and old.unreplayed_rounds == 2
    assert "up to round 2: round 3's order for A is illegal there (unknown instrument" in old.load_note
    assert old.load_note.endswith("so its last recorded 2 rounds cannot be shown")


def test_old_checkpoints_are_set_aside_not_checked_nor_carried_on() -> None:
    game = played(rounds=3)
    data = record_json(game)
    data["checkpoints"] = [{"after_round": 3, "tension": [0, 100]}]
    old = Game.from_record(record_io.parse(json.dumps(as_old(data))), game.scenario, source="old.json")
    assert old.checkpoints == [] and len(old.stale_checkpoints) == 1
    assert check(old) == [
        f"its 1 checkpoint(s) were recorded on model 1 and are not checked against model {MODEL_VERSION}"
        " (docs/model.md)"
    ]
    assert check(old, old.stale_checkpoints) == [], "checkpoints passed explicitly are checked"
    assert old.record.checkpoints == [], "an old model's claims are not saved as the new model's"
    assert old.record.model_version == MODEL_VERSION


def test_an_old_record_of_another_scenario_version_is_replayed_on_the_installed_one() -> None:
    """A model change brings its scenario files along (only the installed ones are kept): an old
    model's record pinned to an earlier scenario file replays on the installed file, and says so.
    A record of the installed model pinned to another scenario file is still refused."""
    game = played(rounds=2)
    data = record_json(game)
    data["scenario"]["sha256"] = "0" * 64
    with pytest.raises(InputError, match="another version of scenario 'dyad'"):
        record_io_game(data, game)
    old = Game.from_record(record_io.parse(json.dumps(as_old(data))), game.scenario, source="old.json")
    assert old.round == 2 and old.state.to_json() == game.state.to_json()
    assert old.load_note.startswith(
        "old.json was played on model 1 and another version of scenario 'dyad'; it is replayed on "
        f"model {MODEL_VERSION} (docs/model.md)"
    )
    assert old.record.scenario.sha256 == game.scenario.sha256


def test_a_real_model_1_record_still_opens(tmp_path: Path) -> None:
    """A record as model 1 wrote it (the hawk golden before the model and scenario changes of
    issue 11): it opens on the installed model, with the note, and the file is left as it was."""
    path = FIXTURES / "model-1-doctrine-hawk.json"
    before = path.read_bytes()
    data = json.loads(before)
    assert data["schema_version"] == 1 and "model_version" not in data
    old = Game.load(path)
    assert 0 < old.round <= len(data["rounds"]) and old.round + old.unreplayed_rounds == len(data["rounds"])
    assert f"{path} was played on model 1" in old.load_note and "\n" not in old.load_note
    assert len(old.stale_checkpoints) == len(data["checkpoints"]) and old.checkpoints == []
    code, out, err = run("replay", str(path))
    assert code == 0 and lines(err) == [f"note: {old.load_note}"] and "Week 1" in out
    code, out, err = run("replay", str(path), "--check")
    assert code == 2 and out == "" and "recorded on model 1 and are not checked" in err
    assert path.read_bytes() == before


def test_a_record_of_a_newer_model_is_replayed_on_this_one_too() -> None:
    game = played(rounds=2)
    data = record_json(game)
    data["model_version"] = MODEL_VERSION + 1
    newer = Game.from_record(record_io.parse(json.dumps(data)), game.scenario, source="new.json")
    assert newer.round == 2
    assert f"was played on model {MODEL_VERSION + 1}; it is replayed on model {MODEL_VERSION}" in (
        newer.load_note
    )


def record_io_game(data: dict, game: Game) -> Game:
    return Game.from_record(record_io.parse(json.dumps(data)), game.scenario)


# --- the command line ---------------------------------------------------------------------------


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def lines(text: str) -> list[str]:
    return [ln for ln in text.splitlines() if ln.strip()]


def past_the_end(tmp_path: Path) -> tuple[Path, Game]:
    """An old record whose last round no longer replays (its order is now illegal); a round past
    its own settings' round limit would be a corrupt record on every model (issue 13)."""
    game = played(rounds=3)
    data = record_json(game)
    retired = {"instrument": "retired_instrument", "target": "B"}
    data["rounds"].append({**data["rounds"][0], "orders": {**data["rounds"][0]["orders"], "A": retired}})
    data["checkpoints"] = [{"after_round": 3, "tension": [0, 100]}]
    return write(tmp_path / "old.json", as_old(data)), game


@pytest.mark.usefixtures("dyad_is_bundled")
def test_cli_replay_and_debrief_of_an_old_record_print_one_note(tmp_path: Path) -> None:
    path, _game = past_the_end(tmp_path)
    before = path.read_bytes()
    for args in (["replay", str(path)], ["replay", str(path), "--json"], ["debrief", str(path)]):
        code, out, err = run(*args)
        assert code == 0, err
        assert lines(err) == [Game.load(path).load_note.join(("note: ", ""))], args
        assert "played on model 1" in err and "up to round 3" in err and "Traceback" not in err
        assert out
    code, out, err = run("validate", str(path))
    assert code == 0 and "ok (record for dyad, 3 rounds)" in out
    assert len(lines(err)) == 1 and "played on model 1" in err
    assert path.read_bytes() == before


@pytest.mark.usefixtures("dyad_is_bundled")
def test_cli_replay_check_of_an_old_record_exits_2_saying_its_checkpoints_are_not_checked(
    tmp_path: Path,
) -> None:
    path, _ = past_the_end(tmp_path)
    for extra in ([], ["--json"]):
        code, out, err = run("replay", str(path), "--check", *extra)
        assert code == 2 and out == ""
        assert lines(err) == [
            f"error: {path}: its 1 checkpoint(s) were recorded on model 1 and are not checked against "
            f"model {MODEL_VERSION} (docs/model.md); replay it without --check, or record new "
            "checkpoints on this model"
        ]
    # an old record without checkpoints (an autosave) has nothing to pass on this model either
    data = json.loads(path.read_text())
    write(path, {**data, "checkpoints": []})
    code, out, err = run("replay", str(path), "--check")
    assert code == 2 and out == ""
    assert lines(err) == [
        f"error: {path}: it was played on model 1, and this is model {MODEL_VERSION} (docs/model.md); "
        "replay it without --check, or record new checkpoints on this model"
    ]
    # the same record on the installed model is checked as before
    data.update(schema_version=SCHEMA_VERSION, model_version=MODEL_VERSION, rounds=data["rounds"][:3])
    write(path, data)
    code, out, err = run("replay", str(path), "--check")
    assert code == 0 and err == "" and "check passed: 1 checkpoint(s)" in out


@pytest.mark.usefixtures("dyad_is_bundled")
def test_cli_an_old_record_that_cannot_be_shown_at_all_exits_2_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, _ = past_the_end(tmp_path)
    data = json.loads(path.read_text())
    data["scenario"]["id"] = "atlantis-1999"  # no such scenario installed: nothing to replay it on
    write(path, data)
    before = path.read_bytes()
    opened: list[object] = []
    import wargame.tui.app

    monkeypatch.setattr(wargame.tui.app, "run_app", lambda **kw: opened.append(kw))
    for args in (["replay", str(path)], ["debrief", str(path)], ["--load", str(path)]):
        code, _, err = run(*args)
        assert code == 2, args
        assert lines(err) == [lines(err)[0]] and str(path) in err and "scenario.id" in err
        assert "Traceback" not in err
    assert opened == [], "the screen never opens on a record that cannot be shown"
    assert path.read_bytes() == before


@pytest.mark.usefixtures("dyad_is_bundled")
def test_cli_load_of_an_old_record_that_replays_opens_the_game(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, _ = past_the_end(tmp_path)
    opened: list[dict] = []
    import wargame.tui.app

    monkeypatch.setattr(wargame.tui.app, "run_app", lambda **kw: opened.append(kw))
    code, _, err = run("--load", str(path))
    assert code == 0, err
    assert opened and opened[0]["load_path"] == str(path)
