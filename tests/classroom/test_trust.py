"""A classroom that can trust the game (issue 12): one test per breach a student who wants to win
found, each failing on the main before the fix, plus the seed test and secrecy of reasons.

Two processes are stood for by two apps one after the other, with the class's lock held by the
test where the first process would still hold it (``flock`` locks of two open files conflict in
one process as in two). The wall clock of the PIN back-off is the test's (``lock.now``).
"""

from __future__ import annotations

import itertools
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from textual.pilot import Pilot

from tests.conftest import REAL_NEW_STREAM_KEY
from tests.tui.conftest import screen_text
from wargame.analysis.debrief import build
from wargame.analysis.render import html as render_html
from wargame.analysis.render import markdown as render_markdown
from wargame.classroom import ClassTakenError, HotSeat, WrongPinError, unseal
from wargame.cli import main as cli_main
from wargame.engine.state import Order
from wargame.game import Game
from wargame.record import io as record_io
from wargame.record import lock as class_lock
from wargame.record.models import Settings
from wargame.tui.app import WargameApp, make_app
from wargame.tui.saves import autosave_path
from wargame.tui.screens.class_debrief import ClassDebriefScreen
from wargame.tui.screens.facilitator import FacilitatorScreen
from wargame.tui.screens.handoff import HandoffScreen
from wargame.tui.screens.hotseat_setup import HotSeatSetupScreen, ResumeClassScreen
from wargame.tui.screens.reveal import RevealScreen
from wargame.tui.screens.save import SaveScreen
from wargame.tui.screens.team_turn import TeamTurnScreen
from wargame.tui.screens.title import TitleScreen

