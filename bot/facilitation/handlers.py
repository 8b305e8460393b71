"""What facilitation does when the base publishes an event or asks (``bot.events``)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.events import Decided, DecidedAbout, RoleChanged, Send
from bot.facilitation.flows import notify
from bot.facilitation.service import assigned_meetings, reassign_turns


def role_changed(session: Session, event: RoleChanged, send: Send) -> None:
    """Someone who may no longer facilitate hands their upcoming turns on, and everyone
    concerned hears of it."""
    community = event.community
    for outcome in reassign_turns(session, community=community, member=event.member, now=event.now):
        notify(outcome, community=community, send=send)


def decided(session: Session, question: DecidedAbout) -> Decided:
    found = assigned_meetings(session, meeting_ids=question.meeting_ids)
    return [(meeting_id, "facilitators") for meeting_id in sorted(found)]
