"""``wargame tournament``: doctrine against doctrine (issue 15 item 1).

For one or two chosen sides, every pairing of the players given (doctrines, or outside policies)
× hidden types × seeds; every other state is played by the scenario's AI. With one side, or
``against="scenario"``, the side's players meet the scenario's AIs.
"""

from __future__ import annotations

import itertools
from typing import Any

from wargame.analysis.batch import Cell
from wargame.errors import InputError

SCENARIO_AI = "scenario"
"""The name of "the scenario's AI" (its doctrine by hidden type) as a tournament player."""

TYPES = ("security_seeker", "greedy")


def default_players() -> list[str]:
    """The doctrines offered to players (the research controls left out)."""
    from wargame.engine.doctrines import DOCTRINES

    return [n for n, d in DOCTRINES.items() if not d.classifier.tests_only]


def parse_players(text: str, option: str) -> list[str]:
    """A comma-separated list of players: doctrine names, ``default`` (the players' doctrines),
    ``all`` (every doctrine, controls too), ``scenario`` (the scenario's AI), an installed policy
    (entry point ``wargame.policies``) or ``module:attribute``.

    Raises:
        InputError: an unknown name, naming the known ones; a policy that cannot be loaded.
    """
    from wargame.analysis.batch import installed_policies, resolve_policy
    from wargame.engine.doctrines import DOCTRINES

    out: list[str] = []
    installed = installed_policies()
    for name in (n.strip() for n in text.split(",")):
        if not name:
            continue
        if name == "default":
            out += default_players()
        elif name == "all":
            out += list(DOCTRINES)
        elif name in DOCTRINES or name == SCENARIO_AI:
            out.append(name)
        elif ":" in name or name in installed:
            resolve_policy(name)  # fails here, in one line, rather than in a worker
            out.append(name)
        else:
            known = ", ".join([*DOCTRINES, "default", "all", SCENARIO_AI, *installed])
            raise InputError(
                "command line",
                f"{option} {name}",
                f"unknown player; expected one of {known} or module:attribute",
            )
    if not out:
        raise InputError("command line", option, "no players given")
    return list(dict.fromkeys(out))


def design(
    actor_ids: tuple[str, ...], sides: list[str], players_a: list[str], players_b: list[str], types: str
) -> tuple[Cell, ...]:
    """The tournament's cells: players_a × players_b × hidden types (``all``: each side a security
    seeker and greedy; ``drawn``: from the seed; or one type for both sides).

    Raises:
        InputError: an unknown or repeated side, or more than two.
    """
    for s in sides:
        if s not in actor_ids:
            raise InputError(
                "command line", f"--sides {s}", f"unknown side; expected one of {', '.join(actor_ids)}"
            )
    if not 1 <= len(sides) <= 2 or len(set(sides)) != len(sides):
        raise InputError(
            "command line", "--sides", "expected one side or two different sides (e.g. USA,DPRK)"
        )
    a = sides[0]
    b = sides[1] if len(sides) == 2 else ""
    if not b:
        players_b = [SCENARIO_AI]
    type_sets: list[tuple[str, str]]
    if types == "all":
        type_sets = list(itertools.product(TYPES, TYPES if b else ("drawn",)))
    elif types == "drawn":
        type_sets = [("drawn", "drawn")]
    else:
        type_sets = [(types, types if b else "drawn")]
    cells = []
    for pa, pb in itertools.product(players_a, players_b):
        for ta, tb in type_sets:
            doctrines = tuple((s, p) for s, p in ((a, pa), (b, pb)) if s and p != SCENARIO_AI)
            fixed = tuple((s, t) for s, t in ((a, ta), (b, tb)) if s and t != "drawn")
            cells.append(
                Cell(
                    labels=(
                        ("side_a", a),
                        ("doctrine_a", pa),
                        ("type_a", ta),
                        ("side_b", b or "others"),
                        ("doctrine_b", pb),
                        ("type_b", tb),
                    ),
                    doctrines=doctrines,
                    types=fixed,
                )
            )
    return tuple(cells)


def table_rows(summary: list[dict[str, Any]], keys: list[str]) -> tuple[list[str], list[list[str]]]:
    """The printed (and reported) table: header and one line per cell."""
    from wargame.research.study import rate_text

    header = [*keys, "games", "peace", "war", "armed clash", "mean T", "final T", "ES a", "ES b"]
    lines = []
    for r in summary:
        lines.append(
            [
                *(str(r[k]) for k in keys),
                str(r["games"]),
                rate_text(r, "peace"),
                rate_text(r, "war"),
                rate_text(r, "armed_clash"),
                f"{r['mean_tension']:.1f}±{r['mean_tension_pm']:.1f}",
                f"{r['final_tension']:.1f}±{r['final_tension_pm']:.1f}",
                f"{r['escalation_a']:.1f}",
                f"{r.get('escalation_b', float('nan')):.1f}",
            ]
        )
    return header, lines


def print_table(title: str, header: list[str], lines: list[list[str]], keys: int) -> None:
    """Print the table with Rich (to stdout; plain text when it is not a terminal)."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, header_style="bold")
    for k, h in enumerate(header):
        table.add_column(h, justify="left" if k < keys else "right", no_wrap=k < keys)
    for line in lines:
        table.add_row(*line)
    import sys

    wide = None if sys.stdout.isatty() else 200  # a file or pipe gets every column, uncut
    Console(width=wide, markup=False, highlight=False).print(table)
