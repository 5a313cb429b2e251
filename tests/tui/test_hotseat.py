"""Hot-seat classroom play in the TUI: secrecy between teams, the reveal, the facilitator, saves.

The main test plays a three-team game (DPRK, ROK, USA on korea-2022) for four weeks with the
keyboard and, at every hand-off card and every team's screen (and with the command palette and
the help open over them, after escape, and after a resize), reads the whole screen and checks
that nothing of another team shows: not its pending order (instrument names and "name → target"
pairs), not its trust figures (computed from ``game.view(other)``, where they differ from every
number this team may see), not its capital's readings. Positive controls make sure the checks
can see: the team's own trust figures and readings are on its screen.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.tui.conftest import screen_text
from wargame.analysis.debrief import build
from wargame.analysis.render import markdown
from wargame.classroom import HotSeat, unseal
from wargame.engine.state import Order
from wargame.game import Game
from wargame.record import io as record_io
from wargame.tui import picture
from wargame.tui.app import WargameApp, make_app
from wargame.tui.saves import autosave_path
from wargame.tui.screens.class_debrief import ClassDebriefScreen
from wargame.tui.screens.confirm import ConfirmScreen
from wargame.tui.screens.facilitator import FacilitatorScreen
from wargame.tui.screens.handoff import HandoffScreen, PausedScreen, TimeUpScreen
from wargame.tui.screens.help import HelpScreen
from wargame.tui.screens.hotseat_setup import HotSeatSetupScreen, ResumeClassScreen
from wargame.tui.screens.replay import WORLD_PRESS, ReplayScreen
from wargame.tui.screens.report import RoundReportScreen
from wargame.tui.screens.reveal import RevealScreen
from wargame.tui.screens.team_turn import TeamBriefScreen, TeamTurnScreen
from wargame.tui.screens.title import TitleScreen
from wargame.tui.widgets.instrument_picker import InstrumentPicker

TEAMS = ["DPRK", "ROK", "USA"]
NAMES = {"DPRK": "Team Red", "ROK": "Team Blue", "USA": "Team Gold"}
SEED = 6  # four weeks of these orders end in no outcome, with four misreadings along the way
#: Distinctive orders, week by week. DPRK's and USA's instruments are in no other team's
#: catalogue; ROK's are not in DPRK's (every ROK instrument is in the US catalogue, so on the US
#: screen the check is the "name → target" pair).
PLAN: dict[str, list[tuple[str, str]]] = {
    "DPRK": [
        ("nuclear_test", "ROK"),
        ("test_moratorium", "USA"),
        ("allow_inspectors", "USA"),
        ("nuclear_test", "USA"),
    ],
    "ROK": [
        ("humanitarian_aid", "DPRK"),
        ("sanctions", "DPRK"),
        ("combined_drill", "DPRK"),
        ("halt_combined_exercises", "DPRK"),
    ],
    "USA": [
        ("strategic_asset_flyover", "DPRK"),
        ("sanctions_relief", "DPRK"),
        ("strategic_asset_flyover", "PRC"),
        ("humanitarian_aid", "DPRK"),
    ],
}
SEALED_REASONS: dict[str, str] = {}
"""The last reason each team sealed with its order (no screen may show another team's)."""
NUMBER = re.compile(r"(?<![\d.])\d\.\d\d(?!\d)")


@pytest.fixture(autouse=True)
def _no_handoff_guard(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The hand-off card ignores enter for a moment in real use; tests press keys at once. The
    PIN back-off (tested in tests/classroom/test_trust.py) is off here, and so is the typed team
    code of the hand-off card (tested there too), so these tests press enter as teams once did."""
    monkeypatch.setattr(HandoffScreen, "GUARD", 0.0)
    monkeypatch.setattr(HandoffScreen, "TYPE_CODE", False)
    monkeypatch.setattr("wargame.record.lock.backoff", lambda failures: 0.0)
    yield


async def start_class(
    app: WargameApp, pilot: Pilot[None], *, pin: str | None = None, rounds: int = 8, timer: int | None = None
) -> None:
    await pilot.pause()
    error = app.new_class(
        "korea-2022", SEED, pin=pin, timer_seconds=timer, humans=TEAMS, teams=NAMES, rounds=rounds
    )
    assert error is None, error
    await pilot.pause()


# --- what each team may see ---------------------------------------------------------------------


def _fmt(values: Iterator[float] | list[float]) -> set[str]:
    return {f"{abs(v):.2f}" for v in values}


class Secrets:
    """What each team may see, and what it must not, at one moment of the game."""

    def __init__(self, game: Game) -> None:
        self.game = game
        self._legit: dict[tuple[int, str], tuple[set[str], set[str]]] = {}

    def legit(self, side: str) -> tuple[set[str], set[str]]:
        """(numbers, texts) ``side`` may see: its view, its news, its report, every preview."""
        key = (self.game.round, side)
        if key in self._legit:
            return self._legit[key]
        game = self.game
        v = game.view(side)
        nums: list[float] = [*v.trust.values(), *v.estimated_trust_in_me.values()]
        texts: set[str] = set()
        rels = list(picture.relations(game, side))
        if game.round:
            rels += list(picture.last_round_relations(game, side))
        for r in rels:
            nums += [
                r.trust,
                r.estimated_trust_in_me,
                r.trust_change,
                r.estimate_change,
                r.capability,
                r.capability_change,
            ]
        for e in picture.all_news(game, side):
            if e.trust_before is not None and e.trust_after is not None:
                nums += [e.trust_before, e.trust_after, e.trust_after - e.trust_before]
            if e.reading:
                texts.add(e.reading)
        for inst in game.rules.catalogue(side):
            for target in [a for a in game.rules.actor_ids if a != side]:
                for row in picture.preview(game, side, Order(inst.id, target if inst.targeted else None)):
                    nums += [
                        row.trust_now,
                        row.trust_after,
                        row.trust_after - row.trust_now,
                        row.perceived_offense,
                        row.evidence,
                        row.weight,
                    ]
                    texts.add(row.text)
        self._legit[key] = (_fmt(nums), texts)
        return self._legit[key]

    def private_of(self, other: str) -> tuple[set[str], set[str]]:
        """(trust figures, reading texts) private to ``other``'s capital."""
        game = self.game
        v = game.view(other)
        nums = [*v.trust.values(), *v.estimated_trust_in_me.values()]
        texts = set()
        for res in game.results:
            for p in res.perceptions:
                if p.observer == other:
                    nums += [p.trust_before, p.trust_after]
            for item in game.news(res.round):
                rd = item.reading(other)
                if rd is not None:
                    texts.add(rd.text)
        return _fmt(nums), texts


def order_words(game: Game, order: tuple[str, str]) -> tuple[str, str]:
    name = game.rules.instruments[order[0]].name
    return name, f"{name} → {order[1]}"


def distinguishing_prefix(t: str, legit: set[str], least: int = 24) -> str:
    """The shortest start of ``t`` (at least ``least`` characters) that starts no text this team
    may see ("" if there is none): readings share templates ("Yonhap: a defensive measure by
    Tokyo…" and the preview's "Yonhap: a defensive measure by Washington…")."""
    k = least
    while k <= len(t) and any(x.startswith(t[:k]) for x in legit):
        k += 1
    return t[:k] if k <= len(t) else ""


def assert_private(
    app: WargameApp,
    secrets: Secrets,
    viewer: str | None,
    pending: dict[str, tuple[str, str]],
    where: str,
    stats: dict[str, int],
) -> str:
    """Check the whole screen: nothing of any team but ``viewer`` (None: of any team at all)."""
    text = screen_text(app)
    for team, why in SEALED_REASONS.items():  # a reason is sealed with its order until the end
        assert why not in text or team == viewer, f"{where}: {team}'s sealed reason shows"
    game = secrets.game
    own_names = {i.name for i in game.rules.catalogue(viewer)} if viewer else set()
    for team, order in pending.items():
        if team == viewer:
            continue
        name, pair = order_words(game, order)
        assert pair not in text, f"{where}: {team}'s pending order {pair!r} shows"
        if name not in own_names:
            assert name not in text, f"{where}: {team}'s pending instrument {name!r} shows"
    shown = set(NUMBER.findall(text))
    legit_nums, legit_texts = secrets.legit(viewer) if viewer else (set(), set())
    if viewer is None:
        assert not shown, f"{where}: a card shows figures {sorted(shown)}"
    for other in TEAMS:
        if other == viewer:
            continue
        capital = game.rules.actor_by_id[other].capital
        for label in (f"{capital} reads", f"as {capital} saw it"):  # how its readings are labelled
            assert label not in text, f"{where}: {other}'s readings ({label!r}) show"
        nums, texts = secrets.private_of(other)
        distinct = nums - legit_nums
        stats["distinct"] += len(distinct)
        leaked = shown & distinct
        assert not leaked, f"{where}: {other}'s trust figures {sorted(leaked)} show"
        for t in texts - legit_texts:
            probe = distinguishing_prefix(t, legit_texts)
            if probe:
                assert probe not in text, f"{where}: {other}'s reading {t!r} shows"
                stats["readings"] += 1
    return text


def assert_own_view_visible(app: WargameApp, game: Game, side: str) -> None:
    """Positive control: the team's own trust figures are on its screen (the checks can see)."""
    text = screen_text(app)
    v = game.view(side)
    own = {f"{v.trust[a]:.2f}" for a in v.others}
    assert own & set(NUMBER.findall(text)), f"{side}'s own trust figures not found on its screen"


async def check_overlays(
    app: WargameApp,
    pilot: Pilot[None],
    secrets: Secrets,
    viewer: str | None,
    pending: dict[str, tuple[str, str]],
    where: str,
    stats: dict[str, int],
) -> None:
    """The command palette and the help, opened here, show nothing of the other teams either."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    text = assert_private(app, secrets, viewer, pending, f"{where} + palette", stats)
    assert "Facilitator controls" in text or "Help" in text
    assert "Load game" not in text and "Watch a replay" not in text and "Title screen" not in text
    await pilot.press("escape")
    await pilot.pause()
    await pilot.press("f1")
    await pilot.pause()
    assert isinstance(app.screen, HelpScreen)
    assert_private(app, secrets, viewer, pending, f"{where} + help", stats)
    await pilot.press("escape")
    await pilot.pause()


async def stage(app: WargameApp, pilot: Pilot[None], instrument: str, target: str) -> None:
    picker = app.screen.query_one(InstrumentPicker)
    picker.highlight(instrument)
    picker.target = target
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    assert picker.staged == Order(instrument, target)


# --- the tests ------------------------------------------------------------------------------------


async def test_three_teams_never_see_each_others_orders_or_views(save_dir: Path) -> None:
    app = make_app("korea-2022", save_dir=save_dir)
    stats = {"distinct": 0, "readings": 0}
    SEALED_REASONS.clear()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_class(app, pilot)
        flow = app.classroom
        assert flow is not None
        game = flow.game
        secrets = Secrets(game)
        for week in range(4):
            pending: dict[str, tuple[str, str]] = {}
            for team in TEAMS:
                where = f"week {week + 1}, {team}"
                # the hand-off card: nothing of anyone
                assert isinstance(app.screen, HandoffScreen) and app.screen.actor == team
                card = assert_private(app, secrets, None, pending, f"{where} hand-off", stats)
                assert NAMES[team].upper() in card and "only your team is looking" in card
                full = week in (0, 2)  # palette, help, escape and resize in weeks 1 and 3 (time)
                if full:
                    await check_overlays(app, pilot, secrets, None, pending, f"{where} hand-off", stats)
                    await pilot.press("escape")  # escape on a card does nothing
                    await pilot.pause()
                    assert isinstance(app.screen, HandoffScreen)

                await pilot.press("enter")
                await pilot.pause()
                # first the team's private report of last week (or its brief in week 1)
                if week == 0:
                    assert isinstance(app.screen, TeamBriefScreen)
                    brief = assert_private(app, secrets, team, pending, f"{where} brief", stats)
                    assert "true type" in brief
                else:
                    assert isinstance(app.screen, RoundReportScreen)
                    report = assert_private(app, secrets, team, pending, f"{where} report", stats)
                    capital = game.rules.actor_by_id[team].capital
                    assert f"as {capital} saw it" in report
                await pilot.press("escape")
                await pilot.pause()
                assert isinstance(app.screen, TeamTurnScreen) and app.screen.side == team
                assert_private(app, secrets, team, pending, f"{where} team screen", stats)
                assert_own_view_visible(app, game, team)
                if full:
                    await check_overlays(app, pilot, secrets, team, pending, f"{where} team screen", stats)

                    # escape hides the screen behind this team's card; enter brings it back
                    await pilot.press("escape")
                    await pilot.pause()
                    assert isinstance(app.screen, HandoffScreen) and app.screen.actor == team
                    assert_private(app, secrets, None, pending, f"{where} hidden", stats)
                    await pilot.press("enter")
                    await pilot.pause()
                    assert isinstance(app.screen, TeamTurnScreen)

                    # a resize redraws the same team's view
                    await pilot.resize_terminal(120, 40)
                    await pilot.pause()
                    assert_private(app, secrets, team, pending, f"{where} at 120x40", stats)
                    await pilot.resize_terminal(80, 24)
                    await pilot.pause()

                # choose, seal (enter on the question means "change it"; y seals)
                order = PLAN[team][week]
                await stage(app, pilot, *order)
                why = f"Zq{team.lower()}{week} we mean it"  # one line of why, sealed with the order
                await pilot.press("w")
                await pilot.pause()
                await pilot.press(*why, "enter")
                await pilot.pause()
                await pilot.press("space")
                await pilot.pause()
                assert isinstance(app.screen, ConfirmScreen)
                await pilot.press("enter")
                await pilot.pause()
                assert isinstance(app.screen, TeamTurnScreen), "enter must not seal"
                await pilot.press("space", "y")
                await pilot.pause()
                pending[team] = order
                SEALED_REASONS[team] = why
                assert flow.hs.orders_in == len(pending)

            # every order in: the reveal card, the moves, the world press
            assert isinstance(app.screen, HandoffScreen) and app.screen.actor is None
            assert_private(app, secrets, None, {}, f"week {week + 1} reveal card", stats)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, RevealScreen)
            assert game.round == week + 1
            for t, o in pending.items():
                assert {a.maker: a.ordered for a in game.results[-1].acts}[t] == o[0]
            moves = screen_text(app)
            assert "every move, revealed at once" in moves and NAMES["DPRK"] in moves
            assert not [w for w in SEALED_REASONS.values() if w in moves], "reasons wait for the debrief"
            for item in game.news(week + 1):
                for rd in item.readings:
                    assert rd.text[:24] not in moves, "the reveal shows public facts only"
            await pilot.press("enter")
            await pilot.pause()
            press = screen_text(app)
            assert "world press" in press
            assert not NUMBER.findall(press), "no trust figures in the world press"
            await pilot.press("enter")
            await pilot.pause()
            secrets = Secrets(game)
        assert stats["distinct"] > 50, "the figure check must have had other teams' figures to look for"
        assert stats["readings"] > 50, "the reading check must have had other teams' readings to look for"
        assert game.round == 4 and game.humans == tuple(TEAMS)
        assert game.settings.teams == NAMES
        assert game.reasons[4] == SEALED_REASONS  # and the debrief shows them, beside the readings
        debrief = markdown(build(game))
        assert all(f"Zq{t.lower()}{w} we mean it" in debrief for t in TEAMS for w in range(4))


async def test_reveal_happens_only_when_every_team_has_sealed(save_dir: Path) -> None:
    app = make_app("korea-2022", save_dir=save_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_class(app, pilot)
        for _ in TEAMS[:2]:
            await pilot.press("enter", "escape", "enter", "space", "y")
            await pilot.pause()
        assert isinstance(app.screen, HandoffScreen) and app.screen.actor == "USA"
        assert app.game is not None and app.game.round == 0
        await pilot.press("enter", "escape", "space")  # no order chosen: nothing to seal
        await pilot.pause()
        assert isinstance(app.screen, TeamTurnScreen)
        await pilot.press("enter", "space", "y")
        await pilot.pause()
        assert isinstance(app.screen, HandoffScreen) and app.screen.actor is None
        assert app.game.round == 0
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RevealScreen) and app.game.round == 1


async def test_handoff_card_ignores_an_enter_pressed_straight_after_sealing(
    save_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A team that seals and presses enter again at once must not open the next team's screen."""
    monkeypatch.setattr(HandoffScreen, "GUARD", 60.0)
    app = make_app("korea-2022", save_dir=save_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_class(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HandoffScreen)  # within the guard: ignored
        monkeypatch.setattr(HandoffScreen, "GUARD", 0.0)
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, HandoffScreen)


async def test_facilitator_inject_and_undo_are_in_the_record_and_replay(save_dir: Path) -> None:
    app = make_app("korea-2022", save_dir=save_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_class(app, pilot, pin="2468")
        hs = app.classroom.hs  # type: ignore[union-attr]
        game = hs.game

        # the PIN: a wrong one leaves the controls locked
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, FacilitatorScreen)
        await pilot.press(*"1111", "enter")
        await pilot.pause()
        assert "Wrong PIN" in screen_text(app) and not app.screen.unlocked  # type: ignore[attr-defined]
        await pilot.press(*"2468", "enter")
        await pilot.pause()
        assert app.screen.unlocked  # type: ignore[attr-defined]
        # inject: the second item, then the typhoon card
        menu = app.screen.query_one("#fac-menu")
        menu.highlighted = menu.get_option_index("inject")  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        menu.highlighted = menu.get_option_index("card:typhoon")  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        assert hs.pending_injects == ("typhoon",)

        for _ in TEAMS:  # week 1 with the typhoon
            await pilot.press("enter", "escape", "enter", "space", "y")
            await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert ("typhoon", "injected") in [(e.id, e.source) for e in game.results[0].events]
        assert "Typhoon" in screen_text(app)
        await pilot.press("enter", "enter")
        await pilot.pause()

        for _ in TEAMS:  # week 2, then undo it
            await pilot.press("enter", "escape", "down", "enter", "space", "y")
            await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        undone = {a: o.instrument for a, o in game.results[-1].orders.items()}
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press(*"2468", "enter")
        await pilot.pause()
        menu = app.screen.query_one("#fac-menu")
        menu.highlighted = menu.get_option_index("undo")  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert game.round == 1
        assert isinstance(app.screen, HandoffScreen) and app.screen.actor == "DPRK"

        for _ in TEAMS:  # week 2 again, differently
            await pilot.press("enter", "escape", "down", "down", "enter", "space", "y")
            await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert game.round == 2

        record = game.record
        assert record.facilitator == [] and record.classroom is not None  # the log is sealed
        log = [f for f in game.facilitator if f.kind != "pin_wrong"]
        kinds = [(f.kind, f.round) for f in log]
        assert kinds == [("inject", 0), ("undo", 2)]
        assert log[0].detail == "typhoon"
        assert {a: o["instrument"] for a, o in json.loads(log[1].detail).items()} == undone
        assert record.rounds[0].injected == ["typhoon"]
        replayed = unseal(record, "2468")
        assert replayed.state.to_json() == game.state.to_json()
        assert [f.kind for f in replayed.facilitator] == ["pin_wrong", "inject", "undo"]
        # the autosave holds the same record (written after the reveal)
        await app.workers.wait_for_complete()
        saved = unseal(record_io.load(autosave_path(save_dir)), "2468")
        assert saved.state.to_json() == game.state.to_json()
        assert [f.kind for f in saved.facilitator] == ["pin_wrong", "inject", "undo"]
        hs.end("2468")  # after the end the record is open to all: the replay below needs no PIN
        app.autosave()

    # the replay viewer shows the facilitator's actions and the world press
    app2 = make_app("korea-2022", save_dir=save_dir)
    async with app2.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app2.open_record(autosave_path(save_dir), "replay")
        await pilot.pause()
        screen = app2.screen
        assert isinstance(screen, ReplayScreen) and screen.observer == WORLD_PRESS
        await pilot.press("right", "right")
        await pilot.pause()
        assert screen.week == 2
        news = screen.query_one("#news")
        kinds = [e.kind for e in news.entries]  # type: ignore[attr-defined]
        assert kinds.count("facilitator") == 4  # a wrong PIN, inject, undo, end
        heads = [e.headline for e in news.entries if e.kind == "facilitator"]  # type: ignore[attr-defined]
        assert any("injected" in h and "Typhoon" in h for h in heads)
        assert any(h.startswith("undid week 2") for h in heads)
        assert not any(e.reading for e in news.entries)  # type: ignore[attr-defined]
        assert "world press" in screen_text(app2)
        await pilot.press("v")  # the first team's view
        await pilot.pause()
        assert screen.observer == "DPRK" and "through DPRK's eyes" in screen_text(app2)
        assert any(e.reading for e in news.entries)  # type: ignore[attr-defined]
        await pilot.press("left")  # back a week: the replay steps both ways
        await pilot.pause()
        assert screen.week == 1
        await pilot.press("w")
        await pilot.pause()
        assert screen.observer == WORLD_PRESS
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app2.screen, ClassDebriefScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app2.screen, ReplayScreen)


async def test_pause_resume_reveal_all_and_end(save_dir: Path) -> None:
    app = make_app("korea-2022", save_dir=save_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_class(app, pilot)  # no PIN: the controls open at once
        hs = app.classroom.hs  # type: ignore[union-attr]

        async def choose(kind: str) -> None:
            await pilot.press("f2")
            await pilot.pause()
            menu = app.screen.query_one("#fac-menu")
            menu.highlighted = menu.get_option_index(kind)  # type: ignore[attr-defined]
            await pilot.press("enter")
            await pilot.pause()

        await pilot.press("enter", "escape")  # DPRK's screen
        await pilot.pause()
        await choose("pause")
        assert hs.paused and isinstance(app.screen, PausedScreen)
        assert "PAUSED" in screen_text(app) and not NUMBER.findall(screen_text(app))
        await pilot.press("enter", "space", "escape")  # nothing but the facilitator moves on
        await pilot.pause()
        assert isinstance(app.screen, PausedScreen)
        await choose("resume")
        assert not hs.paused and isinstance(app.screen, HandoffScreen)
        await choose("reveal")
        assert isinstance(app.screen, ClassDebriefScreen) and app.screen.midgame
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HandoffScreen) and app.screen.actor == "DPRK"
        await choose("end")
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, ClassDebriefScreen) and not app.screen.midgame
        assert [f.kind for f in hs.game.record.facilitator] == ["pause", "resume", "reveal", "end"]


