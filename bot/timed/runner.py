"""``run_jobs``: claim due planned jobs atomically and execute each exactly once.

Jobs are claimed a few communities at a time, by one UPDATE of the rows it picks (with ``FOR
UPDATE SKIP LOCKED`` on PostgreSQL), and the claim's jobs' effects (their state changes, the
messages they queue, their 'done' marks) commit in one transaction. When one of them is
skipped or fails, that is rolled back and each job runs again in a transaction of its own. So
a job runs once even with several workers, and a crash mid-claim leaves its jobs to be taken
over after ``RUNNING_LEASE`` with nothing half-done.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime, timedelta
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy import Executable, Table, Update, and_, bindparam, select, update
from sqlalchemy.orm import Session, sessionmaker

from bot.communities.models import Community
from bot.communities.service import communities_by_ids, community_by_id
from bot.db import bookkeeping, statements_commit_alone
from bot.meetings.models import Meeting
from bot.outbox.service import delivery_rows, enqueue, queue_rows
from bot.sqlutil import picked_once, supports_skip_locked, table_of
from bot.timed.models import JobStatus, PlannedJob
from bot.timed.planner import job_rows, plan_rows
from bot.timed.registry import Batch, Job, JobCtx, Skip, executors, kinds

if TYPE_CHECKING:
    from bot.core import RunReport

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
# A job claimed by a worker that died is taken over after this lease. Jobs only queue
# messages (sending happens in the outbox), so none comes near it while its worker lives.
RUNNING_LEASE = timedelta(minutes=15)


_JOBS: Table = table_of(PlannedJob)


# Due jobs claimed per statement: those of the communities of the oldest due jobs (at most
# CLAIM_COMMUNITIES). A community's wave, rotation and digest fall due together, and the jobs
# of a claim run one after the other in one session, which reads the communities, their
# meetings, members and places once for all of them (``Batch``). A worker killed outright
# leaves at most CLAIM_BATCH jobs waiting for ``RUNNING_LEASE``; an interrupted run hands the
# claim's jobs straight back, all but the one it was running (they commit together).
CLAIM_BATCH = 30
CLAIM_COMMUNITIES = 8


@cache
def _claim(*, stale: bool, skip_locked: bool) -> Executable:
    """The claim of ``claim_jobs``, built once per kind and on the table's columns: building
    it on every claim cost more than running it, and loading the claimed rows as ORM
    objects cost as much again. Parameters: ``now`` or ``stale_before``, ``size``,
    ``communities``, ``worker`` and ``stamp``."""
    rows = _JOBS.c
    claimable = (
        and_(
            rows.status == JobStatus.RUNNING.value,
            rows.claimed_at < bindparam("stale_before"),
        )
        if stale
        else and_(rows.status == JobStatus.PLANNED.value, rows.due_at <= bindparam("now"))
    )
    oldest = (
        select(rows.community_id)
        .where(claimable)
        .order_by(rows.due_at)
        .limit(bindparam("communities"))
    )
    if skip_locked:
        # The oldest jobs' rows stay locked by this claim, so they are among the candidates
        # whatever another worker claims meanwhile: a claim comes back empty only when
        # nothing is left to claim.
        oldest = oldest.with_for_update(skip_locked=True)
    candidates = (
        select(rows.id)
        .where(rows.community_id.in_(oldest.scalar_subquery()), claimable)
        .order_by(rows.due_at)
        .limit(bindparam("size"))
    )
    if skip_locked:
        candidates = picked_once(candidates.with_for_update(skip_locked=True))
    # The rows picked are the rows updated, and two workers never share a job: on PostgreSQL
    # they stay locked from the moment they are picked (and are checked again when locked);
    # SQLite runs the statement under the database's write lock from its start. Repeating
    # the predicate in the UPDATE made both read every due row again, from the (status,
    # due_at) index, to find the few picked.
    return (
        update(_JOBS)
        .where(rows.id.in_(candidates))
        .values(
            status=JobStatus.RUNNING.value,
            claimed_by=bindparam("worker"),
            claimed_at=bindparam("stamp"),
        )
        .returning(
            rows.id,
            rows.key,
            rows.kind,
            rows.community_id,
            rows.meeting_id,
            rows.due_at,
            rows.expires_at,
        )
    )


def claim_jobs(
    session: Session,
    *,
    now: datetime,
    worker: str,
    stamp: datetime,
    stale: bool = False,
    size: int = CLAIM_BATCH,
    communities: int = CLAIM_COMMUNITIES,
) -> list[Job]:
    """Atomically take the due jobs (at most ``size``) of the communities of the ``communities``
    jobs due first, oldest first; an empty list when nothing is due. With ``stale``, the jobs a
    stopped worker left running instead (their lease has run out). The jobs come back as
    the claim's RETURNING gave them: they run in the same session without reading their
    rows again.

    Due and stale jobs are separate statements so each is one range of the ``(status,
    due_at)`` index in the order wanted; an OR of the two made the database gather and sort
    every due job for every claim. Ordered by due_at alone: an id tie-break made PostgreSQL
    sort all jobs of one moment for every claim.
    """
    claim = _claim(stale=stale, skip_locked=supports_skip_locked(session))
    params: dict[str, Any] = {
        "worker": worker,
        "stamp": stamp,
        "size": size,
        "communities": communities,
    }
    params |= {"stale_before": now - RUNNING_LEASE} if stale else {"now": now}
    rows = session.execute(claim, params).all()
    session.commit()
    return sorted((Job(*row) for row in rows), key=lambda job: (job.due_at, job.id))


@cache
def _ended(*, noted: bool) -> Update:
    """How a job that ran (or was skipped in its own transaction) ends: its status, when,
    the attempt counted, and with ``noted`` why. Built once on the table's columns: the
    ORM's unit of work flushing the changed object cost more than the statement.
    Parameters: ``job_id``, ``status``, ``finished_at`` (and ``note``)."""
    rows = _JOBS.c
    values: dict[str, Any] = {
        "status": bindparam("status"),
        "attempts": rows.attempts + 1,
        "finished_at": bindparam("finished_at"),
    }
    if noted:
        values["note"] = bindparam("note")
    return update(_JOBS).where(rows.id == bindparam("job_id")).values(values)


@cache
def _all_done() -> Update:
    """The done-marks of jobs that ran together, as ``_ended`` writes one. Parameters:
    ``job_ids`` (expanding) and ``finished_at``."""
    rows = _JOBS.c
    return (
        update(_JOBS)
        .where(rows.id.in_(bindparam("job_ids", expanding=True)))
        .values(
            status=JobStatus.DONE.value,
            attempts=rows.attempts + 1,
            finished_at=bindparam("finished_at"),
        )
    )


def _end_all(session: Session, job_ids: list[int], *, now: datetime) -> None:
    if job_ids:
        session.execute(_all_done(), {"job_ids": job_ids, "finished_at": now})


def _end(
    session: Session, job: Job, status: JobStatus, *, now: datetime, note: str | None = None
) -> None:
    params: dict[str, Any] = {"job_id": job.id, "status": status.value, "finished_at": now}
    if note is not None:
        params["note"] = note
    session.execute(_ended(noted=note is not None), params)


def run_jobs(
    factory: sessionmaker[Session], *, now: datetime, worker: str, report: RunReport
) -> None:
    """Run every due job. Their commits (claims, and each job's effects with the messages it
    queued and its done-mark) do not wait for the disk (``bot.db.bookkeeping``): one the
    database server loses in a crash runs the job again, and the idempotency keys of its
    messages keep what was queued once from being queued twice."""
    with bookkeeping(factory) as relaxed:
        _run_all(relaxed, now=now, worker=worker, report=report)


def _run_all(
    factory: sessionmaker[Session], *, now: datetime, worker: str, report: RunReport
) -> None:
    started = time.monotonic()
    # Jobs a stopped worker left running first (rare, and the oldest work), then the due ones.
    # ``now`` is fixed for the run, so no job becomes stale while it lasts.
    stale = True
    while True:
        stamp = now + timedelta(seconds=time.monotonic() - started)
        with factory() as session:
            # The claim is one statement: on PostgreSQL it commits by itself, in one round trip.
            with statements_commit_alone(factory.kw.get("bind")):
                jobs = claim_jobs(session, now=now, worker=worker, stamp=stamp, stale=stale)
            if not jobs:
                if stale:
                    stale = False
                    continue
                return
            # Read once for the claim, and held: the session keeps only what is referenced,
            # and hands back what it holds without a query.
            ids = list(dict.fromkeys(job.community_id for job in jobs))
            communities = {c.id: c for c in communities_by_ids(session, community_ids=ids)}
            batch = Batch(community_ids=ids)
            if len(jobs) > 1 and _run_together(
                session, jobs=jobs, communities=communities, batch=batch, now=now, report=report
            ):
                continue
            # A job alone, or one of the claim's was skipped or failed and their work is
            # rolled back: each job runs (again) in a transaction of its own, so that one
            # alone is skipped or counted as failed.
            batch.together = False
            for index, job in enumerate(jobs):
                community = communities.get(job.community_id)
                meeting = _meeting_of(session, job, batch=batch)
                try:
                    _run_one(
                        factory,
                        session,
                        job=job,
                        community=community,
                        meeting=meeting,
                        batch=batch,
                        now=now,
                        report=report,
                    )
                except BaseException:
                    # Interrupted (shutdown, the database gone): the jobs not started go
                    # back to be claimed at once, not after the lease.
                    _hand_back(session, [j.id for j in jobs[index + 1 :]])
                    raise


def _run_together(
    session: Session,
    *,
    jobs: list[Job],
    communities: dict[int, Community],
    batch: Batch,
    now: datetime,
    report: RunReport,
) -> bool:
    """Run the claim's jobs, just claimed in ``session``, in one transaction: their effects,
    the messages they queue and their done-marks (one statement for all) commit together.
    A transaction of its own cost each job about 0.3 ms of CPU, the worker's and the
    database server's together, and a done-mark each another 0.2 ms. False, with all of it
    rolled back, when a job is skipped by its executor or fails: the caller then runs them
    one by one. An interrupted run hands back the jobs but the one it was running."""
    done: list[Job] = []
    skipped: list[tuple[Job, Unrunnable]] = []
    # The claim's messages and next occurrences, each inserted in one statement at the end:
    # no job of a claim reads the outbox's or the plan's rows another one adds.
    queued: list[dict[str, Any]] = []
    planned: list[dict[str, Any]] = []
    running = jobs[0].id
    try:
        for job in jobs:
            running = job.id
            community = communities.get(job.community_id)
            why = _not_runnable(job, community=community, now=now)
            if why is None:
                assert community is not None  # else it is not runnable
                jctx = JobCtx(
                    session=session,
                    now=now,
                    job=job,
                    community=community,
                    meeting=_meeting_of(session, job, batch=batch),
                    batch=batch,
                )
                executors()[job.kind](jctx)
                queued += delivery_rows(
                    session,
                    items=jctx.outgoing,
                    now=now,
                    meeting_id=job.meeting_id,
                    known=batch.known,
                )
                done.append(job)
            else:
                _end(session, job, JobStatus.SKIPPED, now=now, note=why.note)
                skipped.append((job, why))
            planned += _next_rows(kind=job.kind, due_at=job.due_at, community=community, now=now)
        queue_rows(session, queued)
        plan_rows(session, planned)
        _end_all(session, [job.id for job in done], now=now)
        session.commit()
    except Exception as exc:  # Skip as well: its job alone is to be skipped
        session.rollback()
        batch.forget()
        logger.debug("the claim's %d jobs run one by one: %r", len(jobs), exc)
        return False
    except BaseException:
        _hand_back(session, [j.id for j in jobs if j.id != running])
        raise
    report.jobs_done += len(done)
    report.jobs_skipped += len(skipped)
    for job, why in skipped:
        logger.log(why.level, "skipped %s: %s", job.key, why.said)
    return True


class Unrunnable(NamedTuple):
    """Why a job is skipped without running: the note on its row, what the log says, and
    how loudly. An overdue job is what downtime leaves; the others should not happen."""

    note: str
    said: str
    level: int


def _not_runnable(job: Job, *, community: Community | None, now: datetime) -> Unrunnable | None:
    if job.expires_at is not None and now > job.expires_at:
        overdue = f"overdue past {job.expires_at.isoformat()}"
        return Unrunnable("expired: too late to be useful", overdue, logging.INFO)
    if job.kind not in executors():
        note = f"no executor for {job.kind}"
        return Unrunnable(note, note, logging.WARNING)
    if community is None:
        return Unrunnable("community gone", "community gone", logging.WARNING)
    return None


def _meeting_of(session: Session, job: Job, *, batch: Batch) -> Meeting | None:
    """The job's meeting, from the community's meetings the batch reads once (None: a job of
    no meeting, or its meeting deleted since it was planned)."""
    if job.meeting_id is None:
        return None
    meetings = batch.meetings_of(session, community_id=job.community_id)
    return next((m for m in meetings if m.id == job.meeting_id), None)


def _hand_back(session: Session, job_ids: list[int]) -> None:
    """Best effort: ``job_ids``, claimed and not started, planned again (in ``session``,
    whose interrupted job is rolled back first). When the database is away they are taken
    over after ``RUNNING_LEASE``."""
    if not job_ids:
        return
    try:
        session.rollback()
        session.execute(
            update(PlannedJob)
            .where(PlannedJob.id.in_(job_ids), PlannedJob.status == JobStatus.RUNNING.value)
            .values(status=JobStatus.PLANNED.value, claimed_by=None, claimed_at=None)
            .execution_options(synchronize_session=False)
        )
        session.commit()
    except Exception as exc:  # the database is away: what the run raises says so
        logger.warning("%d claimed jobs wait for their lease: %s", len(job_ids), exc)


def _run_one(
    factory: sessionmaker[Session],
    session: Session,
    *,
    job: Job,
    community: Community | None,
    meeting: Meeting | None,
    batch: Batch,
    now: datetime,
    report: RunReport,
) -> None:
    """Run ``job``, just claimed in ``session`` (its claim committed), in a transaction of
    its own; failures are written in sessions of their own from ``factory``. ``community``
    and ``meeting`` are the job's, read in ``session`` (a rolled-back job before this one
    left them to be read again when used)."""
    # The attempt is counted with the job's outcome, in the UPDATE that writes it (a
    # separate one before the work cost a statement per job); a job that fails or is
    # skipped rolls it back, as it always did, and ``_fail`` counts it.
    why = _not_runnable(job, community=community, now=now)
    if why is not None:
        _end(session, job, JobStatus.SKIPPED, now=now, note=why.note)
        logger.log(why.level, "skipped %s: %s", job.key, why.said)
        report.jobs_skipped += 1
        _plan_next(session, kind=job.kind, due_at=job.due_at, community=community, now=now)
        session.commit()
        return
    assert community is not None  # else it is not runnable
    executor = executors()[job.kind]
    jctx = JobCtx(
        session=session, now=now, job=job, community=community, meeting=meeting, batch=batch
    )
    try:
        executor(jctx)
        enqueue(session, items=jctx.outgoing, now=now, meeting_id=job.meeting_id, known=batch.known)
        _end(session, job, JobStatus.DONE, now=now)
        _plan_next(session, kind=job.kind, due_at=job.due_at, community=community, now=now)
        report.jobs_done += 1
        session.commit()
    except Skip as exc:
        session.rollback()
        batch.forget()
        _finish(factory, job.id, JobStatus.SKIPPED, now=now, note=str(exc))
        logger.info("skipped %s: %s", job.key, exc)
        report.jobs_skipped += 1
    except Exception as exc:
        session.rollback()
        batch.forget()
        logger.exception("job %s failed", job.key)
        _fail(factory, job.id, now=now, error=repr(exc))
        report.jobs_failed += 1


def _plan_next(
    session: Session, *, kind: str, due_at: datetime, community: Community | None, now: datetime
) -> None:
    """Recurring work (a kind planned ``every``) plans its next occurrence when one finishes:
    the weekly digest is one row per week, so a digest missed during downtime never stops
    the following ones."""
    plan_rows(session, _next_rows(kind=kind, due_at=due_at, community=community, now=now))


def _next_rows(
    *, kind: str, due_at: datetime, community: Community | None, now: datetime
) -> list[dict[str, Any]]:
    """The planned row of the next occurrence of recurring work (none for other work)."""
    timed = kinds().get(kind)
    if timed is None or timed.every is None or community is None:
        return []
    spec = timed.every(community, max(now, due_at))
    return job_rows(community_id=community.id, specs=[spec], now=now)


def _finish(
    factory: sessionmaker[Session], job_id: int, status: JobStatus, *, now: datetime, note: str
) -> None:
    with factory() as session:
        job = session.get(PlannedJob, job_id)
        if job is not None:
            job.status, job.finished_at, job.note = status.value, now, note[:1000]
            _plan_next(
                session,
                kind=job.kind,
                due_at=job.due_at,
                community=community_by_id(session, community_id=job.community_id),
                now=now,
            )
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
            _plan_next(
                session,
                kind=job.kind,
                due_at=job.due_at,
                community=community_by_id(session, community_id=job.community_id),
                now=now,
            )
        else:
            # Retry soon, but never past the moment the work stops making sense.
            job.status = JobStatus.PLANNED.value
            job.due_at = now + timedelta(minutes=5 * job.attempts)
        session.commit()
