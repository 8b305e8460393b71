"""Database plumbing: declarative base, engine and session factories, portable column types."""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Connection,
    DateTime,
    Engine,
    MetaData,
    create_engine,
    event,
    make_url,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.types import TypeDecorator

from bot import jsontext
from bot.clock import utcnow

logger = logging.getLogger(__name__)

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class UTCDateTime(TypeDecorator[datetime]):
    """Always timezone-aware UTC in Python, whatever the backend keeps.

    SQLite has no timezone support, so we normalise on the way in and out.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTCDateTime column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


JSONType = JSON


def now_default() -> datetime:
    # A Python-side default, so freezegun and the clock seam control it (a server default would not).
    return utcnow()


# How long a writer waits for the process's other writers before it leaves the waiting to
# SQLite's own busy timeout (the same 30 s).
GATE_TIMEOUT = 30.0
WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "BEGIN", "CREATE", "DROP", "ALTER")


class WriteGate:
    """One writing transaction at a time per SQLite file and process, handed over at once.

    SQLite lets one connection write at a time; the others wait in its busy handler, which
    polls with sleeps that grow to 100 ms. Fifty requests at once spent most of their time
    asleep there (a 1 ms transaction waited 100 ms). Here a writer waits on a lock that the
    one before it releases the moment it commits or rolls back. Other processes on the same
    file still meet SQLite's busy timeout, as before."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._owner: int | None = None

    def acquire(self) -> bool:
        """Whether the gate is now held by the caller. A thread that holds it already (a
        second connection inside its own transaction) or waited past GATE_TIMEOUT goes on
        without it, and SQLite decides as it did without a gate."""
        me = threading.get_ident()
        if self._owner == me:
            return False
        if not self._lock.acquire(timeout=GATE_TIMEOUT):
            logger.warning("a SQLite writer waited %.0f s for the others; going on", GATE_TIMEOUT)
            return False
        self._owner = me
        return True

    def release(self) -> None:
        self._owner = None
        self._lock.release()


_GATES: dict[str, WriteGate] = {}
_GATES_LOCK = threading.Lock()


def _gate_for(path: str) -> WriteGate:
    key = os.path.realpath(path)
    with _GATES_LOCK:
        return _GATES.setdefault(key, WriteGate())


def _gated_connection(gate: WriteGate) -> type[sqlite3.Connection]:
    """A sqlite3 connection class that passes ``gate`` before its first write of a
    transaction (the statement before which sqlite3 opens the transaction, or an explicit
    BEGIN) and releases it when the transaction ends."""

    class GatedCursor(sqlite3.Cursor):
        def execute(self, sql: str, parameters: Any = (), /) -> GatedCursor:
            connection = self.connection
            assert isinstance(connection, GatedConnection)
            connection.before(sql)
            try:
                return super().execute(sql, parameters)
            except BaseException:
                connection.after_failure()
                raise

        def executemany(self, sql: str, seq_of_parameters: Any, /) -> GatedCursor:
            connection = self.connection
            assert isinstance(connection, GatedConnection)
            connection.before(sql)
            try:
                return super().executemany(sql, seq_of_parameters)
            except BaseException:
                connection.after_failure()
                raise

    class GatedConnection(sqlite3.Connection):
        holds = False

        def cursor(self, factory: Any = GatedCursor) -> Any:
            return super().cursor(factory)

        def before(self, sql: str) -> None:
            if not self.holds and sql.lstrip()[:7].upper().startswith(WRITES):
                self.holds = gate.acquire()

        def after_failure(self) -> None:
            # A write refused before any transaction began leaves nothing to commit.
            if self.holds and not self.in_transaction:
                self._release()

        def _release(self) -> None:
            if self.holds:
                self.holds = False
                gate.release()

        def commit(self) -> None:
            try:
                super().commit()
            finally:
                if not self.in_transaction:
                    self._release()

        def rollback(self) -> None:
            try:
                super().rollback()
            finally:
                if not self.in_transaction:
                    self._release()

        def close(self) -> None:
            try:
                super().close()
            finally:
                self._release()

    return GatedConnection


