"""Every text exists in Dutch and English with the same placeholders; every verb is documented."""

from __future__ import annotations

import string

from bot.commands.registry import canonical_verbs
from bot.i18n import catalog


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_text_in_both_languages_with_same_placeholders() -> None:
    problems = []
    for key, texts in catalog().items():
        if set(texts) != {"en", "nl"} or not all(v.strip() for v in texts.values()):
            problems.append(f"{key}: languages {sorted(texts)}")
        elif _fields(texts["en"]) != _fields(texts["nl"]):
            problems.append(f"{key}: placeholders differ")
    assert problems == []


def test_every_verb_has_help_and_usage() -> None:
    texts = catalog()
    missing = [
        f"{kind}.{verb.name}"
        for verb in canonical_verbs()
        for kind in ("help", "usage")
        if f"{kind}.{verb.name}" not in texts
    ]
    assert missing == []


def test_contract_verbs_exist() -> None:
    names = {verb.name for verb in canonical_verbs()}
    contract = {
        "help", "setup", "config", "join", "leave", "status", "members", "role", "schedule",
        "theme", "pause", "goal", "log", "success",
    }  # fmt: skip
    assert contract <= names
