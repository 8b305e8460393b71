"""`pip install .` must give a working copbot: the Alembic environment ships inside the wheel."""

from __future__ import annotations

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
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "copbot = copbot.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


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
