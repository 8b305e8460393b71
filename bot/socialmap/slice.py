"""The social map: who learns with whom."""

from __future__ import annotations

from bot.slice import Slice
from bot.socialmap import commands, texts

SLICE = Slice(
    "socialmap",
    texts=texts.TEXTS,
    verbs=commands.VERBS,
)
