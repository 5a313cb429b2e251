"""Recent games: every game the autosave held is kept, never overwritten, and listed from an index.

The autosave (``saves/autosave.json``) holds the game being played. Before anything else is
written over it (a new game, a loaded or forked one, a rematch, another wargame process in the
same folder), the game it holds is *kept*: copied to ``saves/recent/`` under a name of its own
and added to a small index, ``saves/recent/.index.json``. So a student who leaves Korea for Cuba,
finishes Cuba and starts a third game still finds Korea and Cuba under "Recent games".

A class is kept even before its first week (its teams, PIN and sealed orders are work to lose).
Kept once, kept once only: a record whose weeks another kept record (or the game replacing it)
already holds, in the same game, is not copied again; a kept record is replaced only by a record
of the same game that holds all its weeks (played on further). "The same game" means the same
scenario, model version, settings, seed, fork origin and class: see :func:`lineage`. An empty
game (no week played) is nothing to lose and is not kept; an unreadable autosave is kept as it
is (it may still be mended by hand).

The index (:class:`RecentIndex`) is a cache of what the files say, so that the title screen lists
the kept games without reading them: at most :data:`MAX_INDEX` games, written atomically. An
index that is missing, corrupt or out of date (a file added, changed or removed by hand, or by
another process) is mended from the files themselves on the next read, without crashing; files
beyond the newest :data:`MAX_INDEX` stay on disk, and Load game lists them.

Nothing here imports Textual; :mod:`wargame.tui` calls :func:`keep` and :func:`recent_games`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from wargame import files
from wargame.errors import InputError, printable

RECENT_DIR = "recent"
"""The folder, inside the save folder, that holds the kept games."""
INDEX_NAME = ".index.json"
"""The index file inside :data:`RECENT_DIR` (a dot file: the load screen does not list it)."""
MAX_INDEX = 100
"""The most games the index lists (the newest kept); older files stay on disk."""
MAX_INDEX_BYTES = 1024 * 1024
"""The largest index read (bytes): 100 entries take about 40 KiB."""

Status = Literal["unfinished", "finished", "unknown", "unreadable"]

_lock = threading.Lock()  # one read-modify-write of the index at a time in this process


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)


class KeptGame(_Model):
    """One kept game, as the index describes it (from its file, when it was kept or checked)."""

    file: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]*\.json$", max_length=160)
    """The file's name in ``saves/recent/``."""
    status: Status
    """``unfinished`` (it can be continued), ``finished`` (its debrief), ``unknown`` (it cannot be
    replayed here: another scenario version, say) or ``unreadable`` (not a record)."""
    scenario: str = Field(default="", max_length=40)
    """Scenario id."""
    humans: list[str] = Field(default_factory=list, max_length=8)
    """The human sides (two or more: a class)."""
    rounds: int = Field(default=0, ge=0, le=100_000)
    """Rounds (weeks) played."""
    round_limit: int = Field(default=0, ge=0, le=100_000)
    """The game's last round (0: unknown)."""
    unit: str = Field(default="week", max_length=20)
    """What a round is called in this scenario (week, day)."""
    outcome: str = Field(default="", max_length=120)
    """How a finished game ended, in words ("" while unfinished)."""
    seed: int | None = Field(default=None, ge=0)
    """The seed (None for a class: its seed decides nothing, and is not shown)."""
    fork: str = Field(default="", max_length=200)
    """For a fork, ``<parent file> at week N``; else ""."""
    problem: str = Field(default="", max_length=300)
    """Why an unreadable or unknown file cannot be opened here."""
    kept_at: str = Field(default="", max_length=40)
    """When it was kept (local time, ISO 8601 to the second)."""
    scenario_sha256: str = Field(default="", max_length=64)
    """The SHA-256 of the scenario file the record was made for ("" when unknown)."""
    lineage: str = Field(default="", max_length=64)
    """Which game it is (:func:`lineage`); "" for an unreadable file."""
    size: int = Field(default=0, ge=0)
    mtime_ns: int = Field(default=0, ge=0)
    """The file's size and modification time when it was described (a change: described again)."""

    @property
    def is_class(self) -> bool:
        """Two or more human teams: a classroom game."""
        return len(self.humans) >= 2

    def summary(self) -> str:
        """One line: scenario, side, weeks, status (escaped: safe on a terminal)."""
        if self.status == "unreadable":
            return printable(f"{self.file}: unreadable ({self.problem})", 200)
        side = f"class of {len(self.humans)} teams" if self.is_class else (",".join(self.humans) or "AI only")
        of = f" of {self.round_limit}" if self.round_limit else ""
        parts = [self.scenario, side, f"{self.unit} {self.rounds}{of}"]
        if self.seed is not None:
            parts.append(f"seed {self.seed}")
        if self.status == "finished":
            parts.append(f"finished: {self.outcome}" if self.outcome else "finished")
        elif self.status == "unknown":
            parts.append("cannot be replayed here")
        if self.fork:
            parts.append(f"what if from {self.fork}")
        return printable(" · ".join(parts), 200)


