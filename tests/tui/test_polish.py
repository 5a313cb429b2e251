"""The tester's round of small defects: help that names the right keys, the PIN count."""

from __future__ import annotations

import re
from pathlib import Path

from textual.binding import Binding

from tests.tui.conftest import screen_text
from tests.tui.test_hotseat import start_class
from wargame.tui.app import make_app
from wargame.tui.screens.class_debrief import ClassDebriefScreen
from wargame.tui.screens.debrief import DebriefScreen
from wargame.tui.screens.facilitator import FacilitatorScreen
from wargame.tui.screens.help import CLASS_HELP_TEXT, HELP_TEXT


def _export_keys(screen: type) -> dict[str, str]:
    return {
        b.action: b.key for b in screen.BINDINGS if isinstance(b, Binding) and b.action.startswith("export")
    }


def test_both_debriefs_export_with_the_same_keys_and_the_help_names_them() -> None:
    keys = _export_keys(DebriefScreen)
    assert keys == {"export('md')": "x", "export('html')": "h"}
    assert _export_keys(ClassDebriefScreen) == keys
    one = re.search(r"Debrief: (.*?)Replay:", HELP_TEXT, re.S)
    cls = re.search(r"Class debrief: (.*?)\n\n", CLASS_HELP_TEXT, re.S)
    assert one and cls
    for text in (one.group(1), cls.group(1)):
        assert "**x** export" in text and "**h**" in text and "HTML" in text
    assert "**m** export" not in CLASS_HELP_TEXT


def test_class_help_says_the_hand_off_card_wants_the_team_code() -> None:
    row = next(
        line for line in CLASS_HELP_TEXT.splitlines() if line.startswith("|") and "hand-off card" in line
    )
    assert "code" in row and "enter: begin your turn" not in row


async def test_wrong_pin_message_counts_the_classs_wrong_pins(save_dir: Path) -> None:
    """Two wrong PINs elsewhere (the hand-off card's ctrl+s), then one on F2: the message says 3,
    the count the log keeps and the back-off grows with (was "1 attempt")."""
    app = make_app("korea-2022", save_dir=save_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_class(app, pilot, pin="2468")
        hs = app.classroom.hs  # type: ignore[union-attr]
        for _ in range(2):
            assert hs.check_pin("1111") is False
            hs._until = 0.0  # the back-off is over
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, FacilitatorScreen)
        await pilot.press("enter")  # a blank PIN
        await pilot.pause()
        text = screen_text(app)
        assert hs.total_failures == 3
        assert "Wrong PIN (3 wrong PINs in this class; logged)" in text, text
        assert "1 attempt" not in text
