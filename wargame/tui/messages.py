"""What a screen asks of the app, as Textual messages (the app's ``on_...`` handlers carry them out).

A screen posts one of these (``self.post_message(ShowError(...))``); it bubbles from the screen to
the app, whose handler does the work (:class:`~wargame.tui.app.WargameApp`). A message is handled
after the screen's own handler returns, so a screen posts only what may wait for that: a toast, a
save that nothing read right after. What must happen before the screen's next step (the autosave
that seals a team's order before the next team's card) stays a direct call of the classroom flow
(:mod:`wargame.tui.hotseat`).
"""

from __future__ import annotations

from textual.message import Message


class ShowError(Message):
    """Tell the player something went wrong (a toast; the app keeps it in ``last_error``)."""

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message


class AutosaveRequested(Message):
    """Write the autosave (a failure is reported, never fatal)."""

    def __init__(self, background: bool = False) -> None:
        super().__init__()
        self.background = background
