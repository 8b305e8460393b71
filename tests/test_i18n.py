"""Every text exists in Dutch and English with the same placeholders; every verb is documented."""

from __future__ import annotations

import re
import string

from bot.commands.registry import canonical_verbs
from bot.i18n import catalog, t

# Counts that are never 1: evaluation results are shown from three answers on (anonymity).
NEVER_ONE = {"evaluation.summary_title", "report.eval_stats"}


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


def test_every_singular_belongs_to_a_counting_text() -> None:
    texts = catalog()
    problems = []
    for key, singular in texts.items():
        if not key.endswith(".one"):
            continue
        plural = texts.get(key.removesuffix(".one"))
        if plural is None or "count" not in _fields(plural["en"]):
            problems.append(f"{key}: no plural text with a count")
        elif not _fields(singular["en"]) <= _fields(plural["en"]):
            problems.append(f"{key}: placeholders the plural does not have")
    assert problems == []


def test_every_count_of_things_has_a_singular() -> None:
    """'{count} members' needs '1 member': a count followed by a word is a count of things."""
    texts = catalog()
    missing = [
        key
        for key, entry in texts.items()
        if re.search(r"\{count\} (?!of )\w", entry["en"])
        and not key.endswith(".one")
        and f"{key}.one" not in texts
        and key not in NEVER_ONE
    ]
    assert missing == []


def test_count_of_one_takes_the_singular_in_both_languages() -> None:
    assert t("en", "buddy.made", count=1) == (
        "Made 1 buddy group and sent everyone their buddy by DM."
    )
    assert t("nl", "buddy.made", count=1).startswith("1 buddygroepje gemaakt")
    assert t("en", "buddy.made", count=3).startswith("Made 3 buddy groups")
    assert t("nl", "buddy.made", count=0).startswith("0 buddygroepjes")
    assert t("nl", "member.invited", count=1) == "Ik heb 1 persoon per DM uitgenodigd."


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