class RecentIndex(_Model):
    """The index of ``saves/recent/``: the newest kept games first."""

    version: Literal[1] = 1
    """Version of this format."""
    games: list[KeptGame] = Field(default_factory=list, max_length=MAX_INDEX)
    """The kept games, newest first."""


@dataclass(frozen=True)
class Kept:
    """What :func:`keep` did: the file written and its description (for the message)."""

    path: Path
    game: KeptGame
    replaced: tuple[str, ...] = ()
    """Kept files it replaced (earlier weeks of the same game)."""

    def message(self) -> str:
        """An honest one-line notice: what was kept, and where to find it."""
        g = self.game
        if g.status == "unreadable":
            return printable(
                f"The autosave could not be read; it was kept as recent/{g.file} (Load game).", 300
            )
        what = {"unfinished": "unfinished game", "finished": "finished game"}.get(g.status, "game")
        if g.is_class:
            what = f"{what.split()[0]} class" if g.status != "unknown" else "class"
        where = "continue it from Recent games" if g.status == "unfinished" else "Recent games lists it"
        return printable(f"Your {what} ({g.summary()}) was kept: {where} on the title screen.", 400)


def recent_dir(save_dir: str | Path) -> Path:
    """``save_dir/recent``: where kept games are."""
    return Path(save_dir) / RECENT_DIR


def index_path(save_dir: str | Path) -> Path:
    """The index file."""
    return recent_dir(save_dir) / INDEX_NAME


def is_kept_file(save_dir: str | Path, path: str | Path) -> bool:
    """True if ``path`` is a file in ``save_dir/recent`` (never raises)."""
    try:
        return Path(path).resolve().parent == recent_dir(save_dir).resolve()
    except OSError:
        return False


# --- what a record is -----------------------------------------------------------------------------


def lineage(raw: dict[str, Any]) -> str:
    """Which game a parsed record is: a digest of what stays the same while it is played (the
    scenario id, model version, settings, seed, fork origin, class id and title). Two records of
    one lineage differ only in the rounds played (and a class's sealed secrets)."""
    box = raw.get("classroom")
    key = {
        "scenario": (raw.get("scenario") or {}).get("id"),
        "model": raw.get("model_version", 1),
        "settings": raw.get("settings"),
        "seed": raw.get("seed"),
        "forked_from": raw.get("forked_from"),
        "class": box.get("id") if isinstance(box, dict) else None,
        "title": raw.get("title", ""),
    }
    return hashlib.sha256(json.dumps(key, sort_keys=True, default=str).encode()).hexdigest()[:32]


