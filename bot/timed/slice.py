"""Timed work: the planned rows and what copbot will do next."""

from __future__ import annotations

from bot.slice import Slice, Status
from bot.timed import models, status, texts

SLICE = Slice(
    "timed",
    texts=texts.TEXTS,
    models=models,
    status=Status(status.status_lines, personal=False),
)
