"""``copbot serve``: one aiohttp process with the Slack and Teams endpoints and the scheduler."""

from __future__ import annotations

import asyncio
import importlib
import logging
import sys
from collections.abc import Callable

from aiohttp import web

from adapters.teams.config import NOT_CONFIGURED, teams_refusal, teams_requested
from bot.core import Core
from bot.settings import Settings
from copbot.calendar_feed import attach as attach_calendar
from copbot.wiring import build_core

logger = logging.getLogger(__name__)

CORE_KEY = web.AppKey("core", Core)


# A readiness probe must answer fast; a database that takes longer than this is not ready.
READY_TIMEOUT = 3.0


async def healthz(request: web.Request) -> web.Response:
    """Liveness: the process answers (no database involved)."""
    return web.json_response({"status": "ok"})


async def readyz(request: web.Request) -> web.Response:
    """Readiness: 200 only while the database answers. Inputs that arrive while it does not
    are refused so the platform retries, or the person is asked to try again."""
    core = request.app[CORE_KEY]
    try:
        ready = await asyncio.wait_for(asyncio.to_thread(core.ready), READY_TIMEOUT)
    except TimeoutError:
        ready = False
    if ready:
        return web.json_response({"status": "ready", "database": "ok"})
    return web.json_response({"status": "not ready", "database": "unavailable"}, status=503)


def _slack_requested(settings: Settings) -> bool:
    return settings.slack_enabled


# Each chat platform's HTTP endpoint: the module whose ``attach(app, core=..., settings=...)``
# mounts it, and whether the settings ask for it (a refusal is then logged by ``attach``).
# Adding a platform is a folder in adapters/ and one line here.
ENDPOINTS: dict[str, tuple[str, Callable[[Settings], bool]]] = {
    "slack": ("adapters.slack.web", _slack_requested),
    "teams": ("adapters.teams.web", teams_requested),
}


def build_web_app(
    settings: Settings, core: Core, *, scheduler: bool = True, slack_http: bool = True
) -> web.Application:
    """Everything ``serve`` listens on. Adapters attach only when their credentials are set.
    ``slack_http=False`` leaves out ``/slack/events``: in Socket Mode Slack comes over the
    websocket instead (``adapters.slack.socket``)."""
    app = web.Application(client_max_size=1024 * 1024)
    app[CORE_KEY] = core
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/readyz", readyz)
    attach_calendar(app, core=core)
    for platform, (module, requested) in ENDPOINTS.items():
        if platform == "slack" and not slack_http:
            continue
        if requested(settings):
            importlib.import_module(module).attach(app, core=core, settings=settings)
        elif platform == "teams":
            logger.info("%s", NOT_CONFIGURED)
    if scheduler:
        from scheduler.service import attach as attach_scheduler

        attach_scheduler(app, core=core, settings=settings)
    return app


NOTHING_CONFIGURED = """copbot serve: no chat platform is configured, so there is nothing to serve.

Set at least one of:
  Slack:  SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET   (add SLACK_APP_TOKEN for --socket-mode)
          or, installable in any workspace: SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and
          SLACK_SIGNING_SECRET (see docs/SLACK.md)
  Teams:  MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD (or COPBOT_TEAMS_DEV_MODE=1 to try it
          locally without authentication)

To try copbot without any platform: `copbot chat` (terminal) or `copbot demo`.
"""


def run_server(settings: Settings, *, socket_mode: bool = False, scheduler: bool = True) -> int:
    teams_refused = teams_refusal(settings) if teams_requested(settings) else None
    teams_ready = settings.teams_enabled and teams_refused is None
    if not (settings.slack_enabled or teams_ready or settings.slack_app_token):
        print(NOTHING_CONFIGURED, file=sys.stderr)
        if teams_refused:
            print(teams_refused, file=sys.stderr)
        return 2
    core = build_core(settings, deliver_inline=False)
    if socket_mode:
        from adapters.slack.socket import run_socket_mode

        return run_socket_mode(settings, core=core, scheduler=scheduler)
    if settings.slack_app_token and not settings.slack_enabled:
        # An app token alone serves Slack only over the websocket; say so rather than
        # listen on /healthz and leave Slack unanswered.
        logger.warning(
            "SLACK_APP_TOKEN is set but not --socket-mode, and Slack over HTTP also needs "
            "SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET: Slack is not served. "
            "Run `copbot serve --socket-mode`."
        )
    app = build_web_app(settings, core, scheduler=scheduler)
    logger.info("copbot listening on http://%s:%d", settings.host, settings.port)
    web.run_app(app, host=settings.host, port=settings.port, print=None)
    return 0
