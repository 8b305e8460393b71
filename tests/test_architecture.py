"""The core stays platform-free: no platform SDK, web framework, scheduler or adapter imports."""

from __future__ import annotations

import ast
from pathlib import Path

FORBIDDEN = (
    "slack_bolt", "slack_sdk", "botbuilder", "botframework", "aiohttp", "apscheduler",
    "adapters", "scheduler", "copbot", "flask", "fastapi", "starlette", "requests", "httpx",
)  # fmt: skip
ROOT = Path(__file__).resolve().parents[1]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", "") == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            found.add(str(node.args[0].value))
    return found


def test_core_imports_no_platform_code() -> None:
    offenders = []
    files = sorted((ROOT / "bot").rglob("*.py"))
    assert len(files) > 20
    for path in files:
        for module in imported_modules(path):
            if module.split(".")[0] in FORBIDDEN:
                offenders.append(f"{path.relative_to(ROOT)} imports {module}")
    assert offenders == []


def test_botbuilder_stays_in_the_teams_adapter() -> None:
    offenders = []
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT)
        if rel.parts[0] in (".venv", "build") or rel.parts[:2] == ("adapters", "teams"):
            continue
        if rel.parts[0] == "tests":
            continue
        for module in imported_modules(path):
            if module.split(".")[0] in ("botbuilder", "botframework"):
                offenders.append(f"{rel} imports {module}")
    assert offenders == []


def test_the_demo_drives_the_core_through_its_entry_points_only() -> None:
    """``copbot demo`` plays the programme as an adapter would: no table, no query, no slice
    service; what it shows comes from ``bot.core.Core``'s read-only views."""
    # Pure helpers it may use like any adapter: drawing charts, the test sender, the
    # province-to-region lookup its people use to fill in the intake form, and the type of
    # what Core.programme returns.
    pure = {
        "bot.charts.draw", "bot.charts.text", "bot.outbox.sender", "bot.meetings.school",
        "bot.overview.programme",
    }  # fmt: skip
    offenders = []
    files = sorted((ROOT / "copbot" / "demo").glob("*.py"))
    assert len(files) >= 5
    for path in files:
        for module in imported_modules(path):
            parts = module.split(".")
            reads = parts[0] == "sqlalchemy" and module != "sqlalchemy.orm"
            slice_code = parts[0] == "bot" and len(parts) > 2 and module not in pure
            if reads or slice_code:
                offenders.append(f"{path.relative_to(ROOT)} imports {module}")
    assert offenders == []
