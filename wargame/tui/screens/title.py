"""The title screen: continue, recent games, new game, classroom (hot-seat), load game, watch a
replay, help, quit.

Kept light (no engine or pydantic imports) so the first frame is fast; the autosave is described
from its JSON header only (:func:`wargame.tui.saves.peek`).
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from wargame.tui.saves import peek

TITLE_ART = "╦ ╦╔═╗╦═╗╔═╗╔═╗╔╦╗╔═╗\n║║║╠═╣╠╦╝║ ╦╠═╣║║║║╣ \n╚╩╝╩ ╩╩╚═╚═╝╩ ╩╩ ╩╚═╝"
TAGLINE = "A terminal wargame about the security dilemma"
EPIGRAPH = (
    "The security dilemma: what one state does for its own safety can make its rivals less "
    "safe (after Jervis 1978)."
)


def class_ended(path: Path) -> bool:
    """True if ``path`` holds a classroom game that has ended (read from its JSON, never raises)."""
    import json

    try:
        if path.stat().st_size > 8 * 1024 * 1024:
            return False
        raw = json.loads(path.read_text(encoding="utf-8"))
        box = raw.get("classroom") if isinstance(raw, dict) else None
        return isinstance(box, dict) and bool(box.get("ended"))
    except (OSError, ValueError, RecursionError):
        return False


class TitleScreen(Screen[None]):
    """The first screen.

    Args:
        autosave: the autosave file; "Continue" is offered when it exists.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "choose('continue')", "Continue"),
        Binding("n", "choose('new')", "New game"),
        Binding("h", "choose('class')", "Classroom"),
        Binding("g", "choose('recent')", "Recent"),
        Binding("l", "choose('load')", "Load"),
        Binding("r", "choose('replay')", "Replay"),
        Binding("q", "choose('quit')", "Quit"),
    ]
    AUTO_FOCUS = "#title-menu"

    def __init__(self, autosave: Path) -> None:
        super().__init__()
        self.autosave = autosave
        self._can_continue = False
        self._recent_label = "Recent games  (g)"
        """The Recent games item: counted after the first frame (the index is read with pydantic)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="title-box"):
            yield Static(TITLE_ART, id="title-art")
            yield Static(TAGLINE, id="title-tagline")
            yield Static(EPIGRAPH, id="title-epigraph")
            yield Static("", id="title-scenario")
            with Center():
                yield OptionList(*self._options(), id="title-menu")
        yield Footer()

    def _options(self) -> list[Option]:
        options = []
        self._can_continue = False
        if self.autosave.exists():
            info = peek(self.autosave)
            if not info.problem:
                ended = len(info.humans) >= 2 and class_ended(self.autosave)
                if ended:  # an ended class is not offered for resume: its debrief is
                    label = f"Debrief       the class of {len(info.humans)} teams has ended  (c)"
                elif len(info.humans) >= 2:
                    rounds = f"{info.rounds} round{'' if info.rounds == 1 else 's'}"
                    label = f"Continue      class of {len(info.humans)} teams, {rounds}  (c)"
                else:
                    side = ",".join(info.humans) or "AI"
                    played = f"{info.rounds} round{'' if info.rounds == 1 else 's'} played"
                    label = f"Continue      {side}, {played}  (c)"
                options.append(Option(label, id="continue"))
                self._can_continue = True
            else:
                # say why Continue is missing; the file is left alone (Load lists it with its problem)
                options.append(Option("Continue      autosave unreadable; see Load game", disabled=True))
        if (self.autosave.parent / "recent").is_dir():  # wargame.recent.RECENT_DIR; a stat, no read
            options.append(Option(self._recent_label, id="recent"))
        options += [
            Option("New game      (n)", id="new"),
            Option("Classroom     hot-seat, 2-5 teams  (h)", id="class"),
            Option("Load game     (l)", id="load"),
            Option("Watch replay  (r)", id="replay"),
            Option("Help          (?)", id="help"),
            Option("Quit          (q)", id="quit"),
        ]
        return options

    def on_mount(self) -> None:
        # after the first frame: naming the scenario loads it (pydantic), which the title needs not wait for
        self.call_after_refresh(self._name_scenario)
        self.call_after_refresh(self._count_recent)
        self.call_after_refresh(self._check_autosave)

    def _check_autosave(self) -> None:
        """Validate the autosave offered as Continue (in a thread, after the first frame: the
        menu only peeked at its header); one that cannot be opened is no longer offered."""
        if self._can_continue:
            self.run_worker(self._validate_autosave, thread=True, group="autosave", exclusive=True)

    def _validate_autosave(self) -> None:
        from wargame.errors import InputError
        from wargame.record import io as record_io

        try:
            record_io.load(self.autosave)
        except InputError:
            self.app.call_from_thread(self.autosave_unusable)

    def autosave_unusable(self) -> None:
        """Stop offering Continue: the autosave cannot be opened (checked, or tried and failed)."""
        self._can_continue = False
        self.refresh_bindings()  # the footer stops offering c Continue
        menu = self.query_one("#title-menu", OptionList)
        with contextlib.suppress(Exception):  # the menu was rebuilt without the item meanwhile
            menu.replace_option_prompt("continue", "Continue      autosave unreadable; see Load game")
            menu.disable_option("continue")
            if menu.highlighted == menu.get_option_index("continue"):
                options = menu.options
                menu.highlighted = next((k for k, o in enumerate(options) if not o.disabled), None)

    def _count_recent(self) -> None:
        """Count the kept games (from the index, in a thread: a corrupt index is mended from the
        files) and say how many there are on the Recent games item."""
        if (self.autosave.parent / "recent").is_dir():
            self.run_worker(self._read_recent, thread=True, group="recent", exclusive=True)

    def _read_recent(self) -> None:
        from wargame.recent import recent_games

        games = recent_games(self.autosave.parent)
        unfinished = sum(g.status == "unfinished" for g in games)
        others = len(games) - unfinished
        parts = [f"{unfinished} unfinished"] if unfinished else []
        if others:  # finished, or not playable here (kept to one line of the menu)
            parts.append(f"{others} more" if unfinished else f"{others} finished or other")
        label = f"Recent games  {', '.join(parts) or 'none kept'}  (g)"
        self.app.call_from_thread(self._show_recent, label)

    def _show_recent(self, label: str) -> None:
        self._recent_label = label
        menu = self.query_one("#title-menu", OptionList)
        with contextlib.suppress(Exception):  # the menu was rebuilt without the item meanwhile
            menu.replace_option_prompt("recent", label)

    def _name_scenario(self) -> None:
        from wargame.errors import InputError

        name = getattr(self.app, "scenario_name", "")
        try:
            loaded = self.app.load_scenario(name)  # type: ignore[attr-defined]
        except InputError as exc:
            # it may repeat a file's text: never read as markup
            self.query_one("#title-scenario", Static).update(Text(f"Scenario problem: {exc.message}"))
            return
        info = loaded.model.scenario
        self.query_one("#title-scenario", Static).update(Text(f"Scenario: {info.title}"))

    def refresh_menu(self) -> None:
        """Rebuild the menu (e.g. after an autosave appeared)."""
        menu = self.query_one("#title-menu", OptionList)
        options = self._options()
        menu.set_options(options)
        menu.highlighted = next((k for k, o in enumerate(options) if not o.disabled), None)
        self._check_autosave()  # the menu peeked at the file again: validate it again

    def on_screen_resume(self) -> None:
        self.refresh_menu()
        self._count_recent()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "choose" and parameters == ("continue",):
            return self._can_continue
        if action == "choose" and parameters == ("recent",):
            return (self.autosave.parent / "recent").is_dir()
        return True

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            await self.action_choose(event.option.id)

    async def action_choose(self, item: str) -> None:
        """Do what a menu item says: continue, new, load, replay, help or quit."""
        actions = {
            "continue": "app.continue",
            "new": "app.new_game",
            "class": "app.new_class",
            "recent": "app.recent_games",
            "load": "app.load_game",
            "replay": "app.watch_replay",
            "help": "app.help",
            "quit": "app.quit",
        }
        if item in actions:
            await self.run_action(actions[item])
