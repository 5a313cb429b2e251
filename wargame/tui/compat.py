"""Guards around Textual widgets for small terminals (Textual is pinned exactly: ``textual==8.2.8``).

An :class:`~textual.widgets.OptionList` squeezed to no height never lays out its lines, and its
page keys then fail (``KeyError`` in ``OptionList._move_page``: issue 13, a 40×12 terminal on the
replay list). :func:`install` makes paging a list that shows no line move by one option instead,
for every option list in the app (menus, the load list, the instrument picker, ``Select``).
"""

from __future__ import annotations

from typing import Any

from textual.widgets import OptionList

_installed = False


def install() -> None:
    """Make ``OptionList`` paging safe when the list has no laid-out lines (idempotent)."""
    global _installed
    if _installed:
        return
    original = OptionList._move_page

    def _move_page(self: OptionList, direction: Any) -> None:
        if not self.option_count:
            return
        if (self.highlighted or 0) not in self._index_to_line or not self._lines:
            # nothing laid out (no height): a page is no line, so move by one option
            if direction < 0:
                self.action_cursor_up()
            else:
                self.action_cursor_down()
            return
        original(self, direction)

    OptionList._move_page = _move_page  # type: ignore[method-assign]
    _installed = True
