"""The outbox: every message the bot sends on its own, with an idempotency key and a state."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.db import Base, JSONType, UTCDateTime, now_default


class DeliveryStatus(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"  # gave up after retries
    PERMANENT = "permanent"  # user gone, bot removed: never retried
    CANCELLED = "cancelled"
    # Waits for a workspace, channel or person copbot cannot reach now (bot.reach).
    HELD = "held"


class Delivery(Base):
    __tablename__ = "deliveries"
    __table_args__ = (Index("ix_deliveries_due", "status", "not_before"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # e.g. "checkin:<meeting>:<member>": inserting the same key twice is a no-op.
    key: Mapped[str] = mapped_column(String(200), unique=True)
    community_id: Mapped[int | None] = mapped_column(
        ForeignKey("communities.id", ondelete="CASCADE"), index=True
    )
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    # The meeting whose timed job queued this message: cancelling the meeting withdraws it
    # even when quiet hours held it back until the morning.
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="SET NULL"), index=True
    )
    platform: Mapped[str] = mapped_column(String(20))
    # The Slack workspace or Teams team the message goes to: removing the app there holds it.
    workspace_id: Mapped[str | None] = mapped_column(String(200))
    recipient: Mapped[str] = mapped_column(String(200))  # platform user id or channel id
    to_channel: Mapped[bool] = mapped_column(Boolean, default=False)
    address: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    payload: Mapped[dict[str, Any]] = mapped_column(JSONType)
    status: Mapped[str] = mapped_column(String(20), default=DeliveryStatus.PENDING.value)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    not_before: Mapped[datetime] = mapped_column(UTCDateTime, default=now_default)
    # Set when a worker takes the row to send it; a 'sending' row whose claim is older than the
    # lease belongs to a worker that died mid-send and is taken over.
    claimed_by: Mapped[str | None] = mapped_column(String(100))
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_default)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class InboundEvent(Base):
    """Platform events already handled, so a retried delivery (Slack's event_id) counts once."""

    __tablename__ = "inbound_events"
    __table_args__ = (UniqueConstraint("platform", "event_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(20))
    event_key: Mapped[str] = mapped_column(String(200))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_default)
