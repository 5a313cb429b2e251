"""Regenerate the golden replays in this folder (run by hand, never by pytest).

    python tests/replays/generate.py

Each golden is a game record with checkpoints taken from the run that made it (tension ±2,
trust ±0.03, the outcome), plus the direction the theory or the history says it should take,
written in each checkpoint's note. ``wargame replay --check FILE`` verifies them; the test suite
runs that on every file here. Regenerate only when a change to the model is intended, and say so
in the commit message.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from wargame.engine.doctrines import DOCTRINES
from wargame.engine.state import Order
from wargame.game import Game
from wargame.record.models import Checkpoint, TrustRange

HERE = Path(__file__).resolve().parent

#: The November-December 2022 sequence (history.md §1.3), a round a week from Mon 31 Oct 2022.
#: Actors without an order in a week are played by their scenario doctrine.
KOREA_WEEKS: list[dict[str, tuple[str, str]]] = [
    # 31 Oct-6 Nov, after the opening moves (31 Oct-2 Nov, in the scenario): the allies extend
    # Vigilant Storm to 5 Nov (row 32, a new decision); the 3 Nov ICBM and SRBMs and the 5 Nov
    # SRBMs (rows 31, 37); Japan's J-Alert on 3 Nov (row 31).
    {
        "USA": ("combined_drill", "DPRK"),
        "ROK": ("combined_drill", "DPRK"),
        "DPRK": ("missile_test", "ROK"),
        "JPN": ("raise_alert", "DPRK"),
    },
    # 7-13 Nov: 9 Nov SRBM; Phnom Penh trilateral: a nuclear test will meet a "strong and
    # resolute response".
    {
        "DPRK": ("missile_test", "ROK"),
        "USA": ("threaten_force", "DPRK"),
        "ROK": ("threaten_force", "DPRK"),
        "JPN": ("threaten_force", "DPRK"),
    },
    # 14-20 Nov: 18 Nov Hwasong-17 lands in Japan's EEZ; 19 Nov B-1Bs over the KADIZ.
    {
        "DPRK": ("missile_test", "USA"),
        "USA": ("strategic_asset_flyover", "DPRK"),
        "ROK": ("raise_alert", "DPRK"),
        "JPN": ("protest", "DPRK"),
    },
    # 21-27 Nov: UNSC emergency meeting, no product; the DPRK FM calls the UNSG a US "puppet".
    {
        "USA": ("protest", "DPRK"),
        "ROK": ("protest", "DPRK"),
        "JPN": ("protest", "DPRK"),
        "DPRK": ("protest", "USA"),
    },
    # 28 Nov-4 Dec: coordinated unilateral sanctions (US, ROK, Japan; 1-2 Dec).
    {"USA": ("sanctions", "DPRK"), "ROK": ("sanctions", "DPRK"), "JPN": ("sanctions", "DPRK")},
    # 5-11 Dec: no sourced act; every actor follows its doctrine.
    {},
    # 12-18 Dec: 15 Dec solid-fuel motor test, 18 Dec MRBMs; 16 Dec Japan's security strategy.
    {"DPRK": ("missile_test", "JPN"), "JPN": ("mobilize", "DPRK")},
    # 19-25 Dec: 20 Dec B-52H and F-22 combined air drill; 23 Dec SRBMs.
    {"USA": ("combined_drill", "DPRK"), "ROK": ("combined_drill", "DPRK"), "DPRK": ("missile_test", "ROK")},
    # 26 Dec-1 Jan: five DPRK drones cross the MDL; the ROK fires ~100 rounds and sends
    # surveillance assets north.
    {"DPRK": ("drone_incursion", "ROK"), "ROK": ("drone_incursion", "DPRK")},
]


def play_sourced(game: Game, rounds: list[dict[str, tuple[str, str]]]) -> None:
    """Play a sourced sequence: one dict of (instrument, target) orders per round; actors without
    an order that round are left to their doctrine."""
    for orders in rounds:
        game.play_round({a: Order(i, t) for a, (i, t) in orders.items()})


def save_sourced(game: Game, rounds: list[dict[str, tuple[str, str]]], out: Path) -> None:
    """Save the game's record with ``game.checkpoints``, keeping only the sourced orders (the
    doctrines' orders are replayed, not stored)."""
    from wargame.record import io

    record = game.record
    for k, orders in enumerate(rounds):
        record.rounds[k].orders = {a: o for a, o in record.rounds[k].orders.items() if a in orders}
    record.checkpoints = game.checkpoints
    io.save(out, record)


