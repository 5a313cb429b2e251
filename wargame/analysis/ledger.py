"""The debrief's pieces: the outcome and why, whether a trust reads a hidden type right, the
misperception ledger, turning points and why tension moved each week. The debrief model
(:mod:`wargame.analysis.debrief`) is assembled from them; nothing here renders a debrief.

Everything is derived from the game's record through the engine (design.md principle 1) and is
omniscient: it is shown only after the reveal. Pure (no Textual).
"""

from __future__ import annotations

from dataclasses import dataclass

from wargame.analysis.explain import TensionWhy, round_why
from wargame.analysis.report import OUTCOME_WORDS
from wargame.analysis.vocab import round_unit, tension_change, tension_label, trust_change
from wargame.engine.core import defcon_level
from wargame.engine.rules import SECURITY_SEEKER, Category
from wargame.engine.state import Outcome
from wargame.game import Game


@dataclass(frozen=True, slots=True)
class LedgerRow:
    """One observer's reading of one act: what the maker meant, what the observer read.

    Attributes:
        round: week; maker, observer: actor ids.
        meant: the instrument really used (display name); frame: the maker's own words.
        read: the instrument the observer saw (display name); reading: its media's words.
        misread: noise made the observer see another act; hostile: it read the act as hostile.
        weight: share of the evidence it took in; evidence: log-likelihood ratio it added.
        trust_before, trust_after: the observer's trust in the maker, in (0, 1).
        tension_before, tension_after: T around that week (0-100), the same for the week's rows.
    """

    round: int
    maker: str
    observer: str
    meant: str
    frame: str
    read: str
    reading: str
    misread: bool
    hostile: bool
    weight: float
    evidence: float
    trust_before: float
    trust_after: float
    tension_before: float
    tension_after: float


@dataclass(frozen=True, slots=True)
class TurningPoint:
    """A week that mattered, and why (one or more sentences)."""

    round: int
    text: str


def outcome_words(game: Game) -> str:
    """``"Peace by treaty (week 9)"``-style headline of how the game ended (or where it stands)."""
    st = game.state
    u = round_unit(game.rules)
    if st.outcome is None:
        return f"No outcome yet after {st.round} {u}s"
    words = OUTCOME_WORDS[st.outcome.value]
    return f"{words[0].upper()}{words[1:]} ({u} {st.outcome_round})"


