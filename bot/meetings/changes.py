"""A change of the cadence series, planned before it is made.

``plan_series`` works out what new settings or pauses do to the meetings that exist: which
meetings move where, which places get a new meeting and which meetings leave the series.
Every meeting keeps its place in the series (``Meeting.slot``), so a change never hands one
meeting's theme, facilitators or answers to another: a cancelled meeting stays cancelled, a
meeting moved by hand keeps its date, and a meeting added by hand is left alone. The caller
shows the plan and, when it moves or drops what people decided, asks before ``apply_plan``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.communities.models import Community
from bot.events import DecidedAbout, ask
from bot.i18n import t
from bot.meetings.calendar import blocked_reason
from bot.meetings.models import Blackout, Meeting, MeetingStatus
from bot.meetings.series import Place, place, series_days

DECIDED = ("theme", "facilitators", "answers", "moved_by_hand")


@dataclass
class Move:
    meeting: Meeting
    before: datetime
    after: datetime


@dataclass
class Shift:
    """A place whose series day is blocked: where its meeting went instead (None: skipped)."""

    series_day: date
    day: date | None
    reason: str


@dataclass
class SeriesPlan:
    community: Community
    moves: list[Move] = field(default_factory=list)
    new: list[tuple[Place, datetime]] = field(default_factory=list)
    dropped: list[Meeting] = field(default_factory=list)
    kept_cancelled: list[Meeting] = field(default_factory=list)
    started: list[Meeting] = field(default_factory=list)  # began already: left as they are
    by_hand: list[Meeting] = field(default_factory=list)  # added by hand, still to come
    shifts: list[Shift] = field(default_factory=list)
    # (meeting, place index, series day) for every meeting that stays in the series.
    places: list[tuple[Meeting, int, date]] = field(default_factory=list)
    decided: dict[int, tuple[str, ...]] = field(default_factory=dict)  # meeting id -> kinds
    duration_minutes: int = 0

    @property
    def changes_anything(self) -> bool:
        return bool(self.moves or self.new or self.dropped)

    @property
    def at_stake(self) -> list[tuple[Meeting, tuple[str, ...]]]:
        """Meetings that move or leave the series while people decided something about them."""
        touched = [m.meeting for m in self.moves] + self.dropped
        return [(m, self.decided[m.id]) for m in touched if self.decided.get(m.id)]

    @property
    def needs_confirmation(self) -> bool:
        return bool(self.at_stake)

    def fingerprint(self) -> str:
        """What the plan does, so a confirmation applies only the plan that was shown."""
        parts = [
            f"m{m.meeting.id}:{m.before.isoformat()}>{m.after.isoformat()}" for m in self.moves
        ]
        parts += [f"n{p.index}:{start.isoformat()}" for p, start in self.new]
        parts += [f"d{m.id}" for m in self.dropped]
        return hashlib.sha256("|".join(sorted(parts)).encode()).hexdigest()


def local_day(community: Community, moment: datetime) -> date:
    return moment.astimezone(ZoneInfo(community.tz)).date()


def at_local(community: Community, day: date) -> datetime:
    hour, minute = (int(x) for x in community.meeting_time.split(":"))
    zone = ZoneInfo(community.tz)
    local = datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)
    return local.astimezone(ZoneInfo("UTC"))


def plan_series(
    session: Session,
    *,
    community: Community,
    blackouts: Iterable[Blackout],
    now: datetime,
    lang: str = "en",
) -> SeriesPlan:
    """What the community's settings and these pauses do to its meetings (nothing is changed)."""
    meetings = list(
        session.scalars(
            select(Meeting)
            .where(Meeting.community_id == community.id)
            .order_by(Meeting.starts_at, Meeting.id)
        )
    )
    plan = SeriesPlan(community=community, duration_minutes=community.duration_minutes)
    if community.start_date is None or community.end_date is None:
        return plan
    pauses = list(blackouts)
    started = [m for m in meetings if m.starts_at <= now or m.status == MeetingStatus.HELD.value]
    begun = {m.id for m in started}
    in_series = [m for m in meetings if m.slot is not None and m.id not in begun]
    plan.by_hand = [
        m for m in meetings if m.slot is None and m.id not in begun and not m.is_cancelled
    ]
    begun_places = [m for m in started if m.slot is not None]
    anchor: tuple[int, date] | None = None
    if begun_places:
        last = max(begun_places, key=lambda m: (m.slot or 0, m.starts_at))
        anchor = (last.slot or 0, last.series_day or local_day(community, last.starts_at))
    # Days the series must leave free: meetings that began, meetings added by hand and
    # meetings moved by hand (they keep the date the organiser chose).
    taken = {
        local_day(community, m.starts_at): m.number
        for m in meetings
        if not m.is_cancelled and (m.id in begun or not m.generated)
    }

    def blocked(day: date) -> str | None:
        reason = blocked_reason(day, country=community.holiday_country, blackouts=pauses, lang=lang)
        if reason is None and day in taken:
            return t(lang, "meeting.taken_reason", n=taken[day])
        return reason

    days = series_days(
        start=community.start_date,
        end=community.end_date,
        weekday=community.weekday,
        cadence_days=community.cadence_days,
        after=anchor,
    )
    # Places whose day has passed get no meeting and no number: the meetings still to come
    # take the places from the first day still to come (after a shorter cadence halfway, the
    # next meeting is the first cadence day ahead, not one in the past).
    first_index = days[0][0] if days else 0
    days = [
        (first_index + k, day)
        for k, day in enumerate(day for _, day in days if at_local(community, day) > now)
    ]
    placed = {p.index: p for p in place(days, blocked=blocked, after=anchor[1] if anchor else None)}
    plan.started = started
    holders = {m.slot for m in in_series}
    behind = []
    for meeting in in_series:
        slot = meeting.slot or 0
        if anchor is not None and slot <= anchor[0]:
            behind.append(meeting)
            continue
        _plan_meeting(plan, meeting, placed.get(slot))
    # Still to come although a later place began (it was moved by hand past it): the series
    # continues after that place, so these keep their day, unless a holiday or pause now
    # covers it; then they shift a week at a time like any place, onto a day no other
    # meeting has.
    used = set(taken) | {spot.day for spot in placed.values() if spot.day is not None}
    for meeting in behind:
        current = local_day(community, meeting.starts_at)
        series_day = meeting.series_day or current
        slot = meeting.slot or 0
        reason = None if meeting.is_cancelled or not meeting.generated else blocked(current)
        if reason is None:
            plan.places.append((meeting, slot, series_day))
            continue
        shifted = place(
            [(slot, current)],
            blocked=lambda day: blocked(day) or ("taken" if day in used else None),
            after=None,
        )[0]
        if shifted.day is not None:
            used.add(shifted.day)
        _plan_meeting(plan, meeting, Place(slot, series_day, shifted.day, reason))
    for index, spot in sorted(placed.items()):
        if index in holders:
            continue
        start = at_local(community, spot.day) if spot.day is not None else None
        if start is not None and start > now:
            plan.new.append((spot, start))
            _note_shift(plan, spot)
        elif spot.day is None and at_local(community, spot.series_day) > now:
            _note_shift(plan, spot)  # a place with no meeting: say why
    plan.decided = decided_things(session, meetings=[m.meeting for m in plan.moves] + plan.dropped)
    return plan


