"""The scenario format's field reference, generated from the pydantic models' field docstrings.

``docs/scenarios.md`` embeds the output of :func:`markdown_reference` between two marker lines,
and ``docs/scenario.schema.json`` is ``Scenario.model_json_schema()``; a test keeps both in step
with the models, so the guide, the JSON Schema and ``wargame schema scenario`` always agree.

Regenerate both with ``python -m wargame.scenario.reference``.
"""

from __future__ import annotations

import json
import re
import sys
import types
import typing
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from wargame.scenario.models import Scenario

BEGIN = "<!-- BEGIN GENERATED REFERENCE (python -m wargame.scenario.reference) -->"
END = "<!-- END GENERATED REFERENCE -->"

#: Where each model appears in a scenario file, for the headings.
TABLES: list[tuple[str, str]] = [
    ("Scenario", "the file (top level)"),
    ("ScenarioInfo", "[scenario]"),
    ("Source", "[[scenario.sources]]"),
    ("World", "[world]"),
    ("Roles", "[roles]"),
    ("ActorModel", "[[actors]]"),
    ("RolesOverride", "[actors.roles]"),
    ("Belief", "[[beliefs]]"),
    ("Alliance", "[[alliances]]"),
    ("InstrumentModel", "[[instruments]]"),
    ("Wording", "[instruments.wording]"),
    ("EventModel", "[[events]]"),
    ("EventEffects", "[events.effects]"),
    ("EvidenceShift", "[[events.effects.evidence]]"),
    ("OpeningAct", "[[opening]]"),
    ("AcceptedWarning", "[[accepted_warnings]]"),
    ("TensionGoal", '[[goals]] kind = "tension_below"'),
    ("TreatyGoal", '[[goals]] kind = "treaty"'),
    ("PeaceGoal", '[[goals]] kind = "peace"'),
    ("NoWarGoal", '[[goals]] kind = "no_war"'),
    ("TrustGoal", '[[goals]] kind = "trust"'),
]


def _type_name(annotation: Any) -> str:
    origin = get_origin(annotation)
    if origin is Literal:
        return " \\| ".join(f"`{a!r}`".replace("'", '"') for a in get_args(annotation))
    if origin in (typing.Union, types.UnionType):
        parts = [_type_name(a) for a in get_args(annotation) if a is not type(None)]
        optional = type(None) in get_args(annotation)
        return " \\| ".join(parts) + (" (optional)" if optional else "")
    if origin is typing.Annotated:
        return _type_name(get_args(annotation)[0])
    if origin in (list, tuple):
        args = get_args(annotation)
        return f"list of {_type_name(args[0])}" if args else "list"
    if origin is dict:
        k, v = get_args(annotation)
        return f"table {_type_name(k)} → {_type_name(v)}"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"[{annotation.__name__}](#{annotation.__name__.lower()})"
    return {str: "string", int: "integer", float: "number", bool: "boolean"}.get(
        annotation, getattr(annotation, "__name__", str(annotation))
    )


def _choices(info: FieldInfo) -> str:
    """The allowed values of a field whose choices come from a registry (a doctrine name)."""
    for m in info.metadata:
        choices = getattr(m, "choices", None)
        if callable(choices):
            return " \\| ".join(f'`"{c}"`' for c in choices())
    return ""


def _range(info: FieldInfo) -> str:
    bounds = []
    for m in info.metadata:
        for attr, sym in (("ge", "≥"), ("gt", ">"), ("le", "≤"), ("lt", "<")):
            v = getattr(m, attr, None)
            if v is not None:
                bounds.append(f"{sym} {v}")
        for attr in ("min_length", "max_length", "pattern"):
            v = getattr(m, attr, None)
            if v is not None:
                bounds.append(f"{attr.replace('_', ' ')} {v}")
    return ", ".join(bounds)


def _default(info: FieldInfo) -> str:
    if info.is_required():
        return "**required**"
    if info.default_factory is not None:
        return "empty"
    d = info.default
    if d is None:
        return "none"
    return f"`{json.dumps(d) if not isinstance(d, BaseModel) else 'defaults'}`"


def _models() -> dict[str, type[BaseModel]]:
    found: dict[str, type[BaseModel]] = {}

    def walk(model: type[BaseModel]) -> None:
        if model.__name__ in found:
            return
        found[model.__name__] = model
        for info in model.model_fields.values():
            for t in _flatten(info.annotation):
                if isinstance(t, type) and issubclass(t, BaseModel):
                    walk(t)

    walk(Scenario)
    return found


def _flatten(annotation: Any) -> list[Any]:
    out = [annotation]
    for a in get_args(annotation):
        out.extend(_flatten(a))
    return out


def markdown_reference() -> str:
    """Markdown tables of every field: name, type, default, range, meaning (the field docstring)."""
    models = _models()
    lines: list[str] = []
    for name, where in TABLES:
        model = models[name]
        doc = " ".join((model.__doc__ or "").split())
        lines += [f"### {name}", "", f"`{where}`: {doc}", ""]
        lines += ["| field | type | default | range | meaning |", "|---|---|---|---|---|"]
        for field, info in model.model_fields.items():
            desc = " ".join((info.description or "").split()).replace("|", "\\|")
            lines.append(
                f"| `{field}` | {_choices(info) or _type_name(info.annotation)} | {_default(info)} | {_range(info)} | {desc} |"
            )
        lines.append("")
    missing = set(models) - {n for n, _ in TABLES}
    if missing:
        raise RuntimeError(f"add these models to TABLES: {sorted(missing)}")
    return "\n".join(lines).rstrip() + "\n"


def schema_json() -> str:
    """The scenario JSON Schema, as committed in ``docs/scenario.schema.json``."""
    return json.dumps(Scenario.model_json_schema(), indent=2) + "\n"


def update(docs: Path) -> None:
    """Rewrite the generated block of ``docs/scenarios.md`` and ``docs/scenario.schema.json``."""
    guide = docs / "scenarios.md"
    text = guide.read_text()
    pattern = re.compile(re.escape(BEGIN) + r".*?" + re.escape(END), re.S)
    if not pattern.search(text):
        raise RuntimeError(f"{guide}: marker lines not found")
    text = pattern.sub(lambda _: f"{BEGIN}\n\n{markdown_reference()}\n{END}", text)
    guide.write_text(text)
    (docs / "scenario.schema.json").write_text(schema_json())


if __name__ == "__main__":
    update(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "docs")
