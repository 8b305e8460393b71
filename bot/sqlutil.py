"""Small portable SQL helpers (SQLite and PostgreSQL)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from typing import Any, Protocol, TypeVar, cast

from sqlalchemy import (
    JSON,
    Column,
    Date,
    DateTime,
    Executable,
    Select,
    Table,
    bindparam,
    column,
    event,
    func,
    literal_column,
    select,
    text,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import DeclarativeBase, ORMExecuteState, Session
from sqlalchemy.sql.schema import (
    CallableColumnDefault,
    DefaultGenerator,
    ScalarElementColumnDefault,
)
from sqlalchemy.sql.sqltypes import NullType
from sqlalchemy.types import TypeEngine

from bot.db import UTCDateTime

T = TypeVar("T")


# -- reads on a table's columns ---------------------------------------------------------------
def table_of(model: type[DeclarativeBase]) -> Table:
    """The table a model is mapped to: a statement on its columns is plain SQL to SQLAlchemy,
    compiled and run without the ORM's machinery (about half the cost of the same read on
    the model's attributes), for reads that want values, not objects. The session still
    flushes the unit of work's pending changes before it (SQLAlchemy 2 autoflushes plain
    statements too), so such a read sees what the unit of work did."""
    return cast(Table, model.__table__)


def insert_ignoring_duplicates(
    session: Session, table: Table, rows: Sequence[dict[str, Any]], *, unique: Sequence[str]
) -> None:
    """Insert ``rows`` in one statement, silently skipping rows whose unique key exists.

    This is what makes enqueueing idempotent even when two workers race.

    SQLite: the rows go as parameters of one compiled single-row statement (``executemany``,
    a loop in C). PostgreSQL: the rows go as one JSON document, which the server unpacks
    with ``json_to_recordset``: one statement text per table, prepared once by psycopg. Its
    ``executemany`` sent each row as a statement of its own, each dumped, sent and answered
    in Python: 22 DMs with their payloads cost 1.25-1.8 ms of client CPU that way, 0.6-1.0 ms
    as one document, and the server no more.
    """
    if not rows:
        return
    dialect = session.get_bind().dialect
    if dialect.name == "postgresql":
        keys = frozenset(key for row in rows for key in row)
        from_json = _insert_from_json(table, tuple(unique), keys)
        session.execute(from_json.statement, {"rows": from_json.document(rows)})
        return
    session.execute(_insert_ignoring(dialect.name, table, tuple(unique)), list(rows))


@cache
def _insert_ignoring(dialect: str, table: Table, unique: tuple[str, ...]) -> Executable:
    """The statement of ``insert_ignoring_duplicates``, built once per table (every timed
    job inserts its messages with it)."""
    if dialect == "sqlite":
        return sqlite.insert(table).on_conflict_do_nothing(index_elements=list(unique))
    raise RuntimeError(f"unsupported database dialect {dialect}")  # pragma: no cover


@dataclass(frozen=True)
class _FromJson:
    """PostgreSQL's ``INSERT ... SELECT FROM json_to_recordset(:rows) ON CONFLICT DO NOTHING``
    for one table and set of columns, and how its rows become that JSON document."""

    statement: Executable
    defaults: tuple[tuple[str, Callable[[], Any]], ...]  # a value a row leaves out
    moments: tuple[str, ...]  # UTCDateTime columns, written as ISO 8601 in UTC
    dates: tuple[str, ...]  # other dates and times, written as ISO 8601

    def document(self, rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
        """The statement's one parameter (SQLAlchemy writes it as JSON)."""
        document = []
        for row in rows:
            values = dict(row)
            for key, default in self.defaults:
                if key not in values:
                    values[key] = default()
            for key in self.moments:
                if values[key] is not None:
                    values[key] = _utc(values[key]).isoformat()
            for key in self.dates:
                if values[key] is not None:
                    values[key] = values[key].isoformat()
            document.append(values)
        return document


