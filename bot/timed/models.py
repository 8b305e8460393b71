"""Timed work as data: everything that must happen at a time is a row with a due time."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bot.db import Base, UTCDateTime, now_default


class JobStatus(StrEnum):
    PLANNED = "planned"
    RUNNING = "running"
    DONE = "done"
    SKIPPED = "skipped"
    CANCELLED = "cancelled"
    FAILED = "failed"


class PlannedJob(Base):
    __tablename__ = "planned_jobs"
    __table_args__ = (
        Index("ix_planned_jobs_due", "status", "due_at"),
        # A community's jobs (its plan), and a claim's: the due ones of one community, in order.
        Index("ix_planned_jobs_community", "community_id", "status", "due_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Idempotency key, e.g. "checkin:12" or "digest:3:2026-W47": one row per piece of work ever.
    key: Mapped[str] = mapped_column(String(200), unique=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id", ondelete="CASCADE"))
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Past this moment the work is pointless (a check-in for a meeting already held): skipped.
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(20), default=JobStatus.PLANNED.value)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    claimed_by: Mapped[str | None] = mapped_column(String(100))
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_default)
