"""Plan a community's timed work as rows, anchored to its meetings.

``replan`` is called after every change to the schedule or the settings: it adds missing
rows, moves planned ones whose meeting moved, and cancels the ones no longer wanted. Rows
that already ran are never touched, so moving a meeting never repeats a prompt.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.communities.models import Community
from bot.meetings.models import Meeting, MeetingStatus
from bot.outbox.service import cancel_for_meetings
from bot.sqlutil import insert_ignoring_duplicates
from bot.timed.models import JobStatus, PlannedJob

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Spec:
    key: str
    kind: str
    due_at: datetime
    expires_at: datetime | None
    meeting_id: int | None = None


def shift(moment: datetime, delta: timedelta, *, zone: ZoneInfo) -> datetime:
    """``moment`` moved by ``delta``: whole days on the community's calendar, the rest as
    elapsed time.

    Three days before a 14:00 meeting is 14:00 local, also when the clocks change in between.
    Fifteen minutes before a meeting is fifteen real minutes, also in the night the clocks
    change: on the wall clock it could land in the skipped hour (and come out *after* the
    meeting) or in the repeated one (and come out an hour early).
    """
    whole_days = timedelta(days=abs(delta).days)
    days = whole_days if delta >= timedelta(0) else -whole_days
    rest = delta - days
    if days:
        local = moment.astimezone(zone).replace(tzinfo=None) + days
        moment = local.replace(tzinfo=zone)
    # In UTC: arithmetic on a zoned datetime would be wall-clock arithmetic again.
    return moment.astimezone(UTC) + rest


def evaluation_window(community: Community, meeting: Meeting) -> tuple[datetime, datetime]:
    """When the evaluation of ``meeting`` is asked and when it closes."""
    zone = ZoneInfo(community.tz)
    asked = shift(meeting.ends_at, timedelta(minutes=community.evaluation_after_min), zone=zone)
    closes = shift(asked, timedelta(minutes=community.evaluation_window_min), zone=zone)
    return asked, closes


def meeting_specs(
    community: Community, meeting: Meeting, prev: Meeting | None, nxt: Meeting | None
) -> list[Spec]:
    """The timeline around one meeting. Every time is relative to the meeting itself."""
    start, end, mid = meeting.starts_at, meeting.ends_at, meeting.id
    zone = ZoneInfo(community.tz)

    def minutes(value: int) -> timedelta:
        return timedelta(minutes=value)

    checkin_at = shift(start, -minutes(community.checkin_before_min), zone=zone)
    reminder_at = shift(checkin_at, minutes(community.reminder_after_min), zone=zone)
    evaluation_at, close_at = evaluation_window(community, meeting)
    brief_at = shift(start, -minutes(community.brief_before_min), zone=zone)
    # Facilitators are chosen when the previous meeting ends, so they have the whole cycle
    # to prepare; the first meeting gets its pair a day before its check-in.
    rotation_at = (
        prev.ends_at if prev is not None else shift(checkin_at, -timedelta(days=1), zone=zone)
    )
    specs = [
        Spec(f"rotation:{mid}", "rotation", min(rotation_at, checkin_at), start, mid),
        Spec(f"checkin:{mid}", "checkin_prompt", checkin_at, start, mid),
        Spec(f"brief:{mid}", "facilitator_brief", brief_at, start, mid),
        Spec(f"held:{mid}", "meeting_held", end, None, mid),
        Spec(f"evaluation:{mid}", "evaluation_prompt", evaluation_at, close_at, mid),
        Spec(f"evaluation_close:{mid}", "evaluation_close", close_at, None, mid),
    ]
    if reminder_at < start:
        specs.append(Spec(f"checkin_reminder:{mid}", "checkin_reminder", reminder_at, start, mid))
    if nxt is not None:
        specs.append(Spec(f"pairing:{mid}", "buddy_pairing", end, nxt.starts_at, mid))
        midpoint = end + (nxt.starts_at - end) / 2
        specs.append(Spec(f"nudge:{mid}", "buddy_nudge", midpoint, nxt.starts_at, mid))
    return specs


def next_digest_at(community: Community, *, now: datetime) -> datetime:
    """The next digest moment at the community's weekday and wall-clock time, in its zone.

    Computed on the local calendar, so it stays at 09:00 local across DST changes.
    """
    zone = ZoneInfo(community.tz)
    local_now = now.astimezone(zone)
    hour, minute = (int(x) for x in community.digest_time.split(":"))
    days_ahead = (community.digest_weekday - local_now.weekday()) % 7
    day = local_now.date() + timedelta(days=days_ahead)
    candidate = datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)
    if candidate <= local_now:
        day += timedelta(days=7)
        candidate = datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)
    return candidate.astimezone(ZoneInfo("UTC"))


def digest_spec(community: Community, *, now: datetime) -> Spec:
    due = next_digest_at(community, now=now)
    local_day = due.astimezone(ZoneInfo(community.tz)).date().isoformat()
    return Spec(f"digest:{community.id}:{local_day}", "digest", due, due + timedelta(days=1))


# Every this many meetings members are asked how their learning goal is going, two days
# after the meeting (after the evaluation has closed its busiest days).
GOAL_EVERY = 3
GOAL_AFTER = timedelta(days=2)


def goal_spec(community: Community, meeting: Meeting, nxt: Meeting) -> Spec:
    due = shift(meeting.ends_at, GOAL_AFTER, zone=ZoneInfo(community.tz))
    return Spec(f"goal:{meeting.id}", "goal_checkin", due, nxt.starts_at, meeting.id)


def community_specs(community: Community, meetings: list[Meeting], *, now: datetime) -> list[Spec]:
    active = sorted(
        (m for m in meetings if m.status != MeetingStatus.CANCELLED.value),
        key=lambda m: m.starts_at,
    )
    specs: list[Spec] = [digest_spec(community, now=now)]
    for index, meeting in enumerate(active):
        prev = active[index - 1] if index > 0 else None
        nxt = active[index + 1] if index + 1 < len(active) else None
        specs.extend(meeting_specs(community, meeting, prev, nxt))
        if nxt is not None and (index + 1) % GOAL_EVERY == 0:
            specs.append(goal_spec(community, meeting, nxt))
    return specs


def replan(session: Session, *, community: Community, now: datetime) -> None:
    """Bring the community's planned rows in line with its meetings and settings."""
    meetings = list(session.scalars(select(Meeting).where(Meeting.community_id == community.id)))
    apply_specs(
        session, community=community, specs=community_specs(community, meetings, now=now), now=now
    )
    # A cancelled meeting's prompts may already sit in the outbox (held back by quiet hours).
    cancel_for_meetings(session, meeting_ids=[m.id for m in meetings if m.is_cancelled])


