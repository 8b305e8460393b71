"""Check-in answers: what a member brings in to a meeting, and how their experiment went."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.db import Base, UTCDateTime, now_default


class CheckinAnswer(Base):
    __tablename__ = "checkin_answers"
    __table_args__ = (
        # One answer per member per meeting: answering again updates it.
        UniqueConstraint("meeting_id", "member_id"),
        Index("ix_checkin_answers_member", "member_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(
        ForeignKey("communities.id", ondelete="CASCADE"), index=True
    )
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    bring_in: Mapped[str | None] = mapped_column(Text)
    experiment_report: Mapped[str | None] = mapped_column(Text)
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_default)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_default)
