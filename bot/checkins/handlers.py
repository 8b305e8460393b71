"""What checkins answers when the base asks (``bot.events``)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.checkins.service import answered_meetings
from bot.events import Decided, DecidedAbout


def decided(session: Session, question: DecidedAbout) -> Decided:
    found = answered_meetings(session, meeting_ids=question.meeting_ids)
    return [(meeting_id, "answers") for meeting_id in sorted(found)]
