"""Why the meter moved and where each rival pair stands, in words (no Textual).

The engine returns each round's change of the tension meter as terms that sum to it exactly
(:class:`~wargame.engine.state.TensionTerm`: an actor's act, older acts fading, an event card,
fear of an actor, the arms race, the floor after a use of force; docs/model.md §6). This module
turns them into the short line every screen shows after a round, e.g.::

    Tension 54 → 48 (−6): −4 older acts fade; −3 fear of North Korea eases;
    +2 missile test (North Korea); −1 other

and the pair results of :func:`wargame.engine.core.pair_outcomes` into words ("North Korea–US:
crisis · tension 69"). The numbers shown are whole meter points that add up to the change shown
(the difference of the displayed, rounded-down tensions; see
:func:`~wargame.analysis.vocab.tension_change`).

Merging (design choice, so a line fits an 80-column screen): every ``fade`` term is one item
("older acts fade"); acts of the same instrument are one item; an event card's shocks are one
item; the ``fear`` terms of one sign are one item naming the actors feared; then the largest
items are named (war first, then the acts of the actors to ``prefer``, such as the player's; at
most ``limit``), items under half a point are not, and the rest is one "other" item (saying what
kinds it holds) so the line still adds up.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass

from wargame.analysis.vocab import round_unit, signed, tension_change
from wargame.engine.core import pair_outcomes
from wargame.engine.rules import Rules
from wargame.engine.state import PairOutcome, RoundResult, State, TensionTerm
from wargame.game import Game

#: Words for each pair outcome (docs/model.md §8), worst first.
PAIR_WORDS: dict[str, str] = {
    "war": "WAR",
    "armed_clash": "armed clash",
    "crisis": "crisis",
    "stalemate": "stalemate",
    "detente": "détente",
    "treaty": "treaty",
}

#: An item before rounding: (kind, label, value in meter points, makers of an act item).
_Item = tuple[str, str, float, tuple[str, ...]]

#: Longest event-card title shown in a "why" line (cut at a word, with an ellipsis).
EVENT_TITLE_MAX = 30


@dataclass(frozen=True, slots=True)
class WhyTerm:
    """One item of a "why tension moved" line.

    Attributes:
        kind: ``act``, ``fade``, ``event``, ``fear``, ``arms``, ``floor`` (the engine's term kinds),
            ``war`` (war broke out: the meter goes to 100) or ``other`` (small items merged).
        label: the words, e.g. ``"missile test (North Korea)"`` or ``"older acts fade"``.
        points: whole meter points (+ raises tension); the items of a line sum to its change.
        value: the exact sum of the engine's terms behind the item, in meter points.
    """

    kind: str
    label: str
    points: int
    value: float

    def text(self) -> str:
        """``"+2 missile test (North Korea)"`` (a true minus sign for falls)."""
        return f"{signed(self.points, 0)} {self.label}"


@dataclass(frozen=True, slots=True)
class TensionWhy:
    """Why the meter moved in one round.

    Attributes:
        round: the 1-based round; unit: what a round is called (``week``, ``day``, ``round``).
        before, after: the meter before and after, 0-100.
        change: the change shown, ``int(after) − int(before)`` (the displayed numbers' difference).
        terms: the items, largest first; their ``points`` sum to ``change``.
    """

    round: int
    unit: str
    before: float
    after: float
    change: int
    terms: tuple[WhyTerm, ...]

    def text(self) -> str:
        """The items joined: ``"−4 older acts fade; +2 missile test (North Korea)"``, or
        ``"nothing moved it by half a point"``."""
        return "; ".join(t.text() for t in self.terms) or "nothing moved it by half a point"

    def sentence(self) -> str:
        """``"Tension 54 → 48 (−6): −4 older acts fade; …"``."""
        return f"Tension {int(self.before)} → {int(self.after)} ({self.shown_change()}): {self.text()}"

    def shown_change(self) -> str:
        """The change as the screens show it: ``+6``, ``−1``, ``±0``."""
        return tension_change(self.before, self.after)


def _name(rules: Rules, actor: str) -> str:
    return rules.actor_by_id[actor].name


def _possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _lower_first(words: str) -> str:
    """``"Missile test"`` → ``"missile test"``, but ``"NLL patrol"`` stays (an acronym)."""
    if len(words) > 1 and words[1].isupper():
        return words
    return words[:1].lower() + words[1:]


def _names(names: list[str]) -> str:
    """``"China"``, ``"China and US"``, ``"China and 3 others"``."""
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return f"{names[0]} and {names[1]}"
    return f"{names[0]} and {len(names) - 1} others"


def _short_title(title: str) -> str:
    if len(title) <= EVENT_TITLE_MAX:
        return title
    cut = title[: EVENT_TITLE_MAX - 1].rsplit(" ", 1)[0].rstrip(",:;")
    return cut + "…"


def _event_title(rules: Rules, card: str | None) -> str:
    titles = {c.id: c.title for c in rules.events}
    return f"“{_short_title(titles.get(card or '', card or 'an event'))}”"


def _items(
    rules: Rules,
    terms: tuple[TensionTerm, ...],
    observers: tuple[State, State] | None,
    veiled: Collection[str] = (),
) -> list[_Item]:
    """The terms merged into (kind, label, value, makers) items (see the module docstring);
    ``makers`` are the actors whose acts an ``act`` item holds (empty for other kinds). The acts
    of ``veiled`` makers are ``veiled`` items with no label: :func:`tension_why` counts them in
    the "other" item, unnamed (see :func:`veiled_makers`)."""
    items: list[_Item] = []
    fade = sum(t.value for t in terms if t.kind == "fade")
    if any(t.kind == "fade" for t in terms):
        items.append(("fade", "older acts fade", fade, ()))
    acts: dict[str, list[TensionTerm]] = {}
    events: dict[str | None, float] = {}
    fears: dict[str, float] = {}
    for t in terms:
        if t.kind == "fade":
            continue
        if t.kind == "act" and t.actor is not None and t.actor in veiled:
            # not named: an unlabelled item that tension_why counts in "other"
            items.append(("veiled", "", t.value, (t.actor,)))
        elif t.kind == "act":
            acts.setdefault(t.detail or "", []).append(t)
        elif t.kind == "event":
            events[t.detail] = events.get(t.detail, 0.0) + t.value
        elif t.kind == "fear" and t.actor is not None:
            fears[t.actor] = fears.get(t.actor, 0.0) + t.value
        elif t.kind == "arms":
            items.append(("arms", "arms race" if t.value >= 0 else "arms race eases", t.value, ()))
        elif t.kind == "floor":
            if t.detail == "limit":
                label = "the meter's 0-100 limit"
            else:
                label = "floor after force holds it up" if t.value >= 0 else "floor after force lifts"
            items.append(("floor", label, t.value, ()))
        elif t.kind == "war":
            who = f": {_name(rules, t.actor)} chose it" if t.actor in rules.actor_by_id else ""
            items.append(("war", f"war breaks out{who}", t.value, ()))
        else:  # a kind this version does not know: say what it is called
            items.append((t.kind, t.kind, t.value, ()))
    for inst_id, group in acts.items():
        makers = [t.actor for t in group if t.actor is not None]
        inst = rules.instruments.get(inst_id)
        what = _lower_first(inst.name) if inst is not None else inst_id
        if len(makers) <= 2:
            who = " and ".join(_name(rules, a) for a in makers)
        else:
            who = f"{len(makers)} states"
        items.append(("act", f"{what} ({who})", sum(t.value for t in group), tuple(makers)))
    for card, value in events.items():
        items.append(("event", f"event {_event_title(rules, card)}", value, ()))
    for sign in (1.0, -1.0):
        group_f = sorted(((a, v) for a, v in fears.items() if v * sign > 0), key=lambda av: -abs(av[1]))
        if not group_f:
            continue
        verb = "grows" if sign > 0 else "eases"
        label = f"fear of {_names([_name(rules, a) for a, _ in group_f])} {verb}"
        if observers is not None and len(group_f) == 1:
            label += _fear_observer(rules, group_f[0][0], sign, *observers)
        items.append(("fear", label, sum(v for _, v in group_f), ()))
    return items


def _fear_observer(rules: Rules, subject: str, sign: float, before: State, after: State) -> str:
    """`` (Seoul's trust fell)``: the rival capital whose trust in ``subject`` moved most the way
    that made fear move (omniscient: only for the debrief)."""
    best: tuple[float, str] | None = None
    for i, j in rules.rival_pairs:
        if j != subject:
            continue
        d = after.trust(i, j) - before.trust(i, j)
        if d * sign < 0 and (best is None or abs(d) > best[0]):
            best = (abs(d), i)
    if best is None:
        return ""
    capital = rules.actor_by_id[best[1]].capital
    return f" ({_possessive(capital)} trust {'fell' if sign > 0 else 'rose'})"


#: What the "other" item lists of the kinds it holds.
_KIND_WORDS = {
    "act": "other acts",
    "fade": "older acts fading",
    "event": "events",
    "fear": "fear of other states",
    "arms": "arms race",
    "floor": "floors",
}


def _other_label(pool: list[_Item]) -> str:
    """``"other (acts, fear)"``: the kinds that make up at least half a point of the rest."""
    by_kind: dict[str, float] = {}
    for kind, _, value, _ in pool:
        kind = "act" if kind == "veiled" else kind  # an unnamed act is an act
        by_kind[kind] = by_kind.get(kind, 0.0) + value
    kinds = [k for k, v in sorted(by_kind.items(), key=lambda kv: -abs(kv[1])) if abs(v) >= 0.5]
    words = [_KIND_WORDS.get(k, k) for k in kinds]
    return f"other: {', '.join(words)}" if 0 < len(words) <= 3 else "other causes"


def _allocate(values: list[float], target: int) -> list[int]:
    """Whole numbers near ``values`` that sum to ``target`` (largest remainders move first)."""
    out = [math.floor(v + 0.5) for v in values]
    diff = target - sum(out)
    while diff and out:
        step = 1 if diff > 0 else -1
        k = max(range(len(values)), key=lambda i: (values[i] - out[i]) * step)
        out[k] += step
        diff -= step
    return out


def tension_why(
    rules: Rules,
    result: RoundResult,
    before: float,
    *,
    limit: int = 4,
    observers: State | None = None,
    prefer: Collection[str] = (),
    veiled: Collection[str] = (),
) -> TensionWhy:
    """Why the meter moved in ``result``'s round: at most ``limit`` named items and an "other"
    item, in whole points that add up to the change shown.

    Args:
        rules: the scenario's rules (names of actors, instruments and event cards).
        result: the round.
        before: the meter before the round, 0-100.
        limit: most items named (the rest become one "other" item after them); raised to leave
            two beside the preferred actors' acts.
        observers: the state before the round, to name the capital whose trust moved in a
            single-actor fear item ("Seoul's trust fell"): omniscient, for the debrief only.
        prefer: actors whose acts are named before larger items (the player's own act), once
            they move the meter by half a point.
        veiled: makers whose acts are not named but counted in the "other" item: on a player's
            screen, the acts the player's capital misread and has not yet learnt of
            (:func:`veiled_makers`), so the line does not reveal a misreading before the game does.
    """
    after = result.tension
    terms = result.tension_terms
    items = _items(rules, terms, (observers, result.state) if observers is not None else None, veiled)
    hidden = [it for it in items if it[0] == "veiled"]
    items = [it for it in items if it[0] != "veiled"]
    rest = (after - before) - sum(t.value for t in terms)
    if abs(rest) > 1e-6:  # terms missing (an old round, or a game that did not explain itself)
        items.append(("other", "other causes", rest, ()))
    # war first (it is the news), then the preferred actors' acts, then by size
    preferred = set(prefer)
    items.sort(key=lambda it: (it[0] != "war", not preferred.intersection(it[3]), -abs(it[2])))
    big = [it for it in items if abs(it[2]) >= 0.5]
    mine = sum(1 for it in big if preferred.intersection(it[3]))
    shown = big[: max(limit, mine + 2)]  # room for the two largest others beside the preferred
    pool = [it for it in items if it not in shown] + hidden
    values = [it[2] for it in shown]
    labels = [(it[0], it[1]) for it in shown]
    if pool:
        values.append(sum(it[2] for it in pool))
        labels.append(("other", _other_label(pool)))
    change = int(after) - int(before)
    if not values and change:
        values, labels = [after - before], [("other", "rounding")]
    points = _allocate(values, change)
    why = [
        WhyTerm(kind, label, n, v)
        for (kind, label), n, v in zip(labels, points, values, strict=True)
        if n != 0
    ]
    why.sort(key=lambda t: (t.kind == "other", -abs(t.points), -abs(t.value)))
    return TensionWhy(
        round=result.round,
        unit=round_unit(rules),
        before=before,
        after=after,
        change=change,
        terms=tuple(why),
    )


def veiled_makers(rules: Rules, result: RoundResult, viewer: str, now: int) -> frozenset[str]:
    """Whose acts a player's Why line must not name in ``result``'s round, seen in round ``now``:
    those ``viewer``'s capital misread and has not yet learnt the truth of (a misreading comes to
    light ``reveal_delay`` rounds later; docs/model.md, news). Naming them would give the
    misreading away (the true act), or mislead (the act as read, with the true act's effect on
    the meter); their points count in the line's "other" item instead.
    """
    if result.round + rules.params.reveal_delay <= now:
        return frozenset()
    return frozenset(
        p.maker for p in result.perceptions if p.observer == viewer and p.maker != viewer and p.misperceived
    )


def round_why(
    game: Game, round_: int, *, omniscient: bool = False, limit: int = 4, prefer: Collection[str] = ()
) -> TensionWhy:
    """:func:`tension_why` for round ``round_`` (1-based) of ``game``.

    ``omniscient`` names the capital whose trust moved in a fear item (the debrief's wording);
    ``prefer`` names those actors' acts first.
    """
    res = game.results[round_ - 1]
    prev = game.results[round_ - 2].state if round_ >= 2 else game.initial
    return tension_why(
        game.rules,
        res,
        prev.tension,
        limit=limit,
        observers=prev if omniscient else None,
        prefer=prefer,
    )


# --- rival pairs --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PairStatus:
    """Where one rival pair stands (or ended), in words.

    Attributes:
        pair: the two actor ids, in scenario order; names: ``"North Korea–US"``.
        outcome: the engine's :class:`~wargame.engine.state.PairOutcome`.
        tension: the pair's own tension, 0-100.
        calm: rounds in a row meeting the détente rule; needed: how many make a détente.
        principal: whether this pair decides the headline outcome.
        unit: what a round is called.
    """

    pair: tuple[str, str]
    names: str
    outcome: PairOutcome
    tension: float
    calm: int
    needed: int
    principal: bool
    unit: str

    @property
    def word(self) -> str:
        """``"crisis"``, ``"détente"``, ``"WAR"`` … (:data:`PAIR_WORDS`)."""
        return PAIR_WORDS[self.outcome.value]

    def detail(self) -> str:
        """``"tension 69 · 2 of 5 calm weeks"``: the numbers behind the word."""
        o = self.outcome
        if o is PairOutcome.WAR:
            return "at war"
        if o is PairOutcome.TREATY:
            return f"signed · tension {int(self.tension)}"
        if o is PairOutcome.DETENTE:
            return f"{self.calm} calm {self.unit}s in a row · tension {int(self.tension)}"
        calm = f" · {self.calm} of {self.needed} calm {self.unit}s" if self.calm else ""
        return f"tension {int(self.tension)}{calm}"

    def text(self) -> str:
        """``"North Korea–US: crisis (tension 69 · 2 of 5 calm weeks)"``."""
        return f"{self.names}: {self.word} ({self.detail()})"


def pair_statuses(rules: Rules, state: State, *, principal_only: bool = True) -> list[PairStatus]:
    """The rival pairs' results from :func:`wargame.engine.core.pair_outcomes`, principal pairs
    first (``principal_only``: only those, the pairs that decide the headline outcome, and a pair
    at war, since war in any pair ends the game; docs/model.md §8)."""
    outcomes = pair_outcomes(rules, state)
    principal = set(rules.principal_pairs)
    out = []
    for pair, outcome in outcomes.items():
        if principal_only and pair not in principal and outcome is not PairOutcome.WAR:
            continue
        a, b = pair
        out.append(
            PairStatus(
                pair=pair,
                names=f"{_name(rules, a)}–{_name(rules, b)}",
                outcome=outcome,
                tension=state.pair_tension.get(pair, state.tension),
                calm=state.detente_streak.get(pair, 0),
                needed=rules.params.peace_rounds,
                principal=pair in principal,
                unit=round_unit(rules),
            )
        )
    out.sort(key=lambda s: not s.principal)
    return out


def peace_progress(rules: Rules, state: State) -> str:
    """How far the headline outcome is while the game runs, or how it ended.

    ``"Peace needs both principal pairs at treaty or détente (1 of 2 now)"`` (peace is every
    principal pair at treaty or détente; docs/model.md §8), or ``"War, chosen (week 7)"``.
    """
    from wargame.analysis.report import OUTCOME_WORDS

    if state.outcome is not None:
        words = OUTCOME_WORDS[state.outcome.value]
        return f"{words[0].upper()}{words[1:]} ({round_unit(rules)} {state.outcome_round})"
    statuses = pair_statuses(rules, state)
    n = len(statuses)
    settled = sum(1 for s in statuses if s.outcome.is_peace)
    which = (
        "the principal pair" if n == 1 else ("both principal pairs" if n == 2 else f"all {n} principal pairs")
    )
    return f"Peace needs {which} at treaty or détente ({settled} of {n} now)"
