"""Generate the historical replay of Able Archer 83 and the 1983 war scare (run by hand, never by pytest).

    python tests/replays/history_able_archer_1983.py

The sourced move table of ``../shared/research/history.md`` §2.2 coded as orders, a round a week
from Monday 31 October 1983 (the week of the ICB trigger date, 2 November), on
``scenarios/able-archer-1983.toml``. Modelled on ``korea_opening()`` in ``generate.py``: actors
without a sourced act in a week are left to their doctrine (their orders are dropped from the saved
record, so a replay re-derives them); the checkpoints state the direction the history gives, each
with its reason in ``note``, plus tight regression ranges around this run's values.

Expectation mode: no perception noise, no drawn cards and no hazard draws, so the run does not
depend on a seed and the summary reports the cumulative inadvertent-war probability. The 1983
misperception was systematic, not a random flip; it lives in the scenario's low distinguishability
and the USSR's hostile bias, which act in both modes. Hidden types are the likelier ones: all three
actors are security seekers, which is what the 1990 US review's conclusion (row 17) implies for the
US side; the USSR's type is not settled by the sources (prior 0.7).

What the engine cannot say (the scenario header lists the format limits):
* every act is seen in full by every other actor, so Washington's trust in Moscow falls when Moscow
  readies its nuclear forces, though ICB codes no crisis for the US (visibility);
* the West's learning how frightened Moscow was is a second-order belief no act or card can move;
* one act per actor per week: the end of the exercise and of the Soviet alert (11 Nov, the last
  working day of week 2) are week-3 moves; Andropov's statement of 24 Nov, which followed the
  walkout of 23 Nov, is coded in week 5.
"""

from __future__ import annotations

from pathlib import Path

from tests.replays.generate import checkpoints, play_sourced, print_trajectory, save_sourced
from wargame.game import Game
from wargame.record.models import Checkpoint, TrustRange

HERE = Path(__file__).resolve().parent

SCENARIO = "able-archer-1983"
OUT = HERE / "able-archer-1983-history.json"

#: history.md §2.2, a round a week from Mon 31 Oct 1983 (row numbers of its move table). An actor
#: absent from a week has no sourced act that week and follows its doctrine.
WEEKS: list[dict[str, tuple[str, str]]] = [
    # Week 1, 31 Oct - 6 Nov (row 8): Able Archer 83 begins on 2 Nov by ICB's and the US Army CALL
    # thesaurus's dating (7 Nov by Wikipedia's, a [D] in history.md): a NATO command-post exercise,
    # coded as a combined act of the two NATO actors. Moscow: Operation RYAN (row 1, launched 1981
    # and running) watches for signs of a first strike; the order stands for that standing watch.
    {
        "USA": ("nuclear_release_exercise", "USSR"),
        "FRG": ("nuclear_release_exercise", "USSR"),
        "USSR": ("intelligence_watch", "USA"),
    },
    # Week 2, 7-13 Nov (rows 8-10): the exercise's main phase (7-11 Nov by either dating), with its
    # new coded-message format, radio silences and heads-of-government participation. The USSR
    # readies its nuclear forces, puts air units in East Germany and Poland on alert, and the 4th
    # Air Army loads nuclear weapons onto aircraft (row 10). The KGB's flash telegrams (row 9,
    # [S, weak], ~8/9 Nov) are the scenario's scheduled card for this week.
    {
        "USA": ("nuclear_release_exercise", "USSR"),
        "FRG": ("nuclear_release_exercise", "USSR"),
        "USSR": ("nuclear_alert", "USA"),
    },
    # Week 3, 14-20 Nov (rows 11-12): the exercise ended on Fri 11 Nov; Lt Gen Perroots had advised
    # against answering the Warsaw Pact's alert, "a deliberate non-reciprocation" (row 11), and the
    # threat "abruptly ended" (row 12, coded 087 for NATO and the USSR alike). In a weekly game these
    # are the moves that answer week 2: NATO does not meet the alert with an alert and stands down;
    # Moscow stands its forces down.
    {"USA": ("stand_down", "USSR"), "FRG": ("stand_down", "USSR"), "USSR": ("stand_down", "USA")},
    # Week 4, 21-27 Nov (rows 13-14): on 22 Nov the Bundestag approves the Pershing II and cruise
    # missile deployment, 286 to 226; the first Pershing IIs arrive within 24 hours (a combined act:
    # the US supplies, the FRG hosts). On 23 Nov the Soviet delegation walks out of the Geneva INF
    # talks with "no date ... for resumption".
    {
        "USA": ("deploy_euromissiles", "USSR"),
        "FRG": ("deploy_euromissiles", "USSR"),
        "USSR": ("walk_out", "USA"),
    },
    # Week 5, 28 Nov - 4 Dec (row 15): Andropov's statement of 24 Nov announcing counter-deployments,
    # coded one week late because the walkout is the USSR's act of week 4 (one act per round).
    # Washington and Bonn: no sourced act (row 16, Reagan's January speech, is [U]); doctrine.
    {"USSR": ("threaten_countermeasures", "USA")},
    # Week 6, 5-11 Dec: no sourced act in history.md; every actor follows its doctrine. The crisis
    # has faded (ICB end 11 Nov) and the talks are broken off: the test is whether the engine's
    # security seekers, left to themselves, spiral back into crisis.
    {},
]

