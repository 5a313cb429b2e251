"""A list of the bundled scenarios without building their models (``wargame scenarios``).

Listing reads only the ``[scenario]`` title and year and the actors' ids of each file: the text is
cut at its table headers and only those keys are parsed with ``tomllib``, so no pydantic model is
built (building the scenario models costs most of a ``wargame scenarios`` call otherwise). The
bundled files are validated in full by the tests and by every command that plays them.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from wargame.errors import InputError, printable
from wargame.scenario import paths

#: A table header on a line of its own: ``[scenario]``, ``[[actors]]``, ``[actors.roles]``.
_HEADER = re.compile(r"^[ \t]*(\[\[?)[ \t]*([A-Za-z_][\w.\- \t]*?)[ \t]*\]\]?[ \t]*(?:#.*)?$", re.M)


@dataclass(frozen=True)
class ScenarioEntry:
    """One bundled scenario as listed: its id, year, title and actor ids (in the file's order)."""

    id: str
    year: int | str
    title: str
    actors: tuple[str, ...]


def _tables(text: str) -> tuple[str, list[str]]:
    """The ``[scenario]`` table and the ``[[actors]]`` tables of a scenario file's text."""
    heads = list(_HEADER.finditer(text))
    scenario, actors = "", []
    for k, m in enumerate(heads):
        name, array = m.group(2), m.group(1) == "[["
        if (name == "scenario" and not array) or (name == "actors" and array):
            end = heads[k + 1].start() if k + 1 < len(heads) else len(text)
            if array:
                actors.append(text[m.start() : end])
            else:
                scenario = text[m.start() : end]
    return scenario, actors


def _keys(table: str, names: tuple[str, ...]) -> dict[str, object]:
    """The values of the top-level keys ``names`` of one table's text: each from its own line
    when it fits on one (cheap), else from the whole table parsed."""
    body = table.split("\n", 1)[1] if "\n" in table else ""
    found: dict[str, object] = {}
    for m in re.finditer(rf"^[ \t]*({'|'.join(names)})[ \t]*=.*$", body, re.M):
        try:
            found.update(tomllib.loads(m.group(0)))
        except tomllib.TOMLDecodeError:  # a value over several lines
            return {k: v for k, v in tomllib.loads(body).items() if k in names}
    return found


def entry(path: Path) -> ScenarioEntry:
    """The listed facts of the scenario file at ``path``, from its header tables alone.

    Raises:
        InputError: unreadable file, TOML syntax error in those tables, or a header without a
            title, year or actor ids.
    """
    from wargame import files

    data = files.read_bounded(path, files.MAX_SCENARIO_BYTES, "scenario")
    try:
        scenario, actors = _tables(data.decode("utf-8"))
        head = _keys(scenario, ("title", "year"))
        return ScenarioEntry(
            id=path.stem,
            year=head["year"],  # type: ignore[arg-type]
            title=str(head["title"]),
            actors=tuple(str(_keys(a, ("id",))["id"]) for a in actors),
        )
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, KeyError):
        from wargame.scenario.load import parse

        parse(data, path)  # the full load names the file, the place and what was expected
        raise InputError(path, "scenario", "expected a [scenario] table and [[actors]] with ids") from None


def bundled_entries() -> list[ScenarioEntry]:
    """Every bundled scenario, sorted by id."""
    return [entry(path) for path in paths.bundled().values()]


def line(e: ScenarioEntry) -> str:
    """``korea-2022                   2022  Korea 2022: ...  [DPRK, ROK, USA, JPN, PRC]`` (escaped)."""
    return printable(f"{e.id:<28} {e.year}  {e.title}  [{', '.join(e.actors)}]")
