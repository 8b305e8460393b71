"""Facilitator swaps: one facilitator hands their turn to someone else, once both agree."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.attendance.service import not_coming
from bot.commands.parser import parse_id
from bot.communities.models import Community
from bot.communities.service import community_by_id
from bot.errors import Conflict, InvalidInput, NotFound
from bot.facilitation.expiry import expire_swaps
from bot.facilitation.models import Assignment, AssignmentStatus, SwapRequest, SwapStatus
from bot.facilitation.service import (
    _assign,
    _release,
    _turn_of,
    available_at,
    is_upcoming,
)
from bot.meetings.models import Meeting
from bot.meetings.service import local_date, meeting_by_id
from bot.members.messaging import person
from bot.members.models import Member
from bot.members.service import member_by_id


def request_swap(
    session: Session,
    *,
    community: Community,
    meeting: Meeting,
    from_member: Member,
    to_member: Member,
    by: Member,
    now: datetime,
) -> SwapRequest:
    if not is_upcoming(meeting, now=now):
        raise Conflict("error.facilitation.meeting_past", n=meeting.number or "-")
    if from_member.id == to_member.id:
        raise InvalidInput("error.facilitation.swap_self")
    row = _turn_of(session, meeting=meeting, member=from_member)
    if not available_at(
        to_member, day=local_date(community, meeting.starts_at)
    ) or to_member.id in not_coming(session, meeting_id=meeting.id):
        raise Conflict("error.facilitation.unavailable", who=person(to_member))
    # A newer request for the same turn replaces an unanswered older one.
    expire_swaps(session, meeting_id=meeting.id, role=row.role, now=now)
    swap = SwapRequest(
        community_id=community.id,
        meeting_id=meeting.id,
        role=row.role,
        from_member_id=from_member.id,
        to_member_id=to_member.id,
        requested_by_id=by.id,
        status=SwapStatus.PENDING.value,
        created_at=now,
    )
    session.add(swap)
    session.flush()
    return swap


@dataclass
class SwapResult:
    swap: SwapRequest
    done: bool = False
    stale: bool = False
    waiting_for: Member | None = None


def confirm_swap(
    session: Session, *, swap: SwapRequest, member: Member, now: datetime
) -> SwapResult:
    """Record ``member``'s confirmation; the swap happens once both confirmed."""
    meeting = _open_swap_meeting(session, swap=swap, now=now)
    if meeting is None:
        swap.status, swap.decided_at = SwapStatus.EXPIRED.value, now
        return SwapResult(swap=swap, stale=True)
    if member.id == swap.from_member_id:
        swap.from_confirmed_at = swap.from_confirmed_at or now
    if member.id == swap.to_member_id:
        swap.to_confirmed_at = swap.to_confirmed_at or now
    if swap.from_confirmed_at is None or swap.to_confirmed_at is None:
        waiting_id = swap.to_member_id if swap.from_confirmed_at else swap.from_member_id
        return SwapResult(swap=swap, waiting_for=member_by_id(session, member_id=waiting_id))
    if not _apply(session, swap=swap, meeting=meeting, now=now):
        swap.status, swap.decided_at = SwapStatus.EXPIRED.value, now
        return SwapResult(swap=swap, stale=True)
    swap.status, swap.decided_at = SwapStatus.DONE.value, now
    return SwapResult(swap=swap, done=True)


def decline_swap(session: Session, *, swap: SwapRequest, now: datetime) -> None:
    _open_swap_meeting(session, swap=swap, now=now)
    swap.status, swap.decided_at = SwapStatus.DECLINED.value, now


def _open_swap_meeting(session: Session, *, swap: SwapRequest, now: datetime) -> Meeting | None:
    if swap.status != SwapStatus.PENDING.value:
        raise Conflict(f"error.facilitation.swap_{swap.status}")
    meeting = meeting_by_id(session, meeting_id=swap.meeting_id)
    if meeting is None or not is_upcoming(meeting, now=now):
        return None
    return meeting


def _apply(session: Session, *, swap: SwapRequest, meeting: Meeting, now: datetime) -> bool:
    """Hand the turn over; False when the facilitators changed since the request."""
    community = community_by_id(session, community_id=swap.community_id)
    rows = {
        row.member_id: row
        for row in session.scalars(
            select(Assignment).where(
                Assignment.meeting_id == meeting.id,
                Assignment.status == AssignmentStatus.ASSIGNED.value,
            )
        )
    }
    giving = rows.get(swap.from_member_id)
    taker = member_by_id(session, member_id=swap.to_member_id)
    if giving is None or giving.role != swap.role or taker is None or community is None:
        return False
    if not available_at(taker, day=local_date(community, meeting.starts_at)):
        return False
    taking = rows.get(taker.id)  # the other facilitator: the two exchange roles
    new = [(swap.role, taker.id)]
    _release(giving, status=AssignmentStatus.SWAPPED, now=now)
    if taking is not None:
        _release(taking, status=AssignmentStatus.SWAPPED, now=now)
        new.append((taking.role, swap.from_member_id))
    session.flush()
    for role, member_id in new:
        _assign(session, meeting=meeting, role=role, member_id=member_id, now=now)
    session.flush()
    return True


def pending_swap_for(session: Session, *, swap_id: str) -> SwapRequest:
    number = parse_id(swap_id)
    swap = session.get(SwapRequest, number) if number is not None else None
    if swap is None:
        raise NotFound("error.facilitation.no_swap")
    return swap
