"""What the other slices read or change of the outbox's rows: the messages that failed for
good (the digest), the messages forget-me rewrites, what waits for a place that is unlinked,
and the inbound events copbot acts on once. Nothing here imports another slice, so any slice
may import it."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from functools import cache
from typing import Any

from sqlalchemy import Select, bindparam, delete, select, update
from sqlalchemy.orm import Session

from bot.outbox.models import Delivery, DeliveryStatus, InboundEvent
from bot.sqlutil import rows_by_community


def failed_for_good(
    session: Session, *, community_id: int, since: datetime
) -> list[tuple[bool, int | None]]:
    """(to the channel, member id) of each message of the community that permanently failed
    since ``since``, in the order they were queued."""
    return failed_for_good_by_community(session, since={community_id: since})[community_id]


def failed_for_good_by_community(
    session: Session, *, since: Mapping[int, datetime | None]
) -> dict[int, list[tuple[bool, int | None]]]:
    """``failed_for_good`` of several communities in one query: community id -> since when
    (None: ever) in ``since``, and the same lists by community id."""
    low = min((at for at in since.values() if at is not None), default=None)
    if any(at is None for at in since.values()):
        low = None
    rows = rows_by_community(
        session, _failed_for_good_of_many(), {"since": low or _EVER}, community_ids=since
    )
    return {
        community_id: [
            (bool(to_channel), member_id)
            for to_channel, member_id, claimed_at in found
            if since[community_id] is None or claimed_at >= since[community_id]
        ]
        for community_id, found in rows.items()
    }


# Before any message: the lower bound of a read that wants every failure.
_EVER = datetime(1970, 1, 1, tzinfo=UTC)


@cache
def _failed_for_good_of_many() -> Select[int | None, bool, int | None, datetime | None]:
    return (
        select(Delivery.community_id, Delivery.to_channel, Delivery.member_id, Delivery.claimed_at)
        .where(
            Delivery.community_id.in_(bindparam("community_ids", expanding=True)),
            Delivery.status == DeliveryStatus.PERMANENT.value,
            Delivery.claimed_at >= bindparam("since"),
        )
        .order_by(Delivery.id)
    )


def rewrite(session: Session, *, key_prefix: str, payload: dict[str, Any]) -> None:
    """Every message whose key starts with ``key_prefix`` now says ``payload`` (forget-me
    erases what a person wrote that lives only in messages to others)."""
    session.execute(
        update(Delivery)
        .where(Delivery.key.startswith(key_prefix))
        .values(payload=payload, last_error=None)
        .execution_options(synchronize_session=False)
    )


def withdraw_for_place(
    session: Session, *, community_id: int, platform: str, channel_id: str
) -> int:
    """What still waits to be posted in this place (pending or held) is withdrawn; returns
    how many."""
    result = session.execute(
        update(Delivery)
        .where(
            Delivery.community_id == community_id,
            Delivery.to_channel.is_(True),
            Delivery.platform == platform,
            Delivery.recipient == channel_id,
            Delivery.status.in_([DeliveryStatus.PENDING.value, DeliveryStatus.HELD.value]),
        )
        .values(status=DeliveryStatus.CANCELLED.value, last_error="place unlinked")
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)


# -- the inbound events copbot acts on once (a Teams app added twice over) -------------------
def first_event(session: Session, *, platform: str, key: str, now: datetime) -> bool:
    """True the first time ``key`` is seen on ``platform`` (and noted as seen)."""
    seen = session.scalars(
        select(InboundEvent.id).where(
            InboundEvent.platform == platform, InboundEvent.event_key == key
        )
    ).first()
    if seen is not None:
        return False
    session.add(InboundEvent(platform=platform, event_key=key, received_at=now))
    return True


def forget_events(session: Session, *, platform: str, starts: str, ends: str | None = None) -> None:
    """The events whose key starts (and ends) so are forgotten: seen again, they count as
    new."""
    query = delete(InboundEvent).where(
        InboundEvent.platform == platform, InboundEvent.event_key.startswith(starts)
    )
    if ends is not None:
        query = query.where(InboundEvent.event_key.endswith(ends))
    session.execute(query.execution_options(synchronize_session=False))
