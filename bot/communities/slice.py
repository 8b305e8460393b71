"""Communities: set-up and settings."""

from __future__ import annotations

from bot.communities import commands, models, texts
from bot.slice import Slice

SLICE = Slice(
    "communities",
    texts=texts.TEXTS,
    models=models,
    verbs=commands.VERBS,
)
