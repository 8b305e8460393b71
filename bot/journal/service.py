"""Store an input before it is acknowledged, hand out what was cut off, finish it once."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import and_, bindparam, delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from bot.journal.models import InboundItem, ItemStatus
from bot.sqlutil import supports_skip_locked, table_of

# After this, a pending item whose handler has not finished it was cut off (the process died,
# or the database went away mid-way) and is handed out again.
LEASE = timedelta(seconds=30)
# Finished rows stay this long as the de-duplication and replay record (Slack retries an event
# for minutes; a signed request can be replayed for five).
KEEP = timedelta(days=1)
# An input that keeps being cut off is given up after this many tries (logged, not lost
# silently: it stays as a failed row until pruned).
MAX_ATTEMPTS = 10
# PostgreSQL's channel on which a stored input is announced to the processes that handle
# inputs (``copbot serve --handlers``); the payload is the input's platform.
CHANNEL = "copbot_inbound"

_ITEMS = table_of(InboundItem)


def record(
    session: Session, *, platform: str, key: str | None, payload: dict[str, Any], now: datetime
) -> int | None:
    """Store the input; its id, or None when an input with this key was stored before (a
    retry, a redelivery or a replay). One statement."""
    return record_many(session, items=[(platform, key, payload)], now=now)[0]


def record_many(
    session: Session,
    *,
    items: Sequence[tuple[str, str | None, dict[str, Any]]],
    now: datetime,
    claimed: bool = True,
) -> list[int | None]:
    """Store several inputs (platform, key, payload) in one statement: each one's id, or None
    for one whose key was stored before, also earlier in ``items``.

    ``claimed``: the storing process handles them itself. Otherwise they are stored with a
    claim that has lapsed already, so the first process that looks for inputs to handle
    (``cut_off``) takes them; the attempts count from 0, and that claim makes the first."""
    # A lapsed claim rather than none: ``cut_off`` finds both kinds with one indexed test.
    claimed_at = now if claimed else now - LEASE - timedelta(seconds=1)
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    wanted: list[tuple[str, str] | None] = []
    for platform, key, payload in items:
        named = (platform, (key or f"uuid:{uuid.uuid4().hex}")[:200])
        if named in rows:
            wanted.append(None)  # the same input twice in one batch: a retry, stored once
            continue
        wanted.append(named)
        rows[named] = {
            "platform": named[0],
            "key": named[1],
            "payload": payload,
            "status": ItemStatus.PENDING.value,
            "attempts": 1 if claimed else 0,
            "received_at": now,
            "claimed_at": claimed_at,
        }
    # Rows whose key exists are skipped and return nothing: the keys tell which were stored.
    stored = {
        (platform, key): item_id
        for item_id, platform, key in session.execute(
            _record(session.get_bind().dialect.name), list(rows.values())
        )
    }
    return [stored.get(named) if named is not None else None for named in wanted]


def announce(session: Session, *, platform: str) -> None:
    """Tell the processes that handle inputs that ``platform`` has new ones (PostgreSQL's
    NOTIFY, sent when the transaction commits; see ``wakeup``). Nothing elsewhere."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            select(func.pg_notify(bindparam("channel"), bindparam("platform"))),
            {"channel": CHANNEL, "platform": platform},
        )


def finish(session: Session, *, item_id: int, now: datetime, failed: bool = False) -> bool:
    """Mark the item handled, in the transaction that did the handling: True for the one
    handler that gets there first, so an input cut off and handed out again runs once."""
    status = (ItemStatus.FAILED if failed else ItemStatus.DONE).value
    result = session.execute(_finish(), {"item": item_id, "status": status, "now": now})
    return bool(getattr(result, "rowcount", 0))


# Every input runs these two: built once with bind parameters, since building a statement
# costs more than SQLAlchemy's cached compile and the statement together.
@cache
def _record(dialect: str) -> Any:
    # On the table, not the mapped class: the ORM's bulk-insert machinery costs more than
    # the statement, and nothing here needs objects.
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    return (
        insert(_ITEMS)
        .on_conflict_do_nothing(index_elements=["platform", "key"])
        .returning(_ITEMS.c.id, _ITEMS.c.platform, _ITEMS.c.key)
    )


@cache
def _finish() -> Any:
    return (
        update(_ITEMS)
        .where(_ITEMS.c.id == bindparam("item"), _ITEMS.c.status == ItemStatus.PENDING.value)
        .values(status=bindparam("status"), finished_at=bindparam("now"), payload=None)
    )


def cut_off(
    session: Session, *, platform: str, now: datetime, limit: int = 20
) -> list[tuple[int, dict[str, Any]]]:
    """Claim pending inputs of ``platform`` whose claim has lapsed, oldest first: their
    handling was cut off, or they were stored for another process to handle."""
    rows = sorted(
        session.execute(
            _claim(supports_skip_locked(session), limit),
            {"of_platform": platform, "lapsed": now - LEASE, "now": now},
        ).all()
    )
    handed: list[tuple[int, dict[str, Any]]] = []
    for item_id, payload, attempts in rows:
        if attempts > MAX_ATTEMPTS or not isinstance(payload, dict):
            finish(session, item_id=item_id, now=now, failed=True)
            continue
        handed.append((item_id, payload))
    return handed


@cache
def _claim(skip_locked: bool, limit: int) -> Any:
    # One statement (the queue's usual UPDATE ... WHERE id IN (SELECT ... SKIP LOCKED)),
    # built once: a handler looks on every announcement, and a look that finds nothing
    # should cost little more than its round trip.
    lapsed = and_(
        _ITEMS.c.platform == bindparam("of_platform"),
        _ITEMS.c.status == ItemStatus.PENDING.value,
        _ITEMS.c.claimed_at < bindparam("lapsed"),
    )
    candidates = select(_ITEMS.c.id).where(lapsed).order_by(_ITEMS.c.id).limit(limit)
    if skip_locked:
        candidates = candidates.with_for_update(skip_locked=True)
    return (
        update(_ITEMS)
        .where(_ITEMS.c.id.in_(candidates.scalar_subquery()), lapsed)
        .values(claimed_at=bindparam("now"), attempts=_ITEMS.c.attempts + 1)
        .returning(_ITEMS.c.id, _ITEMS.c.payload, _ITEMS.c.attempts)
    )


def prune(session: Session, *, now: datetime) -> int:
    """Forget finished inputs older than ``KEEP``."""
    result = session.execute(
        delete(InboundItem).where(
            InboundItem.status != ItemStatus.PENDING.value, InboundItem.received_at < now - KEEP
        )
    )
    return int(getattr(result, "rowcount", 0) or 0)
