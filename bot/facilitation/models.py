"""Facilitator turns per meeting and the swap requests between members."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from bot.db import Base, UTCDateTime, now_default


class AssignmentStatus(StrEnum):
    ASSIGNED = "assigned"
    # Gave the turn to the next in line; counts as a turn for the rotation's fairness.
    PASSED = "passed"
    # Handed over by a confirmed swap; does not count, the other person took it.
    SWAPPED = "swapped"
    # Withdrawn by a re-rotation, or because the member was away or left; does not count,
    # so the member keeps their place in the rotation.
    RELEASED = "released"


ACTIVE_ONLY = text("status = 'assigned'")


class Assignment(Base):
    """One member's turn in one role at one meeting. Rows are never deleted (also not by
    forget-me): they are the history the rotation's fairness is counted from."""

    __tablename__ = "facilitator_assignments"
    __table_args__ = (
        Index("ix_facilitator_assignments_meeting", "meeting_id", "status"),
        # At most one current facilitator per role and meeting, also when two workers race.
        Index(
            "uq_facilitator_assignments_current",
            "meeting_id",
            "role",
            unique=True,
            sqlite_where=ACTIVE_ONLY,
            postgresql_where=ACTIVE_ONLY,
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(
        ForeignKey("communities.id", ondelete="CASCADE"), index=True
    )
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(10))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(10), default=AssignmentStatus.ASSIGNED.value)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_default)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class SwapStatus(StrEnum):
    PENDING = "pending"
    DONE = "done"
    DECLINED = "declined"
    EXPIRED = "expired"


class SwapRequest(Base):
    """``swap <n> <@from> <@to>``: happens only once both people confirmed."""

    __tablename__ = "facilitator_swaps"
    __table_args__ = (Index("ix_facilitator_swaps_meeting", "meeting_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(
        ForeignKey("communities.id", ondelete="CASCADE"), index=True
    )
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(10))
    # Each found by person (my-data, forget-me, an account merge): indexed.
    from_member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), index=True
    )
    to_member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), index=True
    )
    requested_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL"), index=True
    )
    from_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    to_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(10), default=SwapStatus.PENDING.value)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_default)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
