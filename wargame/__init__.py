"""wargame: a terminal policy wargame about the security dilemma.

The rules engine lives in :mod:`wargame.engine` (pure, deterministic); scenario files in
:mod:`wargame.scenario`; game records (saves and replays) in :mod:`wargame.record`; a running
game in :mod:`wargame.game`; the command line in :mod:`wargame.cli`; the Textual app in
:mod:`wargame.tui`.
"""

__version__ = "0.1.0"
