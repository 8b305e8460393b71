"""Each slice declares itself once (``bot/<slice>/slice.py``) and ``bot.slices`` is the only
list of them: every kind a slice declares has its label in the slice's own texts, in both
languages, and nothing is registered anywhere else."""

from __future__ import annotations

import ast
from pathlib import Path

from bot.commands.registry import actions, verbs
from bot.i18n import LANGS
from bot.prompts.registry import kinds as prompt_kinds
from bot.slices import NAMES, installed
from bot.timed.registry import kinds as timed_kinds

ROOT = Path(__file__).resolve().parents[1]


def test_every_timed_kind_has_a_rule_and_a_label_in_both_languages() -> None:
    missing = [
        f"{declared.name}: {kind.label} ({lang})"
        for declared in installed()
        for kind in declared.timed
        for lang in LANGS
        if not declared.texts.get(kind.label, {}).get(lang, "").strip()
    ]
    assert missing == []
    assert all((k.around_meeting is None) != (k.every is None) for k in timed_kinds().values())


def test_every_prompt_kind_has_a_label_in_both_languages() -> None:
    missing = [
        f"{declared.name}: home.kind.{kind.name} ({lang})"
        for declared in installed()
        for kind in declared.prompts
        for lang in LANGS
        if not declared.texts.get(f"home.kind.{kind.name}", {}).get(lang, "").strip()
    ]
    assert missing == []


def test_every_prompt_kind_names_its_question_on_a_button_in_both_languages() -> None:
    """A plain reply more than one open question could take is asked about, one button per
    question, labelled ``reply.kind.<kind>`` (bot/prompts/replies.py)."""
    missing = [
        f"{declared.name}: reply.kind.{kind.name} ({lang})"
        for declared in installed()
        for kind in declared.prompts
        for lang in LANGS
        if not declared.texts.get(f"reply.kind.{kind.name}", {}).get(lang, "").strip()
    ]
    assert missing == []


def test_the_registries_hold_exactly_what_the_slices_declare() -> None:
    declared = installed()
    assert [d.name for d in declared] == list(NAMES)
    assert set(timed_kinds()) == {k.name for d in declared for k in d.timed}
    assert set(prompt_kinds()) == {k.name for d in declared for k in d.prompts}
    assert set(actions()) == {a for d in declared for a in d.actions}
    assert {v.name for v in verbs().values()} == {v.name for d in declared for v in d.verbs}


def test_every_slice_package_is_in_the_list() -> None:
    packages = {p.parent.name for p in (ROOT / "bot").glob("*/slice.py")}
    assert packages == set(NAMES)


def test_no_module_lists_slices_but_the_one_list() -> None:
    """A slice is named in ``bot/slices.py`` only: no other module imports slice modules by
    name (the old registries did) or collects texts, models or kinds by hand."""
    offenders = []
    for path in sorted((ROOT / "bot").rglob("*.py")):
        if path.name == "slices.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "import_module":
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
