"""Evaluation answers: a rating and two open answers per member per meeting.

Answers are never shown with names. ``member_id`` is kept only to prevent double answers
and for ``my-data``/``forget-me``; ``forget-me`` sets it to NULL and drops the free texts,
so only the rating survives as part of the anonymous aggregate.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.db import Base, UTCDateTime, now_default


class EvaluationAnswer(Base):
    __tablename__ = "evaluation_answers"
    # NULL member ids (forgotten members) never collide: both backends treat NULLs as distinct.
    __table_args__ = (UniqueConstraint("meeting_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(
        ForeignKey("communities.id", ondelete="CASCADE"), index=True
    )
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL"), index=True
    )
    rating: Mapped[int | None] = mapped_column(Integer)
    valuable: Mapped[str | None] = mapped_column(Text)
    topics: Mapped[str | None] = mapped_column(Text)
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_default)


class EvaluationClosing(Base):
    """A facilitator closed the evaluation of a meeting before its window ended (enough
    people had answered). From then on it counts as closed, as at the end of the window."""

    __tablename__ = "evaluation_closings"

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(
        ForeignKey("communities.id", ondelete="CASCADE"), index=True
    )
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), unique=True
    )
    closed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_default)