async def test_timer_runs_out_with_the_no_decision_order(save_dir: Path) -> None:
    app = make_app("korea-2022", save_dir=save_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_class(app, pilot, timer=60)
        hs = app.classroom.hs  # type: ignore[union-attr]
        assert "1:00" in screen_text(app)
        await pilot.press("enter", "escape")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TeamTurnScreen) and screen.deadline is not None
        assert "TIME LEFT" in screen.sub_title
        expected = hs.timeout_order("DPRK")
        screen.deadline -= 1000  # the clock ran out (no sleeping in tests)
        screen._tick()
        await pilot.pause()
        assert isinstance(app.screen, TimeUpScreen)
        assert hs.orders_in == 1
        text = screen_text(app)
        assert game_name(app, expected) in text
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HandoffScreen) and app.screen.actor == "ROK"
        assert game_name(app, expected) not in screen_text(app)


def game_name(app: WargameApp, order: Order) -> str:
    assert app.game is not None
    return app.game.rules.instruments[order.instrument].name


async def test_save_and_continue_reopens_a_classroom_game(save_dir: Path) -> None:
    app = make_app("korea-2022", save_dir=save_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_class(app, pilot, pin="9999")
        for _ in TEAMS:
            await pilot.press("enter", "escape", "enter", "space", "y")
            await pilot.pause()
        await pilot.press("enter")  # reveal week 1 (autosaved)
        await pilot.pause()
        await app.workers.wait_for_complete()
        # quitting needs the facilitator when a PIN is set
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, FacilitatorScreen)
        await pilot.press("escape")
        await pilot.pause()
        state = app.game.state.to_json()  # type: ignore[union-attr]

    app2 = make_app("korea-2022", save_dir=save_dir)
    async with app2.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app2.screen, TitleScreen)
        assert "class of 3 teams, 1 round " in screen_text(app2)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app2.screen, ResumeClassScreen)
        assert "Type the facilitator's PIN" in screen_text(app2)
        await pilot.press(*"4321", "enter")  # not the class's PIN: refused
        await pilot.pause()
        assert isinstance(app2.screen, ResumeClassScreen) and "Wrong PIN" in screen_text(app2)
        app2.screen.query_one("#resume-newpin").value = "4321"  # type: ignore[attr-defined]
        app2.screen.query_one("#resume-pin").focus()
        await pilot.press(*"9999", "enter")  # the class's PIN, and a new one
        await pilot.pause()
        assert isinstance(app2.screen, HandoffScreen) and app2.screen.actor == "DPRK"
        flow = app2.classroom
        assert flow is not None and flow.hs.has_pin and flow.game.round == 1
        assert flow.game.state.to_json() == state
        assert flow.game.settings.teams == NAMES
        kinds = [f.kind for f in flow.game.facilitator]
        assert kinds[-3:] == ["pin_wrong", "reopen", "pin_change"], kinds
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press(*"9999", "enter")  # the old PIN no longer opens it
        await pilot.pause()
        assert not app2.screen.unlocked  # type: ignore[attr-defined]


