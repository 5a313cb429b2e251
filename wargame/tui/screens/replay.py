"""Watch a replay: step through a recorded game week by week, through one capital's eyes.

A record is a game (design.md principle 1): the screen replays it with the engine and shows the
state after week *k* as the chosen observer knew it (the same widgets as the game screen). The
debrief, with the hidden types, is one key away.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from wargame.analysis.vocab import round_unit
from wargame.game import Game
from wargame.tui import picture
from wargame.tui.widgets.news_log import NewsLog
from wargame.tui.widgets.relations_table import RelationsTable
from wargame.tui.widgets.tension_meter import TensionMeter

if TYPE_CHECKING:
    from wargame.tui.app import WargameApp


class ReplayScreen(Screen[None]):
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
        Binding("d", "debrief", "Debrief"),
        Binding("f", "filter_news", "News filter"),
        Binding("escape", "back", "Back"),
    ]
    # Screen declares these as plain attributes, so no ClassVar here:
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]  # noqa: RUF012
    VERTICAL_BREAKPOINTS = [(0, "-short"), (34, "-tall")]  # noqa: RUF012

    week: reactive[int] = reactive(0, init=False)
    """Weeks shown (0: before week 1)."""
    observer: reactive[str] = reactive("", init=False)
    """Whose view is shown."""

    def __init__(self, game: Game, name: str) -> None:
        super().__init__()
        self.full = game
        self.name_ = name
        self.title = "Replay"
        self.set_reactive(ReplayScreen.observer, game.humans[0] if game.humans else game.rules.actor_ids[0])

    @property
    def wargame(self) -> WargameApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        yield TensionMeter(id="meter")
        with Horizontal(id="board"):
            with Vertical(id="orders"):
                yield Static("", id="replay-about")
                yield RelationsTable(id="relations")
            with Vertical(id="world"):
                yield NewsLog(self.full.rules.actor_by_id[self.observer].capital, id="news")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#orders").border_title = "Replay"
        self.query_one("#relations").border_title = "Relations"
        self._show()

    def _shown_game(self) -> Game:
        return self.full if self.week == self.full.round else self.full.fork(self.week)

    def _show(self) -> None:
        game = self._shown_game()
        obs = self.observer
        st = picture.status(game, obs)
        self.sub_title = f"{round_unit(self.full.rules.round_days)} {self.week} of {self.full.round} · {st.date:%d %b %Y} · through {obs}'s eyes"
        self.query_one(TensionMeter).reading = picture.tension_reading(game)
        self.query_one(RelationsTable).relations = picture.relations(game, obs)
        news = self.query_one(NewsLog)
        news.capital = game.rules.actor_by_id[obs].capital
        news.me = obs
        news.entries = tuple(picture.all_news(game, obs))
        who = news.actor_filter
        news.border_title = "News · all actors" if who is None else f"News · {who} only"
        about = Text()
        about.append(f"{self.full.title or self.name_}\n", style="bold")
        if self.full.description:
            about.append(self.full.description + "\n\n", style="italic")
        about.append(
            f"{self.full.scenario.model.scenario.title}, seed {self.full.seed}, {self.full.mode.value} mode.\n"
        )
        about.append(
            f"→/n next {round_unit(self.full.rules.round_days)} · ←/p previous · v whose view · d debrief"
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
        """Show the next actor's view."""
        ids = self.full.rules.actor_ids
        self.observer = ids[(ids.index(self.observer) + 1) % len(ids)]

    def action_filter_news(self) -> None:
        """Cycle the news filter."""
        cycle: list[str | None] = [None, *self.full.rules.actor_ids]
        news = self.query_one(NewsLog)
        news.actor_filter = cycle[(cycle.index(news.actor_filter) + 1) % len(cycle)]
        self._show()

    def action_debrief(self) -> None:
        """The debrief of the whole record, from the observer's side."""
        from wargame.tui.screens.debrief import DebriefScreen

        self.app.push_screen(DebriefScreen(self.full, self.observer, from_replay=True))

    def action_back(self) -> None:
        """Back to the title screen."""
        self.wargame.to_title()
