"""Inputs that arrive together are stored together (``adapters.delivery.Journal``): fifty at
once cost a few commits, each input still gets its own receipt, a repeat is recognised also
inside one batch, and one input the database cannot take fails alone."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import event, func, select

from adapters.delivery import Journal
from bot.core import Core
from bot.db import make_engine, make_session_factory
from bot.journal.models import InboundItem


@pytest.fixture
def core(any_db_url: str) -> Iterator[Core]:
    engine = make_engine(any_db_url)
    yield Core(session_factory=make_session_factory(engine))
    engine.dispose()


def commits_of(core: Core) -> list[int]:
    engine = core.session_factory.kw["bind"]
    seen: list[int] = []
    event.listen(engine, "commit", lambda _conn: seen.append(1))
    return seen


def stored(core: Core) -> int:
    with core.session_factory() as session:
        return session.scalar(select(func.count(InboundItem.id))) or 0


def test_fifty_at_once_are_stored_in_a_few_commits(core: Core) -> None:
    commits = commits_of(core)

    async def fifty() -> list[int | None]:
        journal = Journal(core)
        try:
            return await asyncio.gather(
                *(journal.record("slack", f"event-{n}", {"n": n}) for n in range(50))
            )
        finally:
            journal.close()

    receipts = asyncio.run(fifty())
    assert all(isinstance(r, int) for r in receipts)
    assert len(set(receipts)) == 50
    # The first input is stored alone; the 49 that arrived meanwhile, together.
    assert len(commits) <= 3, len(commits)
    assert stored(core) == 50


def test_a_repeat_is_recognised_before_and_within_a_batch(core: Core) -> None:
    async def twice() -> tuple[list[int | None], list[int | None]]:
        journal = Journal(core)
        try:
            first = await asyncio.gather(journal.record("slack", "event-1", {"n": 1}))
            second = await asyncio.gather(
                journal.record("slack", "event-1", {"n": 1}),  # Slack's retry
                journal.record("slack", "event-2", {"n": 2}),
                journal.record("slack", "event-2", {"n": 2}),  # its retry, in the same batch
                journal.record("teams", "event-2", {"n": 2}),  # another platform's own key
                journal.record("slack", None, {"n": 3}),  # no key: always new
                journal.record("slack", None, {"n": 3}),
            )
            return list(first), list(second)
        finally:
            journal.close()

    first, second = asyncio.run(twice())
    assert isinstance(first[0], int)
    assert second[0] is None
    assert isinstance(second[1], int) and second[2] is None
    assert isinstance(second[3], int) and second[3] != second[1]
    assert isinstance(second[4], int) and isinstance(second[5], int)
    assert stored(core) == 5


def test_one_input_the_database_refuses_fails_alone(core: Core) -> None:
    async def mixed() -> list[int | BaseException | None]:
        journal = Journal(core)
        try:
            await journal.record("slack", "warm", {})
            found = await asyncio.gather(
                journal.record("slack", "good-1", {"n": 1}),
                journal.record("slack", "bad", {"n": object()}),  # not JSON
                journal.record("slack", "good-2", {"n": 2}),
                return_exceptions=True,
            )
            return list(found)
        finally:
            journal.close()

    good, bad, also_good = asyncio.run(mixed())
    assert isinstance(good, int) and isinstance(also_good, int)
    assert isinstance(bad, Exception)
    assert stored(core) == 3


def test_on_postgresql_an_input_commits_with_its_insert(postgres_url: str) -> None:
    # An acknowledgement waits for the input's storing: one round trip (the INSERT commits by
    # itself), not three (BEGIN, INSERT, COMMIT). The connection goes back to the pool as it
    # came: the next unit of work on it is a transaction that can be rolled back.
    engine = make_engine(postgres_url, pool_size=1, max_overflow=0)
    core = Core(session_factory=make_session_factory(engine))
    after_insert: list[str] = []

    def status(conn: Any, *_: Any) -> None:
        after_insert.append(conn.connection.driver_connection.info.transaction_status.name)

    event.listen(engine, "after_cursor_execute", status)
    try:
        assert isinstance(core.record("slack", "event-1", {"n": 1}), int)
        assert after_insert == ["IDLE"]  # committed already: no transaction was open
        event.remove(engine, "after_cursor_execute", status)
        with core.session_factory() as session:
            session.add(InboundItem(platform="slack", key="undone", payload={}, status="pending"))
            session.flush()
            session.rollback()
        assert stored(core) == 1
    finally:
        engine.dispose()


def test_on_postgresql_a_batch_larger_than_one_statement_stays_one_transaction(
    postgres_url: str,
) -> None:
    # SQLAlchemy sends a batch past its page size as several INSERTs: those must not commit
    # one by one, so such a batch keeps its transaction.
    engine = make_engine(postgres_url)
    core = Core(session_factory=make_session_factory(engine))
    page = engine.dialect.insertmanyvalues_page_size
    statuses: list[str] = []
    event.listen(
        engine,
        "after_cursor_execute",
        lambda conn, *_: statuses.append(
            conn.connection.driver_connection.info.transaction_status.name
        ),
    )
    try:
        receipts = core.record_many([("slack", f"e-{n}", {"n": n}) for n in range(page + 1)])
        assert len(set(receipts)) == page + 1
        assert statuses and set(statuses) == {"INTRANS"}
    finally:
        engine.dispose()


def test_on_postgresql_a_done_mark_on_its_own_commits_with_its_update(postgres_url: str) -> None:
    # An input that needed no unit of work of its own (a Home tab view) is marked done in one
    # round trip too, and the mark holds.
    engine = make_engine(postgres_url, pool_size=1, max_overflow=0)
    core = Core(session_factory=make_session_factory(engine))
    receipt = core.record("slack", "home-1", {"type": "app_home_opened"})
    statuses: list[str] = []

    def status(conn: Any, *_: Any) -> None:
        statuses.append(conn.connection.driver_connection.info.transaction_status.name)

    event.listen(engine, "after_cursor_execute", status)
    try:
        core.finish(receipt)
        assert statuses == ["IDLE"]
        event.remove(engine, "after_cursor_execute", status)
        with core.session_factory() as session:
            assert session.get(InboundItem, receipt).status == "done"  # type: ignore[union-attr]
    finally:
        engine.dispose()
