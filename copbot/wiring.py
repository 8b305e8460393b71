"""Composition root helpers: database, core and migrations for a process."""

from __future__ import annotations

from collections.abc import Mapping

from bot.core import Core
from bot.db import make_engine, make_session_factory
from bot.outbox.sender import Sender
from bot.settings import Settings
from copbot.migrate import upgrade


def build_core(
    settings: Settings,
    *,
    senders: Mapping[str, Sender] | None = None,
    deliver_inline: bool = True,
    migrate: bool = True,
) -> Core:
    if migrate:
        upgrade(settings.database_url)
    engine = make_engine(settings.database_url)
    return Core(
        session_factory=make_session_factory(engine),
        senders=senders,
        deliver_inline=deliver_inline,
        worker_id=settings.worker_id,
        public_url=settings.public_url,
    )
