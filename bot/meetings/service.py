"""The meeting schedule: generated from the cadence, edited by hand, kept off blocked days."""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.commands.parser import parse_time
from bot.communities.models import Community
from bot.ctx import Ctx
from bot.errors import Conflict, NotFound
from bot.meetings.calendar import blocked_reason
from bot.meetings.models import Blackout, Meeting, MeetingStatus

logger = logging.getLogger(__name__)

MAX_SHIFT_WEEKS = 4


def meetings_of(session: Session, *, community_id: int) -> list[Meeting]:
    return list(
        session.scalars(
            select(Meeting)
            .where(Meeting.community_id == community_id)
            .order_by(Meeting.starts_at, Meeting.id)
        )
    )


def active_meetings(session: Session, *, community_id: int) -> list[Meeting]:
    return [m for m in meetings_of(session, community_id=community_id) if not m.is_cancelled]


def blackouts_of(session: Session, *, community_id: int) -> list[Blackout]:
    return list(
        session.scalars(
            select(Blackout)
            .where(Blackout.community_id == community_id)
            .order_by(Blackout.starts_on)
        )
    )


def renumber(session: Session, *, community_id: int) -> None:
    number = 0
    for meeting in meetings_of(session, community_id=community_id):
        if meeting.is_cancelled:
            meeting.number = None
        else:
            number += 1
            meeting.number = number
    session.flush()


def by_number(session: Session, *, community_id: int, number: int) -> Meeting:
    meeting = session.scalars(
        select(Meeting).where(Meeting.community_id == community_id, Meeting.number == number)
    ).first()
    if meeting is None:
        raise NotFound("error.no_such_meeting", n=number)
    return meeting


def local_date(community: Community, moment: datetime) -> date:
    return moment.astimezone(ZoneInfo(community.tz)).date()


def at_local(community: Community, day: date, clock: str) -> datetime:
    local = datetime.combine(day, parse_time(clock), tzinfo=ZoneInfo(community.tz))
    return local.astimezone(ZoneInfo("UTC"))


