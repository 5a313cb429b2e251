"""Play on from this week: fork a game at a week (the replay's week, or one chosen in the
debrief), optionally with other AI settings for the other states, and play on as the same side.

The seed stays (the same hidden types, the same chance); the fork is written to a new file in the
save folder (never over its parent) and its record names the parent and the week
(:mod:`wargame.fork`). A game still open in the app (the debrief of a game just played) is first
kept in a file of its own, so the fork has a parent to name.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from wargame.analysis.vocab import round_unit
from wargame.engine.doctrines import DOCTRINES
from wargame.errors import InputError, printable
from wargame.tui.screens.setup import DIFFICULTIES, player_doctrines

if TYPE_CHECKING:
    from wargame.game import Game
    from wargame.tui.host import WargameHost

AS_BEFORE = "="
"""The doctrine choice "as before" (the parent's setting is kept)."""

#: The AI presets offered: "as before", then the setup's difficulties (but "custom").
PRESETS: dict[str, tuple[str, str]] = {
    "same": ("As before", AS_BEFORE),
    **{k: v for k, v in DIFFICULTIES.items() if k != "custom"},
    "custom": DIFFICULTIES["custom"],
}


def _unique(path: Path) -> Path:
    k, candidate = 2, path
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-{k}{path.suffix}")
        k += 1
    return candidate


@dataclass(frozen=True)
class Branch:
    """A fork made and saved, ready to play: the game, its file, the one-line notice."""

    game: Game
    path: Path
    side: str
    notice: str


def make_branch(
    app: WargameHost,
    game: Game,
    parent: str | None,
    week: int,
    side: str,
    doctrines: dict[str, str] | None = None,
) -> Branch | str:
    """Fork ``game`` at ``week`` and save the fork as a new file in the save folder.

    Args:
        app: the app.
        game: the game shown (a replay's whole record, or the game just played).
        parent: the file name ``game`` was read from; None: the game open in the app, which is
            kept in a file of its own first (unless it was just saved or loaded as it is).
        week: weeks kept.
        side: the side played on.
        doctrines: new doctrines by actor (``""``: the scenario's), for the weeks after.

    Returns:
        The branch, or an error message (then no fork was written).
    """
    from wargame.fork import fork_game, fork_path
    from wargame.tui.saves import suggested_name

    kept = ""
    try:
        if parent is None:
            known = getattr(app, "game_path", None)
            if known is not None and app.saved_round == game.round and Path(known).is_file():
                parent = Path(known).name
            else:
                fork_game(
                    game, week, "this game", side=side, doctrines=doctrines, source="fork"
                )  # check first
                path = _unique(app.save_dir / suggested_name(game.scenario.id, side, game.seed, game.round))
                game.save(path)
                parent, kept = path.name, f" Your game is kept as {path.name}."
        forked = fork_game(game, week, parent, side=side, doctrines=doctrines, source="fork")
        out = fork_path(parent, week, app.save_dir)
        forked.save(out)
    except InputError as exc:
        return exc.expected if exc.place else exc.message
    except OSError as exc:
        return f"Cannot write the fork: {exc.strerror or exc}"
    unit = round_unit(game.rules)
    notice = f"Playing on from {unit} {week} of {parent} as {side}; saved as {out.name}.{kept}"
    return Branch(forked, out, side, printable(notice, 400))


def play_branch(app: WargameHost, branch: Branch | None) -> None:
    """Show ``branch`` (a :class:`ForkScreen`'s answer) on the game screen, with its notice."""
    if branch is None:
        return
    app.start(branch.game, branch.side, saved=True, source=branch.path)
    app.notify(branch.notice, title="What if", timeout=10, markup=False)


class ForkScreen(ModalScreen[Branch | None]):
    """Choose the week to play on from and the other states' AI; dismisses with the saved
    :class:`Branch` (show it with :func:`play_branch`), or None when cancelled.

    Args:
        game: the game to fork.
        parent: the file it was read from (None: the game open in the app).
        side: the side played on.
        week: the week offered.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]
    AUTO_FOCUS = "#fork-ok"
    DEFAULT_CSS = """
    #fork-others { height: auto; max-height: 6; }
    #fork-box .field-label { width: 12; }
    """

    def __init__(self, game: Game, parent: str | None, side: str, week: int) -> None:
        super().__init__()
        self.game = game
        self.parent_file = parent
        self.side = side
        self.week = week
        self._presetting = False

    def compose(self) -> ComposeResult:
        game, unit = self.game, round_unit(self.game.rules)
        others = [a for a in game.rules.actors if a.id != self.side]
        with Vertical(id="fork-box", classes="dialog small"):
            yield Static(self._about(self.week), id="fork-about")
            with Horizontal(classes="field"):
                yield Label(f"{unit.capitalize()}s kept", classes="field-label")
                yield Input(str(self.week), type="integer", compact=True, id="fork-week")
            with Horizontal(classes="field"):
                yield Label("Their AI", classes="field-label")
                yield Select(
                    [(label, key) for key, (label, _) in PRESETS.items()],
                    value="same",
                    allow_blank=False,
                    compact=True,
                    id="fork-preset",
                )
            with VerticalScroll(id="fork-others"):
                for a in others:
                    now = DOCTRINES[game.doctrine_name(a.id)].title
                    options = [
                        (f"as before ({now})", AS_BEFORE),
                        ("by hidden type (scenario)", ""),
                        *player_doctrines(),
                    ]
                    ally = " (ally)" if game.rules.aligned(self.side, a.id) else ""
                    with Horizontal(classes="field"):
                        yield Label(f"{a.id}{ally}", classes="field-label")
                        yield Select(
                            options,
                            value=AS_BEFORE,
                            allow_blank=False,
                            compact=True,
                            id=f"fork-doc-{a.id}",
                            classes="fork-doctrine",
                        )
            yield Static("", id="fork-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Play on (enter)", variant="primary", id="fork-ok")
                yield Button("Cancel (esc)", id="fork-cancel")

    def _about(self, week: int) -> str:
        unit = round_unit(self.game.rules)
        source = self.parent_file or "this game"
        kept = f"{unit}s 1-{week} as played" if week >= 1 else "no week played"
        return printable(
            f"From {source}: keep {kept}, then play {self.side} from {unit} {week + 1}. "
            "Same seed (same hidden types, same chance); saved as a new file, the original kept.",
            400,
        )

    def on_mount(self) -> None:
        self.query_one("#fork-box").border_title = "Play on from this week"

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "fork-week" and event.value.strip().isdigit():
            self.query_one("#fork-about", Static).update(self._about(int(event.value.strip())))

    def on_select_changed(self, event: Select.Changed) -> None:
        sel = event.select
        if sel.id == "fork-preset" and isinstance(event.value, str) and event.value != "custom":
            doctrine = PRESETS[event.value][1]
            self._presetting = True
            for a in self.game.rules.actor_ids:
                if a == self.side:
                    continue
                rival = not self.game.rules.aligned(self.side, a)
                for s in self.query(f"#fork-doc-{a}").results(Select):
                    s.value = doctrine if rival or doctrine == AS_BEFORE else AS_BEFORE
            self.call_after_refresh(self._end_preset)
        elif sel.has_class("fork-doctrine") and not self._presetting:
            preset = self.query_one("#fork-preset", Select)
            if preset.value != "custom":
                self._presetting = True
                preset.value = "custom"
                self.call_after_refresh(self._end_preset)

    def _end_preset(self) -> None:
        self._presetting = False

    def doctrines(self) -> dict[str, str]:
        """The doctrines changed (``""``: the scenario's), by actor."""
        out: dict[str, str] = {}
        for sel in self.query(".fork-doctrine").results(Select):
            if isinstance(sel.value, str) and sel.value != AS_BEFORE and sel.id:
                out[sel.id.removeprefix("fork-doc-")] = sel.value
        return out

    def _go(self) -> None:
        error = self.query_one("#fork-error", Static)
        text = self.query_one("#fork-week", Input).value.strip()
        if not text.isdigit():
            error.update(f"Type a week from 0 to {self.game.round}.")
            return
        app: WargameHost = self.app  # type: ignore[assignment]
        branch = make_branch(app, self.game, self.parent_file, int(text), self.side, self.doctrines())
        if isinstance(branch, str):
            error.update(printable(branch, 300))
        else:
            self.dismiss(branch)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._go()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "fork-ok":
            self._go()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        """Close without forking."""
        self.dismiss(None)
