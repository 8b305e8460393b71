"""What invites does when the base publishes a schedule change or welcomes a newcomer
(``bot.events``): every member gets the change with their calendar, a newcomer their file."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from bot.communities.models import Community
from bot.events import (
    MeetingAdded,
    MeetingCancelled,
    MeetingMoved,
    Send,
    SeriesChanged,
    WelcomePart,
    Welcoming,
)
from bot.i18n import t
from bot.invites import flows
from bot.invites.service import calendar_file
from bot.meetings.messaging import local_time
from bot.members.messaging import lang_of
from bot.messages import Message, Text


def tell_members(
    session: Session, *, community: Community, now: datetime, send: Send, key: str, **params: Any
) -> None:
    """Every current member hears what changed, with their calendar
    (``bot.invites.flows.schedule_changed``)."""
    for item in flows.schedule_changed(session, community=community, key=key, now=now, **params):
        send(item)


def meeting_added(session: Session, event: MeetingAdded, send: Send) -> None:
    community, meeting = event.community, event.meeting
    tell_members(
        session,
        community=community,
        now=event.now,
        send=send,
        key="invites.change.added",
        n=meeting.number,
        when=local_time(community, meeting.starts_at),
    )


def meeting_moved(session: Session, event: MeetingMoved, send: Send) -> None:
    community, meeting = event.community, event.meeting
    tell_members(
        session,
        community=community,
        now=event.now,
        send=send,
        key="invites.change.moved",
        n=meeting.number,
        before=local_time(community, event.before),
        when=local_time(community, meeting.starts_at),
    )


def meeting_cancelled(session: Session, event: MeetingCancelled, send: Send) -> None:
    community, meeting = event.community, event.meeting
    tell_members(
        session,
        community=community,
        now=event.now,
        send=send,
        key="invites.change.cancelled",
        n=meeting.number,
        when=local_time(community, meeting.starts_at),
    )


def series_changed(session: Session, event: SeriesChanged, send: Send) -> None:
    tell_members(
        session,
        community=event.community,
        now=event.now,
        send=send,
        key="invites.change.series",
        moved=event.moved,
        added=event.added,
        dropped=event.dropped,
    )


def welcoming(session: Session, question: Welcoming) -> WelcomePart:
    """The newcomer's calendar file closes their welcome, with a line saying what it is
    (as ``bot.invites.messaging.with_calendar`` attaches it to every calendar message)."""
    lang = lang_of(question.member, question.community)
    file = calendar_file(
        session, community=question.community, member=question.member, now=question.now
    )
    note = t(lang, "invites.attached")
    return WelcomePart(appendix=Message(text=note, blocks=(Text(note), file)))
