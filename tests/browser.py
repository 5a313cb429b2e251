"""Headless Chromium for the tests that render HTML or the served app.

Chromium comes from the distribution's packages, installed by the README's setup and by
``.ci/run`` (``apt-get install chromium``); no test installs system packages. A test that needs it
fails with that command when it is missing.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
]


def chromium() -> str:
    """The chromium executable (fails the test, naming the install command, when it is missing)."""
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if not exe:
        pytest.fail("headless Chromium is not installed: apt-get install chromium (as .ci/run does)")
    return exe


def screenshot(
    url: str, out: Path, profile: Path, size: str = "1280,1600", wait_ms: int = 0
) -> subprocess.CompletedProcess[str]:
    """Load ``url`` in headless Chromium and write a PNG screenshot to ``out``."""
    args = [chromium(), *FLAGS, f"--user-data-dir={profile}", f"--window-size={size}", f"--screenshot={out}"]
    if wait_ms:
        args.append(f"--virtual-time-budget={wait_ms}")
    return subprocess.run([*args, url], capture_output=True, text=True, timeout=120)


def dump_dom(url: str, profile: Path, wait_ms: int = 5000) -> str:
    """The page's DOM after ``wait_ms`` of (virtual) time, as Chromium serialises it."""
    args = [
        chromium(),
        *FLAGS,
        f"--user-data-dir={profile}",
        f"--virtual-time-budget={wait_ms}",
        "--dump-dom",
        url,
    ]
    return subprocess.run(args, capture_output=True, text=True, timeout=120).stdout
