"""The halfway reflection for ``my-data`` and ``forget-me``: the answers live in the member's
logbook, and this slice says which entries are its own, so they are exported as the questions
they answer and erased whichever slice's forget runs first."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete
from sqlalchemy.orm import Session

from bot.logbook.models import LogEntry
from bot.members.models import Member
from bot.reflection.service import ANSWERS, answers_of


def export(session: Session, *, member: Member) -> dict[str, Any]:
    return {
        "answers": [
            {
                "question": "learned" if entry.kind == ANSWERS[0].value else "next",
                "text": entry.text,
                "meeting_id": entry.meeting_id,
                "created_at": entry.created_at.isoformat(),
            }
            for entry in answers_of(session, member_id=member.id)
        ]
    }


def forget(session: Session, *, member: Member, now: datetime) -> None:
    session.execute(
        delete(LogEntry)
        .where(
            LogEntry.member_id == member.id,
            LogEntry.kind.in_([kind.value for kind in ANSWERS]),
        )
        .execution_options(synchronize_session=False)
    )


def words(session: Session, *, member: Member) -> list[str]:
    return [entry.text for entry in answers_of(session, member_id=member.id)]
