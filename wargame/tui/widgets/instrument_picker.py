"""The instrument picker: the player's catalogue, grouped, with codes, weights and costs.

An :class:`~textual.widgets.OptionList` (one option per instrument, a disabled heading per group)
and a compact :class:`~textual.widgets.Select` for the target. Moving the highlight posts
:class:`InstrumentPicker.Highlighted` (the screen then shows the preview); enter or a click posts
:class:`InstrumentPicker.Chosen` (the order is staged; the week ends with a separate key).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from wargame.analysis.vocab import CATEGORY_TITLES
from wargame.engine.rules import Instrument
from wargame.engine.state import Order
from wargame.tui.widgets.expert import follow_expert


@dataclass(frozen=True, slots=True)
class PickerGroup:
    """One group of the picker: a category id (``show_of_force`` …) and its instruments."""

    category: str
    instruments: tuple[Instrument, ...]


NO_ORDER = "No order yet · enter: choose"


#: Width of the plain columns ``Signal cost``, e.g. ``" ▲▲     0.1"``.
PLAIN_WIDTH = 12
#: Width of the expert columns ``CAMEO  G  Kahn cost``, e.g. ``"   150  −7.2    5  0.1"``.
EXPERT_WIDTH = 22


#: Evidence sizes at which the signal column shows one more glyph (six at most).
SIGNAL_STEPS = (0.1, 0.3, 0.5, 0.75, 1.0, 1.5)


def signal_glyphs(evidence: float) -> Text:
    """How strongly an act moves the others' suspicion, as up to six glyphs: ▲ raises it
    (alarms), ▼ lowers it (reassures), · barely moves it. ``evidence`` is the instrument's
    log-likelihood ratio for "the maker is greedy" (docs/model.md §3)."""
    n = sum(abs(evidence) >= step for step in SIGNAL_STEPS)
    if n == 0:
        return Text("·", style="dim")
    if evidence > 0:
        return Text("▲" * n, style="bold")
    return Text("▼" * n, style="italic")


def _columns(i: Instrument, expert: bool) -> Text:
    """The columns after the name: ``Signal cost`` (plain) or ``CAMEO G Kahn cost`` (expert)."""
    if expert:
        return Text(f" {i.cameo:>5} {i.goldstein:+5.1f} {i.kahn_rung:>4} {i.cost:4.1f}".replace("-", "−"))
    glyphs = signal_glyphs(i.evidence)
    glyphs.truncate(6, pad=True)
    return Text.assemble(" ", glyphs, f" {i.cost:4.1f}")


def _fit(text: Text, width: int) -> Text:
    """Cut ``text`` to ``width`` cells (ending in …) or pad it with spaces (Rich does both)."""
    text.truncate(width, overflow="ellipsis", pad=True)
    return text


def markers(i: Instrument) -> Text:
    """What an instrument's name must always show: `` ⚠force`` (a use of force), `` +ally``
    (needs an ally's same order) or `` +sign`` (needs the target's signature)."""
    out = Text()
    if i.category.value == "use_of_force":
        out.append(" ⚠force", style="bold")
    if i.needs.value == "ally":
        out.append(" +ally", style="italic")
    elif i.needs.value == "counterpart":
        out.append(" +sign", style="italic")
    return out


def instrument_prompt(i: Instrument, width: int, expert: bool = False, pending: bool = False) -> Text:
    """One option, ``width`` cells wide: the name, then its markers (never cut: a narrow list
    shortens the name instead), then the columns (see :func:`_columns`).

    Plain one-line Text (not a Rich table): the option list re-renders every prompt when its
    style changes (focus), and Text is several times cheaper. It never wraps, so a first frame
    laid out before the list knows its width crops instead of breaking the columns onto lines.
    """
    cols = EXPERT_WIDTH if expert else PLAIN_WIDTH
    mark = markers(i)
    if pending:
        mark.append(" (pending)", style="dim")
    name_width = max(8, width - cols)
    name = Text(i.name)
    name.truncate(max(4, name_width - mark.cell_len), overflow="ellipsis")
    out = _fit(name + mark, name_width) + _columns(i, expert)
    out.no_wrap = True
    out.overflow = "crop"
    return out


def heading_prompt(category: str, width: int, expert: bool = False) -> Text:
    """A group heading with the column names, ``width`` cells wide."""
    cols = EXPERT_WIDTH if expert else PLAIN_WIDTH
    title = Text(CATEGORY_TITLES.get(category, category), style="bold underline")
    names = " CAMEO     G Kahn cost" if expert else " Signal cost"
    out = _fit(title, max(8, width - cols)) + Text(names, style="bold")
    out.no_wrap = True
    out.overflow = "crop"
    return out


class InstrumentList(OptionList):
    """The picker's option list. Choosing (enter or a click) stages the order at once, inside
    the key's own handling, so a key pressed right after (space: end the week) already sees it;
    the :class:`InstrumentPicker.Chosen` message follows for listeners."""

    def action_select(self) -> None:
        super().action_select()
        option = self.highlighted_option
        picker = self.parent
        if option is not None and option.id and isinstance(picker, InstrumentPicker):
            picker.choose(option.id)


class InstrumentPicker(Widget):
    """Pick an instrument and a target.

    Args:
        groups: the player's catalogue by category, in display order.
        targets: (actor id, label) of every possible target, in scenario order.
        target: the target offered first.
        unit: what a round is called (``week``, ``day`` …), for the hints.
    """

    DEFAULT_CSS = """
    InstrumentPicker {
        height: 1fr;
        OptionList, OptionList:focus { height: 1fr; border: none; padding: 0; background: $surface; scrollbar-size-vertical: 1; }
        OptionList:focus { background-tint: $foreground 5%; }
        #picker-target-row { height: 1; }
        #picker-target-row Label { width: auto; padding: 0 1 0 0; }
        #picker-target-row Select { width: 1fr; }
        #picker-order { height: auto; padding: 0 0; text-style: bold; }
        #picker-order.-staged { background: $accent 30%; }
    }
    """

    class Highlighted(Message):
        """The highlighted instrument (or target) changed: preview ``order``."""

        def __init__(self, order: Order) -> None:
            super().__init__()
            self.order = order

    class Chosen(Message):
        """The player chose ``order`` (staged; not yet committed)."""

        def __init__(self, order: Order) -> None:
            super().__init__()
            self.order = order

    target: reactive[str | None] = reactive(None, init=False)
    """The target actor id (None when no target is possible)."""
    staged: reactive[Order | None] = reactive(None, init=False)
    """The order chosen for this week, or None."""
    expert: reactive[bool] = reactive(False, init=False)
    """Show the codes (CAMEO, Goldstein, Kahn) instead of the plain signal column."""
    pending: reactive[frozenset[str]] = reactive(frozenset(), init=False)
    """Instruments whose proposal to the current target is already on the table (marked)."""

    def __init__(
        self,
        groups: list[PickerGroup],
        targets: list[tuple[str, str]],
        target: str | None,
        *,
        unit: str = "week",
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.unit = unit
        self.commit_words = f"end the {unit}"
        """What ``space`` does, for the staged-order line ("end the week"; "seal your order")."""
        self.groups = groups
        self.targets = targets
        self.by_id = {i.id: i for g in groups for i in g.instruments}
        self._prompt_width = 0
        self.set_reactive(InstrumentPicker.target, target)

    def _options(self, width: int) -> list[Option]:
        options: list[Option] = []
        expert, pending = self.expert, self.pending
        for g in self.groups:
            options.append(Option(heading_prompt(g.category, width, expert), disabled=True))
            options.extend(
                Option(instrument_prompt(i, width, expert, i.id in pending), id=i.id) for i in g.instruments
            )
        return options

    def compose(self) -> ComposeResult:
        yield InstrumentList(*self._options(36), id="picker-list")
        with Horizontal(id="picker-target-row"):
            yield Label("Target")
            yield Select(
                [(label, aid) for aid, label in self.targets],
                value=self.target if self.target is not None else Select.NULL,
                allow_blank=False,
                compact=True,
                id="picker-target",
            )
        yield Static(NO_ORDER, id="picker-order")

    def on_mount(self) -> None:
        ol = self.query_one(OptionList)
        first = next((k for k, o in enumerate(ol.options) if not o.disabled), None)
        if first is not None:
            ol.highlighted = first
        follow_expert(self, self._set_expert)

    def _set_expert(self, expert: bool) -> None:
        self.expert = expert

    def on_resize(self) -> None:
        """Fit the prompts to the list's new width (names are cut with … when narrow)."""
        ol = self.query_one(OptionList)
        width = ol.scrollable_content_region.width or ol.size.width
        if width and width != self._prompt_width:
            self._prompt_width = width
            self._reprompt()

    def _reprompt(self) -> None:
        """Render every prompt again (width, view or pending proposals changed)."""
        if not self._prompt_width:
            return
        ol = self.query_one(OptionList)
        for k, option in enumerate(self._options(self._prompt_width)):
            ol.replace_option_prompt_at_index(k, option.prompt)

    def watch_expert(self) -> None:
        self._reprompt()

    def watch_pending(self) -> None:
        self._reprompt()

    # --- reading ------------------------------------------------------------------------------

    @property
    def highlighted_instrument(self) -> Instrument | None:
        """The instrument under the cursor, or None."""
        opt = self.query_one(OptionList).highlighted_option
        return self.by_id.get(opt.id) if opt is not None and opt.id else None

    def order_for(self, instrument: Instrument) -> Order:
        """The order ``instrument`` makes with the current target (None when untargeted)."""
        return Order(instrument.id, self.target if instrument.targeted else None)

    def highlight(self, instrument_id: str) -> None:
        """Move the cursor to an instrument (by id)."""
        ol = self.query_one(OptionList)
        ol.highlighted = ol.get_option_index(instrument_id)

    # --- events -------------------------------------------------------------------------------

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        inst = self.by_id.get(event.option.id or "")
        if inst is not None:
            self.post_message(self.Highlighted(self.order_for(inst)))

    def choose(self, instrument_id: str) -> None:
        """Stage ``instrument_id`` (with the current target) as this round's order."""
        inst = self.by_id.get(instrument_id)
        if inst is not None:
            self.staged = self.order_for(inst)
            self.post_message(self.Chosen(self.staged))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()  # already staged by InstrumentList.action_select

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        value = event.value
        if isinstance(value, str) and value != self.target:
            self.target = value

    def watch_target(self, target: str | None) -> None:
        sel = self.query_one(Select)
        if target is not None and sel.value != target:
            sel.value = target
        inst = self.highlighted_instrument
        if inst is not None:
            self.post_message(self.Highlighted(self.order_for(inst)))
        if self.staged is not None and self.by_id[self.staged.instrument].targeted:
            self.staged = self.order_for(self.by_id[self.staged.instrument])
            self.post_message(self.Chosen(self.staged))

    def watch_staged(self, order: Order | None) -> None:
        line = self.query_one("#picker-order", Static)
        line.set_class(order is not None, "-staged")
        if order is None:
            line.update(NO_ORDER)
        else:
            name = self.by_id[order.instrument].name
            to = f" → {order.target}" if order.target else ""
            line.update(f"Order: {name}{to} · space: {self.commit_words}")

    def cycle_target(self) -> None:
        """Make the next possible target the target (wraps around)."""
        ids = [aid for aid, _ in self.targets]
        if not ids:
            return
        k = ids.index(self.target) if self.target in ids else -1
        self.target = ids[(k + 1) % len(ids)]
