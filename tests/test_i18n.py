"""Every text, the core's and the console's own, exists in Dutch and English with the same
placeholders, and a count of one reads as one; every verb is documented."""

from __future__ import annotations

import re
import string
from collections.abc import Mapping

import pytest

from adapters.console.texts import TEXTS as CONSOLE_TEXTS
from bot.commands.registry import canonical_verbs
from bot.i18n import catalog, t

# Counts that are never 1: evaluation results are shown from three answers on (anonymity).
NEVER_ONE = {"evaluation.summary_title", "report.eval_stats"}


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


TABLES = pytest.mark.parametrize("table", [catalog(), CONSOLE_TEXTS], ids=["core", "console"])
Table = Mapping[str, Mapping[str, str]]


@TABLES
def test_every_text_in_both_languages_with_same_placeholders(table: Table) -> None:
    problems = []
    for key, texts in table.items():
        if set(texts) != {"en", "nl"} or not all(v.strip() for v in texts.values()):
            problems.append(f"{key}: languages {sorted(texts)}")
        elif _fields(texts["en"]) != _fields(texts["nl"]):
            problems.append(f"{key}: placeholders differ")
    assert problems == []


@TABLES
def test_every_singular_belongs_to_a_counting_text(table: Table) -> None:
    problems = []
    for key, singular in table.items():
        if not key.endswith(".one"):
            continue
        plural = table.get(key.removesuffix(".one"))
        if plural is None or "count" not in _fields(plural["en"]):
            problems.append(f"{key}: no plural text with a count")
        elif not _fields(singular["en"]) <= _fields(plural["en"]):
            problems.append(f"{key}: placeholders the plural does not have")
    assert problems == []


@TABLES
def test_every_count_of_things_has_a_singular(table: Table) -> None:
    """'{count} members' needs '1 member': a count followed by a word is a count of things."""
    missing = [
        key
        for key, entry in table.items()
        if re.search(r"\{count\} (?!of )\w", entry["en"])
        and not key.endswith(".one")
        and f"{key}.one" not in table
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
