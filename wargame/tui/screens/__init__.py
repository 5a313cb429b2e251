"""The app's screens (imported lazily by :mod:`wargame.tui.app`, except the title)."""
