"""User-facing input errors: one message naming the file, the place and what was expected.

The command line turns an :class:`InputError` into one line on stderr and exit code 2, with no
traceback. Nothing here does I/O.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pydantic is imported lazily: `wargame play` must start fast
    from pydantic import ValidationError


class InputError(Exception):
    """Bad user input (a scenario, record or order file, or a command-line value).

    Args:
        source: the file (or "command line") the input came from.
        place: where in it: "line 12, column 3", a field path such as ``actors.2.trust``, or "".
        expected: what was expected, in plain words.
    """

    exit_code = 2

    def __init__(self, source: str | Path, place: str, expected: str) -> None:
        self.source = str(source)
        self.place = place
        self.expected = expected
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """The one-line message: ``file: place: expected``."""
        parts = [self.source]
        if self.place:
            parts.append(self.place)
        parts.append(self.expected)
        return ": ".join(parts)


def from_validation_error(
    source: str | Path,
    err: ValidationError,
    explain_unknown: Callable[[tuple[str | int, ...]], str | None] | None = None,
) -> InputError:
    """Turn a pydantic ValidationError into an :class:`InputError` naming its first failing field.

    Further failures are counted in the message ("and 2 more problems"). ``explain_unknown``, given
    the place of a field the format does not allow, may say why instead of "unknown field".
    """
    errors = err.errors(include_url=False)
    first = errors[0]
    loc = ".".join(str(p) for p in first["loc"]) or "(top level)"
    msg = str(first["msg"])
    msg = msg.removeprefix("Value error, ")
    if first["type"] == "missing":
        msg = "missing required field"
    elif first["type"] == "extra_forbidden":
        why = explain_unknown(tuple(first["loc"])) if explain_unknown is not None else None
        msg = why or "unknown field (check the spelling)"
    elif (
        "input" in first
        and first["type"] not in ("model_type",)
        and not isinstance(first["input"], (dict, list))
    ):
        msg = f"{msg} (got {first['input']!r})"
    if not first["loc"]:
        # a cross-field rule of the whole file names its own place: "beliefs.0.subject: ..."
        head, sep, rest = msg.partition(": ")
        if sep and head.replace(".", "").replace("_", "").isalnum() and "." in head:
            loc, msg = head, rest
    more = len(errors) - 1
    if more:
        msg += f" (and {more} more problem{'s' if more > 1 else ''})"
    return InputError(source, loc, msg)