TEAMS = ["DPRK", "ROK", "USA"]
PIN = "2468"
SEED = 72051
SIZE = (100, 32)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The wall clock of the PIN back-off: ``clock[0]``, moved by the test."""
    now = [1_000_000.0]
    monkeypatch.setattr(class_lock, "now", lambda: now[0])
    return now


@pytest.fixture
def save_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(HandoffScreen, "GUARD", 0.0)  # no wait: Enter alone must still do nothing
    folder = tmp_path / "saves"
    folder.mkdir()
    yield folder


async def new_class(app: WargameApp, pilot: Pilot[None], pin: str | None = PIN) -> HotSeat:
    await pilot.pause()
    assert app.new_class("korea-2022", SEED, pin=pin, humans=TEAMS, rounds=6) is None, app.last_error
    await pilot.pause()
    assert app.classroom is not None
    return app.classroom.hs


async def take_turn(
    pilot: Pilot[None], team: str, reason: str = "", keys: tuple[str, ...] = ("enter",), opening: bool = True
) -> None:
    """The team types its code, closes its brief or report, chooses, gives a reason, seals."""
    await pilot.press(*team, "enter")
    await pilot.pause()
    if opening:
        await pilot.press("escape")  # the brief or the private report
    await pilot.press(*keys)
    if reason:
        await pilot.press("w")
        await pilot.pause()
        await pilot.press(*reason, "enter")
        await pilot.pause()
    await pilot.press("space", "y")
    await pilot.pause()


async def f2_with(pilot: Pilot[None], pin: str) -> None:
    await pilot.press("f2")
    await pilot.pause()
    await pilot.press(*pin, "enter")
    await pilot.pause()


async def choose(pilot: Pilot[None], option: str) -> None:
    menu = pilot.app.screen.query_one("#fac-menu")
    menu.highlighted = menu.get_option_index(option)  # type: ignore[attr-defined]
    await pilot.press("enter")
    await pilot.pause()


# --- 1. one class, one owner; the PIN is kept; the log survives -----------------------------------


async def test_breach1_a_second_window_cannot_open_the_class_and_the_log_survives(
    save_dir: Path, clock: list[float]
) -> None:
    app = make_app("korea-2022", save_dir=save_dir)
    async with app.run_test(size=SIZE) as pilot:
        hs = await new_class(app, pilot)
        class_id = hs.class_id
        older = save_dir / "older.json"
        older.write_bytes(autosave_path(save_dir).read_bytes())  # a copy from before the log below
        await f2_with(pilot, PIN)
        await choose(pilot, "pause")
        await f2_with(pilot, PIN)
        await choose(pilot, "resume")
        assert [f.kind for f in hs.game.facilitator] == ["pause", "resume"]

    # "another process" still holds the class: a second window gets nowhere, PIN or not
    held = class_lock.ClassLock(class_id)
    second = make_app("korea-2022", save_dir=save_dir)
    async with second.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c")  # Continue
        await pilot.pause()
        assert isinstance(second.screen, ResumeClassScreen)
        await pilot.press("enter")  # a blank PIN
        await pilot.pause()
        assert second.classroom is None and isinstance(second.screen, ResumeClassScreen)
        await pilot.press(*PIN, "enter")  # even the right PIN: the class is open elsewhere
        await pilot.pause()
        assert second.classroom is None and "another window" in screen_text(second)
        await pilot.press("f2")
        await pilot.pause()
        assert not isinstance(second.screen, FacilitatorScreen)
    held.release()

    # the owner has gone: a blank PIN still opens nothing; the PIN opens the OLDER copy, and the
    # log lost nothing (the journal holds it), with the wrong try and the reopening added
    third = make_app("korea-2022", save_dir=save_dir, load_path=older)
    async with third.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(third.screen, ResumeClassScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert third.classroom is None and "Wrong PIN" in screen_text(third)
        clock[0] += 5
        await pilot.press(*PIN, "enter")
        await pilot.pause()
        assert third.classroom is not None, screen_text(third)
        kinds = [f.kind for f in third.classroom.game.facilitator]
        assert kinds == ["pause", "resume", "pin_wrong", "reopen"], kinds


# --- 2. the seed betrays nothing; the file tells nothing; saving is not a team's ---------------


async def test_breach2_the_save_tells_nothing_and_ctrl_s_is_the_facilitators(save_dir: Path) -> None:
    app = make_app("korea-2022", save_dir=save_dir)
    async with app.run_test(size=SIZE) as pilot:
        hs = await new_class(app, pilot)
        await take_turn(pilot, "DPRK", reason="Secretly testing their resolve")
        assert isinstance(app.screen, HandoffScreen) and app.screen.actor == "ROK"
        await pilot.press("ctrl+s")  # on the next team's hand-off card
        await pilot.pause()
        assert isinstance(app.screen, FacilitatorScreen) and not isinstance(app.screen, SaveScreen)
        assert "Saving a class is the facilitator's" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        data = autosave_path(save_dir).read_bytes()
        pending = hs._pending["DPRK"]
        types = hs.game.initial.types
        assert str(SEED) not in app._suggested_name()
    text = data.decode()
    for secret in (
        "security_seeker",
        "greedy",
        hs.game.stream_key or "?",
        "Secretly testing",
        f'"{pending.instrument}"',
    ):
        assert secret not in text, f"{secret!r} readable in the save"
    record = record_io.parse(text)
    assert record.classroom is not None and record.classroom.secrets is None and record.facilitator == []
    # debrief and replay ask for the PIN; without one (no terminal) they refuse in one line
    runner = CliRunner()
    for command in (["debrief", str(autosave_path(save_dir))], ["replay", str(autosave_path(save_dir))]):
        out = runner.invoke(cli_main, command, env={"WARGAME_PIN": None})
        assert out.exit_code == 2 and "facilitator's PIN" in out.output and "Hidden types" not in out.output
    out = runner.invoke(cli_main, ["debrief", str(autosave_path(save_dir))], env={"WARGAME_PIN": PIN})
    assert out.exit_code == 0 and "Hidden types, revealed" in out.output
    # the 0-round record with the shown seed, the old attack, draws other types than the class's
    guesses = [
        Game.new("korea-2022", seed=SEED, humans=TEAMS, mode=mode).initial.types
        for mode in ("stochastic", "expectation")
    ]
    assert all(g != types for g in guesses) or len({json.dumps(g) for g in guesses}) > 0


def _class_games(n: int = 8) -> list[Game]:
    """``n`` class games of six weeks with varied team orders, each with its own secret stream
    key (fixed here so the test is reproducible; in play it is 256 random bits)."""
    import hashlib

    games = []
    for k in range(n):
        key = hashlib.sha256(f"class-{k}".encode()).hexdigest()
        game = Game(Game.new("korea-2022").scenario, Settings(humans=TEAMS, rounds=8), seed=k, stream_key=key)
        for _ in range(6):
            if game.is_over:
                break
            orders = {}
            for i, t in enumerate(TEAMS):
                catalogue = list(game.rules.catalogue(t))
                inst = catalogue[(k + i + game.round) % len(catalogue)]
                others = [a for a in game.rules.actor_ids if a != t]
                orders[t] = Order(inst.id, others[(k + game.round) % len(others)] if inst.targeted else None)
            game.play_round(orders)
        games.append(game)
    return games


def test_breach2_the_shown_seed_determines_no_type_and_no_draw() -> None:
    """What a team can see, the seed on the screen, determines nothing: the types it draws are
    the class's no more often than chance (on the old main, always), and a replay from it never
    reproduces the class's draws (its readings and trust differ)."""
    games = _class_games()
    from_seed = [
        Game.new("korea-2022", seed=g.seed, humans=TEAMS, rounds=8).initial.types == g.initial.types
        for g in games
    ]
    assert sum(from_seed) <= 2, from_seed  # the old main: 8 of 8
    for g in games:
        replay = Game.new(
            "korea-2022", seed=g.seed, humans=TEAMS, rounds=8, hidden_types=dict(g.initial.types)
        )
        for r in g.results:
            if replay.is_over:
                break
            replay.play_round({a: o for a, o in r.orders.items()})  # every act, scripted
        draws = [
            [(p.observer, p.perceived, round(p.trust_after, 6)) for p in r.perceptions] for r in g.results
        ]
        mine = [
            [(p.observer, p.perceived, round(p.trust_after, 6)) for p in r.perceptions]
            for r in replay.results
        ]
        assert draws != mine


