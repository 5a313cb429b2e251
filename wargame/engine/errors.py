"""Errors raised by the engine."""

from __future__ import annotations


class IllegalOrderError(ValueError):
    """An order the rules do not allow: unknown actor or instrument, an instrument the actor may
    not use, a missing or invalid target, or an order for an actor that is not in the game.

    Attributes:
        actor: the actor whose order is illegal.
        reason: what was wrong, in plain words.
    """

    def __init__(self, actor: str, reason: str) -> None:
        self.actor = actor
        self.reason = reason
        super().__init__(f"order for {actor}: {reason}")


class GameOverError(RuntimeError):
    """A round was submitted after the game had ended."""
