"""Setting up a classroom (hot-seat) game, and resuming one.

:class:`HotSeatSetupScreen`: the scenario; which states the class plays (2-5 teams, ticked) and
each team's name; the AI doctrine of every other state (by default the scenario's, by its hidden
type); the round limit; an optional time limit per team; an optional facilitator PIN; the seed
and the mode.

:class:`ResumeClassScreen`: a saved classroom game reopens as one, with the facilitator's PIN
(kept in the save only as a salted hash); the timer is set again.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.console import Group
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Checkbox, Footer, Header, Input, Label, Select, Static

from wargame.analysis.vocab import round_unit
from wargame.errors import InputError
from wargame.scenario.load import LoadedScenario
from wargame.tui.screens.base import WargameScreen
from wargame.tui.screens.setup import player_doctrines, scenario_options

if TYPE_CHECKING:
    from wargame.game import Game
    from wargame.record.models import GameRecord

MIN_TEAMS, MAX_TEAMS = 2, 5
MIN_TIMER = 10
"""Shortest time limit per team, in seconds."""


def parse_timer(text: str) -> int | None:
    """Seconds per team from ``"180"``, ``"3:00"`` or ``"3m"``; None for blank.

    Raises:
        InputError: not a duration, or shorter than :data:`MIN_TIMER` seconds.
    """
    t = text.strip().lower()
    if not t or t in {"none", "no", "off", "0"}:
        return None
    try:
        if ":" in t:
            m, s = t.split(":", 1)
            seconds = int(m) * 60 + int(s)
        elif t.endswith("m"):
            seconds = int(float(t[:-1]) * 60)
        else:
            seconds = int(t.removesuffix("s"))
    except ValueError:
        raise InputError(
            "setup", "timer", f"expected seconds (180) or minutes:seconds (3:00), got {text!r}"
        ) from None
    if seconds < MIN_TIMER:
        raise InputError("setup", "timer", f"expected at least {MIN_TIMER} seconds, got {seconds}")
    return seconds


def parse_pin(text: str) -> str | None:
    """The facilitator PIN (None for blank).

    Raises:
        InputError: it has spaces or is longer than 32 characters.
    """
    pin = text.strip()
    if not pin:
        return None
    if len(pin) > 32 or any(c.isspace() for c in pin):
        raise InputError("setup", "PIN", "expected up to 32 characters without spaces")
    return pin


NO_PIN_WARNING = (
    "No PIN: any team can open the facilitator's console (F2) and reveal every hidden type. "
    "Set a PIN for a class that plays to win."
)
PIN_NOTE = (
    "The PIN is kept only as a salted hash; with it, the class's secrets are encrypted in its saves. "
    "Wrong PINs are logged and each makes the next try wait longer."
)


class TeamCheckbox(Checkbox):
    """A checkbox whose mark is a character (✓ or blank), not only a colour."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]
        """✓ when ticked, a space when not (Textual's own shows X either way, in two colours)."""
        return "✓" if self.value else " "


