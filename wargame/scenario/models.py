"""The scenario file format: pydantic v2 models of a TOML scenario under ``scenarios/``.

Every field's docstring is its user documentation: it reaches the JSON Schema
(``wargame schema scenario``) as the field's description. Ranges are enforced here, so the engine
can trust what it is given. Defaults follow ``docs/model.md`` §9 (design choices).
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
import string
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, GetJsonSchemaHandler, model_validator
from pydantic.json_schema import JsonSchemaValue

from wargame.engine.rules import Params
from wargame.errors import did_you_mean

Probability = Annotated[float, Field(ge=0.0, le=1.0)]
OpenProbability = Annotated[float, Field(gt=0.0, lt=1.0)]
Identifier = Annotated[str, Field(pattern=r"^[A-Za-z][A-Za-z0-9_\-]*$", max_length=40)]

#: Placeholders a news template may use.
TEMPLATE_FIELDS = frozenset(
    {
        "actor",
        "actor_name",
        "capital",
        "media",
        "target",
        "target_name",
        "target_capital",
        "observer",
        "observer_name",
        "observer_capital",
        "observer_media",
        "instrument",
    }
)


def _check_template(text: str, where: str = "") -> str:
    at = f"{where}: " if where else ""
    try:
        parts = list(string.Formatter().parse(text))
    except ValueError as exc:
        raise ValueError(f"{at}{exc} in {text!r} (write a literal brace as {{{{ or }}}})") from None
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if name not in TEMPLATE_FIELDS:
            raise ValueError(
                f"{at}unknown placeholder {{{name}}}; expected one of "
                + ", ".join("{" + f + "}" for f in sorted(TEMPLATE_FIELDS))
            )
        if spec or conversion:
            raise ValueError(f"{at}placeholder {{{name}}} takes no conversion or format spec")
    return text


@functools.cache
def goldstein_table() -> dict[str, float]:
    """CAMEO event code → Goldstein weight, GDELT's lookup (``wargame/data/cameo-goldstein.tsv``,
    311 codes; Goldstein 1992, as tabulated by the GDELT project)."""
    table: dict[str, float] = {}
    text = (Path(__file__).resolve().parent.parent / "data" / "cameo-goldstein.tsv").read_text()
    for line in text.splitlines()[1:]:
        code, _, weight = line.partition("\t")
        if code.strip():
            table[code.strip()] = float(weight)
    return table


Template = Annotated[str, Field(min_length=1, max_length=400)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class Source(_Model):
    """One source of the scenario's facts (``[[scenario.sources]]``), cited by id."""

    id: Identifier
    """Short id that instruments cite with ``source``, e.g. ``C1``."""
    citation: str = Field(min_length=1, max_length=400)
    """Author, title, publisher and date, as a reader would look it up."""
    url: str | None = Field(default=None, max_length=400)
    """Where to read it, if it is online."""
    note: str = Field(default="", max_length=400)
    """What it supports here, or how far to trust it (e.g. "an educational summary")."""


class ScenarioInfo(_Model):
    """Identity and framing of the scenario."""

    id: Identifier
    """Stable id used on the command line and in records, e.g. ``korea-2022``."""
    title: str = Field(min_length=1, max_length=120)
    """Display title."""
    year: int = Field(ge=1800, le=2100)
    """Year the crisis took place."""
    summary: str = Field(min_length=1, max_length=2000)
    """A paragraph shown on the setup screen."""
    start_date: dt.date
    """Scenario date of round 1 (ISO date)."""
    round_days: int = Field(default=7, ge=1, le=366)
    """Length of one round in days (7: a round is a week)."""
    round_label: str | None = Field(default=None, min_length=1, max_length=20)
    """What a round is called in the news and on screen ("Week", "Day"); default: "Week" for 7-day
    rounds, "Day" for 1-day rounds, else "Round"."""
    sources: list[Source | str] = Field(min_length=1)
    """Where the facts come from. At least one. Each is a ``[[scenario.sources]]`` table (an ``id``
    that instruments cite with ``source``, a ``citation`` and a ``url``), or, in an older file, a
    plain string (a citation nothing can cite)."""
    compatible_sha256: list[Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]] = []
    """SHA-256 hashes of earlier versions of this file that play exactly the same games (the
    change was to wording only, say). Records pin the hash of the file they were made with;
    records made with a version listed here still load (and are saved with the new hash).
    Check the claim with ``wargame replay --check`` on records made with the old version."""
    principal_pairs: list[Annotated[list[Identifier], Field(min_length=2, max_length=2)]] = Field(
        default_factory=list
    )
    """The rival pairs whose fate decides the game's headline outcome: the crisis's adversarial
    dyads, e.g. ``[["DPRK", "USA"], ["DPRK", "ROK"]]``. Each pair names two different actors that
    share no alliance or alignment, and no pair is named twice (in either order). Empty: every
    rival pair."""


@functools.cache
def behavioural_constants() -> frozenset[str]:
    """Names of the model's behavioural constants (:class:`~wargame.engine.rules.Params` fields
    that are not :class:`World` fields): the same in every scenario, so no scenario file may set one."""
    return frozenset(Params.__dataclass_fields__) - frozenset(World.model_fields)


def explain_unknown_field(loc: tuple[str | int, ...]) -> str | None:
    """Why a field a scenario file may not have is refused: a behavioural constant of the model
    set in ``[world]``, or "unknown field" with the nearest field of that table for a misspelling
    (``world.round: unknown field, did you mean 'rounds'?``)."""
    if len(loc) == 2 and loc[0] == "world" and loc[1] in behavioural_constants():
        return (
            "a behavioural constant of the model (docs/model.md §9), the same in every scenario; "
            "a [world] table may set only " + ", ".join(World.model_fields)
        )
    model = model_at(loc[:-1])
    if model is None or not loc:
        return None
    near = did_you_mean(str(loc[-1]), model.model_fields)
    if near:
        return "unknown field, " + near.removeprefix("; ")
    return "unknown field; expected one of " + ", ".join(model.model_fields)