def outcome_reasons(game: Game) -> list[str]:
    """Why the game ended as it did, in a few sentences that name the rule and the numbers."""
    st = game.state
    rules = game.rules
    p = rules.params
    name = rules.actor_by_id
    out: list[str] = []
    u = round_unit(rules)
    hist = st.tension_history
    pair = st.war_pair
    between = f" between {name[pair[0]].name} and {name[pair[1]].name}" if pair else ""
    principal = ", ".join(f"{name[a].name}–{name[b].name}" for a, b in rules.principal_pairs)
    if st.outcome is Outcome.WAR_CHOSEN:
        who = name[st.outcome_actor].name if st.outcome_actor else "a state"
        out.append(
            f"{who} chose war{between} in {u} {st.outcome_round}: an act of MID level 5 ends the game."
        )
    elif st.outcome is Outcome.WAR_INADVERTENT:
        cause = {
            "brink": f"it came from tension above {p.hazard_knee:.0f} (Schelling's threat that leaves "
            "something to chance)",
            "force": "it came from their recent uses of force (strikes raise the risk, exchanged "
            "strikes multiply it)",
        }.get(st.war_cause or "", "")
        out.append(
            f"Nobody chose war. Every {u} carried a chance of war by accident, from tension above "
            f"{p.hazard_knee:.0f} and from rivals' recent uses of force. In {u} {st.outcome_round} it came "
            f"up{between}" + (f": {cause}." if cause else ".")
        )
    elif st.outcome is Outcome.PEACE_TREATY:
        bound = [f"{name[a].name}–{name[b].name}" for a, b in rules.principal_pairs if (a, b) in st.treaties]
        out.append(
            f"Peace in {u} {st.outcome_round}: every principal pair ({principal}) at treaty or détente; "
            f"bound by treaty: {', '.join(bound) or 'none'} (each signed with its pair's tension at or "
            f"below {p.treaty_tension:.0f}: costly, mutual commitment, Kydd's costly signals)."
        )
    elif st.outcome is Outcome.PEACE_DETENTE:
        out.append(
            f"Every principal pair ({principal}) kept its tension at or below {p.peace_tension:.0f} and "
            f"both sides' trust at or above {p.peace_trust:.2f} for {p.peace_rounds} {u}s in a row: "
            "a sustained détente."
        )
    elif st.outcome is Outcome.STALEMATE:
        out.append(
            f"The round limit ({game.round_limit} {u}s) came with neither war nor a settled peace: "
            f"peace needs every principal pair ({principal}) at treaty or détente."
        )
    if len(hist) > 1:
        peak = max(hist)
        out.append(
            f"Tension went from {tension_label(hist[0])} to {tension_label(hist[-1])}; "
            f"the peak was {int(peak)} in {u} {hist.index(peak)}."
        )
    if st.crisis_rounds:
        out.append(f"Crisis status (tension ≥ {p.crisis_tension:.0f}) in {len(st.crisis_rounds)} {u}(s).")
    if st.clash_rounds:
        out.append(f"Armed clashes in {u}(s) " + ", ".join(str(r) for r in st.clash_rounds) + ".")
    accident = 1.0
    for res in game.results:
        accident *= 1.0 - res.hazard
    out.append(f"The chance of war by accident over the {u}s played, 1 − Π(1 − p), was {1.0 - accident:.1%}.")
    return out


def reads_right(game: Game, observer: str, subject: str) -> tuple[float, bool]:
    """``observer``'s final trust μ in ``subject`` (in (0, 1)) and whether it reads ``subject``'s
    hidden type right (μ ≥ 0.5 exactly when it is a security seeker; design choice)."""
    st = game.state
    mu = st.trust(observer, subject)
    return mu, (mu >= 0.5) == (st.types[subject] == SECURITY_SEEKER)


def ledger(game: Game, side: str | None = None) -> list[LedgerRow]:
    """The misperception ledger, week by week: every reading of every act (``side``: only the
    rows where ``side`` made or observed the act)."""
    rules = game.rules
    inst = rules.instruments
    hist = game.state.tension_history
    rows = []
    for res in game.results:
        items = {i.maker: i for i in game.act_news(res.round)}
        for p in res.perceptions:
            if side is not None and side not in (p.maker, p.observer):
                continue
            item = items[p.maker]
            reading = item.reading(p.observer)
            rows.append(
                LedgerRow(
                    round=res.round,
                    maker=p.maker,
                    observer=p.observer,
                    meant=inst[p.instrument].name,
                    frame=item.frame,
                    read=inst[p.perceived].name,
                    reading=reading.text if reading else "",
                    misread=p.misperceived,
                    hostile=bool(reading and reading.hostile),
                    weight=p.weight,
                    evidence=p.evidence,
                    trust_before=p.trust_before,
                    trust_after=p.trust_after,
                    tension_before=hist[res.round - 1],
                    tension_after=hist[res.round],
                )
            )
    return rows


def _acts_of(game: Game, round_: int) -> str:
    res = game.results[round_ - 1]
    inst = game.rules.instruments
    # the acts that changed something: neither conciliation nor a hold (no new move)
    loud = [
        a
        for a in res.acts
        if not inst[a.instrument].is_conciliatory and inst[a.instrument].category is not Category.HOLD
    ] or list(res.acts)
    # an instrument's name is a label, a noun ("Defensive posture") or a verb ("Propose a peace
    # treaty"): quoted after the maker, it reads right either way
    return "; ".join(f"{a.maker} “{inst[a.instrument].name}”" for a in loud)


