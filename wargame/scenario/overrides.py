"""Parameter overrides (``--set PATH=VALUE``): a scenario's data changed at run time, validated by
the scenario's own models, and kept in the game record (``settings.overrides``) so that a replay
reproduces the game exactly.

A PATH names one field of the scenario file, dotted: ``world.distinguishability``,
``actors.DPRK.hostility``, ``instruments.missile_test.cost``,
``beliefs.DPRK>USA.trust``. An element of a list of tables is named by its ``id`` (actors,
instruments, events, alliances by index), a belief by ``OBSERVER>SUBJECT``, or any element by its
index. VALUE is read as JSON (``0.3``, ``true``, ``[1, 2]``, ``"text"``) and else taken as text
(``PATH=`` is the empty text). A numeric field takes only numbers: ``true`` or ``"0.5"`` is refused.

The scenario is re-validated with the value in place (every range and cross-field rule of the
format holds), and compiled again; a file's hash stays the file's (records pin the file and list
the overrides beside it).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from wargame.errors import InputError, shown_value
from wargame.scenario.load import LoadedScenario

#: A scenario with overrides, by (base hash, base path, overrides as canonical JSON): a batch run
#: makes one game per seed, and each would otherwise validate and compile the scenario again.
_CACHE: dict[tuple[str, str, str], LoadedScenario] = {}
_CACHE_LIMIT = 64

#: Paths whose value a sweep or tournament most often sets (the README and ``--help`` name them).
COMMON = (
    "world.offense_advantage",
    "world.distinguishability",
    "world.perception_noise",
    "world.rounds",
    "actors.ID.hostility",
    "actors.ID.prior_security_seeker",
    "beliefs.OBSERVER>SUBJECT.trust",
)


def parse_value(text: str) -> Any:
    """A ``--set`` value: JSON if it parses (numbers, booleans, lists), else the text itself."""
    try:
        return json.loads(text)
    except ValueError:
        return text


def parse_sets(values: tuple[str, ...] | list[str], option: str = "--set") -> dict[str, Any]:
    """``("world.distinguishability=0.2", ...)`` → ``{"world.distinguishability": 0.2, ...}``.

    Raises:
        InputError: not PATH=VALUE, or a path given twice.
    """
    out: dict[str, Any] = {}
    for v in values:
        path, sep, value = v.partition("=")
        path = path.strip()
        if not sep or not path:
            raise InputError(
                "command line", option, f"expected PATH=VALUE (e.g. world.distinguishability=0.2), got {v!r}"
            )
        if path in out:
            raise InputError("command line", f"{option} {v}", f"{path} is given twice")
        out[path] = parse_value(value.strip())  # PATH= sets the empty text (a name, a note)
    return out


def default_trust_unused(scenario: LoadedScenario) -> bool:
    """No directed pair of ``scenario`` starts at ``default_trust``: each is listed in its
    ``beliefs`` or is between allies or aligned states (0.9), so setting it changes nothing."""
    model = scenario.model
    grouped = {frozenset((x, y)) for al in model.alliances for x in al.members for y in al.members if x != y}
    listed = {(b.observer, b.subject) for b in model.beliefs}
    ids = [a.id for a in model.actors]
    return all((i, j) in listed or frozenset((i, j)) in grouped for i in ids for j in ids if i != j)


def unused_note(scenario: LoadedScenario, paths: Iterable[str]) -> str | None:
    """A one-line note when ``paths`` set a field the scenario does not use (``default_trust``
    where every belief is listed), else None."""
    if "default_trust" in paths and default_trust_unused(scenario):
        return (
            f"note: --set default_trust changes nothing in {scenario.model.scenario.id}: every pair's "
            "trust is listed in its beliefs (set beliefs.OBSERVER>SUBJECT.trust instead)"
        )
    return None


def canonical(overrides: Mapping[str, Any]) -> str:
    """The overrides as canonical JSON (sorted keys): equal overrides give equal strings."""
    return json.dumps(dict(overrides), sort_keys=True, separators=(",", ":"))


def _key_of(item: Any, k: int) -> str:
    if isinstance(item, dict):
        if "id" in item:
            return str(item["id"])
        if "observer" in item and "subject" in item:
            return f"{item['observer']}>{item['subject']}"
    return str(k)


def _field_range(path_models: list[Any], name: str) -> str:
    """The range or choices of field ``name`` of the last model class on the path, in words."""
    import typing

    model = path_models[-1] if path_models else None
    fields = getattr(model, "model_fields", {})
    info = fields.get(name)
    if info is None:
        return ""
    lo = hi = None
    lo_open = hi_open = False
    for m in info.metadata:
        for attr, is_lo, is_open in (
            ("ge", True, False),
            ("gt", True, True),
            ("le", False, False),
            ("lt", False, True),
        ):
            v = getattr(m, attr, None)
            if v is not None:
                if is_lo:
                    lo, lo_open = v, is_open
                else:
                    hi, hi_open = v, is_open
    ann = info.annotation
    args = (
        [ann]
        if typing.get_origin(ann) is typing.Literal
        else [a for a in typing.get_args(ann) if a is not type(None)] or [ann]
    )
    literal = [a for a in args if typing.get_origin(a) is typing.Literal]
    if literal:
        return "one of " + ", ".join(str(x) for x in typing.get_args(literal[0]))
    kind = "an integer" if int in args else "a number" if float in args else ""
    if lo is None and hi is None:
        return kind
    left = "(" if lo_open else "["
    right = ")" if hi_open or hi is None else "]"
    return f"{kind or 'a value'} in {left}{'-∞' if lo is None else f'{lo:g}'}, {'∞' if hi is None else f'{hi:g}'}{right}"


def _numeric_field(path_models: list[Any], name: str) -> bool:
    """Field ``name`` of the last model class on the path takes numbers and neither booleans
    nor text (``world.rounds``, ``world.distinguishability``)."""
    import typing

    model = path_models[-1] if path_models else None
    info = getattr(model, "model_fields", {}).get(name)
    if info is None:
        return False
    ann = info.annotation
    args = [a for a in typing.get_args(ann) if a is not type(None)] or [ann]
    return any(a in (int, float) for a in args) and not any(a in (bool, str) for a in args)


def _shown(value: Any) -> str:
    """A ``--set`` value as typed (JSON: ``true``, ``"0.5"``)."""
    if isinstance(value, (bool, str)) or value is None:
        return json.dumps(value) if not isinstance(value, str) else shown_value(value)
    return shown_value(value)


def _walk(raw: dict[str, Any], path: str, source: str, place: str) -> tuple[Any, str | int, list[Any]]:
    """The container holding ``path``'s last part, that part, and the model classes on the way.

    Raises:
        InputError: a part of the path that does not exist, naming the valid keys there.
    """
    from wargame.scenario import models as M

    parts = path.split(".")
    node: Any = raw
    model: Any = M.Scenario
    models: list[Any] = [model]
    for depth, part in enumerate(parts):
        last = depth == len(parts) - 1
        if isinstance(node, dict):
            if part not in node:
                keys = sorted(node)
                raise InputError(
                    source,
                    place,
                    f"no field {part!r} at {'.'.join(parts[:depth]) or 'the top'}; expected one of {', '.join(keys)}",
                )
            if last:
                return node, part, models
            field = getattr(model, "model_fields", {}).get(part) if model is not None else None
            model = _inner_model(field.annotation) if field is not None else None
            models.append(model)
            node = node[part]
        elif isinstance(node, list):
            keys = [_key_of(item, k) for k, item in enumerate(node)]
            if part in keys:
                index = keys.index(part)
            elif part.isdigit() and int(part) < len(node):
                index = int(part)
            else:
                shown = ", ".join(keys) if keys else "(empty list)"
                raise InputError(
                    source,
                    place,
                    f"no element {part!r} at {'.'.join(parts[:depth])}; expected one of {shown}",
                )
            if last:
                return node, index, models
            node = node[index]
        else:
            raise InputError(
                source, place, f"{'.'.join(parts[:depth])} is a value, not a table: nothing below it to set"
            )
    raise InputError(source, place, "an empty path")  # pragma: no cover (split gives one part)


def _inner_model(annotation: Any) -> Any:
    """The pydantic model class inside ``annotation`` (``list[Model]``, ``Model | None``), or None."""
    import typing

    from pydantic import BaseModel

    stack = [annotation]
    while stack:
        a = stack.pop()
        if isinstance(a, type) and issubclass(a, BaseModel):
            return a
        stack.extend(typing.get_args(a))
    return None


def apply(
    scenario: LoadedScenario, overrides: Mapping[str, Any], source: str | Path = "--set"
) -> LoadedScenario:
    """``scenario`` with ``overrides`` in place, validated and compiled (cached).

    Args:
        source: where the overrides came from, for errors (``command line`` or a record's file).

    Raises:
        InputError: a path that does not exist (naming the valid keys there), or a value the
            scenario format refuses (naming the range or the choices).
    """
    if not overrides:
        return scenario
    key = (scenario.sha256, str(scenario.path), canonical(overrides))
    hit = _CACHE.get(key)
    if hit is not None:
        return hit
    from pydantic import ValidationError

    from wargame.scenario.load import compile_rules
    from wargame.scenario.models import Scenario

    raw = scenario.model.model_dump(mode="json")
    for path, value in overrides.items():
        place = f"--set {path}" if str(source) == "command line" else f"settings.overrides.{path}"
        container, part, models = _walk(raw, str(path), str(source), place)
        old = container[part]
        if isinstance(old, (dict, list)) and not isinstance(value, type(old)):
            raise InputError(str(source), place, "a table or list: set one of its fields instead")
        # strict: true is not 1, "0.5" is not 0.5
        if (
            (isinstance(value, (bool, str)) or value is None)
            and isinstance(part, str)
            and _numeric_field(models, part)
        ):
            what = _field_range(models, part) or "a number"
            raise InputError(str(source), place, f"expected {what} (got {_shown(value)})")
        container[part] = value
        try:
            Scenario.model_validate(raw)
        except ValidationError as exc:
            first = exc.errors(include_url=False)[0]
            at_field = isinstance(part, str) and tuple(first["loc"])[-1:] == (part,)
            what = _field_range(models, str(part)) if at_field else ""
            msg = str(first["msg"]).removeprefix("Value error, ")
            expected = (
                f"expected {what} (got {shown_value(value)})" if what else f"{msg} (got {shown_value(value)})"
            )
            raise InputError(str(source), place, expected) from None
    model = Scenario.model_validate(raw)
    out = LoadedScenario(model=model, rules=compile_rules(model), sha256=scenario.sha256, path=scenario.path)
    if len(_CACHE) >= _CACHE_LIMIT:
        _CACHE.pop(next(iter(_CACHE)))
    _CACHE[key] = out
    return out
