"""Slack over Socket Mode: ``copbot serve --socket-mode`` with ``SLACK_APP_TOKEN``.

For organisations that cannot expose a public URL: copbot opens a websocket to Slack
(``apps.connections.open`` with the app-level token, then the ``wss://`` URL it returns) and
Slack pushes the same events, slash commands and interactivity through it. Each envelope's
payload goes to ``SlackAdapter.receive``, the very entry ``POST /slack/events`` uses, so
translation, acknowledgement, de-duplication, replies and the error handling are the same;
only the transport differs. Signatures are not needed: the websocket itself is authenticated.

The process still listens on ``COPBOT_HOST:COPBOT_PORT`` for ``GET /healthz`` (and Teams'
``/api/messages`` when Teams is configured), and runs the scheduler unless told not to.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import AsyncIterator

from aiohttp import web
from slack_sdk.errors import SlackApiError
from slack_sdk.socket_mode.aiohttp import SocketModeClient
from slack_sdk.socket_mode.request import SocketModeRequest
from slack_sdk.socket_mode.response import SocketModeResponse
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.client import TIMEOUT_SECONDS
from adapters.slack.sender import api_error
from adapters.slack.web import SlackAdapter, install
from bot.core import Core
from bot.settings import Settings

logger = logging.getLogger(__name__)

SOCKET_KEY = web.AppKey("slack_socket", SocketModeClient)

NOT_CONFIGURED = """copbot serve --socket-mode needs two Slack tokens:

  SLACK_BOT_TOKEN  the bot token (xoxb-...): "OAuth & Permissions" after installing the app
  SLACK_APP_TOKEN  an app-level token (xapp-...) with the connections:write scope:
                   "Basic Information" > "App-Level Tokens" > "Generate Token and Scopes"

Missing or not of that kind: {problems}.
Create the app from adapters/slack/manifest-socket.yml (see docs/SLACK.md). Socket Mode serves
the one workspace of SLACK_BOT_TOKEN; copbot installed in several workspaces (SLACK_CLIENT_ID,
SLACK_CLIENT_SECRET) needs the HTTP mode: copbot serve without --socket-mode.
"""

REFUSED = """copbot serve --socket-mode: Slack refused {variable} ({error}).

SLACK_APP_TOKEN must be an app-level token (xapp-...) with connections:write, of an app with
Socket Mode enabled; SLACK_BOT_TOKEN the bot token (xoxb-...) of the same app, installed in
the workspace. Reinstalling the app gives a new bot token.
"""


def token_problems(settings: Settings) -> list[str]:
    """What is wrong with the tokens Socket Mode needs; empty when they look right."""
    problems: list[str] = []
    if not settings.slack_bot_token:
        problems.append("SLACK_BOT_TOKEN is not set")
    if not settings.slack_app_token:
        problems.append("SLACK_APP_TOKEN is not set")
    elif not settings.slack_app_token.startswith("xapp-"):
        # The most common mix-up: the bot token pasted twice. Slack would answer
        # not_allowed_token_type, which says less.
        problems.append("SLACK_APP_TOKEN does not start with xapp-")
    if settings.slack_installable:
        # Each workspace's installation comes back through the install pages, which need
        # copbot's public address; over the socket only SLACK_BOT_TOKEN's workspace speaks.
        # Started anyway, every answer would go out without a token.
        problems.append(
            "SLACK_CLIENT_ID and SLACK_CLIENT_SECRET are set (several workspaces), "
            "which Socket Mode cannot serve"
        )
    return problems


class SlackRefused(Exception):
    """Slack turned a token down at start-up."""

    def __init__(self, variable: str, error: str) -> None:
        super().__init__(f"{variable}: {error}")
        self.variable = variable
        self.error = error


async def check_tokens(adapter: SlackAdapter, client: SocketModeClient) -> None:
    """Ask for the websocket URL (app token) and who we are (bot token) before connecting.

    slack_sdk's ``connect`` retries *every* failure forever, ten seconds apart, so a revoked
    or mistyped token would only show up as an endless stream of log lines. Asking here
    fails start-up with a clear message instead; the URL is then used for the connection.
    Later drops are still reconnected by slack_sdk.
    """
    try:
        client.wss_uri = await client.issue_new_wss_url()
    except SlackApiError as exc:
        raise SlackRefused("SLACK_APP_TOKEN", api_error(exc)) from exc
    try:
        await adapter.authorize()
    except SlackApiError as exc:
        raise SlackRefused("SLACK_BOT_TOKEN", api_error(exc)) from exc


def attach_socket_mode(app: web.Application, *, core: Core, settings: Settings) -> SlackAdapter:
    """Connect to Slack over Socket Mode while ``app`` runs, and register the Slack sender."""
    adapter = install(app, core=core, settings=settings)

    async def on_request(client: SocketModeClient, request: SocketModeRequest) -> None:
        ack = await adapter.receive(request.payload)
        if ack.status >= 500:
            return  # not stored (the database is away): unacknowledged, Slack delivers again
        # Every other envelope is acknowledged, a malformed one too: Slack would only send it
        # again.
        await client.send_socket_mode_response(
            SocketModeResponse(envelope_id=request.envelope_id, payload=ack.body)
        )

    async def connection(app: web.Application) -> AsyncIterator[None]:
        # Built here and not earlier: slack_sdk's socket client needs the running loop.
        client = SocketModeClient(
            app_token=str(settings.slack_app_token),
            # apps.connections.open goes to SLACK_API_URL too, with the app token.
            web_client=AsyncWebClient(base_url=settings.slack_api_url, timeout=TIMEOUT_SECONDS),
        )
        client.socket_mode_request_listeners.append(on_request)  # type: ignore[arg-type]
        await adapter.start()
        try:
            await check_tokens(adapter, client)
            await client.connect()  # type: ignore[no-untyped-call]
        except BaseException:
            await client.close()  # type: ignore[no-untyped-call]
            await adapter.close()
            raise
        app[SOCKET_KEY] = client
        logger.info("slack socket mode connected (Web API at %s)", settings.slack_api_url)
        yield
        await client.close()  # type: ignore[no-untyped-call]
        await adapter.close()
        logger.info("slack socket mode disconnected")

    app.cleanup_ctx.append(connection)
    return adapter


def build_socket_app(settings: Settings, core: Core, *, scheduler: bool = True) -> web.Application:
    """``copbot serve`` without ``/slack/events``, with the Slack websocket instead."""
    from copbot.server import build_web_app

    app = build_web_app(settings, core, scheduler=scheduler, slack_http=False)
    attach_socket_mode(app, core=core, settings=settings)
    return app


def run_socket_mode(settings: Settings, *, core: Core, scheduler: bool = True) -> int:
    problems = token_problems(settings)
    if problems:
        print(NOT_CONFIGURED.format(problems="; ".join(problems)), file=sys.stderr)
        return 2
    app = build_socket_app(settings, core, scheduler=scheduler)
    logger.info(
        "copbot in slack socket mode; health check on http://%s:%d/healthz",
        settings.host,
        settings.port,
    )
    try:
        web.run_app(app, host=settings.host, port=settings.port, print=None)
    except SlackRefused as exc:
        print(REFUSED.format(variable=exc.variable, error=exc.error), file=sys.stderr)
        return 1
    return 0
