"""The App Home tab: a member's personal overview, published when they open it."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.render import home_view
from adapters.slack.sender import api_error
from bot.context import Actor

if TYPE_CHECKING:
    from adapters.slack.web import SlackAdapter

logger = logging.getLogger(__name__)


async def publish_home(
    adapter: SlackAdapter, actor: Actor, client: AsyncWebClient, *, workspace: str | None
) -> None:
    """``client`` speaks for ``workspace``, whose Home tab was opened."""
    message = await adapter.in_core_thread(lambda: adapter.core.home(actor))
    try:
        await client.views_publish(
            user_id=actor.user_id, view=home_view(message, workspace=workspace)
        )
    except SlackApiError as exc:
        # The tab keeps its previous content; nothing else depends on it.
        logger.warning("views.publish for %s failed: %s", actor.user_id, api_error(exc))
