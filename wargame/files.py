"""Reading user files within bounds, and writing files atomically. No pydantic, no Textual.

Every file a user hands to wargame (a scenario, a save, a replay) is checked before it is parsed,
so that a hostile or broken file is rejected quickly with the usual one-line
:class:`~wargame.errors.InputError` instead of a stall or a ``RecursionError``:

=================  ===========================================================================
limit              value (far above any real file)
=================  ===========================================================================
record size        :data:`MAX_RECORD_BYTES` (16 MiB; a 500-round classroom game is about 1 MiB)
scenario size      :data:`MAX_SCENARIO_BYTES` (2 MiB; the bundled scenarios are under 80 KiB)
nesting depth      :data:`MAX_DEPTH` arrays/objects/tables inside each other (real files: 6)
string length      :data:`MAX_STRING` characters in one string (real files: a few hundred)
dotted key parts   :data:`MAX_KEY_PARTS` parts in one TOML dotted key or table header (real: 3)
=================  ===========================================================================

Saves are written through :func:`atomic_write`: a uniquely named temporary file in the same
folder (its name carries the writing process's id), fsynced, then renamed over the target.
Temporary files left by a process that was killed mid-save are removed by the next save to that
folder (:func:`clean_stale_temporaries`); a file whose process is still running is left alone.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
import tomllib
from pathlib import Path
from typing import Any

from wargame.errors import InputError

MAX_RECORD_BYTES = 16 * 1024 * 1024
MAX_SCENARIO_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 32
MAX_STRING = 100_000
MAX_KEY_PARTS = 16


def read_bounded(path: str | Path, limit: int, kind: str) -> bytes:
    """Read at most ``limit`` bytes of ``path``; a larger file is refused before it is read.

    Raises:
        InputError: unreadable, or larger than ``limit`` (``kind`` names what it should be).
    """
    path = Path(path)
    try:
        with open(path, "rb") as fh:
            try:
                size = os.fstat(fh.fileno()).st_size
            except OSError:
                size = 0
            if size > limit:
                raise InputError(path, "", _too_big(size, limit, kind))
            data = fh.read(limit + 1)  # a pipe or special file reports no size: read one byte past
    except OSError as exc:
        raise InputError(path, "", f"cannot read file ({exc.strerror or exc})") from None
    if len(data) > limit:
        raise InputError(path, "", _too_big(len(data), limit, kind))
    return data


def _too_big(size: int, limit: int, kind: str) -> str:
    what = f"{size / 2**20:.1f} MiB" if size > limit else f"more than {limit} bytes"
    return f"file too large for a {kind} ({what}; the limit is {limit // 2**20} MiB)"


# --- JSON -----------------------------------------------------------------------------------------

_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


def _depth_exceeds(brackets: str, limit: int) -> bool:
    """True when a string of ``[`` and ``]`` nests deeper than ``limit`` (unmatched openers count).

    Each pass removes every innermost pair, so a pair left after ``limit`` passes sits deeper."""
    for _ in range(limit):
        if "[]" not in brackets:
            break
        brackets = brackets.replace("[]", "")
    return "[]" in brackets or brackets.count("[") > limit


def check_json(text: str, source: str | Path) -> None:
    """Check JSON text against :data:`MAX_DEPTH` and :data:`MAX_STRING` before it is parsed.

    Linear time, whatever the text (strings are found by splitting on quotes once escapes are
    removed; brackets inside strings are ignored).

    Raises:
        InputError: nested too deep, or a string too long.
    """
    plain = text.replace("\\\\", "").replace('\\"', "")  # JSON escapes, read left to right
    parts = plain.split('"')
    strings = parts[1::2]
    if strings and max(map(len, strings)) > MAX_STRING:
        raise InputError(
            source, "", f"a string longer than {MAX_STRING:,} characters: is this a wargame file?"
        )
    outside = "".join(parts[0::2])
    brackets = _NOT_BRACKET.sub("", outside).replace("{", "[").replace("}", "]")
    if _depth_exceeds(brackets, MAX_DEPTH):
        raise InputError(source, "", f"nested more than {MAX_DEPTH} levels deep: is this a wargame file?")


# --- TOML -----------------------------------------------------------------------------------------

# Strings and comments, each matched in time linear in what it covers: a basic string that is not
# closed ends at the line's end (possessive loop: no backtracking), so no input is quadratic.
_TOML_SKIP = re.compile(
    r'"""[\s\S]*?"""|' r"'''[\s\S]*?'''|" r'"(?:[^"\\\n]|\\[\s\S])*+\\?(?:"|\n|\Z)|' r"'[^'\n]*'|" r"#[^\n]*"
)
_TOML_LONG_KEY = re.compile(r"(?:\.[ \t]*[\w\-]+[ \t]*){" + str(MAX_KEY_PARTS) + "}")


def check_toml(text: str, source: str | Path) -> None:
    """Check TOML text against :data:`MAX_DEPTH`, :data:`MAX_STRING` and :data:`MAX_KEY_PARTS`
    before ``tomllib`` parses it (``tomllib`` recurses on nesting and takes quadratic time on
    long dotted keys).

    Raises:
        InputError: nested too deep, a string too long, or a dotted key with too many parts.
    """
    longest = 0

    def placeholder(m: re.Match[str]) -> str:
        nonlocal longest
        if m.group().startswith("#"):
            return ""
        longest = max(longest, m.end() - m.start())
        return "s\n" if m.group().endswith("\n") else "s"

    stripped = _TOML_SKIP.sub(placeholder, text)
    if longest > MAX_STRING:
        raise InputError(source, "", f"a string longer than {MAX_STRING:,} characters: is this a scenario?")
    if _TOML_LONG_KEY.search(stripped):
        raise InputError(
            source,
            "",
            f"a dotted key or table header of more than {MAX_KEY_PARTS} parts: is this a scenario?",
        )
    brackets = _NOT_BRACKET.sub("", stripped).replace("{", "[").replace("}", "]")
    if _depth_exceeds(brackets, MAX_DEPTH):
        raise InputError(source, "", f"nested more than {MAX_DEPTH} levels deep: is this a scenario?")


def parse_toml(text: str, source: str | Path, kind: str) -> dict[str, Any]:
    """Parse TOML text after :func:`check_toml`, every error one line naming ``source`` and the
    place (``kind`` names what the file should be, e.g. ``"a scenario"``, in the messages).

    Raises:
        InputError: beyond the limits of :func:`check_toml`, or a TOML syntax error (with its line
            and column).
    """
    check_toml(text, source)
    try:
        return tomllib.loads(text)
    except RecursionError:  # defensive: check_toml bounds the nesting
        raise InputError(source, "", f"nested too deep: is this {kind}?") from None
    except tomllib.TOMLDecodeError as exc:
        msg, place = str(exc), ""
        if "(at line" in msg:  # else "(at end of document)" stays in the message
            msg, _, rest = msg.partition(" (at ")
            place = rest.rstrip(")")
        raise InputError(source, place, f"TOML syntax error: {msg}") from None


# --- atomic writes ----------------------------------------------------------------------------------

_TMP = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.[A-Za-z0-9_]+\.tmp$")
_OLD_TMP = re.compile(r"^\.(?P<name>.+)\.[A-Za-z0-9_]{8}\.tmp$")
OLD_TEMPORARY_AGE = 3600.0
"""Seconds after which a temporary file of the old naming (no process id) counts as stale."""


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's process, or we cannot tell: not ours to remove
    return True


def clean_stale_temporaries(folder: str | Path) -> list[Path]:
    """Remove temporary files that an interrupted :func:`atomic_write` left in ``folder``.

    A temporary file is stale when the process named in it is gone (another process may be
    writing it right now); one of the old naming, without a process id, when it is older than
    :data:`OLD_TEMPORARY_AGE`. Returns what was removed; never raises.
    """
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        name = entry.name
        if not (name.startswith(".") and name.endswith(".tmp")):
            continue
        m = _TMP.match(name)
        try:
            if m is not None:
                stale = not _alive(int(m["pid"]))
            elif _OLD_TMP.match(name) is not None:
                stale = now - entry.stat(follow_symlinks=False).st_mtime > OLD_TEMPORARY_AGE
            else:
                continue
            if stale and entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except (OSError, ValueError):
            continue
    return removed


def atomic_write(path: str | Path, data: str | bytes) -> None:
    """Write ``data`` (text as UTF-8) to ``path`` atomically: a uniquely named temporary file in the
    same folder (``.NAME.PID.XXXXXXXX.tmp``), fsync, rename over ``path``, fsync the folder.

    A crash mid-write leaves the old file (if any) intact; its temporary file is removed by the
    next write to that folder (:func:`clean_stale_temporaries`). Creates the folder if needed.

    Raises:
        OSError: the folder cannot be created or written (the temporary file is removed).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    clean_stale_temporaries(path.parent)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)  # mkstemp makes 0600; a save or handout is an ordinary file
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    try:
        dfd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    except OSError:
        pass
