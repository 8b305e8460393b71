"""Holding and releasing the outbox for a workspace, place or person copbot cannot reach.

A message for an unreachable target is ``held``: never claimed, never failed. When the target
is back, its held messages return to the outbox, except those that lost their point meanwhile
(their meeting has passed, or they waited longer than ``HOLD_LIMIT``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from sqlalchemy import ColumnElement, Select, and_, delete, select, update
from sqlalchemy.orm import Session

from bot.outbox.models import Delivery, DeliveryStatus
from bot.outbox.queued import mark_queued
from bot.reach.models import Scope, Unreachable
from bot.sqlutil import insert_ignoring_duplicates, table_of

# Longer than any lead time copbot plans with: a message that waited this long is stale.
HOLD_LIMIT = timedelta(days=14)

Target = tuple[str, str, str]  # (platform, scope, key)


@dataclass(frozen=True)
class Released:
    sent: int = 0  # back in the outbox
    dropped: int = 0  # too late to still send


# Read for every timed job's messages: built once, on the table's columns (a select of the
# mapped attributes goes through the ORM's compilation and costs twice as much to run). No
# unit of work holds unflushed rows of this table: they are written by statements only.
@cache
def _unreachable() -> Select[str, str, str]:
    targets = table_of(Unreachable).c
    return select(targets.platform, targets.scope, targets.key)


def unreachable(session: Session) -> set[Target]:
    """Every target copbot cannot send to now (a handful of rows at most)."""
    rows = session.execute(_unreachable())
    return {(p, s, k) for p, s, k in rows}


def is_unreachable(session: Session, *, platform: str, scope: Scope, key: str) -> bool:
    return (platform, scope.value, key) in unreachable(session)


def holds(
    targets: set[Target],
    *,
    platform: str,
    workspace_id: str | None,
    recipient: str,
    to_channel: bool,
) -> bool:
    """Whether a delivery with these fields waits for one of ``targets``."""
    if not targets:
        return False
    own = (Scope.PLACE if to_channel else Scope.PERSON).value
    return (platform, own, recipient) in targets or (
        workspace_id is not None and (platform, Scope.WORKSPACE.value, workspace_id) in targets
    )


def _matches(platform: str, scope: Scope, key: str) -> ColumnElement[bool]:
    if scope is Scope.WORKSPACE:
        return and_(Delivery.platform == platform, Delivery.workspace_id == key)
    return and_(
        Delivery.platform == platform,
        Delivery.to_channel.is_(scope is Scope.PLACE),
        Delivery.recipient == key,
    )


def hold(
    session: Session, *, platform: str, scope: Scope, key: str, reason: str, now: datetime
) -> bool:
    """Mark ``key`` unreachable and hold what waits for it. True when it was reachable until
    now (a repeated event changes nothing)."""
    known = is_unreachable(session, platform=platform, scope=scope, key=key)
    insert_ignoring_duplicates(
        session,
        table_of(Unreachable),
        [{"platform": platform, "scope": scope.value, "key": key, "reason": reason[:40],
          "since": now}],
        unique=("platform", "scope", "key"),
    )  # fmt: skip
    session.execute(
        update(Delivery)
        .where(Delivery.status == DeliveryStatus.PENDING.value, _matches(platform, scope, key))
        .values(status=DeliveryStatus.HELD.value)
        .execution_options(synchronize_session=False)
    )
    return not known


def release(
    session: Session, *, platform: str, scope: Scope, key: str, now: datetime
) -> Released | None:
    """``key`` is reachable again: its held messages go back to the outbox (those another
    target still holds stay held). None when it was not unreachable."""
    gone = session.execute(
        delete(Unreachable).where(
            Unreachable.platform == platform,
            Unreachable.scope == scope.value,
            Unreachable.key == key,
        )
    )
    if not getattr(gone, "rowcount", 0):
        return None
    waiting = list(
        session.scalars(
            select(Delivery).where(
                Delivery.status == DeliveryStatus.HELD.value, _matches(platform, scope, key)
            )
        )
    )
    still = unreachable(session)
    passed = _passed_meetings(session, (d.meeting_id for d in waiting), now=now)
    sent = dropped = 0
    for row in waiting:
        if holds(
            still,
            platform=row.platform,
            workspace_id=row.workspace_id,
            recipient=row.recipient,
            to_channel=row.to_channel,
        ):
            continue
        if row.meeting_id in passed or row.created_at < now - HOLD_LIMIT:
            row.status = DeliveryStatus.CANCELLED.value
            row.last_error = "too late after copbot could not send"
            dropped += 1
        else:
            row.status = DeliveryStatus.PENDING.value
            row.not_before = now
            sent += 1
    if sent:
        mark_queued(session)
    return Released(sent=sent, dropped=dropped)


def _passed_meetings(
    session: Session, ids: Iterable[int | None], *, now: datetime
) -> set[int | None]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return set()
    # Imported here: the meetings slice reaches the outbox, which asks this module.
    from bot.meetings.service import meetings_by_ids

    return {m.id for m in meetings_by_ids(session, meeting_ids=wanted) if m.starts_at < now}


def move_place(session: Session, *, platform: str, old: str, new: str) -> None:
    """A channel got a new id: what waits for it, and its state, follow."""
    session.execute(
        update(Delivery)
        .where(_matches(platform, Scope.PLACE, old))
        .values(recipient=new)
        .execution_options(synchronize_session=False)
    )
    session.execute(
        update(Unreachable)
        .where(
            Unreachable.platform == platform,
            Unreachable.scope == Scope.PLACE.value,
            Unreachable.key == old,
        )
        .values(key=new)
        .execution_options(synchronize_session=False)
    )
