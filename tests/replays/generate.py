"""Regenerate the golden replays in this folder (run by hand, never by pytest).

    python -m tests.replays.generate                      # every golden, history replays included
    python -m tests.replays.generate doctrine-grit        # one golden, by its file name
    python -m tests.replays.generate --list               # the goldens and what each must show

then re-fingerprint what you regenerated: ``python -m tests.replays.fingerprint --update NAME``
(it prints what changed). Regenerate only when a change to the model or a scenario is intended:
bump ``MODEL_VERSION`` for a model change, and say so in the commit message.

Every golden states what it must show as claims (``claims.py``): for the doctrine goldens, the
behaviour the doctrine's source predicts under the model (``DOCTRINE_GOLDENS``); for the
replays of history, the directions the history gives (the ``*.toml`` history files beside
this one, built by ``wargame history``: :mod:`wargame.history`). The generator refuses to write a golden whose claims do not
hold; the claims that can be become the record's checkpoints (``wargame replay --check``) and
the test suite evaluates all of them on the replayed record. The exact numbers are pinned by the
fingerprints (``fingerprint.py``), not by checkpoints.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from wargame import history
from wargame.engine.doctrines import DOCTRINES
from wargame.game import Game
from wargame.history.claims import (
    ActOf,
    Claim,
    ClaimsNotShown,
    MuStar,
    Outcome,
    PairEnd,
    Tension,
    Trust,
    above,
    at_least,
    below,
    every,
    one_of,
)
from wargame.record.models import GameRecord

HERE = Path(__file__).resolve().parent


def save_golden(game: Game, record: GameRecord, out: Path, claims: list[Claim] | None) -> None:
    """Verify ``claims`` on ``game``, make them the record's checkpoints, check those, save
    (:func:`wargame.history.save`); exit naming what is not shown."""
    try:
        kept = history.save(game, record, out, claims)
    except ClaimsNotShown as exc:
        raise SystemExit(str(exc)) from None
    for line in kept:
        print(f"{line} (a strict xfail in the tests)")


@dataclass(frozen=True)
class DoctrineGolden:
    """One doctrine's golden: Korea 2022, seed 7, stochastic, 24 rounds.

    Attributes:
        expectation: what the doctrine should show under the model, from its source.
        claims: that expectation as claims (checked on the replay; the checkpoints).
        against: (actor, doctrine of everyone else) when the doctrine needs other players to show
            what it does; None when every state plays it.
    """

    expectation: str
    claims: list[Claim]
    against: tuple[str, str] | None = None


def _doctrine_goldens() -> dict[str, DoctrineGolden]:
    war = {"war_chosen", "war_inadvertent"}
    return {
        "hawk": DoctrineGolden(
            "Every state a hawk, the deterrence-model believer (Jervis 1976, ch. 3): each threat is "
            "answered a rung higher, so crisis level in round 1, limited strikes (the ladder's top) by "
            "round 3, and war well before the round limit, by round 8 (chosen, or drawn from the "
            "hazard that tension above 70 and exchanged strikes price).",
            [
                at_least(
                    Tension(1), 60.0, "Hawks answer the hostile opening a rung up: crisis level in round 1."
                ),
                one_of(
                    ActOf(3, "DPRK"), "limited_strike", "By round 3 DPRK is at the top of its hawk ladder."
                ),
                one_of(
                    ActOf(3, "USA"), "limited_strike", "By round 3 the US is at the top of its hawk ladder."
                ),
                one_of(Outcome(8), war, "Mutual hawks end in war well before the round limit (by round 8)."),
            ],
        ),
        "dove": DoctrineGolden(
            "Every state a dove, unconditional costly concessions (the spiral model's cure taken to its "
            "limit, Jervis 1976, ch. 3). Among states that are all in fact security seekers the "
            "concessions are read as costly signals (Kydd 2005): trust climbs past the peace level, "
            "tension falls below 20, and every pair reaches sustained détente before the round limit.",
            [
                one_of(ActOf(1, "DPRK"), "scale_down_drill", "A dove concedes from the first round."),
                below(
                    Tension(6), 20.0, "Six rounds of concessions take tension to détente levels (below 20)."
                ),
                above(
                    Trust(12, "DPRK", "USA"), 0.8, "Costly concessions lift DPRK's trust in the US past 0.8."
                ),
                above(Trust(12, "USA", "DPRK"), 0.8, "... and the US's trust in DPRK past 0.8."),
                one_of(
                    Outcome(24), "peace_detente", "Every pair in sustained détente: peace before the limit."
                ),
            ],
        ),
        "tit_for_tat": DoctrineGolden(
            "Every state plays tit for tat (Axelrod 1984) after Korea's hostile opening: force is answered "
            "with the defensive posture and the posture with the posture, so no one makes the first "
            "concession: the echo. Crisis level from round 2 to the end, trust at its floor, stalemate.",
            [
                *every(
                    range(2, 25),
                    lambda r: at_least(
                        Tension(r), 60.0, "The echo of postures keeps tension at crisis level."
                    ),
                ),
                one_of(ActOf(12, "DPRK"), "def_posture", "Mid-game DPRK still answers posture with posture."),
                below(Trust(24, "DPRK", "USA"), 0.05, "Trust at its floor: no one conceded first."),
                one_of(Outcome(24), "stalemate", "No war (no force is used) and no peace: stalemate."),
            ],
        ),
        "generous_tit_for_tat": DoctrineGolden(
            "Every state plays generous tit for tat (Nowak & Sigmund 1992), which forgives force a third of "
            "the time: a forgiven round opens an exchange of talk that breaks tit for tat's echo, so "
            "tension stays below crisis level all game; but talk is cheap (LR 0.95), so trust stays low "
            "and there is no peace: stalemate.",
            [
                *(
                    one_of(
                        ActOf(4, a), "talk", "Forgiveness has opened an exchange of talk: by week 4 all talk."
                    )
                    for a in ("DPRK", "ROK", "USA", "JPN", "PRC")
                ),
                *every(
                    range(1, 25),
                    lambda r: below(Tension(r), 60.0, "Generosity breaks the echo: below crisis level."),
                ),
                below(Trust(24, "DPRK", "USA"), 0.3, "Cheap talk moves trust little: it stays low."),
                one_of(Outcome(24), "stalemate", "No costly signal, no treaty: stalemate."),
            ],
        ),
        "grit": DoctrineGolden(
            "Every state plays GRIT (Osgood 1962): graduated unilateral concessions, each returned and "
            "then raised a tier. Reciprocated costly signals lift trust past μ* within a few rounds, "
            "tension falls below 20, and the treaty is signed: peace by treaty, by round 12.",
            [
                below(Tension(6), 20.0, "Reciprocated initiatives take tension below 20 within six rounds."),
                above(Trust(6, "DPRK", "USA"), MuStar(), "DPRK's trust in the US passes μ* by round 6."),
                one_of(Outcome(12), "peace_treaty", "The treaty is signed: peace by treaty by round 12."),
            ],
        ),
        "costly_reassurance": DoctrineGolden(
            "The ROK reassures with costly signals from the first week after its opening posture "
            "(halting the combined exercises and relieving sanctions in turn, Kydd 2000) while every other "
            "state is a Bayesian security seeker. Costly signals move trust fast: DPRK's trust in Seoul "
            "passes μ* within six weeks (GRIT's graduated start takes about twice as long), DPRK answers "
            "with costly concessions, the DPRK-ROK treaty is signed, and the US, reassured through its "
            "ally, follows: peace by treaty before the round limit.",
            [
                one_of(ActOf(2, "ROK"), "halt_combined_exercises", "Seoul starts with its costliest signal."),
                above(
                    Trust(6, "DPRK", "ROK"), MuStar(), "Costly signals lift DPRK's trust in Seoul past μ*."
                ),
                below(Trust(6, "DPRK", "USA"), 0.1, "... but not in Washington, which still postures."),
                one_of(
                    ActOf(7, "DPRK"), "test_moratorium", "Past μ*, DPRK answers with a costly concession."
                ),
                one_of(PairEnd(16, "DPRK", "ROK"), "treaty", "The DPRK-ROK treaty holds by week 16."),
                one_of(Outcome(24), "peace_treaty", "Both principal pairs settle: peace by treaty."),
            ],
            against=("ROK", "bayesian_security_seeker"),
        ),
        "bayesian_security_seeker": DoctrineGolden(
            "DPRK plays the Bayesian security seeker (Kydd 2005) against GRIT (when every state plays it, "
            "Korea's low-trust opening keeps everyone below μ* and its game repeats defensive-only's). "
            "Below μ* it defends against a threat and otherwise holds (no new show of force); GRIT's "
            "persistent concessions lift its trust in the US past μ* mid-game, when it switches to "
            "costly reassurance and signs the treaty: peace by treaty.",
            [
                one_of(
                    ActOf(1, "DPRK"),
                    "def_posture",
                    "Below μ*, DPRK answers the hostile opening with defence.",
                ),
                below(Trust(6, "DPRK", "USA"), MuStar(), "At round 6 DPRK still trusts the US less than μ*."),
                one_of(
                    ActOf(6, "DPRK"), "hold", "... and, unthreatened by GRIT, it holds instead of posturing."
                ),
                above(
                    Trust(12, "DPRK", "USA"),
                    MuStar(),
                    "GRIT's concessions lift DPRK's trust past μ* by round 12.",
                ),
                one_of(
                    ActOf(13, "DPRK"), "test_moratorium", "Past μ*, DPRK reassures with a costly concession."
                ),
                one_of(Outcome(24), "peace_treaty", "DPRK signs: peace by treaty before the round limit."),
            ],
            against=("DPRK", "grit"),
        ),
        "greedy_opportunist": DoctrineGolden(
            "DPRK plays the greedy opportunist against doves (when every state plays it, each is deterred "
            "at its first rung and its game repeats all-defect's). Jervis's deterrence model: "
            "concessions embolden a greedy state, so DPRK climbs from missile tests to limited strikes "
            "within three rounds and strikes every round while the doves keep conceding; the war "
            "hazard prices each strike, and war comes before the round limit (by round 12).",
            [
                one_of(ActOf(1, "DPRK"), "missile_test", "The greedy state probes: a missile test."),
                one_of(
                    ActOf(3, "DPRK"), "limited_strike", "Emboldened by concessions, it strikes by round 3."
                ),
                below(
                    Trust(3, "USA", "DPRK"), 0.05, "The US reads the strikes: its trust in DPRK at the floor."
                ),
                one_of(Outcome(12), war, "Strikes against states that only concede end in war by round 12."),
            ],
            against=("DPRK", "dove"),
        ),
        "all_cooperate": DoctrineGolden(
            "Every state only talks (ALLC, a control; Axelrod 1984). Talk is cheap (LR 0.95), so trust "
            "creeps up from the opening's 0.15 but stays far below the peace level (0.8) and no pair "
            "reaches détente; with no shows of force tension falls below crisis level: stalemate.",
            [
                *every(
                    range(1, 25), lambda r: below(Tension(r), 60.0, "No shows of force: below crisis level.")
                ),
                above(Trust(24, "DPRK", "USA"), Trust(0, "DPRK", "USA"), "Talk lifts trust a little ..."),
                below(Trust(24, "DPRK", "USA"), 0.8, "... but far short of the peace level."),
                one_of(Outcome(24), "stalemate", "Cheap talk brings no peace: stalemate."),
            ],
        ),
        "all_defect": DoctrineGolden(
            "Every state test-fires missiles every round (ALLD, a control; Axelrod 1984): tension climbs "
            "above the hazard knee (70) by round 3 and stays there, trust at its floor. No force is "
            "used, so only the tension hazard runs (a few per mille a round): this seed draws no war.",
            [
                *every(
                    range(3, 25), lambda r: at_least(Tension(r), 70.0, "Missile tests keep tension above 70.")
                ),
                below(Trust(24, "DPRK", "USA"), 0.05, "Trust at its floor."),
                one_of(Outcome(24), "stalemate", "No force, a small hazard: here no war is drawn."),
            ],
        ),
        "defensive_only": DoctrineGolden(
            "Every state only takes the most legible defensive posture (the security dilemma's test case, "
            "Jervis 1978; theory TP1-TP5): at d = 0.3 each posture reads as an ambiguous military move, "
            "so trust falls to its floor and tension rises to crisis level and stays there, below the "
            "hazard knee since no force is used: stalemate.",
            [
                *every(
                    range(3, 25),
                    lambda r: at_least(
                        Tension(r), 60.0, "Defence read as threat: crisis level from round 3."
                    ),
                ),
                *every(
                    range(1, 25), lambda r: below(Tension(r), 70.0, "No force: below the hazard knee (70).")
                ),
                below(Trust(6, "DPRK", "USA"), 0.05, "Trust falls to its floor by round 6."),
                one_of(Outcome(24), "stalemate", "Stalemate at crisis level."),
            ],
        ),
        "grim": DoctrineGolden(
            "DPRK plays grim trigger (Friedman 1971) against doves (when every state plays it, the hostile "
            "opening triggers all of them at once and its game repeats defensive-only's). Triggered by "
            "the opening, DPRK never forgives: it keeps the defensive posture all game though the doves' "
            "concessions lift its trust in the US past 0.8; the US, reading a posture every round, keeps "
            "its trust in DPRK at the floor, so DPRK-US never reaches détente, while the doves' own "
            "pairs do: stalemate.",
            [
                *[
                    one_of(ActOf(r, "DPRK"), "def_posture", "Grim never forgives: the defensive posture.")
                    for r in (1, 12, 24)
                ],
                above(Trust(16, "DPRK", "USA"), 0.8, "The doves' concessions lift DPRK's trust past 0.8 ..."),
                below(
                    Trust(24, "USA", "DPRK"),
                    0.05,
                    "... but the US, seeing only postures, stays at the floor.",
                ),
                one_of(PairEnd(24, "DPRK", "USA"), "stalemate", "So DPRK-US never reaches détente."),
                one_of(PairEnd(24, "ROK", "PRC"), "detente", "The doves' own pairs do."),
                one_of(Outcome(24), "stalemate", "A principal pair short of peace: stalemate."),
            ],
            against=("DPRK", "dove"),
        ),
        "random": DoctrineGolden(
            "Every state talks or takes the defensive posture at random (a control; Axelrod 1984): "
            "tension wanders between all-cooperate's and defensive-only's (about 25 and 67), near "
            "crisis level at times, trust stays low: stalemate.",
            [
                *every(
                    range(1, 25),
                    lambda r: below(
                        Tension(r), 66.0, "Half talk: below defensive-only's all-posture level ..."
                    ),
                ),
                *every(
                    range(1, 25),
                    lambda r: above(Tension(r), 20.0, "... half postures: above détente levels."),
                ),
                below(Trust(24, "DPRK", "USA"), 0.2, "Trust stays low."),
                one_of(Outcome(24), "stalemate", "Stalemate."),
            ],
        ),
    }


#: Doctrine name → its golden (every doctrine has one; the test suite checks that).
DOCTRINE_GOLDENS: dict[str, DoctrineGolden] = _doctrine_goldens()


def doctrine_file(name: str) -> str:
    return f"doctrine-{name.replace('_', '-')}.json"


def doctrine_game(name: str) -> Game:
    """Play doctrine ``name``'s golden game (Korea 2022, seed 7, stochastic, 24 rounds)."""
    spec = DOCTRINE_GOLDENS[name]
    doctrines = {a: name for a in ("DPRK", "ROK", "USA", "JPN", "PRC")}
    title = f"Korea 2022, every state plays {DOCTRINES[name].title}"
    if spec.against is not None:
        actor, others = spec.against
        doctrines = {a: (name if a == actor else others) for a in doctrines}
        title = f"Korea 2022, {actor} plays {DOCTRINES[name].title}, the others {DOCTRINES[others].title}"
    game = Game.new("korea-2022", seed=7, mode="stochastic", rounds=24, doctrines=doctrines)
    game.title = title
    game.description = "Expectation: " + spec.expectation
    while not game.is_over:
        game.play_round()
    return game


