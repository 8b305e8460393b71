"""Files held for someone until they accept them (Teams)."""

from __future__ import annotations

from bot.files import models, privacy, texts
from bot.slice import Privacy, Slice

SLICE = Slice(
    "files",
    texts=texts.TEXTS,
    models=models,
    privacy=Privacy("files", privacy.export, privacy.forget),
)
