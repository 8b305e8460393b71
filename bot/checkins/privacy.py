"""A member's check-ins for ``my-data`` and ``forget-me``."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.checkins.models import CheckinAnswer
from bot.checkins.service import KIND
from bot.meetings.service import with_meetings
from bot.members.models import Member
from bot.prompts.service import delete_prompts


def export(session: Session, *, member: Member) -> dict[str, Any]:
    mine = session.scalars(select(CheckinAnswer).where(CheckinAnswer.member_id == member.id))
    rows = [
        (row, meeting.number, meeting.starts_at)
        for row, meeting in with_meetings(session, rows=mine, meeting_id=lambda r: r.meeting_id)
    ]
    return {
        "checkins": [
            {
                "meeting": number,
                "meeting_starts_at": starts_at.isoformat(),
                "bring_in": answer.bring_in,
                "experiment_report": answer.experiment_report,
                "answered_at": answer.answered_at.isoformat(),
            }
            for answer, number, starts_at in rows
        ]
    }


def forget(session: Session, *, member: Member, now: datetime) -> None:
    """Check-ins are personal notes for the group: erased entirely, with their prompts."""
    session.execute(
        delete(CheckinAnswer)
        .where(CheckinAnswer.member_id == member.id)
        .execution_options(synchronize_session=False)
    )
    delete_prompts(session, member=member, kind=KIND)


def words(session: Session, *, member: Member) -> list[str]:
    """What they brought in: the facilitators' brief quotes it."""
    rows = session.execute(
        select(CheckinAnswer.bring_in, CheckinAnswer.experiment_report).where(
            CheckinAnswer.member_id == member.id
        )
    )
    return [text for row in rows for text in row if text]
