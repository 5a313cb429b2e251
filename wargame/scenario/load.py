"""Loading scenario files: TOML (``tomllib``) → pydantic validation → compiled engine rules.

Errors are :class:`wargame.errors.InputError` naming the file, the place (line and column for
TOML syntax, a field path for validation) and what was expected.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from wargame import files
from wargame.engine import rules as R
from wargame.errors import InputError, from_validation_error
from wargame.scenario import paths
from wargame.scenario.models import Scenario, explain_unknown_field, scenario_place


@dataclass(frozen=True)
class LoadedScenario:
    """A validated scenario with its compiled rules.

    Attributes:
        model: the validated file content.
        rules: the compiled engine rules.
        sha256: hex SHA-256 of the file's bytes (records pin it).
        path: where it was read from, or None for text.
    """

    model: Scenario
    rules: R.Rules
    sha256: str
    path: Path | None

    @property
    def id(self) -> str:
        """The scenario id."""
        return self.model.scenario.id


def load(name: str | Path) -> LoadedScenario:
    """Read, validate and compile a scenario by bundled id or path.

    Raises:
        InputError: unreadable file, TOML syntax error, or a field that fails validation.
    """
    path = paths.resolve(str(name))
    return _load_cached(str(path.resolve()))


@lru_cache(maxsize=16)
def _load_cached(path_str: str) -> LoadedScenario:
    path = Path(path_str)
    data = files.read_bounded(path, files.MAX_SCENARIO_BYTES, "scenario")
    return parse(data, source=path)


def parse(data: bytes, source: str | Path = "<text>") -> LoadedScenario:
    """Validate and compile scenario TOML given as bytes.

    Raises:
        InputError: TOML syntax error (with line and column) or failed validation (field path);
            a file, nesting, string or dotted key beyond the limits of :mod:`wargame.files`,
            checked before the TOML is parsed.
    """
    if len(data) > files.MAX_SCENARIO_BYTES:
        raise InputError(
            source, "", f"file too large for a scenario (the limit is {files.MAX_SCENARIO_BYTES:,} bytes)"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(source, f"byte {exc.start}", "the file is not UTF-8 text") from None
    raw = files.parse_toml(text, source, "a scenario")
    check_text(raw, source)
    try:
        model = Scenario.model_validate(raw)
    except ValidationError as exc:
        raise from_validation_error(
            source, exc, explain_unknown_field, place_of=lambda loc: scenario_place(raw, loc)
        ) from None
    rules = compile_rules(model)
    return LoadedScenario(
        model=model,
        rules=rules,
        sha256=hashlib.sha256(data).hexdigest(),
        path=Path(source) if not str(source).startswith("<") else None,
    )


#: A square-bracketed tag that a terminal screen (Textual markup) would act on: ``[b]``, ``[/]``,
#: ``[@click=...]``, ``[$var]``, ``[#f00]``. Bracketed numbers such as ``[1]`` are plain text.
MARKUP_TAG = re.compile(r"\[[/@$#A-Za-z][^\[\]\n]*\]")


def check_text(node: Any, source: str | Path, place: tuple[str | int, ...] = ()) -> None:
    """Refuse scenario text that would act on a terminal rather than be read on it: control and
    bidirectional characters (an escape code, U+202E) other than line breaks and tabs, and
    markup tags (:data:`MARKUP_TAG`). Scenario text reaches every screen (issue 13).

    Raises:
        InputError: naming the field and showing the character or tag, escaped.
    """
    if isinstance(node, dict):
        for key, value in node.items():
            check_text(key, source, place)
            check_text(value, source, (*place, key))
    elif isinstance(node, list):
        for k, value in enumerate(node):
            check_text(value, source, (*place, k))
    elif isinstance(node, str):
        where = ".".join(str(p) for p in place) or "(top level)"
        if not node.isprintable():
            bad = next((c for c in node if not c.isprintable() and c not in "\n\t"), None)
            if bad is not None:
                raise InputError(
                    source,
                    where,
                    f"a control or bidirectional character (U+{ord(bad):04X}) is not allowed in scenario text",
                )
        tag = MARKUP_TAG.search(node)
        if tag is not None:
            raise InputError(
                source,
                where,
                f"a tag in square brackets ({tag.group()[1:-1][:40]!r}) would be read as screen markup; "
                "write it without the brackets",
            )


def compile_rules(model: Scenario) -> R.Rules:
    """Compile a validated scenario into engine :class:`~wargame.engine.rules.Rules`.

    Precomputes per-instrument evidence, perceived offensiveness and hostility at the scenario's
    distinguishability (docs/model.md §3, §3.7), so the round loop only looks them up. Of the model's
    parameters, the scenario sets the world's (ω, d, ε, the round limit) and, through its round
    length, the Richardson step r = min(1, round_days / 7); every other one is a behavioural
    constant, the default of :class:`~wargame.engine.rules.Params` (docs/model.md §9).
    """
    w = model.world
    params = R.Params(
        **w.params(),
        # the Richardson coefficients are weekly rates: a shorter round takes a shorter step
        richardson_rate=min(1.0, model.scenario.round_days / 7),
    )
    instruments = {
        i.id: build_instrument(
            params,
            id=i.id,
            name=i.name,
            category=i.category,
            cameo=i.cameo,
            cameo_hostile=i.cameo_hostile,
            goldstein=i.goldstein,
            mid_action=i.mid_action,
            mid_level=i.mid_level,
            kahn_rung=i.kahn_rung,
            rivera=i.rivera,
            offense=i.offense,
            legibility=i.legibility,
            likelihood_ratio=i.likelihood_ratio,
            cost=i.cost,
            capability_delta=i.capability_delta,
            grievance_delta=i.grievance_delta,
            needs=i.needs,
            fallback=i.fallback,
            proposes=i.proposes,
            targeted=i.targeted,
            usable_by=i.usable_by,
            tier=i.tier,
        )
        for i in model.instruments
    }
    wording = {
        i.id: R.Wording(
            headline=i.wording.headline,
            frame=i.wording.frame,
            hostile=i.wording.hostile,
            neutral=i.wording.neutral,
            frames=dict(i.wording.frames),
            readings=dict(i.wording.readings),
        )
        for i in model.instruments
    }
    base_roles = model.roles
    actors = []
    for a in model.actors:
        over = a.roles.model_dump(exclude_none=True) if a.roles else {}
        merged = base_roles.model_dump(exclude_none=True) | over
        actors.append(
            R.Actor(
                id=a.id,
                name=a.name,
                article=a.article,
                capital=a.capital,
                media=a.media,
                prior_security_seeker=a.prior_security_seeker,
                capability=a.capability,
                hostility=a.hostility,
                grievance=a.grievance,
                doctrine=a.doctrine,
                greedy_doctrine=a.greedy_doctrine,
                hostile_bias=a.hostile_bias,
                conciliatory_discount=a.conciliatory_discount,
                rivals=tuple(a.rivals),
                roles=R.Roles(
                    talk=merged["talk"],
                    conciliation=tuple(merged["conciliation"]),
                    defensive=merged["defensive"],
                    hawk_ladder=tuple(merged["hawk_ladder"]),
                    greedy_ladder=tuple(merged["greedy_ladder"]),
                    misread_force_as=merged["misread_force_as"],
                    misread_nonviolent_as=merged["misread_nonviolent_as"],
                    hold=merged.get("hold"),
                ),
            )
        )
    alliances = frozenset(
        frozenset((x, y))
        for al in model.alliances
        if al.combined_acts
        for x in al.members
        for y in al.members
        if x != y
    )
    alignments = frozenset(
        frozenset((x, y))
        for al in model.alliances
        if not al.combined_acts
        for x in al.members
        for y in al.members
        if x != y
    )
    initial: dict[tuple[str, str], float] = {}
    prior: dict[tuple[str, str], float] = {}
    for i in model.actors:
        for j in model.actors:
            if i.id != j.id:
                pair = frozenset((i.id, j.id))
                t = 0.9 if pair in alliances or pair in alignments else model.default_trust
                initial[(i.id, j.id)] = t
                prior[(i.id, j.id)] = t
    for b in model.beliefs:
        initial[(b.observer, b.subject)] = b.trust
        prior[(b.observer, b.subject)] = b.prior if b.prior is not None else b.trust
    events = tuple(
        R.EventCard(
            id=e.id,
            title=e.title,
            round=e.round,
            probability=e.probability,
            hostility=tuple(e.effects.hostility.items()),
            evidence=tuple((s.observer, s.subject, s.evidence) for s in e.effects.evidence),
            capability=tuple(e.effects.capability.items()),
            tension=e.effects.tension_floor,
        )
        for e in model.events
    )
    opening = tuple(R.OpeningAct(o.actor, o.instrument, o.target) for o in model.opening)
    return R.Rules(
        scenario_id=model.scenario.id,
        params=params,
        actors=tuple(actors),
        instruments=instruments,
        alliances=alliances,
        alignments=alignments,
        events=events,
        wording=wording,
        opening=opening,
        rounds=w.rounds,
        initial_trust=initial,
        prior_trust=prior,
        start_date=model.scenario.start_date,
        round_days=model.scenario.round_days,
        round_label=model.scenario.round_label
        or {7: "Week", 1: "Day"}.get(model.scenario.round_days, "Round"),
        principal_pairs=tuple((x, y) for x, y in model.scenario.principal_pairs),
    )


def build_instrument(params: R.Params, **kw: Any) -> R.Instrument:
    """Build one :class:`~wargame.engine.rules.Instrument` with its precomputed constants.

    Keyword arguments are the instrument's attributes as in the scenario format (``category``,
    ``needs`` as strings; ``usable_by`` as a list; ``likelihood_ratio`` may be None).
    """
    category = R.Category(str(kw.pop("category")))
    lr = R.likelihood_ratio(
        category,
        float(kw["cost"]),
        kw.pop("likelihood_ratio"),
        params.cost_slope,
    )
    offense = float(kw["offense"])
    legibility = float(kw["legibility"])
    d = params.distinguishability
    return R.Instrument(
        category=category,
        likelihood_ratio=lr,
        needs=R.Needs(str(kw.pop("needs"))),
        usable_by=frozenset(kw.pop("usable_by")),
        evidence=R.evidence(category, lr, legibility, d, params.lr_ambiguous),
        perceived_offense=R.perceived_offense(category, offense, legibility, d, params.offense_ambiguous),
        hostility=R.act_hostility(category, float(kw["goldstein"]), offense, legibility, d),
        rivera_points=R.RIVERA_POINTS[str(kw["rivera"])],
        **kw,
    )
