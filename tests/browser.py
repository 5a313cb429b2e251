"""Headless Chromium for the tests that render HTML or the served app.

Chromium comes from the distribution's packages: if it is missing, the first test that needs it
tries ``apt-get install -y chromium`` (as root, where apt works); if that fails the test is skipped
with the reason.
"""

from __future__ import annotations

import os
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

_tried = False


def chromium() -> str:
    """The chromium executable, installing it once if possible; skips the test otherwise."""
    global _tried
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe:
        return exe
    if not _tried and shutil.which("apt-get") and os.geteuid() == 0:
        _tried = True
        subprocess.run(
            ["apt-get", "install", "-y", "-q", "chromium"],
            capture_output=True,
            timeout=900,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        )
        exe = shutil.which("chromium")
        if exe:
            return exe
    pytest.skip(
        "headless Chromium is not installed and could not be installed with apt-get "
        "(needs root and the Debian package mirror): apt-get install chromium"
    )


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
