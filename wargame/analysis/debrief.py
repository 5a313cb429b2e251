"""The debrief model: one value computed from a game record, rendered three ways (the TUI's
debrief screens, Markdown and HTML: :mod:`wargame.analysis.render`).

:func:`build` reads the game through the engine (design.md principle 1) and is pure: no I/O, no
clock. The model is omniscient by design (it is for after the reveal). It holds:

- the **summary**: outcome and why, where each principal rival pair ended, final tension, who
  played what and every hidden type with each side's final trust in it;
- the **tension series**, week by week, with why it moved;
- for each side the debrief takes (the human players, or the one named): **trust against the
  truth**, the **misperception ledger** both ways, **turning points** and **reflection prompts**;
- every week's acts and every capital's reading of them;
- for a fork whose parent is at hand, a **week-by-week comparison** of the two branches;
- **extra sections** (:data:`EXTRA_SECTIONS`): later features (a challenge's goals, say) add a
  builder there and every output shows its section, with no change to the renderers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from wargame.analysis.explain import pair_statuses
from wargame.analysis.faclog import class_outcome_words, log_lines, reasons_of
from wargame.analysis.ledger import (
    LedgerRow,
    TurningPoint,
    ledger,
    outcome_reasons,
    reads_right,
    turning_points,
    why_by_round,
)
from wargame.analysis.vocab import TYPE_WORDS, round_unit, tension_label, trust_word
from wargame.engine import doctrines
from wargame.engine.core import defcon_level
from wargame.engine.rules import SECURITY_SEEKER
from wargame.game import Game


@dataclass(frozen=True, slots=True)
class Seen:
    """One act as one capital saw it.

    Attributes:
        maker: actor id; target: actor id or None.
        saw: the instrument's name as the capital perceived it; meant: what the maker really did.
        reading: the capital's reading in its media's words; hostile: read as offensive or hostile.
        misread: noise made it see another act (revealed here, after the game).
        trust_before, trust_after: its trust in the maker, in (0, 1).
    """

    maker: str
    target: str | None
    saw: str
    meant: str
    reading: str
    hostile: bool
    misread: bool
    trust_before: float
    trust_after: float


@dataclass(frozen=True, slots=True)
class CapitalView:
    """One round as one capital saw it.

    Attributes:
        actor, name, capital: who; team: the team's name for a human-played actor, else "".
        did: the headline of its own act; said: its own framing of it.
        seen: the other actors' acts as it saw them, in scenario order.
    """

    actor: str
    name: str
    capital: str
    team: str
    did: str
    said: str
    seen: tuple[Seen, ...]
    why: str = ""
    """The team's one line of why, sealed with its order ("" for an AI or no reason given)."""


def side_by_side(game: Game, round_: int) -> list[CapitalView]:
    """Round ``round_`` (1-based) as each capital saw it, in scenario order.

    Raises:
        IndexError: the round has not been played.
    """
    if not 1 <= round_ <= game.round:
        raise IndexError(f"round {round_} not played (the game has {game.round})")
    rules = game.rules
    inst = rules.instruments
    items = {i.maker: i for i in game.act_news(round_)}
    out = []
    for a in rules.actors:
        own = items[a.id]
        seen = []
        for maker in rules.actor_ids:
            if maker == a.id:
                continue
            reading = items[maker].reading(a.id)
            if reading is None:
                continue
            seen.append(
                Seen(
                    maker=maker,
                    target=items[maker].target,
                    saw=inst[reading.perceived].name,
                    meant=inst[items[maker].instrument].name,
                    reading=reading.text,
                    hostile=reading.hostile,
                    misread=reading.misperceived,
                    trust_before=reading.trust_before,
                    trust_after=reading.trust_after,
                )
            )
        out.append(
            CapitalView(
                actor=a.id,
                name=a.name,
                capital=a.capital,
                team=game.settings.teams.get(a.id, "") if a.id in game.humans else "",
                did=own.headline,
                said=own.frame,
                seen=tuple(seen),
                why=reasons_of(game, round_).get(a.id, "") if a.id in game.humans else "",
            )
        )
    return out


