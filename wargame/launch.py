"""The ``wargame`` console script.

``wargame`` with no arguments, the README's first command, opens the game at once: the same call
as ``wargame play`` with its defaults (the title screen, Korea 2022), without importing click and
building the command line (about 15 ms of a ~220 ms start, issue 18's first-frame target). Any
argument goes to the full command line in :mod:`wargame.cli`.
"""

from __future__ import annotations

import sys


def main() -> None:
    """Run ``wargame``: the game when there are no arguments, else the command line.

    Raises:
        SystemExit: 2 after one ``error:`` line on stderr when the game cannot start, 1 after
            ``Aborted!`` on ctrl+c while it starts (as the command line does), or the command
            line's own exit.
    """
    if len(sys.argv) > 1:
        from wargame.cli import main as command_line

        command_line()
        return
    try:
        from wargame.errors import InputError
        from wargame.tui.app import run_app

        try:
            run_app()
        except InputError as exc:
            print(f"error: {exc.message}", file=sys.stderr)
            sys.exit(2)
    except KeyboardInterrupt:  # ctrl+c while starting: as the command line (click) says it
        print("Aborted!", file=sys.stderr)
        sys.exit(1)
