"""``python -m wargame`` is the ``wargame`` command."""

from wargame.launch import main

main()