# --- the model ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Player:
    """Who played one actor: ``played_by`` is a team's name, "you", "human player" or "AI: <doctrine>"."""

    actor: str
    name: str
    capital: str
    played_by: str
    human: bool


@dataclass(frozen=True, slots=True)
class Verdict:
    """One side's final trust in an actor, and whether it read the hidden type right."""

    side: str
    trust: float
    right: bool

    @property
    def word(self) -> str:
        """``"0.31 (distrust), wrong"``."""
        return f"{self.trust:.2f} ({trust_word(self.trust)}), {'right' if self.right else 'wrong'}"

    @property
    def short(self) -> str:
        """``"0.31 wrong"``: for a table with a column per team."""
        return f"{self.trust:.2f} {'right' if self.right else 'wrong'}"


@dataclass(frozen=True, slots=True)
class TypeRow:
    """One actor's hidden type, revealed: ``hidden`` in words, how each side read it."""

    actor: str
    name: str
    hidden: str
    played_by: str
    verdicts: tuple[Verdict, ...]


@dataclass(frozen=True, slots=True)
class PairLine:
    """Where one principal rival pair ended: ``names`` ("North Korea–US"), ``word``, ``detail``."""

    names: str
    word: str
    detail: str

    def text(self) -> str:
        return f"{self.names}: {self.word} ({self.detail})"


@dataclass(frozen=True, slots=True)
class Summary:
    """The debrief's first page.

    Attributes:
        title: the scenario's title; unit: what a round is called, lower case ("week").
        played, limit: rounds played and the round limit; chance: "Seed 7" or the class's key.
        mode: "stochastic" or "deterministic"; origin: "Forked from X at week 3." or "".
        outcome: the headline ("Peace by treaty (week 9)"); outcome_code: the engine's value or None.
        reasons: why, in sentences; pairs: the principal pairs' results.
        final_tension, peak_tension, peak_week: tension numbers (0-100).
        players, types: who played what; every hidden type with each side's reading.
    """

    title: str
    unit: str
    played: int
    limit: int
    chance: str
    mode: str
    origin: str
    outcome: str
    outcome_code: str | None
    reasons: tuple[str, ...]
    pairs: tuple[PairLine, ...]
    final_tension: float
    peak_tension: float
    peak_week: int
    players: tuple[Player, ...]
    types: tuple[TypeRow, ...]

    @property
    def final_label(self) -> str:
        return tension_label(self.final_tension)


@dataclass(frozen=True, slots=True)
class Week:
    """Tension after one week (week 0: the start): ``why`` says why it moved ("" for week 0)."""

    week: int
    date: str
    tension: float
    escalation: float | None
    change: str
    why: str

    @property
    def label(self) -> str:
        return tension_label(self.tension)

    @property
    def level(self) -> int:
        return defcon_level(self.tension)[0]


@dataclass(frozen=True, slots=True)
class TrustLine:
    """A side's trust in ``subject`` after each week (index 0: the start) against the truth:
    ``truth`` is 1.0 for a security seeker, 0.0 for a greedy state (Kydd's belief μ)."""

    subject: str
    name: str
    hidden: str
    truth: float
    values: tuple[float, ...]

    @property
    def final(self) -> float:
        return self.values[-1]

    @property
    def right(self) -> bool:
        return (self.final >= 0.5) == (self.truth == 1.0)


KEY_TRUST_MOVE = 0.1
"""A reading that moves trust this much (in (0, 1)) is a key reading (design choice)."""


