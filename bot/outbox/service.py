"""Enqueue outbound messages idempotently and deliver them with claims, retries and backoff."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from bot.communities.models import Community
from bot.members.models import Member
from bot.messages import Message
from bot.outbox.models import Delivery, DeliveryStatus
from bot.outbox.quiet import defer_for_quiet_hours
from bot.outbox.sender import (
    PermanentDeliveryError,
    Recipient,
    Sender,
    TransientDeliveryError,
)
from bot.sqlutil import insert_ignoring_duplicates, supports_skip_locked

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
# A worker that claimed a row and died leaves it 'sending'; after this lease it is retried.
SENDING_LEASE = timedelta(minutes=10)
BATCH = 200


@dataclass(frozen=True)
class Outgoing:
    """One message to enqueue. ``key`` is the idempotency key."""

    key: str
    message: Message
    member: Member | None = None
    community: Community | None = None  # channel post when no member
    not_before: datetime | None = None
    deadline: datetime | None = None  # quiet hours never push a send past this


def enqueue(session: Session, *, items: Iterable[Outgoing], now: datetime) -> None:
    """Record messages for delivery in one statement; keys already present are skipped."""
    rows: list[dict[str, Any]] = []
    for item in items:
        when = item.not_before or now
        if item.member is not None:
            member = item.member
            quiet = item.community.quiet_hours if item.community is not None else "22:00-07:00"
            tz = member.tz or (item.community.tz if item.community else None)
            when = defer_for_quiet_hours(when, tz=tz, quiet=quiet, deadline=item.deadline)
            rows.append(
                {
                    "key": item.key,
                    "community_id": member.community_id,
                    "member_id": member.id,
                    "platform": member.platform,
                    "recipient": member.user_id,
                    "to_channel": False,
                    "address": member.address,
                    "payload": item.message.to_dict(),
                    "status": DeliveryStatus.PENDING.value,
                    "attempts": 0,
                    "not_before": when,
                    "created_at": now,
                }
            )
        elif item.community is not None:
            community = item.community
            rows.append(
                {
                    "key": item.key,
                    "community_id": community.id,
                    "member_id": None,
                    "platform": community.platform,
                    "recipient": community.channel_id,
                    "to_channel": True,
                    "address": community.address,
                    "payload": item.message.to_dict(),
                    "status": DeliveryStatus.PENDING.value,
                    "attempts": 0,
                    "not_before": when,
                    "created_at": now,
                }
            )
        else:
            raise ValueError("an outgoing message needs a member or a community")
    insert_ignoring_duplicates(session, Delivery.__table__, rows, unique=("key",))  # type: ignore[arg-type]


@dataclass
class DeliveryReport:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    permanent: int = 0


def _claim(session: Session, *, now: datetime, worker: str, limit: int) -> list[int]:
    due = and_(Delivery.status == DeliveryStatus.PENDING.value, Delivery.not_before <= now)
    stale = and_(
        Delivery.status == DeliveryStatus.SENDING.value, Delivery.claimed_at < now - SENDING_LEASE
    )
    candidates = select(Delivery.id).where(or_(due, stale)).order_by(Delivery.id).limit(limit)
    if supports_skip_locked(session):
        candidates = candidates.with_for_update(skip_locked=True)
    ids = list(session.scalars(candidates))
    if not ids:
        return []
    # The conditional WHERE repeats the predicate: a row another worker claimed in between
    # no longer matches, so each row is claimed by exactly one worker.
    claimed = session.scalars(
        update(Delivery)
        .where(Delivery.id.in_(ids), or_(due, stale))
        .values(status=DeliveryStatus.SENDING.value, claimed_by=worker, claimed_at=now)
        .returning(Delivery.id)
        .execution_options(synchronize_session=False)
    ).all()
    session.commit()
    return sorted(claimed)


def deliver_pending(
    factory: sessionmaker[Session],
    *,
    senders: Mapping[str, Sender],
    now: datetime,
    worker: str = "worker",
    limit: int | None = None,
) -> DeliveryReport:
    """Send every due delivery once. Each send is committed on its own, so an interruption
    after k of n sends leaves exactly n - k to send on the next run."""
    report = DeliveryReport()
    remaining = limit
    while remaining is None or remaining > 0:
        batch = BATCH if remaining is None else min(BATCH, remaining)
        with factory() as session:
            ids = _claim(session, now=now, worker=worker, limit=batch)
            if not ids:
                break
            rows = session.scalars(select(Delivery).where(Delivery.id.in_(ids))).all()
            for row in sorted(rows, key=lambda d: d.id):
                _deliver_one(session, row, senders=senders, now=now, report=report)
                session.commit()
        if remaining is not None:
            remaining -= len(ids)
    return report


def _deliver_one(
    session: Session,
    row: Delivery,
    *,
    senders: Mapping[str, Sender],
    now: datetime,
    report: DeliveryReport,
) -> None:
    row.attempts += 1
    sender = senders.get(row.platform)
    if sender is None:
        # No adapter for this platform in this process: leave it for one that has it.
        row.status = DeliveryStatus.PENDING.value
        row.attempts -= 1
        row.not_before = now + timedelta(minutes=1)
        return
    recipient = Recipient(
        platform=row.platform,
        recipient=row.recipient,
        to_channel=row.to_channel,
        address=row.address,
    )
    try:
        sender.send(recipient, Message.from_dict(row.payload))
    except PermanentDeliveryError as exc:
        row.status = DeliveryStatus.PERMANENT.value
        row.last_error = str(exc)[:1000]
        report.permanent += 1
        logger.warning("delivery %s permanently failed: %s", row.key, exc)
    except TransientDeliveryError as exc:
        _retry_later(row, now=now, error=str(exc), retry_after=exc.retry_after, report=report)
    except Exception as exc:  # a sender bug must not stop the whole fan-out
        logger.exception("delivery %s raised", row.key)
        _retry_later(row, now=now, error=repr(exc), retry_after=None, report=report)
    else:
        row.status = DeliveryStatus.SENT.value
        row.sent_at = now
        row.last_error = None
        report.sent += 1


def _retry_later(
    row: Delivery,
    *,
    now: datetime,
    error: str,
    retry_after: float | None,
    report: DeliveryReport,
) -> None:
    row.last_error = error[:1000]
    if row.attempts >= MAX_ATTEMPTS:
        row.status = DeliveryStatus.FAILED.value
        report.failed += 1
        logger.error("delivery %s failed after %d attempts: %s", row.key, row.attempts, error)
        return
    backoff = timedelta(seconds=retry_after) if retry_after else backoff_for(row.attempts)
    row.status = DeliveryStatus.PENDING.value
    row.not_before = now + backoff
    report.retried += 1
    logger.info("delivery %s retried in %s: %s", row.key, backoff, error)


def backoff_for(attempts: int) -> timedelta:
    """Exponential backoff: 30 s, 1 min, 2 min, 4 min, ... capped at one hour."""
    return timedelta(seconds=min(30 * 2 ** max(attempts - 1, 0), 3600))


def cancel_pending(session: Session, *, key_prefix: str) -> None:
    """Withdraw messages not yet sent (for example prompts of a cancelled meeting)."""
    session.execute(
        update(Delivery)
        .where(Delivery.key.startswith(key_prefix), Delivery.status == DeliveryStatus.PENDING.value)
        .values(status=DeliveryStatus.CANCELLED.value)
        .execution_options(synchronize_session=False)
    )