def make_engine(url: str, **kwargs: Any) -> Engine:
    if url.startswith("sqlite"):
        connect_args: dict[str, Any] = {"check_same_thread": False, "timeout": 30}
        database = make_url(url).database
        if database and database != ":memory:" and not database.startswith("file:"):
            connect_args["factory"] = _gated_connection(_gate_for(database))
        kwargs.setdefault("connect_args", connect_args)
    kwargs.setdefault("json_serializer", jsontext.dumps)
    kwargs.setdefault("json_deserializer", jsontext.loads)
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=30000")
            # WAL lets the scheduler deliver while a request writes, and with synchronous=NORMAL
            # a commit costs no fsync: the outbox commits once per message, which under the
            # default rollback journal made a 20,000-message fan-out take minutes. A power cut
            # can lose the last commits (never corrupt the file): at worst a message is resent.
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            # Deleted and overwritten content is zeroed on disk, not left in free pages:
            # forget-me must leave no byte of a person in the file.
            cur.execute("PRAGMA secure_delete=ON")
            cur.close()

    return engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def bookkeeping(factory: sessionmaker[Session]) -> Iterator[sessionmaker[Session]]:
    """Sessions for the bookkeeping of sending (timed jobs' claims and done-marks with the
    messages they queue, delivery outcomes), whose commits do not wait for the disk.

    On PostgreSQL they share one connection held for the run with ``synchronous_commit``
    off: a commit returns once it is in the server's WAL buffers, not after the fsync
    (~2-20 ms each, which was most of a 20,000-message wave). A crash of copbot loses
    nothing; only a crash of the PostgreSQL server itself can lose the last fraction of a
    second of such commits. What that means for the messages is in docs/ARCHITECTURE.md
    ("Durability"): at worst a message is attempted again, never lost, because each claimed
    batch commits durably (``durable``) before its first send. An input (what a person said)
    never passes through here: its transaction keeps the default, durable commit. The
    setting is reset before the connection goes back to the pool (or the connection is
    discarded), so no other unit of work ever runs with it.

    SQLite (WAL, synchronous=NORMAL: no fsync per commit anyway) needs no setting, but its
    sessions share one held connection too: taking a connection from the pool and handing
    it back (with its reset) for every claim, job and outcome cost more than some of the
    statements they ran."""
    engine = factory.kw.get("bind")
    if not isinstance(engine, Engine):
        yield factory
        return
    if engine.dialect.name != "postgresql":
        with engine.connect() as connection:
            yield sessionmaker(**{**factory.kw, "bind": connection})
        return
    with engine.connect() as connection:
        connection.exec_driver_sql("SET synchronous_commit TO off")
        connection.commit()
        try:
            yield sessionmaker(**{**factory.kw, "bind": connection})
        finally:
            try:
                connection.rollback()
                connection.exec_driver_sql("RESET synchronous_commit")
                connection.commit()
            except Exception:
                # Never back into the pool with the setting (the database may be away).
                logger.warning("could not reset synchronous_commit: discarding the connection")
                connection.invalidate()


@contextmanager
def statements_commit_alone(bind: Engine | Connection | None) -> Iterator[None]:
    """Inside ``bookkeeping`` on PostgreSQL: each statement on its held connection commits by
    itself (autocommit), in one round trip instead of three (BEGIN, the statement, COMMIT).
    For bookkeeping that is one statement anyway (a delivery's outcome, a job's claim): it is
    committed on its own as before, only sooner. A session on the connection still commits
    as usual (the commit then has nothing left to do). Elsewhere (SQLite, whose write gate is
    handed on when a transaction commits; an engine) nothing changes."""
    if not isinstance(bind, Connection) or bind.dialect.name != "postgresql":
        yield
        return
    default = bind.default_isolation_level
    bind.execution_options(isolation_level="AUTOCOMMIT")
    try:
        yield
    finally:
        # A connection the database dropped is discarded with the run (``bookkeeping``).
        if not bind.invalidated:
            if bind.in_transaction():  # interrupted
                bind.rollback()
            bind.execution_options(isolation_level=default)


def commits_alone(session: Session, *, rows: int = 1) -> None:
    """On PostgreSQL: the unit of work ``session`` is about to begin is one statement (an
    INSERT of ``rows`` rows, an UPDATE), so let it commit by itself (autocommit): one round
    trip instead of three (BEGIN, the statement, COMMIT), and as durable (it waits for its
    commit as COMMIT would). Only when the rows fit one statement (SQLAlchemy sends more in
    pages, which would then commit one by one); otherwise, and on SQLite, the session's
    transaction stays as it is. Call it before the session's first statement."""
    bind = session.get_bind()
    if bind.dialect.name == "postgresql" and rows <= bind.dialect.insertmanyvalues_page_size:
        session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})


def durable(session: Session) -> None:
    """Make the session's current transaction commit durably (PostgreSQL: wait for the
    fsync) inside ``bookkeeping``. A delivery claim does: its commit also flushes every
    commit before it, so what a batch is about to send (the job that queued it) and what
    was sent before it are on disk before the first send of the batch."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SET LOCAL synchronous_commit TO on"))


@contextmanager
def session_scope(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work: commit on success, roll back on any error."""
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


class DatabaseUnavailable(Exception):
    """The database does not answer (down, unreachable, locked beyond the timeout): nothing
    was written. Inputs already in the inbound journal are handled once it is back."""


def is_outage(exc: BaseException) -> bool:
    """Whether ``exc`` is the database being unreachable rather than a statement's fault."""
    from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
    from sqlalchemy.exc import TimeoutError as PoolTimeout

    if isinstance(exc, OperationalError | InterfaceError | PoolTimeout):
        return True
    return isinstance(exc, DBAPIError) and bool(exc.connection_invalidated)
