"""Fan-out bench: plan and run one moment's due work for many communities at once.

It fills a fresh database (migrated through Alembic) with N communities of M members, each
with one meeting three days ahead, so that at one moment T the check-in wave, the first
rotation and the weekly digest are all due. Then it measures ``replan`` for every community
and ``run_due(T)`` into a RecordingSender: time, messages, SQL statements per community
(counted with a ``before_cursor_execute`` listener) and peak Python memory (tracemalloc).

Statements per community should not grow with the number of members (no N+1 on fan-out
paths); deliveries cost a fixed few statements per message. Figures are printed, not asserted.

    python -m bench.fanout                      # 1,000 x 20, then 25 x 20 vs 25 x 80 traced
    COPBOT_BENCH_POSTGRES_URL=postgresql+psycopg://... python -m bench.fanout   # also PostgreSQL
"""

from __future__ import annotations

import os
import tempfile
import time
import tracemalloc
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, create_engine, event, insert, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from bot.communities.models import Community
from bot.core import Core, RunReport
from bot.db import make_engine, make_session_factory
from bot.meetings.models import Meeting, MeetingStatus
from bot.members.models import Member, Role, Status
from bot.outbox.sender import RecordingSender
from bot.places.models import CommunityPlace
from bot.timed.planner import replan, replan_every_community
from bot.timed.runner import run_jobs
from copbot.migrate import upgrade

PLATFORM = "bench"
TZ = ZoneInfo("Europe/Amsterdam")
# Monday 09:00 local: the digest is due, and a Thursday 09:00 meeting gets its check-in now.
MOMENT = datetime(2027, 3, 1, 9, 0, tzinfo=TZ).astimezone(UTC)
PLANNED_AT = MOMENT - timedelta(hours=1)
CHUNK = 5_000  # rows per bulk INSERT
TRACED = 25  # communities in the traced (memory) runs


@dataclass
class Result:
    label: str
    communities: int
    members: int
    setup_s: float
    plan_s: float
    plan_statements: int
    jobs_s: float
    job_statements: int
    deliver_s: float
    deliver_statements: int
    report: RunReport
    messages: int
    peak_mb: float | None

    def lines(self) -> list[str]:
        n = self.communities
        sent = max(self.messages, 1)
        peak = f"{self.peak_mb:.1f} MB" if self.peak_mb is not None else "not traced"
        return [
            f"{self.label}: {n} communities x {self.members} members (setup {self.setup_s:.1f} s)",
            f"  plan (replan each)   {self.plan_s:7.2f} s  {self.plan_statements / n:6.1f} statements/community",
            f"  run due jobs         {self.jobs_s:7.2f} s  {self.job_statements / n:6.1f} statements/community"
            f"  ({self.report.jobs_done} done, {self.report.jobs_skipped} skipped, {self.report.jobs_failed} failed)",
            f"  deliver              {self.deliver_s:7.2f} s  {self.deliver_statements / sent:6.2f} statements/message"
            f"  ({self.messages} messages, {self.messages / max(self.deliver_s, 1e-9):,.0f}/s)",
            f"  total due-work time  {self.jobs_s + self.deliver_s:7.2f} s  peak Python memory {peak}",
        ]


class StatementCounter:
    """Counts every SQL statement the engine sends (executemany counts once), or only those
    that start with ``starting``."""

    def __init__(self, engine: Engine, *, starting: str = "") -> None:
        self.engine = engine
        self.starting = starting
        self.count = 0
        event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, _conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if statement.startswith(self.starting):
            self.count += 1

    def stop(self) -> None:
        event.remove(self.engine, "before_cursor_execute", self._seen)

    @contextmanager
    def measure(self) -> Iterator[list[int]]:
        box = [0]
        start = self.count
        try:
            yield box
        finally:
            box[0] = self.count - start


def populate(factory: sessionmaker[Session], *, communities: int, members: int) -> None:
    """Bulk rows straight into the tables: set-up is not what this bench measures."""
    meeting_at = MOMENT + timedelta(days=3)
    with factory() as session:
        session.execute(
            insert(Community),
            [
                {
                    "name": f"Bench CoP {i}",
                    "created_at": PLANNED_AT,
                    "lang": "nl" if i % 2 else "en",
                    "tz": "Europe/Amsterdam",
                    "start_date": date(2027, 3, 4),
                    "quiet_hours": "22:00-07:00",
                }
                for i in range(communities)
            ],
        )
        ids = list(session.scalars(select(Community.id).order_by(Community.id)))
        session.execute(
            insert(CommunityPlace),
            [
                {
                    "community_id": cid,
                    "number": 1,
                    "platform": PLATFORM,
                    "channel_id": f"C{cid:06d}",
                    "home": True,
                    "linked_at": PLANNED_AT,
                }
                for cid in ids
            ],
        )
        rows = [
            {
                "community_id": cid,
                "platform": PLATFORM,
                "user_id": f"U{cid:06d}{j:03d}",
                "display_name": f"Member {j} of {cid}",
                "role": Role.ORGANISER.value if j == 0 else Role.PARTICIPANT.value,
                "status": Status.ACTIVE.value,
                "in_core_group": j < 4,
                "joined_at": PLANNED_AT - timedelta(days=30),
                "organisation": f"Organisation {j % 8}",
            }
            for cid in ids
            for j in range(members)
        ]
        for start in range(0, len(rows), CHUNK):
            session.execute(insert(Member), rows[start : start + CHUNK])
        session.execute(
            insert(Meeting),
            [
                {
                    "community_id": cid,
                    "number": 1,
                    "starts_at": meeting_at,
                    "duration_minutes": 120,
                    "status": MeetingStatus.PLANNED.value,
                    "generated": True,
                    "created_at": PLANNED_AT,
                }
                for cid in ids
            ],
        )
        session.commit()


