"""Plain-text and JSON reports of a game: the news log round by round, then a summary.

Used by ``wargame replay``; the text is plain (no Rich) so it pipes and diffs cleanly.
"""

from __future__ import annotations

from typing import Any

from wargame.analysis.explain import pair_statuses, tension_why
from wargame.analysis.vocab import tension_label
from wargame.engine.core import pair_outcomes
from wargame.engine.news import act_words, codes
from wargame.game import Game

OUTCOME_WORDS = {
    "war_chosen": "war, chosen",
    "war_inadvertent": "war, inadvertent (by accident: the brink or the price of force)",
    "peace_treaty": "peace by treaty",
    "peace_detente": "peace by sustained détente",
    "stalemate": "stalemate at the round limit",
}


def replay_text(game: Game, observer: str | None = None) -> str:
    """The game's news log and summary as text; ``observer`` limits readings to one capital.
    Each round says why tension moved (the engine's terms in words)."""

    rules = game.rules
    label = rules.round_label
    info = game.scenario.model.scenario
    lines = [f"{info.title} — seed {game.seed}, {game.mode.value} mode"]
    if game.title:
        lines.append(game.title)
    if game.settings.overrides:
        changed = ", ".join(f"{k}={v}" for k, v in game.settings.overrides.items())
        lines.append(f"Scenario data changed for this game (--set): {changed}")
    opening = game.scenario.model.opening
    if opening:
        lines.append("")
        lines.append(
            f"Opening moves (the situation {label.lower()} 1 answers) — tension {tension_label(game.initial.tension)}"
        )
        for o in opening:
            when = f"{o.date.isoformat()} " if o.date else ""
            head, _ = act_words(rules, o.actor, o.target, o.instrument)
            lines.append(f"  {when}{head} [{codes(rules, o.instrument)}]")
            if o.note:
                lines.append(f"      {o.note}")
    revealed = game.revelations(observer)
    cards = {e.id: e for e in game.scenario.model.events}
    for res in game.results:
        lines.append("")
        lines.append(
            f"{label} {res.round} ({rules.date_of(res.round).isoformat()}) — tension {tension_label(res.tension)}"
        )
        why = tension_why(rules, res, res.state.tension_history[-2], prefer=game.humans)
        lines.append(f"  why {why.shown_change()}: {why.text()}")
        for item in game.news(res.round):
            lines.append(f"  {item.headline} [{item.codes}]")
            lines.append(f"    {item.maker} says:  {item.frame}")
            if item.note:
                lines.append(f"    ({item.note})")
            for r in item.readings:
                if observer is not None and r.observer != observer:
                    continue
                if r.trust_before == r.trust_after and not r.hostile:
                    continue
                mark = (
                    " [misread]"
                    if r.misperceived and res.round + rules.params.reveal_delay <= game.round
                    else ""
                )
                lines.append(
                    f"    {r.observer} reads: {r.text} — trust in {item.maker} "
                    f"{r.trust_before:.2f} → {r.trust_after:.2f}{mark}"
                )
        for ev in res.events:
            card = cards[ev.id]
            lines.append(f"  EVENT ({ev.source}): {card.title} — {card.text}")
        for rev in revealed:
            if rev.revealed_in == res.round:
                lines.append(f"  {rev.text}")
    lines.append("")
    lines.extend(summary_lines(game))
    return "\n".join(lines)


def summary_lines(game: Game) -> list[str]:
    """The end-of-replay summary: outcome, the principal rival pairs, tension, hidden types
    revealed, final trust."""

    st = game.state
    rules = game.rules
    out = ["Summary"]
    if st.outcome is not None:
        who = f" ({st.outcome_actor})" if st.outcome_actor else ""
        out.append(
            f"  outcome: {OUTCOME_WORDS[st.outcome.value]}{who}, {rules.round_label.lower()} {st.outcome_round}"
        )
    else:
        out.append(f"  no outcome yet after {st.round} {rules.round_label.lower()}s")
    for pair in pair_statuses(rules, st):
        out.append(f"  {pair.text()}")
    hist = st.tension_history
    out.append(
        f"  tension: start {int(hist[0])}, final {tension_label(st.tension)}, peak {int(max(hist))}, "
        f"mean {sum(hist[1:] or hist) / len(hist[1:] or hist):.0f}"
    )
    if st.escalation_history:
        out.append(
            f"  mean escalation score (Rivera): {sum(st.escalation_history) / len(st.escalation_history):.2f}"
        )
    out.append(f"  cumulative inadvertent-war probability: {st.war_probability:.1%}")
    out.append("  hidden types: " + ", ".join(f"{a} {t.replace('_', ' ')}" for a, t in st.types.items()))
    out.append("  final trust (row trusts column):")
    ids = rules.actor_ids
    out.append("         " + "".join(f"{a:>7}" for a in ids))
    for i in ids:
        row = "".join(f"{'—':>7}" if i == j else f"{st.trust(i, j):>7.2f}" for j in ids)
        out.append(f"    {i:<5}" + row)
    return out


def replay_json(game: Game) -> dict[str, Any]:
    """The replay as JSON-able data: per round, the hazard, the meter's change as the engine's
    terms, acts with readings; then the summary with every rival pair's outcome."""

    rules = game.rules
    rounds = []
    for res in game.results:
        rounds.append(
            {
                "round": res.round,
                "date": rules.date_of(res.round).isoformat(),
                "tension": res.tension,
                "hazard": res.hazard,
                "tension_terms": [
                    {"kind": t.kind, "actor": t.actor, "detail": t.detail, "value": t.value}
                    for t in res.tension_terms
                ],
                "escalation": res.escalation,
                "events": [{"id": e.id, "source": e.source} for e in res.events],
                "acts": [
                    {
                        "maker": item.maker,
                        "instrument": item.instrument,
                        "target": item.target,
                        "headline": item.headline,
                        "frame": item.frame,
                        "codes": item.codes,
                        "note": item.note,
                        "readings": [
                            {
                                "observer": r.observer,
                                "text": r.text,
                                "hostile": r.hostile,
                                "perceived": r.perceived,
                                "misperceived": r.misperceived,
                                "perceived_offense": r.perceived_offense,
                                "trust_before": r.trust_before,
                                "trust_after": r.trust_after,
                            }
                            for r in item.readings
                        ],
                    }
                    for item in game.news(res.round)
                ],
            }
        )
    st = game.state
    out: dict[str, Any] = {"scenario": game.scenario.id, "seed": game.seed, "mode": game.mode.value}
    if game.settings.overrides:  # --set (only when there are: other replays' JSON is unchanged)
        out["overrides"] = dict(game.settings.overrides)
    return {
        **out,
        "rounds": rounds,
        "summary": {
            "outcome": st.outcome.value if st.outcome else None,
            "outcome_round": st.outcome_round,
            "pairs": {f"{a}>{b}": o.value for (a, b), o in pair_outcomes(rules, st).items()},
            "principal_pairs": [f"{a}>{b}" for a, b in rules.principal_pairs],
            "final_tension": st.tension,
            "war_probability": st.war_probability,
            "types": st.types,
            "trust": {f"{i}>{j}": st.trust(i, j) for (i, j) in st.logodds},
        },
    }
