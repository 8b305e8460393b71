"""A member's facilitator turns for ``my-data`` and ``forget-me``."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from bot.clock import utcnow
from bot.facilitation.models import Assignment, AssignmentStatus, SwapRequest
from bot.meetings.service import still_to_come, with_meetings
from bot.members.models import Member


def export(session: Session, *, member: Member) -> dict[str, Any]:
    mine = session.scalars(
        select(Assignment).where(Assignment.member_id == member.id).order_by(Assignment.id)
    )
    turns = [
        (row, meeting.number, meeting.starts_at)
        for row, meeting in with_meetings(session, rows=mine, meeting_id=lambda r: r.meeting_id)
    ]
    swaps = session.scalars(
        select(SwapRequest)
        .where(or_(SwapRequest.from_member_id == member.id, SwapRequest.to_member_id == member.id))
        .order_by(SwapRequest.id)
    ).all()
    return {
        "turns": [
            {
                "meeting": number,
                "meeting_starts_at": starts_at.isoformat(),
                "role": row.role,
                "status": row.status,
                "assigned_at": row.created_at.isoformat(),
            }
            for row, number, starts_at in turns
        ],
        "swap_requests": [
            {
                "meeting_id": swap.meeting_id,
                "role": swap.role,
                "direction": "from" if swap.from_member_id == member.id else "to",
                "status": swap.status,
                "requested_at": swap.created_at.isoformat(),
            }
            for swap in swaps
        ],
    }


def forget(session: Session, *, member: Member, now: datetime) -> None:
    """Turns stay, pointing at the anonymised member row, because the rotation's fairness is
    counted from them; they hold nothing personal. Turns still to come are released (the
    rotation fills them again); swap requests between others forget who asked for them."""
    now = utcnow()
    session.execute(
        update(Assignment)
        .where(
            Assignment.member_id == member.id,
            Assignment.status == AssignmentStatus.ASSIGNED.value,
            still_to_come(Assignment.meeting_id, now=now),
        )
        .values(status=AssignmentStatus.RELEASED.value, ended_at=now)
        .execution_options(synchronize_session="fetch")
    )
    session.execute(
        delete(SwapRequest).where(
            or_(SwapRequest.from_member_id == member.id, SwapRequest.to_member_id == member.id)
        )
    )
    session.execute(
        update(SwapRequest)
        .where(SwapRequest.requested_by_id == member.id)
        .values(requested_by_id=None)
        .execution_options(synchronize_session=False)
    )
