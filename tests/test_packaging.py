"""`pip install .` must give a working copbot: the Alembic environment ships inside the wheel."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_carries_migrations_and_entry_point(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    wheel = next(tmp_path.glob("copbot-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "migrations/env.py" in names
    assert "migrations/script.py.mako" in names
    assert any(n.startswith("migrations/versions/0001_") for n in names)
    assert "bot/core.py" in names and "copbot/cli.py" in names
    assert "bot/meetings/schoolholidays.toml" in names  # data the code reads at run time
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "copbot = copbot.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
    # The licence in the current metadata form (an SPDX expression): the older TOML table made
    # setuptools print a deprecation warning at every install.
    metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
    headers = zipfile.ZipFile(wheel).read(metadata).decode().split("\n\n")[0].splitlines()
    assert "License-Expression: MIT" in headers
    assert not any(h.startswith("License:") for h in headers)


def test_migrate_runs_from_any_directory(tmp_path: Path) -> None:
    db = tmp_path / "elsewhere.db"
    result = subprocess.run(
        [sys.executable, "-m", "copbot.cli", "--database-url", f"sqlite:///{db}", "migrate"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert db.exists()
    assert "INFO alembic.runtime.migration: Running upgrade" in result.stderr


PLATFORM_VARIABLES = (
    "SLACK_BOT_TOKEN",
    "SLACK_SIGNING_SECRET",
    "SLACK_APP_TOKEN",
    "SLACK_CLIENT_ID",
    "SLACK_CLIENT_SECRET",
    "MICROSOFT_APP_ID",
    "MICROSOFT_APP_PASSWORD",
    "MICROSOFT_APP_TENANT_ID",
    "COPBOT_TEAMS_DEV_MODE",
)


def test_serve_without_credentials_says_first_what_to_set(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in PLATFORM_VARIABLES}
    url = f"sqlite:///{tmp_path / 'x.db'}"
    result = subprocess.run(
        [sys.executable, "-m", "copbot.cli", "--database-url", url, "serve"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    # The first thing it says is what to set: no Alembic (or any other) log lines before it.
    assert result.stderr.startswith("copbot serve: no chat platform is configured"), result.stderr
    assert "alembic" not in result.stderr and " INFO " not in result.stderr, result.stderr
    assert "SLACK_BOT_TOKEN" in result.stderr and "MICROSOFT_APP_ID" in result.stderr
