"""The outbox: every message copbot sends on its own, once."""

from __future__ import annotations

from bot.outbox import models, privacy
from bot.slice import Privacy, Slice

SLICE = Slice(
    "outbox",
    models=models,
    privacy=Privacy("outbox", privacy.export, privacy.forget),
)
