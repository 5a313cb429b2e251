"""The plain view and the expert view (``e``): one switch on the app, followed by the widgets.

The plain view (the default) speaks in words: how each capital will probably read an act, trust
as a word and a number, whether an arms race spirals. The expert view adds the field's codes
(CAMEO, Goldstein, COW-MID, Kahn's ladder, capability K, the evidence numbers). Every term is
explained in one line in the help (``?``).
"""

from __future__ import annotations

from collections.abc import Callable

from textual.widget import Widget


def follow_expert(widget: Widget, callback: Callable[[bool], None]) -> None:
    """Call ``callback(expert)`` now and whenever the app's view switches (apps without the
    switch, e.g. a test harness, stay in the plain view)."""
    app = widget.app
    if hasattr(type(app), "expert"):
        widget.watch(app, "expert", callback, init=True)
    else:
        callback(False)


def is_expert(widget: Widget) -> bool:
    """Whether the app shows the expert view."""
    return bool(getattr(widget.app, "expert", False))
