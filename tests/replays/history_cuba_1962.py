"""Generate the historical replay of the Cuban Missile Crisis (run by hand, never by pytest).

    python tests/replays/history_cuba_1962.py

The sourced move table of ``../shared/research/history.md`` §2.1 coded as orders, a round a day
from 22 October to 20 November 1962 (the ICB end date), on ``scenarios/cuba-1962.toml``. Modelled
on ``korea_opening()`` in ``generate.py``: actors without a sourced act on a day are left to their
doctrine (their orders are dropped from the saved record, so a replay re-derives them); the
checkpoints state the direction the history gives, each with its reason in ``note``, plus tight
regression ranges around this run's values.

Expectation mode: no perception noise and no hazard draws, so the run does not depend on a seed
and the summary reports the cumulative inadvertent-war probability instead of drawing a war. Hidden
types are the likelier ones (USSR 0.5 → security seeker; see the scenario's comments).

Format limits met on the way (the scenario header lists them): one order per actor per day (24 Oct
has the quarantine, not DEFCON 2; 27 Oct has letter 2 and Kennedy's acceptance as orders, the
shoot-down and the RFK-Dobrynin assurance as event cards); no secret acts; the quarantine is coded
on the day it took effect, not as a standing measure.
"""

from __future__ import annotations

from pathlib import Path

from tests.replays.generate import checkpoints, play_sourced, print_trajectory, save_sourced
from wargame.game import Game
from wargame.record.models import Checkpoint, TrustRange

HERE = Path(__file__).resolve().parent

SCENARIO = "cuba-1962"
OUT = HERE / "cuba-1962-history.json"
ROUNDS = 30

#: history.md §2.1, a round a day from Mon 22 Oct 1962 (row numbers of its move table).
#: Days absent from this dict have no sourced act; every actor follows its doctrine.
CUBA_DAYS: dict[int, dict[str, tuple[str, str]]] = {
    # 22 Oct (row 6): Kennedy's television address announces the quarantine and demands the
    # withdrawal of the missiles (CAMEO 1381 + 1056; US forces to DEFCON 3, folded into the same
    # order). Castro mobilises (CUB 154). Moscow: no sourced act that day (doctrine).
    1: {"USA": ("announce_quarantine", "USSR"), "CUB": ("mobilize", "USA")},
    # 23 Oct (row 7): the OAS endorses the quarantine (event card). No sourced order.
    # 24 Oct (row 8): the quarantine takes effect (CAMEO 191, MID 13: the US hiact of MID #61);
    # SAC goes to DEFCON 2 the same day (one order per round: the quarantine is the order). Soviet
    # ships stop or turn back at the line (USSR 087, history.md's coding choice).
    3: {"USA": ("quarantine", "USSR"), "USSR": ("halt_shipments", "USA")},
    # 25 Oct (row 9): Stevenson shows the photographs at the UN (112); U Thant's cooling-off
    # proposal and Kennedy's rejection are an event card.
    4: {"USA": ("un_accusation", "USSR")},
    # 26 Oct (row 10): Khrushchev's first letter: the missiles out for a non-invasion pledge (037).
    5: {"USSR": ("offer_trade", "USA")},
    # 27 Oct (rows 11-13): the second letter adds the Jupiters in Turkey (1042); Kennedy accepts the
    # first letter's terms (037), which the engine counts as an agreement because Moscow offered it
    # the day before. The U-2 shoot-down (row 12) and the RFK-Dobrynin assurance (row 13) are cards.
    6: {"USSR": ("demand_concession", "USA"), "USA": ("accept_trade", "USSR")},
    # 28 Oct (row 14): Khrushchev announces the dismantling and removal on Radio Moscow (087).
    7: {"USSR": ("withdraw_missiles", "USA")},
    # 29 Oct - 19 Nov: no sourced daily act in history.md (the Il-28 talks are [U]); doctrines.
    # 20 Nov (row 15): the quarantine is lifted (0872), the ICB end date [S].
    30: {"USA": ("lift_quarantine", "USSR")},
}

PAIRS = [("USA", "USSR"), ("USSR", "USA"), ("USA", "CUB"), ("CUB", "USA")]


#: Notes for the regression checkpoints: what the engine does on those days, and where it departs
#: from the history (the report discusses each).
REGRESSION_NOTES = {
    0: "21 Oct, before the address: regression golden (tension ±2, trust ±0.03 around this run).",
    1: "22 Oct, the address and Cuba's mobilisation: regression golden.",
    3: "24 Oct, the quarantine in force: regression golden. The meter sits at the force floor (60).",
    6: "27 Oct: regression golden. The engine's tension is held at 60 by the shoot-down card, not "
    "higher: Kennedy's acceptance the same day drains the US hostility stock, so the meter does not "
    "peak on 'Black Saturday' as the history does; the day shows in trust instead.",
    7: "28 Oct, the announcement of dismantling: regression golden.",
    14: "4 Nov: regression golden. DIVERGENCE from history (ICB: tension reduction): with no sourced "
    "acts, every AI security seeker's trust is below μ* = 0.68, so it reinforces its defences every "
    "day, and at d = 0.4 each such act reads as evidence of greed; tension climbs back above its "
    "October level. The format has no 'hold' act.",
    30: "20 Nov, the quarantine lifted (ICB end date): regression golden. Tension falls that day but "
    "stays near crisis level after three weeks of daily posturing (see round 14); no war; the "
    "round limit ends the game in stalemate, since the engine has no 'settlement' outcome.",
}