class HotSeatSetupScreen(WargameScreen):
    """Set up a classroom game.

    Args:
        scenario: scenario id or path offered first.
        seed: the seed offered.
        rounds: the round limit offered (None: the scenario's).
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "Back")]
    AUTO_FOCUS = "#hs-start"

    def __init__(self, scenario: str, seed: int, rounds: int | None = None) -> None:
        super().__init__()
        self.scenario_name = scenario
        self.seed = seed
        self.rounds = rounds
        self.loaded: LoadedScenario | None = None
        self.title = "Classroom (hot-seat)"
        self.sub_title = "2-5 teams, one machine"

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        with VerticalScroll(id="hs-form"):
            with Horizontal(classes="field"):
                yield Label("Scenario", classes="field-label")
                yield Select(
                    scenario_options(self.scenario_name),
                    value=self.scenario_name,
                    allow_blank=False,
                    compact=True,
                    id="hs-scenario",
                )
            yield Static(
                "Tick the states the class plays (2-5 teams; space ticks) and name the teams. "
                "The AI plays the others, with the doctrine shown.",
                classes="hint",
            )
            yield Vertical(id="hs-actors")
            with Horizontal(classes="field"):
                yield Label("Rounds", classes="field-label")
                yield Input(
                    "" if self.rounds is None else str(self.rounds),
                    type="integer",
                    compact=True,
                    valid_empty=True,  # empty: the scenario's round limit
                    id="hs-rounds",
                )
            with Horizontal(classes="field"):
                yield Label("Timer per team", classes="field-label")
                yield Input(placeholder="none (e.g. 3:00)", compact=True, id="hs-timer")
            with Horizontal(classes="field"):
                yield Label("Facilitator PIN", classes="field-label")
                yield Input(placeholder="none (controls open)", password=True, compact=True, id="hs-pin")
            yield Static(NO_PIN_WARNING, id="hs-pin-note", classes="hint")
            with Horizontal(classes="field"):
                yield Label("Mode", classes="field-label")
                yield Select(
                    [
                        ("stochastic: misreadings and chance", "stochastic"),
                        ("expectation: no noise, no chance", "expectation"),
                    ],
                    value="stochastic",
                    allow_blank=False,
                    compact=True,
                    id="hs-mode",
                )
            yield Static("", id="hs-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Start the class (enter)", variant="primary", id="hs-start")
                yield Button("Back (esc)", id="hs-back")
        yield Footer()

    async def on_mount(self) -> None:
        await self._load(self.scenario_name)

    async def _load(self, name: str) -> None:
        error = self.query_one("#hs-error", Static)
        try:
            self.loaded = self.wargame.load_scenario(name)
        except InputError as exc:
            self.loaded = None
            error.update(Text(exc.message))
            return
        error.update("")
        self.scenario_name = name
        self.query_one("#hs-rounds", Input).placeholder = f"{self.loaded.rules.rounds} (the scenario's)"
        box = self.query_one("#hs-actors", Vertical)
        await box.remove_children()
        doctrines = [("AI: by hidden type (scenario)", ""), *((f"AI: {t}", n) for t, n in player_doctrines())]
        rows = []
        playable = [a for a in self.loaded.model.actors if a.playable]
        default = {a.id for a in playable[:3]}
        for a in self.loaded.model.actors:
            team = a.id in default
            rows.append(
                Horizontal(
                    TeamCheckbox(
                        a.id,
                        team,
                        compact=True,
                        id=f"team-{a.id}",
                        disabled=not a.playable,
                        classes="team-box",
                    ),
                    Input(
                        placeholder=f"Team {a.name}",
                        compact=True,
                        id=f"name-{a.id}",
                        classes="team-name",
                        max_length=40,
                    ),
                    Select(
                        doctrines, allow_blank=False, compact=True, id=f"ai-{a.id}", classes="ai-doctrine"
                    ),
                    classes="field team-row",
                )
            )
        await box.mount_all(rows)
        for a in self.loaded.model.actors:
            self._sync_row(a.id)

    def _sync_row(self, actor: str) -> None:
        """A team gets a name field; an AI state gets a doctrine (the other is hidden)."""
        team = self.query_one(f"#team-{actor}", Checkbox).value
        self.query_one(f"#name-{actor}", Input).display = team
        self.query_one(f"#ai-{actor}", Select).display = not team

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "hs-pin":
            self.query_one("#hs-pin-note", Static).update(PIN_NOTE if event.value.strip() else NO_PIN_WARNING)

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        cid = event.checkbox.id or ""
        if cid.startswith("team-"):
            self._sync_row(cid.removeprefix("team-"))
            n = len(self._teams())
            self.query_one("#hs-error", Static).update(
                "" if MIN_TEAMS <= n <= MAX_TEAMS else f"Tick {MIN_TEAMS} to {MAX_TEAMS} teams ({n} ticked)."
            )

    async def on_select_changed(self, event: Select.Changed) -> None:
        if (
            event.select.id == "hs-scenario"
            and isinstance(event.value, str)
            and event.value != self.scenario_name
        ):
            await self._load(event.value)

    def _teams(self) -> list[str]:
        if self.loaded is None:
            return []
        return [a for a in self.loaded.rules.actor_ids if self.query_one(f"#team-{a}", Checkbox).value]

    def settings(self) -> dict[str, Any]:
        """The game settings chosen (raises InputError for a bad field)."""
        assert self.loaded is not None
        teams = self._teams()
        if not MIN_TEAMS <= len(teams) <= MAX_TEAMS:
            raise InputError("setup", "teams", f"tick {MIN_TEAMS} to {MAX_TEAMS} teams, got {len(teams)}")
        names: dict[str, str] = {}
        for a in teams:
            name = self.query_one(f"#name-{a}", Input).value.strip()
            if name:
                names[a] = name
        doctrines: dict[str, str] = {}
        for a in self.loaded.rules.actor_ids:
            if a in teams:
                continue
            value = self.query_one(f"#ai-{a}", Select).value
            if isinstance(value, str) and value:
                doctrines[a] = value
        out: dict[str, Any] = {
            "humans": teams,
            "teams": names,
            "doctrines": doctrines,
            "mode": self.query_one("#hs-mode", Select).value,
        }
        rounds_text = self.query_one("#hs-rounds", Input).value.strip()
        if rounds_text:
            try:
                out["rounds"] = int(rounds_text)
            except ValueError:
                raise InputError("setup", "rounds", f"expected a whole number, got {rounds_text!r}") from None
        return out

    def start(self) -> None:
        """Start the class with the chosen settings (errors are shown here)."""
        error = self.query_one("#hs-error", Static)
        if self.loaded is None:
            error.update("Choose a scenario that loads.")
            return
        try:
            settings = self.settings()
            timer = parse_timer(self.query_one("#hs-timer", Input).value)
            pin = parse_pin(self.query_one("#hs-pin", Input).value)
            seed = self.seed  # a class's chance comes from its secret key: no seed to choose
        except InputError as exc:
            error.update(Text(exc.message))
            return
        message = self.wargame.new_class(self.scenario_name, seed, pin=pin, timer_seconds=timer, **settings)
        if message:
            error.update(Text(message))

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Mark the focused control's row, so its label lights up too (as in the setup screen)."""
        for row in self.query(".field"):
            row.set_class(event.widget in row.children, "-focused")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "hs-start":
            self.start()
        else:
            self.action_back()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.start()

    def action_back(self) -> None:
        """Back to the title screen."""
        self.wargame.to_title()


