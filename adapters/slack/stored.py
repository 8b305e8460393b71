"""Stored Slack inputs whose claim has lapsed: cut off by an outage or a crash, or stored
by a serving process for a handling process (``copbot serve --handlers``) to handle."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any

from adapters.inbound import Inbound, Malformed, route
from adapters.slack import translate
from adapters.slack.events import EVENT_TYPES
from adapters.slack.work import handle_input
from bot.db import DatabaseUnavailable

if TYPE_CHECKING:
    from adapters.slack.web import SlackAdapter

logger = logging.getLogger(__name__)


async def drain(adapter: SlackAdapter) -> int:
    """Handle the stored inputs whose claim has lapsed; the core runs each once. Their core
    calls are made in the order they were stored (an organiser's ``setup`` before the
    ``join`` that follows it), their answers sent in the background. Returns how many were
    handed out."""
    try:
        items = await asyncio.to_thread(adapter.core.cut_off, translate.PLATFORM)
    except DatabaseUnavailable:
        return 0
    for receipt, payload in items:
        try:
            await _stored(adapter, receipt, payload)
        except Exception:
            # Claimed all the same: handed out again after the lease.
            logger.exception("slack: handling stored input %s failed", receipt)
    return len(items)


async def _stored(adapter: SlackAdapter, receipt: int, payload: dict[str, Any]) -> None:
    try:
        inbound = route(EVENT_TYPES, translate.type_of(payload), payload)
    except Malformed:
        inbound = Inbound.ignore("unreadable", payload)
    if inbound.ignored:
        await adapter.finish(receipt)
        return
    if not adapter.handles_only:
        logger.info("slack: handling input %s, cut off before", receipt)
    await handle_input(adapter, inbound, receipt, in_order=True)