def _parse(data: bytes, source: str | Path) -> dict[str, Any]:
    """The record's JSON (checked against the bounds of :mod:`wargame.files`). Raises InputError."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(source, "", "not UTF-8 text") from None
    files.check_json(text, source)
    try:
        raw = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise InputError(source, "", f"not valid JSON ({exc})") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("rounds", []), list):
        raise InputError(source, "", "not a wargame record")
    return raw


def contains(outer: dict[str, Any], inner: dict[str, Any]) -> bool:
    """True if ``outer`` holds every week of ``inner``: the same game (:func:`lineage`) with
    ``inner``'s rounds as its first rounds."""
    if lineage(outer) != lineage(inner):
        return False
    a, b = outer.get("rounds") or [], inner.get("rounds") or []
    return len(a) >= len(b) and a[: len(b)] == b


def describe(data: bytes, name: str, size: int = 0, mtime_ns: int = 0) -> KeptGame:
    """Describe a record's bytes for the index (replays it to learn whether it has ended; a
    class still sealed is unfinished by definition). Never raises."""
    try:
        raw = _parse(data, name)
    except InputError as exc:
        return KeptGame(
            file=name, status="unreadable", problem=printable(exc.expected, 300), size=size, mtime_ns=mtime_ns
        )
    settings: dict[str, Any] = raw["settings"] if isinstance(raw.get("settings"), dict) else {}
    humans = [printable(str(h), 20) for h in (settings.get("humans") or [])[:8]]
    box = raw.get("classroom") if isinstance(raw.get("classroom"), dict) else None
    origin = raw.get("forked_from") if isinstance(raw.get("forked_from"), dict) else None
    seed = raw.get("seed")
    out: dict[str, Any] = {
        "file": name,
        "status": "unknown",
        "scenario": printable(str((raw.get("scenario") or {}).get("id", "?")), 40),
        "scenario_sha256": str((raw.get("scenario") or {}).get("sha256", ""))[:64],
        "humans": humans,
        "rounds": len(raw.get("rounds") or []),
        "round_limit": settings.get("rounds") if isinstance(settings.get("rounds"), int) else 0,
        "seed": seed if isinstance(seed, int) and seed >= 0 and box is None else None,
        "fork": printable(f"{origin.get('file', '?')} at week {origin.get('week', '?')}", 200)
        if origin
        else "",
        "lineage": lineage(raw),
        "size": size,
        "mtime_ns": mtime_ns,
    }
    if box is not None and not box.get("ended"):
        out["status"] = "unfinished"  # sealed: its outcome is the class's secret until it ends
        return _entry(out)
    try:
        from wargame.analysis.ledger import outcome_words
        from wargame.analysis.vocab import round_unit
        from wargame.game import Game
        from wargame.record import io as record_io

        game = Game.from_record(record_io.parse(data.decode("utf-8"), name), source=name)
        out["round_limit"] = game.round_limit
        out["unit"] = round_unit(game.rules)
        if game.is_over:
            out["status"] = "finished"
            out["outcome"] = printable(outcome_words(game), 120)
        else:
            out["status"] = "unfinished"
    except InputError as exc:
        out["problem"] = printable(exc.expected, 300)
    except Exception as exc:
        out["problem"] = printable(f"{type(exc).__name__}: {exc}", 300)
    return _entry(out)


def _entry(fields: dict[str, Any]) -> KeptGame:
    try:
        return KeptGame.model_validate(fields)
    except ValidationError:  # a value out of the index's bounds (a hand-made file): say so
        return KeptGame(
            file=fields["file"],
            status="unreadable",
            problem="fields outside what a wargame record holds",
            size=fields.get("size", 0),
            mtime_ns=fields.get("mtime_ns", 0),
        )


# --- the index ------------------------------------------------------------------------------------


def _read_index(save_dir: Path) -> RecentIndex | None:
    """The index as stored, or None when it is missing, too big or not valid (never raises)."""
    try:
        data = files.read_bounded(index_path(save_dir), MAX_INDEX_BYTES, "recent-games index")
        text = data.decode("utf-8")
        files.check_json(text, index_path(save_dir))
        return RecentIndex.model_validate_json(text)
    except (InputError, UnicodeDecodeError, ValidationError, ValueError, RecursionError):
        return None