def cadence_dates(community: Community) -> list[date]:
    if community.start_date is None:
        return []
    weekday = community.weekday if community.weekday is not None else community.start_date.weekday()
    first = community.start_date + timedelta(days=(weekday - community.start_date.weekday()) % 7)
    end = community.end_date or first + timedelta(days=community.cadence_days * 13)
    # One meeting per cadence interval, counting an interval when at least half of it fits
    # before the end: 18 months at six weeks gives 13 meetings, and an end date a few weeks
    # after a meeting keeps that meeting rather than dropping it for want of a whole cycle.
    count = max(1, ((end - first).days + community.cadence_days // 2) // community.cadence_days)
    dates = [first + timedelta(days=community.cadence_days * i) for i in range(count)]
    return dates


def free_day(community: Community, day: date, blackouts: list[Blackout]) -> tuple[date, str | None]:
    """The first free day from ``day``, moving a week at a time; with the reason it moved."""
    reason = blocked_reason(day, country=community.holiday_country, blackouts=blackouts)
    if reason is None:
        return day, None
    candidate = day
    for _ in range(MAX_SHIFT_WEEKS):
        candidate += timedelta(days=7)
        if (
            blocked_reason(candidate, country=community.holiday_country, blackouts=blackouts)
            is None
        ):
            return candidate, reason
    return day, reason


def regenerate(ctx: Ctx, *, community: Community) -> list[str]:
    """Re-time the future generated meetings from the cadence; returns notes for the organiser.

    Meetings added by hand and meetings already held are never touched.
    """
    session = ctx.session
    blackouts = blackouts_of(session, community_id=community.id)
    meetings = meetings_of(session, community_id=community.id)
    future_generated = [
        m for m in meetings if m.generated and not m.is_cancelled and m.starts_at > ctx.now
    ]
    notes: list[str] = []
    slots: list[datetime] = []
    for day in cadence_dates(community):
        moved, reason = free_day(community, day, blackouts)
        start = at_local(community, moved, community.meeting_time)
        if start <= ctx.now:
            continue
        if reason is not None:
            notes.append(
                ctx.t("meeting.shifted", day=day.isoformat(), to=moved.isoformat(), reason=reason)
                if moved != day
                else ctx.t("meeting.blocked_kept", day=day.isoformat(), reason=reason)
            )
        slots.append(start)
    for meeting, start in zip(future_generated, slots, strict=False):
        meeting.starts_at = start
        meeting.duration_minutes = community.duration_minutes
    for start in slots[len(future_generated) :]:
        session.add(
            Meeting(
                community_id=community.id,
                starts_at=start,
                duration_minutes=community.duration_minutes,
                status=MeetingStatus.PLANNED.value,
                generated=True,
                created_at=ctx.now,
            )
        )
    for meeting in future_generated[len(slots) :]:
        meeting.status = MeetingStatus.CANCELLED.value
    session.flush()
    renumber(session, community_id=community.id)
    if slots:
        notes.insert(0, ctx.t("meeting.generated", count=len(slots)))
    return notes


def check_free(ctx: Ctx, community: Community, start: datetime) -> None:
    if start <= ctx.now:
        raise Conflict("error.in_past")
    day = local_date(community, start)
    reason = blocked_reason(
        day,
        country=community.holiday_country,
        blackouts=blackouts_of(ctx.session, community_id=community.id),
    )
    if reason is not None:
        raise Conflict("error.blocked_day", day=day.isoformat(), reason=reason)


def add(ctx: Ctx, *, community: Community, start: datetime) -> Meeting:
    check_free(ctx, community, start)
    meeting = Meeting(
        community_id=community.id,
        starts_at=start,
        duration_minutes=community.duration_minutes,
        status=MeetingStatus.PLANNED.value,
        generated=False,
        created_at=ctx.now,
    )
    ctx.session.add(meeting)
    ctx.session.flush()
    renumber(ctx.session, community_id=community.id)
    return meeting


def move(ctx: Ctx, *, community: Community, meeting: Meeting, start: datetime) -> None:
    if meeting.is_cancelled or meeting.status == MeetingStatus.HELD.value:
        raise Conflict("error.meeting_not_movable", n=meeting.number or "-")
    check_free(ctx, community, start)
    meeting.starts_at = start
    meeting.generated = False  # moved by hand: the cadence no longer owns it
    ctx.session.flush()
    renumber(ctx.session, community_id=community.id)


def cancel(ctx: Ctx, *, community: Community, meeting: Meeting) -> None:
    if meeting.status == MeetingStatus.HELD.value:
        raise Conflict("error.meeting_not_movable", n=meeting.number or "-")
    meeting.status = MeetingStatus.CANCELLED.value
    ctx.session.flush()
    renumber(ctx.session, community_id=community.id)


def next_meeting(session: Session, *, community_id: int, now: datetime) -> Meeting | None:
    return session.scalars(
        select(Meeting)
        .where(
            Meeting.community_id == community_id,
            Meeting.status == MeetingStatus.PLANNED.value,
            Meeting.starts_at > now,
        )
        .order_by(Meeting.starts_at)
    ).first()


def last_meeting(session: Session, *, community_id: int, now: datetime) -> Meeting | None:
    """The most recent meeting that has started (held or running)."""
    return session.scalars(
        select(Meeting)
        .where(
            Meeting.community_id == community_id,
            Meeting.status != MeetingStatus.CANCELLED.value,
            Meeting.starts_at <= now,
        )
        .order_by(Meeting.starts_at.desc())
    ).first()


def add_blackout(
    ctx: Ctx, *, community: Community, starts_on: date, ends_on: date, label: str
) -> tuple[Blackout, list[Meeting]]:
    """Record a blackout; returns the planned meetings that now fall inside it."""
    if ends_on < starts_on:
        raise Conflict("error.blackout_order")
    blackout = Blackout(
        community_id=community.id, starts_on=starts_on, ends_on=ends_on, label=label[:200]
    )
    ctx.session.add(blackout)
    ctx.session.flush()
    clashes = [
        m
        for m in active_meetings(ctx.session, community_id=community.id)
        if m.status == MeetingStatus.PLANNED.value
        and starts_on <= local_date(community, m.starts_at) <= ends_on
    ]
    return blackout, clashes
