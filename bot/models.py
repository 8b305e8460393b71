"""Every table of copbot, imported in one place so the metadata is complete (for Alembic)."""

from __future__ import annotations

import importlib

from sqlalchemy import MetaData

from bot.db import Base

MODEL_MODULES = (
    "bot.communities.models",
    "bot.members.models",
    "bot.meetings.models",
    "bot.prompts.models",
    "bot.timed.models",
    "bot.outbox.models",
    "bot.facilitation.models",
    "bot.buddies.models",
    "bot.checkins.models",
    "bot.evaluations.models",
    "bot.logbook.models",
)


def load_all() -> MetaData:
    for name in MODEL_MODULES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
    return Base.metadata