def print_trajectory(game: Game, pairs: list[tuple[str, str]]) -> None:
    """Print each round's tension, the pairs' trust, capabilities, acts and event cards."""
    for k, s in enumerate(game.states):
        date = game.rules.date_of(k) if k else "opening"
        res = game.results[k - 1] if k else None
        acts = ", ".join(f"{a.maker}:{a.instrument}" for a in res.acts) if res else ""
        events = " ".join(f"[{e.id}]" for e in res.events) if res else ""
        print(
            f"R{k:>2} {date}  T {s.tension:5.1f}  "
            + "  ".join(f"{i}>{j} {s.trust(i, j):.3f}" for i, j in pairs)
            + "  K "
            + " ".join(f"{a}={s.capability[a]:.2f}" for a in game.rules.actor_ids)
            + f"  | {acts} {events}"
        )
    print("war probability", round(game.state.war_probability, 4), "outcome", game.state.outcome)


def checkpoints(
    game: Game, rounds: list[int], pairs: list[tuple[str, str]], note: str | Mapping[int, str]
) -> list[Checkpoint]:
    """Regression checkpoints around this run (tension ±2, trust ±0.03, the outcome) after each
    of ``rounds`` that was played; ``note`` is one note for all, or a note per round."""
    states = game.states
    out = []
    for r in rounds:
        if r >= len(states):
            continue
        st = states[r]
        out.append(
            Checkpoint(
                after_round=r,
                tension=[round(max(0.0, st.tension - 2), 1), round(min(100.0, st.tension + 2), 1)],
                outcome=st.outcome.value if st.outcome else "none",
                trust=[
                    TrustRange(
                        observer=i,
                        subject=j,
                        range=[
                            round(max(0.0, st.trust(i, j) - 0.03), 3),
                            round(min(1.0, st.trust(i, j) + 0.03), 3),
                        ],
                    )
                    for i, j in pairs
                ],
                note=note if isinstance(note, str) else note[r],
            )
        )
    return out


def korea_opening() -> None:
    game = Game.new("korea-2022", seed=2022, mode="stochastic", rounds=24)
    game.title = "Korea, November-December 2022: the opening, week by week"
    game.description = (
        "The sourced sequence of history.md §1.3 coded as orders, nine weeks from Vigilant Storm to "
        "the December drone incursion. Weeks without a sourced act for an actor are left to its doctrine."
    )
    play_sourced(game, KOREA_WEEKS)
    pairs = [("DPRK", "USA"), ("DPRK", "ROK"), ("ROK", "DPRK"), ("USA", "DPRK")]
    game.checkpoints = checkpoints(
        game,
        [0, 1, 3, 5, 9],
        pairs,
        "History: no thaw in Nov-Dec 2022; the spiral should keep tension at crisis level and "
        "mutual trust near its floor, with no war.",
    )
    game.checkpoints.append(
        Checkpoint(
            after_round=9,
            tension=[60, 100],
            outcome="none",
            trust=[TrustRange(observer="DPRK", subject="USA", range=[0.0, 0.1])],
            note="Direction: crisis-level tension, DPRK trust in the US near its floor, no war.",
        )
    )
    save_sourced(game, KOREA_WEEKS, HERE / "korea-2022-opening.json")


#: Doctrines whose golden needs other players to show what they do: the Bayesian security seeker
#: never reaches μ* in Korea's low-trust opening when everyone plays it (its game would repeat
#: defensive-only's), so its golden has DPRK play it against GRIT, whose concessions lift DPRK's
#: trust past μ* in mid-game, where it switches from the defensive posture to talk.
AGAINST = {"bayesian_security_seeker": ("DPRK", "grit")}


def doctrine_games(only: str | None = None) -> None:
    pairs = [("DPRK", "USA"), ("USA", "DPRK"), ("DPRK", "ROK")]
    for name in DOCTRINES:
        if only is not None and name != only:
            continue
        doctrines = {a: name for a in ("DPRK", "ROK", "USA", "JPN", "PRC")}
        title = f"Korea 2022, every state plays {DOCTRINES[name].title}"
        if name in AGAINST:
            actor, others = AGAINST[name]
            doctrines = {a: (name if a == actor else others) for a in doctrines}
            title = f"Korea 2022, {actor} plays {DOCTRINES[name].title}, the others {DOCTRINES[others].title}"
        game = Game.new("korea-2022", seed=7, mode="stochastic", rounds=24, doctrines=doctrines)
        game.title = title
        while not game.is_over:
            game.play_round()
        record = game.record
        for rr in record.rounds:
            rr.orders = {}
        game.checkpoints = checkpoints(
            game, [0, 6, 12, 18, game.round], pairs, f"Regression golden for the {name} doctrine."
        )
        record.checkpoints = game.checkpoints
        from wargame.record import io

        io.save(HERE / f"doctrine-{name.replace('_', '-')}.json", record)


if __name__ == "__main__":
    korea_opening()
    doctrine_games()
    for p in sorted(q for q in HERE.glob("*.json") if q.name != "fingerprints.json"):
        g = Game.load(p)
        st = g.state
        print(
            f"{p.name:<45} rounds {g.round:>2}  T {st.tension:5.1f}  outcome {st.outcome.value if st.outcome else '-'}"
        )
