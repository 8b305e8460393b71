"""A check-in wave costs a constant number of SQL statements, whatever the community's size:
the wave for meeting 1 over 10 members costs what the wave for meeting 2 over 40 costs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import event

from bot.core import RunReport
from bot.timed.runner import run_jobs
from tests.harness import Harness

FIRST_CHECKIN = datetime(2027, 1, 11, 13, 0, tzinfo=UTC)  # meeting 1: 2027-01-14 14:00 local
SECOND_CHECKIN = datetime(2027, 2, 22, 13, 0, tzinfo=UTC)  # meeting 2: 2027-02-25 14:00 local


def count_statements(bot: Harness, work: Callable[[], object]) -> int:
    statements: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        statements.append(statement)

    event.listen(bot.engine, "before_cursor_execute", record)
    try:
        work()
    finally:
        event.remove(bot.engine, "before_cursor_execute", record)
    return len(statements)


def planned_wave(bot: Harness, at: datetime) -> int:
    bot.run_due(at - timedelta(minutes=1))  # everything planned before the check-in
    report = RunReport()
    count = count_statements(
        bot, lambda: run_jobs(bot.factory, now=at, worker="test", report=report)
    )
    assert report.jobs_done == 1
    return count


def facilitator_wave(bot: Harness, at: datetime) -> int:
    bot.clock.set(at - timedelta(hours=1))
    bot.core.deliver_inline = False  # count the wave, not the per-message delivery after it
    try:
        return count_statements(bot, lambda: bot.say("ann", "checkin send"))
    finally:
        bot.core.deliver_inline = True


@pytest.mark.parametrize("wave", [planned_wave, facilitator_wave])
def test_checkin_wave_statement_count_does_not_grow_with_members(
    any_bot: Harness, wave: Callable[[Harness, datetime], int]
) -> None:
    bot = any_bot
    bot.community(members=tuple(f"m{i:02d}" for i in range(9)))  # ann + 9 = 10
    small = wave(bot, FIRST_CHECKIN)
    bot.run_due(FIRST_CHECKIN + timedelta(days=5))
    for i in range(9, 39):  # 40 members
        bot.text(f"m{i:02d}", "join")
    large = wave(bot, SECOND_CHECKIN)
    bot.run_due(SECOND_CHECKIN)
    for user in ("m00", "m38"):
        asked = [m for m in bot.all_to(user) if "Check-in for meeting 2" in m.text]
        assert len(asked) == 1, user
    assert small == large, (small, large)
