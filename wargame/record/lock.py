"""One class, one owner: an advisory lock per class that a crash does not leave stuck.

The lock is ``<data dir>/classes/<class id>.lock``, held with ``flock`` on an open file: the
kernel drops it when the owning process ends in any way (quit, crash, a killed browser tab's
process), so there is never a stale lock to clear by hand. The file holds the owner's process id
for the message shown to whoever finds the class taken. On systems without ``fcntl`` (Windows) an
exclusive-create file with the owner's pid is used, and a lock whose process is gone is taken over.

Also here: the class's bookkeeping of wrong PIN attempts before it is opened (a small JSON file
beside the lock), so the back-off survives a restarted process.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from pathlib import Path

from wargame import files
from wargame.record.seal import data_dir


class ClassTakenError(RuntimeError):
    """The class is open in another process (``pid``: that process, if known)."""

    def __init__(self, pid: int | None) -> None:
        self.pid = pid
        who = f" (process {pid})" if pid else ""
        super().__init__(
            f"this class is open in another window or browser tab{who}; close it there first "
            "(a closed or crashed window frees it at once)"
        )


def class_dir() -> Path:
    """Where classes keep their locks, attempt counts and append-only logs."""
    return data_dir() / "classes"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class ClassLock:
    """The lock on one class, held by this process until :meth:`release` (or the process ends).

    Raises:
        ClassTakenError: another process holds it.
    """

    def __init__(self, class_id: str) -> None:
        self.class_id = class_id
        folder = class_dir()
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / f"{class_id}.lock"
        self._fd: int | None = None
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows
            self._acquire_pidfile()
            return
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            pid = _read_pid(self.path)
            os.close(fd)
            raise ClassTakenError(pid) from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd

    def _acquire_pidfile(self) -> None:  # pragma: no cover - Windows
        for _ in range(2):
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                pid = _read_pid(self.path)
                if pid and _alive(pid) and pid != os.getpid():
                    raise ClassTakenError(pid) from None
                with contextlib.suppress(OSError):
                    os.unlink(self.path)
                continue
            os.write(fd, str(os.getpid()).encode())
            self._fd = fd
            return
        raise ClassTakenError(None)

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        """Let the class go (idempotent)."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_UN)
        except ImportError:  # pragma: no cover - Windows
            with contextlib.suppress(OSError):
                os.unlink(self.path)
        os.close(fd)

    def __del__(self) -> None:
        with contextlib.suppress(Exception):
            self.release()


def _read_pid(path: Path) -> int | None:
    try:
        return int(path.read_text().strip() or 0) or None
    except (OSError, ValueError):
        return None


# --- wrong PIN attempts before a class is opened --------------------------------------------------

BACKOFF_CAP = 300.0
"""Longest wait between PIN attempts, in seconds."""


def backoff(failures: int) -> float:
    """Seconds to wait after ``failures`` wrong PINs in a row: 1, 2, 4, 8 … up to 5 minutes."""
    return 0.0 if failures <= 0 else min(BACKOFF_CAP, 2.0 ** (failures - 1))


def read_attempts(class_id: str) -> dict[str, float]:
    """``{"failures": n, "until": wall-clock time before which no try is taken, "total": n}``."""
    try:
        raw = json.loads((class_dir() / f"{class_id}.attempts").read_text())
        return {k: float(raw.get(k, 0)) for k in ("failures", "until", "total")}
    except (OSError, ValueError, AttributeError):
        return {"failures": 0.0, "until": 0.0, "total": 0.0}


def write_attempts(class_id: str, failures: int, until: float, total: int) -> None:
    """Keep the attempt count (atomic replace; a failure to write is ignored)."""
    with contextlib.suppress(OSError):
        text = json.dumps({"failures": failures, "until": until, "total": total})
        files.atomic_write(class_dir() / f"{class_id}.attempts", text)


def now() -> float:
    """The wall clock (a function so tests can move it)."""
    return time.time()
