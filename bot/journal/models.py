"""The inbound journal: every platform input is written here before it is acknowledged."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.db import Base, JSONType, UTCDateTime, now_default


class ItemStatus(StrEnum):
    PENDING = "pending"  # stored, not yet handled (or its handling was cut off)
    DONE = "done"
    FAILED = "failed"  # copbot's own bug: logged, not retried


class InboundItem(Base):
    """One input as the platform sent it, kept until it is handled.

    ``key`` makes it once: Slack's event id (a retry of a missed event), a Teams activity id,
    or the request signature of a slash command or click (a captured request replayed within
    Slack's five minutes is the same signature). The payload is dropped once handled, so the
    journal keeps no text people wrote beyond the moment it is stored in its proper place."""

    __tablename__ = "inbound_items"
    __table_args__ = (
        UniqueConstraint("platform", "key"),
        # The claim's range: an input of the platform still pending, oldest first. Its order
        # is the index's own, so a claim reads the pending inputs only, however many finished
        # ones the journal keeps (by (status, claimed_at) it read them all: 4 ms a look with
        # a busy day's 100,000 kept, against 0.3 ms with 1,000).
        Index("ix_inbound_items_open", "status", "platform", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(20))
    key: Mapped[str] = mapped_column(String(200))
    payload: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    status: Mapped[str] = mapped_column(String(10), default=ItemStatus.PENDING.value)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_default)
    # Taken by the process handling it; one whose claim is older than a lease was cut off.
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_default)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
