"""Plan a community's timed work as rows, anchored to its meetings, by the rules the slices
declare with their timed kinds (``bot.timed.registry.TimedKind``).

``replan`` is called after every change to the schedule or the settings: it adds missing
rows, moves planned ones whose meeting moved, and cancels the ones no longer wanted. Rows
that already ran are never touched, so moving a meeting never repeats a prompt.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Session, sessionmaker

from bot.communities.models import Community
from bot.communities.service import all_community_ids, communities_by_ids
from bot.meetings.models import Meeting, MeetingStatus
from bot.meetings.service import meetings_by_community
from bot.outbox.service import cancel_for_meetings
from bot.sqlutil import by_community, insert_ignoring_duplicates, table_of
from bot.timed.around import Around, Spec
from bot.timed.models import JobStatus, PlannedJob
from bot.timed.registry import kinds

logger = logging.getLogger(__name__)


def community_specs(community: Community, meetings: list[Meeting], *, now: datetime) -> list[Spec]:
    """Every row the slices' rules want for the community: the recurring ones' next
    occurrence, then around each meeting that takes place, in the order of the slices."""
    active = sorted(
        (m for m in meetings if m.status != MeetingStatus.CANCELLED.value),
        key=lambda m: m.starts_at,
    )
    declared = list(kinds().values())
    specs = [kind.every(community, now) for kind in declared if kind.every is not None]
    for index, meeting in enumerate(active):
        around = Around(
            community=community,
            meeting=meeting,
            prev=active[index - 1] if index > 0 else None,
            next=active[index + 1] if index + 1 < len(active) else None,
            number=index + 1,
            series=active,
        )
        for kind in declared:
            spec = kind.around_meeting(around) if kind.around_meeting is not None else None
            if spec is not None:
                specs.append(spec)
    return specs


def replan(session: Session, *, community: Community, now: datetime) -> None:
    """Bring the community's planned rows in line with its meetings and settings."""
    replan_all(session, communities=[community], now=now)


def replan_all(session: Session, *, communities: Sequence[Community], now: datetime) -> None:
    """``replan`` of several communities in the statements of one: their meetings and open
    rows read together, their new rows inserted together."""
    ids = [community.id for community in communities]
    meetings = meetings_by_community(session, community_ids=ids)
    existing = by_community(session, _open_jobs(), community_ids=ids)
    rows: list[dict[str, Any]] = []
    for community in communities:
        specs = community_specs(community, meetings[community.id], now=now)
        rows += _apply(community, specs=specs, existing=existing[community.id], now=now)
    plan_rows(session, rows)
    session.flush()
    # A cancelled meeting's prompts may already sit in the outbox (held back by quiet hours).
    cancel_for_meetings(
        session, meeting_ids=[m.id for i in ids for m in meetings[i] if m.is_cancelled]
    )


def replan_every_community(
    factory: sessionmaker[Session], *, now: datetime, chunk: int = 200
) -> int:
    """``replan_all`` of every community, ``chunk`` at a time, each chunk in a transaction of
    its own; how many were planned. A release whose slices plan new work, or plan it
    otherwise, brings the communities there with it (``copbot migrate``): a community is
    otherwise replanned only when its schedule or settings change."""
    with factory() as session:
        ids = all_community_ids(session)
    for start in range(0, len(ids), chunk):
        with factory() as session:
            communities = communities_by_ids(session, community_ids=ids[start : start + chunk])
            replan_all(session, communities=communities, now=now)
            session.commit()
    return len(ids)


def _apply(
    community: Community, *, specs: list[Spec], existing: list[PlannedJob], now: datetime
) -> list[dict[str, Any]]:
    """Bring the community's open rows (``existing``) in line with ``specs``; the rows of the
    specs that have none yet, to be inserted."""
    wanted = {spec.key: spec for spec in specs}
    have = {job.key: job for job in existing}
    for key, job in have.items():
        spec = wanted.get(key)
        if spec is None:
            if job.status == JobStatus.PLANNED.value and not _due_recurring(job, now=now):
                job.status = JobStatus.CANCELLED.value
                job.finished_at = now
            continue
        if job.status == JobStatus.CANCELLED.value:
            job.status = JobStatus.PLANNED.value  # a cancelled meeting brought back
            job.finished_at = None
        if job.due_at != spec.due_at or job.expires_at != spec.expires_at:
            job.due_at, job.expires_at = spec.due_at, spec.expires_at
    new = [spec for key, spec in wanted.items() if key not in have]
    return job_rows(community_id=community.id, specs=new, now=now)


@cache
def _open_jobs() -> Select[PlannedJob]:
    # Built once: every schedule edit replans, and building the expression took 45 us of the
    # 1 ms or so a community's planning takes.
    return select(PlannedJob).where(
        PlannedJob.community_id.in_(bindparam("community_ids", expanding=True)),
        PlannedJob.status.in_([JobStatus.PLANNED.value, JobStatus.CANCELLED.value]),
    )


def plan_new(session: Session, *, community_id: int, specs: list[Spec], now: datetime) -> None:
    """Add a planned row for each spec in one statement. Keys that already have a row,
    including ones that ran (done/skipped), are left alone by the insert: never twice."""
    plan_rows(session, job_rows(community_id=community_id, specs=specs, now=now))


def plan_rows(session: Session, rows: list[dict[str, Any]]) -> None:
    """Insert the rows ``job_rows`` made, of one community or several, in one statement."""
    insert_ignoring_duplicates(session, table_of(PlannedJob), rows, unique=("key",))


def job_rows(*, community_id: int, specs: list[Spec], now: datetime) -> list[dict[str, Any]]:
    """The planned rows of ``specs``, as ``plan_new`` adds them."""
    return [
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


def _due_recurring(job: PlannedJob, *, now: datetime) -> bool:
    """Recurring work (the weekly digest) whose moment has come but that no tick has run
    yet. Its rule only looks ahead (the next digest is after ``now``), so without this a
    replan seconds after the moment (someone leaves, an organiser edits a setting) or while
    the scheduler is down would cancel this week's digest. The runner sends it, or skips it
    once it is stale."""
    kind = kinds().get(job.kind)
    return (
        kind is not None
        and kind.every is not None
        and job.due_at <= now
        and (job.expires_at is None or now < job.expires_at)
    )
