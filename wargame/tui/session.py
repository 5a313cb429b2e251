"""The autosave of the current game: when it is written, in what order, and what it keeps.

:class:`Autosaver` is a controller the app owns (``app.autosaver``) and delegates to
(:meth:`~wargame.tui.app.WargameApp.autosave`, :meth:`~wargame.tui.app.WargameApp.flush_autosave`);
screens ask for an autosave with a message (:class:`~wargame.tui.messages.AutosaveRequested`), the
classroom flow through the app. It reads the current game and the save folder from the app
(typed as :class:`~wargame.tui.host.WargameHost`) and writes ``autosave.json`` there
(:func:`~wargame.tui.saves.autosave_path`).
"""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wargame.tui.saves import autosave_path

if TYPE_CHECKING:
    from wargame.record.models import GameRecord
    from wargame.tui.host import WargameHost


class Autosaver:
    """Writes the autosave of the app's current game (atomic; a failure is reported, never fatal).

    Before the autosave is overwritten with another game's, the game it held is kept in Recent
    games (:mod:`wargame.recent`). A lock and a sequence number keep an older record, written from
    a worker thread, from overwriting a newer one.

    Args:
        app: the app (its current game, its save folder, its toasts and workers).
    """

    def __init__(self, app: WargameHost) -> None:
        self.app = app
        self._lock = threading.Lock()
        self._seq = 0
        """Autosaves requested."""
        self._saved_seq = 0
        """The last request written to disk."""
        self._game_token = 0
        """Counts the games made current; an autosave written for another token is another game's."""
        self._written: tuple[int, str] | None = None
        """(game token, SHA-256 of the bytes) of the autosave this app last wrote."""
        self._ui_thread = threading.get_ident()
        """The thread that asks for autosaves (the app's): toasts from a worker are sent there."""

    def request(self, background: bool = False) -> None:
        """Write the autosave of the current game (nothing without one).

        Args:
            background: write from a thread, so the screen redraws first (the write fsyncs).
                The record is taken now, on the UI thread.
        """
        game = self.app.game
        if game is None:
            return
        self._ui_thread = threading.get_ident()
        record = game.record
        path = autosave_path(self.app.save_dir)
        self._seq += 1
        seq, token = self._seq, self._game_token
        if background:
            self.app.run_worker(lambda: self._write(path, record, seq, token), thread=True, group="autosave")
        else:
            self._write(path, record, seq, token)

    def flush(self) -> None:
        """Write the autosave now if the last one requested is not on disk yet (on exit)."""
        game = self.app.game
        if game is not None and self._saved_seq < self._seq:
            self._write(autosave_path(self.app.save_dir), game.record, self._seq, self._game_token)

    def switch_game(self) -> None:
        """Before another game becomes the current one: the autosave gets the last week of the
        game being left (a background write may still be pending), and the next autosave counts
        as another game's, so the one on disk is kept first (:meth:`_keep`)."""
        self.flush()
        self._game_token += 1

    def forget_kept_copy(self, source: Path | None) -> None:
        """A game continued from Recent games is back in the autosave: its kept copy goes, once
        the autosave holds every week of it (:func:`wargame.recent.forget`)."""
        if source is None or self._saved_seq < self._seq:
            return
        from wargame import recent

        save_dir = self.app.save_dir
        if recent.is_kept_file(save_dir, source):
            try:
                holder = autosave_path(save_dir).read_bytes()
            except OSError:
                return
            recent.forget(save_dir, source, holder)

    def _write(self, path: Path, record: GameRecord, seq: int, token: int) -> None:
        from wargame.record import io as record_io

        with self._lock:
            if seq < self._saved_seq:
                return  # a newer record was written already
            text = record_io.dumps(record)
            try:
                self._keep(path, text, token)
                record_io.atomic_write(path, text)
            except OSError as exc:
                self._tell(self.app.show_error, f"Autosave failed: {exc.strerror or exc}")
                return
            self._saved_seq = seq
            self._written = (token, hashlib.sha256(text.encode("utf-8")).hexdigest())

    def _keep(self, path: Path, text: str, token: int) -> None:
        """Before the autosave is overwritten: unless it holds what this app last wrote there for
        the same game, keep the game it holds in Recent games (:func:`wargame.recent.keep`: a
        game already kept, or whose weeks ``text`` holds, is not copied again), and say so.

        Raises:
            OSError: the game could not be kept (the autosave is then left as it is).
        """
        from wargame import files, recent
        from wargame.errors import InputError

        save_dir = self.app.save_dir
        try:
            data = files.read_bounded(path, files.MAX_RECORD_BYTES, "wargame record")
        except InputError:
            if not path.exists():
                return
            moved = recent.keep_by_moving(save_dir, path)  # too big to read: kept as it is
            self._tell(self.app.notify, moved.message(), title="Previous game kept", timeout=10, markup=False)
            return
        if self._written == (token, hashlib.sha256(data).hexdigest()):
            return  # this game's own last write
        kept = recent.keep(save_dir, data, also_in=(text.encode("utf-8"),))
        if kept is not None:
            self._tell(self.app.notify, kept.message(), title="Previous game kept", timeout=10, markup=False)

    def _tell(self, say: Any, *args: Any, **kwargs: Any) -> None:
        """Call ``say`` (a toast) on the UI thread, from it or from a worker."""
        if threading.get_ident() == self._ui_thread:
            say(*args, **kwargs)
        else:
            self.app.call_from_thread(say, *args, **kwargs)