PAIRS = [("USSR", "USA"), ("USA", "USSR"), ("USSR", "FRG"), ("FRG", "USSR")]


def regression(game: Game, rounds: list[int]) -> list[Checkpoint]:
    """Tight ranges around this run (tension ±2, trust ±0.03): a golden, as in generate.py."""
    return checkpoints(
        game,
        rounds,
        PAIRS,
        "Regression golden for the historical replay (tension ±2, trust ±0.03 around this run).",
    )


def direction(game: Game) -> list[Checkpoint]:
    """Wide checkpoints: the direction the history gives, whatever the exact numbers."""
    st = game.states
    t = [s.tension for s in st]

    def mu(r: int, i: str, j: str) -> float:
        return st[r].trust(i, j)

    return [
        Checkpoint(
            after_round=0,
            tension=[20, 59.9],
            outcome="none",
            note="Before 2 Nov: a tense year (the 'evil empire' speech, SDI, KAL 007, Reforger 83) but no "
            "crisis yet: ICB's trigger is 2 Nov. Tension below crisis level.",
        ),
        Checkpoint(
            after_round=1,
            tension=[t[0], 100],
            outcome="none",
            trust=[TrustRange(observer="USSR", subject="USA", range=[0.0, round(mu(0, "USSR", "USA"), 3)])],
            note="Week 1: Able Archer begins (ICB trigger, a non-violent military act of the US). In a world "
            "where a release rehearsal looks like a release, Moscow's trust in Washington falls and "
            "tension rises.",
        ),
        Checkpoint(
            after_round=2,
            tension=[60, 100],
            outcome="none",
            trust=[TrustRange(observer="USSR", subject="USA", range=[0.0, 0.05])],
            note="Week 2, the peak (ICB gravity 6, a threat to existence): the exercise's main phase and the "
            "Soviet nuclear alert. Crisis-level tension; Moscow's trust in Washington at its floor. "
            "No war: ICB codes no violence.",
        ),
        Checkpoint(
            after_round=2,
            trust=[TrustRange(observer="USA", subject="USSR", range=[round(mu(2, "USSR", "USA"), 3), 1.0])],
            note="A one-sided crisis (ICB: the USSR is the only crisis actor): at the peak Washington trusts "
            "Moscow more than Moscow trusts Washington.",
        ),
        Checkpoint(
            after_round=3,
            tension=[0, t[2] - 10],
            outcome="none",
            trust=[TrustRange(observer="USSR", subject="USA", range=[round(mu(2, "USSR", "USA"), 3), 1.0])],
            note="Week 3: the exercise is over, NATO did not answer the alert with an alert (Perroots), the "
            "Soviet alert is stood down, the threat 'abruptly ended' (ICB end 11 Nov, crisis faded). "
            "Tension falls well below the peak; Moscow's trust in Washington does not fall further.",
        ),
        Checkpoint(
            after_round=4,
            tension=[t[3], 59.9],
            outcome="none",
            trust=[TrustRange(observer="USSR", subject="FRG", range=[0.0, round(mu(3, "USSR", "FRG"), 3)])],
            note="Week 4: the Bundestag votes for the missiles, the Pershings arrive, Moscow walks out of "
            "Geneva. Tension rises again, but ICB codes no new crisis, so below crisis level; "
            "Moscow's trust in Bonn, the host, falls.",
        ),
        Checkpoint(
            after_round=6,
            outcome="none",
            note="Week 6: no war (history.md: no violence; the crisis faded; the arms talks broke down). Not "
            "asserted, a divergence: left to their doctrines, the engine's security seekers answer each "
            "other's defensive posture, which at d = 0.15 reads as an ambiguous military move, and "
            "tension climbs back toward crisis level; ICB codes no new US-USSR crisis after 11 Nov.",
        ),
    ]


def main() -> None:
    game = Game.new(SCENARIO, seed=1983, mode="expectation", rounds=16)
    game.title = "Able Archer 83, 31 October - 11 December 1983: the war scare, week by week"
    game.description = (
        "The sourced sequence of history.md §2.2 coded as orders, six weeks from the start of Able Archer 83 "
        "to the aftermath of the Soviet walkout from the Geneva INF talks. Weeks without a sourced act for an "
        "actor are left to its doctrine."
    )
    rounds = WEEKS
    play_sourced(game, rounds)
    game.checkpoints = regression(game, [0, 1, 2, 3, 4, 5, 6]) + direction(game)
    save_sourced(game, rounds, OUT)
    print_trajectory(game, PAIRS)


if __name__ == "__main__":
    main()
