"""What the player may see: plain data built from the engine's :class:`~wargame.engine.views.View`.

The game screen renders only these values (design.md principle 5): the player's own trust, its
estimate of the others' trust in it (second-order belief), public facts (tension, capabilities,
the ladder position of recent acts) and its own capital's readings of the others' acts. A reading
that noise flipped shows the act *as the capital saw it* until the misperception is revealed
``reveal_delay`` weeks later; then the entry is marked. Nothing here imports Textual, so tests can
check the data without a screen.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from wargame.analysis.explain import (
    PairStatus,
    TensionWhy,
    pair_statuses,
    peace_progress,
    tension_why,
    veiled_makers,
)
from wargame.analysis.vocab import CATEGORY_TITLES, round_unit, tension_label
from wargame.engine import defcon_level
from wargame.engine.news import act_words, joint_note
from wargame.engine.news import codes as instrument_codes
from wargame.engine.rules import Instrument, fear_coefficient
from wargame.engine.state import Order, RoundResult, State
from wargame.errors import printable
from wargame.game import Game


@dataclass(frozen=True, slots=True)
class TensionReading:
    """The tension meter's data.

    Attributes:
        tension: T in [0, 100]; level: the DEFCON-like band (5 calm … 1 brink).
        history: T after each round, starting with the opening value (0-100 each).
        kahn_rung, mid_level: highest Kahn rung (0-44) and COW-MID level (1-5) of any act in the
            recent window (the last 3 weeks, or the opening acts before week 1).
        escalation: the last week's Rivera escalation score (points ÷ actors); 0.0 before week 1.
        mean_escalation: the mean score so far (0.0 before week 1).
        hazard: the war hazard in [0, 1] the coming week carries before anyone acts: the brink
            at today's tension and the recent force of every rival pair as it fades
            (``State.hazard_ahead``; new force adds to it).
        unit: what a round is called (``week``, ``day`` or ``round``).
    """

    tension: float
    level: int
    history: tuple[float, ...]
    kahn_rung: int
    mid_level: int
    escalation: float
    mean_escalation: float
    hazard: float
    unit: str = "week"


@dataclass(frozen=True, slots=True)
class Relation:
    """The player's relation to one other actor, from the player's view.

    Attributes:
        actor: actor id; name: display name; allied: allied with the player.
        trust: the player's trust μ in it, in (0, 1); trust_change: since last week.
        estimated_trust_in_me: the player's estimate of its trust in the player, in (0, 1);
            estimate_change: since last week.
        capability: its public capability index K; capability_change: since last week.
        k_eff: the Richardson fear coefficient k0·(1 − μ)·(0.5 + ω) the player's distrust implies.
        runaway: True when k_eff > a (the arms competition feeds on itself; docs/model.md §5).
    """

    actor: str
    name: str
    allied: bool
    trust: float
    trust_change: float
    estimated_trust_in_me: float
    estimate_change: float
    capability: float
    capability_change: float
    k_eff: float
    runaway: bool


@dataclass(frozen=True, slots=True)
class Status:
    """Where the game stands.

    Attributes:
        side: the player's actor id.
        round_limit: the last week.
        week: the week being decided (weeks played + 1), or the last week played once the game is over.
        date: the scenario date of ``week``.
        is_over: the game has ended.
        unit: what a round is called (``week``, ``day`` or ``round``).
    """

    side: str
    round_limit: int
    week: int
    date: date
    is_over: bool
    unit: str = "week"


@dataclass(frozen=True, slots=True)
class NewsEntry:
    """One line-group of the news log, as the player's capital knows it.

    Attributes:
        round: week of the item (0: before week 1); date: its scenario date.
        kind: ``week`` (a heading), ``act``, ``event``, ``revelation``, ``opening``, ``why``
            (the week's last entry: why the meter moved, in ``headline``) or ``facilitator``
            (a classroom facilitator's action, in replays).
        maker: who acted (None for events and revelations); target: at whom.
        headline: the world press's description of the act as the player saw it.
        frame: the maker's own words (empty for events).
        codes: ``CAMEO 150 · G −7.2 · MID 3 · Kahn 5`` for the act as seen.
        note: extra information (partners, an unmet need, an event's text, a sourced fact).
        reading: the player's capital's reading of the act (None for its own acts).
        hostile: whether the capital read it as hostile (None when there is no reading).
        trust_before, trust_after: the player's trust in the maker around the act (None for own acts).
        misread: this reading was a misperception that has since been revealed.
        truth: once revealed, what really happened (empty otherwise).
        actors: actor ids this entry concerns (for the filter; empty = concerns everyone).
        mine: the player's own act.
        fell_back: the act ordered needed a partner and none joined: ``headline`` is the
            engine's fallback act and ``note`` says why.
    """

    round: int
    date: date
    kind: str
    maker: str | None
    target: str | None
    headline: str
    frame: str = ""
    codes: str = ""
    note: str = ""
    reading: str | None = None
    hostile: bool | None = None
    trust_before: float | None = None
    trust_after: float | None = None
    misread: bool = False
    truth: str = ""
    actors: frozenset[str] = frozenset()
    mine: bool = False
    fell_back: bool = False

    def concerns(self, actor: str | None) -> bool:
        """True when the filter ``actor`` (None: all) should show this entry."""
        return actor is None or not self.actors or actor in self.actors


@dataclass(frozen=True, slots=True)
class PreviewRow:
    """How one capital will probably read the player's proposed act (no noise; this act alone).

    Attributes:
        observer: actor id; capital: its capital's name.
        weight: share of the evidence it takes in (1 target, 0 the player's ally, else bystander).
        perceived_offense: õ in [0, 1], how offensive the act will look.
        evidence: log-likelihood ratio for "the player is greedy" (+ raises suspicion).
        hostile: whether it will read the act as offensive.
        text: its likely reading, in its media's voice.
        trust_now, trust_after: the player's *estimate* of its trust in the player, now and after
            this act alone, in (0, 1). The engine's update rule applied to the player's
            second-order belief, so the preview never reveals the other side's true belief.
    """

    observer: str
    capital: str
    weight: float
    perceived_offense: float
    evidence: float
    hostile: bool
    text: str
    trust_now: float
    trust_after: float


def _previous_state(game: Game) -> State:
    results = game.results
    return results[-2].state if len(results) >= 2 else game.initial


def tension_reading(game: Game) -> TensionReading:
    """The tension meter's data after the rounds played (all public facts)."""
    st = game.state
    level, _ = defcon_level(st.tension)
    recent = st.recent_acts
    esc = st.escalation_history
    return TensionReading(
        tension=st.tension,
        level=level,
        history=tuple(st.tension_history),
        kahn_rung=max((k for k, _ in recent), default=0),
        mid_level=max((m for _, m in recent), default=1),
        escalation=esc[-1] if esc else 0.0,
        mean_escalation=sum(esc) / len(esc) if esc else 0.0,
        hazard=st.hazard_ahead,
        unit=round_unit(game.rules),
    )


def relations(game: Game, side: str) -> tuple[Relation, ...]:
    """The player's relations to every other actor, in scenario order (from its view)."""
    rules = game.rules
    v = game.view(side)
    before = _previous_state(game) if game.round else game.state
    p = rules.params
    out = []
    for other in v.others:
        mu = v.trust[other]
        est = v.estimated_trust_in_me[other]
        k_eff = fear_coefficient(p, mu)
        allied = rules.aligned(side, other)
        out.append(
            Relation(
                actor=other,
                name=rules.actor_by_id[other].name,
                allied=allied,
                trust=mu,
                trust_change=mu - before.trust(side, other) if game.round else 0.0,
                estimated_trust_in_me=est,
                estimate_change=est - before.estimated_trust_in(side, other) if game.round else 0.0,
                capability=v.capability[other],
                capability_change=v.capability[other] - before.capability[other] if game.round else 0.0,
                k_eff=k_eff,
                runaway=(not allied) and k_eff > p.richardson_a,
            )
        )
    return tuple(out)


def status(game: Game, side: str) -> Status:
    """Round, date and outcome as the status line shows them."""
    over = game.is_over
    week = max(1, game.round) if over else game.round + 1
    return Status(
        side=side,
        round_limit=game.round_limit,
        week=week,
        date=game.rules.date_of(week),
        is_over=over,
        unit=round_unit(game.rules),
    )


def opening_news(game: Game) -> list[NewsEntry]:
    """The acts before week 1 (the scenario's opening), dated and in date order, with their
    sourced notes."""
    rules = game.rules
    out = []
    if game.scenario.model.opening:
        out.append(
            NewsEntry(
                round=0,
                date=rules.date_of(0),
                kind="week",
                maker=None,
                target=None,
                headline=f"Before {round_unit(rules)} 1 · tension {tension_label(game.initial.tension)}",
            )
        )
    start = rules.date_of(0)
    # in date order (a scenario may list its opening acts by actor); undated acts at the start
    for o in sorted(game.scenario.model.opening, key=lambda o: o.date or start):
        headline, frame = act_words(game.rules, o.actor, o.target, o.instrument)
        out.append(
            NewsEntry(
                round=0,
                date=o.date or rules.date_of(0),
                kind="opening",
                maker=o.actor,
                target=o.target,
                headline=headline,
                frame=frame,
                codes=instrument_codes(rules, o.instrument),
                note=o.note,
                actors=frozenset(a for a in (o.actor, o.target) if a),
            )
        )
    return out


def round_news(game: Game, side: str, round_: int) -> list[NewsEntry]:
    """The news of one week as ``side``'s capital knows it now (after ``game.round`` weeks).

    Acts by others show what the capital *saw*; a misperception revealed by now is marked with
    the truth. The player's own act shows what it did. Events and revelations follow the acts,
    and the week ends with why the meter moved (a ``why`` entry).
    """
    rules = game.rules
    res = game.results[round_ - 1]
    when = rules.date_of(round_)
    delay = rules.params.reveal_delay
    unit = round_unit(rules)
    revealed = round_ + delay <= game.round
    mine = {p.maker: p for p in res.perceptions if p.observer == side}
    out: list[NewsEntry] = [_week_entry(res, when, unit)]
    items = {item.maker: item for item in game.act_news(round_)}
    for act in res.acts:
        item = items[act.maker]
        if item.joint:  # one entry for a joint act: the player's own part, else its first maker's
            if act.maker != (side if side in item.joint else item.joint[0]):
                continue
            item = replace(item, note=joint_note(rules, item.joint, act.maker))
        actors = frozenset(a for a in (act.maker, act.target, *act.partners, *item.joint) if a)
        if act.maker == side:
            out.append(
                NewsEntry(
                    round=round_,
                    date=when,
                    kind="act",
                    maker=act.maker,
                    target=act.target,
                    headline=item.headline,
                    frame=item.frame,
                    codes=item.codes,
                    note=item.note,
                    actors=actors,
                    mine=True,
                    fell_back=not act.need_met,
                )
            )
            continue
        p = mine[act.maker]
        reading = item.reading(side)
        assert reading is not None
        seen = p.perceived
        hide = p.misperceived and not revealed
        if hide:
            headline, frame = act_words(game.rules, act.maker, act.target, seen)
            codes, note = instrument_codes(rules, seen), ""
        else:
            headline, frame, codes, note = item.headline, item.frame, item.codes, item.note
        truth = ""
        if p.misperceived and revealed:
            truth = (
                f"{rules.actor_by_id[side].capital} saw {rules.instruments[seen].name.lower()}; "
                f"it was {rules.instruments[act.instrument].name.lower()} "
                f"(revealed in {unit} {round_ + delay})"
            )
        out.append(
            NewsEntry(
                round=round_,
                date=when,
                kind="act",
                maker=act.maker,
                target=act.target,
                headline=headline,
                frame=frame,
                codes=codes,
                note=note,
                reading=reading.text,
                hostile=reading.hostile,
                trust_before=reading.trust_before,
                trust_after=reading.trust_after,
                misread=bool(truth),
                truth=truth,
                actors=actors,
                fell_back=not act.need_met and not hide,
            )
        )
    out.extend(_event_entries(game, res, when))
    for rev in game.revelations(side):
        if rev.revealed_in == round_:
            out.append(
                NewsEntry(
                    round=round_,
                    date=when,
                    kind="revelation",
                    maker=None,
                    target=None,
                    headline=rev.text,
                    actors=frozenset((rev.maker,)),
                )
            )
    out.append(_why_entry(game, res, when, (side,)))
    return out


def _week_entry(res: RoundResult, when: date, unit: str) -> NewsEntry:
    """The heading of a round in the news: its number, date and tension (word and number)."""
    return NewsEntry(
        round=res.round,
        date=when,
        kind="week",
        maker=None,
        target=None,
        headline=f"{unit.capitalize()} {res.round} · {when:%d %b %Y} · tension {tension_label(res.tension)}",
    )


def _why_entry(game: Game, res: RoundResult, when: date, prefer: tuple[str, ...]) -> NewsEntry:
    """The last entry of a round in the news: why the meter moved (``"Why +1: …"``; public),
    naming the acts of ``prefer`` first."""
    return NewsEntry(
        round=res.round,
        date=when,
        kind="why",
        maker=None,
        target=None,
        headline=why_line(round_why(game, res.round, prefer)),
    )


def round_why(game: Game, round_: int, prefer: tuple[str, ...] | None = None) -> TensionWhy:
    """Why the meter moved in week ``round_`` (the engine's terms, no capital named), naming the
    acts of ``prefer`` first (default: the human players'). On one player's screen, an act that
    player's capital misread is not named until the game reveals the misreading
    (:func:`~wargame.analysis.explain.veiled_makers`)."""
    res = game.results[round_ - 1]
    who = game.humans if prefer is None else prefer
    # one player's screen: what that capital misread stays unnamed until the game reveals it; a
    # class's shared screen shows the week's acts as done (its reveal lists them as public facts)
    veiled = veiled_makers(game.rules, res, who[0], game.round) if len(who) == 1 else frozenset()
    return tension_why(game.rules, res, res.state.tension_history[-2], prefer=who, veiled=veiled)


def why_line(why: TensionWhy) -> str:
    """``"Why +1: −11 older acts fade; +8 defensive posture (4 states); …"``."""
    return f"Why {why.shown_change()}: {why.text()}"


def _event_entries(game: Game, res: RoundResult, when: date) -> list[NewsEntry]:
    """The event cards that fired in a round, as public news (an inject says so)."""
    cards = {e.id: e for e in game.scenario.model.events}
    out = []
    for ev in res.events:
        card = cards[ev.id]
        out.append(
            NewsEntry(
                round=res.round,
                date=when,
                kind="event",
                maker=None,
                target=None,
                headline=card.title + (" (injected by the facilitator)" if ev.source == "injected" else ""),
                note=card.text,
                actors=frozenset(card.effects.hostility) | frozenset(card.effects.capability),
            )
        )
    return out


def all_news(game: Game, side: str) -> list[NewsEntry]:
    """The opening and every week played, as ``side`` knows them now."""
    out = opening_news(game)
    for r in range(1, game.round + 1):
        out.extend(round_news(game, side, r))
    return out


class NewsHistory:
    """The news as ``side`` knows it, cached week by week.

    A week's entries change only until its misperceptions can have been revealed (``reveal_delay``
    weeks later), so older weeks are computed once. Undo and fork are handled by dropping weeks
    past the game's current round.
    """

    def __init__(self, side: str) -> None:
        self.side = side
        self._weeks: dict[int, tuple[NewsEntry, ...]] = {}
        self._opening: tuple[NewsEntry, ...] | None = None

    def entries(self, game: Game) -> tuple[NewsEntry, ...]:
        """The opening and every week played, oldest first."""
        if self._opening is None:
            self._opening = tuple(opening_news(game))
        delay = game.rules.params.reveal_delay
        for r in [r for r in self._weeks if r > game.round or r + delay > game.round - 1]:
            del self._weeks[r]  # undone, or still open to a revelation
        out = list(self._opening)
        for r in range(1, game.round + 1):
            week = self._weeks.get(r)
            if week is None:
                week = self._weeks[r] = tuple(round_news(game, self.side, r))
            out.extend(week)
        return tuple(out)


def picker_groups(game: Game, side: str) -> list[tuple[str, list[Instrument]]]:
    """The player's catalogue grouped by category (shows of force first, then uses of force,
    threats and protests, nonviolent instruments, and hold last)."""
    cat = game.rules.catalogue(side)
    groups = []
    for c in CATEGORY_TITLES:  # in the order the picker shows them
        members = [i for i in cat if i.category.value == c]
        if members:
            groups.append((c, members))
    return groups


def default_target(game: Game, side: str) -> str | None:
    """The target offered first: the rival the player trusts least (ties: scenario order)."""
    v = game.view(side)
    return v.focus() if v.others else None


def preview(game: Game, side: str, order: Order) -> tuple[PreviewRow, ...]:
    """How each other capital will probably read ``side``'s ``order``, from the player's view.

    Calls the engine's own :func:`~wargame.engine.news.preview` with ``believed=True``: every other
    actor's belief about the player is the player's *estimate* of it (its second-order belief). Weight, perceived offensiveness, evidence and the reading are exactly
    the engine's; ``trust_now``/``trust_after`` are the player's estimate before and after. In
    expectation mode with no event card firing, estimate and truth coincide, so the preview equals
    the perception the engine then records.
    """
    rules = game.rules
    inst = rules.instruments[order.instrument]
    target = order.target if inst.targeted else None
    rows = []
    for line in game.preview(side, Order(order.instrument, target), believed=True):
        rows.append(
            PreviewRow(
                observer=line.observer,
                capital=rules.actor_by_id[line.observer].capital,
                weight=line.weight,
                perceived_offense=line.perceived_offense,
                evidence=line.evidence,
                hostile=line.hostile,
                text=line.text,
                trust_now=line.trust_now,
                trust_after=line.trust_after,
            )
        )
    return tuple(rows)


@dataclass(frozen=True, slots=True)
class NeedNote:
    """What an act that needs a partner depends on, and what the engine does without one.

    Attributes:
        kind: ``"ally"`` (a combined act) or ``"counterpart"`` (a treaty).
        met: the need is met already, whatever the others order (the target proposed this
            treaty to the player last week); otherwise it depends on this week's other orders.
        condition: ``"Binds only if North Korea signs too, this week."``.
        fallback: the instrument the engine uses instead when the need is unmet.
        fallback_name: its display name; fallback_headline: the world press's headline of the
            player's act as it would then be reported (the engine's own wording).
        settles: for a treaty, when it settles the pair (the engine's tension threshold), else "".
    """

    kind: str
    met: bool
    condition: str
    fallback: str
    fallback_name: str
    fallback_headline: str
    settles: str = ""


def need_note(game: Game, side: str, order: Order) -> NeedNote | None:
    """When ``order`` needs a partner: what it needs and what happens without one (None when it
    needs nothing). Never reads another actor's coming order: only public facts (alliances, the
    proposals made last week, pair tensions)."""
    rules = game.rules
    inst = rules.instruments[order.instrument]
    if inst.needs.value == "none" or inst.fallback is None:
        return None
    target = order.target if inst.targeted else None
    fb = rules.instruments[inst.fallback]
    headline, _ = act_words(rules, side, target if fb.targeted else None, fb.id)
    target_name = rules.actor_by_id[target].name if target else "the target"
    unit = round_unit(rules)
    settles = ""
    if inst.needs.value == "ally":
        allies = [a for a in rules.actor_ids if a != side and rules.allied(side, a)]
        who = ", ".join(allies) if allies else "none in this scenario"
        condition = f"Happens only if an ally ({who}) orders it too, at {target_name}, this {unit}."
        met = False
    else:
        met = target is not None and game.state.proposals.get((target, side)) == inst.id
        if met:
            condition = f"{target_name} proposed it last {unit}: signing now binds."
        else:
            condition = f"Binds only if {target_name} signs too, this {unit}."
        pair = rules.pair_of.get((side, target))
        if pair is not None:
            now = game.state.pair_tension.get(pair, game.state.tension)
            limit = rules.params.treaty_tension
            settles = f"It settles the pair only at tension {limit:.0f} or below (now {int(now)})."
    return NeedNote(
        kind=inst.needs.value,
        met=met,
        condition=condition,
        fallback=fb.id,
        fallback_name=fb.name,
        fallback_headline=headline,
        settles=settles,
    )


def pending_proposals(game: Game, side: str, target: str | None) -> frozenset[str]:
    """The instruments that would propose a treaty ``side`` already proposed to ``target`` last
    week (still on the table this week: proposing again only renews it)."""
    if target is None:
        return frozenset()
    on_table = game.state.proposals.get((side, target))
    if on_table is None:
        return frozenset()
    return frozenset(i.id for i in game.rules.catalogue(side) if i.proposes == on_table)


@dataclass(frozen=True, slots=True)
class RoundReport:
    """What one resolved week showed the player: every act (revealed at once) and what changed.

    Attributes:
        round, date: the week resolved.
        news: the week's entries as the player's capital saw them (acts, events, revelations).
        tension_before, tension_after: T before and after the week (0-100).
        relations_before, relations_after: the player's relations before and after.
        outcome: the outcome id reached this week, or None.
        unit: what a round is called (``week``, ``day`` or ``round``).
        why: why the meter moved (the engine's terms in words; None for no week played).
        pairs: where each principal rival pair stands (the pairs that decide the outcome).
        progress: the headline outcome, or how far peace is (``"No outcome yet: …"``).
    """

    round: int
    date: date
    news: tuple[NewsEntry, ...]
    tension_before: float
    tension_after: float
    relations_before: tuple[Relation, ...]
    relations_after: tuple[Relation, ...]
    outcome: str | None
    unit: str = "week"
    why: TensionWhy | None = None
    pairs: tuple[PairStatus, ...] = ()
    progress: str = ""


def round_report(game: Game, side: str, relations_before: tuple[Relation, ...]) -> RoundReport:
    """The report of the week just played (``game.round``)."""
    r = game.round
    res = game.results[-1]
    hist = game.state.tension_history
    return RoundReport(
        round=r,
        date=game.rules.date_of(r),
        news=tuple(e for e in round_news(game, side, r) if e.kind not in ("week", "why")),
        tension_before=hist[-2],
        tension_after=hist[-1],
        relations_before=relations_before,
        relations_after=relations(game, side),
        outcome=res.outcome.value if res.outcome else None,
        unit=round_unit(game.rules),
        why=round_why(game, r, (side,)),
        pairs=tuple(pair_statuses(game.rules, game.state)),
        progress=peace_progress(game.rules, game.state),
    )


# --- classroom (hot-seat) -------------------------------------------------------------------------


def team_label(game: Game, actor: str) -> str:
    """``"Team Red · North Korea (DPRK)"`` for a named team, else ``"North Korea (DPRK)"``."""
    a = game.rules.actor_by_id[actor]
    team = game.settings.teams.get(actor, "").strip()
    return f"{team} · {a.name} ({actor})" if team else f"{a.name} ({actor})"


def team_name(game: Game, actor: str) -> str:
    """The team's own name (``"Team Red"``), else ``"Team North Korea"``."""
    team = game.settings.teams.get(actor, "").strip()
    return team or f"Team {game.rules.actor_by_id[actor].name}"


def press_news(game: Game, round_: int) -> list[NewsEntry]:
    """One week as the world press reported it: public facts only.

    Every act as it was done (the maker's headline, its own public words, its codes), the event
    cards that fired, and no capital's reading or trust: what a projector may show the whole
    class, and the replay's "world press" view.
    """
    rules = game.rules
    res = game.results[round_ - 1]
    when = rules.date_of(round_)
    unit = round_unit(rules)
    out = [_week_entry(res, when, unit)]
    for item in game.news(round_):
        out.append(
            NewsEntry(
                round=round_,
                date=when,
                kind="act",
                maker=item.maker,
                target=item.target,
                headline=item.headline,
                frame=item.frame,
                codes=item.codes,
                note=item.note,
                actors=frozenset(a for a in (item.maker, item.target) if a),
            )
        )
    out.extend(_event_entries(game, res, when))
    out.append(_why_entry(game, res, when, game.humans))
    return out


def facilitator_entries(game: Game, after_round: int) -> list[NewsEntry]:
    """The facilitator's actions shown after week ``after_round`` in a replay.

    An action logged with ``round = k`` happened with k weeks played, so it shows after week k;
    an undo logged with the undone week k shows after week k − 1 (the week it returned to).
    The words are :func:`wargame.analysis.faclog.describe`'s.
    """
    from wargame.analysis.faclog import describe

    rules = game.rules
    out = []
    for f in game.facilitator:
        shown_after = f.round - 1 if f.kind == "undo" else f.round
        if shown_after != after_round:
            continue
        text = printable(describe(game, f), 300)  # it may repeat a record's free text
        out.append(
            NewsEntry(
                round=after_round,
                date=rules.date_of(after_round),
                kind="facilitator",
                maker=None,
                target=None,
                headline=text,
            )
        )
    return out


def with_facilitator(game: Game, entries: list[NewsEntry]) -> list[NewsEntry]:
    """``entries`` (the opening and weeks 1..n, in order) with the facilitator's actions placed
    after the week they followed."""
    if not game.facilitator:
        return entries
    out: list[NewsEntry] = []
    current = 0
    for e in entries:
        if e.kind == "week" and e.round > current:
            for r in range(current, e.round):
                out.extend(facilitator_entries(game, r))
            current = e.round
        out.append(e)
    for r in range(current, game.round + 1):
        out.extend(facilitator_entries(game, r))
    return out


def all_press(game: Game) -> list[NewsEntry]:
    """The opening and every week played, as the world press reported them."""
    out = opening_news(game)
    for r in range(1, game.round + 1):
        out.extend(press_news(game, r))
    return out


def last_round_relations(game: Game, side: str) -> tuple[Relation, ...]:
    """``side``'s relations as they stood before the last week played (for its private report)."""
    return relations(game.fork(game.round - 1), side) if game.round else relations(game, side)