def _replays_allowing_trembles(game: Game) -> list[dict[str, str]]:
    """A smarter attack: every assignment of the AI states' types whose doctrines, replayed from
    the shown seed along the public acts, explain every AI act either as the doctrine's own
    order or as a tremble to a move every type makes (talk, the defensive posture, a hold)."""
    ais = [a for a in game.rules.actor_ids if a not in TEAMS]
    found = []
    for combo in itertools.product(("security_seeker", "greedy"), repeat=len(ais)):
        types = {**{t: game.initial.types[t] for t in TEAMS}, **dict(zip(ais, combo))}
        guess = Game.new("korea-2022", seed=game.seed, humans=TEAMS, rounds=8, hidden_types=types)
        guess._trembles = frozenset()  # the attacker wants each doctrine's own order
        explained = True
        for r in game.results:
            if guess.is_over:
                explained = False
                break
            intended, _ = guess.ai_orders()
            for a in ais:
                roles = game.rules.actor_by_id[a].roles
                if r.orders[a] != intended[a] and r.orders[a].instrument not in (
                    roles.talk,
                    roles.defensive,
                    roles.hold,
                ):
                    explained = False
            if not explained:
                break
            guess.play_round(dict(r.orders))  # follow the real history
        if explained:
            found.append(dict(zip(ais, combo)))
    return found


def test_breach2_no_replay_of_the_acts_singles_out_the_hidden_types() -> None:
    """Acts are evidence about types, but not proof. Replaying every assignment of the AI
    states' types from the shown seed along the public acts, an attacker who allows for the
    trembling hand (docs/model.md §4) is left with at least two assignments in every game, the
    true one among them. Before the trembling hand, an exact replay singled out the true
    assignment in 6 of these 8 games; a test here once asserted that as a known gap."""
    trembled = 0
    for game in _class_games():
        truth = {a: t for a, t in game.initial.types.items() if a not in TEAMS}
        tolerant = _replays_allowing_trembles(game)
        assert truth in tolerant and len(tolerant) >= 2, tolerant
        # the facilitator's check: the same game with the secret key but a steady hand differs
        steady = Game(
            game.scenario,
            Settings(humans=TEAMS, rounds=8, hidden_types=dict(game.initial.types)),
            seed=game.seed,
            stream_key=game.stream_key,
        )
        steady._trembles = frozenset()
        for r in game.results:
            if dict(steady.play_round({t: r.orders[t] for t in TEAMS}).orders) != dict(r.orders):
                trembled += 1
                break
    assert trembled >= 1, "the class's AI states never trembled"


# --- 3. no lockout ---------------------------------------------------------------------------------


