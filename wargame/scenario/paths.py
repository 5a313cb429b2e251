"""Where scenario files are: cheap to import (no pydantic), so ``wargame play`` starts fast."""

from __future__ import annotations

from pathlib import Path

from wargame.errors import InputError

#: The scenario a game, a server or a batch run uses when none is named.
DEFAULT_SCENARIO = "korea-2022"


def bundled_dir() -> Path:
    """The folder of bundled scenarios: inside the installed package, or ``scenarios/`` in a checkout."""
    here = Path(__file__).resolve().parent.parent
    packaged = here / "_scenarios"
    if packaged.is_dir():
        return packaged
    return here.parent / "scenarios"


def bundled() -> dict[str, Path]:
    """Bundled scenario id (the file stem) → path, sorted by id."""
    return {p.stem: p for p in sorted(bundled_dir().glob("*.toml"))}


def resolve(name: str, catalogue: dict[str, Path] | None = None) -> Path:
    """A scenario argument (a bundled id or a path) → its path.

    Raises:
        InputError: neither a file nor a bundled id (the message lists the bundled ids).
    """
    catalogue = bundled() if catalogue is None else catalogue
    path = Path(name)
    if path.suffix == ".toml" and path.exists():
        return path
    found = catalogue.get(name)
    if found is not None:
        return found
    if path.exists():
        return path
    known = ", ".join(catalogue) or "none"
    raise InputError(name, "", f"no such scenario file or bundled scenario id (bundled: {known})")
