"""Timed jobs are claimed a few communities at a time and run one after the other in one
session, and their work commits together: the claim takes the due jobs of the communities
whose jobs are due first, a job that is skipped or fails leaves the others of its batch to run
once, and a run stopped mid-batch hands all but the job it was running straight back."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, event, select, update
from sqlalchemy.orm import Session, sessionmaker

from bot.attendance.models import Attendance
from bot.communities.models import Community
from bot.core import RunReport
from bot.db import make_engine, make_session_factory
from bot.facilitation.models import Assignment, SwapRequest
from bot.logbook.models import LogEntry
from bot.meetings.models import Meeting, MeetingStatus
from bot.members.models import Member
from bot.messages import Message
from bot.outbox.models import Delivery
from bot.prompts.models import Prompt
from bot.timed import runner
from bot.timed.models import JobStatus, PlannedJob
from bot.timed.registry import Batch, JobCtx, executors, kinds
from bot.timed.runner import claim_jobs, run_jobs
from tests.sql import statements
from tests.test_wave_statements import MOMENT, PLATFORM, populate


class Stopped(BaseException):
    """What a process sees when it is stopped mid-job (like KeyboardInterrupt)."""


@contextmanager
def database(url: str, *, communities: int) -> Iterator[tuple[Engine, sessionmaker[Session]]]:
    """``communities`` communities whose check-in wave, rotation and digest are due at
    MOMENT."""
    engine = make_engine(url)
    try:
        factory = make_session_factory(engine)
        populate(factory, communities=communities, members=3, run="b")
        yield engine, factory
    finally:
        engine.dispose()


def run_seen(engine: Engine, factory: sessionmaker[Session]) -> tuple[RunReport, list[str]]:
    """A run of the jobs due at MOMENT, and the statements it sent."""
    report = RunReport()
    with statements(engine) as seen:
        run_jobs(factory, now=MOMENT, worker="w", report=report)
    return report, seen


def jobs_by_status(factory: sessionmaker[Session]) -> dict[str, set[tuple[int, str]]]:
    """(community, kind) of the jobs due by MOMENT, by status."""
    found: dict[str, set[tuple[int, str]]] = {}
    with factory() as session:
        rows = session.execute(
            select(PlannedJob.status, PlannedJob.community_id, PlannedJob.kind).where(
                PlannedJob.due_at <= MOMENT
            )
        )
        for status, community_id, kind in rows:
            found.setdefault(status, set()).add((community_id, kind))
    return found


def test_a_claim_takes_the_due_jobs_of_the_communities_due_first(any_db_url: str) -> None:
    with database(any_db_url, communities=3) as (_engine, factory):
        with factory() as session:
            # The communities of the two oldest due jobs: every due job of theirs.
            first = claim_jobs(session, now=MOMENT, worker="w", stamp=MOMENT, communities=2)
            claimed = jobs_by_status(factory)[JobStatus.RUNNING.value]
            # Then one community at a time, in smaller batches, until nothing is left.
            batches = []
            while batch := claim_jobs(
                session, now=MOMENT, worker="w", stamp=MOMENT, size=2, communities=1
            ):
                batches.append(batch)
        assert claimed == {(job.community_id, job.kind) for job in first}
        assert len({job.community_id for job in first}) == 2
        assert {job.kind for job in first} == {"checkin_prompt", "rotation", "digest"}
        assert len(first) == 6
        for batch in [first, *batches]:
            # Oldest first, as they would have run one by one.
            assert [(j.due_at, j.id) for j in batch] == sorted((j.due_at, j.id) for j in batch)
        for batch in batches:
            assert len({job.community_id for job in batch}) == 1
        # The third community's jobs, two and then one.
        assert [len(b) for b in batches] == [2, 1]
        assert batches[0][0].kind == "rotation"  # due a day early: the oldest
        taken = [job.id for batch in [first, *batches] for job in batch]
        assert len(taken) == len(set(taken)) == 9


def test_one_claim_takes_a_whole_wave_of_a_few_communities(any_db_url: str) -> None:
    with database(any_db_url, communities=3) as (_engine, factory), factory() as session:
        claimed = claim_jobs(session, now=MOMENT, worker="w", stamp=MOMENT)
        assert len(claimed) == 9 and len({job.community_id for job in claimed}) == 3
        assert not claim_jobs(session, now=MOMENT, worker="w", stamp=MOMENT)


def test_a_skipped_job_leaves_the_rest_of_its_batch_to_run(any_db_url: str) -> None:
    with database(any_db_url, communities=2) as (_engine, factory):
        with factory() as session:
            # Cancelled behind the planner's back: its check-in and rotation still wait.
            cancelled = session.scalars(select(Meeting).order_by(Meeting.id)).first()
            assert cancelled is not None
            session.execute(
                update(Meeting)
                .where(Meeting.id == cancelled.id)
                .values(status=MeetingStatus.CANCELLED.value)
            )
            session.commit()
        report = RunReport()
        run_jobs(factory, now=MOMENT, worker="w", report=report)
        assert (report.jobs_done, report.jobs_skipped, report.jobs_failed) == (4, 2, 0)
        statuses = jobs_by_status(factory)
        community = cancelled.community_id
        assert {k for c, k in statuses[JobStatus.SKIPPED.value]} == {"checkin_prompt", "rotation"}
        assert {c for c, _ in statuses[JobStatus.SKIPPED.value]} == {community}
        # The digest of that community ran after its skipped jobs were rolled back.
        assert (community, "digest") in statuses[JobStatus.DONE.value]
        with factory() as session:
            keys = session.scalars(
                select(Delivery.key).where(Delivery.community_id == community)
            ).all()
        assert keys and all(key.startswith("digest:") for key in keys), keys


def test_a_claim_s_jobs_commit_together(any_db_url: str) -> None:
    with database(any_db_url, communities=2) as (engine, factory):
        transactions: list[list[str]] = [[]]

        def executed(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
            transactions[-1].append(statement)

        def committed(_conn: Any) -> None:
            transactions.append([])

        event.listen(engine, "before_cursor_execute", executed)
        event.listen(engine, "commit", committed)
        try:
            report = RunReport()
            run_jobs(factory, now=MOMENT, worker="w", report=report)
        finally:
            event.remove(engine, "before_cursor_execute", executed)
            event.remove(engine, "commit", committed)
        assert report.jobs_done == 6
        # One transaction, and in it one statement, queued the six jobs' messages.
        queued = [t for t in transactions if any("INSERT INTO deliveries" in s for s in t)]
        assert len(queued) == 1
        assert sum("INSERT INTO deliveries" in s for s in queued[0]) == 1
        with factory() as session:
            rows = session.execute(select(Delivery.key, Delivery.community_id)).all()
        kinds_queued = {(key.split(":")[0], community) for key, community in rows}
        assert len(kinds_queued) == 6  # check-in, rotation and digest of both communities
        assert {kind for kind, _ in kinds_queued} == {"checkin", "rotation", "digest"}


def test_a_job_that_fails_after_writing_is_rolled_back_alone(
    any_db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    rotation = kinds()["rotation"]
    failed: list[int] = []

    def rotate_then_fail(ctx: JobCtx) -> None:
        rotation.run(ctx)  # the facilitators are written
        if not failed:
            failed.append(ctx.community.id)
        if ctx.community.id == failed[0]:  # that community's rotation, every time it runs
            raise RuntimeError("the rotation failed after writing")

    monkeypatch.setattr(runner, "executors", lambda: executors() | {"rotation": rotate_then_fail})
    with database(any_db_url, communities=2) as (_engine, factory):
        report = RunReport()
        run_jobs(factory, now=MOMENT, worker="w", report=report)
        assert (report.jobs_done, report.jobs_skipped, report.jobs_failed) == (5, 0, 1)
        [community] = failed
        with factory() as session:
            retried = session.execute(
                select(PlannedJob.community_id, PlannedJob.kind, PlannedJob.attempts).where(
                    PlannedJob.status == JobStatus.PLANNED.value, PlannedJob.note.is_not(None)
                )
            ).all()
            assert retried == [(community, "rotation", 1)]  # tried again in a few minutes
            assigned = session.scalars(select(Assignment.community_id)).all()
            keys = session.scalars(select(Delivery.key)).all()
        # Its facilitators went with it; the other community's stand, and every other job's
        # messages were queued once.
        assert community not in assigned and len(assigned) == 2
        assert keys and len(keys) == len(set(keys))
        assert not any(key.startswith(f"rotation:{community}:") for key in keys)


def test_the_digests_of_a_claim_share_their_reads_and_each_shows_its_own(
    any_db_url: str,
) -> None:
    with database(any_db_url, communities=2) as (engine, factory):
        with factory() as session:
            first, second = session.scalars(select(Community).order_by(Community.id)).all()
            first.lang = second.lang = "en"
            day = MOMENT - timedelta(days=1)
            bob = session.scalars(
                select(Member).where(Member.community_id == first.id).order_by(Member.id)
            ).all()[1]
            session.add_all(
                [
                    LogEntry(
                        community_id=first.id, kind="success", text="Ran the pilot", created_at=day
                    ),
                    LogEntry(community_id=first.id, kind="log", text="Read it", created_at=day),
                    # The second community's last digest ran after both failures below.
                    PlannedJob(
                        key=f"digest:old:{second.id}",
                        community_id=second.id,
                        kind="digest",
                        due_at=MOMENT - timedelta(minutes=20),
                        status=JobStatus.DONE.value,
                        finished_at=MOMENT - timedelta(minutes=10),
                    ),
                ]
            )
            # Bob's intake stalled: the first community's digest reminds him, once.
            session.add(
                Prompt(
                    community_id=first.id,
                    member_id=bob.id,
                    kind="intake",
                    step=1,
                    created_at=MOMENT - timedelta(days=5),
                )
            )
            for community in (first, second):
                member = bob if community is first else None
                session.add(
                    Delivery(
                        key=f"failed:{community.id}",
                        community_id=community.id,
                        member_id=member.id if member else None,
                        platform=PLATFORM,
                        recipient=member.user_id if member else "C0",
                        to_channel=member is None,
                        payload={"blocks": []},
                        status="permanent",
                        claimed_at=MOMENT - timedelta(minutes=30),
                    )
                )
            session.commit()
            first_id, second_id, bob_id = first.id, second.id, bob.id
        _report, seen = run_seen(engine, factory)
        # One read of the logbook, of the previous digests, of the messages that failed and
        # of the intakes for both.
        assert sum("FROM log_entries" in s for s in seen) == 1
        assert sum("max(planned_jobs.finished_at)" in s for s in seen) == 1
        assert sum(s.startswith("SELECT deliveries.community_id") for s in seen) == 1
        assert sum("prompts.community_id IN" in s for s in seen) == 1
        with factory() as session:
            digests = {
                community_id: Message.from_dict(payload).text
                for key, community_id, payload in session.execute(
                    select(Delivery.key, Delivery.community_id, Delivery.payload)
                )
                if key.startswith("digest:") and not key.startswith("digest:old")
            }
        assert "Logbook entries this week: 2" in digests[first_id]
        assert "Ran the pilot" in digests[first_id]
        assert "Could not reach" in digests[first_id]  # since the community began
        assert "Logbook entries this week: 0" in digests[second_id]
        assert "Could not reach" not in digests[second_id]  # before its last digest
        with factory() as session:
            reminders = session.scalars(
                select(Delivery.key).where(Delivery.key.startswith("intake_reminder:"))
            ).all()
        assert reminders == [f"intake_reminder:{bob_id}"]


def test_a_run_stopped_mid_claim_hands_back_all_but_the_job_it_was_running(
    any_db_url: str,
) -> None:
    with database(any_db_url, communities=1) as (engine, factory):
        with factory() as session:
            batch = [j.kind for j in claim_jobs(session, now=MOMENT, worker="probe", stamp=MOMENT)]
            session.execute(
                update(PlannedJob)
                .where(PlannedJob.status == JobStatus.RUNNING.value)
                .values(status=JobStatus.PLANNED.value, claimed_by=None, claimed_at=None)
            )
            session.commit()
        assert len(batch) == 3
        # The process stops while the second job of the batch writes.
        second = {"checkin_prompt": "INSERT INTO prompts", "rotation": "INSERT INTO facilitator"}
        marker = second.get(batch[1], "SELECT buddy_groups.meeting_id")

        def stop(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
            if statement.startswith(marker):
                raise Stopped

        event.listen(engine, "before_cursor_execute", stop)
        try:
            with pytest.raises(Stopped):
                run_jobs(factory, now=MOMENT, worker="a", report=RunReport())
        finally:
            event.remove(engine, "before_cursor_execute", stop)
        statuses = jobs_by_status(factory)
        # The claim's jobs commit together, so nothing is done: the one stopped mid-way
        # waits for its lease, the others are due again at once.
        assert JobStatus.DONE.value not in statuses
        assert {k for _, k in statuses[JobStatus.RUNNING.value]} == {batch[1]}
        assert {k for _, k in statuses[JobStatus.PLANNED.value]} == {batch[0], batch[2]}
        with factory() as session:
            assert session.scalars(select(Delivery.key)).all() == []
        report = RunReport()
        run_jobs(factory, now=MOMENT, worker="b", report=report)
        assert report.jobs_done == 2
        assert {k for _, k in jobs_by_status(factory)[JobStatus.DONE.value]} == {
            batch[0],
            batch[2],
        }


def test_a_claim_s_rotations_read_turns_and_absences_once_and_a_second_job_sees_the_first(
    any_db_url: str,
) -> None:
    with database(any_db_url, communities=2) as (engine, factory):
        with factory() as session:
            first, second = session.scalars(select(Community).order_by(Community.id)).all()
            meetings = {
                m.community_id: m for m in session.scalars(select(Meeting).order_by(Meeting.id))
            }
            away = session.scalars(
                select(Member).where(Member.community_id == second.id).order_by(Member.id)
            ).first()
            assert away is not None
            # Someone of the second community will not come; the first community's brief is
            # due with its rotation (a worker back after a while): both choose its pair.
            session.add(
                Attendance(
                    community_id=second.id,
                    meeting_id=meetings[second.id].id,
                    member_id=away.id,
                    intent="no",
                )
            )
            session.add(
                PlannedJob(
                    key=f"brief:test:{first.id}",
                    community_id=first.id,
                    meeting_id=meetings[first.id].id,
                    kind="facilitator_brief",
                    due_at=MOMENT,
                )
            )
            session.commit()
            first_id, second_id, away_id = first.id, second.id, away.id
        report, seen = run_seen(engine, factory)
        # All seven jobs in one transaction: the second job of the first community found the
        # pair the first chose, instead of choosing one more.
        assert (report.jobs_done, report.jobs_skipped, report.jobs_failed) == (7, 0, 0)
        assert sum(s.startswith("INSERT INTO deliveries") for s in seen) == 1
        # The turns: once for the claim, once more for the first community's second job.
        assert sum(s.startswith("SELECT facilitator_assignments.id") for s in seen) == 2
        # Who will not come: once for the claim (the brief reads its own head count).
        assert sum(s.startswith("SELECT attendance.community_id") for s in seen) == 1
        with factory() as session:
            assigned = session.execute(
                select(Assignment.community_id, Assignment.member_id, Assignment.status)
            ).all()
        per_community = {c: [m for cc, m, _ in assigned if cc == c] for c in (first_id, second_id)}
        assert len(per_community[first_id]) == 2 and len(per_community[second_id]) == 2
        assert {status for _, _, status in assigned} == {"assigned"}
        assert away_id not in per_community[second_id]


def test_what_a_job_takes_for_its_claim_is_handed_out_once_per_community() -> None:
    asked: list[set[int]] = []

    def read(ids: set[int]) -> dict[int, str]:
        asked.append(set(ids))
        return {i: f"read {len(asked)}" for i in ids if i != 3}

    batch = Batch(community_ids=[1, 2, 3])
    assert batch.take_for_claim("t", community_id=2, read=read) == "read 1"
    assert batch.take_for_claim("t", community_id=1, read=read) == "read 1"
    assert batch.take_for_claim("t", community_id=3, read=read) is None  # nothing of its own
    # A second job of a community gets it read again, for that community alone.
    assert batch.take_for_claim("t", community_id=2, read=read) == "read 2"
    assert asked == [{1, 2, 3}, {2}]
    # Once the claim's jobs run one by one, each reads its own.
    alone = Batch(community_ids=[1, 2, 3], together=False)
    assert alone.take_for_claim("t", community_id=1, read=read) == "read 3"
    assert asked[-1] == {1}
    batch.forget()
    assert batch.take_for_claim("t", community_id=2, read=read) == "read 4"
    assert asked[-1] == {1, 2, 3}


def test_a_claim_s_rotations_expire_the_swaps_pending_and_touch_no_others(
    any_db_url: str,
) -> None:
    with database(any_db_url, communities=2) as (engine, factory):
        with factory() as session:
            first = session.scalars(select(Community).order_by(Community.id)).first()
            assert first is not None
            meeting = session.scalars(select(Meeting).where(Meeting.community_id == first.id)).one()
            ann, bob, cas = session.scalars(
                select(Member).where(Member.community_id == first.id).order_by(Member.id)
            ).all()
            # Bob facilitates and asked Cas to take his turn; then he went away until after
            # the meeting, so the rotation gives his turn to someone else.
            session.add_all(
                [
                    Assignment(
                        community_id=first.id,
                        meeting_id=meeting.id,
                        role="content",
                        member_id=bob.id,
                        status="assigned",
                        created_at=MOMENT - timedelta(days=2),
                    ),
                    SwapRequest(
                        community_id=first.id,
                        meeting_id=meeting.id,
                        role="content",
                        from_member_id=bob.id,
                        to_member_id=cas.id,
                        status="pending",
                        created_at=MOMENT - timedelta(days=1),
                    ),
                ]
            )
            bob.status, bob.paused_until = "paused", (MOMENT + timedelta(days=30)).date()
            session.commit()
            first_id = first.id
        report, seen = run_seen(engine, factory)
        assert (report.jobs_done, report.jobs_skipped, report.jobs_failed) == (6, 0, 0)
        # The pending swaps of both communities read once; only the first's expired.
        assert sum(s.startswith("SELECT DISTINCT facilitator_swaps") for s in seen) == 1
        assert sum(s.startswith("UPDATE facilitator_swaps") for s in seen) == 1
        with factory() as session:
            assert session.scalars(select(SwapRequest.status)).all() == ["expired"]
            assigned = session.scalars(
                select(Assignment.member_id).where(
                    Assignment.community_id == first_id, Assignment.status == "assigned"
                )
            ).all()
        assert sorted(assigned) == sorted([ann.id, cas.id])