@dataclass(frozen=True, slots=True)
class SideDebrief:
    """The debrief from one side's chair.

    Attributes:
        actor, name, capital: the side; who: its team's name, "you" or the AI doctrine.
        trust: its trust in each other actor against the truth.
        read: ledger rows of the others' acts as this side read them.
        made: ledger rows of this side's acts as the others read them.
        turning_points: the weeks that mattered, from this side's chair.
        prompts: reflection prompts built from those weeks and the misreadings.
    """

    actor: str
    name: str
    capital: str
    who: str
    trust: tuple[TrustLine, ...]
    read: tuple[LedgerRow, ...]
    made: tuple[LedgerRow, ...]
    turning_points: tuple[TurningPoint, ...]
    prompts: tuple[str, ...]

    @property
    def key_readings(self) -> tuple[LedgerRow, ...]:
        """The ledger rows worth discussing, both ways, in week order: every misreading, and every
        reading that moved trust by :data:`KEY_TRUST_MOVE` or more."""
        rows = [
            r
            for r in self.read + self.made
            if r.misread or abs(r.trust_after - r.trust_before) >= KEY_TRUST_MOVE
        ]
        return tuple(sorted(rows, key=lambda r: r.round))

    @property
    def misreads(self) -> int:
        """How many of the others' acts this side misread."""
        return sum(1 for r in self.read if r.misread)


@dataclass(frozen=True, slots=True)
class Reading:
    """One capital's reading of one act (``saw``: the act it perceived, by name)."""

    observer: str
    capital: str
    text: str
    saw: str
    hostile: bool
    misread: bool
    trust_before: float
    trust_after: float


@dataclass(frozen=True, slots=True)
class Act:
    """One act of one week: the press headline, the maker's words, its codes, a team's sealed
    reason, and every other capital's reading."""

    maker: str
    name: str
    headline: str
    frame: str
    codes: str
    note: str
    reason: str
    readings: tuple[Reading, ...]


@dataclass(frozen=True, slots=True)
class Event:
    source: str
    title: str
    text: str


@dataclass(frozen=True, slots=True)
class WeekDetail:
    """Everything that happened in one week, as every capital saw it."""

    week: int
    date: str
    tension: str
    why: str
    events: tuple[Event, ...]
    acts: tuple[Act, ...]


@dataclass(frozen=True, slots=True)
class CompareWeek:
    """One week in both branches (None: that branch had ended or not reached it)."""

    week: int
    parent_tension: float | None
    branch_tension: float | None
    parent_trust: tuple[float | None, ...]
    branch_trust: tuple[float | None, ...]
    shared: bool
    """The week is one of the weeks the fork kept (both branches identical)."""


@dataclass(frozen=True, slots=True)
class Comparison:
    """A fork against its parent, week by week (tension, the side's trust in its rivals, outcome).

    Attributes:
        parent: the parent's file name; week: the weeks the fork kept; side: whose trust.
        rivals: the actors whose trust is compared (the side's principal rivals).
        parent_outcome, branch_outcome: headlines; parent_final, branch_final: final tension.
        weeks: every week of either branch; first_change: the first week, of those both games
            have, in which they differ in tension (None: they do not, so far); both_weeks: the last
            week both games have; note: why a comparison is missing ("" when it is here).
    """

    parent: str
    week: int
    side: str
    rivals: tuple[str, ...]
    parent_outcome: str = ""
    branch_outcome: str = ""
    parent_final: float | None = None
    branch_final: float | None = None
    weeks: tuple[CompareWeek, ...] = ()
    first_change: int | None = None
    both_weeks: int = 0
    note: str = ""

    @property
    def available(self) -> bool:
        return not self.note


@dataclass(frozen=True, slots=True)
class Section:
    """An extra section every output shows as it is: a heading, lines of text, an optional table
    (``columns`` and ``rows`` of strings). See :data:`EXTRA_SECTIONS`."""

    heading: str
    lines: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True, slots=True)
