"""Prompts: the open questions members answer by chat or form."""

from __future__ import annotations

from bot.prompts import models, privacy
from bot.slice import Privacy, Slice

SLICE = Slice(
    "prompts",
    models=models,
    privacy=Privacy("prompts", privacy.export, privacy.forget, privacy.words),
)