def _write_index(save_dir: Path, index: RecentIndex) -> None:
    """Write the index atomically (a failure is ignored: the next read mends it from the files)."""
    with contextlib.suppress(OSError):
        files.atomic_write(index_path(save_dir), index.model_dump_json(indent=1) + "\n")


def _scan(folder: Path) -> dict[str, os.stat_result]:
    """The record files in ``folder`` (not the index or temporary files), by name."""
    out: dict[str, os.stat_result] = {}
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return out
    for entry in entries:
        if entry.name.startswith(".") or not entry.name.endswith(".json"):
            continue
        with contextlib.suppress(OSError):
            if entry.is_file(follow_symlinks=False):
                out[entry.name] = entry.stat(follow_symlinks=False)
    return out


def _sorted(games: list[KeptGame]) -> list[KeptGame]:
    """Newest first, bounded: finished and unreadable games leave the index before unfinished ones."""
    games = sorted(games, key=lambda g: (g.kept_at, g.mtime_ns), reverse=True)
    while len(games) > MAX_INDEX:
        drop = next((g for g in reversed(games) if g.status != "unfinished"), games[-1])
        games.remove(drop)
    return games


def _mended(save_dir: Path, index: RecentIndex | None) -> tuple[list[KeptGame], bool]:
    """The index's games checked against the files: gone files dropped, changed or new ones
    described (only the newest :data:`MAX_INDEX` files). Returns the games and whether they changed."""
    folder = recent_dir(save_dir)
    on_disk = _scan(folder)
    known = {g.file: g for g in (index.games if index is not None else [])}
    changed = index is None
    games: list[KeptGame] = []
    newest = sorted(on_disk, key=lambda n: on_disk[n].st_mtime_ns, reverse=True)[:MAX_INDEX]
    for name in set(newest) | (set(known) & set(on_disk)):
        st = on_disk[name]
        g = known.get(name)
        if g is not None and g.size == st.st_size and g.mtime_ns == st.st_mtime_ns:
            games.append(g)
            continue
        changed = True
        try:
            data = files.read_bounded(folder / name, files.MAX_RECORD_BYTES, "wargame record")
        except InputError as exc:
            described = KeptGame(
                file=name, status="unreadable", problem=printable(exc.expected, 300), size=st.st_size
            )
        else:
            described = describe(data, name, st.st_size, st.st_mtime_ns)
        stamp = g.kept_at if g is not None else _stamp(st.st_mtime_ns / 1e9)
        games.append(described.model_copy(update={"kept_at": stamp}))
    if set(known) - set(on_disk):
        changed = True
    return _sorted(games), changed


def recent_games(save_dir: str | Path) -> list[KeptGame]:
    """The kept games, newest first, from the index (mended from the files when it is missing,
    corrupt or out of date, and then rewritten). Never raises."""
    save_dir = Path(save_dir)
    if not recent_dir(save_dir).is_dir():
        return []
    with _lock:
        games, changed = _mended(save_dir, _read_index(save_dir))
        if changed:
            _write_index(save_dir, RecentIndex(games=games))
    return games


# --- keeping --------------------------------------------------------------------------------------


def _stamp(when: float | None = None) -> str:
    moment = dt.datetime.fromtimestamp(when) if when is not None else dt.datetime.now()
    return moment.strftime("%Y-%m-%dT%H:%M:%S")


def _file_name(folder: Path, game: KeptGame) -> Path:
    who = "class" if game.is_class else ("-".join(game.humans) or "ai")
    stem = f"{game.scenario}-{who}-{game.unit}{game.rounds:02d}-{dt.datetime.now():%Y%m%d-%H%M%S}"
    if game.status == "unreadable":
        stem = f"unreadable-autosave-{dt.datetime.now():%Y%m%d-%H%M%S}"
    stem = re.sub(r"[^A-Za-z0-9_\-]+", "-", stem).strip("-")[:100] or "game"
    path, k = folder / f"{stem}.json", 2
    while path.exists():
        path, k = folder / f"{stem}-{k}.json", k + 1
    return path