@cache
def _insert_from_json(table: Table, unique: tuple[str, ...], keys: frozenset[str]) -> _FromJson:
    unknown = keys - set(table.columns.keys())
    if unknown:
        raise ValueError(f"no such columns in {table.name}: {sorted(unknown)}")
    # The columns given, and those a missing value's default fills (the others keep the
    # server's: the id, say).
    columns = tuple(c for c in table.columns if c.key in keys or c.default is not None)
    record = (
        func.json_to_recordset(bindparam("rows", type_=JSON))
        .table_valued(*(column(c.key, _type_of(c)) for c in columns))
        .render_derived(name="r", with_types=True)
    )
    # json_to_recordset reads a JSON null as SQL NULL; the ORM and executemany store None
    # in a JSON column as the JSON 'null'.
    values = select(
        *(
            func.coalesce(record.c[c.key], _JSON_NULL)
            if isinstance(c.type, JSON)
            else record.c[c.key]
            for c in columns
        )
    )
    statement = (
        postgresql.insert(table)
        .from_select([c.key for c in columns], values)
        .on_conflict_do_nothing(index_elements=list(unique))
    )
    defaults = tuple((c.key, _filler(c.default)) for c in columns if c.default is not None)
    moments = tuple(c.key for c in columns if isinstance(c.type, UTCDateTime))
    dates = tuple(c.key for c in columns if isinstance(c.type, Date | DateTime))
    return _FromJson(statement, defaults, moments, dates)


_JSON_NULL = literal_column("'null'::json", JSON)


def _filler(default: DefaultGenerator) -> Callable[[], Any]:
    """A column's default as SQLAlchemy would fill it in for an INSERT's missing value."""
    if isinstance(default, ScalarElementColumnDefault):
        value = default.arg
        return lambda: value
    if isinstance(default, CallableColumnDefault):
        # SQLAlchemy wraps a function into one that takes the execution context; copbot's
        # defaults (now_default) read none.
        function = default.arg
        return lambda: function(None)  # type: ignore[arg-type]
    raise ValueError(f"{default} is neither a value nor a function")


def _type_of(column: Column[Any]) -> TypeEngine[Any]:
    # A foreign key's type is its target's.
    if isinstance(column.type, NullType) and column.foreign_keys:
        return next(iter(column.foreign_keys)).column.type
    return column.type


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("naive datetime given to a UTCDateTime column")
    return moment.astimezone(UTC)


def lock_person(session: Session, *, platform: str, user_id: str) -> None:
    """Make this unit of work wait for any other one of the same person, until it ends.

    Six clicks on Join, or ``leave`` with ``forget-me confirm``, then run one after the other
    and get the answers inputs one after the other would get, in any number of processes.
    PostgreSQL takes a transaction-scoped advisory lock on a hash of the person (nothing is
    stored, so ``forget-me`` has nothing to erase); SQLite can only lock the whole database,
    so the transaction starts as a writer (``BEGIN IMMEDIATE``), and its busy timeout queues
    the others. Call it before the unit of work reads anything.
    """
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        digest = hashlib.blake2b(f"{platform}\n{user_id}".encode(), digest_size=8).digest()
        key = int.from_bytes(digest, "big", signed=True)
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})
    elif dialect == "sqlite":
        connection = session.connection()
        # A second person in the same unit of work: the whole database is ours already.
        if not connection.connection.dbapi_connection.in_transaction:  # type: ignore[union-attr]
            connection.exec_driver_sql("BEGIN IMMEDIATE")
    else:  # pragma: no cover - only the two supported backends
        raise RuntimeError(f"unsupported database dialect {dialect}")


def checkpoint_wal(session: Session) -> None:
    """SQLite: copy the write-ahead log into the database file and empty it, so the old
    versions of pages that held erased data are gone from disk too (with ``secure_delete``
    their freed space is zeroed). Best effort: a reader still busy leaves it for the next."""
    if session.get_bind().dialect.name != "sqlite":
        return
    session.connection().exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    session.commit()


def get_by_id(session: Session, model: type[T], ident: int, statement: Executable) -> T | None:
    """``session.get(model, ident)``: the object the session holds already without a query,
    else ``statement``, a select of ``model`` by the bind parameter ``id`` that the caller
    built once. ``session.get`` builds its SELECT afresh on every call, which cost more
    than running it (~190 vs ~130 us a lookup on SQLite): every timed job looks up its
    community and meeting."""
    if session.identity_map.get(session.identity_key(model, ident)) is not None:
        # Held already: the session's own rules (no query; an expired one refreshed).
        return session.get(model, ident)
    return cast("T | None", session.scalars(statement, {"id": ident}).first())


class OfCommunity(Protocol):
    @property
    def community_id(self) -> int: ...


C = TypeVar("C", bound=OfCommunity)


