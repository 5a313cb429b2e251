"""Hot-seat session logic: turns, sealed orders, private views, the reveal, facilitator controls."""

from __future__ import annotations

import pytest

from wargame.classroom import FacilitatorLockedError, HotSeat, NotYourTurnError
from wargame.engine.errors import IllegalOrderError
from wargame.engine.state import Order
from wargame.game import Game
from wargame.record import io as record_io


def session(pin: str | None = "4321") -> HotSeat:
    game = Game.new(
        "korea-2022",
        seed=5,
        humans=["DPRK", "ROK", "USA"],
        teams={"DPRK": "Team Red", "ROK": "Team Blue", "USA": "Team Gold"},
    )
    return HotSeat(game, pin=pin)


def test_turns_go_in_order_and_orders_stay_sealed() -> None:
    hs = session()
    assert hs.teams == ("DPRK", "ROK", "USA") and hs.current == "DPRK"
    with pytest.raises(NotYourTurnError):
        hs.submit("ROK", Order("talk", "DPRK"))
    hs.submit("DPRK", Order("missile_test", "ROK"))
    assert hs.current == "ROK" and hs.orders_in == 1
    view = hs.private_view("ROK")
    private = repr([getattr(view, f) for f in view._fields if f != "rules"])  # rules: the public catalogue
    assert "missile_test" not in private, "a pending order must not leak into another team's view"
    hs.submit("ROK", Order("talk", "DPRK"))
    hs.submit("USA", Order("def_posture", "DPRK"))
    assert hs.current is None
    result = hs.resolve()
    assert {a.maker: a.ordered for a in result.acts}["DPRK"] == "missile_test"
    assert hs.orders_in == 0 and hs.current == "DPRK"


def test_illegal_order_is_refused_and_nothing_is_sealed() -> None:
    hs = session()
    with pytest.raises(IllegalOrderError):
        hs.submit("DPRK", Order("halt_combined_exercises", "ROK"))  # a US/ROK instrument
    assert hs.orders_in == 0


def test_resolve_needs_every_team() -> None:
    hs = session()
    hs.submit("DPRK", Order("talk", "ROK"))
    with pytest.raises(IllegalOrderError):
        hs.resolve()


def test_world_press_has_no_private_readings() -> None:
    hs = session()
    for t, o in (
        ("DPRK", Order("missile_test", "ROK")),
        ("ROK", Order("talk", "DPRK")),
        ("USA", Order("talk", "DPRK")),
    ):
        hs.submit(t, o)
    hs.resolve()
    press = hs.world_press()
    assert len(press) == 5
    text = repr(press)
    assert "trust" not in text.lower()
    reading = hs.game.news()[0].readings[0].text
    assert reading not in text


def test_facilitator_pin_and_logged_actions() -> None:
    hs = session()
    clock = [1000.0]
    hs.clock = lambda: clock[0]
    with pytest.raises(FacilitatorLockedError):
        hs.pause("0000")
    clock[0] += 1  # the back-off after one wrong PIN
    hs.pause("4321")
    with pytest.raises(NotYourTurnError):
        hs.submit("DPRK", Order("talk", "ROK"))
    hs.resume("4321")
    hs.inject("typhoon", "4321")
    for t in hs.teams:
        hs.submit(t, hs.timeout_order(t))
    r = hs.resolve()
    assert ("typhoon", "injected") in [(e.id, e.source) for e in r.events]
    hs.undo("4321")
    hs.reveal_all("4321")
    hs.end("4321")
    assert hs.over and hs.current is None
    record = record_io.parse(record_io.dumps(hs.game.record))
    assert record.classroom is not None and record.classroom.ended  # after the end: in the clear
    kinds = [f.kind for f in record.facilitator]
    assert kinds == ["pin_wrong", "pause", "resume", "inject", "undo", "reveal", "end"]


def test_no_pin_means_open_controls() -> None:
    """Without a PIN the facilitator's controls need none: pausing works (and takes effect:
    no team can seal an order until the resume)."""
    hs = session(pin=None)
    assert hs.check_pin(None)
    hs.pause()
    assert hs.paused
    with pytest.raises(NotYourTurnError):
        hs.submit(hs.current, hs.timeout_order(hs.current))
    hs.resume()
    hs.submit(hs.current, hs.timeout_order(hs.current))
    assert [f.kind for f in hs.game.facilitator] == ["pause", "resume"]


def test_team_count_is_checked() -> None:
    with pytest.raises(ValueError):
        HotSeat(Game.new("korea-2022", humans=["ROK"]))
