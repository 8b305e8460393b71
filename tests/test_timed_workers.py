"""Workers sharing a wave of timed jobs on PostgreSQL run every job exactly once."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.core import RunReport
from bot.db import make_engine, make_session_factory
from bot.outbox.models import Delivery
from bot.timed.models import JobStatus, PlannedJob
from bot.timed.runner import run_jobs
from tests.test_wave_statements import MOMENT, populate
from tests.workers import workers_at_once


def statuses(url: str) -> dict[str, tuple[str, str | None]]:
    """Every planned job's status and claimer, by key."""
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as session:
            rows = session.execute(select(PlannedJob.key, PlannedJob.status, PlannedJob.claimed_by))
            return {key: (status, worker) for key, status, worker in rows}
    finally:
        engine.dispose()


def queued_per_job(url: str) -> Counter[str]:
    """How many messages each job queued (a delivery key begins with its job's key)."""
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as session:
            keys = session.scalars(select(Delivery.key)).all()
    finally:
        engine.dispose()
    return Counter(key.rsplit(":", 1)[0] for key in keys)


def test_workers_sharing_a_wave_on_postgres_run_every_job_exactly_once(postgres_url: str) -> None:
    engine = make_engine(postgres_url)
    try:
        # 36 jobs due at one moment for four workers.
        populate(make_session_factory(engine), communities=12, members=4, run="w")
    finally:
        engine.dispose()
    workers = 4
    reports = [RunReport() for _ in range(workers)]

    def work(index: int, factory: sessionmaker[Session]) -> None:
        run_jobs(factory, now=MOMENT, worker=f"w{index}", report=reports[index])

    workers_at_once(postgres_url, workers, work)
    due = {k: v for k, v in statuses(postgres_url).items() if v[0] != JobStatus.PLANNED.value}
    assert len(due) == 36
    assert {status for status, _ in due.values()} == {JobStatus.DONE.value}
    assert sum(r.jobs_done for r in reports) == 36 and not any(r.jobs_failed for r in reports)
    assert len({worker for _, worker in due.values()}) >= 2  # they really shared the wave
    # Each check-in wave queued its four prompts once.
    checkins = {k: n for k, n in queued_per_job(postgres_url).items() if k.startswith("checkin")}
    assert len(checkins) == 12 and set(checkins.values()) == {4}