def save_doctrine(name: str) -> None:
    game = doctrine_game(name)
    record = game.record
    for rr in record.rounds:
        rr.orders = {}
    save_golden(game, record, HERE / doctrine_file(name), DOCTRINE_GOLDENS[name].claims)


def _save_history(replay: history.HistoryReplay) -> None:
    game, record = replay.play()
    save_golden(game, record, replay.out, replay.claims)


def goldens() -> dict[str, Callable[[], None]]:
    """Golden file stem → the function that regenerates it."""
    from tests.replays.history import replays

    out: dict[str, Callable[[], None]] = {}
    for stem, replay in replays().items():
        out[stem] = lambda r=replay: _save_history(r)  # type: ignore[misc]
    for name in DOCTRINES:
        out[doctrine_file(name)[:-5]] = lambda n=name: save_doctrine(n)  # type: ignore[misc]
    return out


def main(argv: list[str]) -> int:
    table = goldens()
    if "--list" in argv:
        for stem in table:
            print(stem)
        return 0
    names = [a.removesuffix(".json") for a in argv if not a.startswith("-")] or list(table)
    unknown = [n for n in names if n not in table]
    if unknown:
        print(
            f"unknown golden(s): {', '.join(unknown)}; expected one of: {', '.join(table)}", file=sys.stderr
        )
        return 2
    for n in names:
        table[n]()
        g = Game.load(HERE / f"{n}.json")
        st = g.state
        print(
            f"{n + '.json':<45} rounds {g.round:>2}  T {st.tension:5.1f}  outcome {st.outcome.value if st.outcome else '-'}"
        )
    print("now: python -m tests.replays.fingerprint --update " + " ".join(names))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
