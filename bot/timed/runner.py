"""``run_jobs``: claim due planned jobs atomically and execute each exactly once."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from bot.communities.models import Community
from bot.meetings.models import Meeting
from bot.outbox.service import enqueue
from bot.sqlutil import supports_skip_locked
from bot.timed.models import JobStatus, PlannedJob
from bot.timed.registry import JobCtx, Skip, executors

if TYPE_CHECKING:
    from bot.core import RunReport

logger = logging.getLogger(__name__)

BATCH = 100
MAX_ATTEMPTS = 3
# A job claimed by a worker that died is taken over after this lease.
RUNNING_LEASE = timedelta(minutes=15)


def claim_due(session: Session, *, now: datetime, worker: str, limit: int = BATCH) -> list[int]:
    due = and_(PlannedJob.status == JobStatus.PLANNED.value, PlannedJob.due_at <= now)
    stale = and_(
        PlannedJob.status == JobStatus.RUNNING.value, PlannedJob.claimed_at < now - RUNNING_LEASE
    )
    candidates = (
        select(PlannedJob.id).where(or_(due, stale)).order_by(PlannedJob.due_at, PlannedJob.id)
    ).limit(limit)
    if supports_skip_locked(session):
        candidates = candidates.with_for_update(skip_locked=True)
    ids = list(session.scalars(candidates))
    if not ids:
        session.commit()
        return []
    # Conditional UPDATE: only rows still unclaimed flip, so two workers never share one.
    claimed = session.scalars(
        update(PlannedJob)
        .where(PlannedJob.id.in_(ids), or_(due, stale))
        .values(status=JobStatus.RUNNING.value, claimed_by=worker, claimed_at=now)
        .returning(PlannedJob.id)
        .execution_options(synchronize_session=False)
    ).all()
    session.commit()
    return list(claimed)


def run_jobs(
    factory: sessionmaker[Session], *, now: datetime, worker: str, report: RunReport
) -> None:
    while True:
        with factory() as session:
            ids = claim_due(session, now=now, worker=worker)
        if not ids:
            return
        for job_id in ids:
            _run_one(factory, job_id=job_id, now=now, report=report)


def _run_one(
    factory: sessionmaker[Session], *, job_id: int, now: datetime, report: RunReport
) -> None:
    with factory() as session:
        job = session.get(PlannedJob, job_id)
        if job is None or job.status != JobStatus.RUNNING.value:
            return
        job.attempts += 1
        if job.expires_at is not None and now > job.expires_at:
            job.status, job.finished_at = JobStatus.SKIPPED.value, now
            job.note = "expired: too late to be useful"
            logger.info("skipped %s: overdue past %s", job.key, job.expires_at.isoformat())
            report.jobs_skipped += 1
            session.commit()
            return
        executor = executors().get(job.kind)
        community = session.get(Community, job.community_id)
        meeting = session.get(Meeting, job.meeting_id) if job.meeting_id is not None else None
        if executor is None or community is None:
            job.status, job.finished_at = JobStatus.SKIPPED.value, now
            job.note = f"no executor for {job.kind}" if executor is None else "community gone"
            logger.warning("skipped %s: %s", job.key, job.note)
            report.jobs_skipped += 1
            session.commit()
            return
        jctx = JobCtx(session=session, now=now, job=job, community=community, meeting=meeting)
        try:
            executor(jctx)
            enqueue(session, items=jctx.outgoing, now=now)
            job.status, job.finished_at = JobStatus.DONE.value, now
            report.jobs_done += 1
            session.commit()
        except Skip as exc:
            session.rollback()
            _finish(factory, job_id, JobStatus.SKIPPED, now=now, note=str(exc))
            logger.info("skipped %s: %s", job.key, exc)
            report.jobs_skipped += 1
        except Exception as exc:
            session.rollback()
            logger.exception("job %s failed", job.key)
            _fail(factory, job_id, now=now, error=repr(exc))
            report.jobs_failed += 1


def _finish(
    factory: sessionmaker[Session], job_id: int, status: JobStatus, *, now: datetime, note: str
) -> None:
    with factory() as session:
        job = session.get(PlannedJob, job_id)
        if job is not None:
            job.status, job.finished_at, job.note = status.value, now, note[:1000]
            session.commit()


def _fail(factory: sessionmaker[Session], job_id: int, *, now: datetime, error: str) -> None:
    with factory() as session:
        job = session.get(PlannedJob, job_id)
        if job is None:
            return
        job.attempts += 1
        job.note = error[:1000]
        if job.attempts >= MAX_ATTEMPTS:
            job.status, job.finished_at = JobStatus.FAILED.value, now
        else:
            job.status = JobStatus.PLANNED.value
            job.due_at = now + timedelta(minutes=5 * job.attempts)
        session.commit()