def by_community(
    session: Session,
    statement: Select[C],
    params: dict[str, Any] | None = None,
    *,
    community_ids: Iterable[int],
) -> dict[int, list[C]]:
    """The rows ``statement`` selects for several communities (its expanding bind parameter
    ``community_ids``, beside ``params``) in one query, in its order, by community; each
    community asked has its list, empty when it has no rows."""
    found: dict[int, list[C]] = {i: [] for i in sorted(set(community_ids))}
    if found:
        for row in session.scalars(statement, {**(params or {}), "community_ids": list(found)}):
            found[row.community_id].append(row)
    return found


def rows_by_community(
    session: Session,
    statement: Executable,
    params: dict[str, Any] | None = None,
    *,
    community_ids: Iterable[int],
) -> dict[int, list[tuple[Any, ...]]]:
    """``by_community`` for a statement of columns, the community's id first: its rows for
    several communities in one query, in its order, without that id; each community asked
    has its list, empty when it has no rows."""
    found: dict[int, list[tuple[Any, ...]]] = {i: [] for i in sorted(set(community_ids))}
    if found:
        for community_id, *rest in session.execute(
            statement, {**(params or {}), "community_ids": list(found)}
        ):
            found[community_id].append(tuple(rest))
    return found


def picked_once(candidates: Select[int]) -> Select[int]:
    """PostgreSQL: the ids a claim locks (``FOR UPDATE SKIP LOCKED``), picked once in a
    materialised WITH, for ``id IN (...)``. As a plain subquery, PostgreSQL could run a nested
    loop that ran it again for every row, each run skipping the rows just taken: one claim
    took a whole wave, and a second worker found nothing to share."""
    picked = candidates.cte("picked").prefix_with("MATERIALIZED", dialect="postgresql")
    return select(picked.c.id)


def supports_skip_locked(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def claims_in_index_order(session: Session) -> None:
    """PostgreSQL: the claim the session's transaction is about to run reads its queue's
    index in order and stops at its LIMIT, whatever the planner would guess.

    Two guesses went wrong. On a table never analyzed (a new installation, a restored
    dump), the planner expected a few due rows, so it gathered every due row in a bitmap
    scan and sorted them, for each claim of 50: 15 ms a claim with 24,000 rows waiting,
    against 1.2 ms reading the index in order, and a wave's claims grew with the square of
    its size. And a worker that had ticked idly for a while ran the claim as a prepared
    statement (psycopg prepares a statement run five times) with a generic plan, made
    without the values: 67 ms a claim in the same wave. So for the rest of the transaction
    (SET LOCAL) the claim is planned for its own values every time, and without bitmap
    scans, sequential scans and sorts the ordered index scan is the plan left. Call it
    before the claim, in its transaction."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(_IN_INDEX_ORDER)


_IN_INDEX_ORDER = text(
    "SELECT set_config('enable_bitmapscan', 'off', true), "
    "set_config('enable_seqscan', 'off', true), set_config('enable_sort', 'off', true), "
    "set_config('plan_cache_mode', 'force_custom_plan', true)"
)


# -- what one unit of work reads more than once ----------------------------------------------
_MEMO = "copbot.remembered"
_memo_events: list[bool] = []


def remembered(
    session: Session, key: Hashable, load: Callable[[], T], *, kinds: tuple[type, ...]
) -> T:
    """``load()``, read once per session while nothing it could depend on changed.

    Several slices ask the same question in one unit of work (the next meeting: ``status``
    asked it three times, 21 % of its time). The answer is kept in ``session.info`` and
    forgotten at every flush, commit, rollback and bulk UPDATE/DELETE/INSERT through the
    session; while an object of one of ``kinds`` has unflushed changes the read goes to the
    database (whose autoflush then writes them first), so a caller never sees a row older
    than what the unit of work itself did."""
    _listen_once()
    if any(isinstance(obj, kinds) for obj in (*session.new, *session.dirty, *session.deleted)):
        return load()
    memo: dict[Hashable, Any] = session.info.setdefault(_MEMO, {})
    if key not in memo:
        memo[key] = load()
    return cast(T, memo[key])


def _forget(session: Session, *_: object) -> None:
    session.info.pop(_MEMO, None)


def _forget_after_write(state: ORMExecuteState) -> None:
    if not state.is_select:
        _forget(state.session)


def _listen_once() -> None:
    # Registered on first use rather than at import (no import-time side effects); the
    # listeners apply to every session.
    if _memo_events:
        return
    _memo_events.append(True)
    for name in ("after_flush", "after_commit", "after_rollback", "after_soft_rollback"):
        event.listen(Session, name, _forget)
    event.listen(Session, "do_orm_execute", _forget_after_write)
