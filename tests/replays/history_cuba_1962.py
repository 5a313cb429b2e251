"""Generate the historical replay of the Cuban Missile Crisis (run by hand, never by pytest).

    python -m tests.replays.history_cuba_1962        (or: python -m tests.replays.generate cuba-1962-history)

The sourced move table of ``../shared/research/history.md`` §2.1 coded as orders, a round a day
from 22 October to 20 November 1962 (the ICB end date), on ``scenarios/cuba-1962.toml``. Actors
without a sourced act on a day are left to their doctrine (their orders are dropped from the saved
record, so a replay re-derives them). The replay follows the crisis through its settlement:
``CLAIMS`` states the direction the history gives for each stage, escalation (22-27 October), the
trade (26-28 October) and the weeks after it to the lifting of the quarantine, each with its row
of the move table or its ICB/MID code. They become the record's checkpoints where a checkpoint can
hold them, and the test suite checks them all on the replay (``claims.py``).

Expectation mode: no perception noise and no hazard draws, so the run does not depend on a seed
and the cumulative war probability is reported instead of drawn. Hidden types are the likelier
ones (USSR 0.5 → security seeker; see the scenario's comments).

Format limits met on the way (the scenario header lists them): one order per actor per day (24 Oct
has the quarantine, not DEFCON 2; 27 Oct has letter 2 and Kennedy's acceptance as orders, the
shoot-down and the RFK-Dobrynin assurance as event cards); no secret acts; the quarantine is coded
on the day it took effect, not as a standing measure. The hold instrument is not scripted on days
without a sourced act: an absent act in the sources is not a sourced hold, so the doctrines play.

What model 2 does with it, where it departs from the history (not tuned away):
  * the meter does not peak on 27 October: the force floor holds it at 60 from 24 to 27 October;
  * after 28 October the AI security seekers, below μ* = 0.68, answer each other's reinforcements
    on alternate days (one reinforces, the other holds, then the reverse): tension stays in the
    "elevated" band (about 48-53), below crisis level as the history says, but trust slides back
    to its floor and the capability indices nearly double in 30 days (the Richardson step
    r = round_days/7 = 1/7 a day, at trust near 0);
  * on 20 November the headline meter rises half a point although the lifting lowers both pair
    tensions: Moscow's and Havana's doctrines reinforce that day (not a sourced act);
  * the quarantine's use of force prices war through the force hazard (about 6% on 24 October,
    decaying by 0.8 a day): 26% cumulative war probability over the 30 days;
  * the outcome is "stalemate at the round limit" (pair US-USSR: armed clash); the engine has no
    outcome for a crisis settled by agreement.
"""

from __future__ import annotations

from pathlib import Path

from tests.replays.claims import (
    Claim,
    Outcome,
    PairEnd,
    PairTension,
    Tension,
    Trust,
    WarProbability,
    above,
    at_least,
    below,
    every,
    one_of,
)
from tests.replays.generate import play_sourced, print_trajectory, save_sourced
from wargame.game import Game

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
    # 23 Oct (row 7): the OAS endorses the quarantine (event card). The US Navy's VFP-62 flies the
    # first low-level photo missions over Cuba (Blue Moon; the scenario's source VFP62).
    2: {"USA": ("low_level_recon", "CUB")},
    # 24 Oct (row 8): the quarantine takes effect (CAMEO 191, MID 13: the US hiact of MID #61);
    # SAC goes to DEFCON 2 the same day (one order per round: the quarantine is the order). Soviet
    # ships stop or turn back at the line (USSR 087, history.md's coding choice).
    3: {"USA": ("quarantine", "USSR"), "USSR": ("halt_shipments", "USA")},
    # 25 Oct (row 9): Stevenson shows the photographs at the UN (112); U Thant's cooling-off
    # proposal and Kennedy's rejection are an event card.
    4: {"USA": ("un_accusation", "USSR")},
    # 26 Oct (row 10): Khrushchev's first letter: the missiles out for a non-invasion pledge (037).
    # Castro orders Cuba's anti-aircraft batteries to open fire on low-flying planes and puts his
    # forces on combat alert (the scenario's source DOBBS).
    5: {"USSR": ("offer_trade", "USA"), "CUB": ("raise_alert", "USA")},
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

#: Round 1 is 22 Oct, round 6 27 Oct ("Black Saturday"), round 7 28 Oct, round 30 20 Nov.
BLACK_SATURDAY, TRADE, LIFTED = 6, 7, 30

