"""Who gets the weekly digest, under which idempotency key: the figures come from
``service``, the words from ``messaging``."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.communities.models import Community
from bot.digest.messaging import render
from bot.digest.service import ReadAhead, collect
from bot.meetings.models import Meeting
from bot.members.messaging import lang_of
from bot.members.models import Member
from bot.members.service import organisers
from bot.messages import Message
from bot.outbox.service import Outgoing

# Quiet hours never hold a digest longer than this (its planned row expires then too).
STALE_AFTER = timedelta(days=1)


def build_digest(session: Session, *, community: Community, now: datetime, lang: str) -> Message:
    """The digest as it stands at ``now`` (used by the weekly job, the verb and the demo)."""
    return render(collect(session, community=community, now=now), lang)


def weekly(
    session: Session,
    *,
    community: Community,
    due_at: datetime,
    now: datetime,
    members: list[Member] | None = None,
    stalled: list[Member] | None = None,
    meetings: list[Meeting] | None = None,
    ahead: ReadAhead | None = None,
) -> list[Outgoing]:
    """The digest of the week due at ``due_at`` for every active organiser, once per local
    day (``members``, ``stalled``, ``meetings`` and ``ahead`` as ``collect`` takes them)."""
    local_day = due_at.astimezone(ZoneInfo(community.tz)).date().isoformat()
    people = organisers(session, community_id=community.id, members=members)
    if not people:
        return []
    data = collect(
        session,
        community=community,
        now=now,
        members=members,
        stalled=stalled,
        meetings=meetings,
        ahead=ahead,
    )
    # At most one rendering per language, however many organisers there are.
    rendered: dict[str, Message] = {}
    items = []
    for member in people:
        lang = lang_of(member, community)
        if lang not in rendered:
            rendered[lang] = render(data, lang)
        items.append(
            Outgoing(
                key=f"digest:{community.id}:{local_day}:{member.id}",
                message=rendered[lang],
                member=member,
                community=community,
                deadline=due_at + STALE_AFTER,
            )
        )
    return items
