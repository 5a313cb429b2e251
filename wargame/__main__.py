"""``python -m wargame`` is the ``wargame`` command."""

from wargame.cli import main

main()
