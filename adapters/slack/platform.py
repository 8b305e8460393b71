"""Slack, declared once: ``POST /slack/events`` (and the install pages), its handling processes
(``copbot serve --handlers``), the sender, slack_sdk's installation tables, and Socket Mode
(``copbot serve --socket-mode``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from adapters.platform import Mode, Platform
from bot.settings import Settings

if TYPE_CHECKING:
    from aiohttp import web
    from sqlalchemy import MetaData

    from bot.core import Core
    from bot.outbox.sender import Sender

HOW_TO_CONFIGURE = """\
  Slack:  SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET   (add SLACK_APP_TOKEN for --socket-mode)
          or, installable in any workspace: SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and
          SLACK_SIGNING_SECRET (see docs/SLACK.md)"""

APP_TOKEN_ALONE = (
    "SLACK_APP_TOKEN is set but not --socket-mode, and Slack over HTTP also needs "
    "SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET: Slack is not served. "
    "Run `copbot serve --socket-mode`."
)


def requested(settings: Settings) -> bool:
    return settings.slack_enabled


def ready(settings: Settings) -> bool:
    # An app token alone is served over Socket Mode (which checks the rest itself).
    return settings.slack_enabled or bool(settings.slack_app_token)


def warning(settings: Settings) -> str | None:
    # An app token alone serves Slack only over the websocket; say so rather than listen on
    # /healthz and leave Slack unanswered.
    return APP_TOKEN_ALONE if settings.slack_app_token and not settings.slack_enabled else None


def attach(app: web.Application, *, core: Core, settings: Settings) -> object:
    from adapters.slack.web import attach as attach_web

    return attach_web(app, core=core, settings=settings)


def handle(app: web.Application, *, core: Core, settings: Settings) -> object:
    from adapters.slack.web import handle as handle_stored

    return handle_stored(app, core=core, settings=settings)


def sender(settings: Settings) -> Sender | None:
    # Sending needs only the bot token (a Socket Mode deployment has no signing secret), or
    # the app's client id and secret when each workspace has its own installation.
    if not (settings.slack_bot_token or settings.slack_installable):
        return None
    from adapters.slack.sender import SlackSender

    return SlackSender.from_settings(settings)


def tables(metadata: MetaData) -> MetaData:
    from adapters.slack.installs import register_tables

    return register_tables(metadata)


def socket_mode(settings: Settings, *, core: Core, scheduler: bool) -> int:
    from adapters.slack.socket import run_socket_mode

    return run_socket_mode(settings, core=core, scheduler=scheduler)


PLATFORM = Platform(
    "slack",
    requested=requested,
    attach=attach,
    handle=handle,
    ready=ready,
    how_to_configure=HOW_TO_CONFIGURE,
    warning=warning,
    sender=sender,
    tables=tables,
    modes=(Mode("socket-mode", "Slack over Socket Mode", socket_mode),),
)
