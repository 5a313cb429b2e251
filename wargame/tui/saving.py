"""Saving the current game to a file of the player's choice: the dialog, its suggested name, the write.

:class:`Saver` is a controller the app owns (``app.saver``) and delegates to
(:meth:`~wargame.tui.app.WargameApp.save_to`, :meth:`~wargame.tui.app.WargameApp.save_dialog`);
the autosave is :mod:`wargame.tui.session`'s.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wargame.tui.host import WargameHost


class Saver:
    """Saves the app's current game (a class in its sealed form, and logged).

    Args:
        app: the app (its current game, side, classroom and save folder; it records the save).
    """

    def __init__(self, app: WargameHost) -> None:
        self.app = app

    def save_to(self, path: Path) -> str | None:
        """Save the game to ``path`` (atomic). Returns an error message or None."""
        app = self.app
        game = app.game
        if game is None:
            return "There is no game to save."
        if app.classroom is not None and not app.classroom.hs.over:
            app.classroom.hs.note("save", path.name)
        try:
            game.save(path)
        except OSError as exc:
            return f"Cannot save to {path}: {exc.strerror or exc}"
        app.saved_round = game.round
        app.game_path = path
        from wargame.analysis.vocab import round_unit

        n, unit = game.round, round_unit(game.rules)
        app.notify(f"Saved after {n} {unit}{'' if n == 1 else 's'} to {path}.", title="Saved")
        return None

    def dialog(self) -> None:
        """The save dialog (in a class, reached only through the facilitator's console)."""
        from wargame.tui.screens.save import SaveScreen

        app = self.app
        if app.game is None:
            app.notify("Nothing to save yet: start or load a game first.")
            return
        if isinstance(app.screen, SaveScreen):
            return
        app.push_screen(SaveScreen(app.save_dir / self.suggested_name()))

    def suggested_name(self) -> str:
        """A save name: the side, seed and the week on screen for one player; for a class its date
        and week, never the seed (which in a class determines nothing, and should not look as if
        it did)."""
        from wargame.tui.saves import suggested_name

        game = self.app.game
        assert game is not None
        if self.app.classroom is not None:
            import time

            stamp = time.strftime("%Y%m%d-%H%M")
            return f"{game.scenario.id}-class-{stamp}-week{game.round:02d}.json"
        # the week the screen shows ("Week 20 of 24": week20, with 19 played); a finished game, its last
        week = game.round if game.is_over else game.round + 1
        return suggested_name(game.scenario.id, self.app.side, game.seed, week)
