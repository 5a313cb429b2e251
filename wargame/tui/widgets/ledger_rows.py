"""The misperception ledger as the debrief screens show it: one table row, and the words on each
side of a highlighted row (single-player and class debriefs share these)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable

from wargame.analysis.ledger import LedgerRow


def fill_ledger(table: DataTable[object], rows: list[LedgerRow], unit: str, width: int | None = None) -> None:
    """Replace ``table``'s columns and rows with ``rows``; ``unit`` names a round (``week``, ``day``).

    ``width``: the columns' room when it is narrow (an 80-column terminal): then the "Meant" and
    "Read as" columns get what the short columns leave and wrap, and "Read as" says only what
    matters ("read HOSTILE" rather than "seen right, read HOSTILE"), so every column shows.
    None: every cell on one line.
    """
    table.clear(columns=True)
    fixed = (unit.capitalize()[:4], "Maker→Obs")
    end = ("Trust", "Tension")
    compact = width is not None
    if compact:
        # the short columns' widths (header or widest cell), each with the table's padding
        pad = 2 * table.cell_padding
        short = [
            max(len(fixed[0]), *(len(str(r.round)) for r in rows)) if rows else len(fixed[0]),
            max(len(fixed[1]), *(len(f"{r.maker}→{r.observer}") for r in rows)) if rows else len(fixed[1]),
            max(len(end[0]), 9),
            max(len(end[1]), *(len(f"{int(r.tension_before)}→{int(r.tension_after)}") for r in rows))
            if rows
            else len(end[1]),
        ]
        free = max(24, (width or 0) - sum(short) - 6 * pad)
        read_w = min(22, max(12, free // 2))
        table.add_column(fixed[0])
        table.add_column(fixed[1])
        table.add_column("Meant", width=free - read_w)
        table.add_column("Read as", width=read_w)
        table.add_columns(*end)
    else:
        table.add_columns(*fixed, "Meant", "Read as", *end)
    for row in rows:
        if row.misread:
            read = Text(f"⚠ MISREAD: {row.read}", style="bold reverse")
        elif row.weight == 0.0:
            read = Text("ally: no alarm", style="dim")
        elif compact:  # no misread mark: it was seen as the act it was
            read = Text("read HOSTILE", style="bold") if row.hostile else Text("read calm")
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
            height=None if compact else 1,
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
