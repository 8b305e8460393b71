"""Who hears about calendars, under which idempotency key: the files come from ``service``,
the words from ``messaging``."""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from bot.communities.models import Community
from bot.i18n import t
from bot.invites import service
from bot.invites.messaging import change_message, feed_message
from bot.invites.models import CalendarFeed
from bot.meetings.service import meetings_of
from bot.members.messaging import lang_of
from bot.members.models import Member
from bot.members.service import current_members
from bot.outbox.service import Outgoing


def schedule_changed(
    session: Session, *, community: Community, key: str, now: datetime, **params: Any
) -> list[Outgoing]:
    """Every current member hears what changed (the text ``key`` in their language), with
    their updated calendar. The idempotency key names the schedule's version, so the same
    change is never sent twice and every new version is."""
    members = current_members(session, community_id=community.id)
    if not members:
        return []
    files = service.files_for(session, community=community, members=members, now=now)
    version = _version(session, community)
    items = []
    for member in members:
        lang = lang_of(member, community)
        items.append(
            Outgoing(
                key=f"calendar:{community.id}:{member.id}:{version}",
                member=member,
                community=community,
                message=change_message(
                    lang=lang,
                    name=community.name,
                    change=t(lang, key, **params),
                    file=files[member.id],
                ),
            )
        )
    return items


def _version(session: Session, community: Community) -> str:
    meetings = meetings_of(session, community_id=community.id)
    state = "|".join(f"{m.id}:{m.sequence}:{m.status}:{m.starts_at.isoformat()}" for m in meetings)
    return hashlib.sha256(state.encode()).hexdigest()[:16]


def feed(
    session: Session,
    *,
    community: Community,
    member: Member,
    feed: CalendarFeed,
    public_url: str | None,
    now: datetime,
) -> Outgoing:
    """The member's subscription address and calendar file. The address is a secret and
    worth keeping: it goes to the member's DM, not the channel."""
    file = service.calendar_file(session, community=community, member=member, now=now)
    return Outgoing(
        key=f"calendar-feed:{member.id}:{feed.id}:{int(now.timestamp())}",
        member=member,
        community=community,
        message=feed_message(
            lang=lang_of(member, community),
            url=service.feed_url(public_url, feed.token),
            public=public_url is not None,
            file=file,
        ),
    )
