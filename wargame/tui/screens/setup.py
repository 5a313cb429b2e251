"""Setup: scenario (with its summary), side, the opponents' doctrines or a difficulty that sets
them, hidden types drawn or fixed, mode, seed and round limit.

The Start button has the focus, so ``enter`` starts at once with the scenario's defaults. The
common choices sit above it (shift+tab reaches the seed, the round limit, the difficulty and the
side in one to four steps); the opponents one by one and the mode sit below it. Doctrines offered
are those not marked ``tests_only``.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual import events
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Footer, Header, Input, Label, Select, Static

from wargame.engine import doctrines as doctrine_registry
from wargame.errors import InputError
from wargame.game import Game
from wargame.scenario import paths
from wargame.scenario.load import LoadedScenario
from wargame.tui.screens.base import WargameScreen

#: Difficulty presets: (label, doctrine for every rival; "" = the scenario's, by hidden type).
DIFFICULTIES: dict[str, tuple[str, str]] = {
    "scenario": ("Scenario's (by hidden type)", ""),
    "gentle": ("Gentle: rivals play GRIT", "grit"),
    "firm": ("Firm: rivals tit for tat", "tit_for_tat"),
    "tough": ("Tough: rivals play hawk", "hawk"),
    "custom": ("Custom (below)", ""),
}
TYPE_CHOICES = [("drawn (seed)", "drawn"), ("security seeker", "security_seeker"), ("greedy", "greedy")]


def player_doctrines() -> list[tuple[str, str]]:
    """(title, name) of the doctrines offered to players (not the test controls)."""
    return [(d.title, name) for name, d in doctrine_registry.DOCTRINES.items() if not d.classifier.tests_only]


def scenario_options(current: str) -> list[tuple[str, str]]:
    """Select options for the bundled scenarios, with ``current`` first if it is a path."""
    options = [(sid, sid) for sid in paths.bundled()]
    if current not in {v for _, v in options}:
        options.insert(0, (current, current))
    return options


class SetupScreen(WargameScreen):
    """Set up a game.

    Args:
        scenario: scenario id or path offered first.
        seed: the seed offered.
        rounds: the round limit offered (None: the scenario's).
    """

    OFFERS_SAVE = False
    """ctrl+s is not offered here: the game in the app is not the one being set up or chosen."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        # Textual's Select opens its list on enter, space and the arrows; here enter on a closed
        # drop-down starts the game (as on every other field), space and the arrows open it.
        Binding("enter", "start_from_field", "Start", show=False, priority=True),
    ]
    AUTO_FOCUS = "#setup-start"
    VERTICAL_BREAKPOINTS = [(0, "-short"), (34, "-tall")]  # noqa: RUF012

    def __init__(
        self, scenario: str, seed: int, rounds: int | None = None, rematch: Game | None = None
    ) -> None:
        super().__init__()
        self.scenario_name = scenario
        self.seed = seed
        self.rounds = rounds
        self.rematch = rematch
        """A rematch of this game: its scenario, seed, mode and round limit are fixed."""
        self.loaded: LoadedScenario | None = None
        self.title = "New game" if rematch is None else "Rematch"
        if rematch is not None:
            self.sub_title = f"same scenario, seed {rematch.seed}"
        self._presetting = False
        self._opponents_for: tuple[str, str] | None = None

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        with VerticalScroll(id="setup-form"):
            with Horizontal(id="setup-top"):
                with Vertical(id="setup-main"):
                    with Horizontal(classes="field"):
                        yield Label("Scenario", classes="field-label")
                        yield Select(
                            scenario_options(self.scenario_name),
                            value=self.scenario_name,
                            allow_blank=False,
                            compact=True,
                            id="setup-scenario",
                        )
                    with Horizontal(classes="field"):
                        yield Label("Your side", classes="field-label")
                        yield Select([], compact=True, id="setup-side")
                    with Horizontal(classes="field"):
                        yield Label("Difficulty", classes="field-label")
                        yield Select(
                            [(label, key) for key, (label, _) in DIFFICULTIES.items()],
                            value="scenario",
                            allow_blank=False,
                            compact=True,
                            id="setup-difficulty",
                        )
                    with Horizontal(classes="field"):
                        yield Label("Rounds", classes="field-label")
                        yield Input(
                            "" if self.rounds is None else str(self.rounds),
                            type="integer",
                            compact=True,
                            valid_empty=True,  # empty: the scenario's round limit (the placeholder)
                            id="setup-rounds",
                        )
                    with Horizontal(classes="field"):
                        yield Label("Seed", classes="field-label")
                        yield Input(str(self.seed), type="integer", compact=True, id="setup-seed")
                    yield Static("", id="setup-error", classes="error")
                    with Horizontal(classes="buttons"):
                        yield Button("Start (enter)", variant="primary", id="setup-start")
                        yield Button("Back (esc)", id="setup-back")
                    yield Static("", id="setup-goals")
                with VerticalScroll(id="setup-brief"):
                    yield Static("", id="setup-summary")
                    yield Static("", id="setup-aims")
            yield Static("More choices: the opponents, and chance", classes="section")
            yield Static("Doctrine (how its AI plays) · hidden type (what it really wants)", classes="hint")
            yield Vertical(id="setup-opponents")
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
                    id="setup-mode",
                )
        yield Footer()

    async def on_mount(self) -> None:
        await self._load(self.scenario_name)
        if self.rematch is not None:
            await self._set_rematch(self.rematch)

    async def _set_rematch(self, game: Game) -> None:
        """Fix the scenario, seed, mode and rounds of ``game``; offer its side and doctrines."""
        for wid in ("#setup-scenario", "#setup-seed", "#setup-mode", "#setup-rounds"):
            self.query_one(wid).disabled = True
        self.query_one("#setup-mode", Select).value = game.settings.mode
        side = game.humans[0] if game.humans else self._side()
        self.query_one("#setup-side", Select).value = side
        await self._fill_opponents(side)
        if game.settings.doctrines:
            self.query_one("#setup-difficulty", Select).value = "custom"
            for actor, doctrine in game.settings.doctrines.items():
                for sel in self.query(f"#doc-{actor}").results(Select):
                    sel.value = doctrine
        for actor, hidden in (game.settings.hidden_types or {}).items():
            for sel in self.query(f"#type-{actor}").results(Select):
                sel.value = hidden

    # --- scenario-dependent fields ------------------------------------------------------------

    async def _load(self, name: str) -> None:
        error = self.query_one("#setup-error", Static)
        try:
            self.loaded = self.wargame.load_scenario(name)
        except InputError as exc:
            self.loaded = None
            error.update(exc.message)
            self.query_one("#setup-summary", Static).update("")
            return
        error.update("")
        self.scenario_name = name
        model = self.loaded.model
        info = model.scenario
        self.query_one("#setup-summary", Static).update(f"{info.title} ({info.year}). {info.summary}")
        rounds = self.query_one("#setup-rounds", Input)
        rounds.placeholder = f"{self.loaded.rules.rounds} (the scenario's)"
        side = self.query_one("#setup-side", Select)
        playable = [(f"{a.name} ({a.id})", a.id) for a in model.actors if a.playable]
        side.set_options(playable)
        chosen = self.wargame.side if self.wargame.side in {v for _, v in playable} else playable[0][1]
        side.value = chosen
        await self._fill_opponents(chosen)

    async def _fill_opponents(self, side: str) -> None:
        assert self.loaded is not None
        key = (self.scenario_name, side)
        if key == self._opponents_for:
            return
        actor = next(a for a in self.loaded.model.actors if a.id == side)
        brief = Table.grid(padding=(0, 1))
        brief.add_column(style="bold", width=5)
        brief.add_column(width=1)
        brief.add_column(ratio=1)
        for label, items in (("Aims", actor.aims), ("Fears", actor.fears)):
            for k, item in enumerate(items):
                brief.add_row(label if k == 0 else "", "•", item)
        self.query_one("#setup-aims", Static).update(brief)
        goals = self._goals(side)
        self.query_one("#setup-goals", Static).update(
            Text.assemble(("Your goals", "bold"), *(f"\n• {g}" for g in goals)) if goals else ""
        )
        self._opponents_for = key
        box = self.query_one("#setup-opponents", Vertical)
        await box.remove_children()
        rows = []
        doctrines = [("by hidden type (scenario)", "")] + player_doctrines()
        for a in self.loaded.rules.actors:
            if a.id == side:
                continue
            ally = " (ally)" if self.loaded.rules.aligned(side, a.id) else ""
            rows.append(
                Horizontal(
                    Label(f"{a.id}{ally}", classes="field-label"),
                    Select(doctrines, allow_blank=False, compact=True, id=f"doc-{a.id}", classes="doctrine"),
                    Select(
                        TYPE_CHOICES,
                        allow_blank=False,
                        compact=True,
                        id=f"type-{a.id}",
                        classes="hidden-type",
                    ),
                    classes="field opponent",
                )
            )
        await box.mount_all(rows)
        self._apply_difficulty()

    def _goals(self, side: str) -> list[str]:
        """The scenario's goals for ``side``, as lines: a challenge to play for (scored in the debrief)."""
        from wargame.analysis.goals import goal_text, goals_for
        from wargame.analysis.vocab import round_unit

        assert self.loaded is not None
        unit = round_unit(self.loaded.rules)
        names = {a.id: a.in_text for a in self.loaded.rules.actors}
        return [f"{g.title}: {goal_text(g, unit, names)}" for g in goals_for(self.loaded.model.goals, side)]

    def _apply_difficulty(self) -> None:
        if self.loaded is None:
            return
        key = self.query_one("#setup-difficulty", Select).value
        if key == "custom" or not isinstance(key, str):
            return
        doctrine = DIFFICULTIES[key][1]
        side = self._side()
        self._presetting = True
        for a in self.loaded.rules.actor_ids:
            if a == side:
                continue
            rival = not self.loaded.rules.aligned(side, a)
            for sel in self.query(f"#doc-{a}").results(Select):
                sel.value = doctrine if rival else ""
        self.call_after_refresh(self._end_preset)

    def _end_preset(self) -> None:
        self._presetting = False

    def _side(self) -> str:
        value = self.query_one("#setup-side", Select).value
        return value if isinstance(value, str) else ""

    async def on_select_changed(self, event: Select.Changed) -> None:
        sel = event.select
        if sel.id == "setup-scenario" and isinstance(event.value, str) and event.value != self.scenario_name:
            await self._load(event.value)
        elif sel.id == "setup-side" and isinstance(event.value, str) and self.loaded is not None:
            await self._fill_opponents(event.value)
        elif sel.id == "setup-difficulty":
            self._apply_difficulty()
        elif sel.has_class("doctrine") and not self._presetting:
            difficulty = self.query_one("#setup-difficulty", Select)
            if difficulty.value != "custom":
                self._presetting = True
                difficulty.value = "custom"
                self.call_after_refresh(self._end_preset)

    # --- start --------------------------------------------------------------------------------

    def settings(self) -> dict[str, Any]:
        """The game settings chosen (raises InputError for a bad number)."""
        assert self.loaded is not None
        side = self._side()
        doctrines: dict[str, str] = {}
        types: dict[str, str] = {}
        for a in self.loaded.rules.actor_ids:
            if a == side:
                continue
            for sel in self.query(f"#doc-{a}").results(Select):
                if isinstance(sel.value, str) and sel.value:
                    doctrines[a] = sel.value
            for sel in self.query(f"#type-{a}").results(Select):
                if isinstance(sel.value, str) and sel.value != "drawn":
                    types[a] = sel.value
        mode = self.query_one("#setup-mode", Select).value
        rounds_text = self.query_one("#setup-rounds", Input).value.strip()
        out: dict[str, Any] = {"mode": mode, "doctrines": doctrines, "hidden_types": types or None}
        if rounds_text:
            try:
                out["rounds"] = int(rounds_text)
            except ValueError:
                raise InputError("setup", "weeks", f"expected a whole number, got {rounds_text!r}") from None
        return out

    def _seed(self) -> int:
        text = self.query_one("#setup-seed", Input).value.strip()
        try:
            seed = int(text)
        except ValueError:
            raise InputError("setup", "seed", f"expected a whole number ≥ 0, got {text!r}") from None
        if seed < 0:
            raise InputError("setup", "seed", "expected a whole number ≥ 0")
        return seed

    def start(self) -> None:
        """Start the game with the chosen settings (errors are shown here)."""
        error = self.query_one("#setup-error", Static)
        if self.loaded is None:
            error.update("Choose a scenario that loads.")
            return
        try:
            seed = self._seed()
            settings = self.settings()
        except InputError as exc:
            error.update(exc.message)
            return
        message = self.wargame.new_game(self.scenario_name, self._side(), seed, **settings)
        if message:
            error.update(message)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "setup-start":
            self.start()
        else:
            self.action_back()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Mark the focused control's row, so its label lights up too (Textual restyles only the
        focused widget and its ancestors, not a sibling label under ``:focus-within``)."""
        for row in self.query(".field"):
            row.set_class(event.widget in row.children, "-focused")

    def action_start_from_field(self) -> None:
        """Enter on a closed drop-down: start (space or ↓ opens the list). Elsewhere (a button,
        an input, an open list) enter does what it does there."""
        focused = self.focused
        if not isinstance(focused, Select) or focused.expanded:
            raise SkipAction()
        self.start()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.start()

    def action_back(self) -> None:
        """Back to the title screen."""
        self.wargame.to_title()
