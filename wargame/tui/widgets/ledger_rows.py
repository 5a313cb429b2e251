"""The misperception ledger as the debrief screens show it: one table row, and the words on each
side of a highlighted row (single-player and class debriefs share these)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable

from wargame.analysis.ledger import LedgerRow


def fill_ledger(table: DataTable, rows: list[LedgerRow], unit: str) -> None:
    """Replace ``table``'s columns and rows with ``rows``; ``unit`` names a round (``week``, ``day``)."""
    table.clear(columns=True)
    table.add_columns(unit.capitalize()[:4], "Maker→Obs", "Meant", "Read as", "Trust", "Tension")
    for row in rows:
        if row.misread:
            read = Text(f"⚠ MISREAD: {row.read}", style="bold reverse")
        elif row.weight == 0.0:
            read = Text("ally: no alarm", style="dim")
        else:
            # seen as the act it was; "HOSTILE" is the observer's reading, not the maker's intent
            read = Text("seen right, read HOSTILE", style="bold") if row.hostile else Text("seen right, calm")
        table.add_row(
            str(row.round),
            f"{row.maker}→{row.observer}",
            row.meant,
            read,
            f"{row.trust_before:.2f}→{row.trust_after:.2f}",
            # tension as displayed everywhere: rounded down, so it lies in its level's band
            f"{int(row.tension_before)}→{int(row.tension_after)}",
        )


def ledger_detail(row: LedgerRow, unit: str) -> Text:
    """The words on each side of one reading: what the maker meant and said, what the observer read."""
    return Text.assemble(
        (f"{unit.capitalize()} {row.round}: {row.maker} meant ", "bold"),
        f"{row.meant}: “{row.frame}”\n",
        (f"{row.observer} read ", "bold"),
        f"{row.read}: “{row.reading}”"
        + (" (a misreading)" if row.misread else "")
        + f" · evidence {row.evidence:+.2f} · trust {row.trust_before:.2f}→{row.trust_after:.2f}",
    )
