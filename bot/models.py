"""Every table of copbot, imported in one place so the metadata is complete (for Alembic)."""

from __future__ import annotations

from types import ModuleType

from sqlalchemy import MetaData

import bot.attendance.models
import bot.buddies.models
import bot.checkins.models
import bot.communities.models
import bot.evaluations.models
import bot.facilitation.models
import bot.files.models
import bot.invites.models
import bot.journal.models
import bot.logbook.models
import bot.meetings.models
import bot.members.models
import bot.outbox.models
import bot.places.models
import bot.prompts.models
import bot.reach.models
import bot.timed.models
from bot.db import Base

MODEL_MODULES: tuple[ModuleType, ...] = (
    bot.communities.models,
    bot.places.models,
    bot.members.models,
    bot.meetings.models,
    bot.prompts.models,
    bot.timed.models,
    bot.outbox.models,
    bot.journal.models,
    bot.facilitation.models,
    bot.buddies.models,
    bot.checkins.models,
    bot.attendance.models,
    bot.invites.models,
    bot.evaluations.models,
    bot.logbook.models,
    bot.reach.models,
    bot.files.models,
)


def load_all() -> MetaData:
    """The metadata of every table (the imports above registered them with ``Base``)."""
    return Base.metadata
