"""Messages the bot sent (or still has to send) to a member, for ``my-data`` and ``forget-me``."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.members.models import Member
from bot.outbox.models import Delivery, DeliveryStatus

EMPTY_PAYLOAD: dict[str, Any] = {"text": "", "blocks": []}


def export(session: Session, *, member: Member) -> dict[str, Any]:
    rows = session.execute(
        select(
            Delivery.key, Delivery.status, Delivery.payload, Delivery.created_at, Delivery.sent_at
        )
        .where(Delivery.member_id == member.id, Delivery.to_channel.is_(False))
        .order_by(Delivery.id)
    ).all()
    return {
        "messages": [
            {
                "kind": key.split(":", 1)[0],
                "status": status,
                "text": (payload or {}).get("text", ""),
                "queued_at": created_at.isoformat(),
                "sent_at": sent_at.isoformat() if sent_at else None,
            }
            for key, status, payload, created_at, sent_at in rows
        ]
    }


def forget(session: Session, *, member: Member, now: datetime) -> None:
    """Nothing more is sent, and what was sent is no longer readable from our tables.

    The rows themselves stay (with their idempotency keys), so a retried job can never
    send the same message again to a re-joined person.
    """
    mine = (Delivery.member_id == member.id, Delivery.to_channel.is_(False))
    session.execute(
        update(Delivery)
        .where(*mine, Delivery.status == DeliveryStatus.PENDING.value)
        .values(status=DeliveryStatus.CANCELLED.value, last_error="forgotten")
        .execution_options(synchronize_session=False)
    )
    session.execute(
        update(Delivery)
        .where(*mine)
        .values(payload=EMPTY_PAYLOAD, recipient=f"forgotten-{member.id}", address=None)
        .execution_options(synchronize_session=False)
    )
