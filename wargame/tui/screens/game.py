"""The game screen: tension meter, instrument picker with its preview, relations and the news.

Everything shown comes from the player's view (:mod:`wargame.tui.picture`). The screen renders
from the game the app holds; choosing an instrument stages an order, and ``space`` ends the week:
the app resolves it, this screen redraws, and the week's report opens.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList

from wargame.analysis.vocab import round_unit
from wargame.engine.news import codes as instrument_codes
from wargame.engine.state import Order
from wargame.game import Game
from wargame.tui import picture
from wargame.tui.screens.base import WargameScreen
from wargame.tui.widgets.expert import follow_expert
from wargame.tui.widgets.instrument_picker import InstrumentPicker, PickerGroup
from wargame.tui.widgets.news_log import NewsLog
from wargame.tui.widgets.perception_preview import PerceptionPreview, PreviewData
from wargame.tui.widgets.relations_table import RelationsTable
from wargame.tui.widgets.tension_meter import TensionMeter


class GameFooter(Footer):
    """The footer, minus a lost frame.

    Textual's footer recomposes (after a refresh) whenever the bindings change, and its recompose
    suspends *every* repaint (``App.batch_update``) across awaits. A screen pushed meanwhile (the
    week's report, pushed on the key right after enter chose an order) is then laid out but its
    first frame is dropped: it stays invisible until the next key. After recomposing, paint the
    top screen if it is not this footer's own.

    It also does not rebuild while a screen covers its own (the week's report): the bindings
    change as the report opens, and two rebuilds there cost the end-week key about a tenth of its
    time; the footer catches up when its screen is shown again (:meth:`catch_up`).
    """

    _stale = False
    """The bindings changed while another screen covered this footer's."""

    def bindings_changed(self, screen: Screen[Any]) -> None:
        if (
            self._bindings_ready
            and self.is_attached
            and screen is self.screen
            and screen is not self.app.screen
        ):
            self._stale = True  # nobody sees it now: rebuild when the screen is back
            return
        super().bindings_changed(screen)

    def catch_up(self) -> None:
        """Rebuild if the bindings changed while the screen was covered."""
        if self._stale and self.is_attached:
            self._stale = False
            self.screen.refresh_bindings()  # the bindings signal again, now with the screen on top

    async def recompose(self) -> None:
        await super().recompose()
        if not self.is_attached:  # the game screen went away meanwhile
            return
        try:
            top, own = self.app.screen, self.screen
        except Exception:  # no screen (shutting down, or removed)
            return
        if top is not own:
            top.refresh(layout=True)


class GameScreen(WargameScreen):
    """One player against the AI states.

    Args:
        game: the game (held by the app; this screen only reads it).
        side: the player's actor id.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        # One key, described in the scenario's own unit (check_action keeps the right one).
        # Not a priority binding: the key then queues behind an enter just pressed in the list,
        # so "enter space" chooses and then ends the round, in that order.
        Binding("space", "end_turn('week')", "End week"),
        Binding("space", "end_turn('day')", "End day"),
        Binding("space", "end_turn('round')", "End round"),
        Binding("t", "next_target", "Target"),
        Binding("f", "filter_news", "News filter"),
        Binding("d", "debrief", "Debrief"),
        Binding("e", "app.toggle_expert", "Codes"),
    ]
    # Screen declares these as plain attributes, so no ClassVar here:
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]  # noqa: RUF012
    VERTICAL_BREAKPOINTS = [(0, "-short"), (34, "-tall")]  # noqa: RUF012
    AUTO_FOCUS = "#picker-list"

    def __init__(self, game: Game, side: str) -> None:
        super().__init__()
        self.game = game
        self.side = side
        rules = game.rules
        me = rules.actor_by_id[side]
        self.capital = me.capital
        self.descriptions = {i.id: i.description for i in game.scenario.model.instruments}
        self.title = game.scenario.id
        self._filter_cycle: list[str | None] = [None, *rules.actor_ids]
        self._news = picture.NewsHistory(side)
        self.unit = round_unit(rules)
        """What a round is called in this scenario (``week``, ``day`` or ``round``)."""

    # --- layout -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        game, side = self.game, self.side
        rules = game.rules
        yield Header(icon="◆")
        yield TensionMeter(id="meter")
        with Horizontal(id="board"):
            with Vertical(id="orders"):
                groups = [PickerGroup(c, tuple(insts)) for c, insts in picture.picker_groups(game, side)]
                targets = [(a, a) for a in rules.actor_ids if a != side]
                yield InstrumentPicker(
                    groups, targets, picture.default_target(game, side), unit=self.unit, id="picker"
                )
                with VerticalScroll(id="preview-box"):
                    yield PerceptionPreview(id="preview")
            with Vertical(id="world"):
                yield RelationsTable(id="relations")
                yield NewsLog(self.capital, id="news")
        yield GameFooter()

    def on_mount(self) -> None:
        self.query_one("#orders").border_title = f"Your move · {self.side}"
        self.query_one("#preview-box").border_title = "How they'll read it · ≈ trust in you"
        self.query_one("#relations").border_title = "Relations"
        self.refresh_from_game()
        follow_expert(self, self._set_expert)

    expert: bool = False
    """The expert view (codes and numbers) is shown: the app's switch, ``e``."""

    def _set_expert(self, expert: bool) -> None:
        self.expert = expert
        self.query_one("#relations").border_subtitle = (
            "≈ your estimate · K capability" if expert else "≈ your estimate of their trust"
        )
        self.refresh_preview()

    def on_screen_resume(self) -> None:
        self.query_one(GameFooter).catch_up()  # bindings changed under the report, say

    def refresh_preview(self) -> None:
        """Preview the highlighted instrument against the game as it is now."""
        picker = self.query_one(InstrumentPicker)
        inst = picker.highlighted_instrument
        if inst is not None:
            self.show_preview(picker.order_for(inst))

    def refresh_from_game(self) -> None:
        """Render every panel from the game (after a week, a load, an undo or a resize)."""
        game, side = self.game, self.side
        st = picture.status(game, side)
        self.sub_title = (
            f"you: {st.side} · {st.unit.capitalize()} {st.week} of {st.round_limit} · {st.date:%d %b %Y}"
            + (" · GAME OVER (d: debrief)" if st.is_over else "")
        )
        self.query_one(TensionMeter).reading = picture.tension_reading(game)
        self.query_one(RelationsTable).relations = picture.relations(game, side)
        news = self.query_one(NewsLog)
        news.entries = self._news.entries(game)
        self._title_news()
        self.refresh_bindings()

    def _title_news(self) -> None:
        news = self.query_one(NewsLog)
        who = news.actor_filter
        news.border_title = "News · all actors" if who is None else f"News · {who} only"
        news.border_subtitle = "f: filter"

    # --- the picker and the preview -----------------------------------------------------------

    def show_preview(self, order: Order) -> None:
        """Show how each other capital will probably read ``order``."""
        rules = self.game.rules
        inst = rules.instruments[order.instrument]
        to = f" → {order.target}" if order.target else ""
        picker = self.query_one(InstrumentPicker)
        picker.pending = picture.pending_proposals(self.game, self.side, picker.target)
        pending = pending_detail = ""
        if inst.id in picture.pending_proposals(self.game, self.side, order.target):
            assert inst.proposes is not None and order.target is not None
            treaty = rules.instruments[inst.proposes]
            fallback = rules.instruments[treaty.fallback].name.lower() if treaty.fallback else "nothing"
            pending = (
                f"⚠ Already on the table: {order.target} can sign it this {self.unit}; this only renews it."
            )
            pending_detail = (
                f"{treaty.name} binds if {order.target} signs too, and otherwise falls back to {fallback}."
            )
        self.query_one(PerceptionPreview).data = PreviewData(
            title=f"{inst.name}{to}",
            codes=instrument_codes(rules, inst.id),
            description=self.descriptions.get(inst.id, ""),
            cost=inst.cost,
            needs="" if inst.needs.value == "none" else inst.needs.value,
            rows=picture.preview(self.game, self.side, order),
            noise=rules.params.perception_noise if self.game.mode.value == "stochastic" else 0.0,
            need=picture.need_note(self.game, self.side, order),
            pending=pending,
            pending_detail=pending_detail,
            expert=self.expert,
        )

    def on_instrument_picker_highlighted(self, message: InstrumentPicker.Highlighted) -> None:
        self.show_preview(message.order)

    @property
    def staged(self) -> Order | None:
        """The order chosen for this round (None until the player chooses); the picker holds it."""
        return self.query_one(InstrumentPicker).staged

    def on_instrument_picker_chosen(self, message: InstrumentPicker.Chosen) -> None:
        self.show_preview(message.order)
        self.refresh_bindings()

    # --- actions ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        over = self.game.is_over
        if action == "end_turn":
            if parameters and parameters[0] != self.unit:
                return False
            return None if over else True
        if action == "debrief":
            return over
        if action == "next_target":
            return not over
        return True

    def action_next_target(self) -> None:
        """Cycle the target of targeted instruments."""
        self.query_one(InstrumentPicker).cycle_target()

    def action_filter_news(self) -> None:
        """Cycle the news filter: all actors, then each actor alone."""
        news = self.query_one(NewsLog)
        k = self._filter_cycle.index(news.actor_filter)
        news.actor_filter = self._filter_cycle[(k + 1) % len(self._filter_cycle)]
        self._title_news()

    def set_news_filter(self, actor: str | None) -> None:
        """Show only the news concerning ``actor`` (None: everyone)."""
        self.query_one(NewsLog).actor_filter = actor
        self._title_news()

    def action_debrief(self) -> None:
        """Open the debrief (once the game is over)."""
        if self.game.is_over:
            self.wargame.show_debrief()

    def action_end_turn(self, unit: str = "") -> None:
        """The footer's "End week" (or day, or round): see :meth:`action_end_week`."""
        self.action_end_week()

    def action_end_week(self) -> None:
        """Commit the staged order: every actor's order is revealed and the week resolves."""
        if self.game.is_over:
            return
        picker = self.query_one(InstrumentPicker)
        order = picker.staged
        if order is None:
            inst = picker.highlighted_instrument
            hint = f" (enter chooses {inst.name})" if inst else ""
            self.notify(f"Choose an instrument first{hint}.", title="No order yet")
            return
        if self.game.rules.instruments[order.instrument].mid_level >= 5:
            from wargame.tui.screens.confirm import ConfirmScreen

            name = self.game.rules.instruments[order.instrument].name
            question = (
                f"{name} is war (COW-MID level 5): the game ends this {self.unit}, "
                "whatever the others do. Go to war?"
            )
            self.app.push_screen(
                ConfirmScreen("War?", question, yes="Go to war", no="Think again"),
                lambda yes: self._resolve(order) if yes else None,
            )
            return
        self._resolve(order)

    def _resolve(self, order: Order) -> None:
        """Resolve the round with ``order`` and show the report (one frame for the whole change)."""
        picker = self.query_one(InstrumentPicker)
        before = picture.relations(self.game, self.side)
        from wargame.tui.screens.report import RoundReportScreen

        with self.app.batch_update():  # one frame for the whole change
            self.wargame.play_week(order)
            picker.staged = None
            self.refresh_from_game()
            self.refresh_preview()
            report = picture.round_report(self.game, self.side, before)
            self.app.push_screen(
                RoundReportScreen(report, self.capital, self.game.is_over), self._after_report
            )

    def _after_report(self, _: None) -> None:
        if self.game.is_over:
            self.wargame.show_debrief()
        else:
            self.query_one("#picker-list", OptionList).focus()

    def undo(self) -> None:
        """Take back the last week (the autosave follows)."""
        if self.wargame.undo_week():
            self.query_one(InstrumentPicker).staged = None  # chosen against the week taken back
            self.refresh_from_game()
            self.refresh_preview()  # the preview reads the trust and estimates just restored
            self.notify(f"{self.unit.capitalize()} {self.game.round + 1} taken back.", title="Undo")
        else:
            self.notify(f"No {self.unit} to take back.")

    # --- command palette ----------------------------------------------------------------------

    def commands(self) -> Iterator[SystemCommand]:
        """The game's entries in the command palette."""
        if not self.game.is_over:
            yield SystemCommand(
                f"End {self.unit}", "Commit your order; all orders are revealed (space)", self.action_end_week
            )
            yield SystemCommand(
                "Next target", "Aim targeted instruments at the next actor (t)", self.action_next_target
            )
        else:
            yield SystemCommand(
                "Debrief", "The outcome, the hidden types, the ledger (d)", self.action_debrief
            )
        yield SystemCommand(
            f"Undo last {self.unit}", f"Take back the last {self.unit} and play it differently", self.undo
        )
        yield SystemCommand("News: all actors", "Show every actor's news", lambda: self.set_news_filter(None))
        for a in self.game.rules.actor_ids:
            yield SystemCommand(
                f"News: {a} only",
                f"Show only the news concerning {self.game.rules.actor_by_id[a].name}",
                lambda a=a: self.set_news_filter(a),
            )