@contextmanager
def populated(
    url: str, *, communities: int, members: int
) -> Iterator[tuple[Engine, sessionmaker[Session]]]:
    """The database at ``url`` migrated through Alembic and filled by ``populate``; the engine
    is disposed of on the way out."""
    upgrade(url)
    engine = make_engine(url)
    try:
        factory = make_session_factory(engine)
        populate(factory, communities=communities, members=members)
        yield engine, factory
    finally:
        engine.dispose()


def sqlite_url(folder: Path, name: str) -> str:
    """A fresh SQLite file in ``folder``: every scenario starts from an empty database."""
    return f"sqlite:///{folder / f'{name}-{uuid.uuid4().hex[:8]}.db'}"


def plan_all(factory: sessionmaker[Session]) -> None:
    """Every community planned on its own, as a schedule edit replans its community."""
    with factory() as session:
        for community in session.scalars(select(Community).order_by(Community.id)):
            replan(session, community=community, now=PLANNED_AT)
        session.commit()


def plan_together(factory: sessionmaker[Session]) -> None:
    """Every community planned a chunk at a time, as ``copbot migrate`` replans them."""
    replan_every_community(factory, now=PLANNED_AT)


def scenario(url: str, *, label: str, communities: int, members: int, trace: bool) -> Result:
    started = time.perf_counter()
    with populated(url, communities=communities, members=members) as (engine, factory):
        setup_s = time.perf_counter() - started
        counter = StatementCounter(engine)
        sender = RecordingSender()
        core = Core(session_factory=factory, senders={PLATFORM: sender}, worker_id="bench")
        if trace:
            tracemalloc.start()
        with counter.measure() as planned:
            t0 = time.perf_counter()
            plan_all(factory)
            plan_s = time.perf_counter() - t0
        report = RunReport()
        with counter.measure() as jobs:
            t0 = time.perf_counter()
            run_jobs(factory, now=MOMENT, worker="bench", report=report)
            jobs_s = time.perf_counter() - t0
        with counter.measure() as delivered:
            t0 = time.perf_counter()
            report.delivery = core.deliver(MOMENT)
            deliver_s = time.perf_counter() - t0
        peak = None
        if trace:
            peak = tracemalloc.get_traced_memory()[1] / 1e6
            tracemalloc.stop()
        return Result(
            label=label,
            communities=communities,
            members=members,
            setup_s=setup_s,
            plan_s=plan_s,
            plan_statements=planned[0],
            jobs_s=jobs_s,
            job_statements=jobs[0],
            deliver_s=deliver_s,
            deliver_statements=delivered[0],
            report=report,
            messages=len(sender.sent),
            peak_mb=peak,
        )


def sqlite_scenario(folder: Path, **kwargs: Any) -> Result:
    return scenario(sqlite_url(folder, "fanout"), **kwargs)


@contextmanager
def postgres_database(base: str) -> Iterator[str]:
    """A private database for one scenario, dropped afterwards."""
    url = make_url(base)
    name = f"copbot_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def main() -> None:
    big = int(os.environ.get("COPBOT_BENCH_COMMUNITIES", "1000"))
    runs = [
        ("wave", big, 20, False),
        # Memory and statement counts need no thousand communities, and tracemalloc slows
        # everything down several times: the traced runs stay small.
        ("wave, traced", TRACED, 20, True),
        ("wave, traced", TRACED, 80, True),
    ]
    print(
        f"Due moment {MOMENT.astimezone(TZ):%a %Y-%m-%d %H:%M %Z}: check-in wave, rotation, digest."
    )
    print("(tracemalloc slows Python down: compare times of untraced runs only)")
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="copbot-bench-") as folder:
        for label, n, m, trace in runs:
            result = sqlite_scenario(
                Path(folder), label=f"SQLite {label}", communities=n, members=m, trace=trace
            )
            results.append(result)
            print("\n".join(result.lines()))
    pg = os.environ.get("COPBOT_BENCH_POSTGRES_URL")
    if pg:
        for label, n, m, trace in runs:
            with postgres_database(pg) as url:
                result = scenario(
                    url, label=f"PostgreSQL {label}", communities=n, members=m, trace=trace
                )
            results.append(result)
            print("\n".join(result.lines()))
    else:
        print("(set COPBOT_BENCH_POSTGRES_URL to run the same on PostgreSQL)")
    small = [r for r in results if r.communities == TRACED and r.label.startswith("SQLite")]
    if len(small) == 2:
        a, b = small
        print(
            "Statements per community as members grow "
            f"({a.members} -> {b.members}): plan {a.plan_statements / TRACED:.1f} -> "
            f"{b.plan_statements / TRACED:.1f}, jobs {a.job_statements / TRACED:.1f} -> "
            f"{b.job_statements / TRACED:.1f}; per delivered message "
            f"{a.deliver_statements / max(a.messages, 1):.2f} -> "
            f"{b.deliver_statements / max(b.messages, 1):.2f}"
        )


if __name__ == "__main__":
    main()
