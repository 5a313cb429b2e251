"""News items and previews built from perception records (docs/model.md §3; design.md principle 4).

The news log reports each act twice: in its maker's framing and as each capital read it, with the
trust it moved. Misperceptions (noise flips) are revealed ``reveal_delay`` rounds later ("It later
emerged that ..."), so the player feels the fog. Text is rendered lazily, when shown, from the
scenario's templates; nothing here runs inside the simulation loop.

The preview ("how will they read this?") uses the same closed forms the engine applies, so for a
round without noise it equals the perception the engine then records.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from wargame.engine.core import observer_weight
from wargame.engine.rules import Category, Needs, Rules
from wargame.engine.state import Act, Perception, RoundResult, State


@dataclass(frozen=True, slots=True)
class Reading:
    """One capital's reading of an act.

    Attributes:
        observer: actor id; media: its outlet; text: its reading in its own voice.
        hostile: whether it read the act as offensive or hostile.
        perceived: instrument id it saw; misperceived: whether that differs from the act.
        perceived_offense: õ in [0, 1].
        trust_before, trust_after: its trust in the maker, in (0, 1).
    """

    observer: str
    media: str
    text: str
    hostile: bool
    perceived: str
    misperceived: bool
    perceived_offense: float
    trust_before: float
    trust_after: float


@dataclass(frozen=True, slots=True)
class NewsItem:
    """One act in the news.

    Attributes:
        round: 1-based round; date: scenario date.
        maker, instrument, target: the act (instrument as it took effect).
        headline: world-press description; frame: the maker's own words.
        codes: "CAMEO 150 · G −7.2 · MID 3 · Kahn 5" for the act.
        readings: each other capital's reading, in scenario order.
        note: e.g. "the ally did not join: carried out alone as ..." (empty if none).
        joint: every maker of a joint act (:func:`joint_makers`), in actor order; empty for an
            act made alone.
    """

    round: int
    date: date
    maker: str
    instrument: str
    target: str | None
    headline: str
    frame: str
    codes: str
    readings: tuple[Reading, ...]
    note: str = ""
    joint: tuple[str, ...] = ()

    def reading(self, observer: str) -> Reading | None:
        """The reading of one observer, or None (the maker has none)."""
        for r in self.readings:
            if r.observer == observer:
                return r
        return None


@dataclass(frozen=True, slots=True)
class Revelation:
    """A misperception revealed later: ``observer`` saw ``perceived`` when ``maker`` did ``instrument`` in ``round``."""

    revealed_in: int
    round: int
    observer: str
    maker: str
    instrument: str
    perceived: str
    text: str


def say(template: str, fields: Mapping[str, str]) -> str:
    """A wording template filled in, its first letter capitalised (a name with an article, such
    as "the US", may open a headline)."""
    text = template.format(**fields)
    return text[:1].upper() + text[1:]


def possessive(name: str) -> str:
    """``name``'s, or ``name``' for a name ending in s ("the United States'")."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _fields(
    rules: Rules, maker: str, target: str | None, observer: str | None, instrument: str
) -> dict[str, str]:
    a = rules.actor_by_id[maker]
    t = rules.actor_by_id[target] if target else None
    o = rules.actor_by_id[observer] if observer else None
    return {
        "actor": a.id,
        "actor_name": a.in_text,
        "capital": a.capital,
        "media": a.media,
        "target": t.id if t else "the region",
        "target_name": t.in_text if t else "the region",
        "target_capital": t.capital if t else "the region",
        "observer": o.id if o else "",
        "observer_name": o.in_text if o else "",
        "observer_capital": o.capital if o else "",
        "observer_media": o.media if o else "",
        "instrument": rules.instruments[instrument].name,
    }


def codes(rules: Rules, instrument: str) -> str:
    """The vocabulary codes of an instrument: ``CAMEO 150 · G −7.2 · MID 3 · Kahn 5``."""
    i = rules.instruments[instrument]
    parts = [f"CAMEO {i.cameo}", f"G {i.goldstein:+.1f}".replace("-", "−"), f"MID {i.mid_level}"]
    if i.kahn_rung:
        parts.append(f"Kahn {i.kahn_rung}")
    return " · ".join(parts)


def reads_hostile(rules: Rules, perceived: str, weight: float) -> bool:
    """Whether an observer reads an act as offensive: õ ≥ 0.5 or any non-conciliatory act, if it
    takes the act's evidence in at all (allies of the maker read it neutrally). docs/model.md §3 [D]."""
    inst = rules.instruments[perceived]
    if inst.category is Category.HOLD:
        return False
    return weight > 0.0 and (inst.perceived_offense >= 0.5 or not inst.is_conciliatory)