def apply_specs(
    session: Session, *, community: Community, specs: list[Spec], now: datetime
) -> None:
    wanted = {spec.key: spec for spec in specs}
    existing = {
        job.key: job
        for job in session.scalars(
            select(PlannedJob).where(
                PlannedJob.community_id == community.id,
                PlannedJob.status.in_([JobStatus.PLANNED.value, JobStatus.CANCELLED.value]),
            )
        )
    }
    for key, job in existing.items():
        spec = wanted.get(key)
        if spec is None:
            if job.status == JobStatus.PLANNED.value and not _due_digest(job, now=now):
                job.status = JobStatus.CANCELLED.value
                job.finished_at = now
            continue
        if job.status == JobStatus.CANCELLED.value:
            job.status = JobStatus.PLANNED.value  # a cancelled meeting brought back
            job.finished_at = None
        if job.due_at != spec.due_at or job.expires_at != spec.expires_at:
            job.due_at, job.expires_at = spec.due_at, spec.expires_at
    plan_new(
        session,
        community_id=community.id,
        specs=[spec for key, spec in wanted.items() if key not in existing],
        now=now,
    )
    session.flush()


def plan_new(session: Session, *, community_id: int, specs: list[Spec], now: datetime) -> None:
    """Add a planned row for each spec in one statement. Keys that already have a row,
    including ones that ran (done/skipped), are left alone by the insert: never twice."""
    rows = [
        {
            "key": spec.key,
            "community_id": community_id,
            "meeting_id": spec.meeting_id,
            "kind": spec.kind,
            "due_at": spec.due_at,
            "expires_at": spec.expires_at,
            "status": JobStatus.PLANNED.value,
            "attempts": 0,
            "created_at": now,
        }
        for spec in specs
    ]
    insert_ignoring_duplicates(session, PlannedJob.__table__, rows, unique=("key",))  # type: ignore[arg-type]


def _due_digest(job: PlannedJob, *, now: datetime) -> bool:
    """A digest whose moment has come but that no tick has run yet. The planner only looks
    ahead (``next_digest_at`` is after ``now``), so without this a replan seconds after the
    moment (someone leaves, an organiser edits a setting) or while the scheduler is down
    would cancel this week's digest. The runner sends it, or skips it once it is stale."""
    return (
        job.kind == "digest"
        and job.due_at <= now
        and (job.expires_at is None or now < job.expires_at)
    )
