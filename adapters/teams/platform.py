"""Microsoft Teams, declared once: ``POST /api/messages``, when the settings allow it (and why
not), and the sender of a process without the endpoint."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from adapters.platform import Platform
from adapters.teams.config import (
    NOT_CONFIGURED,
    TeamsNotConfigured,
    teams_refusal,
    teams_requested,
)
from bot.settings import Settings

if TYPE_CHECKING:
    from aiohttp import web

    from bot.core import Core
    from bot.outbox.sender import Sender

logger = logging.getLogger(__name__)

HOW_TO_CONFIGURE = """\
  Teams:  MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD (or COPBOT_TEAMS_DEV_MODE=1 to try it
          locally without authentication)"""


def refusal(settings: Settings) -> str | None:
    return teams_refusal(settings) if teams_requested(settings) else None


def ready(settings: Settings) -> bool:
    return settings.teams_enabled and refusal(settings) is None


def attach(app: web.Application, *, core: Core, settings: Settings) -> object:
    from adapters.teams.web import attach as attach_web

    return attach_web(app, core=core, settings=settings)


def sender(settings: Settings) -> Sender | None:
    if not settings.teams_enabled:
        return None
    from adapters.teams.sender import TeamsSender

    try:
        return TeamsSender.from_settings(settings)
    except TeamsNotConfigured as refused:
        logger.error("Teams messages are not sent from this process: %s", refused)
        return None


def bind(sender: Sender, core: Core) -> None:
    """DMs' files go through Teams' consent flow; the answer reaches ``serve``."""
    from adapters.teams.sender import TeamsSender
    from adapters.teams.web import holder

    if isinstance(sender, TeamsSender):
        sender.hold = holder(core)


PLATFORM = Platform(
    "teams",
    requested=teams_requested,
    attach=attach,
    ready=ready,
    how_to_configure=HOW_TO_CONFIGURE,
    refusal=refusal,
    not_requested=NOT_CONFIGURED,
    sender=sender,
    bind=bind,
)