def turning_points(game: Game, side: str, limit: int = 10) -> list[TurningPoint]:
    """The weeks that mattered: level changes, the largest swings in tension and trust,
    misperceptions, uses of force, events and the outcome. At most ``limit``, in week order."""
    rules = game.rules
    st = game.state
    hist = st.tension_history
    found: dict[int, list[str]] = {}

    def note(r: int, text: str) -> None:
        found.setdefault(r, [])
        if text not in found[r]:
            found[r].append(text)

    for r in range(1, len(hist)):
        was, now = defcon_level(hist[r - 1]), defcon_level(hist[r])
        if was[0] != now[0]:
            direction = "rose" if now[0] < was[0] else "fell"
            note(
                r,
                f"tension {direction} {int(hist[r - 1])} → {int(hist[r])} ({was[1]} → {now[1]}) after {_acts_of(game, r)}",
            )
    if len(hist) > 2:
        jumps = [(hist[r] - hist[r - 1], r) for r in range(1, len(hist))]
        up = max(jumps)
        down = min(jumps)
        for delta, r, what in ((up[0], up[1], "rise"), (down[0], down[1], "fall")):
            if abs(delta) >= 5 and (what == "rise") == (delta > 0):
                after = "" if r in found else f" after {_acts_of(game, r)}"
                note(r, f"the largest {what} in tension ({tension_change(hist[r - 1], hist[r])}){after}")
    states = game.states
    best: tuple[float, int, str] | None = None
    for r in range(1, len(states)):
        for a in rules.actor_ids:
            if a == side:
                continue
            for obs, subj in ((side, a), (a, side)):
                d = states[r].trust(obs, subj) - states[r - 1].trust(obs, subj)
                if best is None or abs(d) > abs(best[0]):
                    who = f"your trust in {subj}" if obs == side else f"{obs}'s trust in you"
                    best = (
                        d,
                        r,
                        f"{who} moved {trust_change(states[r - 1].trust(obs, subj), states[r].trust(obs, subj))} ({states[r - 1].trust(obs, subj):.2f} → {states[r].trust(obs, subj):.2f})",
                    )
    if best is not None and abs(best[0]) >= 0.05:
        note(best[1], f"the largest swing in trust: {best[2]}")
    for res in game.results:
        for p in res.perceptions:
            if p.misperceived:
                note(
                    res.round,
                    f"{rules.actor_by_id[p.observer].capital} misread {p.maker}'s "
                    f"“{rules.instruments[p.instrument].name}” as “{rules.instruments[p.perceived].name}”",
                )
        for act in res.acts:
            if rules.instruments[act.instrument].mid_level >= 4:
                note(res.round, f"{act.maker} used force: “{rules.instruments[act.instrument].name}”")
        cards = {e.id: e for e in game.scenario.model.events}
        for ev in res.events:
            note(res.round, f"event: {cards[ev.id].title}")
    if st.outcome is not None and st.outcome_round is not None:
        note(st.outcome_round, f"the game ended: {OUTCOME_WORDS[st.outcome.value]}")
    points = [TurningPoint(r, "; ".join(t)) for r, t in sorted(found.items())]
    if len(points) > limit:
        keep = {p.round for p in points if "ended" in p.text or "misread" in p.text or "force" in p.text}
        rest = [p for p in points if p.round not in keep]
        points = sorted(
            [p for p in points if p.round in keep] + rest[: max(0, limit - len(keep))], key=lambda p: p.round
        )
    return points


def why_by_round(game: Game) -> list[TensionWhy]:
    """Why the meter moved, every round played, in the debrief's omniscient words (a fear item
    names the capital whose trust moved; the human players' acts are named first)."""
    return [round_why(game, r, omniscient=True, prefer=game.humans) for r in range(1, game.round + 1)]