def model_at(loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model class of the table at ``loc`` in a scenario file (``("instruments", 3)`` →
    :class:`InstrumentModel`), or None when ``loc`` is not a table of the format."""
    model: type[BaseModel] = Scenario
    for part in loc:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(str(part))
        if field is None:
            return None
        inner = _table_type(field.annotation)
        if inner is None:
            return None
        model = inner
    return model


def _table_type(annotation: object) -> type[BaseModel] | None:
    """The model inside an annotation (``list[X]``, ``X | None``, ``dict[str, X]``), if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _table_type(arg)
        if found is not None:
            return found
    return None


#: Lists of tables named in messages by a key of each entry rather than by position.
_KEYED = {
    "actors": "id",
    "instruments": "id",
    "events": "id",
    "alliances": "id",
    "sources": "id",
    "goals": "id",
}


def scenario_place(raw: object, loc: tuple[str | int, ...]) -> str:
    """A field path in the words of a message: an instrument, actor, event or alliance by its id
    (``instruments[missile_test].goldstein``), a belief by its pair (``beliefs[A→B].trust``), any
    other list entry by position (``opening.2.target``)."""
    out = ""
    node = raw
    prev: str | int | None = None
    for part in loc:
        if isinstance(node, dict) and part not in node and node.get("kind") == part:
            continue  # a tagged union's tag (a goal's kind): not a place in the file
        entry = node[part] if isinstance(node, list) and isinstance(part, int) and part < len(node) else None
        if isinstance(node, dict):
            entry = node.get(part)
        label = None
        if isinstance(part, int) and isinstance(node, list) and isinstance(entry, dict):
            if prev in _KEYED and isinstance(entry.get(_KEYED[str(prev)]), str):
                label = entry[_KEYED[str(prev)]]
            elif (
                prev == "beliefs"
                and isinstance(entry.get("observer"), str)
                and isinstance(entry.get("subject"), str)
            ):
                label = f"{entry['observer']}→{entry['subject']}"
        if label is not None and IDENTIFIER.fullmatch(label.replace("→", "")):
            out += f"[{label}]"
        else:
            out += ("." if out else "") + str(part)
        node, prev = entry, part
    return out


IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9_\-]{0,79}")

#: The engine's defaults, which a ``[world]`` table's fields take when left out.
_ENGINE = Params()


class World(_Model):
    """The scenario's world (docs/model.md §2): the offense-defense balance, how well postures can be
    told apart, how often acts are misread, and the round limit. Every other parameter of the model
    is a behavioural constant, the same in every scenario (docs/model.md §9); a ``[world]`` table
    that sets one is refused."""

    # Each field but ``rounds`` is the engine's Params field of the same name, with its default:
    # adding a world parameter is adding it here and to Params; params() hands them over by name
    # (compile_rules), and tests/scenario/test_bundled.py ties the two.

    offense_advantage: Probability = _ENGINE.offense_advantage
    """ω in [0, 1]: offense-defense balance; 0.5 neutral, 1 = attack dominates (Jervis 1978)."""
    distinguishability: Probability = _ENGINE.distinguishability
    """d in [0, 1]: how well offensive and defensive postures can be told apart (Jervis 1978)."""
    perception_noise: Probability = _ENGINE.perception_noise
    """ε in [0, 1]: probability that an observer misreads an act (stochastic mode only)."""
    rounds: int = Field(default=24, ge=1, le=500)
    """Round limit; reaching it ends the game in stalemate."""

    def params(self) -> dict[str, Any]:
        """The engine parameters this table sets, by their :class:`~wargame.engine.rules.Params` names."""
        return self.model_dump(exclude={"rounds"})


def _known_doctrine(name: str) -> str:
    known = _DoctrineEnum.choices()
    if name not in known:
        raise ValueError(
            f"unknown doctrine {name!r}{did_you_mean(name, known)}; expected one of {', '.join(known)}"
        )
    return name


