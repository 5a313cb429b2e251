"""Where saves go, and what the load screen lists.

The default folder is ``./saves/`` (design.md). When it cannot be created or written (a read-only
checkout, a classroom share), the user's data folder is used instead (platformdirs). The autosave
is ``autosave.json`` in that folder, rewritten atomically after every week, so a killed terminal
resumes at the week it reached. Before another game is written over it, the game it held is kept in
``recent/`` (:mod:`wargame.recent`), which the title screen's Recent games lists. Listing reads each file's JSON header only; nothing is modified.
A file is listed only up to :data:`PEEK_LIMIT` bytes and within the nesting limits of
:mod:`wargame.files` (a bigger one is listed as such and may still be opened by its path); what a
list shows of a file (its name, title, scenario, sides) is made safe to print on a terminal.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from rich.text import Text

from wargame import files
from wargame.errors import InputError, printable

AUTOSAVE_NAME = "autosave.json"
PEEK_LIMIT = 4 * 1024 * 1024
"""The largest file a list of saves reads (bytes); real saves are well under 1 MiB."""


def writable_dir(path: Path) -> bool:
    """True if ``path`` exists or can be created, and a file can be written in it."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return os.access(path, os.W_OK | os.X_OK)


def default_save_dir() -> Path:
    """``./saves`` if writable, else ``<user data dir>/wargame/saves`` (created on demand)."""
    local = Path("saves")
    if writable_dir(local):
        return local
    import platformdirs

    return Path(platformdirs.user_data_dir("wargame", appauthor=False)) / "saves"


def autosave_path(folder: Path) -> Path:
    """The autosave file in ``folder``."""
    return folder / AUTOSAVE_NAME


def suggested_name(scenario: str, side: str, seed: int, week: int) -> str:
    """A save file name such as ``korea-2022-ROK-seed7-week03.json`` (safe characters only)."""
    stem = re.sub(r"[^A-Za-z0-9_\-]+", "-", f"{scenario}-{side}-seed{seed}-week{week:02d}")
    return f"{stem}.json"


@dataclass(frozen=True, slots=True)
class SaveInfo:
    """One file the load screen offers.

    Attributes:
        path: the file; modified: its modification time.
        scenario: scenario id in the record ("?" when unreadable).
        humans: the human sides; rounds: weeks recorded; seed: the seed (-1 when unreadable).
        title: the record's title (replays), or "".
        problem: why the file looks unusable ("" when it looks like a record).
    """

    path: Path
    modified: datetime
    scenario: str
    humans: tuple[str, ...]
    rounds: int
    seed: int
    title: str
    problem: str

    @property
    def label(self) -> Text:
        """Two lines for a list: the title or file name, then scenario, side, rounds and date."""
        when = self.modified.strftime("%Y-%m-%d %H:%M")
        name = printable(self.path.name, 80)
        if self.problem:
            return Text.assemble((name, "bold"), "\n", (f"  {self.problem}", "italic"))
        side = ",".join(self.humans) or "AI only"
        where = f"{name} · " if self.title else ""
        return Text.assemble(
            (self.title or name, "bold"),
            "\n",
            (f"  {where}{self.scenario} · {side} · {self.rounds} rounds · {when}", "dim"),
        )


def peek(path: Path) -> SaveInfo:
    """Read a record's header fields without validating or replaying it (never raises)."""
    try:
        stat = path.stat()
        modified = datetime.fromtimestamp(stat.st_mtime)
    except OSError:
        modified = datetime.fromtimestamp(0)
    try:
        text = files.read_bounded(path, PEEK_LIMIT, "list of saves").decode("utf-8")
        files.check_json(text, path)
        raw = json.loads(text)
        if not isinstance(raw, dict) or "schema_version" not in raw:
            raise ValueError("not a wargame record")
        settings = raw.get("settings") or {}
        return SaveInfo(
            path=path,
            modified=modified,
            scenario=printable((raw.get("scenario") or {}).get("id", "?"), 40),
            humans=tuple(printable(h, 20) for h in (settings.get("humans") or ())[:8]),
            rounds=len(raw.get("rounds") or ()),
            seed=int(raw.get("seed", -1)),
            title=printable(raw.get("title") or "", 80),
            problem="",
        )
    except InputError as exc:
        return SaveInfo(path, modified, "?", (), 0, -1, "", printable(exc.expected, 120))
    except (OSError, ValueError, TypeError, AttributeError, RecursionError):
        return SaveInfo(path, modified, "?", (), 0, -1, "", "unreadable or not a wargame record")


def list_records(*folders: Path) -> list[SaveInfo]:
    """``*.json`` files in the given folders (missing folders are skipped; dot files such as the
    recent games' index are not records), newest first."""
    found: dict[Path, SaveInfo] = {}
    for folder in folders:
        if not folder.is_dir():
            continue
        for p in folder.glob("*.json"):
            if p.name.startswith("."):
                continue
            found.setdefault(p.resolve(), peek(p))
    return sorted(found.values(), key=lambda s: s.modified, reverse=True)