async def test_setup_screen_starts_a_class_from_the_title(save_dir: Path) -> None:
    app = make_app("korea-2022", seed=3, save_dir=save_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Classroom" in screen_text(app)
        await pilot.press("h")
        await pilot.pause()
        setup = app.screen
        assert isinstance(setup, HotSeatSetupScreen)
        text = screen_text(app)
        assert "✓" in text  # ticked teams are marked by a character, not by colour alone
        setup.query_one("#team-USA").value = False  # type: ignore[attr-defined]
        await pilot.pause()
        setup.query_one("#team-JPN").value = True  # type: ignore[attr-defined]
        setup.query_one("#name-DPRK").value = "Red"  # type: ignore[attr-defined]
        setup.query_one("#ai-USA").value = "hawk"  # type: ignore[attr-defined]
        setup.query_one("#hs-rounds").value = "5"  # type: ignore[attr-defined]
        setup.query_one("#hs-timer").value = "2:30"  # type: ignore[attr-defined]
        await pilot.pause()
        setup.query_one("#hs-start").press()  # type: ignore[attr-defined]
        await pilot.pause()
        assert isinstance(app.screen, HandoffScreen), app.last_error
        flow = app.classroom
        assert flow is not None
        game = flow.game
        assert game.humans == ("DPRK", "ROK", "JPN") and game.settings.teams == {"DPRK": "Red"}
        assert game.settings.doctrines == {"USA": "hawk"} and game.round_limit == 5
        assert flow.hs.timer_seconds == 150 and flow.hs.pin is None


async def test_setup_refuses_one_team(save_dir: Path) -> None:
    app = make_app("korea-2022", seed=3, save_dir=save_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        setup = app.screen
        for a in ("ROK", "USA"):
            setup.query_one(f"#team-{a}").value = False  # type: ignore[attr-defined]
        await pilot.pause()
        setup.query_one("#hs-start").press()  # type: ignore[attr-defined]
        await pilot.pause()
        assert isinstance(app.screen, HotSeatSetupScreen)
        assert "2 to 5 teams" in screen_text(app)


async def test_class_debrief_exports_markdown_and_html(save_dir: Path) -> None:
    app = make_app("korea-2022", save_dir=save_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await start_class(app, pilot, rounds=2)
        for _ in range(2):
            for _ in TEAMS:
                await pilot.press("enter", "escape", "enter", "space", "y")
                await pilot.pause()
            await pilot.press("enter", "enter", "enter")
            await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ClassDebriefScreen)
        game = screen.game
        text = screen_text(app)
        assert "Team Red" in text and "trust" in text
        await pilot.press("2")
        await pilot.pause()
        sides = screen_text(app)
        for a in game.rules.actors:
            assert f"{a.capital} ({a.id})" in sides
        await pilot.press("p")
        await pilot.pause()
        assert screen.week == 1
        await pilot.press("3", "t")
        await pilot.pause()
        assert "Misperception ledger of" in screen_text(app)
        await pilot.press("4")
        await pilot.pause()
        await pilot.press("m")  # m is no export here (it is the rematch elsewhere)
        await pilot.pause()
        assert screen.exported_to == []
        await pilot.press("x", "h")
        await pilot.pause()
        paths = [Path(p) for p in screen.exported_to]
    assert [p.suffix for p in paths] == [".md", ".html"]
    assert all(p.parent == save_dir for p in paths)
    md, page = (p.read_text(encoding="utf-8") for p in paths)
    assert "# Class debrief" in md and "Team Red" in md
    assert page.startswith("<!DOCTYPE html>") and "Team Gold" in page


async def test_palette_in_a_class_offers_no_way_out_of_the_game(save_dir: Path) -> None:
    """Leaving for the title, a load or a replay would show every view: that is the facilitator's."""
    app = make_app("korea-2022", save_dir=save_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_class(app, pilot, pin="1357")
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Facilitator controls" in titles
        for forbidden in ("New game", "Load game", "Watch a replay", "Title screen", "Classroom (hot-seat)"):
            assert forbidden not in titles
        await pilot.press("enter", "escape")
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Seal order" in titles and "Undo last week" not in titles


# --- pure parts: reopening a save, the world press, the facilitator's entries ----------------------


def _session(**kw: object) -> HotSeat:
    game = Game.new("korea-2022", seed=SEED, humans=TEAMS, teams=NAMES, rounds=8)
    return HotSeat(game, **kw)  # type: ignore[arg-type]


def _play_week(hs: HotSeat) -> None:
    for t in hs.teams:
        hs.submit(t, hs.timeout_order(t))
    hs.resolve()


def test_reopen_restores_an_inject_queued_before_the_save() -> None:
    hs = _session()
    hs.inject("typhoon")
    _play_week(hs)  # fired in week 1
    hs.inject("defector")  # queued for week 2, then saved and reopened
    record = hs.game.record
    hs.close()  # one class, one owner: the first session lets go
    again = HotSeat.open(record, None, timer_seconds=60)
    assert again.pending_injects == ("defector",) and again.timer_seconds == 60
    _play_week(again)
    assert ("defector", "injected") in [(e.id, e.source) for e in again.game.results[-1].events]


def test_reopen_forgets_injects_undone_with_their_week_and_keeps_an_end() -> None:
    hs = _session()
    _play_week(hs)
    hs.inject("typhoon")
    _play_week(hs)
    hs.undo()  # week 2 and its typhoon are gone
    hs.close()
    again = HotSeat.open(hs.game.record, None)
    assert again.pending_injects == ()
    again.end()
    again.close()
    assert HotSeat.open(again.game.record, None).over


def test_world_press_entries_carry_no_capital_reading() -> None:
    hs = _session()
    _play_week(hs)
    entries = picture.press_news(hs.game, 1)
    acts = [e for e in entries if e.kind == "act"]
    press = hs.world_press(1)
    # every actor's act is reported once: a joint act (talks both sides offer) is one item
    named = {p.maker for p in press} | {
        a
        for p in press
        for a in hs.game.rules.actor_ids
        if p.note and hs.game.rules.actor_by_id[a].name in p.note
    }
    assert named == set(hs.game.rules.actor_ids)
    assert all(e.reading is None and e.trust_before is None for e in entries)
    assert [e.headline for e in acts] == [p.headline for p in press]


def test_facilitator_entries_sit_after_the_week_they_followed() -> None:
    hs = _session()
    hs.pause()
    hs.resume()
    _play_week(hs)
    _play_week(hs)
    hs.undo()
    entries = picture.with_facilitator(hs.game, picture.all_press(hs.game))
    order = [(e.kind, e.round) for e in entries if e.kind in ("week", "facilitator")]
    assert order == [
        ("week", 0),
        ("facilitator", 0),
        ("facilitator", 0),
        ("week", 1),
        ("facilitator", 1),
    ]
    undo = [e.headline for e in entries if e.kind == "facilitator"][-1]
    assert undo.startswith("undid week 2 (its orders were: ") and "DPRK" in undo


async def test_a_pause_stops_the_teams_clock(save_dir: Path) -> None:
    from wargame.tui.screens.facilitator import FacilitatorChoice

    app = make_app("korea-2022", save_dir=save_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_class(app, pilot, timer=60)
        flow = app.classroom
        assert flow is not None
        await pilot.press("enter", "escape")
        await pilot.pause()
        before = app.screen.deadline  # type: ignore[attr-defined]
        flow.facilitate(FacilitatorChoice("pause"))
        await pilot.pause()
        assert isinstance(app.screen, PausedScreen)
        assert flow._paused_at is not None
        flow._paused_at -= 100.0  # a hundred seconds of pause (no sleeping in tests)
        flow.facilitate(FacilitatorChoice("resume"))
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TeamTurnScreen) and app.screen.side == "DPRK"
        assert app.screen.deadline is not None and app.screen.deadline >= before + 99.0
