"""One Slack input made ready for the core and handled: the workspace's client, the
person's profile, the place as copbot can confirm it, then the core call (or a home tab, a
members sync, a change) and its answer."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from slack_sdk.web.async_client import AsyncWebClient

from adapters.inbound import Inbound, call_core
from adapters.slack import translate
from adapters.slack.home import publish_home
from adapters.slack.installs import Install
from adapters.slack.lifecycle import handle_change, installed
from adapters.slack.replies import Origin, ReplySender
from adapters.slack.roster import members_sync
from adapters.slack.users import Where
from bot.context import Actor, Place
from bot.db import DatabaseUnavailable

if TYPE_CHECKING:
    from adapters.slack.web import SlackAdapter

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Speaker:
    """copbot in one workspace: the installation, its Web API client and its bot user."""

    install: Install
    client: AsyncWebClient
    bot_user_id: str | None


@dataclass(frozen=True)
class Work:
    """A payload made ready for the core: the person with their profile, the place as copbot
    found it, and the way back to Slack (with the token of the workspace it came from)."""

    inbound: Inbound
    actor: Actor
    place: Place | None
    origin: Origin
    replies: ReplySender
    speaker: Speaker


async def handle_input(
    adapter: SlackAdapter, inbound: Inbound, receipt: int | None, *, in_order: bool = False
) -> None:
    """Handle one input. ``in_order`` (``stored.drain``): its core call is made before this
    returns, and what comes after it (the answer), or what needs no core call first (a
    home tab, a members sync's Slack calls), goes on in the background."""
    if inbound.kind == "change":
        await handle_change(adapter, inbound, receipt)
        return
    try:
        work = await prepare(adapter, inbound)
    except DatabaseUnavailable:
        # Stored in the journal: handled once the database is back (``stored.drain``).
        logger.warning("slack: the database is away; an input waits for its token")
        return
    if work is None:
        # No installation answers for that workspace (removed meanwhile): nothing to do.
        await adapter.finish(receipt)
        return
    await installed(adapter, translate.team_of(inbound.payload))
    if inbound.kind in ("home", "roster"):
        job = (
            _home(adapter, work, receipt)
            if inbound.kind == "home"
            else members_sync(adapter, work, receipt)
        )
        if in_order:
            adapter.spawn(job)
        else:
            await job
    else:
        ready = replace(inbound, actor=work.actor, place=work.place)
        core = adapter.core
        await adapter.run(
            work, lambda: call_core(core, ready, receipt=receipt), answer_later=in_order
        )


async def _home(adapter: SlackAdapter, work: Work, receipt: int | None) -> None:
    shown_in = adapter.shown_in(work.speaker.install)
    await publish_home(adapter, work.actor, work.speaker.client, workspace=shown_in)
    await adapter.finish(receipt)


async def prepare(adapter: SlackAdapter, inbound: Inbound) -> Work | None:
    """The workspace's client, the person's profile, and the place as copbot can confirm
    it: a ``D…`` channel is only taken for copbot's own DM once Slack said so. None when
    copbot has no installation there."""
    assert inbound.actor is not None
    body = inbound.payload
    install = translate.installation_of(body)
    speaker = await adapter.speaker(install)
    if speaker is None:
        return None
    client, team = speaker.client, install.team_id
    user = inbound.actor.user_id
    place = inbound.place
    if place is not None and place.kind == "dm":
        if place.address is not None:
            adapter.dms.remember(user, team, place.conversation_id)
        else:
            own = await adapter.dms.own_dm(user, client, team)
            if own is not None and place.conversation_id in ("", own):
                place = replace(place, conversation_id=own, address={"dm": own})
            elif place.conversation_id:
                place = translate.not_present(place)
    if place is not None and place.kind == "channel" and install.enterprise_id:
        # A Grid workspace: the outbox needs the organisation to find its token again.
        place = replace(place, address={"enterprise": install.enterprise_id})
    own_dm = (place.address or {}).get("dm") if place is not None else None
    where = None if adapter.tokens.single else Where(install, *translate.home_of(body))
    actor = await adapter.users.actor(user, client, dm_channel=own_dm, where=where)
    origin = Origin(
        user_id=user,
        channel_id=(place.conversation_id or None) if place is not None else None,
        response_url=translate.response_url_of(body),
        trigger_id=translate.text_of(body.get("trigger_id")) or None,
        own_dm=own_dm is not None,
        present=place.bot_present if place is not None else True,
    )
    replies = ReplySender(client, workspace=adapter.shown_in(install))
    return Work(inbound, actor, place, origin, replies, speaker)