def reading_text(
    rules: Rules, maker: str, target: str | None, observer: str, perceived: str, hostile: bool
) -> str:
    """The observer's reading of an act it perceived as ``perceived``, in its own voice."""
    w = rules.wording[perceived]
    if hostile:
        template = w.readings.get(observer, w.hostile)
    else:
        template = w.neutral
    return say(template, _fields(rules, maker, target, observer, perceived))


def news_items(rules: Rules, result: RoundResult) -> list[NewsItem]:
    """The news items of one round, one per act, in actor order (the makers of a joint act each
    have theirs, marked with :attr:`NewsItem.joint`; :func:`stories` makes them one)."""
    by_maker: dict[str, list[Perception]] = {}
    for p in result.perceptions:
        by_maker.setdefault(p.maker, []).append(p)
    joint = joint_makers(rules, result.acts)
    items = []
    for act in result.acts:
        items.append(_item(rules, result.round, act, by_maker.get(act.maker, []), joint.get(act.maker, ())))
    return items


def joint_makers(rules: Rules, acts: tuple[Act, ...]) -> dict[str, tuple[str, ...]]:
    """Maker → every maker (in actor order) of the joint act it took part in this round.

    An act is joint when its makers ordered it together: a combined act whose allies joined (the
    same instrument at the same target), a treaty both sides signed in the round, or a
    nonviolent act two actors aimed at each other in the same round (a summit, a meeting, talks:
    the two orders are one meeting). The engine still resolves each maker's act (each carries
    its evidence); the news reports the meeting once.
    """
    made = {a.maker: a for a in acts}
    order = {a: k for k, a in enumerate(rules.actor_ids)}
    out: dict[str, tuple[str, ...]] = {}
    for act in acts:
        if not act.need_met or act.maker in out:
            continue
        inst = rules.instruments[act.instrument]
        group: set[str] = set()
        if inst.needs is Needs.ALLY:
            group = {
                b
                for b in (act.maker, *act.partners)
                if b in made
                and made[b].instrument == act.instrument
                and made[b].target == act.target
                and made[b].need_met
            }
        elif act.target is not None and (
            inst.needs is Needs.COUNTERPART or inst.category is Category.NONVIOLENT
        ):
            back = made.get(act.target)
            if back is not None and back.instrument == act.instrument and back.target == act.maker:
                group = {act.maker, act.target}
        if len(group) > 1:
            makers = tuple(sorted(group, key=order.__getitem__))
            for b in makers:
                out[b] = makers
    return out


def joint_note(rules: Rules, makers: tuple[str, ...], maker: str) -> str:
    """The note of a joint act told from ``maker``'s side: "jointly with the US"."""
    others = [rules.actor_by_id[m].in_text for m in makers if m != maker]
    return "jointly with " + (", ".join(others[:-1]) + " and " + others[-1] if len(others) > 1 else others[0])


def stories(rules: Rules, items: list[NewsItem]) -> list[NewsItem]:
    """The news as it is told: each joint act once, under its first maker, noting the others
    ("jointly with ROK") and carrying each co-maker's reading of the others; every other act as
    it is."""
    out: list[NewsItem] = []
    by_maker = {i.maker: i for i in items}
    for item in items:
        if not item.joint:
            out.append(item)
            continue
        if item.maker != item.joint[0]:
            continue
        others = [m for m in item.joint if m != item.maker]
        readings = list(item.readings)
        seen = {r.observer for r in readings}
        for m in others:  # how the first maker read its partners' part
            partner = by_maker.get(m)
            r = partner.reading(item.maker) if partner is not None else None
            if r is not None and r.observer not in seen:
                readings.append(r)
                seen.add(r.observer)
        note = joint_note(rules, item.joint, item.maker)
        out.append(
            NewsItem(
                round=item.round,
                date=item.date,
                maker=item.maker,
                instrument=item.instrument,
                target=item.target,
                headline=item.headline,
                frame=item.frame,
                codes=item.codes,
                readings=tuple(readings),
                note=note,
                joint=item.joint,
            )
        )
    return out


