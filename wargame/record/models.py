"""The game record: the scenario (id and hash), the settings, the seed and each round's orders.

A save file, a replay file and a test fixture are the same JSON document (design.md principle 1).
Everything else (state, news, tension history, the debrief) is derived by replaying it.
Replays add checkpoints that ``wargame replay --check`` verifies.

Two versions travel in every record: ``schema_version``, the version of this format (older
formats are upgraded on load by :data:`wargame.record.io.UPGRADES`), and ``model_version``, the
version of the rules model the game was played on (:data:`wargame.engine.version.MODEL_VERSION`).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue, model_serializer, model_validator

from wargame.scenario.models import DoctrineName, Identifier

SCHEMA_VERSION = 2
"""Version of the record format. 2 added the required ``model_version``; version 1 files are read
as model 1 (see :data:`wargame.record.io.UPGRADES`)."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)


class ScenarioRef(_Model):
    """Which scenario, exactly, the record was made for."""

    id: Identifier
    """Scenario id (a bundled id such as ``korea-2022``)."""
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    """SHA-256 of the scenario file's bytes. A record made for another version is refused, unless
    it was played on another model version: then it is replayed on the installed scenario too."""


class Settings(_Model):
    """Game settings."""

    mode: Literal["expectation", "stochastic"] = "stochastic"
    """``expectation``: no noise or hazard draws (seed-independent); ``stochastic``: drawn from the seed."""
    rounds: int | None = Field(default=None, ge=1, le=500)
    """Round limit; default the scenario's."""
    humans: list[Identifier] = Field(default_factory=list)
    """Actors played by people (their orders must be in every round)."""
    teams: dict[Identifier, str] = Field(default_factory=dict)
    """Hot-seat team names by actor."""
    doctrines: dict[Identifier, DoctrineName] = Field(default_factory=dict)
    """Doctrine overrides by actor (default: the scenario's, by hidden type)."""
    hidden_types: dict[Identifier, Literal["security_seeker", "greedy"]] | None = None
    """Fixed hidden types for the named actors; the others are drawn from the seed (the likelier one in expectation mode)."""
    play_on: bool = False
    """Keep playing after a terminal outcome until the round limit (research runs)."""
    overrides: dict[
        Annotated[str, Field(pattern=r"^[A-Za-z0-9_\-]+(\.[A-Za-z0-9_\-<>]+)*$", max_length=200)], JsonValue
    ] = Field(default_factory=dict, max_length=64)
    """Scenario data changed for this game (``--set PATH=VALUE``; :mod:`wargame.scenario.overrides`),
    by dotted path: ``{"world.distinguishability": 0.2}``. Applied on top of the scenario file the
    record pins, so a replay reproduces the game. Omitted from the file when empty (records made
    without overrides are the same bytes as before they existed)."""

    @model_serializer(mode="wrap")
    def _omit_empty_overrides(self, handler: Any) -> dict[str, Any]:
        data = handler(self)
        if isinstance(data, dict) and not data.get("overrides"):
            data.pop("overrides", None)
        return data  # type: ignore[no-any-return]  # pydantic's serializer handler is untyped


class OrderModel(_Model):
    """One order."""

    instrument: Identifier
    """Instrument id."""
    target: Identifier | None = None
    """Target actor id, for instruments that take one."""


class FacilitatorAction(_Model):
    """A facilitator's action, kept in the record so the replay shows it."""

    kind: Literal[
        "inject",
        "undo",
        "pause",
        "resume",
        "reveal",
        "end",
        "leave",
        "reopen",
        "pin_change",
        "pin_wrong",
        "save",
    ]
    """What was done: the console's actions, and ``leave`` (to the title), ``reopen`` (the class
    resumed), ``pin_change``, ``pin_wrong`` (a wrong PIN typed), ``save`` (saved to a file)."""
    round: int = Field(default=0, ge=0)
    """Rounds played when it was done (an undo at 5 removed round 5)."""
    detail: str = ""
    """Event id for an inject; the undone round's orders (JSON) for an undo; free text otherwise."""
    at: str = ""
    """When (UTC, ISO 8601, to the second); "" in records made before it was kept."""


class ClassSecrets(_Model):
    """What a classroom game keeps secret until its end (sealed in the save while it runs)."""

    stream_key: str | None = Field(default=None, min_length=16, max_length=128)
    """The key of every random stream of the class (types, doctrines' draws, noise, hazards):
    the record's ``seed`` determines nothing in a class game. None: a class saved before classes
    had one (its streams are the seed's)."""
    hidden_types: dict[Identifier, Literal["security_seeker", "greedy"]] | None = None
    """Hidden types fixed by the facilitator (the others are drawn from the stream key)."""
    pending: dict[Identifier, OrderModel] = Field(default_factory=dict)
    """Orders sealed in the unfinished round, in the order they were sealed."""
    reasons: dict[str, dict[Identifier, str]] = Field(default_factory=dict)
    """Each team's one line of why, by week ("1", "2", …) and actor; the unfinished week's too."""
    facilitator: list[FacilitatorAction] = Field(default_factory=list)
    """The facilitator's log, in the order things happened."""