class ResumeClassScreen(WargameScreen):
    """Resume a saved classroom game: the facilitator's PIN (and the timer, and a new PIN if wanted).

    A sealed class opens only with its PIN (wrong tries are counted and wait longer each time),
    and only in one process at a time. A class saved before classes were sealed has no PIN yet:
    one is set here.

    Args:
        record: the class's record.
        path: the file.
        game: for a class saved before classes were sealed, the game (a PIN is set, not asked).
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "Back")]
    AUTO_FOCUS = "#resume-pin"

    def __init__(self, record: GameRecord, path: Path, game: Game | None = None) -> None:
        super().__init__()
        self.record = record
        self.game = game
        self.path = path
        self.name_ = path.name
        self.sealed = game is None
        self.title = "Resume a classroom game"
        self.sub_title = self.name_

    def compose(self) -> ComposeResult:
        rec = self.record
        try:
            scenario = self.wargame.load_scenario(rec.scenario.id)
            title, unit = scenario.model.scenario.title, round_unit(scenario.rules)
            limit = rec.settings.rounds or scenario.rules.rounds
            names = {a.id: a.name for a in scenario.model.actors}
        except InputError:
            title, unit, limit, names = rec.scenario.id, "round", rec.settings.rounds or 0, {}
        teams = "; ".join(
            f"{rec.settings.teams.get(a) or 'Team ' + names.get(a, a)} ({a})" for a in rec.settings.humans
        )
        if self.sealed:
            note = (
                "Type the facilitator's PIN to reopen the class (sealed orders are kept). "
                "Wrong PINs are logged, and each makes the next try wait longer."
            )
            if rec.classroom is not None and not rec.classroom.has_pin:
                note = "This class has no PIN: press Enter to reopen it (any team could)."
        else:
            note = (
                "This class was saved before classes kept a PIN: set one now (blank: the controls are "
                "open to anyone). Orders sealed in an unfinished round were not saved: those teams order again."
            )
        facts = Group(
            Text(title, style="bold"),
            Text(f"{len(rec.rounds)} of {limit} {unit}s played · {rec.settings.mode} mode"),
            Text("Teams: " + teams),
            Text(""),
            Text(note, style="italic"),
        )
        yield Header(icon="◆")
        with VerticalScroll(id="hs-form"):
            yield Static(facts, id="resume-facts")
            with Horizontal(classes="field"):
                yield Label("Facilitator PIN", classes="field-label")
                yield Input(
                    placeholder="the class's PIN" if self.sealed else "none (controls open)",
                    password=True,
                    compact=True,
                    id="resume-pin",
                )
            if self.sealed:
                with Horizontal(classes="field"):
                    yield Label("New PIN", classes="field-label")
                    yield Input(placeholder="keep the PIN", password=True, compact=True, id="resume-newpin")
            with Horizontal(classes="field"):
                yield Label("Timer per team", classes="field-label")
                yield Input(placeholder="none (e.g. 3:00)", compact=True, id="resume-timer")
            yield Static("", id="resume-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Resume the class (enter)", variant="primary", id="resume-start")
                yield Button("Back (esc)", id="resume-back")
        yield Footer()

    def start(self) -> None:
        """Resume with the PIN and timer typed."""
        from wargame.classroom import ClassTakenError, HotSeat, PinBackoffError, WrongPinError

        error = self.query_one("#resume-error", Static)
        try:
            pin = parse_pin(self.query_one("#resume-pin", Input).value)
            timer = parse_timer(self.query_one("#resume-timer", Input).value)
            new_pin = parse_pin(self.query_one("#resume-newpin", Input).value) if self.sealed else None
        except InputError as exc:
            error.update(Text(exc.message))
            return
        try:
            if self.game is not None:
                hs = HotSeat.reopen(self.game, pin=pin, timer_seconds=timer)
            else:
                hs = HotSeat.open(self.record, pin, source=self.path, timer_seconds=timer)
                if new_pin is not None:
                    hs.change_pin(pin, new_pin)
        except WrongPinError:
            self.query_one("#resume-pin", Input).value = ""
            error.update("Wrong PIN (logged). The next try waits longer.")
            return
        except PinBackoffError as exc:
            error.update(str(exc).capitalize())
            return
        except ClassTakenError as exc:
            error.update(
                f"{str(exc).capitalize()}. After a browser refresh the old window lets go within a "
                "few seconds: press Enter again."
            )
            return
        except InputError as exc:
            error.update(Text(exc.message))
            return
        self.wargame.start_class(hs, saved=True, source=self.path)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.start()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "resume-start":
            self.start()
        else:
            self.action_back()

    def action_back(self) -> None:
        """Back to the title screen."""
        self.wargame.to_title()