def _item(
    rules: Rules, rnd: int, act: Act, perceptions: list[Perception], joint: tuple[str, ...] = ()
) -> NewsItem:
    w = rules.wording[act.instrument]
    f = _fields(rules, act.maker, act.target, None, act.instrument)
    frame = say(w.frames.get(act.maker, w.frame), f)
    readings = []
    for p in perceptions:
        hostile = reads_hostile(rules, p.perceived, p.weight)
        readings.append(
            Reading(
                observer=p.observer,
                media=rules.actor_by_id[p.observer].media,
                text=reading_text(rules, act.maker, act.target, p.observer, p.perceived, hostile),
                hostile=hostile,
                perceived=p.perceived,
                misperceived=p.misperceived,
                perceived_offense=p.perceived_offense,
                trust_before=p.trust_before,
                trust_after=p.trust_after,
            )
        )
    note = ""
    if not act.need_met:
        ordered = rules.instruments[act.ordered].name
        note = f"{ordered} did not take place (no partner joined); {rules.instruments[act.instrument].name} instead."
    elif act.partners:
        note = "with " + ", ".join(act.partners)
    return NewsItem(
        round=rnd,
        date=rules.date_of(rnd),
        maker=act.maker,
        instrument=act.instrument,
        target=act.target,
        headline=say(w.headline, f),
        frame=frame,
        codes=codes(rules, act.instrument),
        readings=tuple(readings),
        note=note,
        joint=joint,
    )


def revelations(
    rules: Rules, results: list[RoundResult], upto_round: int, observer: str | None = None
) -> list[Revelation]:
    """Misperceptions revealed by ``upto_round``: those made at least ``reveal_delay`` rounds earlier.

    Args:
        results: the game's round results, in order.
        upto_round: the current round; a misperception of round r is revealed at r + reveal_delay.
        observer: only this observer's misperceptions (None: all).
    """
    delay = rules.params.reveal_delay
    out = []
    for res in results:
        revealed_in = res.round + delay
        if revealed_in > upto_round:
            break
        for p in res.perceptions:
            if p.misperceived and (observer is None or p.observer == observer):
                maker = rules.actor_by_id[p.maker]
                unit = rules.round_label.lower()
                text = (
                    f"It later emerged that {'on' if unit == 'day' else 'in'} {unit} {res.round} "
                    f"{rules.actor_by_id[p.observer].capital} "
                    f'misread {possessive(maker.in_text)} "{rules.instruments[p.instrument].name}" as '
                    f'"{rules.instruments[p.perceived].name}".'
                )
                out.append(
                    Revelation(revealed_in, res.round, p.observer, p.maker, p.instrument, p.perceived, text)
                )
    return out


@dataclass(frozen=True, slots=True)
class PreviewLine:
    """How one capital will probably read a proposed act (no noise; this act alone).

    Attributes:
        observer: actor id.
        weight: share of the evidence it takes in (1 target, 0 ally of the maker, else bystander).
        perceived_offense: õ in [0, 1].
        evidence: log-likelihood ratio for "maker is greedy" after its bias and weight.
        hostile: whether it will read the act as offensive.
        text: its likely reading.
        trust_now: its trust in the maker now; trust_after: after this act alone, in (0, 1).
    """

    observer: str
    weight: float
    perceived_offense: float
    evidence: float
    hostile: bool
    text: str
    trust_now: float
    trust_after: float


def act_words(rules: Rules, maker: str, target: str | None, instrument: str) -> tuple[str, str]:
    """(world-press headline, the maker's own framing) of an act, from the scenario's templates."""
    w = rules.wording[instrument]
    f = _fields(rules, maker, target, None, instrument)
    return say(w.headline, f), say(w.frames.get(maker, w.frame), f)


def preview(
    rules: Rules, state: State, maker: str, instrument: str, target: str | None, believed: bool = False
) -> list[PreviewLine]:
    """How every other actor will probably read ``maker`` using ``instrument`` at ``target``.

    Uses the engine's own perception model (docs/model.md §3) without noise: the evidence and
    perceived offensiveness equal what :func:`resolve_round` records when no misreading is drawn;
    ``trust_after`` includes the round's memory relaxation but no other act or event.

    Args:
        believed: start from the maker's *estimate* of each observer's trust in it (its
            second-order belief, which is what a player may see) instead of the true trust.
    """
    p = rules.params
    lines = []
    inst = rules.instruments[instrument]
    for obs in rules.actor_ids:
        if obs == maker:
            continue
        weight = observer_weight(rules, obs, maker, target)
        e = rules.biased_evidence[(obs, instrument)] * weight
        lo = state.second_order[(maker, obs)] if believed else state.logodds[(obs, maker)]
        prior = rules.prior_trust[(obs, maker)]
        x = p.memory * lo + (1.0 - p.memory) * math.log((1.0 - prior) / prior) + e
        x = max(-p.logodds_max, min(p.logodds_max, x))
        hostile = reads_hostile(rules, instrument, weight)
        lines.append(
            PreviewLine(
                observer=obs,
                weight=weight,
                perceived_offense=inst.perceived_offense,
                evidence=e,
                hostile=hostile,
                text=reading_text(rules, maker, target, obs, instrument, hostile),
                trust_now=1.0 / (1.0 + math.exp(lo)),
                trust_after=1.0 / (1.0 + math.exp(x)),
            )
        )
    return lines
