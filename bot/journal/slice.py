"""The inbound journal: every input stored before it is acknowledged."""

from __future__ import annotations

from bot.journal import models
from bot.slice import Slice

SLICE = Slice(
    "journal",
    models=models,
)
