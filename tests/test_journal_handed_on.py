"""Inputs handed on to handling processes (``copbot serve --handlers``): stored so that the
first handler to look claims them, announced on PostgreSQL so a listening handler looks at
once, and looked for again as long as there is something to find (``DrainLoop``)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from adapters.delivery import BackgroundTasks, DrainLoop, Journal
from bot.core import PRUNE_EVERY, Core
from bot.db import make_engine, make_session_factory
from bot.journal.models import InboundItem
from bot.journal.service import KEEP, LEASE
from bot.journal.wakeup import listen
from tests.plans import sent_by_copbot

START = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def core(any_db_url: str, clock: Clock) -> Iterator[Core]:
    engine = make_engine(any_db_url)
    yield Core(session_factory=make_session_factory(engine), clock=clock)
    engine.dispose()


def attempts(core: Core) -> dict[int, int]:
    with core.session_factory() as session:
        rows = session.execute(select(InboundItem.id, InboundItem.attempts))
        return {item_id: tries for item_id, tries in rows}


def test_an_input_handed_on_is_claimed_by_the_first_look_and_only_once(core: Core) -> None:
    (own,) = core.record_many([("slack", "own", {"n": 1})])
    (handed,) = core.record_many([("slack", "handed", {"n": 2})], handed_on=True)
    assert attempts(core) == {own: 1, handed: 0}
    # The input kept by the process that stored it waits for its lease; the one handed on
    # goes to the first handler that looks, and to no other.
    assert core.cut_off("slack") == [(handed, {"n": 2})]
    assert core.cut_off("slack") == []
    assert core.cut_off("teams") == []
    assert attempts(core) == {own: 1, handed: 1}


def test_a_handed_on_input_cut_off_in_its_handler_is_handed_out_again(
    core: Core, clock: Clock
) -> None:
    (handed,) = core.record_many([("slack", "handed", {"n": 2})], handed_on=True)
    assert core.cut_off("slack") == [(handed, {"n": 2})]
    clock.now += LEASE + timedelta(seconds=1)
    assert core.cut_off("slack") == [(handed, {"n": 2})]
    core.finish(handed)
    clock.now += LEASE + timedelta(seconds=1)
    assert core.cut_off("slack") == []


def test_finished_inputs_are_pruned_at_most_once_a_minute(core: Core, clock: Clock) -> None:
    (item,) = core.record_many([("slack", "done", {})])
    core.finish(item)
    clock.now += KEEP - timedelta(seconds=30)
    core.cut_off("slack")  # pruned what was old enough: not this one yet
    assert list(attempts(core)) == [item]
    # Past its keeping time, but looked for again within the minute (a handler woken many
    # times a second): kept until the next pruning.
    clock.now += timedelta(seconds=40)
    core.cut_off("slack")
    assert list(attempts(core)) == [item]
    clock.now += PRUNE_EVERY - timedelta(seconds=40)
    core.cut_off("slack")
    assert attempts(core) == {}


def test_a_look_reads_the_pending_inputs_of_its_platform_in_order(sqlite_url: str) -> None:
    """A handler looks on every announcement, while the journal keeps a day of finished
    inputs: the claim is one range of the open index, read in its order (by (status,
    claimed_at) it read every kept input: 4 ms a look with 100,000 on PostgreSQL)."""
    engine = make_engine(sqlite_url)
    core = Core(session_factory=make_session_factory(engine), clock=Clock())
    try:
        with sent_by_copbot(engine) as sent:
            core.cut_off("slack")
        [(claim, parameters)] = [v for k, v in sent.items() if k.startswith("UPDATE inbound")]
        with engine.connect() as connection:
            plan = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {claim}", parameters).all()
    finally:
        engine.dispose()
    details = [str(row[-1]) for row in plan]
    assert [d for d in details if "USING INDEX ix_inbound_items_open" in d], details
    assert not [d for d in details if "TEMP B-TREE" in d or d.startswith("SCAN inbound")]


def test_an_announced_input_wakes_a_listening_handler(postgres_url: str) -> None:
    engine = make_engine(postgres_url)
    core = Core(session_factory=make_session_factory(engine))
    heard: asyncio.Queue[str] = asyncio.Queue()

    async def scenario() -> list[str]:
        listener = asyncio.get_running_loop().create_task(listen(postgres_url, heard.put_nowait))
        try:
            said = [await asyncio.wait_for(heard.get(), 10)]  # listening: look once
            journal = Journal(core, handed_on=True)
            try:
                receipts = await asyncio.gather(
                    journal.record("slack", "a", {"n": 1}), journal.record("slack", "b", {})
                )
                assert all(isinstance(r, int) for r in receipts)
                said.append(await asyncio.wait_for(heard.get(), 10))
                # Stored before (a retry): nothing new, nothing announced.
                assert await journal.record("slack", "a", {"n": 1}) is None
            finally:
                journal.close()
            core.announce("teams")
            said.append(await asyncio.wait_for(heard.get(), 10))
            return said
        finally:
            listener.cancel()

    try:
        # One notice for the two stored together; the retry's none comes before Teams'.
        assert asyncio.run(scenario()) == ["", "slack", "teams"]
    finally:
        engine.dispose()


def test_announcing_on_sqlite_says_nothing_and_fails_nothing(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    try:
        Core(session_factory=make_session_factory(engine)).announce("slack")
    finally:
        engine.dispose()


class Drains:
    """A drain whose passes find what the test says, one list per pass."""

    def __init__(self, *found: int) -> None:
        self.found = list(found)
        self.passes = 0
        self.during: asyncio.Event | None = None

    async def __call__(self) -> int:
        self.passes += 1
        if self.during is not None:
            self.during.set()
            self.during = None
            await asyncio.sleep(0)  # lets the test wake the loop while this pass runs
        return self.found.pop(0) if self.found else 0


def test_a_pass_that_handed_something_out_is_followed_by_another_until_one_finds_nothing() -> None:
    async def scenario() -> int:
        drains = Drains(20, 20, 3)
        tasks = BackgroundTasks()
        DrainLoop(drains, tasks=tasks, every=60, name="test").wake()
        await tasks.idle()
        return drains.passes

    assert asyncio.run(scenario()) == 4


def test_a_wake_during_a_pass_makes_another_and_a_wake_between_passes_starts_one() -> None:
    async def scenario() -> list[int]:
        drains = Drains()
        tasks = BackgroundTasks()
        loop = DrainLoop(drains, tasks=tasks, every=60, name="test")
        passes = []
        drains.during = asyncio.Event()
        loop.wake()
        await drains.during.wait()
        loop.wake()  # an input announced while the pass looked: looked for again
        loop.wake()  # twice in that time: still one more pass
        await tasks.idle()
        passes.append(drains.passes)
        loop.wake()
        await tasks.idle()
        passes.append(drains.passes)
        return passes

    assert asyncio.run(scenario()) == [2, 3]
