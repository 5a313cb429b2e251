"""Old games stay readable in the app (issue 11, item 9): a save played on another model version
opens with one warning toast, playing on writes the autosave (on the installed model), and the
loaded file is never rewritten, not even when it is the autosave itself."""

from __future__ import annotations

import json
from pathlib import Path

from tests.tui.conftest import end_week
from wargame import recent
from wargame.engine.state import Order
from wargame.engine.version import MODEL_VERSION
from wargame.game import Game
from wargame.record import io as record_io
from wargame.tui.app import WargameApp, make_app
from wargame.tui.saves import autosave_path
from wargame.tui.screens.game import GameScreen
from wargame.tui.screens.replay import ReplayScreen


def old_save(path: Path, humans: list[str] | None = None, rounds: int = 2) -> bytes:
    """A Korea game written as before model versions (schema 1, no model_version); its bytes."""
    game = Game.new("korea-2022", seed=4, humans=humans if humans is not None else ["USA"], rounds=6)
    for _ in range(rounds):
        game.play_round({h: Order("talk", "DPRK") for h in game.humans})
    data = json.loads(record_io.dumps(game.record))
    del data["model_version"]
    data["schema_version"] = 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return path.read_bytes()


def model_notes(app: WargameApp) -> list[str]:
    return [n.message for n in app._notifications if "played on model 1" in n.message]


async def test_loading_an_old_save_says_so_once_and_playing_on_writes_only_the_autosave(
    save_dir: Path,
) -> None:
    old = save_dir / "old.json"
    before = old_save(old)
    mtime = old.stat().st_mtime_ns
    app = make_app("korea-2022", load_path=old, save_dir=save_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, GameScreen) and app.game is not None and app.game.round == 2
        notes = model_notes(app)
        assert len(notes) == 1 and "\n" not in notes[0]
        assert f"it is replayed on model {MODEL_VERSION} (docs/model.md)" in notes[0]
        await end_week(pilot)
        assert app.game.round == 3
        app.flush_autosave()
    auto = json.loads(autosave_path(save_dir).read_text())
    assert auto["model_version"] == MODEL_VERSION and len(auto["rounds"]) == 3
    assert old.read_bytes() == before and old.stat().st_mtime_ns == mtime


async def test_continuing_an_old_autosave_keeps_the_original_file(save_dir: Path) -> None:
    """Resuming the autosave rewrites it; when it was played on another model, its bytes are kept
    in Recent games first (the rewrite would change them)."""
    auto = autosave_path(save_dir)
    before = old_save(auto)
    app = make_app(save_dir=save_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, GameScreen) and app.game is not None and app.game.round == 2
        assert len(model_notes(app)) == 1
    (kept,) = recent.recent_games(save_dir)
    assert (recent.recent_dir(save_dir) / kept.file).read_bytes() == before
    assert json.loads(auto.read_text())["model_version"] == MODEL_VERSION


async def test_an_old_replay_opens_with_the_note(save_dir: Path) -> None:
    old = save_dir / "ai-only.json"
    before = old_save(old, humans=[], rounds=3)
    app = make_app(save_dir=save_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.open_record(old, "replay") is None
        await pilot.pause()
        assert isinstance(app.screen, ReplayScreen)
        assert len(model_notes(app)) == 1
    assert old.read_bytes() == before
    assert not autosave_path(save_dir).exists()


async def test_a_class_saved_on_another_model_says_so_once_after_its_pin(save_dir: Path) -> None:
    """A PIN-protected class played on the previous model: after the facilitator's PIN, the class
    resumes at its hand-off with the one warning toast a single game gets (it had none)."""
    from tests.conftest import REAL_NEW_STREAM_KEY
    from wargame.classroom import HotSeat
    from wargame.record.models import Settings
    from wargame.tui.screens.handoff import HandoffScreen

    teams = ["DPRK", "ROK"]
    game = Game(
        Game.new("korea-2022").scenario, Settings(humans=teams, rounds=6), 3, stream_key=REAL_NEW_STREAM_KEY()
    )
    hs = HotSeat(game, pin="4321")
    for team in teams:
        hs.submit(team, hs.timeout_order(team))
    hs.resolve()
    data = json.loads(record_io.dumps(game.record))
    hs.close()
    data["model_version"] = MODEL_VERSION - 1
    old = save_dir / "old-class.json"
    old.parent.mkdir(parents=True, exist_ok=True)
    old.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    app = make_app("korea-2022", load_path=old, save_dir=save_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not [n for n in app._notifications if "played on model" in n.message]  # not before the PIN
        await pilot.press(*"4321", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HandoffScreen), type(app.screen).__name__
        notes = [n.message for n in app._notifications if f"played on model {MODEL_VERSION - 1}" in n.message]
        assert len(notes) == 1 and f"it is replayed on model {MODEL_VERSION}" in notes[0], notes
