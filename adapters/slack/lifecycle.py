"""Slack lifecycle events: the app uninstalled or installed again, channels archived or
renamed, people joining a channel or changing their profile (``bot.reach.changes`` decides
what each means for the communities)."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import replace
from typing import TYPE_CHECKING

import aiohttp
from slack_sdk.errors import SlackApiError

from adapters.inbound import Inbound, call_core
from adapters.slack import translate
from adapters.slack.events import about_copbot
from adapters.slack.render import message_payload
from adapters.slack.roster import member_met
from bot.context import Change
from bot.db import DatabaseUnavailable, is_outage

if TYPE_CHECKING:
    from adapters.slack.web import SlackAdapter
    from adapters.slack.work import Speaker

logger = logging.getLogger(__name__)


async def handle_change(adapter: SlackAdapter, inbound: Inbound, receipt: int | None) -> None:
    """A workspace, channel or person changed. Joiners get their profile (bots are not
    invited); a changed profile is asked again next time. An uninstall or revoked token
    removes the installation's tokens first: copbot sends nothing there any more."""
    install = translate.installation_of(inbound.payload)
    speaker: Speaker | None = None
    try:
        if any(c.kind == "workspace_removed" for c in inbound.changes):
            await asyncio.to_thread(adapter.tokens.forget, install)
        else:
            speaker = await adapter.speaker(install)
            if speaker is not None and adapter.tokens.single:
                speaker = replace(speaker, bot_user_id=await adapter.authorize())
    except (SlackApiError, aiohttp.ClientError, TimeoutError) as exc:
        logger.warning("auth.test failed: %r; reading the change as it is", exc)
    except DatabaseUnavailable:
        logger.warning("slack: the database is away; a %s waits", inbound.kind)
        return
    except Exception as exc:
        if not is_outage(exc):
            raise
        logger.warning("slack: the database is away; a %s waits", inbound.kind)
        return
    inbound = about_copbot(inbound, speaker.bot_user_id if speaker else None)
    changes: list[Change] = []
    for change in inbound.changes:
        actor = change.actor
        if actor is not None and change.kind in ("person_changed", "person_gone"):
            adapter.users.forget(actor.user_id)
        elif actor is not None and change.kind == "joined_place" and speaker is not None:
            profile = await adapter.users.profile(actor.user_id, speaker.client)
            if not profile.is_human:
                continue
            change = replace(change, actor=member_met(adapter, actor.user_id, profile, install))
        changes.append(change)
    for change in changes:
        if change.kind == "workspace_removed" and change.workspace_id:
            # The next command from there means the app was installed again.
            adapter.installed_teams.discard(change.workspace_id)
    ready = replace(inbound, changes=tuple(changes))
    try:
        replies = await adapter.in_core_thread(
            lambda: call_core(adapter.core, ready, receipt=receipt)
        )
        place = next((c.place_id for c in changes if c.place_id), None)
        # The only answer to a change is copbot introducing itself in a channel.
        if place is not None and speaker is not None:
            shown_in = adapter.shown_in(install)
            for reply in replies:
                await speaker.client.chat_postMessage(
                    channel=place, **message_payload(reply.message, workspace=shown_in)
                )
    except DatabaseUnavailable:
        logger.warning("slack: the database is away; a %s waits", inbound.kind)
    except (SlackApiError, aiohttp.ClientError, TimeoutError) as exc:
        logger.warning("could not say hello in Slack: %r", exc)
    except Exception:
        logger.exception("handling a slack lifecycle event failed")
    finally:
        adapter.kick_delivery()


async def installed(adapter: SlackAdapter, team: str | None) -> None:
    """Someone used copbot in this workspace, so the app is installed there: what waited
    while it was removed is released (asked once per workspace and process)."""
    if not team or team in adapter.installed_teams:
        return
    adapter.installed_teams.add(team)
    change = Change("workspace_restored", translate.PLATFORM, workspace_id=team)
    try:
        await asyncio.to_thread(adapter.core.handle_change, change)
    except DatabaseUnavailable:
        adapter.installed_teams.discard(team)  # asked again with the next input
