"""Tick bench: what one scheduler tick costs over many communities.

The data is bench.fanout's: N communities of M members, each with one meeting three days
ahead, planned with ``replan``. Then ``scheduler.jobs.tick`` (the function APScheduler calls
every ``COPBOT_TICK_SECONDS``) runs with a fixed clock, into a RecordingSender:

- idle: nothing is due, the price every tick pays between events (the median of many ticks);
- wave: the check-in wave, the first rotation and the weekly digest of every community are
  due at once; one tick runs all of it;
- idle after: nothing due again, now with the wave's done jobs and sent deliveries in the
  tables.

SQL statements are counted with a ``before_cursor_execute`` listener (BEGIN and COMMIT are not
statements it sees). An idle tick should cost
a fixed few statements whatever the number of communities; the wave a fixed few per
community plus a fixed few per message.

    python -m bench.tick                   # 1,000 x 20 on SQLite (COPBOT_BENCH_COMMUNITIES)
    COPBOT_BENCH_POSTGRES_URL=postgresql+psycopg://... python -m bench.tick   # also PostgreSQL
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from bench.fanout import (
    MOMENT,
    PLATFORM,
    TZ,
    StatementCounter,
    plan_all,
    populated,
    postgres_database,
    sqlite_url,
)
from bot.core import Core, RunReport
from bot.outbox.sender import RecordingSender
from scheduler.jobs import tick

# Two days before the wave: before every row's due time (the rotation is due a day early).
IDLE_AT = MOMENT - timedelta(days=2)
AFTER_AT = MOMENT + timedelta(minutes=1)
IDLE_TICKS = 25


@dataclass
class Idle:
    median_ms: float
    max_ms: float
    statements: int  # per tick


@dataclass
class TickResult:
    label: str
    communities: int
    members: int
    setup_s: float
    idle: Idle
    wave_s: float
    wave_statements: int
    send_statements: int  # of which claiming and recording sends
    report: RunReport
    messages: int
    after: Idle

    def lines(self) -> list[str]:
        n, sent = self.communities, max(self.messages, 1)
        r = self.report
        return [
            f"{self.label}: {n} communities x {self.members} members (set-up {self.setup_s:.1f} s)",
            f"  idle tick        {self.idle.median_ms:8.1f} ms median ({self.idle.max_ms:.1f} max)"
            f"  {self.idle.statements} statements/tick",
            f"  wave tick        {self.wave_s * 1000:8.0f} ms  {self.wave_statements} statements"
            f" = {self.wave_statements / n:.1f}/community",
            f"                   of which sending {self.send_statements / sent:.2f}/message, "
            f"the jobs {(self.wave_statements - self.send_statements) / n:.1f}/community",
            f"                   {r.jobs_done} jobs done, {r.jobs_skipped} skipped, "
            f"{r.jobs_failed} failed; {self.messages} messages "
            f"({self.messages / max(self.wave_s, 1e-9):,.0f}/s)",
            f"  idle after wave  {self.after.median_ms:8.1f} ms median ({self.after.max_ms:.1f} max)"
            f"  {self.after.statements} statements/tick",
        ]


def idle_ticks(core: Core, counter: StatementCounter, clock: list[datetime]) -> Idle:
    times: list[float] = []
    statements: set[int] = set()
    for _ in range(IDLE_TICKS):
        with counter.measure() as seen:
            t0 = time.perf_counter()
            report = tick(core)
            times.append(time.perf_counter() - t0)
        assert report.jobs_done == report.delivery.sent == 0, "an idle tick found work"
        statements.add(seen[0])
        clock[0] += timedelta(seconds=1)
    return Idle(
        median_ms=statistics.median(times) * 1000,
        max_ms=max(times) * 1000,
        statements=max(statements),
    )


def scenario(url: str, *, label: str, communities: int, members: int) -> TickResult:
    started = time.perf_counter()
    with populated(url, communities=communities, members=members) as (engine, factory):
        plan_all(factory)
        setup_s = time.perf_counter() - started
        counter = StatementCounter(engine)
        sender = RecordingSender()
        clock = [IDLE_AT]
        core = Core(
            session_factory=factory,
            clock=lambda: clock[0],
            senders={PLATFORM: sender},
            deliver_inline=False,
            worker_id="bench",
        )
        idle = idle_ticks(core, counter, clock)
        clock[0] = MOMENT
        # The sending half of the tick: the outbox's claims and outcomes are the only UPDATEs
        # of ``deliveries`` (the jobs only INSERT into it).
        sends = StatementCounter(engine, starting="UPDATE deliveries")
        with counter.measure() as wave:
            t0 = time.perf_counter()
            report = tick(core)
            wave_s = time.perf_counter() - t0
        sends.stop()
        clock[0] = AFTER_AT
        after = idle_ticks(core, counter, clock)
        return TickResult(
            label=label,
            communities=communities,
            members=members,
            setup_s=setup_s,
            idle=idle,
            wave_s=wave_s,
            wave_statements=wave[0],
            send_statements=sends.count,
            report=report,
            messages=len(sender.sent),
            after=after,
        )


def main() -> None:
    communities = int(os.environ.get("COPBOT_BENCH_COMMUNITIES", "1000"))
    members = 20
    wave_at = MOMENT.astimezone(TZ).strftime("%a %Y-%m-%d %H:%M %Z")
    print(
        f"Wave at {wave_at} (check-in wave, rotation, digest); idle two days before and a "
        f"minute after; {IDLE_TICKS} idle ticks each."
    )
    with tempfile.TemporaryDirectory(prefix="copbot-bench-") as folder:
        result = scenario(
            sqlite_url(Path(folder), "tick"),
            label="SQLite",
            communities=communities,
            members=members,
        )
        print("\n".join(result.lines()), flush=True)
    pg = os.environ.get("COPBOT_BENCH_POSTGRES_URL")
    if pg:
        with postgres_database(pg) as url:
            result = scenario(url, label="PostgreSQL", communities=communities, members=members)
        print("\n".join(result.lines()), flush=True)
    else:
        print("(set COPBOT_BENCH_POSTGRES_URL to run the same on PostgreSQL)")


if __name__ == "__main__":
    main()
