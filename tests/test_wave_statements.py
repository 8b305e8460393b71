"""The due wave of many communities costs a fixed number of SQL statements per community and
per message: planning, the timed jobs (check-in wave, rotation, digest) and the deliveries.

Twice the communities cost exactly twice the statements of the jobs, and more members per
community cost the jobs none more (no N+1 on the fan-out paths); sending costs one statement
per message plus one claim per batch of CLAIM_BATCH."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, event, insert, select
from sqlalchemy.orm import Session, sessionmaker

from bot.communities.models import Community
from bot.core import Core, RunReport
from bot.db import make_engine, make_session_factory
from bot.meetings.models import Meeting, MeetingStatus
from bot.members.models import Member, Role, Status
from bot.outbox.delivery import CLAIM_BATCH
from bot.outbox.sender import RecordingSender
from bot.places.models import CommunityPlace
from bot.timed.planner import replan
from bot.timed.runner import run_jobs

PLATFORM = "wave"
# Monday 09:00 in Amsterdam: the weekly digest is due, and a Thursday 09:00 meeting gets its
# check-in now and its facilitators a day before.
MOMENT = datetime(2027, 3, 1, 9, 0, tzinfo=ZoneInfo("Europe/Amsterdam")).astimezone(UTC)
BEFORE = MOMENT - timedelta(hours=1)
# The check-in wave, the rotation and the digest of a few communities, claimed together: one
# claim, the communities, their meetings, members and places read once for all of them, each
# job's own reads (the digest's facilitators among the members), the targets its messages go
# to read once; the messages of the claim's jobs queued in one statement, their next
# occurrences planned in one, and their done-marks, with the attempt counted, in one. The
# digest reads the experiments once, and its previous run and the logbook's week with the
# claim's other digests.
JOB_STATEMENTS_PER_COMMUNITY = 10


def populate(factory: sessionmaker[Session], *, communities: int, members: int, run: str) -> None:
    """``communities`` communities of ``members`` members on one database, told apart from
    other runs' by ``run`` (the jobs and messages of earlier runs are done by then)."""
    with factory() as session:
        ids = []
        for i in range(communities):
            community = Community(
                name=f"Wave CoP {i}",
                created_at=BEFORE,
                lang="nl" if i % 2 else "en",
                tz="Europe/Amsterdam",
                start_date=date(2027, 3, 4),
            )
            session.add(community)
            session.flush()
            ids.append(community.id)
        # Each community lives in one channel, its home place.
        session.execute(
            insert(CommunityPlace),
            [
                {
                    "community_id": cid,
                    "number": 1,
                    "platform": PLATFORM,
                    "channel_id": f"C{run}{i:04d}",
                    "home": True,
                    "linked_at": BEFORE,
                }
                for i, cid in enumerate(ids)
            ],
        )
        session.execute(
            insert(Member),
            [
                {
                    "community_id": cid,
                    "platform": PLATFORM,
                    "user_id": f"U{run}{cid:04d}{j:03d}",
                    "display_name": f"Member {j} of {cid}",
                    "role": Role.ORGANISER.value if j == 0 else Role.PARTICIPANT.value,
                    "status": Status.ACTIVE.value,
                    "in_core_group": j < 4,
                    "joined_at": BEFORE - timedelta(days=30),
                    "organisation": f"Organisation {j % 4}",
                }
                for cid in ids
                for j in range(members)
            ],
        )
        session.execute(
            insert(Meeting),
            [
                {
                    "community_id": cid,
                    "number": 1,
                    "starts_at": MOMENT + timedelta(days=3),
                    "duration_minutes": 120,
                    "status": MeetingStatus.PLANNED.value,
                    "generated": True,
                    "created_at": BEFORE,
                }
                for cid in ids
            ],
        )
        for community in session.scalars(select(Community).where(Community.id.in_(ids))):
            replan(session, community=community, now=BEFORE)
        session.commit()


@contextmanager
def counting(engine: Engine) -> Iterator[list[str]]:
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def wave(url: str, *, communities: int, members: int, run: str) -> tuple[int, int, int]:
    """(statements of the jobs, statements of the deliveries, messages sent) of one wave."""
    engine = make_engine(url)
    try:
        factory = make_session_factory(engine)
        populate(factory, communities=communities, members=members, run=run)
        sender = RecordingSender()
        core = Core(session_factory=factory, senders={PLATFORM: sender}, worker_id="test")
        report = RunReport()
        with counting(engine) as jobs:
            run_jobs(factory, now=MOMENT, worker="test", report=report)
        assert report.jobs_done == 3 * communities and not report.jobs_failed, report
        with counting(engine) as deliveries:
            delivered = core.deliver(MOMENT)
        assert delivered.sent == len(sender.sent) > 0
        return len(jobs), len(deliveries), delivered.sent
    finally:
        engine.dispose()


def test_statements_per_community_stay_constant_as_communities_grow(any_db_url: str) -> None:
    small = wave(any_db_url, communities=2, members=6, run="a")
    large = wave(any_db_url, communities=4, members=6, run="b")
    larger = wave(any_db_url, communities=6, members=6, run="c")
    # The jobs: the same statements for each community added, however many there are, and
    # no more than the three jobs need (was 59 while each lookup read its own rows again,
    # 42 while the digest read its facilitators again, 40 while each job was claimed and
    # read its community, meeting, members, places and targets on its own, 30 while the
    # rotation and the digest read the meetings again, 28 while a claim took one community,
    # 22 while a wave read who was asked before opening the prompts, 21 while the digest
    # counted the logbook's entries and the experiments apart, 19 while each job wrote its
    # done-mark, 16 while each job queued its messages and planned its next occurrence, 12
    # while each digest read its previous run and its logbook's week).
    assert large[0] - small[0] == larger[0] - large[0] > 0, (small, large, larger)
    assert (large[0] - small[0]) / 2 <= JOB_STATEMENTS_PER_COMMUNITY, (small, large)
    assert large[2] - small[2] == larger[2] - large[2]
    crowded = wave(any_db_url, communities=2, members=12, run="d")
    # More members: not one statement more for the jobs.
    assert crowded[0] == small[0], (small, crowded)
    postgres = any_db_url.startswith("postgresql")
    for _jobs, deliveries, sent in (small, large, larger, crowded):
        # One statement per message for its outcome, one claim per batch (on PostgreSQL with
        # the SET LOCALs that make it durable and read the due index in order), the empty
        # claims that end the run (stale
        # rows, due rows), withdrawing messages to people who left, and on PostgreSQL the
        # SET and RESET of synchronous_commit around the run.
        claims = -(-sent // CLAIM_BATCH) + 2
        fixed = 1 + (2 if postgres else 0)
        assert deliveries <= sent + claims * (3 if postgres else 1) + fixed, (deliveries, sent)
