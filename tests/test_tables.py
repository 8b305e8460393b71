"""A slice reaches only its own tables: it selects from, gets, inserts, updates, deletes and
constructs rows of the models its own ``models.py`` defines, and asks another slice's
``service`` for the rest. Read from the source (AST), so a query cannot hide in a function.
"""

from __future__ import annotations

import ast
from pathlib import Path

from bot.slices import NAMES

ROOT = Path(__file__).resolve().parents[1]
BOT = ROOT / "bot"

# Statements that name tables: select(X), select(X.column), insert(X), update(X), delete(X).
STATEMENTS = {"select", "insert", "update", "delete"}
# Session calls that take a model first: session.get(X, id), session.query(X).
SESSION_CALLS = {"get", "query", "scalar", "merge"}

# What must stay, and why: "path: Model".
ALLOWED = {
    # The reach slice is the outbox's hold: it moves waiting messages between pending and
    # held (and to a channel's new id) by the same match the outbox asks it about before
    # sending (bot.outbox.service imports bot.reach.service), so it writes those rows itself.
    "bot/reach/service.py: Delivery",
}


def tables() -> dict[str, str]:
    """Every model class (a subclass of ``Base``) and the slice whose models.py defines it."""
    found: dict[str, str] = {}
    for name in NAMES:
        path = BOT / name / "models.py"
        if not path.exists():
            continue
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ClassDef) and any(
                isinstance(b, ast.Name) and b.id == "Base" for b in node.bases
            ):
                found[node.name] = name
    return found


def imported_models(tree: ast.Module, models: dict[str, str]) -> dict[str, str]:
    """Local name -> model name, for models imported from a slice's models module (also
    ``from bot.x import models`` then ``models.X``, keyed as ``models.X``)."""
    local: dict[str, str] = {}
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom) or not node.module:
            continue
        if node.module.endswith(".models"):
            for alias in node.names:
                if alias.name in models:
                    local[alias.asname or alias.name] = alias.name
        for alias in node.names:
            if alias.name == "models":
                for model in models:
                    local[f"{alias.asname or 'models'}.{model}"] = model
    return local


def named(node: ast.expr, local: dict[str, str]) -> str | None:
    """The model an expression names: ``X``, ``X.column``, ``models.X``,
    ``func.count(X.id)``, ``X.column.label(...)``."""
    if isinstance(node, ast.Name):
        return local.get(node.id)
    if isinstance(node, ast.Attribute):
        if isinstance(node.value, ast.Name) and f"{node.value.id}.{node.attr}" in local:
            return local[f"{node.value.id}.{node.attr}"]
        return named(node.value, local)
    if isinstance(node, ast.Call):
        for arg in [*node.args, node.func]:
            found = named(arg, local)
            if found:
                return found
    return None


def reached(path: Path, models: dict[str, str]) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    local = imported_models(tree, models)
    found: set[str] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        called = func.id if isinstance(func, ast.Name) else None
        if called in STATEMENTS:
            found.update(m for arg in node.args if (m := named(arg, local)))
        elif (
            isinstance(func, ast.Attribute)
            and func.attr in SESSION_CALLS
            and node.args
            and not isinstance(node.args[0], ast.Call)
            and (m := named(node.args[0], local))
        ):
            found.add(m)
        # Constructing a row: X(...) or models.X(...).
        target = named(func, local) if isinstance(func, (ast.Name, ast.Attribute)) else None
        if target and (isinstance(func, ast.Name) or ast.unparse(func) in local):
            found.add(target)
    return found


def test_a_slice_reaches_only_its_own_tables() -> None:
    models = tables()
    assert len(models) > 15
    offenders = []
    allowed_seen = set()
    for name in NAMES:
        for path in sorted((BOT / name).rglob("*.py")):
            where = path.relative_to(ROOT).as_posix()
            for model in sorted(reached(path, models)):
                if models[model] == name:
                    continue
                if f"{where}: {model}" in ALLOWED:
                    allowed_seen.add(f"{where}: {model}")
                else:
                    offenders.append(f"{where}: {model} ({models[model]})")
    assert offenders == []
    # An allowance nothing needs any more goes.
    assert allowed_seen == ALLOWED
