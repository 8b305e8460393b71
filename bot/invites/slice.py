"""Calendar invites and the personal calendar feed."""

from __future__ import annotations

from bot.invites import commands, models, privacy, texts
from bot.slice import Privacy, Slice

SLICE = Slice(
    "invites",
    texts=texts.TEXTS,
    models=models,
    verbs=commands.VERBS,
    privacy=Privacy("calendar", privacy.export, privacy.forget),
)