class Debrief:
    """One debrief: see the module's docstring. ``crisis`` is the crisis line (tension), ``kind``
    "class" for a debrief of several teams or an AI game, "player" for one side's."""

    kind: str
    summary: Summary
    weeks: tuple[Week, ...]
    sides: tuple[SideDebrief, ...]
    details: tuple[WeekDetail, ...]
    facilitator: tuple[str, ...]
    crisis: float
    comparison: Comparison | None = None
    sections: tuple[Section, ...] = field(default=())

    @property
    def unit(self) -> str:
        return self.summary.unit

    @property
    def prompts(self) -> tuple[tuple[SideDebrief, str], ...]:
        """Every side's reflection prompts, with the side."""
        return tuple((s, p) for s in self.sides for p in s.prompts)


SectionBuilder = Callable[[Game, tuple[str, ...]], "Section | None"]

EXTRA_SECTIONS: list[SectionBuilder] = []
"""Builders of extra sections, called with the game and the sides the debrief takes; a builder
returns None when it has nothing to say for this game. Register one with :func:`section`."""


def section(builder: SectionBuilder) -> SectionBuilder:
    """Decorator: add ``builder`` to :data:`EXTRA_SECTIONS` (once)."""
    if builder not in EXTRA_SECTIONS:
        EXTRA_SECTIONS.append(builder)
    return builder


# --- building it --------------------------------------------------------------------------------


def _chance(game: Game) -> str:
    return "Chance from the class's secret key" if game.stream_key is not None else f"Seed {game.seed}"


def _players(game: Game, sides: Sequence[str], kind: str) -> tuple[Player, ...]:
    out = []
    for a in game.rules.actors:
        if a.id in game.humans:
            who = game.settings.teams.get(a.id) or (
                "you" if kind == "player" and a.id in sides else "human player"
            )
        else:
            who = f"AI: {doctrines.get(game.doctrine_name(a.id)).title}"
        out.append(Player(a.id, a.name, a.capital, who, a.id in game.humans))
    return tuple(out)


def _summary(game: Game, sides: Sequence[str], kind: str) -> Summary:
    from wargame.analysis.vocab import origin_line

    rules = game.rules
    st = game.state
    hist = st.tension_history
    peak = max(hist)
    players = _players(game, sides, kind)
    types = []
    for p in players:
        verdicts = tuple(Verdict(s, *reads_right(game, s, p.actor)) for s in sides if s != p.actor)
        types.append(TypeRow(p.actor, p.name, TYPE_WORDS[st.types[p.actor]], p.played_by, verdicts))
    return Summary(
        title=game.scenario.model.scenario.title,
        unit=round_unit(rules),
        played=game.round,
        limit=game.round_limit,
        chance=_chance(game),
        mode=game.mode.value,
        origin=origin_line(game),
        outcome=class_outcome_words(game),
        outcome_code=st.outcome.value if st.outcome is not None else None,
        reasons=tuple(outcome_reasons(game)),
        pairs=tuple(PairLine(p.names, p.word, p.detail()) for p in pair_statuses(rules, st)),
        final_tension=st.tension,
        peak_tension=peak,
        peak_week=hist.index(peak),
        players=players,
        types=tuple(types),
    )


def _weeks(game: Game) -> tuple[Week, ...]:
    rules = game.rules
    st = game.state
    whys = why_by_round(game)
    out = [Week(0, rules.start_date.isoformat(), st.tension_history[0], None, "", "")]
    for w in whys:
        out.append(
            Week(
                w.round,
                rules.date_of(w.round).isoformat(),
                st.tension_history[w.round],
                st.escalation_history[w.round - 1],
                w.shown_change(),
                w.text(),
            )
        )
    return tuple(out)


def trust_lines(game: Game, side: str) -> tuple[TrustLine, ...]:
    """``side``'s trust in every other actor, week by week, against the truth."""
    states = game.states
    out = []
    for a in game.rules.actors:
        if a.id == side:
            continue
        hidden = game.state.types[a.id]
        out.append(
            TrustLine(
                a.id,
                a.name,
                TYPE_WORDS[hidden],
                1.0 if hidden == SECURITY_SEEKER else 0.0,
                tuple(s.trust(side, a.id) for s in states),
            )
        )
    return tuple(out)


