"""The compiled rules of one scenario: plain, frozen value types the engine reads in its round loop.

A scenario file (TOML, validated by pydantic in :mod:`wargame.scenario`) is compiled once into a
:class:`Rules` object. The engine never touches pydantic models or files; everything it needs per
round (evidence per instrument and observer, hostility per instrument, ...) is precomputed here.

Sources: the model is ``docs/model.md`` §1-§9 (Jervis 1976/1978, Kydd 2005, Glaser
2010, Osgood 1962, Richardson 1960); numeric defaults are its §3.12, tagged there as design choices.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields, replace
from datetime import date, timedelta
from enum import Enum
from typing import Any, NamedTuple, cast

from wargame.engine.state import Act, BeliefLayout, Order

SECURITY_SEEKER = "security_seeker"
GREEDY = "greedy"
HIDDEN_TYPES = (SECURITY_SEEKER, GREEDY)


class Category(str, Enum):
    """The kind of an instrument, after docs/model.md §3.

    ``show_of_force``: a militarised display (drill, test, deployment, alert): evidence is filtered
    by distinguishability. ``use_of_force``: an attack, blockade or war (COW-MID level 4-5).
    ``verbal_conflict``: threats and criticism (evidence is the bare likelihood ratio).
    ``nonviolent``: reassurance and cooperation (evidence from cost, Kydd's costly signal).
    ``hold``: keep the present posture and make no new move (the status quo; evidence 0, no
    hostility, so stocks drain; docs/model.md §4).
    """

    SHOW_OF_FORCE = "show_of_force"
    USE_OF_FORCE = "use_of_force"
    VERBAL_CONFLICT = "verbal_conflict"
    NONVIOLENT = "nonviolent"
    HOLD = "hold"

    @property
    def is_force(self) -> bool:
        """True for shows and uses of force (the acts filtered by distinguishability)."""
        return self in (Category.SHOW_OF_FORCE, Category.USE_OF_FORCE)


#: Rivera et al. (2024) escalation-score points per class (EscalAItion, ``manual_evaluation.py``).
RIVERA_POINTS: dict[str, int] = {
    "deescalation": -2,
    "status_quo": 0,
    "posturing": 4,
    "nonviolent_escalation": 12,
    "violent_escalation": 28,
    "nuclear": 60,
}


class Needs(str, Enum):
    """What an instrument needs from another actor in the same round to take effect.

    ``ally``: a combined act; an ally must order the same instrument at the same target.
    ``counterpart``: a treaty; the target must order the same instrument at the maker in the same
    round, or have proposed it (``proposes``) to the maker in the previous round.
    """

    NONE = "none"
    ALLY = "ally"
    COUNTERPART = "counterpart"


@dataclass(frozen=True, slots=True)
class Params:
    """Model parameters (docs/model.md §9; every value there is a design choice [D]).

    Attributes:
        offense_advantage: ω in [0, 1]; 0.5 is neutral, higher favours attack (Jervis 1978).
        distinguishability: d in [0, 1]; how well observers tell defensive from offensive acts.
        perception_noise: ε in [0, 1]; probability, per observer and act, of a misreading (stochastic mode).
        lr_ambiguous: likelihood ratio P(act|greedy)/P(act|SS) of an "ambiguous military move".
        offense_ambiguous: perceived offensiveness of an ambiguous move, in [0, 1] (the news, the
            preview, and how threatening an act looks to the doctrines' agenda).
        cost_slope: k_c; a nonviolent act of cost c has LR = exp(-k_c·c) (Kydd's costly signal).
        memory: ρ in [0, 1]; belief persistence (1 = pure Bayes, <1 relaxes toward the prior).
        logodds_max: ℓmax; clamp on log-odds so trust stays in (0.018, 0.982) by default.
        hostility_persistence: λ in [0, 1]; share of the hostility stock kept each round.
        cooperative_drain: γ; how strongly a cooperative act drains the maker's hostility stock.
        weight_hostility, weight_fear: w_H, w_F; the two components of the tension meter.
        fear_max: F_max; fear normaliser (Φ at ω = 1 with equal capabilities).
        hazard_max, hazard_knee: h_max and T_c of the inadvertent-war hazard (Schelling).
        richardson_k0, richardson_a, richardson_rate: k0, a and r of the Richardson layer.
        capability_min, capability_max: bounds of the capability index K.
        bystander_weight: share of an act's evidence a third party (not the target, not an ally
            of the maker) takes in; the target takes all of it, allies of the maker none
            [D, N-actor extension of the dyadic model].
        force_floor, force_floor_rounds: tension floor after an act of MID level ≥ 4.
        crisis_tension: T at or above which the crisis status is set.
        peace_tension, peace_trust, peace_rounds: the peace-regime rule (docs/model.md §7-§8).
        treaty_tension: a treaty settles a pair only at or below that pair's tension.
        reveal_delay: rounds after which a misperception is revealed in the news.
        force_memory: δ_U in [0, 1); share of a pair's stock of uses of force kept each week.
        force_hazard: β ≥ 0; weekly war hazard per unit of force stock in a pair (docs/model.md §7).
        tremble: τ in [0, 1]; per round, the probability that an AI state whose doctrine follows
            from its hidden type departs from it to one of the moves every type makes (talk, the
            defensive posture, a hold): Selten's (1975) trembling hand (docs/model.md §4, "The trembling hand").
        hazard_max is likewise a weekly hazard; a round of round_days days converts each weekly
            rate (1 − (1 − p)^(days/7); δ^(days/7)).
        richardson_rate is derived from the round length: r = min(1, round_days / 7)
            (the map's coefficients are weekly rates).

    Only ``offense_advantage``, ``distinguishability`` and ``perception_noise`` describe a scenario's world;
    every other field is a behavioural constant of the model, the same in every scenario
    (docs/model.md §9).
    """

    offense_advantage: float = 0.5
    distinguishability: float = 0.5
    perception_noise: float = 0.02
    lr_ambiguous: float = 2.0
    offense_ambiguous: float = 0.7
    cost_slope: float = 1.2
    memory: float = 0.95
    logodds_max: float = 4.0
    hostility_persistence: float = 0.6
    cooperative_drain: float = 0.5
    weight_hostility: float = 0.5
    weight_fear: float = 0.5
    fear_max: float = 0.75
    hazard_max: float = 0.2
    hazard_knee: float = 70.0
    richardson_k0: float = 0.3
    richardson_a: float = 0.2
    richardson_rate: float = 1.0
    capability_min: float = 0.2
    capability_max: float = 10.0
    bystander_weight: float = 0.5
    force_floor: float = 60.0
    force_floor_rounds: int = 3
    crisis_tension: float = 60.0
    peace_tension: float = 20.0
    peace_trust: float = 0.8
    peace_rounds: int = 5
    treaty_tension: float = 40.0
    reveal_delay: int = 2
    force_memory: float = 0.8
    force_hazard: float = 0.05
    tremble: float = 0.1


@dataclass(frozen=True, slots=True)
class Instrument:
    """One instrument of the catalogue (docs/model.md §3, §2.5), with its precomputed constants.

    Attributes:
        id: identifier used in orders and records, e.g. ``"combined_drill"``.
        name: display name.
        category: see :class:`Category`.
        cameo: primary CAMEO event code (string, e.g. ``"150"``).
        cameo_hostile: the code an adversary's media would use, or None.
        goldstein: Goldstein weight of ``cameo`` in [-10, +10] (GDELT lookup).
        mid_action: COW-MID action code 0-21, or None for non-militarised acts.
        mid_level: COW-MID hostility level 1-5.
        kahn_rung: rung on Kahn's escalation ladder (0 = below the ladder, up to 44).
        rivera: Rivera et al. (2024) class, a key of :data:`RIVERA_POINTS`.
        offense: o in [0, 1], the true share of the act usable for attack.
        legibility: q in [0, 1], how visibly defensive the act can be made.
        likelihood_ratio: LR = P(act | greedy) / P(act | security seeker), > 0.
        cost: material and political cost (drives LR for nonviolent acts when LR is not given).
        capability_delta: ΔK for the maker, in capability units.
        grievance_delta: change to the target's Richardson grievance g.
        needs, fallback: see :class:`Needs`; the instrument used instead when the need is unmet.
        proposes: id of the treaty instrument this act proposes (a signature next round counts).
        targeted: whether the order names a target actor.
        usable_by: actor ids that may use it (empty: every actor).
        tier: conciliation tier 0-3 for the doctrines (None for non-conciliatory acts).
        evidence: log-likelihood ratio for "maker is greedy" before attribution bias.
        perceived_offense: õ in [0, 1], how offensive the act looks (news and preview).
        hostility: h in [-1, 1], the act's contribution to its maker's hostility stock.
        rivera_points: escalation-score points of ``rivera``.
    """

    id: str
    name: str
    category: Category
    cameo: str
    cameo_hostile: str | None
    goldstein: float
    mid_action: int | None
    mid_level: int
    kahn_rung: int
    rivera: str
    offense: float
    legibility: float
    likelihood_ratio: float
    cost: float
    capability_delta: float
    grievance_delta: float
    needs: Needs
    fallback: str | None
    proposes: str | None
    targeted: bool
    usable_by: frozenset[str]
    tier: int | None
    evidence: float
    perceived_offense: float
    hostility: float
    rivera_points: int

    @property
    def is_force(self) -> bool:
        """True for shows and uses of force."""
        return self.category.is_force

    @property
    def is_conciliatory(self) -> bool:
        """True for nonviolent instruments (the doctrines' "cooperate")."""
        return self.category is Category.NONVIOLENT


@dataclass(frozen=True, slots=True)
class Roles:
    """Which instruments the doctrines of docs/model.md §4 mean by their generic names.

    Attributes:
        talk: tier-0 conciliation (cheap talk).
        conciliation: tiers 0-3, cheapest first (talk, small GRIT step, relief, halt exercises).
        defensive: the most legible show of force (``DEF_POSTURE``).
        hawk_ladder: four rungs for the hawk doctrine.
        greedy_ladder: four rungs for the greedy opportunist (rung 0 is talk).
        misread_force_as: what a misread show of force looks like (noise flip).
        misread_nonviolent_as: what a misread nonviolent act looks like.
        hold: the status-quo move (no new act), or None when the catalogue has none; doctrines
            then use ``talk`` instead.
    """

    talk: str
    conciliation: tuple[str, ...]
    defensive: str
    hawk_ladder: tuple[str, ...]
    greedy_ladder: tuple[str, ...]
    misread_force_as: str
    misread_nonviolent_as: str
    hold: str | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    """A state in the scenario.

    Attributes:
        id: short name (DPRK, ROK, USA, JPN, PRC).
        name, capital, media: display names; ``media`` is the outlet that voices its readings.
        prior_security_seeker: prior probability in [0, 1] that its hidden type is security seeker.
        capability: initial capability index K (Richardson x_i).
        hostility: initial hostility stock H in [0, 1].
        grievance: Richardson grievance g (negative = goodwill).
        doctrine: AI doctrine when its hidden type is security seeker.
        greedy_doctrine: AI doctrine when its hidden type is greedy.
        hostile_bias: η ≥ 0, amplification of hostile evidence (Jervis, Mercer).
        conciliatory_discount: κ in [0, 1), discount of conciliatory evidence (Ross & Stillinger).
        rivals: actors its doctrine watches and targets (empty: every non-ally).
        roles: its own doctrine roles (differs from the scenario's when its catalogue differs).
        article: "the" when running text puts it before the name ("the US"), else "".
    """

    id: str
    name: str
    capital: str
    media: str
    prior_security_seeker: float
    capability: float
    hostility: float
    grievance: float
    doctrine: str
    greedy_doctrine: str
    hostile_bias: float
    conciliatory_discount: float
    rivals: tuple[str, ...]
    roles: Roles
    article: str = ""

    @property
    def in_text(self) -> str:
        """The name as running text uses it: "the US", "North Korea" (lower-case article)."""
        return f"{self.article} {self.name}" if self.article else self.name


@dataclass(frozen=True, slots=True)
class EventCard:
    """A scenario inject: scheduled at a round, drawn with a per-round probability, or facilitator-injected.

    Attributes:
        id, title: identifier and headline.
        round: 1-based round at which it fires, or None.
        probability: chance per round that it is drawn in stochastic mode (0 = never drawn).
        hostility: change to each named actor's hostility stock.
        evidence: (observer, subject, Δlog-odds of greed) shifts.
        capability: change to each named actor's capability.
        tension: an immediate floor on tension for this round (0 = none).
    """

    id: str
    title: str
    round: int | None
    probability: float
    hostility: tuple[tuple[str, float], ...]
    evidence: tuple[tuple[str, str, float], ...]
    capability: tuple[tuple[str, float], ...]
    tension: float


@dataclass(frozen=True, slots=True)
class Wording:
    """News templates for one instrument (str.format placeholders; see the scenario format).

    Attributes:
        headline: world-press description; frame: the maker's framing; hostile / neutral: an
        observer's reading when the act looks offensive or not; frames / readings: per-actor
        overrides of frame / hostile reading.
    """

    headline: str
    frame: str
    hostile: str
    neutral: str
    frames: dict[str, str]
    readings: dict[str, str]


@dataclass(frozen=True, slots=True)
class OpeningAct:
    """An act before round 1: (actor, instrument, target or None). It seeds "last perceived"."""

    actor: str
    instrument: str
    target: str | None


@dataclass(frozen=True, slots=True)
class Rules:
    """Everything the engine needs about one scenario, compiled once.

    Attributes:
        scenario_id: the scenario's id.
        params: model parameters.
        actors: the actors in file order; ``actor_ids`` their ids in the same order.
        instruments: instrument id → :class:`Instrument`.
        alliances: frozenset of frozen pairs of allied actor ids (they can make combined acts).
        alignments: pairs aligned without combined acts (a partnership, or an alliance that
            does not exercise together); like allies, they do not read each other's acts at
            third parties as threats, share threats aimed at either, and are not rivals.
        events: the event cards in file order.
        wording: instrument id → :class:`Wording`.
        opening: acts before round 1.
        rounds: the round limit.
        start_date: scenario date of round 1; round_days: days per round (news dating);
            round_label: what a round is called ("Week", "Day").
        initial_trust: (observer, subject) → initial trust in (0, 1).
        prior_trust: (observer, subject) → trust the belief relaxes toward, in (0, 1).
        prior_logodds: the same as log-odds of greed.
        allied_pairs: directed pairs of allies; aligned_pairs: allies and aligned partners;
            rival_pairs: every directed pair not aligned; nonallies: actor → the actors it is
            not aligned with; watch: actor → the actors its doctrine watches (declared rivals,
            else every actor it is not aligned with).
        events_at: round → the cards scheduled for it; drawn_events: cards drawn by chance.
        others: actor → every other actor; usable_ids: actor → ids of the instruments it may use.
        evidence_weight: (observer, maker, target) → share of the act's evidence the observer
            takes in (see :func:`wargame.engine.core.observer_weight`).
        biased_evidence: (observer, instrument id) → evidence after the observer's attribution bias.
        sight: maker → target → one :class:`Sight` row per observer, in actor order: (observer, (observer, maker),
            (maker, observer), evidence weight w, w times the observer's biased evidence by
            instrument id, (1 − ρ)·ℓ0 of (observer, maker)); the round's belief update reads only this.
        misread_as: actor → instrument id → what that act looks like when misread (noise flip).
        offense_of: instrument id → its perceived offense õ in [0, 1].
        principal_pairs: the rival pairs (each sorted in actor order) whose ends decide the
            headline outcome (the scenario's adversarial dyads; default: every rival pair).
        pairs: every rival pair (i, j), i before j in actor order; pair_index: pair → its index.
        pair_of: (maker, target or None) → the rival pair the act falls in, or None.
        directed: (i, j) → the one shared tuple object for that directed pair (the round loop
            keys its dicts with these, so no new tuples are made and the garbage collector need
            not track the state's dicts); reach_keys: :attr:`hostility_reach` as such keys.
        treaty_of: actor → the treaty instrument (needs a counterpart) it may use, or None.
        conciliatory_ids: ids of the nonviolent instruments.
        round_weeks: a round's length in weeks; the war hazards and the decay of force stocks
            are weekly rates converted to it (docs/model.md §7).
        threat_of: instrument id → how threatening it looks when aimed at an actor (õ, at least
            0.05, for force and threats; 0 for concessions and holds).
        hostility_reach: (maker, target or None) → the actors j whose directed hostility stock
            H_maker→j an act of the maker at that target feeds: the target and its aligned
            partners that are not aligned with the maker (an alliance shares threats), or every
            actor the maker is not aligned with when the act has no target.
        mu_star: μ*(ω), the trust in [0, 1] at which a security seeker cooperates (:func:`mu_star`).
        outlook: actor → the facts of these rules its AI doctrine reads every round (:class:`Outlook`).
        order_acts: actor → every order it may legally give, as (instrument, target), → the
            :class:`~wargame.engine.state.Act` it makes when its instrument needs nobody (one
            shared, immutable Act), or None when the act depends on others' orders (combined
            acts, treaties).
        initial_logodds: ℓ_ij of ``initial_trust``, clipped to ±``logodds_max``, per directed pair.
        belief_layout: the slot of each directed pair's beliefs in the round's lists
            (:class:`~wargame.engine.state.BeliefLayout`).
        nonally_slots: actor i → (j, slot of (i, j)) for each j of :attr:`nonallies`.
        fear_rows: (slot of (i, j) in :attr:`belief_layout`, i, j) for each directed pair of
            :attr:`rival_pairs`, in that order: the meter's fear terms (1 − μ_ij)·Φ_ij.
        pair_rows: one :class:`PairRow` per rival pair of :attr:`pairs`: its directed keys, where
            its two fear terms sit in :attr:`fear_rows` (the pair tensions reuse the meter's) and
            its trusts in :attr:`belief_layout`.
        force_fade: δ_U^weeks, the share of a force stock kept over a round (docs/model.md §5).
        fear_at_zero_trust: k0·(0.5 + ω), the Richardson reaction k_eff at zero trust
            (:func:`fear_coefficient`; k_eff(μ) is it times 1 − μ).
        stock_step: instrument id → what its act adds to each hostility stock it feeds (before
            the clip): (1 − λ)·h for a hostile act (h > 0), else γ·h (docs/model.md §5).
        stock_keys: (i, j) of every directed hostility stock H_i→j (each actor's, in actor
            order, those of :attr:`reach_keys` at no target): the order of the round's list of
            stocks (:class:`~wargame.engine.state.PairValues`).
        principal_index: where each of :attr:`principal_pairs` sits in :attr:`pairs`.
        stock_rows: maker → target or None → (stock, reached) for each of the maker's directed
            hostility stocks H_maker→j (the keys of :attr:`reach_keys` at no target): whether
            an act of the maker at that target feeds it.
    """

    scenario_id: str
    params: Params
    actors: tuple[Actor, ...]
    instruments: dict[str, Instrument]
    alliances: frozenset[frozenset[str]]
    events: tuple[EventCard, ...]
    wording: dict[str, Wording]
    opening: tuple[OpeningAct, ...]
    rounds: int
    initial_trust: dict[tuple[str, str], float]
    prior_trust: dict[tuple[str, str], float]
    start_date: date
    round_days: int
    round_label: str = "Round"
    alignments: frozenset[frozenset[str]] = frozenset()
    principal_pairs: tuple[tuple[str, str], ...] = ()
    actor_ids: tuple[str, ...] = field(init=False)
    actor_by_id: dict[str, Actor] = field(init=False)
    biased_evidence: dict[tuple[str, str], float] = field(init=False)
    allied_pairs: frozenset[tuple[str, str]] = field(init=False)
    aligned_pairs: frozenset[tuple[str, str]] = field(init=False)
    rival_pairs: tuple[tuple[str, str], ...] = field(init=False)
    prior_logodds: dict[tuple[str, str], float] = field(init=False)
    evidence_weight: dict[tuple[str, str, str | None], float] = field(init=False)
    nonallies: dict[str, tuple[str, ...]] = field(init=False)
    watch: dict[str, tuple[str, ...]] = field(init=False)
    others: dict[str, tuple[str, ...]] = field(init=False)
    usable_ids: dict[str, frozenset[str]] = field(init=False)
    base_grievance: dict[str, float] = field(init=False)
    sight: dict[
        str,
        dict[
            str | None,
            tuple[Sight, ...],
        ],
    ] = field(init=False)
    misread_as: dict[str, dict[str, str]] = field(init=False)
    offense_of: dict[str, float] = field(init=False)
    mu_star: float = field(init=False)
    initial_logodds: dict[tuple[str, str], float] = field(init=False)
    events_at: dict[int, tuple[EventCard, ...]] = field(init=False)
    drawn_events: tuple[EventCard, ...] = field(init=False)
    pairs: tuple[tuple[str, str], ...] = field(init=False)
    pair_index: dict[tuple[str, str], int] = field(init=False)
    hostility_reach: dict[tuple[str, str | None], tuple[str, ...]] = field(init=False)
    pair_of: dict[tuple[str, str | None], tuple[str, str] | None] = field(init=False)
    directed: dict[tuple[str, str], tuple[str, str]] = field(init=False)
    reach_keys: dict[tuple[str, str | None], tuple[tuple[str, str], ...]] = field(init=False)
    treaty_of: dict[str, str | None] = field(init=False)
    conciliatory_ids: frozenset[str] = field(init=False)
    round_weeks: float = field(init=False)
    threat_of: dict[str, float] = field(init=False)
    belief_layout: BeliefLayout = field(init=False, compare=False)  # derived from actor_ids
    nonally_slots: dict[str, tuple[tuple[str, int], ...]] = field(init=False)
    fear_rows: tuple[tuple[int, str, str], ...] = field(init=False)
    pair_rows: tuple[PairRow, ...] = field(init=False)
    force_fade: float = field(init=False)
    fear_at_zero_trust: float = field(init=False)
    stock_step: dict[str, float] = field(init=False)
    stock_keys: tuple[PairKey, ...] = field(init=False)
    principal_index: tuple[int, ...] = field(init=False)
    stock_rows: dict[str, dict[str | None, tuple[tuple[int, bool], ...]]] = field(init=False)
    outlook: dict[str, Outlook] = field(init=False)
    order_acts: dict[str, dict[tuple[str, str | None], Act | None]] = field(init=False)

    def __post_init__(self) -> None:
        # the derived tables (every field with init=False), built once by the functions below
        tables = _derived_tables(self)
        assert tables.keys() == _DERIVED, f"derived tables out of step: {tables.keys() ^ _DERIVED}"
        for name, value in tables.items():
            object.__setattr__(self, name, value)

    def retune(self, **changes: float) -> Rules:
        """A copy with some :class:`Params` changed and the per-instrument constants recomputed.

        Used by research sweeps and theory tests (e.g. vary distinguishability). ``cost_slope`` is
        not re-applied to likelihood ratios already derived from cost.

        Raises:
            TypeError: an unknown parameter name.
        """
        params = replace(self.params, **changes)  # type: ignore[arg-type]
        d = params.distinguishability
        instruments = {
            k: replace(
                i,
                evidence=evidence(i.category, i.likelihood_ratio, i.legibility, d, params.lr_ambiguous),
                perceived_offense=perceived_offense(
                    i.category, i.offense, i.legibility, d, params.offense_ambiguous
                ),
                hostility=act_hostility(i.category, i.goldstein, i.offense, i.legibility, d),
            )
            for k, i in self.instruments.items()
        }
        return Rules(
            scenario_id=self.scenario_id,
            params=params,
            actors=self.actors,
            instruments=instruments,
            alliances=self.alliances,
            alignments=self.alignments,
            events=self.events,
            wording=self.wording,
            opening=self.opening,
            rounds=self.rounds,
            initial_trust=self.initial_trust,
            prior_trust=self.prior_trust,
            start_date=self.start_date,
            round_days=self.round_days,
            round_label=self.round_label,
            principal_pairs=self.principal_pairs,
        )

    def with_actors(self, **changes_by_actor: dict[str, object]) -> Rules:
        """A copy with some actors' attributes replaced, e.g. ``with_actors(A={"hostility": 0.6})``."""
        actors = tuple(replace(a, **changes_by_actor.get(a.id, {})) for a in self.actors)  # type: ignore[arg-type]
        return replace_rules(self, actors=actors)

    def with_trust(self, trust: float, prior: float | None = None) -> Rules:
        """A copy where every directed pair starts at ``trust`` and relaxes toward ``prior`` (default: trust)."""
        initial = {pair: trust for pair in self.initial_trust}
        anchor = {pair: (trust if prior is None else prior) for pair in self.prior_trust}
        return replace_rules(self, initial_trust=initial, prior_trust=anchor)

    def date_of(self, round_: int) -> date:
        """Scenario date of a 1-based round (round 0 is the opening, a round before round 1)."""
        return self.start_date + timedelta(days=(round_ - 1) * self.round_days)

    def pair(self, a: str, b: str) -> tuple[str, str]:
        """The rival pair of ``a`` and ``b`` in actor order. Raises KeyError if they are aligned."""
        ids = self.actor_ids
        key = (a, b) if ids.index(a) < ids.index(b) else (b, a)
        self.pair_index[key]  # KeyError for an aligned pair
        return key

    def allied(self, a: str, b: str) -> bool:
        """True if ``a`` and ``b`` are in an alliance (an actor is not its own ally)."""
        return (a, b) in self.allied_pairs

    def aligned(self, a: str, b: str) -> bool:
        """True if ``a`` and ``b`` are allied or aligned partners."""
        return (a, b) in self.aligned_pairs

    def usable(self, actor: str, instrument: str) -> bool:
        """True if ``actor`` (an actor of the scenario) may order ``instrument``."""
        return instrument in self.usable_ids.get(actor, ())

    def catalogue(self, actor: str) -> list[Instrument]:
        """The instruments ``actor`` may use, in file order."""
        return [i for i in self.instruments.values() if not i.usable_by or actor in i.usable_by]


# --- the tables Rules derives from its scenario fields (Rules.__post_init__) -------------------

#: The names of the tables :class:`Rules` derives: its fields with ``init=False``, and
#: ``principal_pairs``, which it normalises (each pair in actor order; default every rival pair).
_DERIVED = frozenset(f.name for f in fields(Rules) if not f.init) | {"principal_pairs"}


#: A directed pair (i, j) of actor ids as :class:`Sight` holds it, to key the dicts the round
#: still keys by pair (an event card's shifts, the force stocks). Typed Any, not tuple[str, str],
#: for the compiled (mypyc) build: mypyc keeps a tuple-typed value unboxed and builds a new tuple
#: object at each dict look-up or store that uses it; an Any value stays the one tuple.
PairKey = Any


class Sight(NamedTuple):
    """What the round's belief update reads for one observer of one act (:attr:`Rules.sight`)."""

    observer: str
    #: (observer, maker): the key of the observer's belief about the maker
    pair: PairKey
    #: (maker, observer): the key of the maker's estimate of that belief
    reverse: PairKey
    #: the share w of the act's evidence the observer takes in (:attr:`Rules.evidence_weight`)
    weight: float
    #: instrument id → w·e'_i: the evidence it carries after the observer's attribution bias,
    #: times the weight (what seeing that instrument adds to ℓ_ij)
    evidence: dict[str, float]
    #: (1 − ρ)·ℓ0 of the pair: the pull of the prior each round
    relax: float


def _derived_tables(rules: Rules) -> dict[str, object]:
    """Every table :class:`Rules` derives from its scenario fields, by field name."""
    ids = [a.id for a in rules.actors]
    # who is allied or aligned with whom, and so who is rival to whom (§2)
    allied = frozenset((a, b) for a in ids for b in ids if a != b and frozenset((a, b)) in rules.alliances)
    aligned = allied | frozenset(
        (a, b) for a in ids for b in ids if a != b and frozenset((a, b)) in rules.alignments
    )
    nonallies = {a: tuple(b for b in ids if b != a and (a, b) not in aligned) for a in ids}
    tables: dict[str, object] = {
        "actor_ids": tuple(ids),
        "actor_by_id": {a.id: a for a in rules.actors},
        "others": {a: tuple(b for b in ids if b != a) for a in ids},
        "base_grievance": {a.id: a.grievance for a in rules.actors},
        "mu_star": mu_star(rules.params.offense_advantage),
        "round_weeks": rules.round_days / 7.0,
        "allied_pairs": allied,
        "aligned_pairs": aligned,
        "rival_pairs": tuple((a, b) for a in ids for b in ids if a != b and (a, b) not in aligned),
        "nonallies": nonallies,
        "watch": {
            a.id: tuple(sorted(a.rivals or nonallies[a.id] or [b for b in ids if b != a.id], key=ids.index))
            for a in rules.actors
        },
    }
    tables.update(_pair_tables(rules, ids, aligned))
    tables.update(_catalogue_tables(rules, ids))
    tables.update(_belief_tables(rules, ids, aligned))
    tables.update(_reach_tables(ids, aligned, nonallies))
    tables.update(_event_tables(rules.events))
    tables.update(_outcome_tables(rules, tables))
    tables.update(_doctrine_tables(rules, tables))
    tables.update(_order_tables(rules, ids))
    return tables


def _pair_tables(rules: Rules, ids: list[str], aligned: frozenset[tuple[str, str]]) -> dict[str, object]:
    """The rival pairs in actor order, the principal ones, and the pair each act falls in (§2, §8)."""
    pairs = tuple((a, b) for k, a in enumerate(ids) for b in ids[k + 1 :] if (a, b) not in aligned)
    pair_index = {pr: k for k, pr in enumerate(pairs)}
    principal = (
        tuple(sorted({tuple(sorted(pr, key=ids.index)) for pr in rules.principal_pairs}, key=pairs.index))
        if rules.principal_pairs
        else pairs
    )
    pair_of = {
        (i, t): (key if key in pair_index else None)
        for i in ids
        for t in [*ids, None]
        for key in [None if t is None or t == i else ((i, t) if ids.index(i) < ids.index(t) else (t, i))]
    }
    return {
        "pairs": pairs,
        "pair_index": pair_index,
        "principal_pairs": principal,
        "pair_of": pair_of,
    }


def _catalogue_tables(rules: Rules, ids: list[str]) -> dict[str, object]:
    """Who may use what, and what each instrument looks like to the doctrines and the news (§3, §4)."""
    instruments = rules.instruments
    usable = {
        a: frozenset(k for k, i in instruments.items() if not i.usable_by or a in i.usable_by) for a in ids
    }
    treaty_of = {
        a: next((k for k, i in instruments.items() if i.needs is Needs.COUNTERPART and k in usable[a]), None)
        for a in ids
    }
    threat_of = {
        k: 0.0 if (i.is_conciliatory or i.category is Category.HOLD) else max(i.perceived_offense, 0.05)
        for k, i in instruments.items()
    }
    misread_as = {
        a.id: {
            k: k
            if i.category is Category.HOLD  # nothing new to misread
            else (a.roles.misread_nonviolent_as if i.is_conciliatory else a.roles.misread_force_as)
            for k, i in instruments.items()
        }
        for a in rules.actors
    }
    return {
        "usable_ids": usable,
        "treaty_of": treaty_of,
        "conciliatory_ids": frozenset(k for k, i in instruments.items() if i.is_conciliatory),
        "offense_of": {k: i.perceived_offense for k, i in instruments.items()},
        "threat_of": threat_of,
        "misread_as": misread_as,
    }


def _belief_tables(rules: Rules, ids: list[str], aligned: frozenset[tuple[str, str]]) -> dict[str, object]:
    """Initial and prior beliefs, observer weights, biased evidence, and the belief update's
    rows by maker and target (§3)."""
    params = rules.params
    biased_evidence = {
        (actor.id, inst.id): biased(inst.evidence, actor.hostile_bias, actor.conciliatory_discount)
        for actor in rules.actors
        for inst in rules.instruments.values()
    }
    weights: dict[tuple[str, str, str | None], float] = {}
    for i in ids:
        for j in ids:
            if i == j:
                continue
            for t in [*ids, None]:
                if i == t or (t is not None and (i, t) in aligned):
                    weights[(i, j, t)] = 1.0  # the target and its partners
                elif (i, j) in aligned:
                    weights[(i, j, t)] = 0.0  # the maker's partners, at someone else
                else:
                    weights[(i, j, t)] = params.bystander_weight
    prior = {pair: logodds_of(t) for pair, t in rules.prior_trust.items()}
    lmax = params.logodds_max
    # an observer's weighted evidence by instrument, one table per (observer, weight) it reads with
    weighted = {
        (i, w): {k: biased_evidence[(i, k)] * w for k in rules.instruments}
        for i in ids
        for w in set(weights.values())
    }
    relax = 1.0 - params.memory
    sight = {
        j: {
            t: tuple(
                Sight(
                    observer=i,
                    pair=(i, j),
                    reverse=(j, i),
                    weight=weights[(i, j, t)],
                    evidence=weighted[(i, weights[(i, j, t)])],
                    relax=relax * prior[(i, j)],
                )
                for i in ids
                if i != j
            )
            for t in [*ids, None]
        }
        for j in ids
    }
    return {
        "biased_evidence": biased_evidence,
        "evidence_weight": weights,
        "prior_logodds": prior,
        "initial_logodds": {
            pair: max(-lmax, min(lmax, logodds_of(t))) for pair, t in rules.initial_trust.items()
        },
        "sight": sight,
    }


def _reach_tables(
    ids: list[str], aligned: frozenset[tuple[str, str]], nonallies: dict[str, tuple[str, ...]]
) -> dict[str, object]:
    """Whose directed hostility stock an act feeds (§5), and the shared key of each directed pair."""
    reach: dict[tuple[str, str | None], tuple[str, ...]] = {}
    t: str | None
    for i in ids:
        for t in [*ids, None]:
            if t == i:
                continue
            if t is None:
                reach[(i, t)] = nonallies[i]
            else:
                reach[(i, t)] = tuple(
                    j for j in ids if j != i and (j == t or (j, t) in aligned) and (i, j) not in aligned
                )
    directed = {(i, j): (i, j) for i in ids for j in ids if i != j}
    return {
        "hostility_reach": reach,
        "directed": directed,
        "reach_keys": {k: tuple(directed[(k[0], j)] for j in v) for k, v in reach.items()},
    }


def _order_tables(rules: Rules, ids: list[str]) -> dict[str, object]:
    """Every legal order of each actor and, where its instrument needs nobody, the act it makes:
    the round checks and resolves an order with one look-up (§1)."""
    order_acts: dict[str, dict[tuple[str, str | None], Act | None]] = {}
    for actor in ids:
        legal: dict[tuple[str, str | None], Act | None] = {}
        for k, inst in rules.instruments.items():
            if inst.usable_by and actor not in inst.usable_by:
                continue
            targets: list[str | None] = [t for t in ids if t != actor] if inst.targeted else [None]
            for t in targets:
                plain = inst.needs is Needs.NONE
                legal[(k, t)] = Act(maker=actor, ordered=k, instrument=k, target=t) if plain else None
        order_acts[actor] = legal
    return {"order_acts": order_acts}


def _event_tables(events: tuple[EventCard, ...]) -> dict[str, object]:
    """The cards scheduled for each round, and those drawn by chance."""
    at: dict[int, list[EventCard]] = {}
    for e in events:
        if e.round is not None:
            at.setdefault(e.round, []).append(e)
    return {
        "events_at": {k: tuple(v) for k, v in at.items()},
        "drawn_events": tuple(e for e in events if e.probability > 0.0 and e.round is None),
    }


class PairRow(NamedTuple):
    """One rival pair (a, b) as the round's outcome stages read it (:attr:`Rules.pair_rows`)."""

    #: (a, b), the key of the pair's tension and détente streak (a :data:`PairKey`, like these)
    pair: PairKey
    #: (a, b) and (b, a), :attr:`Rules.directed`'s shared keys
    ab: PairKey
    ba: PairKey
    #: where the fear terms of (a, b) and (b, a) sit in :attr:`Rules.fear_rows`
    fear_ab: int
    fear_ba: int
    #: the slots of μ_ab and μ_ba in :attr:`Rules.belief_layout`
    trust_ab: int
    trust_ba: int
    #: where H_a→b and H_b→a sit in :attr:`Rules.stock_keys`
    stock_ab: int
    stock_ba: int


def _outcome_tables(rules: Rules, tables: dict[str, object]) -> dict[str, object]:
    """The meter's and the pair tensions' rows, a round's fading of force stocks, and each
    actor's hostility stocks with what each instrument's act adds to them (§5-§6).

    Built once so that the round reads tuples in a fixed order instead of rebuilding keys: the
    meter sums its fear terms in :attr:`Rules.rival_pairs` order, and each pair tension adds the
    two of them that belong to its pair."""
    directed = cast(dict[tuple[str, str], tuple[str, str]], tables["directed"])
    rival_pairs = cast(tuple[tuple[str, str], ...], tables["rival_pairs"])
    pairs = cast(tuple[tuple[str, str], ...], tables["pairs"])
    reach = cast(dict[tuple[str, "str | None"], tuple[tuple[str, str], ...]], tables["reach_keys"])
    actors = cast(tuple[str, ...], tables["actor_ids"])
    nonallies = cast(dict[str, tuple[str, ...]], tables["nonallies"])
    layout = BeliefLayout(actors)
    slot = layout.slot
    stock_keys = tuple(key for i in actors for key in reach[(i, None)])
    stock = {key: k for k, key in enumerate(stock_keys)}
    principal = cast(tuple[tuple[str, str], ...], tables["principal_pairs"])
    fear_rows = tuple((slot[(i, j)], i, j) for i, j in rival_pairs)
    where = {(i, j): k for k, (i, j) in enumerate(rival_pairs)}
    pair_rows = tuple(
        PairRow(
            pair=pair,
            ab=directed[(pair[0], pair[1])],
            ba=directed[(pair[1], pair[0])],
            fear_ab=where[(pair[0], pair[1])],
            fear_ba=where[(pair[1], pair[0])],
            trust_ab=slot[(pair[0], pair[1])],
            trust_ba=slot[(pair[1], pair[0])],
            stock_ab=stock[(pair[0], pair[1])],
            stock_ba=stock[(pair[1], pair[0])],
        )
        for pair in pairs
    )
    # each actor's directed stocks H_i→j (those an act at no one feeds), and whether its act at
    # each target reaches them
    stock_rows = {
        i: {
            t: tuple((stock[key], key in reach[(i, t)]) for key in reach[(i, None)])
            for t in [*actors, None]
            if t != i
        }
        for i in actors
    }
    round_weeks = cast(float, tables["round_weeks"])
    persistence, drain = rules.params.hostility_persistence, rules.params.cooperative_drain
    return {
        "belief_layout": layout,
        "nonally_slots": {i: tuple((j, slot[(i, j)]) for j in nonallies[i]) for i in actors},
        "fear_rows": fear_rows,
        "pair_rows": pair_rows,
        "force_fade": rules.params.force_memory**round_weeks,
        "fear_at_zero_trust": fear_coefficient(rules.params, 0.0),
        "stock_keys": stock_keys,
        "principal_index": tuple(pairs.index(pair) for pair in principal),
        "stock_rows": stock_rows,
        "stock_step": {
            k: (1.0 - persistence) * i.hostility if i.hostility > 0 else drain * i.hostility
            for k, i in rules.instruments.items()
        },
    }


class Outlook(NamedTuple):
    """What one actor's AI doctrine reads of the rules every round (:attr:`Rules.outlook`).

    Every AI actor decides every round, and its doctrine, its view and its trembling hand all ask
    these same questions of the rules (docs/model.md §4); they are answered once here, per actor,
    so that a round's decisions are lookups rather than searches of the catalogue and alliances.
    """

    #: the actor's doctrine roles (:attr:`Actor.roles`)
    roles: Roles
    #: ids of the instruments it may use (:attr:`Rules.usable_ids`)
    usable: frozenset[str]
    #: the actors its doctrine watches (:attr:`Rules.watch`)
    watch: tuple[str, ...]
    #: targets whose acts it reads as aimed at itself: no one in particular (None) and itself
    own: frozenset[str | None]
    #: ``own`` and its aligned partners: an alliance shares threats and reassurance alike
    shared: frozenset[str | None]
    #: the treaty instrument it may offer (:attr:`Rules.treaty_of`), or None
    treaty: str | None
    #: its hold instrument (what an act aimed elsewhere reads as: nothing new toward it), or None
    held: Instrument | None
    #: the moves every type makes at times, that its trembling hand may give instead of its
    #: doctrine's order: talk, the defensive posture, a hold (those it may use, in that order)
    common: tuple[str, ...]
    #: target → instrument id → the order of that instrument at that target (at no one for an
    #: instrument that takes none), for every target and instrument: orders are immutable and
    #: every AI actor gives one every round, so they are made once, here
    orders: dict[str, dict[str, Order]]


def _doctrine_tables(rules: Rules, tables: dict[str, object]) -> dict[str, object]:
    """Each actor's :class:`Outlook` (§4), gathered from the tables derived before it."""
    aligned = cast(frozenset[tuple[str, str]], tables["aligned_pairs"])
    watch = cast(dict[str, tuple[str, ...]], tables["watch"])
    usable_ids = cast(dict[str, frozenset[str]], tables["usable_ids"])
    treaty_of = cast(dict[str, "str | None"], tables["treaty_of"])
    ids = cast(tuple[str, ...], tables["actor_ids"])
    outlook: dict[str, Outlook] = {}
    for actor in rules.actors:
        me = actor.id
        roles = actor.roles
        usable = usable_ids[me]
        own: frozenset[str | None] = frozenset((None, me))
        outlook[me] = Outlook(
            roles=roles,
            usable=usable,
            watch=watch[me],
            own=own,
            shared=own | frozenset(b for (a, b) in aligned if a == me),
            treaty=treaty_of[me],
            held=rules.instruments[roles.hold] if roles.hold is not None else None,
            common=tuple(
                i for i in (roles.talk, roles.defensive, roles.hold) if i is not None and i in usable
            ),
            orders={
                target: {k: Order(k, target if i.targeted else None) for k, i in rules.instruments.items()}
                for target in ids
            },
        )
    return {"outlook": outlook}


# --- the perception model's closed forms (docs/model.md §3, §3.7) -------------------------------


def likelihood_ratio(category: Category, cost: float, given: float | None, cost_slope: float) -> float:
    """LR = P(act | greedy) / P(act | security seeker) (> 0).

    A given LR wins; otherwise a nonviolent act's LR is exp(-k_c·cost) (Kydd 2005: costly signals
    separate types) and any other act's is 1.
    """
    if given is not None:
        return given
    if category is Category.NONVIOLENT:
        return math.exp(-cost_slope * cost)
    return 1.0


def evidence(
    category: Category, lr: float, legibility: float, distinguishability: float, lr_ambiguous: float
) -> float:
    """Log-likelihood ratio for "the maker is greedy" carried by one act, before attribution bias.

    Force acts: e = d_eff·ln(LR) + (1 − d_eff)·ln(max(LR, LR_amb)), with d_eff = d·q, so in an
    indistinguishable world every show of force reads at least as an ambiguous military move
    (the spiral mechanism, Jervis 1976/1978; Kydd 2005). Other acts: e = ln(LR).
    Source: docs/model.md §3.
    """
    if category.is_force:
        d_eff = distinguishability * legibility
        return d_eff * math.log(lr) + (1.0 - d_eff) * math.log(max(lr, lr_ambiguous))
    return math.log(lr)


def biased(e: float, hostile_bias: float, conciliatory_discount: float) -> float:
    """Apply attribution bias: hostile evidence ×(1+η), conciliatory evidence ×(1−κ).

    Sources: Mercer 1996 (dispositional attribution of hostile acts), Ross & Stillinger 1991
    (reactive devaluation); magnitudes are design choices (docs/model.md §3).
    """
    if e > 0:
        return (1.0 + hostile_bias) * e
    if e < 0:
        return (1.0 - conciliatory_discount) * e
    return 0.0


def perceived_offense(
    category: Category,
    offense: float,
    legibility: float,
    distinguishability: float,
    offense_ambiguous: float,
) -> float:
    """õ in [0, 1]: how offensive an act looks, õ = d_eff·o + (1 − d_eff)·max(o, o_amb) for force.

    Nonviolent and verbal acts look as offensive as they are (o). Source: docs/model.md §3 [D].
    """
    if category.is_force:
        d_eff = distinguishability * legibility
        return d_eff * offense + (1.0 - d_eff) * max(offense, offense_ambiguous)
    return offense


def act_hostility(
    category: Category, goldstein: float, offense: float, legibility: float, distinguishability: float
) -> float:
    """h in [-1, 1]: an act's contribution to its maker's hostility stock (docs/model.md §6 [D]).

    Force: (max(0, −G)/10)·[(1 − d_eff) + d_eff·o], so a legible defence looks mild. Verbal
    conflict: max(0, −G)/10. Cooperative: −max(0, G)/10 (negative = calming).
    """
    if category.is_force:
        d_eff = distinguishability * legibility
        return (max(0.0, -goldstein) / 10.0) * ((1.0 - d_eff) + d_eff * offense)
    if category is Category.VERBAL_CONFLICT:
        return max(0.0, -goldstein) / 10.0
    if category is Category.HOLD:
        return 0.0
    return -max(0.0, goldstein) / 10.0


def mu_star(offense_advantage: float) -> float:
    """Minimum trust at which a security seeker cooperates: μ*(ω) = 3ω/(1 + 3ω).

    From security-seeker payoffs (R, T, P, S) = (4, 3, 2, 2 − 3ω): μ* = (P−S)/((R−T)+(P−S)).
    Offense dominance raises the trust needed to cooperate (Jervis 1978; Kydd 2005). docs/model.md §7-§8.
    """
    return 3.0 * offense_advantage / (1.0 + 3.0 * offense_advantage)


def fear_coefficient(params: Params, trust: float) -> float:
    """k_eff = k0·(1 − μ_ij)·(0.5 + ω): how strongly i's capability answers j's, given i's trust μ_ij
    in j (the Richardson reaction coefficient coupled to distrust and offense advantage; Richardson
    1960, coupling [D]; docs/model.md §5). Above ``richardson_a`` the arms race feeds on itself."""
    return params.richardson_k0 * (0.5 + params.offense_advantage) * (1.0 - trust)


def trust_of(logodds_greedy: float) -> float:
    """Trust μ = P(security seeker) in (0, 1) from the log-odds of greed ℓ: μ = 1/(1 + e^ℓ)."""
    return 1.0 / (1.0 + math.exp(logodds_greedy))


def logodds_of(trust: float) -> float:
    """Log-odds of greed ℓ = ln((1 − μ)/μ) from a trust μ in (0, 1). Raises ValueError at 0 or 1."""
    if not 0.0 < trust < 1.0:
        raise ValueError(f"trust must be in (0, 1), got {trust}")
    return math.log((1.0 - trust) / trust)


def replace_rules(rules: Rules, **changes: object) -> Rules:
    """A copy of ``rules`` with some constructor fields replaced (derived tables rebuilt)."""
    fields = {
        "scenario_id": rules.scenario_id,
        "params": rules.params,
        "actors": rules.actors,
        "instruments": rules.instruments,
        "alliances": rules.alliances,
        "alignments": rules.alignments,
        "events": rules.events,
        "wording": rules.wording,
        "opening": rules.opening,
        "rounds": rules.rounds,
        "initial_trust": rules.initial_trust,
        "prior_trust": rules.prior_trust,
        "start_date": rules.start_date,
        "round_days": rules.round_days,
        "round_label": rules.round_label,
        "principal_pairs": rules.principal_pairs,
    }
    fields.update(changes)
    return Rules(**fields)  # type: ignore[arg-type]
