"""Two branches of one game, week by week: a fork (:mod:`wargame.fork`) against its parent.

Pure: the caller finds and loads the parent (:func:`find_parent` only names where it should be).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from wargame.analysis.faclog import class_outcome_words
from wargame.game import Game

if TYPE_CHECKING:
    from wargame.analysis.debrief import Comparison


def find_parent(game: Game, folders: str | Path | Sequence[str | Path] | None) -> Path | None:
    """Where the parent of a fork is: its recorded file name in the first of ``folders`` (the
    fork's own folder first) that holds it; None if ``game`` is no fork or no folder holds it."""
    origin = game.forked_from
    if origin is None or folders is None:
        return None
    name = Path(origin.file).name
    if not name or name in (".", ".."):
        return None
    for folder in [folders] if isinstance(folders, (str, Path)) else folders:
        path = Path(folder) / name
        if path.is_file():
            return path
    return None


def load_parent(game: Game, folders: str | Path | Sequence[str | Path] | None) -> tuple[Game | None, str]:
    """(the parent game, "") or (None, why not) for a fork, its parent looked for in ``folders``."""
    from wargame.errors import InputError, printable

    origin = game.forked_from
    if origin is None:
        return None, ""
    path = find_parent(game, folders)
    if path is None:
        return None, f"the parent game {printable(origin.file, 120)} was not found beside this one"
    try:
        return Game.load(path, game.scenario), ""
    except InputError as exc:
        return None, f"the parent game {printable(origin.file, 120)} could not be read ({exc.expected})"


def _rivals(game: Game, side: str) -> tuple[str, ...]:
    mine = [b if a == side else a for a, b in game.rules.principal_pairs if side in (a, b)]
    return tuple(mine) or tuple(a for a in game.rules.actor_ids if a != side)


def compare(game: Game, parent: Game | None, side: str, note: str = "") -> Comparison:
    """The :class:`~wargame.analysis.debrief.Comparison` of the fork ``game`` with ``parent``."""
    from wargame.analysis.debrief import CompareWeek, Comparison

    origin = game.forked_from
    assert origin is not None
    week = origin.week
    rivals = _rivals(game, side)
    if parent is None:
        return Comparison(origin.file, week, side, rivals, note=note or "the parent game is not at hand")
    if (
        parent.scenario.id != game.scenario.id
        or parent.seed != game.seed
        or parent.round < week
        or [r.orders for r in parent.record.rounds[:week]] != [r.orders for r in game.record.rounds[:week]]
    ):
        return Comparison(
            origin.file,
            week,
            side,
            rivals,
            note=f"{origin.file} is not the game this one was forked from (its first {week} weeks differ)",
        )
    ps, bs = parent.states, game.states
    weeks = []
    first_change = None
    for w in range(max(len(ps), len(bs))):
        p = ps[w] if w < len(ps) else None
        b = bs[w] if w < len(bs) else None
        pt = p.tension_history[-1] if p is not None else None
        bt = b.tension_history[-1] if b is not None else None
        # only weeks both games have: a week one of them has not reached is no difference yet
        if first_change is None and w > week and pt is not None and bt is not None and int(pt) != int(bt):
            first_change = w
        weeks.append(
            CompareWeek(
                week=w,
                parent_tension=pt,
                branch_tension=bt,
                parent_trust=tuple(p.trust(side, r) if p is not None else None for r in rivals),
                branch_trust=tuple(b.trust(side, r) if b is not None else None for r in rivals),
                shared=w <= week,
            )
        )
    return Comparison(
        parent=origin.file,
        week=week,
        side=side,
        rivals=rivals,
        parent_outcome=class_outcome_words(parent),
        branch_outcome=class_outcome_words(game),
        parent_final=parent.state.tension,
        branch_final=game.state.tension,
        weeks=tuple(weeks),
        first_change=first_change,
        both_weeks=min(len(ps), len(bs)) - 1,
    )
