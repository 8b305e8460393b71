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
  and of another feature only its public modules (``PUBLIC``): ``service`` (its rules and
  the data they give, keyword-only), ``flows`` (who it tells what, under which key) and
  ``messaging`` (its words: functions of the data they are given that look nothing up,
  ``tests/test_flows.py``, so showing another feature's buttons or text couples no table and
  no rule; a service may not build messages, so the words cannot come through it). Its
  tables, prompts, commands, timed work and the sibling modules its rules are split into
  (``bot/buddies/experiments.py``, ``bot/evaluations/results.py``) stay its own: a query
  over another feature's table is a service function of that feature. No models either, not
  even to read. What a service function takes or returns comes with it: the dataclasses it
  returns, attendance's ``Intent`` (``parse_intent`` answers it, ``say`` takes it) and the
  logbook's ``EntryKind`` (``add_entry`` takes it), re-exported by that service.
- the overviews (``bot.slices.OVERVIEWS``: ``status``, the member's home, the programme)
  and ``bot/core.py``, the façade the adapters call (it hands out the programme overview),
  sit above the slices and may import anything.

``if TYPE_CHECKING`` imports count: an annotation naming another feature's model couples
the two as much as a call does, and mypy strict reads those imports on every run.
"""

from __future__ import annotations

import ast
from pathlib import Path

from bot import events
from bot.slices import BASE, FEATURES, NAMES, OVERVIEWS, installed

ROOT = Path(__file__).resolve().parents[1]
BOT = ROOT / "bot"
# Modules outside the slices that sit above them, with the overviews.
TOP_MODULES = ("bot.core",)
# What one feature may import of another.
PUBLIC = ("service", "flows", "messaging")


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


def test_features_use_each_other_through_their_service() -> None:
    """Each line is ``file:line imports module``: call a keyword-only function of that
    feature's ``service`` (or its ``flows`` or ``messaging``) instead, adding one when it has
    none; see
    docs/ARCHITECTURE.md, "Layers"."""
    found = violations()["features"]
    assert not found, f"{len(found)} imports past a feature's public modules:\n" + "\n".join(found)


def test_every_event_and_question_of_the_base_has_a_feature_to_handle_it() -> None:
    """An event nobody handles, or a question nobody answers, is a base change whose feature
    side was lost in a move; and only features handle them (the base calls its own code)."""
    declared = {s.name: s for s in installed()}
    handled = {on.event for name in FEATURES for on in declared[name].on}
    answered = {answer.question for name in FEATURES for answer in declared[name].answers}
    kinds = [
        v for v in vars(events).values() if isinstance(v, type) and v.__module__ == events.__name__
    ]
    news = [k for k in kinds if issubclass(k, events.Event) and k is not events.Event]
    questions = [k for k in kinds if issubclass(k, events.Question) and k is not events.Question]
    assert len(news) >= 7 and len(questions) >= 2
    assert sorted(k.__name__ for k in news if k not in handled) == []
    assert sorted(k.__name__ for k in questions if k not in answered) == []
    assert all(not s.on and not s.answers for s in installed() if s.name not in FEATURES)
