"""my-data and forget-me."""

from __future__ import annotations

from bot.privacy import commands, texts
from bot.slice import Slice

SLICE = Slice(
    "privacy",
    texts=texts.TEXTS,
    verbs=commands.VERBS,
    actions=commands.ACTIONS,
)