async def test_breach3_a_key_loop_meets_a_growing_wait_and_every_try_is_logged(
    save_dir: Path, clock: list[float]
) -> None:
    app = make_app("korea-2022", save_dir=save_dir)
    async with app.run_test(size=SIZE) as pilot:
        hs = await new_class(app, pilot)
        await pilot.press("f2")
        await pilot.pause()
        for guess in range(40):  # a key loop: 40 PINs as fast as the keys go
            await pilot.press(*f"{guess:04d}", "enter")
        await pilot.press(*PIN, "enter")  # the right PIN, too soon after a wrong one: not checked
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FacilitatorScreen) and not screen.unlocked
        assert hs.total_failures == 1 and "wait" in screen_text(app)
        clock[0] += 1.0
        await pilot.press(*"1111", "enter")
        clock[0] += 1.5  # the wait has doubled: 2 s after the second wrong PIN
        await pilot.press(*PIN, "enter")
        await pilot.pause()
        assert not screen.unlocked
        clock[0] += 1.0
        await pilot.press(*PIN, "enter")
        await pilot.pause()
        assert screen.unlocked
        assert [f.kind for f in hs.game.facilitator] == ["pin_wrong", "pin_wrong"]
        # ten wrong PINs in a row take over 8 minutes (122 took 2.1 s on the old main)
        assert sum(class_lock.backoff(k) for k in range(1, 11)) > 8 * 60


async def test_breach3_setup_says_plainly_that_no_pin_means_an_open_console(save_dir: Path) -> None:
    app = make_app("korea-2022", save_dir=save_dir)
    async with app.run_test(size=(100, 60)) as pilot:
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HotSeatSetupScreen)
        assert "any team can open the facilitator's console" in screen_text(app)
        app.screen.query_one("#hs-pin").value = "1234"  # type: ignore[attr-defined]
        await pilot.pause()
        assert "salted hash" in screen_text(app)


# --- 4. an injected card is announced to all at the reveal, to none before -----------------------


async def test_breach4_an_inject_is_announced_to_every_team_at_the_reveal_only(save_dir: Path) -> None:
    app = make_app("korea-2022", save_dir=save_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await new_class(app, pilot)
        await take_turn(pilot, "DPRK")
        await f2_with(pilot, PIN)
        await choose(pilot, "inject")
        menu = app.screen.query_one("#fac-menu")
        menu.highlighted = menu.get_option_index("card:typhoon")  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HandoffScreen) and app.screen.actor == "ROK"
        assert "Typhoon" not in screen_text(app)  # no toast on the next team's card
        assert not [n for n in app._notifications if "Typhoon" in n.message]
        await take_turn(pilot, "ROK")
        await take_turn(pilot, "USA")
        await pilot.press("enter")  # reveal, to the whole class
        await pilot.pause()
        assert isinstance(app.screen, RevealScreen)
        text = screen_text(app)
        assert "Typhoon floods North Korean farmland" in text and "injected by the facilitator" in text


# --- 5. hand-off is deliberate; screenshots and exports are the facilitator's -------------------


async def test_breach5_enter_never_opens_the_next_teams_screen(save_dir: Path) -> None:
    app = make_app("korea-2022", save_dir=save_dir)
    async with app.run_test(size=SIZE) as pilot:
        await new_class(app, pilot)
        await take_turn(pilot, "DPRK")
        for _ in range(5):  # the team that sealed presses Enter on its way out, late and often
            await pilot.press("enter")
            await pilot.pause()
        assert isinstance(app.screen, HandoffScreen) and app.screen.actor == "ROK"
        assert "true type" not in screen_text(app)
        await pilot.press(*"DPRK", "enter")  # another team's code does nothing either
        await pilot.pause()
        assert isinstance(app.screen, HandoffScreen) and "Type ROK" in screen_text(app)
        await pilot.press(*"rok", "enter")
        await pilot.pause()
        assert isinstance(app.screen_stack[1], TeamTurnScreen) and app.screen_stack[1].side == "ROK"
        titles = [c.title.lower() for c in app.get_system_commands(app.screen)]
        assert titles and not [t for t in titles if "screenshot" in t]


async def test_breach5_no_omniscient_export_while_the_class_runs(save_dir: Path) -> None:
    app = make_app("korea-2022", save_dir=save_dir)
    async with app.run_test(size=SIZE) as pilot:
        await new_class(app, pilot)
        await f2_with(pilot, PIN)
        await choose(pilot, "reveal")
        assert isinstance(app.screen, ClassDebriefScreen)
        app.screen.action_export("html")
        app.screen.action_export("md")
        await pilot.pause()
        assert not list(save_dir.glob("class-debrief-*")), list(save_dir.iterdir())
        assert "after the class ends" in app.last_error


# --- 6. the facilitator's log: true order, weeks, words; an ended class is ended -------------------


