"""What attendance does when the base publishes an event or asks (``bot.events``)."""

from __future__ import annotations

from functools import partial

from sqlalchemy.orm import Session

from bot.attendance.answers import say_typed
from bot.attendance.service import answered_meetings, parse_intent, record_default, spelled_out
from bot.checkins.service import KIND as CHECKIN
from bot.events import Decided, DecidedAbout, MeetingHeld, PlainReply, Send, Understood
from bot.prompts.service import asked_ahead


def meeting_held(session: Session, event: MeetingHeld, send: Send) -> None:
    """Who came, until a facilitator corrects it: those who said they come."""
    record_default(session, community=event.community, meeting=event.meeting, now=event.now)


def decided(session: Session, question: DecidedAbout) -> Decided:
    found = answered_meetings(session, meeting_ids=question.meeting_ids)
    return [(meeting_id, "answers") for meeting_id in sorted(found)]


def plain_reply(session: Session, question: PlainReply) -> Understood | None:
    """ "I'm coming" or "ik kom niet" typed while another question is open (the intake of
    someone who joined a few days before the check-in) or none: about the next meeting this
    person was asked to check in for, not an answer to that other question. The open check-in
    reads it itself (its first step takes who comes), and a bare "yes" or "nee" stays the open
    question's answer: it may be what that question asked."""
    if question.open_kind == CHECKIN or not spelled_out(question.text):
        return None
    intent = parse_intent(question.text)
    if intent is None:
        return None
    asked = asked_ahead(session, member_ids=question.member_ids, kind=CHECKIN, now=question.now)
    if not asked:
        return None
    community_id, member_id, meeting_id = asked[0]
    return Understood(
        community_id, partial(say_typed, member_id=member_id, meeting_id=meeting_id, intent=intent)
    )
