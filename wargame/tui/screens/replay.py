"""Watch a replay: step through a recorded game week by week, through one capital's eyes or as
the world press reported it.

A record is a game (design.md principle 1): the screen replays it with the engine and shows the
state after week *k* as the chosen observer knew it (the same widgets as the game screen), or
the world press's view (public facts only: what each state did and said, events, tension). The
facilitator's actions of a classroom game (injects, undos with the orders undone, pauses, the
reveal, the end) are in the record and shown where they happened. The debrief, with the hidden
types, is one key away (the class debrief for a classroom record).
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.widgets import Footer, Header, Static

from wargame.analysis.vocab import round_unit
from wargame.errors import printable
from wargame.game import Game
from wargame.tui import picture
from wargame.tui.messages import ShowError
from wargame.tui.screens.base import WargameScreen
from wargame.tui.widgets.news_log import NewsLog
from wargame.tui.widgets.relations_table import RelationsTable
from wargame.tui.widgets.tension_meter import TensionMeter

WORLD_PRESS = "*press*"
"""The observer value of the world press's view (never an actor id)."""


class ReplayScreen(WargameScreen):
    """A replay viewer.

    Args:
        game: the whole recorded game.
        name: the file name (for the title).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right,n", "step(1)", "Next"),
        Binding("left,p", "step(-1)", "Previous"),
        Binding("end", "step(1000)", "Last", show=False),
        Binding("home", "step(-1000)", "First", show=False),
        Binding("v", "next_observer", "Whose view"),
        Binding("w", "world_press", "World press"),
        Binding("d", "debrief", "Debrief"),
        Binding("o", "play_on", "Play on"),
        Binding("f", "filter_news", "News filter"),
        Binding("escape", "back", "Back"),
    ]
    # Screen declares these as plain attributes, so no ClassVar here:
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]  # noqa: RUF012
    VERTICAL_BREAKPOINTS = [(0, "-short"), (34, "-tall")]  # noqa: RUF012

    week: reactive[int] = reactive(0, init=False)
    """Weeks shown (0: before week 1)."""
    observer: reactive[str] = reactive("", init=False)
    """Whose view is shown (an actor id, or :data:`WORLD_PRESS`)."""

    def __init__(self, game: Game, name: str) -> None:
        super().__init__()
        self.full = game
        self.name_ = name
        self.title = "Replay"
        self._last_capital = ""
        if len(game.humans) >= 2:
            first = WORLD_PRESS  # a classroom record: start where the class started, the projector
        else:
            first = game.humans[0] if game.humans else game.rules.actor_ids[0]
        self.set_reactive(ReplayScreen.observer, first)

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        yield TensionMeter(id="meter")
        with Horizontal(id="board"):
            with Vertical(id="orders"):
                yield Static("", id="replay-about")
                yield RelationsTable(id="relations")
            with Vertical(id="world"):
                yield NewsLog(self._capital(self.observer), id="news")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#orders").border_title = "Replay"
        self.query_one("#relations").border_title = "Relations"
        self._show()

    def _capital(self, observer: str) -> str:
        return "" if observer == WORLD_PRESS else self.full.rules.actor_by_id[observer].capital

    def _shown_game(self) -> Game:
        return self.full if self.week == self.full.round else self.full.fork(self.week)

    def _show(self) -> None:
        game = self._shown_game()
        obs = self.observer
        press = obs == WORLD_PRESS
        unit = round_unit(self.full.rules)
        when = f"{game.rules.date_of(self.week):%d %b %Y}"
        if press:
            eyes = "the world press (public facts only)"
        else:
            team = (
                f", {picture.team_name(self.full, obs)}"
                if obs in self.full.humans and len(self.full.humans) > 1
                else ""
            )
            eyes = f"through {obs}'s eyes{team}"
        self.sub_title = f"{unit} {self.week} of {self.full.round} · {when} · {eyes}"
        self.query_one(TensionMeter).reading = picture.tension_reading(game)
        relations = self.query_one(RelationsTable)
        relations.display = not press
        if not press:
            relations.relations = picture.relations(game, obs)
        news = self.query_one(NewsLog)
        news.capital = self._capital(obs)
        news.me = obs
        entries = picture.all_press(game) if press else picture.all_news(game, obs)
        news.entries = tuple(picture.with_facilitator(game, entries))
        who = news.actor_filter
        source = "World press" if press else "News"
        news.border_title = f"{source} · all actors" if who is None else f"{source} · {who} only"
        about = Text()
        # a record's own text: escape and bidi codes shown escaped, never sent to the terminal
        about.append(f"{printable(self.full.title or self.name_, 200)}\n", style="bold")
        if self.full.description:
            about.append(printable(self.full.description, 2000, keep_newlines=True) + "\n\n", style="italic")
        about.append(
            f"{self.full.scenario.model.scenario.title}, seed {self.full.seed}, {self.full.mode.value} mode.\n"
        )
        if len(self.full.humans) >= 2:
            about.append(
                "Classroom game: "
                + "; ".join(printable(picture.team_label(self.full, a), 80) for a in self.full.humans)
                + ".\n"
            )
        if self.full.facilitator:
            n = len(self.full.facilitator)
            about.append(
                f"The facilitator acted {n} time{'s' if n > 1 else ''} (marked FACILITATOR in the news).\n"
            )
        if self.full.forked_from is not None:
            from wargame.analysis.vocab import origin_line

            about.append(origin_line(self.full) + "\n")
        about.append(
            f"→/n next {round_unit(self.full.rules)} · ←/p previous · v whose view · w world press · d debrief"
            f" · o play on from here · e codes"
        )
        self.query_one("#replay-about", Static).update(about)

    def watch_week(self, _: int) -> None:
        self._show()

    def watch_observer(self, _: str) -> None:
        self._show()

    def action_step(self, delta: int) -> None:
        """Move by ``delta`` weeks (clamped to the record)."""
        self.week = max(0, min(self.full.round, self.week + delta))

    def action_next_observer(self) -> None:
        """Show the next view: each actor's in turn (the teams' first in a classroom game), then
        the world press."""
        humans = list(self.full.humans)
        ids = [*humans, *(a for a in self.full.rules.actor_ids if a not in humans), WORLD_PRESS]
        self.observer = ids[(ids.index(self.observer) + 1) % len(ids)]

    def action_world_press(self) -> None:
        """Switch between the world press and the last capital shown."""
        if self.observer == WORLD_PRESS:
            self.observer = self._last_capital or (self.full.humans or self.full.rules.actor_ids)[0]
        else:
            self._last_capital = self.observer
            self.observer = WORLD_PRESS

    def action_filter_news(self) -> None:
        """Cycle the news filter."""
        cycle: list[str | None] = [None, *self.full.rules.actor_ids]
        news = self.query_one(NewsLog)
        news.actor_filter = cycle[(cycle.index(news.actor_filter) + 1) % len(cycle)]
        self._show()

    def action_debrief(self) -> None:
        """The debrief of the whole record: the class debrief for a classroom record, else from
        the observer's side."""
        from wargame.tui.screens.debrief import DebriefScreen

        if len(self.full.humans) >= 2:
            from wargame.tui.screens.class_debrief import ClassDebriefScreen

            self.app.push_screen(ClassDebriefScreen(self.full, from_replay=True))
            return
        side = (
            self.observer
            if self.observer != WORLD_PRESS
            else (self.full.humans or self.full.rules.actor_ids)[0]
        )
        self.app.push_screen(DebriefScreen(self.full, side, from_replay=True, source=self.name_))

    def action_play_on(self) -> None:
        """What if: fork the record at the week shown and play on as the record's player (in an
        AI-only record, the side whose view is shown); the fork is a new file."""
        from wargame.tui.screens.fork import ForkScreen, play_branch

        if len(self.full.humans) >= 2:
            self.post_message(
                ShowError("A classroom game cannot be played on from a week (its chance is secret).")
            )
            return
        if self.full.humans:  # the same side as the record's player, whoever's view is shown
            side = self.full.humans[0]
        else:  # an AI-only record: the side whose view is shown
            side = self.observer if self.observer != WORLD_PRESS else self.full.rules.actor_ids[0]
        self.app.push_screen(
            ForkScreen(self.full, self.name_, side, self.week), lambda b: play_branch(self.wargame, b)
        )

    def action_back(self) -> None:
        """Back to the title screen."""
        self.wargame.to_title()