#: The directions the history gives (history.md §2.1; ICB #196; MID #61), stage by stage.
CLAIMS: list[Claim] = [
    # -- before and into the crisis --------------------------------------------------------------
    below(
        Tension(0),
        60.0,
        "21 Oct: the crisis is still secret (ICB #196: the trigger for the USSR and Cuba is 22 Oct; "
        "rows 4-5): below crisis level, though Washington knows of the sites and of the denial.",
    ),
    above(
        Tension(1),
        Tension(0),
        "22 Oct (row 6): Kennedy's address announces the quarantine and demands withdrawal; Castro "
        "mobilises: tension rises.",
    ),
    below(
        Trust(1, "USSR", "USA"),
        Trust(0, "USSR", "USA"),
        "22 Oct (row 6): the quarantine is announced against Moscow: its trust in Washington falls.",
    ),
    below(
        Trust(1, "CUB", "USA"),
        Trust(0, "CUB", "USA"),
        "22 Oct (row 6): Havana mobilises against an invasion: its trust in Washington falls.",
    ),
    *every(
        range(3, BLACK_SATURDAY + 1),
        lambda r: at_least(
            Tension(r),
            60.0,
            "24-27 Oct (rows 8-13): the quarantine in force (MID #61 hiact 13, blockade: hostlev 4, use "
            "of force), SAC at DEFCON 2, through the U-2 shoot-down: crisis level (60) every day.",
        ),
    ),
    below(
        Trust(3, "USSR", "USA"),
        Trust(2, "USSR", "USA"),
        "24 Oct (row 8): the quarantine takes effect: Moscow's trust in Washington falls.",
    ),
    above(
        Trust(3, "USA", "USSR"),
        Trust(2, "USA", "USSR"),
        "24 Oct (row 8): Soviet ships stop or turn back at the line: Washington's trust in Moscow rises.",
    ),
    # -- the trade ---------------------------------------------------------------------------------
    above(
        Trust(5, "USA", "USSR"),
        Trust(4, "USA", "USSR"),
        "26 Oct (row 10): Khrushchev's first letter offers the missiles for a non-invasion pledge: "
        "Washington's trust in Moscow rises.",
    ),
    below(
        Trust(BLACK_SATURDAY, "USA", "USSR"),
        Trust(5, "USA", "USSR"),
        "27 Oct (rows 11-12): the second letter raises the price (the Jupiters) and a U-2 is shot "
        "down: Washington's trust in Moscow falls.",
    ),
    above(
        Trust(BLACK_SATURDAY, "USSR", "USA"),
        Trust(5, "USSR", "USA"),
        "27 Oct (row 13): Kennedy accepts the first letter's terms; RFK gives Dobrynin a private "
        "assurance: Moscow's trust in Washington rises.",
    ),
    below(
        Tension(TRADE),
        Tension(BLACK_SATURDAY),
        "28 Oct (row 14): Khrushchev announces the dismantling and removal, the trade done: tension "
        "falls below its 27 Oct level.",
    ),
    above(
        Trust(TRADE, "USA", "USSR"),
        Trust(BLACK_SATURDAY, "USA", "USSR"),
        "28 Oct (row 14): the withdrawal, the costliest signal of the crisis (Kydd 2005): "
        "Washington's trust in Moscow rises.",
    ),
    # -- after the trade: the crisis does not come back ------------------------------------------------
    *every(
        range(TRADE, LIFTED + 1),
        lambda r: below(
            Tension(r),
            60.0,
            "28 Oct - 20 Nov: after the trade the crisis does not re-escalate (ICB #196 outesr = 2, "
            "tension reduction; no military act in the move table between rows 14 and 15): below "
            "crisis level (60) every day to the lifting of the quarantine.",
        ),
    ),
    below(
        PairTension(LIFTED, "USA", "USSR"),
        PairTension(LIFTED - 1, "USA", "USSR"),
        "20 Nov (row 15): the quarantine is lifted (ICB end date): tension between Washington and "
        "Moscow falls that day.",
    ),
    below(
        PairTension(LIFTED, "USA", "CUB"),
        PairTension(LIFTED - 1, "USA", "CUB"),
        "20 Nov (row 15): the quarantine of Cuba is lifted: tension between Washington and Havana "
        "falls that day.",
    ),
    above(
        Trust(LIFTED, "USSR", "USA"),
        Trust(LIFTED - 1, "USSR", "USA"),
        "20 Nov (row 15): the lifting (CAMEO 0872, +9.0): Moscow's trust in Washington rises.",
    ),
    above(
        Trust(LIFTED, "CUB", "USA"),
        Trust(LIFTED - 1, "CUB", "USA"),
        "20 Nov (row 15): the lifting: Havana's trust in Washington rises.",
    ),
    # -- how it ended ------------------------------------------------------------------------------
    one_of(
        PairEnd(LIFTED, "USA", "USSR"),
        "armed_clash",
        "MID #61: hostlev 4 (use of force: the blockade), no war: the US-USSR pair ends in an armed "
        "clash, not a war.",
    ),
    one_of(
        Outcome(LIFTED),
        "stalemate",
        "20 Nov: no war (ICB: semi-formal agreement, tension reduction). The engine has no outcome for "
        "a crisis settled by agreement, so a game that follows history ends at the round limit: "
        "stalemate.",
    ),
    below(
        WarProbability(LIFTED),
        0.5,
        "The crisis ended without war. A replay of what happened must not make it the unlikely "
        "branch: along the historical path the cumulative war probability stays below one half (a "
        "minimal consistency bound of this test, not a number from the sources).",
    ),
]


def main(show: bool = False) -> None:
    game = Game.new(SCENARIO, seed=1962, mode="expectation", rounds=ROUNDS)
    game.title = "Cuba, 22 October - 20 November 1962: the crisis, day by day"
    game.description = (
        "The sourced sequence of history.md §2.1 coded as orders, a round a day from Kennedy's address "
        "to the lifting of the quarantine. Days without a sourced act for an actor are left to its doctrine. "
        "It must show the crisis rising to the quarantine and Black Saturday, falling with the trade of "
        "26-28 October, and staying below crisis level to 20 November."
    )
    rounds = [CUBA_DAYS.get(r, {}) for r in range(1, ROUNDS + 1)]
    play_sourced(game, rounds)
    save_sourced(game, rounds, OUT, CLAIMS)
    if show:
        print_trajectory(game, PAIRS)


if __name__ == "__main__":
    main(show=True)