def _side(game: Game, side: str, kind: str, comparison: Comparison | None) -> SideDebrief:
    from wargame.analysis.reflection import prompts

    a = game.rules.actor_by_id[side]
    rows = ledger(game, side)
    if side in game.humans:
        who = game.settings.teams.get(side) or ("you" if kind == "player" else "human player")
    else:
        who = f"AI: {doctrines.get(game.doctrine_name(side)).title}"
    points = tuple(turning_points(game, side))
    trust = trust_lines(game, side)
    read = tuple(r for r in rows if r.observer == side)
    made = tuple(r for r in rows if r.maker == side)
    return SideDebrief(
        actor=side,
        name=a.name,
        capital=a.capital,
        who=who,
        trust=trust,
        read=read,
        made=made,
        turning_points=points,
        prompts=tuple(
            prompts(game, side, trust, comparison if comparison and comparison.side == side else None)
        ),
    )


def _details(game: Game) -> tuple[WeekDetail, ...]:
    rules = game.rules
    cards = {e.id: e for e in game.scenario.model.events}
    whys = why_by_round(game)
    out = []
    for res in game.results:
        reasons = reasons_of(game, res.round)
        acts = []
        for item in game.news(res.round):
            acts.append(
                Act(
                    maker=item.maker,
                    name=rules.actor_by_id[item.maker].name,
                    headline=item.headline,
                    frame=item.frame,
                    codes=item.codes,
                    note=item.note or "",
                    reason=reasons.get(item.maker, ""),
                    readings=tuple(
                        Reading(
                            observer=rd.observer,
                            capital=rules.actor_by_id[rd.observer].capital,
                            text=rd.text,
                            saw=rules.instruments[rd.perceived].name,
                            hostile=rd.hostile,
                            misread=rd.misperceived,
                            trust_before=rd.trust_before,
                            trust_after=rd.trust_after,
                        )
                        for rd in item.readings
                    ),
                )
            )
        out.append(
            WeekDetail(
                week=res.round,
                date=rules.date_of(res.round).isoformat(),
                tension=tension_label(res.tension),
                why=whys[res.round - 1].sentence(),
                events=tuple(Event(e.source, cards[e.id].title, cards[e.id].text) for e in res.events),
                acts=tuple(acts),
            )
        )
    return tuple(out)


def build(game: Game, side: str | None = None, parent: Game | None = None, parent_note: str = "") -> Debrief:
    """The debrief of ``game``.

    Args:
        side: take this side's chair (a "player" debrief: the in-game debrief of one person's
            game). Default: every human side (a "class" debrief for several teams), the one
            human side of a one-person game (a "player" debrief: the same as naming it), or for an
            AI-only game every actor.
        parent: for a fork (``game.forked_from``), the game it was forked from: the debrief then
            compares the two branches week by week.
        parent_note: why the parent is missing, for a fork without one ("" : not looked for).
    """
    humans = tuple(game.humans)
    if side is not None:
        sides: tuple[str, ...] = (side,)
    elif humans:
        sides = humans
    else:
        sides = tuple(game.rules.actor_ids)
    kind = "player" if len(sides) == 1 and (side is not None or len(humans) == 1) else "class"
    comparison = None
    if game.forked_from is not None:
        from wargame.analysis.branches import compare

        comparison = compare(game, parent, sides[0], parent_note)
    extras = tuple(s for s in (b(game, sides) for b in EXTRA_SECTIONS) if s is not None)
    return Debrief(
        kind=kind,
        summary=_summary(game, sides, kind),
        weeks=_weeks(game),
        sides=tuple(_side(game, s, kind, comparison) for s in sides),
        details=_details(game),
        facilitator=tuple(line.line(round_unit(game.rules)) for line in log_lines(game)),
        crisis=game.rules.params.crisis_tension,
        comparison=comparison,
        sections=extras,
    )


from wargame.analysis import goals as _goals  # noqa: E402, F401  (registers the Goals section)