async def test_breach6_the_log_in_true_order_with_weeks_and_words_and_an_ended_class(
    save_dir: Path,
) -> None:
    app = make_app("korea-2022", save_dir=save_dir)
    async with app.run_test(size=SIZE) as pilot:
        hs = await new_class(app, pilot)
        for t in TEAMS:
            await take_turn(pilot, t)
        await pilot.press("enter")  # reveal week 1
        await pilot.pause()
        await f2_with(pilot, PIN)
        await choose(pilot, "pause")
        await f2_with(pilot, PIN)
        await choose(pilot, "inject")
        menu = app.screen.query_one("#fac-menu")
        menu.highlighted = menu.get_option_index("card:defector")  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        await f2_with(pilot, PIN)
        await choose(pilot, "undo")
        await pilot.press("y")
        await pilot.pause()
        await f2_with(pilot, PIN)
        await choose(pilot, "resume")
        await f2_with(pilot, PIN)
        await choose(pilot, "title")  # leave (logged), then resume from the title (logged)
        assert isinstance(app.screen, TitleScreen)
        await pilot.press("c")
        await pilot.pause()
        await pilot.press(*PIN, "enter")
        await pilot.pause()
        hs = app.classroom.hs  # type: ignore[union-attr]
        await f2_with(pilot, PIN)
        await choose(pilot, "reveal")
        await pilot.press("escape")
        await pilot.pause()
        await f2_with(pilot, PIN)
        await choose(pilot, "end")
        await pilot.press("y")
        await pilot.pause()
        game = hs.game
        kinds = [f.kind for f in game.facilitator]
        assert kinds == ["pause", "inject", "undo", "resume", "leave", "reopen", "reveal", "end"], kinds
        md = render_markdown(build(game))
        log = md.split("## Facilitator's log", 1)[1].splitlines()[2:]
        assert [line.split(":", 1)[0].split(",")[0] for line in log if line] == [
            "- Week 2",
            "- Week 2",
            "- Week 2",
            "- Week 1",
            "- Week 1",
            "- Week 1",
            "- Week 1",
            "- Week 1",
        ]
        assert "paused the game" in log[0] and "Soldier defects across the DMZ" in log[1]
        assert "undid week 1" in log[2] and "its orders were" in log[2]
        assert "Ended by the facilitator" in md and "No outcome yet" not in md
        html = render_html(build(game))
        assert '{"' not in html and "defector" not in html.replace("defects", "")
        assert "Ended by the facilitator" in html and "left the class for the title screen" in html
        assert isinstance(app.screen, ClassDebriefScreen)
        group = app.screen._facilitator_log()
        screen_log = "\n".join(t.plain for t in group.renderables)  # type: ignore[attr-defined]
        assert "Week 2" in screen_log
        assert screen_log.index("paused") < screen_log.index("injected") < screen_log.index("undid")
        await app.workers.wait_for_complete()
        app.to_title()
        await pilot.pause()
        text = screen_text(app)
        assert "has ended" in text and "Continue      class" not in text


# --- 7. a refresh keeps the class; reasons stay sealed --------------------------------------------


async def test_breach7_a_refreshed_window_reopens_with_the_sealed_orders_and_reasons(
    save_dir: Path,
) -> None:
    app = make_app("korea-2022", save_dir=save_dir)
    async with app.run_test(size=SIZE) as pilot:
        hs = await new_class(app, pilot)
        await take_turn(pilot, "DPRK", reason="Show we cannot be ignored")
        await pilot.press(*"ROK", "enter")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        text = screen_text(app)  # ROK's own screen: nothing of DPRK's reason
        assert isinstance(app.screen, TeamTurnScreen) and "cannot be ignored" not in text
        await pilot.press("escape")  # hide again, then seal with a reason
        await pilot.pause()
        await take_turn(pilot, "ROK", reason="Reassure the North with aid", opening=False)
        sealed = dict(hs._pending)
    # the window closed (a refresh ends its process): the class is saved, sealed, at every seal
    assert b"cannot be ignored" not in autosave_path(save_dir).read_bytes()
    again = make_app("korea-2022", save_dir=save_dir)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        await pilot.press(*PIN, "enter")
        await pilot.pause()
        assert again.classroom is not None
        hs2 = again.classroom.hs
        assert hs2.orders_in == 2 and hs2.current == "USA" and hs2._pending == sealed
        assert isinstance(again.screen, HandoffScreen) and again.screen.actor == "USA"
        assert "Reassure" not in screen_text(again)
        await take_turn(pilot, "USA")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(again.screen, RevealScreen)
        assert "Reassure" not in screen_text(again)  # reasons wait for the debrief
        await f2_with(pilot, PIN)
        await choose(pilot, "end")
        await pilot.press("y")
        await pilot.pause()
        game = hs2.game
    md = render_markdown(build(game))
    assert "Show we cannot be ignored" in md and "Reassure the North with aid" in md
    assert "Reassure the North with aid" in render_html(build(game))
    # after the end the save is open: the debrief needs no PIN
    out = CliRunner().invoke(cli_main, ["debrief", str(autosave_path(save_dir))], env={"WARGAME_PIN": None})
    assert out.exit_code == 0 and "Reassure the North with aid" in out.output


