"""The meeting schedule: meetings by number, edited by hand, kept off blocked days and off
each other's days. Changes of the whole series are planned in ``bot.meetings.changes``."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from functools import cache
from typing import TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import (
    ColumnElement,
    ColumnExpressionArgument,
    Select,
    bindparam,
    exists,
    func,
    select,
)
from sqlalchemy.orm import Session

from bot.communities.models import Community
from bot.errors import Conflict, NotFound
from bot.handling import Ctx
from bot.meetings.calendar import blocked_reason
from bot.meetings.changes import next_number
from bot.meetings.models import Blackout, Meeting, MeetingStatus
from bot.meetings.series import series_days
from bot.sqlutil import by_community, get_by_id, remembered, table_of

logger = logging.getLogger(__name__)

T = TypeVar("T")

MAX_PAUSE_DAYS = 366


def meetings_of(session: Session, *, community_id: int) -> list[Meeting]:
    return list(session.scalars(_meetings_of(), {"community": community_id}))


@cache
def _meetings_of() -> Select[Meeting]:
    # Built once with bind parameters: every timed job of the wave reads a community's
    # meetings, and building the expression cost more than running it.
    return (
        select(Meeting)
        .where(Meeting.community_id == bindparam("community"))
        .order_by(Meeting.starts_at, Meeting.id)
    )


def meetings_by_community(
    session: Session, *, community_ids: Iterable[int]
) -> dict[int, list[Meeting]]:
    """``meetings_of`` several communities in one query."""
    return by_community(session, _meetings_by_community(), community_ids=community_ids)


@cache
def _meetings_by_community() -> Select[Meeting]:
    return (
        select(Meeting)
        .where(Meeting.community_id.in_(bindparam("community_ids", expanding=True)))
        .order_by(Meeting.starts_at, Meeting.id)
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


# Meeting numbers people can type that no schedule reaches: refused as "no meeting N" before
# any query, so a number beyond the database's integers is not an internal error.
MAX_MEETING_NUMBER = 100_000


def by_number(session: Session, *, community_id: int, number: int) -> Meeting:
    """Meeting ``number`` of the community; numbers are given once and never change."""
    meeting = None
    if 1 <= number <= MAX_MEETING_NUMBER:
        meeting = session.scalars(
            select(Meeting).where(Meeting.community_id == community_id, Meeting.number == number)
        ).first()
    if meeting is None:
        raise NotFound("error.no_such_meeting", n=_shown(number))
    return meeting


def _shown(number: int) -> str:
    text = str(number)
    return text if len(text) <= 20 else text[:20] + "…"


def local_date(community: Community, moment: datetime) -> date:
    return moment.astimezone(ZoneInfo(community.tz)).date()


def cadence_dates(community: Community) -> list[date]:
    """The days the cadence gives from the start to the end (before any shift off a holiday
    or pause)."""
    if community.start_date is None:
        return []
    end = community.end_date or community.start_date + timedelta(days=community.cadence_days * 13)
    days = series_days(
        start=community.start_date,
        end=end,
        weekday=community.weekday,
        cadence_days=community.cadence_days,
    )
    return [day for _, day in days]


def check_free(
    ctx: Ctx, community: Community, start: datetime, *, moving: Meeting | None = None
) -> None:
    """A meeting may be added or moved to ``start``: it is to come, on a day without a
    holiday or pause, and on a day without another meeting."""
    if start <= ctx.now:
        raise Conflict("error.in_past")
    day = local_date(community, start)
    reason = blocked_reason(
        day,
        country=community.holiday_country,
        blackouts=blackouts_of(ctx.session, community_id=community.id),
        lang=ctx.lang,
    )
    if reason is not None:
        raise Conflict("error.blocked_day", day=day.isoformat(), reason=reason)
    for other in active_meetings(ctx.session, community_id=community.id):
        if other is not moving and local_date(community, other.starts_at) == day:
            raise Conflict(
                "error.meeting_that_day",
                day=day.isoformat(),
                n=other.number,
                when=other.starts_at.astimezone(ZoneInfo(community.tz)).strftime("%H:%M"),
            )


def add(ctx: Ctx, *, community: Community, start: datetime) -> Meeting:
    """A meeting added by hand: the next free number, outside the cadence series."""
    check_free(ctx, community, start)
    meeting = Meeting(
        community_id=community.id,
        number=next_number(ctx.session, community_id=community.id),
        starts_at=start,
        duration_minutes=community.duration_minutes,
        status=MeetingStatus.PLANNED.value,
        generated=False,
        created_at=ctx.now,
    )
    ctx.session.add(meeting)
    ctx.session.flush()
    return meeting


def move(ctx: Ctx, *, community: Community, meeting: Meeting, start: datetime) -> None:
    if meeting.is_cancelled or meeting.status == MeetingStatus.HELD.value:
        raise Conflict("error.meeting_not_movable", n=meeting.number)
    if meeting.starts_at <= ctx.now:
        raise Conflict("error.meeting_begun", n=meeting.number)
    check_free(ctx, community, start, moving=meeting)
    meeting.starts_at = start
    # Moved by hand: the organiser chose this date, so the cadence no longer re-times it;
    # it keeps its place in the series, so the series does not make a second meeting there.
    meeting.generated = False
    meeting.sequence += 1
    ctx.session.flush()


def cancel(ctx: Ctx, *, community: Community, meeting: Meeting) -> None:
    if meeting.status == MeetingStatus.HELD.value or meeting.is_cancelled:
        raise Conflict("error.meeting_not_movable", n=meeting.number)
    if meeting.starts_at <= ctx.now:
        raise Conflict("error.meeting_begun", n=meeting.number)
    meeting.status = MeetingStatus.CANCELLED.value
    meeting.sequence += 1
    ctx.session.flush()


def next_meeting(session: Session, *, community_id: int, now: datetime) -> Meeting | None:
    """The community's next planned meeting after ``now``: read once per unit of work,
    however many slices ask (``status`` asks three times)."""
    return remembered(
        session,
        ("next_meeting", community_id, now),
        lambda: session.scalars(_next_meeting(), {"community": community_id, "now": now}).first(),
        kinds=(Meeting,),
    )


@cache
def _next_meeting() -> Select[Meeting]:
    # Built once with bind parameters: building the expression costs more than running it.
    # LIMIT 1: an ORM result is buffered whole, so without it every later meeting of the
    # series was loaded as an object only to be thrown away.
    return (
        select(Meeting)
        .where(
            Meeting.community_id == bindparam("community"),
            Meeting.status == MeetingStatus.PLANNED.value,
            Meeting.starts_at > bindparam("now"),
        )
        .order_by(Meeting.starts_at)
        .limit(1)
    )


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


def blackout_by_number(session: Session, *, community_id: int, number: int) -> Blackout:
    blackout = None
    if 1 <= number <= MAX_MEETING_NUMBER:
        blackout = session.scalars(
            select(Blackout).where(Blackout.community_id == community_id, Blackout.number == number)
        ).first()
    if blackout is None:
        raise NotFound("error.no_such_pause", n=_shown(number))
    return blackout


def new_blackout(
    session: Session, *, community: Community, starts_on: date, ends_on: date, label: str
) -> Blackout:
    """A pause, not yet stored: the schedule change it makes is planned (and perhaps
    confirmed) first."""
    if ends_on < starts_on:
        raise Conflict("error.blackout_order")
    if (ends_on - starts_on).days > MAX_PAUSE_DAYS:
        raise Conflict("error.pause_too_long", days=MAX_PAUSE_DAYS)
    highest = session.scalar(
        select(func.max(Blackout.number)).where(Blackout.community_id == community.id)
    )
    return Blackout(
        community_id=community.id,
        number=(highest or 0) + 1,
        starts_on=starts_on,
        ends_on=ends_on,
        label=label[:200],
    )


def clashes(
    session: Session, *, community: Community, blackout: Blackout, now: datetime
) -> list[Meeting]:
    """Meetings still to come that a pause covers although the series left them there
    (added or moved by hand)."""
    return [
        m
        for m in active_meetings(session, community_id=community.id)
        if m.status == MeetingStatus.PLANNED.value
        and m.starts_at > now
        and blackout.starts_on <= local_date(community, m.starts_at) <= blackout.ends_on
    ]


# -- lookups for the other slices (they read meetings only through these) -------------------
def meeting_by_id(session: Session, *, meeting_id: int | None) -> Meeting | None:
    """The meeting with this id (from the session when loaded already: no query)."""
    if meeting_id is None:
        return None
    return get_by_id(session, Meeting, meeting_id, _meeting_by_id())


@cache
def _meeting_by_id() -> Select[Meeting]:
    return select(Meeting).where(Meeting.id == bindparam("id"))


def meetings_by_ids(
    session: Session, *, meeting_ids: Iterable[int], community_id: int | None = None
) -> list[Meeting]:
    """These meetings (of ``community_id`` only, when given), in one query, in date order."""
    ids = sorted(set(meeting_ids))
    if not ids:
        return []
    query = select(Meeting).where(Meeting.id.in_(ids))
    if community_id is not None:
        query = query.where(Meeting.community_id == community_id)
    return list(session.scalars(query.order_by(Meeting.starts_at, Meeting.id)))


def not_cancelled(
    session: Session,
    *,
    community_id: int,
    low: datetime | None = None,
    high: datetime | None = None,
) -> list[Meeting]:
    """The community's meetings that were not cancelled (starting in [low, high) when
    given), in date order, in one query."""
    query = _not_cancelled(low=low is not None, high=high is not None)
    params: dict[str, object] = {"community": community_id}
    if low is not None:
        params["low"] = low
    if high is not None:
        params["high"] = high
    return list(session.scalars(query, params))


@cache
def _not_cancelled(*, low: bool, high: bool) -> Select[Meeting]:
    """The statement of ``not_cancelled``, built once per bound given (as ``meetings_of``'s).
    Parameters: ``community``, and ``low``/``high`` when bounded."""
    query = select(Meeting).where(
        Meeting.community_id == bindparam("community"),
        Meeting.status != MeetingStatus.CANCELLED.value,
    )
    if low:
        query = query.where(Meeting.starts_at >= bindparam("low"))
    if high:
        query = query.where(Meeting.starts_at < bindparam("high"))
    return query.order_by(Meeting.starts_at, Meeting.id)


def with_meetings(
    session: Session, *, rows: Iterable[T], meeting_id: Callable[[T], int | None]
) -> list[tuple[T, Meeting]]:
    """Each row with the meeting it is about, in the meetings' date order (rows about the
    same meeting in the order given); the meetings in one query."""
    keyed = [(r, meeting_id(r)) for r in rows]
    found = {
        m.id: m
        for m in meetings_by_ids(session, meeting_ids=(mid for _, mid in keyed if mid is not None))
    }
    paired = [(r, found[mid]) for r, mid in keyed if mid is not None and mid in found]
    return sorted(paired, key=lambda pair: (pair[1].starts_at, pair[1].id))


def neighbour(session: Session, *, meeting: Meeting, after: bool) -> Meeting | None:
    """The meeting of the same community just before (or ``after``) this one, cancelled
    ones left out."""
    query = select(Meeting).where(
        Meeting.community_id == meeting.community_id,
        Meeting.status != MeetingStatus.CANCELLED.value,
    )
    if after:
        query = query.where(Meeting.starts_at > meeting.starts_at).order_by(Meeting.starts_at)
    else:
        query = query.where(Meeting.starts_at < meeting.starts_at).order_by(
            Meeting.starts_at.desc()
        )
    return session.scalars(query).first()


def latest_among(
    session: Session, *, community_id: int, meeting_ids: Select[int]
) -> Meeting | None:
    """The latest of the community's meetings whose ids ``meeting_ids`` selects (another
    slice's rows about meetings, asked in the same statement)."""
    return session.scalars(
        select(Meeting)
        .where(Meeting.community_id == community_id, Meeting.id.in_(meeting_ids))
        .order_by(Meeting.starts_at.desc())
    ).first()


def still_to_come(
    meeting_id: ColumnExpressionArgument[int], *, now: datetime | ColumnElement[datetime]
) -> ColumnElement[bool]:
    """Whether the meeting ``meeting_id`` (a column of another statement) is still to come:
    a condition to use inside another statement; ``now`` may be a bind parameter of a
    statement built once. It looks up that one meeting: the ids of every meeting still to
    come (``meeting_id IN (...)``) made the database read the meetings of every community
    for one person's turns. On the table's columns (``table_of``), so a read on table
    columns that uses it stays one."""
    meetings = table_of(Meeting).c
    return exists().where(
        meetings.id == meeting_id,
        meetings.status == MeetingStatus.PLANNED.value,
        meetings.starts_at > now,
    )
