"""Debian's chromium, headless, for the tests that must see a page as a person would.

The flags are the ones this kind of machine needs: no sandbox (root), no GPU, and no
background networking (the network is closed; without them chromium keeps trying).
Locally a missing chromium skips those tests; CI (``COPBOT_REQUIRE_CHROMIUM=1``, set by
.ci/run after installing it) fails instead, so the browser tests never silently skip there.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REQUIRE = "COPBOT_REQUIRE_CHROMIUM"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get(REQUIRE) == "1":
            pytest.fail("chromium is required here (apt-get install chromium)")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    return found


def run(page: Path, work: Path, *action: str) -> None:
    profile = work / "chromium-profile"
    subprocess.run(
        [chromium(), *FLAGS, f"--user-data-dir={profile}", *action, page.as_uri()],
        check=True,
        capture_output=True,
        timeout=120,
    )


def screenshot(page: Path, out: Path, *, width: int = 1100, height: int = 6400) -> Path:
    run(page, out.parent, f"--window-size={width},{height}", f"--screenshot={out}")
    return out


def pdf(page: Path, out: Path) -> Path:
    run(page, out.parent, "--no-pdf-header-footer", f"--print-to-pdf={out}")
    return out
