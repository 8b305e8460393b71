"""Who is told what about check-ins, under which idempotency key: the rules come from
``service``, the words from ``messaging``."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from bot.checkins import service
from bot.checkins.messaging import checkin_message, checkin_messages, coming_reminder
from bot.communities.models import Community
from bot.meetings.models import Meeting
from bot.members.models import Member
from bot.outbox.service import Outgoing


def prompt_keys(meeting_id: int, member_id: int) -> tuple[str, str]:
    return f"checkin:{meeting_id}:{member_id}", f"checkin_reminder:{meeting_id}:{member_id}"


def open_wave(
    session: Session,
    *,
    community: Community,
    meeting: Meeting,
    now: datetime,
    members: list[Member] | None = None,
) -> list[Outgoing]:
    """Ask every active member who has no check-in yet for this meeting (keys
    ``checkin:<meeting>:<member>``, so re-running is a no-op). ``members``: the community's
    current members, when the caller has read them already."""
    asked = service.wave(session, community=community, meeting=meeting, now=now, members=members)
    messages = checkin_messages(community, meeting, asked=asked)
    return [
        Outgoing(
            key=prompt_keys(meeting.id, m.id)[0],
            member=m,
            community=community,
            message=message,
            deadline=meeting.starts_at,
        )
        for (m, _), message in zip(asked, messages, strict=True)
    ]


def reminders(
    session: Session, *, community: Community, meeting: Meeting, now: datetime
) -> list[Outgoing]:
    """The one reminder: the check-in again while it is unanswered, else the question
    whether they come."""
    return [
        Outgoing(
            key=prompt_keys(meeting.id, member.id)[1],
            member=member,
            community=community,
            message=(
                coming_reminder(member, community, meeting)
                if prompt_id is None
                else checkin_message(member, community, meeting, prompt_id=prompt_id, reminder=True)
            ),
            deadline=meeting.starts_at,
        )
        for member, prompt_id in service.to_remind(session, meeting=meeting, now=now)
    ]
