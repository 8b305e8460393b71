"""A member's attendance for ``my-data`` and ``forget-me``."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.attendance.models import Attendance
from bot.meetings.service import with_meetings
from bot.members.models import Member


def export(session: Session, *, member: Member) -> dict[str, Any]:
    mine = session.scalars(select(Attendance).where(Attendance.member_id == member.id))
    rows = [
        (row, meeting.number, meeting.starts_at)
        for row, meeting in with_meetings(session, rows=mine, meeting_id=lambda r: r.meeting_id)
    ]
    return {
        "attendance": [
            {
                "meeting": number,
                "meeting_starts_at": starts_at.isoformat(),
                "said": row.intent,
                "came": row.attended,
            }
            for row, number, starts_at in rows
        ]
    }


def forget(session: Session, *, member: Member, now: datetime) -> None:
    """Who said they come and who came is about the person: erased (the meetings' head
    counts keep only the others)."""
    session.execute(
        delete(Attendance)
        .where(Attendance.member_id == member.id)
        .execution_options(synchronize_session=False)
    )
