"""The base of the app's full screens."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen

if TYPE_CHECKING:
    from wargame.tui.host import WargameHost


class WargameScreen(Screen[None]):
    """A full screen of the wargame app; :attr:`wargame` is the app, typed."""

    @property
    def wargame(self) -> WargameHost:
        """The app, typed."""
        return self.app  # type: ignore[return-value]
