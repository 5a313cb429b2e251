"""Relations: the player's trust in each actor, its guess at their trust in it, capabilities and
the arms-race gauge.

Every number comes from the player's view (design.md principle 5): its own beliefs, its
second-order estimates (``≈``) and public capabilities. The arms-race gauge is Richardson's
stability condition (docs/model.md §5): with k_eff = k0·(1 − μ)·(0.5 + ω), the competition with a
rival runs away when k_eff > a, i.e. when the player's trust falls below μ_c = 1 − a/(k0·(0.5+ω)).
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import DataTable

from wargame.analysis.vocab import arrow, trust_word
from wargame.tui.picture import Relation
from wargame.tui.widgets.expert import follow_expert


class RelationsTable(DataTable[Text]):
    """One row per other actor: trust, their trust in you (estimated), capability, arms race
    (set :attr:`relations` to a tuple of :class:`~wargame.tui.picture.Relation`)."""

    DEFAULT_CSS = """
    RelationsTable {
        height: auto;
        max-height: 9;
        background: $surface;
        scrollbar-size-vertical: 1;
        overflow-x: hidden;
    }
    """

    relations: reactive[tuple[Relation, ...]] = reactive(())
    """The rows, in scenario order."""
    expert: reactive[bool] = reactive(False, init=False)
    """The expert view: ≈Theirs, capability K and the Richardson gauge (RUNAWAY/damped)."""

    COLUMNS: ClassVar[tuple[str, ...]] = ("Actor", "Trust", "≈Theirs", "K", "Race", "Reading")
    """Expert view. Trust: yours in them; ≈Theirs: your estimate of theirs in you; K: capability;
    Race: the arms-race gauge; Reading: your trust in words (extra; may be cut off when narrow)."""
    PLAIN_COLUMNS: ClassVar[tuple[str, ...]] = (" Actor", " Your trust", " Theirs≈", " Race")
    """Plain view: your trust in words and a number, your estimate of their trust in you, and
    whether the arms race with them feeds on itself (spiral) or not (steady)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(cursor_type="none", zebra_stripes=True, show_cursor=False, id=id)

    def on_mount(self) -> None:
        follow_expert(self, self._set_expert)
        if not self.columns:
            self._rebuild()

    def _set_expert(self, expert: bool) -> None:
        self.expert = expert

    def watch_expert(self) -> None:
        if self.is_mounted:
            self._rebuild()

    def _rebuild(self) -> None:
        self.clear(columns=True)
        # plain: one space between columns (the cells start with it), so four fit 40 cells
        self.cell_padding = 1 if self.expert else 0
        self.add_columns(*(self.COLUMNS if self.expert else self.PLAIN_COLUMNS))
        self._fill(self.relations)

    def watch_relations(self, relations: tuple[Relation, ...]) -> None:
        if self.is_mounted and self.columns:
            self._fill(relations)

    def _fill(self, relations: tuple[Relation, ...]) -> None:
        self.clear()
        for r in relations:
            if self.expert:
                self._expert_row(r)
            else:
                self._plain_row(r)

    def _plain_row(self, r: Relation) -> None:
        if r.allied:
            race = Text(" ally", style="dim")
        elif r.runaway:
            race = Text(" spiral", style="bold")
        else:
            race = Text(" steady")
        self.add_row(
            Text(f" {r.actor}", style="bold"),
            Text.assemble(f" {r.trust:.2f}{arrow(r.trust_change)} ", (trust_word(r.trust), "italic")),
            Text(f" {r.estimated_trust_in_me:.2f}{arrow(r.estimate_change)}"),
            race,
            key=r.actor,
        )

    def _expert_row(self, r: Relation) -> None:
        if r.allied:
            race = Text("ally", style="dim")
        elif r.runaway:
            race = Text(f"RUNAWAY{arrow(r.capability_change)}", style="bold")
        else:
            race = Text(f"damped{arrow(r.capability_change)}")
        self.add_row(
            Text(r.actor, style="bold"),
            Text(f"{r.trust:.2f}{arrow(r.trust_change)}"),
            Text(f"{r.estimated_trust_in_me:.2f}{arrow(r.estimate_change)}"),
            Text(f"{r.capability:.1f}{arrow(r.capability_change)}"),
            race,
            Text(trust_word(r.trust), style="italic"),
            key=r.actor,
        )
