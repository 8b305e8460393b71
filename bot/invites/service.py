"""Calendar invites: the member's .ics (on joining and with every schedule change) and their
personal subscription feed, ``GET /calendar/<token>.ics``."""

from __future__ import annotations

import logging
import re
import secrets
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from bot.communities.models import Community
from bot.communities.service import community_by_id
from bot.facilitation.service import roles_by_member
from bot.invites import ics
from bot.invites.models import CalendarFeed
from bot.meetings.models import Meeting
from bot.meetings.service import meetings_of
from bot.members.messaging import lang_of
from bot.members.models import Member
from bot.members.service import member_by_id
from bot.messages import File
from bot.places.service import home_of

logger = logging.getLogger(__name__)

TOKEN = re.compile(r"^[A-Za-z0-9_-]{32,64}$")


def file_name(community: Community) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", community.name.lower()).strip("-")[:40] or "cop"
    return f"{slug}.ics"


def calendar_text(
    session: Session,
    *,
    community: Community,
    member: Member,
    meetings: Sequence[Meeting],
    roles: dict[int, str],
    now: datetime,
) -> str:
    home = home_of(session, community_id=community.id)
    return ics.build(
        community=community,
        home=f"{home.platform}:{home.channel_id}" if home is not None else "",
        meetings=meetings,
        roles=roles,
        lang=lang_of(member, community),
        now=now,
    )


def calendar_file(session: Session, *, community: Community, member: Member, now: datetime) -> File:
    meetings = meetings_of(session, community_id=community.id)
    roles = roles_by_member(session, member_ids=[member.id])[member.id]
    text = calendar_text(
        session, community=community, member=member, meetings=meetings, roles=roles, now=now
    )
    return File(name=file_name(community), content=text, mime=ics.MIME)


def files_for(
    session: Session, *, community: Community, members: Sequence[Member], now: datetime
) -> dict[int, File]:
    """member id -> their calendar file; a fixed two queries for the whole community."""
    meetings = meetings_of(session, community_id=community.id)
    roles = roles_by_member(session, member_ids=[m.id for m in members])
    name = file_name(community)
    return {
        m.id: File(
            name=name,
            content=calendar_text(
                session,
                community=community,
                member=m,
                meetings=meetings,
                roles=roles[m.id],
                now=now,
            ),
            mime=ics.MIME,
        )
        for m in members
    }


# -- the subscription feed ------------------------------------------------------------------


def feed_of(session: Session, *, member: Member) -> CalendarFeed | None:
    return session.scalars(select(CalendarFeed).where(CalendarFeed.member_id == member.id)).first()


def ensure_feed(session: Session, *, member: Member, now: datetime) -> CalendarFeed:
    feed = feed_of(session, member=member)
    if feed is None:
        feed = CalendarFeed(
            community_id=member.community_id,
            member_id=member.id,
            token=secrets.token_urlsafe(32),
            created_at=now,
        )
        session.add(feed)
        session.flush()
    return feed


def reset_feed(session: Session, *, member: Member, now: datetime) -> CalendarFeed:
    """A new secret: the old address stops working at once."""
    drop_feed(session, member=member)
    return ensure_feed(session, member=member, now=now)


def drop_feed(session: Session, *, member: Member) -> bool:
    result = session.execute(
        delete(CalendarFeed)
        .where(CalendarFeed.member_id == member.id)
        .execution_options(synchronize_session=False)
    )
    session.flush()
    return bool(result.rowcount)  # type: ignore[attr-defined]


def feed_url(public_url: str | None, token: str) -> str:
    path = f"/calendar/{token}.ics"
    return public_url.rstrip("/") + path if public_url else path


def feed(factory: sessionmaker[Session], *, token: str, now: datetime) -> str | None:
    """The calendar behind a feed address, or None for an address that is not (or no longer)
    one: a malformed token, a reset or dropped feed, a member who left."""
    if not TOKEN.fullmatch(token):
        return None
    with factory() as session:
        row = session.scalars(select(CalendarFeed).where(CalendarFeed.token == token)).first()
        if row is None:
            return None
        member = member_by_id(session, member_id=row.member_id)
        community = community_by_id(session, community_id=row.community_id)
        if member is None or community is None or not member.is_current:
            return None
        meetings = meetings_of(session, community_id=community.id)
        roles = roles_by_member(session, member_ids=[member.id])[member.id]
        return calendar_text(
            session, community=community, member=member, meetings=meetings, roles=roles, now=now
        )
