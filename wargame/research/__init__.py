"""Research mode (issue 15): tournaments, sweeps, per-round series, tidy files, plots and reports.

Its dependencies (pyarrow, pandas, matplotlib, dask[distributed]) come with the ``research`` extra,
``pip install 'wargame[research]'``; nothing here is imported when ``wargame`` or a headless
command starts, and :func:`require` turns a missing one into one line and exit code 2.
"""

from __future__ import annotations

from wargame.errors import InputError

EXTRA_HINT = "pip install 'wargame[research]'"


def require(*modules: str, what: str = "this command") -> None:
    """Check that the research dependencies ``modules`` can be imported.

    Raises:
        InputError: naming the first missing one and how to install the extra.
    """
    import importlib.util

    for name in modules:
        try:
            found = importlib.util.find_spec(name) is not None
        except (ImportError, ValueError):
            found = False
        if not found:
            raise InputError(
                "command line",
                what,
                f"needs {name}, from the research extra, which is not installed ({EXTRA_HINT})",
            )