def regression(game: Game, rounds: list[int]) -> list[Checkpoint]:
    """Tight ranges around this run (tension ±2, trust ±0.03): a golden, as in generate.py."""
    return checkpoints(game, rounds, PAIRS, REGRESSION_NOTES)


def direction(game: Game) -> list[Checkpoint]:
    """Wide checkpoints: the direction the history gives. Bounds that refer to another day are taken
    from this run (e.g. "below the 27 Oct value"), so they test a direction, not a number."""
    st = game.states
    t = [s.tension for s in st]

    def mu(r: int, i: str, j: str) -> float:
        return round(st[r].trust(i, j), 3)

    return [
        Checkpoint(
            after_round=0,
            tension=[20, 59.9],
            outcome="none",
            note="21 Oct: the crisis is still secret (the ICB trigger for the USSR and Cuba is 22 Oct); "
            "tension below crisis level, though Washington knows of the sites and of the denial.",
        ),
        Checkpoint(
            after_round=1,
            tension=[round(t[0], 1), 100],
            outcome="none",
            trust=[
                TrustRange(observer="USSR", subject="USA", range=[0.0, mu(0, "USSR", "USA")]),
                TrustRange(observer="CUB", subject="USA", range=[0.0, mu(0, "CUB", "USA")]),
            ],
            note="22 Oct: the address announces the quarantine and demands withdrawal; tension rises, and "
            "Moscow's and Havana's trust in Washington falls.",
        ),
        Checkpoint(
            after_round=3,
            tension=[60, 100],
            outcome="none",
            trust=[
                TrustRange(observer="USSR", subject="USA", range=[0.0, mu(2, "USSR", "USA")]),
                TrustRange(observer="USA", subject="USSR", range=[mu(2, "USA", "USSR"), 1.0]),
            ],
            note="24 Oct: the quarantine is in force (MID 13 blockade, a use of force): crisis-level tension, "
            "Moscow's trust in Washington falls; Soviet ships stop or turn back, so Washington's trust "
            "in Moscow rises that day.",
        ),
        Checkpoint(
            after_round=5,
            outcome="none",
            trust=[TrustRange(observer="USA", subject="USSR", range=[mu(4, "USA", "USSR"), 1.0])],
            note="26 Oct: Khrushchev's first letter offers the missiles for a non-invasion pledge: "
            "Washington's trust in Moscow rises.",
        ),
        Checkpoint(
            after_round=6,
            tension=[60, 100],
            outcome="none",
            trust=[
                TrustRange(observer="USA", subject="USSR", range=[0.0, mu(5, "USA", "USSR")]),
                TrustRange(observer="USSR", subject="USA", range=[mu(5, "USSR", "USA"), 1.0]),
            ],
            note="27 Oct: the U-2 is shot down and the second letter raises the price: crisis-level tension "
            "and Washington's trust in Moscow falls. Kennedy accepts the first letter's terms and RFK "
            "gives Dobrynin a private assurance: Moscow's trust in Washington rises.",
        ),
        Checkpoint(
            after_round=7,
            tension=[0, round(t[6] - 3, 1)],
            outcome="none",
            trust=[TrustRange(observer="USA", subject="USSR", range=[mu(6, "USA", "USSR"), 1.0])],
            note="28 Oct: Khrushchev announces the dismantling, the costliest signal of the crisis (Kydd): "
            "Washington's trust in Moscow rises and tension falls below the 27 Oct level.",
        ),
        Checkpoint(
            after_round=30,
            tension=[0, round(t[29] - 3, 1)],
            outcome="stalemate",
            note="20 Nov: the quarantine is lifted (the ICB end date): tension falls that day, and the crisis "
            "ends without war (ICB: semi-formal agreement, tension reduction). The engine's outcome is "
            "'stalemate at the round limit': it has no outcome for a crisis settled by agreement.",
        ),
    ]


def main() -> None:
    game = Game.new(SCENARIO, seed=1962, mode="expectation", rounds=ROUNDS)
    game.title = "Cuba, 22 October - 20 November 1962: the crisis, day by day"
    game.description = (
        "The sourced sequence of history.md §2.1 coded as orders, a round a day from Kennedy's address "
        "to the lifting of the quarantine. Days without a sourced act for an actor are left to its doctrine."
    )
    rounds = [CUBA_DAYS.get(r, {}) for r in range(1, ROUNDS + 1)]
    play_sourced(game, rounds)
    game.checkpoints = regression(game, [0, 1, 3, 6, 7, 14, 30]) + direction(game)
    save_sourced(game, rounds, OUT)
    print_trajectory(game, PAIRS)


if __name__ == "__main__":
    main()