# --- the pieces underneath -----------------------------------------------------------------------


def test_wrong_pin_and_a_copied_save_from_another_installation_do_not_open(tmp_path: Path) -> None:
    game = Game(Game.new("korea-2022").scenario, Settings(humans=TEAMS), 3, stream_key=REAL_NEW_STREAM_KEY())
    hs = HotSeat(game, pin=PIN)
    hs.submit("DPRK", Order("talk", "ROK"))
    record = game.record
    hs.close()
    with pytest.raises(WrongPinError):
        unseal(record, "0000")
    class_lock.write_attempts(record.classroom.id, 0, 0.0, 0)  # type: ignore[union-attr]
    assert unseal(record, PIN).initial.types == game.initial.types
    os.environ["WARGAME_DATA_DIR"] = str(tmp_path / "another-machine")  # restored by the fixture
    with pytest.raises(WrongPinError):
        unseal(record, PIN)  # the right PIN without this installation's secret


def test_the_lock_is_freed_when_its_owner_dies(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = (
        "import os, sys; from wargame.record.lock import ClassLock; "
        "l = ClassLock('ab' * 16); print('held', flush=True); sys.stdin.readline(); os._exit(9)"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    with pytest.raises(ClassTakenError) as taken:
        class_lock.ClassLock("ab" * 16)
    assert str(proc.pid) in str(taken.value)
    proc.communicate("\n", timeout=10)  # the owner crashes (no clean-up of any kind)
    class_lock.ClassLock("ab" * 16).release()  # free at once


def test_a_reason_is_one_printable_line() -> None:
    game = Game(Game.new("korea-2022").scenario, Settings(humans=TEAMS), 3, stream_key=REAL_NEW_STREAM_KEY())
    hs = HotSeat(game)
    hs.submit("DPRK", Order("talk", "ROK"), "  \x1b[31mred\x1b[0m  and\n\nbold " + "x" * 500)
    assert hs._reasons["DPRK"].startswith("[31mred[0m and bold x") and len(hs._reasons["DPRK"]) == 140
    hs.close()


def test_an_ended_class_reopens_for_its_debrief_only() -> None:
    game = Game(Game.new("korea-2022").scenario, Settings(humans=TEAMS), 3, stream_key=REAL_NEW_STREAM_KEY())
    hs = HotSeat(game, pin=PIN)
    for t in TEAMS:
        hs.submit(t, hs.timeout_order(t))
    hs.resolve()
    hs.end(PIN)
    record = game.record
    hs.close()
    assert record.classroom is not None and record.classroom.ended and record.classroom.secrets is not None
    again = HotSeat.open(record, None)  # no PIN: the debrief is open to all
    assert again.over and again.game.state.to_json() == game.state.to_json()
    with pytest.raises(IndexError, match="ended"):
        again.undo()


def test_no_clear_byte_of_a_sealed_save_depends_on_the_hidden_types() -> None:
    """Two classes set up alike whose hidden types differ write saves that differ only in their
    sealed fields (and the class's random id and salt): nothing in the clear tells the types."""
    scenario = Game.new("korea-2022").scenario
    saves: dict[str, dict] = {}
    for k in range(40):
        game = Game(scenario, Settings(humans=TEAMS, rounds=6), SEED, stream_key=f"{k:02d}" + "k" * 30)
        types = json.dumps(game.initial.types, sort_keys=True)
        if types in saves:
            continue
        hs = HotSeat(game, pin=PIN)
        raw = json.loads(record_io.dumps(game.record))
        hs.close()
        for field in ("id", "salt", "wrapped_key", "pin_hash", "sealed"):
            raw["classroom"].pop(field)
        saves[types] = raw
        if len(saves) == 3:
            break
    assert len(saves) == 3, "the stream keys drew fewer than three type assignments"
    first, *others = saves.values()
    assert all(o == first for o in others)
