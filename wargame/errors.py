"""User-facing input errors: one message naming the file, the place and what was expected.

The command line turns an :class:`InputError` into one line on stderr and exit code 2, with no
traceback. Nothing here does I/O.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pydantic is imported lazily: `wargame play` must start fast
    from pydantic import ValidationError


#: The most characters of a file name an error line repeats (then "…").
SOURCE_LIMIT = 400
#: The most characters of a field path an error line repeats (then "…").
PLACE_LIMIT = 160
#: The most characters of the "what was expected" part (a bad value is cut much shorter).
EXPECTED_LIMIT = 400
#: The most characters of a bad value an error repeats ("got '…'").
VALUE_LIMIT = 60


def printable(text: object, limit: int | None = None, keep_newlines: bool = False) -> str:
    r"""``text`` made safe to print on a terminal: at most ``limit`` characters (then "…"), and every
    character that is not printable (escape and other control codes, bidirectional overrides such
    as U+202E, zero-width and format characters) shown escaped, as ``\x1b`` or ``\u202e``.

    ``keep_newlines`` keeps line breaks (and tabs) of multi-line text; other control codes are still
    escaped.

    >>> print(printable("\x1b[2Jred\u202e", 40))
    \x1b[2Jred\u202e
    >>> printable("x" * 10, 5)
    'xxxx…'
    """
    s = str(text)
    if limit is not None and len(s) > limit:
        s = s[: max(0, limit - 1)] + "…"
    if s.isprintable():
        return s
    keep = "\n\t" if keep_newlines else ""
    return "".join(
        ch if ch.isprintable() or ch in keep else ch.encode("unicode_escape").decode("ascii") for ch in s
    )


def shown_value(value: Any) -> str:
    """A bad value as an error repeats it: its ``repr``, cut to :data:`VALUE_LIMIT` characters."""
    if isinstance(value, str) and len(value) > VALUE_LIMIT:
        return repr(value[:VALUE_LIMIT]) + "…"
    if isinstance(value, (bytes, bytearray)) and len(value) > VALUE_LIMIT:
        return repr(bytes(value[:VALUE_LIMIT])) + "…"
    return printable(repr(value), VALUE_LIMIT)


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

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str, str]]:
        # so that an error raised in a worker process (or on a Dask worker) reaches the command
        return (type(self), (self.source, self.place, self.expected))

    @property
    def message(self) -> str:
        """The one-line message: ``file: place: expected``, safe to print on a terminal: every part
        shortened (with "…") and its control and bidirectional characters shown escaped
        (:func:`printable`), since each may repeat what a hostile file holds."""
        parts = [printable(self.source, SOURCE_LIMIT)]
        if self.place:
            parts.append(printable(self.place, PLACE_LIMIT))
        parts.append(printable(self.expected, EXPECTED_LIMIT))
        return ": ".join(parts)


#: A field path as a message names it: ``world.rounds``, ``instruments[talk].cost``, ``beliefs.0``.
PLACE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+|\[[^\]\s]+\])*")


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """``"; did you mean 'rounds'?"`` for the choice nearest a misspelt ``word`` (difflib), or ""
    when none is near enough."""
    import difflib

    near = difflib.get_close_matches(word, [c for c in choices if c != word], n=1, cutoff=0.6)
    return f"; did you mean {near[0]!r}?" if near else ""


def from_validation_error(
    source: str | Path,
    err: ValidationError,
    explain_unknown: Callable[[tuple[str | int, ...]], str | None] | None = None,
    place_of: Callable[[tuple[str | int, ...]], str] | None = None,
) -> InputError:
    """Turn a pydantic ValidationError into an :class:`InputError` naming its first failing field.

    Further failures are counted in the message ("and 2 more problems"). ``explain_unknown``, given
    the place of a field the format does not allow, may say why instead of "unknown field".
    ``place_of`` turns a field path into the words of the message (``instruments[talk].cost``
    rather than ``instruments.5.cost``); by default its parts are joined with dots. A rule of a
    whole table that names one of its fields ("goldstein: ...") is placed at that field.
    """
    errors = err.errors(include_url=False)
    first = errors[0]
    loc_parts: tuple[str | int, ...] = tuple(first["loc"])
    msg = str(first["msg"])
    msg = msg.removeprefix("Value error, ")
    if first["type"] == "missing":
        msg = "missing required field"
    elif first["type"] == "extra_forbidden":
        why = explain_unknown(loc_parts) if explain_unknown is not None else None
        msg = why or "unknown field (check the spelling)"
    elif (
        "input" in first
        and first["type"] not in ("model_type",)
        and not isinstance(first["input"], (dict, list))
    ):
        msg = f"{msg} (got {shown_value(first['input'])})"
        if first["type"] == "literal_error" and isinstance(first["input"], str):
            expected = re.findall(r"'([^']*)'", str((first.get("ctx") or {}).get("expected", "")))
            msg += did_you_mean(first["input"], expected)
    head, sep, rest = msg.partition(": ")
    named = ""
    if sep and PLACE.fullmatch(head):
        if not loc_parts and ("." in head or "[" in head):
            # a cross-field rule of the whole file names its own place: "beliefs[A→B].subject: ..."
            named, msg = head, rest
        elif loc_parts and "." not in head and "[" not in head and first["type"] == "value_error":
            # a rule of one table that names one of its fields: "goldstein: ..."
            loc_parts, msg = (*loc_parts, head), rest
    if named:
        loc = named
    elif place_of is not None:
        loc = place_of(loc_parts)
    else:
        loc = ".".join(str(p) for p in loc_parts)
    loc = loc or "(top level)"
    more = len(errors) - 1
    if more:
        msg += f" (and {more} more problem{'s' if more > 1 else ''})"
    return InputError(source, loc, msg)
