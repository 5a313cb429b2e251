"""The facilitator's log in plain words, in the order things happened (TUI, Markdown and HTML).

Each entry says in which week it happened (``during week k``: with k − 1 weeks played), what was
done in words (card titles, instrument names, never ids or JSON), and when (UTC clock time, where
the record kept it). The order is the log's own: the order in which things happened.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wargame.analysis.vocab import round_unit

if TYPE_CHECKING:
    from wargame.game import Game
    from wargame.record.models import FacilitatorAction


@dataclass(frozen=True, slots=True)
class LogLine:
    """One entry: ``week`` (1-based, the week during which it happened), ``when`` ("HH:MM:SS
    UTC" or ""), ``text`` (plain words)."""

    week: int
    when: str
    text: str

    def line(self, unit: str = "week") -> str:
        """``Week 3, 10:04:12 UTC: paused the game``."""
        when = f", {self.when}" if self.when else ""
        return f"{unit.capitalize()} {self.week}{when}: {self.text}"


def describe(game: Game, f: FacilitatorAction) -> str:
    """What one entry of the log means, in words."""
    rules = game.rules
    unit = round_unit(rules)
    cards = {e.id: e.title for e in game.scenario.model.events}
    kind = f.kind
    if kind == "inject":
        return f"injected the event card “{cards.get(f.detail, f.detail)}” (it fired at the reveal of {unit} {f.round + 1})"
    if kind == "undo":
        text = f"undid {unit} {f.round}"
        try:
            orders = json.loads(f.detail) if f.detail else {}
        except (ValueError, RecursionError):  # a hand-edited record: too deep or not JSON
            orders = {}
        if isinstance(orders, dict) and orders:
            parts = []
            for actor, o in orders.items():
                if not isinstance(o, dict):
                    continue
                inst = rules.instruments.get(o.get("instrument", ""))
                name = inst.name if inst is not None else str(o.get("instrument", "?"))
                parts.append(f"{actor} {name}" + (f" → {o['target']}" if o.get("target") else ""))
            text += " (its orders were: " + "; ".join(parts) + ")"
        return text
    words = {
        "pause": "paused the game",
        "resume": "resumed the game",
        "reveal": "revealed every perception and hidden type to the class (mid-game)",
        "end": "ended the game",
        "leave": "left the class for the title screen (the class was saved)",
        "reopen": "reopened the class with the PIN",
        "pin_change": "changed the facilitator PIN",
        "pin_wrong": "a wrong facilitator PIN was typed",
        "save": "saved the class",
    }
    text = words.get(kind, kind)
    if f.detail and kind in ("pin_wrong", "reopen", "save", "pin_change"):
        text += f" ({f.detail})"
    return text


def week_of(f: FacilitatorAction) -> int:
    """The week during which an entry happened (an undo is logged with the week it removed,
    and happened during the week after it)."""
    return f.round + 1


def log_lines(game: Game) -> list[LogLine]:
    """The whole log, in the order things happened."""
    out = []
    for f in game.facilitator:
        when = f.at[11:19] + " UTC" if len(f.at) >= 19 else ""
        out.append(LogLine(week_of(f), when, describe(game, f)))
    return out


def ended_by_facilitator(game: Game) -> bool:
    """True if the facilitator's last word was "end" (no undo after it) and no outcome came."""
    last = None
    for f in game.facilitator:
        if f.kind in ("end", "undo"):
            last = f.kind
    return last == "end" and game.state.outcome is None


def class_outcome_words(game: Game) -> str:
    """The outcome's headline, and for a class the facilitator ended: that it ended, and when."""
    from wargame.analysis.ledger import outcome_words

    if ended_by_facilitator(game):
        unit = round_unit(game.rules)
        return f"Ended by the facilitator after {game.round} {unit}s, before any outcome"
    return outcome_words(game)


def reasons_of(game: Game, round_: int) -> dict[str, str]:
    """Each team's one line of why it ordered what it did in ``round_`` (sealed with its order)."""
    return dict(game.reasons.get(round_, {}))
