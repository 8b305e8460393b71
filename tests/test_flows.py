"""Inside every slice the layers point one way: ``flows`` decides who is told what under which
idempotency key and calls ``service`` (the rules) and ``messaging`` (the words); the rules
build no message and the words look nothing up. And a slice reaches only its own tables: what
it needs from another slice's tables it asks that slice's ``service`` for.

Read from the source (AST), function-local imports included, so a late import cannot hide a
dependency.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from bot.slices import NAMES

ROOT = Path(__file__).resolve().parents[1]
BOT = ROOT / "bot"

# Outside the slices, the one other place an Outgoing is made: the handling context's
# ``announce``, which every slice's commands use to tell the channel what was said elsewhere.
OUTGOING_ELSEWHERE = {"bot/handling.py"}


def slice_files(name: str) -> list[Path]:
    return sorted((BOT / name).rglob("*.py"))


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def module_of(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def resolve(path: Path, node: ast.ImportFrom) -> str:
    """The absolute module an ``ImportFrom`` names (relative imports resolved)."""
    if node.level == 0:
        return node.module or ""
    package = module_of(path).split(".")[: -node.level]
    return ".".join([*package, *([node.module] if node.module else [])])


def type_only(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports(path: Path) -> Iterator[str]:
    """Every module ``path`` imports at run time, anywhere in it (function-local imports
    too): ``from bot.x import service`` counts as ``bot.x.service``. An import under ``if
    TYPE_CHECKING:`` names the type of the data a module takes and runs nothing: left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    hidden = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and type_only(node)
        for inner in ast.walk(node)
    }
    for node in ast.walk(tree):
        if id(node) in hidden:
            continue
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            module = resolve(path, node)
            yield module
            yield from (f"{module}.{alias.name}" for alias in node.names)


def layer(module: str) -> str:
    return module.rsplit(".", 1)[-1]


# What a slice's ``service`` or ``messaging`` must not import, of any slice.
FORBIDDEN = {"service": ("messaging", "flows"), "messaging": ("service", "flows")}
# How a member is named and which language they read: rules word their errors and labels
# with these (``error.facilitation.unavailable`` names the person), and they build no message.
NAMING = {"bot.members.messaging.person", "bot.members.messaging.lang_of"}


def test_rules_build_no_messages_and_messages_look_nothing_up() -> None:
    offenders = set()
    checked = 0
    for name in NAMES:
        for path in slice_files(name):
            if path.stem not in FORBIDDEN:
                continue
            checked += 1
            found = set(imports(path))
            for module in found:
                if not module.startswith("bot.") or layer(module) not in FORBIDDEN[path.stem]:
                    continue
                names = {m for m in found if m.startswith(f"{module}.")}
                if path.stem == "service" and names and names <= NAMING:
                    continue
                offenders.add(f"{rel(path)} imports {module}")
    assert checked > 20
    assert sorted(offenders) == []


def outgoing_made(path: Path) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and (
            (isinstance(node.func, ast.Name) and node.func.id == "Outgoing")
            or (isinstance(node.func, ast.Attribute) and node.func.attr == "Outgoing")
        )
    ]


def test_outgoing_messages_are_made_only_in_flows() -> None:
    offenders: list[str] = []
    for path in sorted(BOT.rglob("*.py")):
        where = rel(path)
        parts = path.relative_to(BOT).parts
        if path.name == "flows.py" or parts[0] == "outbox" or where in OUTGOING_ELSEWHERE:
            continue
        offenders.extend(f"{where}:{line}" for line in outgoing_made(path))
    assert offenders == []


def test_every_slice_that_tells_people_things_has_one_flows_module() -> None:
    """A slice's messages are decided in one module, not in a package of them."""
    told = [n for n in NAMES if (BOT / n / "flows.py").exists()]
    assert len(told) >= 8
    for name in told:
        assert not (BOT / name / "flows").exists(), name
