"""What is durable when: an input (what a person said) commits durably before it is
acknowledged; only the bookkeeping of sending (timed jobs, delivery outcomes) commits without
waiting for the disk on PostgreSQL, and each delivery claim commits durably before its sends.

The PostgreSQL test reads ``SHOW synchronous_commit`` inside every transaction just before it
commits, on a pool of one connection, so the inputs run on the very connection the wave's
bookkeeping used before them."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, event, text

from bot.db import make_engine, make_session_factory
from tests.harness import PLATFORM, Harness

BOOKKEEPING = {"deliver_pending", "run_jobs"}


def _callers() -> set[str]:
    """The names of the functions on the current call stack."""
    names: set[str] = set()
    frame = sys._getframe(1)
    while frame is not None:
        names.add(frame.f_code.co_name)
        frame = frame.f_back  # type: ignore[assignment]
    return names


@contextmanager
def commits(engine: Engine) -> Iterator[list[tuple[str, set[str]]]]:
    """Every commit on ``engine``: (synchronous_commit in force, the functions calling it)."""
    seen: list[tuple[str, set[str]]] = []

    def before_commit(conn: Any) -> None:
        cursor = conn.connection.dbapi_connection.cursor()
        try:
            cursor.execute("SHOW synchronous_commit")
            seen.append((cursor.fetchone()[0], _callers()))
        finally:
            cursor.close()

    event.listen(engine, "commit", before_commit)
    try:
        yield seen
    finally:
        event.remove(engine, "commit", before_commit)


def harness_on_one_connection(url: str) -> Harness:
    """A test bot whose engine has a single connection: every unit of work reuses it."""
    bot = Harness(url)
    bot.engine.dispose()
    bot.engine = make_engine(url, pool_size=1, max_overflow=0, pool_timeout=10)
    bot.factory = make_session_factory(bot.engine)
    bot.core.session_factory = bot.factory
    return bot


def test_inputs_commit_durably_and_only_sending_bookkeeping_does_not(postgres_url: str) -> None:
    bot = harness_on_one_connection(postgres_url)
    try:
        with commits(bot.engine) as seen:
            # Inputs with their messages delivered inline, the check-in wave's jobs and
            # deliveries, then more inputs on the connection the wave used.
            bot.community(members=("bob", "cat", "dan"))
            report = bot.run_due(datetime(2027, 1, 11, 8, 0, tzinfo=UTC))
            assert report.jobs_done > 0 and report.delivery.sent > 0, report
            assert bot.core.record(PLATFORM, "event-1", {"text": "hello"}) is not None
            bot.text("eve", "join")
            bot.text("bob", "status")
        inputs = [setting for setting, callers in seen if not callers & BOOKKEEPING]
        outcomes = [setting for setting, callers in seen if "commit_held" in callers]
        claims = [setting for setting, callers in seen if "claim_batch" in callers]
        # (The commits of the SET and RESET around a run are bookkeeping's own.)
        jobs = [s for s, callers in seen if "run_jobs" in callers and "bookkeeping" not in callers]
        assert len(inputs) >= 8 and set(inputs) == {"on"}, inputs
        assert outcomes and set(outcomes) == {"off"}, outcomes
        assert jobs and set(jobs) == {"off"}, jobs
        assert claims and set(claims) == {"on"}, claims
        # Back in the pool, the connection has the server's default again.
        with bot.engine.connect() as conn:
            assert conn.execute(text("SHOW synchronous_commit")).scalar() == "on"
    finally:
        bot.close()


def test_sqlite_writes_ahead_and_syncs_at_checkpoints(sqlite_url: str) -> None:
    """SQLite: WAL with synchronous=NORMAL (1): a commit appends to the log without an
    fsync; a power cut can lose the last commits but never corrupts the file."""
    engine = make_engine(sqlite_url)
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1
    finally:
        engine.dispose()
