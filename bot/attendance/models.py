"""Who says they come to a meeting, and who came."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Boolean, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.db import Base, UTCDateTime, now_default


class Intent(StrEnum):
    YES = "yes"  # ik kom
    NO = "no"  # ik kom niet
    MAYBE = "maybe"  # weet ik nog niet


class Attendance(Base):
    """One member at one meeting: what they said beforehand (``intent``) and, once the
    meeting was held, whether they came (``attended``: by default those who said they come;
    facilitators correct it)."""

    __tablename__ = "attendance"
    __table_args__ = (
        UniqueConstraint("meeting_id", "member_id"),
        Index("ix_attendance_member", "member_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(
        ForeignKey("communities.id", ondelete="CASCADE"), index=True
    )
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    intent: Mapped[str | None] = mapped_column(String(10))
    intent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    attended: Mapped[bool | None] = mapped_column(Boolean)
    # Set when a facilitator corrected the list after the meeting (rather than the default).
    corrected: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_default)
