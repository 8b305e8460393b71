"""Every text the bot sends, in Dutch and English.

Each slice keeps its own ``texts.py`` with ``TEXTS = {key: {"en": ..., "nl": ...}}`` and
declares it (``bot.slice.Slice``); the catalog merges what the slices declare
(``bot.slices``), on first use. Texts use ``str.format`` placeholders.

A text about a number of things takes the number as ``count`` and holds the plural; its
singular, used when ``count`` is 1, is the text ``<key>.one``. Dutch and English agree on
which numbers are singular, so two forms cover both.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any, Literal

from bot.slices import installed

Lang = Literal["en", "nl"]
LANGS: tuple[Lang, ...] = ("en", "nl")
DEFAULT_LANG: Lang = "nl"


@cache
def catalog() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for declared in installed():
        for key, texts in declared.texts.items():
            if key in merged:
                raise RuntimeError(f"text key {key!r} defined twice ({declared.name})")
            merged[key] = dict(texts)
    return merged


def as_lang(value: str | None) -> Lang:
    if value in LANGS:
        return value
    return DEFAULT_LANG


def t(lang: str | None, key: str, /, **params: Any) -> str:
    """The text for ``key`` in ``lang`` (falling back to English, then the key itself)."""
    return translate(catalog(), lang, key, **params)


def translate(
    texts: Mapping[str, Mapping[str, str]], lang: str | None, key: str, /, **params: Any
) -> str:
    """``t`` on another table of texts in the same shape (an adapter's own words)."""
    if params.get("count") == 1 and f"{key}.one" in texts:
        key = f"{key}.one"
    entry = texts.get(key)
    if entry is None:
        return key
    template = entry.get(as_lang(lang)) or entry.get("en") or key
    # A fractional number reads the same wherever it appears (results, digest, report).
    shown = {k: fmt_decimal(lang, v) if isinstance(v, float) else v for k, v in params.items()}
    try:
        return template.format(**shown)
    except (KeyError, IndexError, ValueError):
        return template


def fmt_decimal(lang: str | None, value: float, *, digits: int = 1) -> str:
    """A fractional number in the language's style, with one decimal: 4.3 in English, 4,3 in
    Dutch. The one place numbers get their decimal mark, so no two messages differ."""
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if as_lang(lang) == "nl" else text


def join_and(lang: str | None, words: Sequence[str]) -> str:
    """'A', 'A and B', 'A, B and C' in the language."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + t(lang, "list.and") + words[-1]
