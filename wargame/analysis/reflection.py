"""Reflection prompts: questions for the student, built from the game's own turning points and
misreadings ("In week 7, Washington read your “Military talks / hotline” as “Warn of force”.
What could have made it legible?").

Acts are named by their instrument's name in quotation marks, as the picker shows it, so the
sentence stays grammatical whether the name is a noun ("Defensive posture") or a verb phrase
("Propose a peace treaty"). Pure: read from the game through the engine.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from wargame.analysis.vocab import round_unit, trust_word
from wargame.engine.rules import Category
from wargame.engine.state import Outcome
from wargame.game import Game

if TYPE_CHECKING:
    from wargame.analysis.debrief import Comparison, TrustLine

#: Most prompts a side is given (the strongest first, then in week order within each kind).
LIMIT = 6


def _q(name: str) -> str:
    return f"“{name}”"


def prompts(
    game: Game, side: str, trust: Sequence[TrustLine], comparison: Comparison | None = None
) -> list[str]:
    """Questions for ``side`` about its own game, at most :data:`LIMIT`: how others misread its
    acts, how it misread theirs, whom it ended up trusting wrongly, the week tension jumped most,
    the outcome, and for a fork what the branch changed."""
    rules = game.rules
    inst = rules.instruments
    actor = rules.actor_by_id
    u = round_unit(rules)
    st = game.state
    theirs: list[str] = []  # others misreading the side's acts
    mine: list[str] = []  # the side misreading others' acts
    seen_makers: set[tuple[str, str]] = set()
    for res in game.results:
        for p in res.perceptions:
            if p.weight == 0.0:
                continue  # an ally takes no alarm: nothing to read
            meant, saw = inst[p.instrument], inst[p.perceived]
            if p.maker == side:
                capital = actor[p.observer].capital
                if p.misperceived and saw.hostility < meant.hostility:
                    theirs.append(
                        f"In {u} {res.round}, {capital} read your {_q(meant.name)} as {_q(saw.name)}, "
                        "milder than you meant. Did you want it noticed, and how would you make sure it was?"
                    )
                elif p.misperceived:
                    theirs.append(
                        f"In {u} {res.round}, {capital} read your {_q(meant.name)} as {_q(saw.name)}. "
                        "What could have made it legible?"
                    )
                elif meant.is_conciliatory and p.evidence > 0 and (p.observer, "calm") not in seen_makers:
                    seen_makers.add((p.observer, "calm"))
                    theirs.append(
                        f"In {u} {res.round}, you chose {_q(meant.name)}, yet {capital} grew more "
                        f"suspicious of you (trust {p.trust_before:.2f} → {p.trust_after:.2f}). "
                        "What made a conciliatory step look like a trick?"
                    )
            elif p.observer == side and p.misperceived:
                mine.append(
                    f"In {u} {res.round}, you saw {_q(saw.name)} from {actor[p.maker].name}, but it had "
                    f"chosen {_q(meant.name)}. What would you have needed to see before answering it?"
                )
    wrong = []
    for line in trust:
        if line.right:
            continue
        if line.truth == 1.0:
            wrong.append(
                f"You ended the game trusting {line.name} at {line.final:.2f} ({trust_word(line.final)}), "
                "but it was a security seeker, as afraid of you as you were of it. Which of its acts "
                "did you take as proof of the opposite?"
            )
        else:
            wrong.append(
                f"You ended the game trusting {line.name} at {line.final:.2f} ({trust_word(line.final)}), "
                "but it was greedy. What costly step could you have asked of it to test its intentions?"
            )
    hist = st.tension_history
    rise: list[str] = []
    if len(hist) > 1:
        delta, week = max((hist[r] - hist[r - 1], r) for r in range(1, len(hist)))
        if delta >= 5:
            own = next((a for a in game.results[week - 1].acts if a.maker == side), None)
            loud = [
                a
                for a in game.results[week - 1].acts
                if a.maker != side
                and not inst[a.instrument].is_conciliatory
                and inst[a.instrument].category is not Category.HOLD
            ]
            others = "; ".join(f"{actor[a.maker].name} chose {_q(inst[a.instrument].name)}" for a in loud[:2])
            you = f"you chose {_q(inst[own.instrument].name)}" if own is not None else ""
            cards = {e.id: e.title for e in game.scenario.model.events}
            events = "; ".join(f"the event “{cards[e.id]}”" for e in game.results[week - 1].events)
            what = "; ".join(x for x in (you, others, events) if x)
            rise.append(
                f"Tension rose most in {u} {week}, {int(hist[week - 1])} → {int(hist[week])}"
                + (f" ({what})" if what else "")
                + ". What else could you have done that week, and how would the others have read it?"
            )
    end: list[str] = []
    if st.outcome in (Outcome.WAR_CHOSEN, Outcome.WAR_INADVERTENT):
        end.append(
            f"The game ended in war in {u} {st.outcome_round}. Which was the last {u} in which a "
            "different choice of yours could still have changed that?"
        )
    elif st.outcome in (Outcome.PEACE_TREATY, Outcome.PEACE_DETENTE):
        end.append(
            f"The game ended in peace in {u} {st.outcome_round}. Which of your acts convinced the "
            "others that you were no threat, and what made it believable?"
        )
    elif st.outcome is Outcome.STALEMATE:
        end.append(
            "Neither war nor peace by the last week. What would a treaty have needed from you, and "
            "what from your rivals?"
        )
    fork: list[str] = []
    if comparison is not None and comparison.available and comparison.branch_final is not None:
        fork.append(
            f"This branch left the first game after {u} {comparison.week}: it ended "
            f"{comparison.branch_outcome[:1].lower()}{comparison.branch_outcome[1:]} at tension "
            f"{int(comparison.branch_final)}, the first ended {comparison.parent_outcome[:1].lower()}"
            f"{comparison.parent_outcome[1:]} at {int(comparison.parent_final or 0)}. Which of your "
            "choices made the difference, and why did the others read them differently?"
        )
    # the strongest of each kind first, then the rest, then in the order above
    kinds = [theirs, mine, wrong, fork, rise, end]
    out: list[str] = []
    for k in kinds:
        out.extend(k[:1])
    for k in kinds:
        out.extend(k[1:2])
    return out[:LIMIT]
