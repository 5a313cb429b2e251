"""Issue 17: a joint act (a combined drill, a treaty both sides sign, a meeting both sides order)
is one act in the news, though each maker's order is still resolved (and read) on its own."""

from __future__ import annotations

from wargame.engine.state import Order
from wargame.game import Game

HUMANS = ["DPRK", "ROK", "USA", "JPN", "PRC"]


def _round(orders: dict[str, Order]) -> Game:
    game = Game.new("korea-2022", seed=3, humans=HUMANS, play_on=True)
    rest = {a: Order("hold", None) for a in HUMANS if a not in orders}
    game.play_round({**orders, **rest})
    return game


def _acts(game: Game) -> list[tuple[str, str]]:
    return [(i.maker, i.instrument) for i in game.news() if i.instrument != "hold"]


def test_a_combined_drill_both_allies_order_is_one_item() -> None:
    game = _round({"ROK": Order("combined_drill", "DPRK"), "USA": Order("combined_drill", "DPRK")})
    assert _acts(game) == [("ROK", "combined_drill")]
    item = game.news()[[i.instrument for i in game.news()].index("combined_drill")]
    assert item.joint == ("ROK", "USA") and item.note == "jointly with the US"
    # every other capital reads the first maker's part; the first maker reads its partner's
    assert [r.observer for r in item.readings] == ["DPRK", "USA", "JPN", "PRC", "ROK"]
    # each maker's act is still there, each with its own readings
    per_act = [(i.maker, i.instrument, i.joint) for i in game.act_news() if i.instrument == "combined_drill"]
    assert per_act == [("ROK", "combined_drill", ("ROK", "USA")), ("USA", "combined_drill", ("ROK", "USA"))]


def test_a_meeting_two_states_order_with_each_other_is_one_item() -> None:
    game = _round({"DPRK": Order("talk", "ROK"), "ROK": Order("talk", "DPRK")})
    assert _acts(game) == [("DPRK", "talk")]
    assert game.news()[0].note == "jointly with South Korea"


def test_a_signed_treaty_is_one_item() -> None:
    game = _round({"DPRK": Order("sign_peace_treaty", "ROK"), "ROK": Order("sign_peace_treaty", "DPRK")})
    assert _acts(game) == [("DPRK", "sign_peace_treaty")]


def test_acts_that_are_not_joint_stay_apart() -> None:
    # talks offered to different states; a drill without its ally; force aimed at each other
    game = _round(
        {
            "DPRK": Order("talk", "ROK"),
            "ROK": Order("talk", "USA"),
            "USA": Order("combined_drill", "DPRK"),
            "JPN": Order("raise_alert", "PRC"),
            "PRC": Order("raise_alert", "JPN"),
        }
    )
    assert [m for m, _ in _acts(game)] == ["DPRK", "ROK", "USA", "JPN", "PRC"]
    assert all(not i.joint for i in game.news())


def test_the_players_news_tells_a_joint_act_once() -> None:
    from wargame.tui.picture import round_news

    game = _round({"ROK": Order("combined_drill", "DPRK"), "USA": Order("combined_drill", "DPRK")})
    for side, mine in (("USA", True), ("ROK", True), ("DPRK", False)):
        entries = [e for e in round_news(game, side, 1) if e.kind == "act" and e.maker in ("ROK", "USA")]
        assert len(entries) == 1, (side, entries)
        assert entries[0].mine is mine and "jointly with" in entries[0].note, side
