"""``members sync`` in a Slack channel: the core says yes before the roster is read, then
the channel's people (conversations.members, users.info) are invited."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import replace
from typing import TYPE_CHECKING

from slack_sdk.errors import SlackApiError

from adapters.inbound import call_core
from adapters.slack.installs import Install
from adapters.slack.sender import api_error
from adapters.slack.users import Profile, Where, actor_from
from bot.context import Actor
from bot.db import DatabaseUnavailable
from bot.i18n import t

if TYPE_CHECKING:
    from adapters.slack.web import SlackAdapter
    from adapters.slack.work import Speaker, Work

logger = logging.getLogger(__name__)

ROSTER_CONCURRENCY = 5


async def members_sync(adapter: SlackAdapter, work: Work, receipt: int | None) -> None:
    place = work.place
    assert place is not None

    # A refused sync costs no conversations.members and no users.info.
    try:
        refusal = await asyncio.to_thread(
            adapter.core.refusal, work.actor, place, work.inbound.text
        )
    except DatabaseUnavailable:
        await work.replies.apologise(work.origin, t(work.actor.lang, "error.deferred"))
        return
    if refusal:
        await adapter.finish(receipt)
        await adapter.run(work, lambda: refusal)
        return
    try:
        roster = await channel_people(adapter, work.speaker, place.conversation_id)
    except SlackApiError as exc:
        logger.info("conversations.members failed: %s", api_error(exc))
        await work.replies.apologise(work.origin, t(work.actor.lang, "roster.unavailable"))
        await adapter.finish(receipt)
        return
    ready = replace(work.inbound, actor=work.actor, place=work.place)
    core = adapter.core
    await adapter.run(work, lambda: call_core(core, ready, roster=roster, receipt=receipt))


def member_met(adapter: SlackAdapter, user_id: str, profile: Profile, install: Install) -> Actor:
    """A person met in a channel (a joiner, the roster): with installations, their address
    says through which one, and their own workspace from users.info (a member of a Slack
    Connect channel from another organisation)."""
    if adapter.tokens.single:
        return actor_from(user_id, profile)
    where = Where(install, profile.team_id, profile.enterprise_id)
    return actor_from(user_id, profile, where=where)


async def channel_people(adapter: SlackAdapter, speaker: Speaker, channel_id: str) -> list[Actor]:
    ids: list[str] = []
    cursor: str | None = None
    while True:
        response = await speaker.client.conversations_members(
            channel=channel_id, limit=200, cursor=cursor
        )
        ids.extend(str(u) for u in response.get("members") or [])
        cursor = (response.get("response_metadata") or {}).get("next_cursor") or None
        if not cursor:
            break
    single = adapter.tokens.single
    bot_user = speaker.bot_user_id or (await adapter.authorize() if single else None)
    limit = asyncio.Semaphore(ROSTER_CONCURRENCY)

    async def look_up(user_id: str) -> Actor | None:
        async with limit:
            profile = await adapter.users.profile(user_id, speaker.client)
        if not profile.is_human or user_id == bot_user:
            return None
        return member_met(adapter, user_id, profile, speaker.install)

    found = await asyncio.gather(*(look_up(u) for u in dict.fromkeys(ids)))
    return [a for a in found if a is not None]
