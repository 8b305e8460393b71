"""Places: the channels a community lives in, on any platform."""

from __future__ import annotations

from bot.places import commands, models, privacy, status, texts
from bot.slice import Privacy, Slice, Status

SLICE = Slice(
    "places",
    texts=texts.TEXTS,
    models=models,
    verbs=commands.VERBS,
    status=Status(status.status_lines, personal=False),
    privacy=Privacy("places", privacy.export, privacy.forget),
)
