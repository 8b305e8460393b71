"""The layers of ``bot/`` hold: every import of every module, read from its source.

``bot.slices`` lists three layers, and this test reads every ``.py`` file under ``bot/``
(every import statement anywhere in it: at the top, inside a function, under
``if TYPE_CHECKING``, and ``importlib.import_module("...")`` with a constant name):

- the base (``bot.slices.BASE`` and every module outside a feature or overview package:
  ``bot/*.py`` such as ``i18n``, ``handling``, ``context``, ``db``, ``events``, and
  ``bot/charts``) imports no feature slice and no overview. What a feature must hear about,
  the base publishes as a ``bot.events`` event or asks as a ``bot.events`` question; the
  features answer through the handlers their ``slice.py`` declares.
- a feature (``bot.slices.FEATURES``) imports the base freely, itself freely, no overview,
  and of another feature only its ``service`` module: the keyword-only functions that are
  that feature's rules. Its tables, messages, prompts and timed work stay its own, so a
  feature can change them without reading who else depends on them. No models either, not
  even to read: a query over another feature's table is a service function of that feature.
- the overviews (``bot.slices.OVERVIEWS``: ``status``, the member's home, the programme)
  and ``bot/core.py``, the façade the adapters call (it hands out the programme overview),
  sit above the slices and may import anything.

``if TYPE_CHECKING`` imports count: an annotation naming another feature's model couples
the two as much as a call does, and mypy strict reads those imports on every run.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from bot.slices import BASE, FEATURES, NAMES, OVERVIEWS

ROOT = Path(__file__).resolve().parents[1]
BOT = ROOT / "bot"
# Modules outside the slices that sit above them, with the overviews.
TOP_MODULES = ("bot.core",)
# What one feature may import of another.
PUBLIC = ("service",)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def exists(module: str) -> bool:
    base = ROOT.joinpath(*module.split("."))
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def imports(path: Path, source: str | None = None) -> list[tuple[int, str]]:
    """(line, module) for every import in ``path`` (or in ``source`` as if it were there);
    ``from pkg import name`` counts as the module ``pkg.name`` when that is a module, else as
    ``pkg``."""
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: list[tuple[int, str]] = []
    text = path.read_text(encoding="utf-8") if source is None else source
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                source = ".".join([*anchor, *([node.module] if node.module else [])])
            else:
                source = node.module or ""
            named = {f"{source}.{alias.name}" for alias in node.names}
            modules = sorted(m if exists(m) else source for m in named)
            found += [(node.lineno, m) for m in dict.fromkeys(modules)]
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", "") == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            found.append((node.lineno, str(node.args[0].value)))
    return found


def slice_of(module: str) -> str | None:
    """The slice (or overview) package a ``bot`` module belongs to, if any."""
    parts = module.split(".")
    if len(parts) < 2 or parts[0] != "bot" or parts[1] not in NAMES:
        return None
    return parts[1]


def violations() -> dict[str, list[str]]:
    """``file:line imports module`` for every import across the layers, by rule."""
    above = set(FEATURES) | set(OVERVIEWS)
    found: dict[str, list[str]] = {"base": [], "features": []}
    for path in sorted(BOT.rglob("*.py")):
        here = module_name(path)
        own = slice_of(here)
        if own in OVERVIEWS or here in TOP_MODULES:
            continue
        for line, module in imports(path):
            target = slice_of(module)
            if target is None or target == own or target not in above:
                continue  # its own slice, or the base, which is there for everyone
            where = f"{path.relative_to(ROOT)}:{line} imports {module}"
            if own not in FEATURES:
                found["base"].append(where)
            elif target in OVERVIEWS or module not in {f"bot.{target}.{p}" for p in PUBLIC}:
                found["features"].append(where)
    return found


def test_every_slice_package_is_in_one_layer() -> None:
    packages = {p.parent.name for p in BOT.glob("*/slice.py")}
    assert packages == set(NAMES)
    assert len(NAMES) == len(set(BASE) | set(FEATURES) | set(OVERVIEWS))


def test_the_scan_sees_every_kind_of_import() -> None:
    """Function-local, ``TYPE_CHECKING`` and relative imports are all read."""
    sample = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from bot.buddies.models import Experiment\n"
        "def f() -> None:\n"
        "    import bot.logbook.models\n"
        "    from . import messaging\n"
    )
    seen = [module for _, module in imports(BOT / "checkins" / "probe.py", sample)]
    assert seen == [
        "typing",
        "bot.buddies.models",
        "bot.logbook.models",
        "bot.checkins.messaging",
    ]


def test_the_base_imports_no_feature_and_no_overview() -> None:
    """Each line is ``file:line imports module``: publish an event or ask a question from
    the base instead (``bot/events.py``) and let the feature handle it in its ``slice.py``;
    see docs/ARCHITECTURE.md, "Layers"."""
    found = violations()["base"]
    assert not found, f"{len(found)} base imports of a feature:\n" + "\n".join(found)


@pytest.mark.xfail(strict=True, reason="features still reach past each other's service")
def test_features_use_each_other_through_their_service() -> None:
    """Each line is ``file:line imports module``: call a keyword-only function of that
    feature's ``service`` module instead (add one when it has none); see
    docs/ARCHITECTURE.md, "Layers"."""
    found = violations()["features"]
    assert not found, f"{len(found)} imports past a feature's service:\n" + "\n".join(found)
