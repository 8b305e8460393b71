"""Deliver the outbox's messages with claims, retries and backoff.

Deliveries are claimed in batches (one UPDATE of the rows it picks, with ``FOR UPDATE SKIP
LOCKED`` on PostgreSQL) and each send's outcome is committed on its own. So any number of
workers can deliver from one database without sending a row twice, and a worker that stops
after k of n sends leaves exactly n - k rows for the next run. Only the single row in flight
when a process is killed outright is ambiguous; it (with the unsent rest of its batch) is
retried after ``SENDING_LEASE`` as ``Recipient.resumed``, so a sender that can look for it
first (Slack, by the key in its message metadata) sends it once.

On PostgreSQL the outcomes commit without waiting for the disk and each claim commits
durably (``bot.db.bookkeeping``, ``bot.db.durable``); what a crash of the database server can
cost is in docs/ARCHITECTURE.md ("Durability"): a repeated attempt, never a lost message.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Executable,
    Table,
    and_,
    bindparam,
    select,
    update,
)
from sqlalchemy.orm import Session, sessionmaker

from bot.db import bookkeeping, durable, statements_commit_alone
from bot.members import service as member_rows
from bot.messages import Message
from bot.outbox.models import Delivery, DeliveryStatus
from bot.outbox.outcomes import OUTCOME_FIELDS, Outcome, Outcomes, record_outcomes
from bot.outbox.sender import (
    PermanentDeliveryError,
    Recipient,
    Sender,
    TransientDeliveryError,
)
from bot.sqlutil import claims_in_index_order, picked_once, supports_skip_locked, table_of

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
# A 'sending' row older than this belongs to a worker that died mid-send. Senders time out
# far sooner (seconds), so a live worker never loses a row it is still sending.
SENDING_LEASE = timedelta(minutes=10)


@dataclass
class DeliveryReport:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    permanent: int = 0
    cancelled: int = 0


def _due(now: datetime) -> ColumnElement[bool]:
    return and_(Delivery.status == DeliveryStatus.PENDING.value, Delivery.not_before <= now)


def _stale(now: datetime) -> ColumnElement[bool]:
    return and_(
        Delivery.status == DeliveryStatus.SENDING.value, Delivery.claimed_at < now - SENDING_LEASE
    )


def claim_one(
    session: Session,
    *,
    now: datetime,
    worker: str,
    platforms: Iterable[str],
    stamp: datetime,
    stale: bool = False,
) -> Delivery | None:
    """Atomically take the next due delivery for one of ``platforms``, or None. With
    ``stale``, the next one a stopped worker left mid-send instead (its lease has run out).

    One statement: UPDATE ... WHERE id = (next due id) AND <still claimable> RETURNING.
    PostgreSQL locks the chosen row and skips rows other workers hold (SKIP LOCKED); SQLite
    runs writers one at a time. The repeated predicate means a row someone else took in
    between simply does not match.

    Due and stale rows are claimed by separate statements: each is one range of the
    ``(status, not_before)`` index, read in the order wanted, so a claim costs the same with
    20 or 20,000 rows waiting. One OR of the two made the database gather and sort every due
    row for every claim, which made a large fan-out quadratic.
    """
    durable(session)
    claimable = and_(_stale(now) if stale else _due(now), Delivery.platform.in_(list(platforms)))
    # Ordered by not_before alone: the index breaks ties, while an id tie-break made
    # PostgreSQL sort all rows of a wave (one not_before) for every claim.
    candidate = select(Delivery.id).where(claimable).order_by(Delivery.not_before).limit(1)
    if supports_skip_locked(session):
        candidate = candidate.with_for_update(skip_locked=True)
    row = session.scalars(
        update(Delivery)
        .where(Delivery.id == candidate.scalar_subquery(), claimable)
        .values(
            status=DeliveryStatus.SENDING.value,
            claimed_by=worker,
            claimed_at=stamp,
            attempts=Delivery.attempts + 1,
        )
        .returning(Delivery)
        .execution_options(synchronize_session=False, populate_existing=True)
    ).first()
    session.commit()
    return row


def cancel_for_departed(session: Session) -> int:
    """Withdraw unsent DMs to people who left or were forgotten: they get nothing more."""
    result = session.execute(
        update(Delivery)
        .where(
            Delivery.status == DeliveryStatus.PENDING.value,
            Delivery.to_channel.is_(False),
            member_rows.has_departed(Delivery.member_id),
        )
        .values(status=DeliveryStatus.CANCELLED.value, last_error="recipient left")
        .execution_options(synchronize_session=False)
    )
    session.commit()
    return int(getattr(result, "rowcount", 0) or 0)


# Due rows claimed per statement. A claim is one write transaction; claiming a batch spares
# one per message (a 20,000-message wave made 20,000 of them). A worker killed outright
# leaves at most this many rows 'sending', retaken after SENDING_LEASE (Slack checks first
# whether a resumed DM arrived); an interrupted run hands its unsent rows straight back.
CLAIM_BATCH = 50


@dataclass(frozen=True)
class Claimed:
    """A delivery taken for sending: what the sender needs, and what its outcome depends on."""

    id: int
    key: str
    platform: str
    recipient: str
    to_channel: bool
    address: dict[str, Any] | None
    payload: dict[str, Any]
    attempts: int
    last_error: str | None
    not_before: datetime
    # The community's workspace: a platform with an installation per workspace sends with
    # that workspace's credentials.
    workspace_id: str | None


def claim_batch(
    session: Session,
    *,
    now: datetime,
    worker: str,
    platforms: Iterable[str],
    stamp: datetime,
    stale: bool = False,
    size: int = CLAIM_BATCH,
) -> list[Claimed]:
    """Atomically take up to ``size`` due deliveries for ``platforms`` (with ``stale``: rows a
    stopped worker left mid-send), oldest first, in one statement and one commit.

    UPDATE ... WHERE id IN (the next ``size`` claimable ids) RETURNING: PostgreSQL locks the
    chosen rows and skips those other workers hold (SKIP LOCKED), so two workers take
    different batches at once; SQLite runs writers one at a time. Like ``claim_one``, each
    kind is one range of the ``(status, not_before)`` index."""
    # The claim commits durably, and with it every commit before it: the rows this batch is
    # about to send, and the outcomes of the sends before (``bot.db.durable``).
    durable(session)
    claims_in_index_order(session)
    claim = _claim_batch(stale=stale, skip_locked=supports_skip_locked(session))
    params: dict[str, Any] = {
        "platforms": list(platforms),
        "size": size,
        "worker": worker,
        "stamp": stamp,
    }
    params |= {"stale_before": now - SENDING_LEASE} if stale else {"now": now}
    rows = session.execute(claim, params).all()
    session.commit()
    claimed = [Claimed(*row) for row in rows]
    claimed.sort(key=lambda c: (c.not_before, c.id))
    return claimed


_DELIVERIES: Table = table_of(Delivery)


@cache
def _claim_batch(*, stale: bool, skip_locked: bool) -> Executable:
    """The statement of ``claim_batch``, built once per kind and on the table's columns
    (outside the ORM's compilation): building it for every batch cost more than running
    it. Parameters: ``now`` or ``stale_before``, ``platforms``, ``size``, ``worker``,
    ``stamp``."""
    rows = _DELIVERIES.c
    claimable = and_(
        and_(
            rows.status == DeliveryStatus.SENDING.value, rows.claimed_at < bindparam("stale_before")
        )
        if stale
        else and_(rows.status == DeliveryStatus.PENDING.value, rows.not_before <= bindparam("now")),
        rows.platform.in_(bindparam("platforms", expanding=True)),
    )
    candidates = select(rows.id).where(claimable).order_by(rows.not_before).limit(bindparam("size"))
    if skip_locked:
        candidates = picked_once(candidates.with_for_update(skip_locked=True))
    # The rows picked are the rows updated, and two workers never share a row: on PostgreSQL
    # they stay locked from the moment they are picked (and are checked again when locked);
    # SQLite runs the statement under the database's write lock from its start. Repeating
    # the predicate in the UPDATE made both read every due row again, from the (status,
    # not_before) index, to find the 50 picked: the claims of a wave grew with its square.
    return (
        update(_DELIVERIES)
        .where(rows.id.in_(candidates))
        .values(
            status=DeliveryStatus.SENDING.value,
            claimed_by=bindparam("worker"),
            claimed_at=bindparam("stamp"),
            attempts=rows.attempts + 1,
        )
        .returning(
            rows.id,
            rows.key,
            rows.platform,
            rows.recipient,
            rows.to_channel,
            rows.address,
            rows.payload,
            rows.attempts,
            rows.last_error,
            rows.not_before,
            rows.workspace_id,
        )
    )


def deliver_pending(
    factory: sessionmaker[Session],
    *,
    senders: Mapping[str, Sender],
    now: datetime,
    worker: str = "worker",
    limit: int | None = None,
    unrecorded: list[Outcome] | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> DeliveryReport:
    """Send every due delivery once (at most ``limit`` of them). Rows are claimed in batches
    and each outcome is committed before the next send (those of sends quicker than
    ``OUTCOME_WINDOW`` together), so an interruption after k of n sends leaves exactly n - k
    for the next run (the unsent rest of its batch is handed back). Outcomes commit without
    waiting for the disk, claims with it (``bot.db.bookkeeping``). ``clock``: seconds, for
    the outcomes' window (the tests')."""
    report = DeliveryReport()
    if not senders:
        return report
    started = time.monotonic()
    # Rows a stopped worker left mid-send first (rare, and the oldest work), then the due ones.
    # ``now`` is fixed for the run, so no row becomes stale while it lasts.
    stale = True
    with bookkeeping(factory) as relaxed, _held(relaxed) as (session, connection):
        if unrecorded:
            record_outcomes(session, unrecorded, worker=worker)
        report.cancelled = cancel_for_departed(session)
        while True:
            done = report.sent + report.retried + report.permanent
            if limit is not None and done >= limit:
                break
            # Claims carry real elapsed time, not only the tick's start: a long fan-out must
            # not look abandoned to another worker while it is still sending.
            stamp = now + timedelta(seconds=time.monotonic() - started)
            size = CLAIM_BATCH if limit is None else min(CLAIM_BATCH, limit - done)
            batch = claim_batch(
                session,
                now=now,
                worker=worker,
                platforms=senders,
                stamp=stamp,
                stale=stale,
                size=size,
            )
            if not batch:
                if stale:
                    stale = False
                    continue
                break
            # Outcomes are committed before the next send, those of quick sends together
            # (``Outcomes``), each write in one round trip on PostgreSQL (not BEGIN, UPDATE,
            # COMMIT). The claims and releases around the batch run in transactions (a
            # claim's ``SET LOCAL`` needs one).
            outcomes = Outcomes(connection, unrecorded=unrecorded, clock=clock)
            with statements_commit_alone(connection):
                for index, row in enumerate(batch):
                    _send_claimed(
                        session,
                        row,
                        rest=batch[index + 1 :],
                        sender=senders[row.platform],
                        now=now,
                        report=report,
                        resumed=stale,
                        outcomes=outcomes,
                    )
                outcomes.commit_held()
    return report


@contextmanager
def _held(factory: sessionmaker[Session]) -> Iterator[tuple[Session, Connection]]:
    """A session for the claims and the one connection under it, held for the run: each
    outcome is written and committed on the connection itself, which costs less than half
    of what a statement and a commit through the session cost (one of each per message).
    The session's transactions (claims, releases) and the outcomes' take turns, never
    overlap: each commits before the next begins."""
    bind = factory.kw.get("bind")
    if isinstance(bind, Connection):  # the bookkeeping connection (PostgreSQL)
        with factory() as session:
            yield session, bind
        return
    assert bind is not None
    with bind.connect() as connection, factory(bind=connection) as session:
        yield session, connection


def _send_claimed(
    session: Session,
    row: Claimed,
    *,
    rest: list[Claimed],
    sender: Sender,
    now: datetime,
    report: DeliveryReport,
    resumed: bool,
    outcomes: Outcomes,
) -> None:
    """Send one claimed row and hand its outcome to ``outcomes`` (which first writes those
    of earlier sends, unless they were quick)."""
    # Taken over from a worker that stopped mid-send (a failed try records its error).
    resumed = resumed and row.attempts > 1 and row.last_error is None
    if resumed:
        logger.warning("delivery %s was left mid-send by a stopped worker: retrying", row.key)
    started = outcomes.sending()
    try:
        values = _deliver_one(row, sender=sender, now=now, report=report, resumed=resumed)
    except BaseException:
        # Interrupted (Ctrl-C, shutdown) before the outcome is known to be a send: the sends
        # before it are written, and this row and the unsent rest of the batch handed back
        # untouched so the next run sends them.
        session.rollback()
        try:
            outcomes.commit_held()
        finally:
            _release(session, row_ids=[row.id, *(r.id for r in rest)])
        raise
    values = {field: values.get(field) for field in OUTCOME_FIELDS} | {
        "not_before": values.get("not_before", row.not_before)
    }
    outcomes.add(Outcome(row.id, values), started=started)


def _release(session: Session, *, row_ids: list[int]) -> None:
    session.execute(
        update(Delivery)
        .where(Delivery.id.in_(row_ids), Delivery.status == DeliveryStatus.SENDING.value)
        .values(
            status=DeliveryStatus.PENDING.value,
            attempts=Delivery.attempts - 1,
            claimed_by=None,
        )
        .execution_options(synchronize_session=False)
    )
    session.commit()


def _deliver_one(
    row: Claimed, *, sender: Sender, now: datetime, report: DeliveryReport, resumed: bool
) -> dict[str, Any]:
    """Send ``row``; the values its outcome writes (``bot.outbox.outcomes.OUTCOME_FIELDS``)."""
    recipient = Recipient(
        platform=row.platform,
        recipient=row.recipient,
        to_channel=row.to_channel,
        address=row.address,
        workspace_id=row.workspace_id,
        key=row.key,
        resumed=resumed,
    )
    try:
        sender.send(recipient, Message.from_dict(row.payload))
    except PermanentDeliveryError as exc:
        report.permanent += 1
        logger.warning("delivery %s permanently failed: %s", row.key, exc)
        return {"status": DeliveryStatus.PERMANENT.value, "last_error": str(exc)[:1000]}
    except TransientDeliveryError as exc:
        return _retry_later(
            row, now=now, error=str(exc), retry_after=exc.retry_after, report=report
        )
    except Exception as exc:  # a sender bug must not stop the whole fan-out
        logger.exception("delivery %s raised", row.key)
        return _retry_later(row, now=now, error=repr(exc), retry_after=None, report=report)
    report.sent += 1
    return {"status": DeliveryStatus.SENT.value, "sent_at": now, "last_error": None}


def _retry_later(
    row: Claimed,
    *,
    now: datetime,
    error: str,
    retry_after: float | None,
    report: DeliveryReport,
) -> dict[str, Any]:
    if row.attempts >= MAX_ATTEMPTS:
        report.failed += 1
        logger.error("delivery %s failed after %d attempts: %s", row.key, row.attempts, error)
        return {"status": DeliveryStatus.FAILED.value, "last_error": error[:1000]}
    backoff = timedelta(seconds=retry_after) if retry_after else backoff_for(row.attempts)
    report.retried += 1
    logger.info("delivery %s retried in %s: %s", row.key, backoff, error)
    return {
        "status": DeliveryStatus.PENDING.value,
        "not_before": now + backoff,
        "last_error": error[:1000],
    }


def backoff_for(attempts: int) -> timedelta:
    """Exponential backoff: 30 s, 1 min, 2 min, 4 min, ... capped at one hour."""
    return timedelta(seconds=min(30 * 2 ** max(attempts - 1, 0), 3600))
