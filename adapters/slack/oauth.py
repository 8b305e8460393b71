"""Installing copbot in any Slack workspace: Slack's OAuth v2 flow, run by slack-bolt.

``GET /slack/install`` shows the "Add to Slack" page (bolt's, with a one-time ``state`` kept in
copbot's database and in a cookie of the installer's browser); Slack sends the installer back
to ``GET /slack/oauth_redirect`` with a code, which bolt's ``OAuthFlow`` exchanges through
``oauth.v2.access`` for the workspace's bot token and stores with slack_sdk's SQLAlchemy
installation store (``installs.Installations``). Org-wide installs of an Enterprise Grid
organisation are stored for the organisation (``is_enterprise_install``).

The flow is bolt's synchronous one, run in a worker thread: its stores are synchronous
SQLAlchemy on copbot's own database, as is everything else copbot stores.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.oauth import OAuthFlow
from slack_bolt.oauth.callback_options import CallbackOptions, FailureArgs, SuccessArgs
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_bolt.request import BoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk import WebClient

from adapters.slack.client import TIMEOUT_SECONDS
from adapters.slack.installs import Install, Installations
from adapters.slack.translate import PLATFORM
from bot.context import Change
from bot.db import DatabaseUnavailable, is_outage

if TYPE_CHECKING:
    from adapters.slack.web import SlackAdapter

logger = logging.getLogger(__name__)

INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"
UNAVAILABLE = "copbot cannot reach its database right now. Please try again in a minute."
# The bot scopes an install asks for: those of the manifest (tests/slack/test_oauth.py keeps
# the two the same; the manifest explains each).
BOT_SCOPES = (
    "app_mentions:read",
    "channels:read",
    "chat:write",
    "commands",
    "files:read",
    "files:write",
    "groups:read",
    "im:history",
    "im:write",
    "users:read",
)


def oauth_flow(adapter: SlackAdapter, installations: Installations) -> OAuthFlow:
    settings = adapter.settings
    public = (settings.public_url or "").rstrip("/")

    def success(args: SuccessArgs) -> BoltResponse:
        installation = args.installation
        logger.info(
            "slack: copbot installed in %s (%s/%s%s)",
            installation.team_name or installation.enterprise_name,
            installation.enterprise_id,
            installation.team_id,
            ", org-wide" if installation.is_enterprise_install else "",
        )
        # A reinstall gives a new token: the one this process kept is not used again.
        installations.stale(
            Install(
                installation.enterprise_id,
                installation.team_id,
                bool(installation.is_enterprise_install),
            )
        )
        _released(adapter, installation.team_id)
        return args.default.success(args)

    def failure(args: FailureArgs) -> BoltResponse:
        logger.warning("slack: an installation failed: %s", args.reason)
        return args.default.failure(args)

    oauth = OAuthSettings(
        client_id=settings.slack_client_id,
        client_secret=settings.slack_client_secret,
        scopes=list(BOT_SCOPES),
        # Without it Slack uses the app's only redirect URL; with COPBOT_PUBLIC_URL it is
        # named, as Slack requires when the app lists several.
        redirect_uri=f"{public}{REDIRECT_PATH}" if public else None,
        install_path=INSTALL_PATH,
        redirect_uri_path=REDIRECT_PATH,
        callback_options=CallbackOptions(success=success, failure=failure),
        installation_store=installations.store,
        installation_store_bot_only=True,
        state_store=installations.state_store,
        logger=logger,
    )
    client = WebClient(base_url=settings.slack_api_url, timeout=TIMEOUT_SECONDS)
    return OAuthFlow(client=client, settings=oauth)


def _released(adapter: SlackAdapter, team_id: str | None) -> None:
    """Installed (again): what waited for the workspace while copbot was removed goes out."""
    if not team_id:
        return  # org-wide: each workspace is released at its first input
    change = Change("workspace_restored", PLATFORM, workspace_id=team_id)
    try:
        adapter.core.handle_change(change)
    except DatabaseUnavailable:
        logger.warning("slack: %s installed; its held messages wait for the database", team_id)
    else:
        adapter.installed_teams.add(team_id)


def bolt_request(request: web.Request) -> BoltRequest:
    return BoltRequest(
        body="",
        query=request.query_string,
        headers={name: value for name, value in request.headers.items()},
    )


def attach_install_pages(
    app: web.Application, *, adapter: SlackAdapter, installations: Installations
) -> None:
    """Mount ``GET /slack/install`` and ``GET /slack/oauth_redirect``."""
    flow = oauth_flow(adapter, installations)

    async def run(step: Callable[[BoltRequest], BoltResponse], request: web.Request) -> Any:
        try:
            response = await asyncio.to_thread(step, bolt_request(request))
        except Exception as exc:
            # The state and the installation live in the database: without it, try later.
            if not is_outage(exc):
                raise
            logger.warning("slack: the database is away during an installation: %r", exc)
            return web.Response(status=503, text=UNAVAILABLE, content_type="text/plain")
        return await to_aiohttp_response(response)

    async def install_page(request: web.Request) -> web.StreamResponse:
        return await run(flow.handle_installation, request)  # type: ignore[no-any-return]

    async def oauth_redirect(request: web.Request) -> web.StreamResponse:
        return await run(flow.handle_callback, request)  # type: ignore[no-any-return]

    app.router.add_get(INSTALL_PATH, install_page)
    app.router.add_get(REDIRECT_PATH, oauth_redirect)
    logger.info("slack: installable; the Add to Slack page is at %s", INSTALL_PATH)
