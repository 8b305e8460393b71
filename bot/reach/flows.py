"""Who hears what about reaching people, under which idempotency key: the organisers when a
place copbot could not reach is back, someone who left the channel."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy.orm import Session

from bot.communities.models import Community
from bot.members import service as members
from bot.members.messaging import lang_of
from bot.members.models import Member
from bot.messages import plain
from bot.outbox.service import Outgoing
from bot.reach.messaging import left_channel


def organisers_told(
    session: Session, *, community: Community, key: str, text: Callable[[str], str]
) -> list[Outgoing]:
    """Every organiser hears ``text`` in their language, once per ``key``."""
    return [
        Outgoing(
            key=f"{key}:{organiser.id}",
            member=organiser,
            community=community,
            message=plain(text(lang_of(organiser, community))),
        )
        for organiser in members.organisers(session, community_id=community.id)
    ]


def left(*, community: Community, member: Member, now: datetime) -> Outgoing:
    """Someone who left the channel is asked whether to leave the community too."""
    return Outgoing(
        key=f"left:{community.id}:{member.id}:{int(now.timestamp())}",
        member=member,
        community=community,
        message=left_channel(lang_of(member, community), community),
    )