class ClassSeal(_Model):
    """A classroom game's lock box: the keys' stored form and the sealed secrets."""

    id: str = Field(pattern=r"^[0-9a-f]{32}$")
    """The class's id (its lock and its append-only log are named after it)."""
    ended: bool = False
    """The class is over (ended by the facilitator or by the game): the secrets are in the clear."""
    has_pin: bool = False
    """A facilitator PIN was set (else the console is open to anyone at the machine)."""
    salt: str = ""
    """scrypt salt (base64)."""
    n: int = Field(default=2**14, ge=2, le=2**20)
    r: int = Field(default=8, ge=1, le=32)
    p: int = Field(default=1, ge=1, le=16)
    wrapped_key: str = ""
    """The data key, encrypted with the key from the PIN and the installation's secret (base64)."""
    pin_hash: str = ""
    """The PIN's salted hash (HMAC-SHA256 of scrypt's output; base64)."""
    sealed: str = ""
    """:class:`ClassSecrets` as JSON, AES-256-GCM under the data key (base64); "" once ended."""
    secrets: ClassSecrets | None = None
    """The secrets in the clear, once the class has ended (the debrief is open to all)."""


class RoundRecord(_Model):
    """One round: orders by actor (actors without one are played by their doctrine) and injects."""

    orders: dict[Identifier, OrderModel] = Field(default_factory=dict)
    """Orders by actor id; a missing actor is decided by its AI doctrine."""
    injected: list[Identifier] = Field(default_factory=list)
    """Event cards injected this round by the facilitator (they fire when the round resolves)."""


class TrustRange(_Model):
    """A checkpoint on one directed trust."""

    observer: Identifier
    """Who trusts."""
    subject: Identifier
    """Whom."""
    range: Annotated[list[Annotated[float, Field(ge=0.0, le=1.0)]], Field(min_length=2, max_length=2)]
    """[low, high], inclusive, in [0, 1]."""


class Checkpoint(_Model):
    """What must hold after a given round of a replay."""

    after_round: int = Field(ge=0)
    """Round after which to check (0: the opening state)."""
    tension: (
        Annotated[list[Annotated[float, Field(ge=0.0, le=100.0)]], Field(min_length=2, max_length=2)] | None
    ) = None
    """[low, high] inclusive range for tension (0-100)."""
    outcome: str | None = None
    """Expected outcome id by then (``none`` for no outcome yet); omitted: not checked."""
    trust: list[TrustRange] = Field(default_factory=list)
    """Trust ranges."""
    note: str = ""
    """Why this should hold (the theory or history it reflects)."""

    @model_validator(mode="after")
    def _ranges(self) -> Checkpoint:
        if self.tension is not None and self.tension[0] > self.tension[1]:
            raise ValueError("tension range must be [low, high]")
        for t in self.trust:
            if t.range[0] > t.range[1]:
                raise ValueError("trust range must be [low, high]")
        return self


class ForkOrigin(_Model):
    """Where a forked game ("what if, from week N") came from."""

    file: str = Field(min_length=1, max_length=255)
    """The file name (not the folder) of the record it was forked from."""
    week: int = Field(ge=0, le=500)
    """Rounds kept from that record: the fork plays on from the round after."""


class GameRecord(_Model):
    """A game record: save file and replay file alike."""

    schema_version: Literal[2] = 2
    """Version of this format (files of version 1 are upgraded on load)."""
    model_version: int = Field(ge=1)
    """Version of the rules model the game was played on (``docs/model.md``). A record of another
    version is replayed on the installed model, with a note: events after the first changed
    outcome may differ, and its checkpoints are not checked. Version 1 files lack it: model 1."""
    title: str = ""
    """Optional title (replays)."""
    description: str = ""
    """Optional description (what this replay shows)."""
    scenario: ScenarioRef
    """Scenario id and hash."""
    settings: Settings = Field(default_factory=Settings)
    """Settings."""
    seed: int = Field(ge=0, le=2**63 - 1)
    """Seed of every random draw."""
    rounds: list[RoundRecord] = Field(default_factory=list)
    """Orders per round."""
    facilitator: list[FacilitatorAction] = Field(default_factory=list)
    """Classroom games: every facilitator action in order (pause, inject, undo, reveal, end)."""
    checkpoints: list[Checkpoint] = Field(default_factory=list)
    """Replays only: what must hold after given rounds."""
    classroom: ClassSeal | None = None
    """Classroom games: the sealed secrets (see :mod:`wargame.record.seal`)."""
    forked_from: ForkOrigin | None = None
    """A fork (``wargame fork``, or "play on from this week"): the record and round it left;
    None for a game played from the start (and in records made before forks)."""
