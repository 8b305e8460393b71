"""The halfway reflection for ``my-data`` and ``forget-me``: the answers live in the member's
logbook, and this slice says which entries are its own, so they are exported as the questions
they answer and erased whichever slice's forget runs first."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from bot.logbook.service import erase_entries
from bot.members.models import Member
from bot.reflection.service import ANSWERS, answers_of


def export(session: Session, *, member: Member) -> dict[str, Any]:
    return {
        "answers": [
            {
                "question": answer.question,
                "text": answer.text,
                "meeting_id": answer.meeting_id,
                "created_at": answer.created_at.isoformat(),
            }
            for answer in answers_of(session, member_id=member.id)
        ]
    }


def forget(session: Session, *, member: Member, now: datetime) -> None:
    erase_entries(session, member_id=member.id, kinds=ANSWERS)


def words(session: Session, *, member: Member) -> list[str]:
    return [answer.text for answer in answers_of(session, member_id=member.id)]