class _DoctrineEnum:
    """The JSON Schema of a doctrine name: an enum of the engine's registry as it is when the
    schema is made (the registry, :data:`wargame.engine.doctrines.DOCTRINES`, is the one list)."""

    @staticmethod
    def choices() -> list[str]:
        from wargame.engine.doctrines import DOCTRINES

        return list(DOCTRINES)

    def __get_pydantic_json_schema__(self, core: Any, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        schema = handler(core)
        schema["enum"] = self.choices()
        return schema


#: A doctrine name, validated against the engine's registry of doctrines (no list of its own).
DoctrineName = Annotated[str, AfterValidator(_known_doctrine), _DoctrineEnum()]


class Roles(_Model):
    """Which instruments the generic doctrines of docs/model.md §4 use."""

    talk: Identifier
    """Tier-0 conciliation: cheap talk (``TALK``)."""
    conciliation: list[Identifier] = Field(min_length=4, max_length=4)
    """Tiers 0-3 of conciliation, cheapest first (talk, scale down a drill, relief, halt exercises)."""
    defensive: Identifier
    """The most legible show of force (``DEF_POSTURE``)."""
    hawk_ladder: list[Identifier] = Field(min_length=4, max_length=4)
    """The hawk's four rungs (drill, missile test, artillery, limited strike)."""
    greedy_ladder: list[Identifier] = Field(min_length=4, max_length=4)
    """The greedy opportunist's four rungs (talk, missile test, artillery, limited strike)."""
    misread_force_as: Identifier
    """What a misread show of force looks like (noise flip; usually talk)."""
    misread_nonviolent_as: Identifier
    """What a misread nonviolent act looks like (noise flip; usually the defensive posture)."""
    hold: Identifier | None = None
    """The status-quo move: an instrument of category ``hold`` (keep the present posture, no new
    move). Leave it out when the catalogue has none; the doctrines then use ``talk`` instead."""


class RolesOverride(_Model):
    """Per-actor replacement of some doctrine roles (for an actor whose catalogue differs)."""

    talk: Identifier | None = None
    """See :class:`Roles`."""
    conciliation: list[Identifier] | None = Field(default=None, min_length=4, max_length=4)
    """See :class:`Roles`."""
    defensive: Identifier | None = None
    """See :class:`Roles`."""
    hawk_ladder: list[Identifier] | None = Field(default=None, min_length=4, max_length=4)
    """See :class:`Roles`."""
    greedy_ladder: list[Identifier] | None = Field(default=None, min_length=4, max_length=4)
    """See :class:`Roles`."""
    hold: Identifier | None = None
    """See :class:`Roles`."""


class ActorModel(_Model):
    """A state (or bloc) in the scenario."""

    id: Identifier
    """Common short name, e.g. DPRK, ROK, USA, JPN, PRC."""
    name: str = Field(min_length=1, max_length=80)
    """Display name."""
    article: Literal["", "the"] = ""
    """"the" when running text puts it before the name ("sanctions against the US"; a headline
    that opens with the name reads "The US ..."), else empty."""
    capital: str = Field(min_length=1, max_length=40)
    """Capital city; the news log speaks of "Pyongyang's reading"."""
    media: str = Field(min_length=1, max_length=60)
    """State media or main outlet that voices its readings (KCNA, Yonhap, ...)."""
    aims: list[str] = Field(min_length=1)
    """What it wants (shown in setup and briefings)."""
    fears: list[str] = Field(min_length=1)
    """What it fears."""
    prior_security_seeker: Probability = 1.0
    """Prior probability in [0, 1] that its hidden type is security seeker (else greedy)."""
    capability: float = Field(default=1.0, gt=0.0)
    """Initial capability index K (Richardson x), in units where 1.0 is the reference posture."""
    hostility: Probability = 0.0
    """Initial hostility stock H in [0, 1] (a hot start is about 0.6)."""
    grievance: float = Field(default=0.05, ge=-1.0, le=1.0)
    """Richardson grievance g (negative = goodwill)."""
    doctrine: DoctrineName = "bayesian_security_seeker"
    """AI doctrine used when its hidden type is security seeker."""
    greedy_doctrine: DoctrineName = "greedy_opportunist"
    """AI doctrine used when its hidden type is greedy."""
    hostile_bias: float = Field(default=0.2, ge=0.0, le=5.0)
    """η: amplification of hostile evidence (dispositional attribution; Mercer 1996)."""
    conciliatory_discount: float = Field(default=0.3, ge=0.0, lt=1.0)
    """κ: discount of conciliatory evidence (reactive devaluation; Ross & Stillinger 1991)."""
    rivals: list[Identifier] = Field(default_factory=list)
    """Actors its AI watches and targets; empty means every non-ally."""
    roles: RolesOverride | None = None
    """Replacement doctrine roles for this actor."""
    playable: bool = True
    """Whether a human may take this side."""


class Belief(_Model):
    """The initial belief of one actor about another (a directed pair)."""

    observer: Identifier
    """Who holds the belief."""
    subject: Identifier
    """Whom it is about."""
    trust: OpenProbability
    """Initial trust μ in (0, 1): the observer's probability that the subject is a security seeker."""
    prior: OpenProbability | None = None
    """Trust the belief relaxes toward (memory ρ < 1); defaults to ``trust``."""


class Alliance(_Model):
    """An alliance or alignment: members do not read each other's acts aimed at third parties as
    threats, take an act aimed at one as aimed at all, and are not rivals; with ``combined_acts``
    they can also make combined acts."""

    id: Identifier
    """Identifier, e.g. ``us-rok``."""
    name: str = Field(min_length=1, max_length=80)
    """Display name."""
    members: list[Identifier] = Field(min_length=2)
    """Member actor ids."""
    combined_acts: bool = True
    """Whether members can make combined acts (a US-ROK drill). False: an alignment or a treaty
    alliance that does not exercise together; members still share threats and do not read each
    other's acts at third parties as threats."""


Cameo = Annotated[str, Field(pattern=r"^[0-9]{2,4}$")]
RiveraClass = Literal[
    "deescalation", "status_quo", "posturing", "nonviolent_escalation", "violent_escalation", "nuclear"
]


class Wording(_Model):
    """News wording for an instrument, from each perspective.

    Templates may use ``{actor}``, ``{actor_name}``, ``{capital}``, ``{media}``, ``{target}``,
    ``{target_name}``, ``{target_capital}``, ``{observer}``, ``{observer_name}``,
    ``{observer_capital}``, ``{observer_media}`` and ``{instrument}``.
    """

    headline: Template
    """Neutral, world-press description of the act."""
    frame: Template
    """The maker's own framing (default for every maker)."""
    hostile: Template
    """An observer's reading when the act looks offensive (õ ≥ 0.5) or hostile."""
    neutral: Template
    """An observer's reading when it does not."""
    frames: dict[Identifier, Template] = Field(default_factory=dict)
    """Per-maker framing overrides, keyed by actor id."""
    readings: dict[Identifier, Template] = Field(default_factory=dict)
    """Per-observer hostile-reading overrides, keyed by actor id."""

    @model_validator(mode="after")
    def _templates(self) -> Wording:
        named = [
            ("headline", self.headline),
            ("frame", self.frame),
            ("hostile", self.hostile),
            ("neutral", self.neutral),
        ]
        named += [(f"frames.{k}", v) for k, v in self.frames.items()]
        named += [(f"readings.{k}", v) for k, v in self.readings.items()]
        for where, text in named:
            _check_template(text, where)
        return self


class InstrumentModel(_Model):
    """One instrument: a show of force or a nonviolent instrument (docs/model.md §3, §3.3)."""

    id: Identifier
    """Identifier used in orders, e.g. ``combined_drill``."""
    name: str = Field(min_length=1, max_length=60)
    """Display name."""
    description: str = Field(default="", max_length=600)
    """One or two sentences for the picker."""
    category: Literal["show_of_force", "use_of_force", "verbal_conflict", "nonviolent", "hold"]
    """Kind: show of force, use of force, verbal conflict, nonviolent instrument, or ``hold`` (keep
    the present posture; no new move: it carries no evidence and no hostility, so it must have
    likelihood ratio 1, a CAMEO code of Goldstein weight 0, no cost, offense, capability or
    grievance change, no MID action, MID level 1, Kahn rung 0, Rivera class ``status_quo``, no
    target and no need)."""
    cameo: Cameo
    """Primary CAMEO event code (2-4 digits, as a string)."""
    cameo_hostile: Cameo | None = None
    """The code an adversary's media would use for the same act."""
    goldstein: float | None = Field(default=None, ge=-10.0, le=10.0)
    """Goldstein weight of ``cameo`` in [-10, +10]. Leave it out to take it from GDELT's lookup;
    when given, it must equal the lookup (so a reader of the file sees the weight)."""
    mid_action: int | None = Field(default=None, ge=0, le=21)
    """COW-MID action code 0-21, or none for non-militarised acts."""
    mid_level: int = Field(default=1, ge=1, le=5)
    """COW-MID hostility level 1-5 (1 none, 2 threat, 3 display, 4 use of force, 5 war)."""
    kahn_rung: int = Field(default=0, ge=0, le=44)
    """Rung on Kahn's 44-rung escalation ladder (0 = below the ladder)."""
    rivera: RiveraClass
    """Rivera et al. (2024) escalation class."""
    offense: Probability = 0.0
    """o in [0, 1]: the true share of the act usable for attack."""
    legibility: Probability = 1.0
    """q in [0, 1]: how visibly defensive the act can be made."""
    likelihood_ratio: float | None = Field(default=None, gt=0.0, le=1000.0)
    """LR = P(act|greedy)/P(act|security seeker); omitted for nonviolent acts means exp(-k_c·cost)."""
    cost: float = Field(default=0.0, ge=0.0, le=10.0)
    """Material and political cost (drives a nonviolent act's LR)."""
    capability_delta: float = Field(default=0.0, ge=-5.0, le=5.0)
    """ΔK for the maker."""
    grievance_delta: float = Field(default=0.0, ge=-1.0, le=1.0)
    """Change to the target's Richardson grievance."""
    needs: Literal["none", "ally", "counterpart"] = "none"
    """``ally``: a combined act needing an ally's same order; ``counterpart``: a treaty needing the target's signature."""
    fallback: Identifier | None = None
    """Instrument used instead when the need is unmet (required when ``needs`` is not none)."""
    proposes: Identifier | None = None
    """Id of a treaty instrument this act proposes; the target may sign it next round."""
    targeted: bool = True
    """Whether the order names a target actor."""
    usable_by: list[Identifier] = Field(default_factory=list)
    """Actor ids that may use it; empty means all."""
    tier: int | None = Field(default=None, ge=0, le=3)
    """Conciliation tier 0-3 (for display and the reciprocating doctrines)."""
    source: Identifier | None = None
    """Id of the ``[[scenario.sources]]`` entry that supports it: the act in this crisis or, for a
    move the crisis did not see, its coding. ``wargame lint`` warns about an instrument that cites
    none."""
    player_only: bool = False
    """A move left to human players (and history replays): no role names it, so no AI doctrine
    uses it, and ``wargame lint`` does not warn about that."""
    wording: Wording
    """News wording."""

    @model_validator(mode="after")
    def _consistency(self) -> InstrumentModel:
        if self.needs != "none" and self.fallback is None:
            raise ValueError(f"fallback: needs = {self.needs!r} requires a fallback instrument")
        if self.needs == "counterpart" and not self.targeted:
            raise ValueError(
                'targeted: a treaty (needs = "counterpart") is signed with a target; it must be targeted'
            )
        if (
            self.category in ("show_of_force", "use_of_force", "verbal_conflict")
            and self.likelihood_ratio is None
        ):
            raise ValueError(
                f"likelihood_ratio: a {self.category} instrument needs one "
                "(P(act | greedy) / P(act | security seeker): the evidence the act carries)"
            )
        if self.fallback == self.id:
            raise ValueError(f"fallback: {self.id!r} cannot fall back on itself")
        table = goldstein_table()
        if self.cameo not in table:
            raise ValueError(
                f"cameo: {self.cameo!r} is not a CAMEO event code in GDELT's lookup "
                f"(wargame/data/cameo-goldstein.tsv){did_you_mean(self.cameo, table)}"
            )
        if self.cameo_hostile is not None and self.cameo_hostile not in table:
            raise ValueError(
                f"cameo_hostile: {self.cameo_hostile!r} is not a CAMEO event code in GDELT's lookup "
                f"(wargame/data/cameo-goldstein.tsv){did_you_mean(self.cameo_hostile, table)}"
            )
        weight_field = "cameo" if self.goldstein is None else "goldstein"
        if self.goldstein is None:  # frozen model: fill in the lookup's weight once, here
            object.__setattr__(self, "goldstein", table[self.cameo])
        elif self.goldstein != table[self.cameo]:
            raise ValueError(
                f"goldstein: {self.goldstein} is not the Goldstein weight of CAMEO {self.cameo} "
                f"({table[self.cameo]}, GDELT lookup)"
            )
        if self.category == "hold":
            self._hold_rules()
        else:
            self._category_rules(weight_field)
        return self

    def _category_rules(self, weight_field: str) -> None:
        """The vocabularies agree with the category (docs/model.md §3): a nonviolent act has a
        cooperative CAMEO code (Goldstein > 0) and no militarised action (MID level 1); a show of
        force is a display of force (MID level 3) with a conflictual code (Goldstein < 0); a use
        of force is MID level 4-5; verbal conflict is conflictual talk (Goldstein < 0, MID level
        1-2). The likelihood ratio points the same way: a nonviolent act is no evidence of greed
        (LR ≤ 1), verbal conflict no evidence of restraint (LR ≥ 1), a use of force evidence of
        greed (LR > 1)."""
        g = self.goldstein
        assert g is not None
        weight = f"CAMEO {self.cameo} has Goldstein weight {g:+.1f} (GDELT lookup)"
        lr = self.likelihood_ratio
        if self.category == "nonviolent":
            if g <= 0:
                raise ValueError(
                    f"{weight_field}: {weight}; a nonviolent instrument needs a cooperative code, "
                    'Goldstein > 0 (e.g. "036" intent to negotiate +4.0, "087" de-escalate +9.0)'
                )
            if self.mid_level != 1:
                raise ValueError(
                    f"mid_level: a nonviolent instrument is no militarised act; MID level must be 1 "
                    f"(got {self.mid_level})"
                )
            if lr is not None and lr > 1.0:
                raise ValueError(
                    f"likelihood_ratio: {lr} > 1 would make a nonviolent act evidence of greed; "
                    "expected ≤ 1 (or leave it out: LR = exp(-1.2·cost))"
                )
        elif self.category == "show_of_force":
            if self.mid_level != 3:
                raise ValueError(
                    f"mid_level: a show of force is a display of force, MID level 3 (got {self.mid_level}); "
                    "a threat is verbal_conflict (MID 2), a use of force is use_of_force (MID 4-5)"
                )
            if g >= 0:
                raise ValueError(
                    f"{weight_field}: {weight}; a show of force needs a conflictual code, Goldstein < 0 "
                    '(e.g. "150" demonstrate military power -7.2, "152" alert -7.2, "154" mobilize -7.2)'
                )
        elif self.category == "use_of_force":
            if self.mid_level < 4:
                raise ValueError(
                    f"mid_level: a use of force is MID level 4 (use of force) or 5 (war) (got {self.mid_level})"
                )
            if g >= 0:
                raise ValueError(
                    f"{weight_field}: {weight}; a use of force needs a conflictual code, Goldstein < 0 "
                    '(e.g. "190" use conventional military force -10.0)'
                )
            if lr is not None and lr <= 1.0:
                raise ValueError(
                    f"likelihood_ratio: a use of force is evidence of greed; expected > 1 (got {lr})"
                )
        elif self.category == "verbal_conflict":
            if self.mid_level > 2:
                raise ValueError(
                    f"mid_level: verbal conflict is at most a threat, MID level 1 or 2 (got {self.mid_level}); "
                    "a display of force is show_of_force"
                )
            if g >= 0:
                raise ValueError(
                    f"{weight_field}: {weight}; verbal conflict needs a conflictual code, Goldstein < 0 "
                    '(e.g. "111" criticize -2.0, "138" threaten force -7.0)'
                )
            if lr is not None and lr < 1.0:
                raise ValueError(
                    f"likelihood_ratio: {lr} < 1 would make verbal conflict evidence of restraint; "
                    "expected ≥ 1"
                )
        if self.tier is not None and self.category != "nonviolent":
            raise ValueError(
                f"tier: only a nonviolent instrument has a conciliation tier (this one is {self.category})"
            )

    def _hold_rules(self) -> None:
        """A hold keeps the present posture: no evidence (LR 1), no hostility (Goldstein 0), no
        material effect, below every escalation ladder, aimed at no one."""
        rules: list[tuple[str, object, object, str]] = [
            ("likelihood_ratio", self.likelihood_ratio, 1.0, "1 (or left out): a hold is no evidence"),
            ("goldstein", self.goldstein, 0.0, 'that of a CAMEO code of weight 0 (e.g. "010")'),
            ("cost", self.cost, 0.0, "0"),
            ("offense", self.offense, 0.0, "0"),
            ("capability_delta", self.capability_delta, 0.0, "0"),
            ("grievance_delta", self.grievance_delta, 0.0, "0"),
            ("mid_action", self.mid_action, None, "left out: a hold is no militarised act"),
            ("mid_level", self.mid_level, 1, "1 (no militarised action)"),
            ("kahn_rung", self.kahn_rung, 0, "0 (below the ladder)"),
            ("rivera", self.rivera, "status_quo", '"status_quo"'),
            ("targeted", self.targeted, False, "false: a hold is aimed at no one"),
            ("needs", self.needs, "none", '"none"'),
            ("fallback", self.fallback, None, "left out"),
            ("proposes", self.proposes, None, "left out"),
            ("tier", self.tier, None, "left out: a hold is no conciliation"),
        ]
        for name, value, want, say in rules:
            if value is None and name == "likelihood_ratio":
                continue
            if value != want:
                raise ValueError(
                    f"{name}: a hold instrument keeps the present posture and makes no new move; "
                    f"its {name} must be {say} (got {value!r})"
                )


class EventEffects(_Model):
    """What an event card does."""

    hostility: dict[Identifier, float] = Field(default_factory=dict)
    """Change to each named actor's hostility stock (clipped to [0, 1])."""
    capability: dict[Identifier, float] = Field(default_factory=dict)
    """Change to each named actor's capability."""
    evidence: list[EvidenceShift] = Field(default_factory=list)
    """Shifts of beliefs: positive evidence raises the observer's log-odds that the subject is greedy."""
    tension_floor: float = Field(default=0.0, ge=0.0, le=100.0)
    """Tension (0-100) cannot fall below this in the round the card fires."""


class EvidenceShift(_Model):
    """A belief shift caused by an event card."""

    observer: Identifier
    """Who updates."""
    subject: Identifier
    """About whom."""
    evidence: float = Field(ge=-5.0, le=5.0)
    """Log-likelihood ratio for "subject is greedy" (+ raises suspicion, − reassures)."""


class EventModel(_Model):
    """An event card (inject): scheduled, drawn from the seed, or injected by a facilitator."""

    id: Identifier
    """Identifier."""
    title: str = Field(min_length=1, max_length=120)
    """Headline."""
    text: str = Field(min_length=1, max_length=800)
    """What happened, as the world press reports it."""
    round: int | None = Field(default=None, ge=1)
    """Round (1-based) at which it fires; omit for a drawn or inject-only card."""
    probability: Probability = 0.0
    """Chance per round that it is drawn in stochastic mode (0 = never)."""
    once: bool = True
    """A drawn card fires at most once per game."""
    effects: EventEffects = Field(default_factory=EventEffects)
    """What it does."""


class OpeningAct(_Model):
    """An act taken before round 1 that frames the opening (shown in the news, seeds the doctrines' memory)."""

    actor: Identifier
    """Who acted."""
    instrument: Identifier
    """What they did."""
    target: Identifier | None = None
    """At whom."""
    date: dt.date | None = None
    """When (for the news)."""
    note: str = ""
    """A sourced fact, shown with the act."""


class AcceptedWarning(_Model):
    """A ``wargame lint`` warning the author has judged and accepts, with the reason: the lint
    then reports it as a note, and warns if it no longer occurs (so acceptances do not outlive
    their reason)."""

    code: str = Field(pattern=r"^[a-z][a-z-]*$", max_length=40)
    """The warning's code, e.g. ``no-treaty`` or ``quiet-drift``."""
    place: str = Field(default="", max_length=160)
    """The warning's place as the lint prints it, with a dot for the brackets
    (``instruments.nll_patrol`` for ``instruments[nll_patrol]``; a replay's file name), or empty
    for a warning about the whole file."""
    why: str = Field(min_length=20, max_length=600)
    """Why the file is right as it is: the history or the model behind it."""


class _GoalBase(_Model):
    """What every goal has (see the kinds below)."""

    id: Identifier
    """Stable id, e.g. ``steady-hand``."""
    title: str = Field(min_length=1, max_length=60)
    """A short name shown at setup and in the debrief ("Steady hand")."""
    text: str = Field(default="", max_length=300)
    """The challenge in the player's words; default: a sentence made from the goal's fields."""
    sides: list[Identifier] = Field(default_factory=list)
    """The playable sides the goal is offered to; empty: every side."""
    by: int | None = Field(default=None, ge=1, le=500)
    """The round by which it must be met (default: the game's last round)."""


class TensionGoal(_GoalBase):
    """Keep the tension meter below a level for some rounds in a row."""

    kind: Literal["tension_below"]
    """The kind of goal: ``tension_below``."""
    below: float = Field(gt=0.0, le=100.0)
    """The level (0-100) the meter must stay under, after each round."""
    rounds: int = Field(ge=1, le=500)
    """How many rounds in a row (counted after each round; the opening does not count)."""


class TreatyGoal(_GoalBase):
    """Get a treaty signed (an instrument whose partner signs in the same round)."""

    kind: Literal["treaty"]
    """The kind of goal: ``treaty``."""
    pair: Annotated[list[Identifier], Field(min_length=2, max_length=2)] | None = None
    """The two actors who must sign it; default: any rival pair."""


class PeaceGoal(_GoalBase):
    """End the game in peace: a treaty or a sustained détente (docs/model.md §8)."""

    kind: Literal["peace"]
    """The kind of goal: ``peace``."""


class NoWarGoal(_GoalBase):
    """Reach the end of the game (or ``by``) without a war."""

    kind: Literal["no_war"]
    """The kind of goal: ``no_war``."""


class TrustGoal(_GoalBase):
    """Be trusted: at the end of the game, ``observer``'s trust in ``subject`` is at least a level
    (the true trust, revealed in the debrief)."""

    kind: Literal["trust"]
    """The kind of goal: ``trust``."""
    observer: Identifier
    """Who trusts."""
    subject: Identifier
    """Whom (usually the side the goal is for)."""
    at_least: Probability
    """The trust to reach, in [0, 1]."""


GoalModel = Annotated[
    TensionGoal | TreatyGoal | PeaceGoal | NoWarGoal | TrustGoal, Field(discriminator="kind")
]
"""A goal a scenario sets the player (issue 14: a challenge to play for), scored in the debrief by
:mod:`wargame.analysis.goals` from the game record."""


class Scenario(_Model):
    """A whole scenario file."""

    schema_version: Literal[1] = 1
    """Version of this file format."""
    scenario: ScenarioInfo
    """Identity and framing."""
    world: World = Field(default_factory=World)
    """World parameters."""
    roles: Roles
    """The instruments the generic doctrines use."""
    actors: list[ActorModel] = Field(min_length=2)
    """The states."""
    beliefs: list[Belief] = Field(default_factory=list)
    """Initial beliefs for directed pairs; unlisted pairs start at ``default_trust``."""
    default_trust: OpenProbability = 0.5
    """Trust for pairs not listed in ``beliefs`` (allies default to 0.9)."""
    alliances: list[Alliance] = Field(default_factory=list)
    """Alliances."""
    instruments: list[InstrumentModel] = Field(min_length=2)
    """The instrument catalogue."""
    events: list[EventModel] = Field(default_factory=list)
    """Event cards."""
    opening: list[OpeningAct] = Field(default_factory=list)
    """Acts before round 1."""
    accepted_warnings: list[AcceptedWarning] = Field(default_factory=list)
    """``wargame lint`` warnings judged and accepted, each with its reason."""
    goals: list[GoalModel] = Field(default_factory=list, max_length=20)
    """Challenges to play for (shown at setup, scored in the debrief); see docs/scenarios.md."""

    @model_validator(mode="after")
    def _references(self) -> Scenario:
        actors = [a.id for a in self.actors]
        actor_set = set(actors)
        inst = [i.id for i in self.instruments]
        inst_set = set(inst)
        for kind, ids in (("actor", actors), ("instrument", inst), ("event", [e.id for e in self.events])):
            dupes = sorted({x for x in ids if ids.count(x) > 1})
            if dupes:
                raise ValueError(f"duplicate {kind} id(s): {', '.join(dupes)}")

        def need_actor(where: str, value: str) -> None:
            if value not in actor_set:
                raise ValueError(
                    f"{where}: unknown actor {value!r}{did_you_mean(value, actors)}; "
                    f"expected one of {', '.join(actors)}"
                )

        def need_inst(where: str, value: str) -> None:
            if value not in inst_set:
                near = did_you_mean(value, inst)
                raise ValueError(
                    f"{where}: unknown instrument {value!r}"
                    + (near or f"; expected the id of one of the {len(inst)} [[instruments]]")
                )

        seen_pairs: dict[tuple[str, str], int] = {}
        for k, b in enumerate(self.beliefs):
            where = f"beliefs[{b.observer}→{b.subject}]"
            if (b.observer, b.subject) in seen_pairs:
                raise ValueError(
                    f"{where}: a second belief of {b.observer} about {b.subject} "
                    f"(beliefs.{seen_pairs[(b.observer, b.subject)]} and beliefs.{k}); list each pair once"
                )
            seen_pairs[(b.observer, b.subject)] = k
            need_actor(f"{where}.observer", b.observer)
            need_actor(f"{where}.subject", b.subject)
            if b.observer == b.subject:
                raise ValueError(f"{where}: an actor holds no belief about itself")
        for al in self.alliances:
            for m in al.members:
                need_actor(f"alliances[{al.id}].members", m)
        for a in self.actors:
            for r in a.rivals:
                need_actor(f"actors[{a.id}].rivals", r)
                if r == a.id:
                    raise ValueError(f"actors[{a.id}].rivals: an actor is not its own rival")
            if a.roles is not None:
                for name, value in a.roles.model_dump(exclude_none=True).items():
                    for v in value if isinstance(value, list) else [value]:
                        need_inst(f"actors[{a.id}].roles.{name}", v)
        for name, value in self.roles.model_dump(exclude_none=True).items():
            for v in value if isinstance(value, list) else [value]:
                need_inst(f"roles.{name}", v)
        by_id = {i.id: i for i in self.instruments}
        for i in self.instruments:
            where = f"instruments[{i.id}]"
            for u in i.usable_by:
                need_actor(f"{where}.usable_by", u)
            for ref, val in (("fallback", i.fallback), ("proposes", i.proposes)):
                if val is not None:
                    need_inst(f"{where}.{ref}", val)
            for who in i.wording.frames:
                need_actor(f"{where}.wording.frames", who)
            for who in i.wording.readings:
                need_actor(f"{where}.wording.readings", who)
            if i.fallback is not None:
                fb = by_id[i.fallback]
                if fb.needs != "none":
                    raise ValueError(
                        f"{where}.fallback: {fb.id!r} needs {fb.needs!r} itself; a fallback is what "
                        'happens when the need is unmet, so it must need nothing (needs = "none")'
                    )
                if fb.usable_by and (not i.usable_by or set(i.usable_by) - set(fb.usable_by)):
                    missing = sorted(set(i.usable_by or actors) - set(fb.usable_by))
                    raise ValueError(
                        f"{where}.fallback: {', '.join(missing)} may use {i.id!r} but not its fallback "
                        f"{fb.id!r} (usable_by = {', '.join(fb.usable_by)})"
                    )
            if i.proposes is not None and by_id[i.proposes].needs != "counterpart":
                raise ValueError(
                    f"{where}.proposes: {i.proposes!r} is not a treaty; proposes names an instrument "
                    'with needs = "counterpart"'
                )
        self._check_roles(by_id)
        cited = [x.id for x in self.scenario.sources if isinstance(x, Source)]
        dupes = sorted({x for x in cited if cited.count(x) > 1})
        if dupes:
            raise ValueError(f"scenario.sources: duplicate source id(s): {', '.join(dupes)}")
        named = {
            v
            for roles in [self.roles, *(a.roles for a in self.actors if a.roles is not None)]
            for value in roles.model_dump(exclude_none=True).values()
            for v in (value if isinstance(value, list) else [value])
        }
        for i in self.instruments:
            if i.source is not None and i.source not in cited:
                raise ValueError(
                    f"instruments[{i.id}].source: unknown source {i.source!r}{did_you_mean(i.source, cited)}; "
                    + (
                        f"expected the id of a [[scenario.sources]] entry ({', '.join(cited)})"
                        if cited
                        else "list the sources as [[scenario.sources]] tables with an id"
                    )
                )
            if i.player_only and i.id in named:
                raise ValueError(
                    f"instruments[{i.id}].player_only: a role names {i.id!r}, so a doctrine uses it; "
                    "player_only is for moves no role names"
                )
        aligned = {frozenset((x, y)) for al in self.alliances for x in al.members for y in al.members}
        seen: dict[frozenset[str], int] = {}
        for k, (x, y) in enumerate(self.scenario.principal_pairs):
            where = f"scenario.principal_pairs.{k}"
            need_actor(where, x)
            need_actor(where, y)
            pair = frozenset((x, y))
            if x == y:
                raise ValueError(f"{where}: a principal pair names two different actors (got {x} twice)")
            if pair in aligned:
                raise ValueError(
                    f"{where}: {x} and {y} share an alliance or alignment; a principal pair is a rival pair"
                )
            if pair in seen:
                raise ValueError(
                    f"{where}: {x} and {y} are already a principal pair "
                    f"(scenario.principal_pairs.{seen[pair]})"
                )
            seen[pair] = k
        rounds = self.world.rounds
        for e in self.events:
            where = f"events[{e.id}]"
            if e.round is not None and e.round > rounds:
                raise ValueError(
                    f"{where}.round: round {e.round} is after the last round of the game "
                    f"(world.rounds = {rounds}); the card could never fire"
                )
            for who in e.effects.hostility:
                need_actor(f"{where}.effects.hostility", who)
            for who in e.effects.capability:
                need_actor(f"{where}.effects.capability", who)
            for k, sh in enumerate(e.effects.evidence):
                need_actor(f"{where}.effects.evidence.{k}.observer", sh.observer)
                need_actor(f"{where}.effects.evidence.{k}.subject", sh.subject)
                if sh.observer == sh.subject:
                    raise ValueError(
                        f"{where}.effects.evidence.{k}: an actor holds no belief about itself "
                        f"(observer and subject are both {sh.observer})"
                    )
        self._check_goals(actors, need_actor)
        for k, o in enumerate(self.opening):
            where = f"opening.{k}"
            need_actor(f"{where}.actor", o.actor)
            need_inst(f"{where}.instrument", o.instrument)
            ins = by_id[o.instrument]
            if ins.usable_by and o.actor not in ins.usable_by:
                raise ValueError(
                    f"{where}.actor: {o.actor} may not use {o.instrument!r} "
                    f"(usable_by = {', '.join(ins.usable_by)}); an opening act is one its actor could order"
                )
            if o.target is not None:
                need_actor(f"{where}.target", o.target)
                if o.target == o.actor:
                    raise ValueError(f"{where}.target: an actor cannot target itself")
                if not ins.targeted:
                    raise ValueError(
                        f"{where}.target: {o.instrument!r} is not targeted (targeted = false); leave the target out"
                    )
            elif ins.targeted:
                raise ValueError(
                    f"{where}.target: {o.instrument!r} is aimed at someone; name the target "
                    f"(one of {', '.join(x for x in actors if x != o.actor)})"
                )
        return self

    def _check_roles(self, by_id: dict[str, InstrumentModel]) -> None:
        """Every role an actor gets names an instrument it may use, of the kind the role needs
        (docs/model.md §4), and the conciliation tiers agree with the lists."""
        base_roles = self.roles.model_dump(exclude_none=True)
        kinds: dict[str, tuple[tuple[str, ...], str]] = {
            "talk": (("nonviolent",), "a nonviolent instrument (cheap talk)"),
            "conciliation": (("nonviolent",), "nonviolent instruments, cheapest first"),
            "defensive": (("show_of_force",), "a show of force (the most legible defence)"),
            "hawk_ladder": (
                ("show_of_force", "use_of_force", "verbal_conflict"),
                "rungs of force or threat, not a conciliation or a hold",
            ),
            "greedy_ladder": (
                ("show_of_force", "use_of_force", "verbal_conflict"),
                "rungs of force or threat after the first (which may be talk)",
            ),
            "hold": (("hold",), "an instrument of category hold"),
        }
        for pos, v in enumerate(self.roles.conciliation):
            t = by_id[v].tier
            if t is not None and t != pos:
                raise ValueError(
                    f"instruments[{v}].tier: {t}, but [roles] conciliation lists {v!r} at tier {pos}; "
                    f"make them agree (tier = {pos}) or leave tier out"
                )
        for a in self.actors:
            own = a.roles.model_dump(exclude_none=True) if a.roles is not None else {}
            for name, value in (base_roles | own).items():
                where = f"actors[{a.id}].roles.{name}" if name in own else f"roles.{name}"
                values = value if isinstance(value, list) else [value]
                for pos, v in enumerate(values):
                    ins = by_id[v]
                    if ins.usable_by and a.id not in ins.usable_by:
                        raise ValueError(
                            f"{where}: {a.id} may not use {v!r} (usable_by = {', '.join(ins.usable_by)}); "
                            f"every role an actor gets must be usable by it"
                            + ("" if name in own else f" (give {a.id} its own [actors.roles] {name})")
                        )
                    if name in kinds and not (name == "greedy_ladder" and pos == 0):
                        allowed, say = kinds[name]
                        if ins.category not in allowed:
                            at = f" (rung {pos + 1})" if isinstance(value, list) else ""
                            raise ValueError(
                                f"{where}: {v!r}{at} is a {ins.category} instrument; the {name} role "
                                f"names {say}"
                            )
                if name == "conciliation":
                    known = [
                        (pos, by_id[v].tier) for pos, v in enumerate(values) if by_id[v].tier is not None
                    ]
                    if values and by_id[values[0]].tier not in (None, 0):
                        raise ValueError(
                            f"{where}: {values[0]!r} is the tier-0 conciliation (cheap talk) here but "
                            f"instruments[{values[0]}].tier = {by_id[values[0]].tier}"
                        )
                    for (_, t1), (p2, t2) in itertools.pairwise(known):
                        assert t1 is not None and t2 is not None
                        if t2 < t1:
                            raise ValueError(
                                f"{where}: {values[p2]!r} (tier {t2}) comes after a tier-{t1} instrument; "
                                "the conciliation list runs cheapest first"
                            )
            talk = by_id[(base_roles | own)["talk"]]
            if talk.tier not in (None, 0):
                where = f"actors[{a.id}].roles.talk" if "talk" in own else "roles.talk"
                raise ValueError(
                    f"{where}: {talk.id!r} is the tier-0 conciliation (cheap talk) but "
                    f"instruments[{talk.id}].tier = {talk.tier}"
                )

    def _check_goals(self, actors: list[str], need_actor: Callable[[str, str], None]) -> None:
        """Goals name known, playable sides and actors, and can be met within the round limit."""
        playable = [a.id for a in self.actors if a.playable]
        seen: set[str] = set()
        limit = self.world.rounds
        for g in self.goals:
            where = f"goals[{g.id}]"
            if g.id in seen:
                raise ValueError(f"{where}.id: a second goal with this id")
            seen.add(g.id)
            for side in g.sides:
                if side not in playable:
                    raise ValueError(
                        f"{where}.sides: {side!r} is not a playable side; expected one of {', '.join(playable)}"
                    )
            if g.by is not None and g.by > limit:
                raise ValueError(f"{where}.by: round {g.by} is after the last ({limit}, world.rounds)")
            if isinstance(g, TensionGoal) and g.rounds > (g.by or limit):
                raise ValueError(
                    f"{where}.rounds: {g.rounds} rounds in a row cannot fit in the {g.by or limit} "
                    f"rounds {'before its deadline' if g.by else 'of the game'}"
                )
            if isinstance(g, TreatyGoal) and g.pair is not None:
                for x in g.pair:
                    need_actor(f"{where}.pair", x)
                if g.pair[0] == g.pair[1]:
                    raise ValueError(f"{where}.pair: a treaty needs two different actors")
            if isinstance(g, TrustGoal):
                need_actor(f"{where}.observer", g.observer)
                need_actor(f"{where}.subject", g.subject)
                if g.observer == g.subject:
                    raise ValueError(f"{where}: an actor holds no trust in itself")


EventEffects.model_rebuild()
