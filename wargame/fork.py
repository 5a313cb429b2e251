"""What if, from week N: a new game holding a recorded game's first N rounds, played on from there.

A fork keeps the parent's scenario, seed and every recorded order of weeks 1..N (AI orders
included), so those weeks replay exactly; the weeks after are new. The other states' AI settings
(their doctrines) may change for the weeks after: the seed stays, so hidden types and chance are
the parent's. The fork's record names its parent file and the week it left
(:class:`~wargame.record.models.ForkOrigin`); it is written to a new file, never over its parent.

Used by ``wargame fork`` and by "play on from this week" in the replay viewer and the debrief.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from wargame.errors import InputError
from wargame.game import Game
from wargame.record.models import ForkOrigin

SCENARIO_DOCTRINE = ""
"""A doctrine value meaning "the scenario's, by hidden type" (the override is removed)."""


def fork_game(
    game: Game,
    week: int,
    parent: str | Path,
    *,
    side: str | None = None,
    doctrines: Mapping[str, str] | None = None,
    source: str = "command line",
) -> Game:
    """A new game with ``game``'s first ``week`` rounds, played by one person as ``side``.

    Args:
        game: the recorded game (any round count; a classroom game is refused).
        week: rounds kept (0: from the opening).
        parent: the file ``game`` was read from (only its name is recorded).
        side: the side played on (default: the record's human side).
        doctrines: new doctrines by actor for the weeks after (``""``: the scenario's, by
            hidden type); actors not named keep theirs.
        source: where the arguments came from, for error messages.

    Raises:
        InputError: a classroom game; no side; an unknown actor, side or doctrine; a week outside
            0..rounds played; or a week at which the game had already ended.
    """
    from wargame.engine.doctrines import DOCTRINES

    ids = game.rules.actor_ids
    opt = "--" if source == "command line" else ""  # the places named as the options that gave them
    if len(game.humans) >= 2 or game.stream_key is not None:
        raise InputError(
            str(parent), "", "a classroom game cannot be forked (its chance is the class's secret key)"
        )
    if side is None:
        if not game.humans:
            raise InputError(
                source, f"{opt}side", f"the record has no human side: name one of {', '.join(ids)}"
            )
        side = game.humans[0]
    if side not in game.rules.actor_by_id:
        raise InputError(source, f"{opt}side", f"unknown side {side!r}; expected one of {', '.join(ids)}")
    if not 0 <= week <= game.round:
        raise InputError(
            source, f"{opt}week", f"expected a week from 0 to {game.round} (weeks recorded), got {week}"
        )
    new_doctrines: dict[str, str] = dict(game.settings.doctrines)
    for actor, name in (doctrines or {}).items():
        if actor not in game.rules.actor_by_id:
            raise InputError(
                source, f"{opt}policy {actor}", f"unknown actor; expected one of {', '.join(ids)}"
            )
        if actor == side:
            raise InputError(
                source, f"{opt}policy {actor}", f"{actor} is the side played by you, not by the AI"
            )
        if name == SCENARIO_DOCTRINE:
            new_doctrines.pop(actor, None)
        elif name in DOCTRINES:
            new_doctrines[actor] = name
        else:
            raise InputError(
                source,
                f"{opt}policy {actor}={name}",
                f"unknown doctrine; expected one of {', '.join(DOCTRINES)}",
            )
    from pydantic import ValidationError

    from wargame.errors import from_validation_error
    from wargame.record.models import Settings

    data = game.settings.model_dump() | {"humans": [side], "teams": {}, "doctrines": new_doctrines}
    try:
        settings = Settings.model_validate(data)
    except ValidationError as exc:
        raise from_validation_error(source, exc) from None
    record = game.fork(week).record.model_copy(
        update={
            "settings": settings,
            "title": "",
            "description": "",
            "checkpoints": [],
            "facilitator": [],
            "classroom": None,
            "forked_from": ForkOrigin(file=Path(parent).name[:255] or "?", week=week),
        }
    )
    forked = Game.from_record(record, game.scenario, source=str(parent))
    if forked.is_over:
        outcome = forked.state.outcome
        how = str(getattr(outcome, "value", outcome)).replace("_", " ")
        raise InputError(
            source,
            f"{opt}week",
            f"the game had ended by week {week} ({how}): fork at week {max(0, week - 1)} or earlier",
        )
    return forked


_FORK_TAIL = re.compile(r"-fork-week\d+(-\d+)?$")


def fork_path(parent: str | Path, week: int, folder: str | Path | None = None) -> Path:
    """A new file for a fork of ``parent`` at ``week``: ``<parent>-fork-week03.json`` in
    ``folder`` (default: the parent's), numbered ``-2``, ``-3``… so no file is ever overwritten."""
    parent = Path(parent)
    where = Path(folder) if folder is not None else parent.parent
    stem = _FORK_TAIL.sub("", parent.stem) or "game"
    base = f"{stem}-fork-week{week:02d}"
    path = where / f"{base}.json"
    k = 2
    while path.exists():
        path = where / f"{base}-{k}.json"
        k += 1
    return path