def keep(save_dir: str | Path, data: bytes, also_in: tuple[bytes, ...] = ()) -> Kept | None:
    """Keep a record (the autosave's bytes, about to be overwritten) in ``save_dir/recent``.

    Nothing is written when the record is an empty game (no week played), or when its weeks are
    already held, in the same game, by a kept record or by one of ``also_in`` (the record about
    to replace it, the file being opened). Kept records of the same game whose weeks this one
    holds are replaced by it. An unreadable record is kept as it is.

    Returns:
        What was kept, or None.

    Raises:
        OSError: the kept file could not be written (the autosave must then not be overwritten).
    """
    save_dir = Path(save_dir)
    folder = recent_dir(save_dir)
    try:
        raw: dict[str, Any] | None = _parse(data, "autosave")
    except InputError:
        raw = None
    if raw is not None:
        if not raw.get("rounds") and raw.get("classroom") is None:
            return None  # an empty game is nothing to lose (a class is: its teams, PIN, sealed orders)
        for other in also_in:
            try:
                if contains(_parse(other, "record"), raw):
                    return None
            except InputError:
                continue
    with _lock:
        games, _ = _mended(save_dir, _read_index(save_dir))
        replaced: list[KeptGame] = []
        if raw is not None:
            mine = lineage(raw)
            for g in games:
                if g.lineage != mine:
                    continue
                try:
                    kept = _parse(
                        files.read_bounded(folder / g.file, files.MAX_RECORD_BYTES, "record"), g.file
                    )
                except InputError:
                    continue
                if contains(kept, raw):
                    return None  # already kept, as far or further
                if contains(raw, kept):
                    replaced.append(g)
        name_hint = describe(data, "pending.json")
        path = _file_name(folder, name_hint)
        files.atomic_write(path, data)
        st = path.stat()
        entry = name_hint.model_copy(
            update={"file": path.name, "kept_at": _stamp(), "size": st.st_size, "mtime_ns": st.st_mtime_ns}
        )
        games = _sorted([entry] + [g for g in games if g not in replaced])
        _write_index(save_dir, RecentIndex(games=games))
        for g in replaced:
            with contextlib.suppress(OSError):
                (folder / g.file).unlink()
    return Kept(path, entry, tuple(g.file for g in replaced))


def keep_by_moving(save_dir: str | Path, path: str | Path) -> Kept:
    """Keep a file too big (or too broken) to read by moving it, as it is, into ``save_dir/recent``.

    Raises:
        OSError: it could not be moved.
    """
    save_dir, path = Path(save_dir), Path(path)
    folder = recent_dir(save_dir)
    folder.mkdir(parents=True, exist_ok=True)
    entry = KeptGame(file="unreadable.json", status="unreadable", problem="too large or unreadable")
    target = _file_name(folder, entry)
    path.replace(target)
    st = target.stat()
    entry = entry.model_copy(
        update={"file": target.name, "kept_at": _stamp(), "size": st.st_size, "mtime_ns": st.st_mtime_ns}
    )
    with _lock:
        games, _ = _mended(save_dir, _read_index(save_dir))
        _write_index(save_dir, RecentIndex(games=games))
    return Kept(target, entry)


def forget(save_dir: str | Path, path: str | Path, holder: bytes) -> bool:
    """Remove a kept file once its game is back in the autosave (continued from Recent games),
    but only if ``holder`` (what the autosave now holds) has every week of it. Never raises."""
    save_dir, path = Path(save_dir), Path(path)
    if not is_kept_file(save_dir, path):
        return False
    try:
        if not contains(_parse(holder, "autosave"), _parse(path.read_bytes(), path)):
            return False
    except (InputError, OSError):
        return False
    with _lock:
        try:
            path.unlink()
        except OSError:
            return False
        games, _ = _mended(save_dir, _read_index(save_dir))
        _write_index(save_dir, RecentIndex(games=games))
    return True
