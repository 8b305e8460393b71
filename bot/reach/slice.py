"""Reach: workspaces, places and people copbot cannot reach for now."""

from __future__ import annotations

from bot.reach import commands, models, texts
from bot.slice import Slice

SLICE = Slice(
    "reach",
    texts=texts.TEXTS,
    models=models,
    verbs=commands.VERBS,
    actions=commands.ACTIONS,
)