def _plan_meeting(plan: SeriesPlan, meeting: Meeting, spot: Place | None) -> None:
    """One future meeting of the series against its place under the new settings."""
    community = plan.community
    if spot is None:  # the series ends before this place now
        if meeting.is_cancelled:
            plan.kept_cancelled.append(meeting)
        else:
            plan.dropped.append(meeting)
        return
    if meeting.is_cancelled:
        # A cancellation stands: the place keeps its cancelled meeting, so none is made there.
        plan.kept_cancelled.append(meeting)
        plan.places.append((meeting, spot.index, spot.series_day))
        return
    if not meeting.generated:  # moved by hand: the organiser's date stays
        plan.places.append((meeting, spot.index, spot.series_day))
        return
    if spot.day is None:  # no free day near its series day (a long pause, a short cadence)
        plan.dropped.append(meeting)
        _note_shift(plan, spot)
        return
    start = at_local(community, spot.day)
    if start != meeting.starts_at:
        plan.moves.append(Move(meeting, meeting.starts_at, start))
        _note_shift(plan, spot)
    plan.places.append((meeting, spot.index, spot.series_day))


def _note_shift(plan: SeriesPlan, spot: Place) -> None:
    if spot.reason is not None and spot.day != spot.series_day:
        plan.shifts.append(Shift(spot.series_day, spot.day, spot.reason))


def decided_things(session: Session, *, meetings: list[Meeting]) -> dict[int, tuple[str, ...]]:
    """Per meeting, what people decided about it: a theme, facilitators, answers (check-ins,
    evaluations, who comes), or a date chosen by hand. The features say what of theirs was
    decided (``DecidedAbout``), one query each, whatever the number of meetings."""
    ids = [m.id for m in meetings]
    if not ids:
        return {}
    told = {
        (meeting_id, kind)
        for answer in ask(session, DecidedAbout(tuple(ids)))
        for meeting_id, kind in answer
    }
    found: dict[int, tuple[str, ...]] = {}
    for meeting in meetings:
        kinds = []
        if meeting.theme:
            kinds.append("theme")
        kinds += [kind for kind in ("facilitators", "answers") if (meeting.id, kind) in told]
        if not meeting.generated and not meeting.is_cancelled:
            kinds.append("moved_by_hand")
        if kinds:
            found[meeting.id] = tuple(kinds)
    return found


def next_number(session: Session, *, community_id: int) -> int:
    """The next free meeting number: numbers are never reused, also not a cancelled one's."""
    highest = session.scalar(
        select(func.max(Meeting.number)).where(Meeting.community_id == community_id)
    )
    return (highest or 0) + 1


def apply_plan(session: Session, *, plan: SeriesPlan, now: datetime) -> list[Meeting]:
    """Make the planned change; returns the meetings made."""
    community = plan.community
    for move in plan.moves:
        move.meeting.starts_at = move.after
        move.meeting.sequence = (move.meeting.sequence or 0) + 1
    for meeting, index, series_day in plan.places:
        meeting.slot, meeting.series_day = index, series_day
    for meeting in [m for m, _, _ in plan.places] + plan.by_hand:
        if meeting.starts_at > now and not meeting.is_cancelled:
            meeting.duration_minutes = plan.duration_minutes
    for meeting in plan.dropped:
        meeting.status = MeetingStatus.CANCELLED.value
        meeting.sequence = (meeting.sequence or 0) + 1
        # It leaves the series: should the place come back (a pause removed, a later end),
        # a new meeting is made there rather than this cancellation being undone.
        meeting.slot = None
    for meeting in plan.kept_cancelled:
        if all(meeting is not held for held, _, _ in plan.places):
            meeting.slot = None
    number = next_number(session, community_id=community.id)
    made = []
    for spot, start in plan.new:
        meeting = Meeting(
            community_id=community.id,
            number=number,
            starts_at=start,
            duration_minutes=plan.duration_minutes,
            status=MeetingStatus.PLANNED.value,
            generated=True,
            slot=spot.index,
            series_day=spot.series_day,
            created_at=now,
        )
        session.add(meeting)
        made.append(meeting)
        number += 1
    session.flush()
    return made
