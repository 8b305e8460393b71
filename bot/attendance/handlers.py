"""What attendance does when the base publishes an event or asks (``bot.events``)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.attendance.service import answered_meetings, record_default
from bot.events import Decided, DecidedAbout, MeetingHeld, Send


def meeting_held(session: Session, event: MeetingHeld, send: Send) -> None:
    """Who came, until a facilitator corrects it: those who said they come."""
    record_default(session, community=event.community, meeting=event.meeting, now=event.now)


def decided(session: Session, question: DecidedAbout) -> Decided:
    found = answered_meetings(session, meeting_ids=question.meeting_ids)
    return [(meeting_id, "answers") for meeting_id in sorted(found)]
