"""Meetings (bijeenkomsten) and blackout periods."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from enum import StrEnum

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.db import Base, UTCDateTime, now_default


class MeetingStatus(StrEnum):
    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"


class Meeting(Base):
    __tablename__ = "meetings"
    __table_args__ = (
        Index("ix_meetings_community_start", "community_id", "starts_at"),
        # People refer to meetings by number: one number, one meeting, for life.
        UniqueConstraint("community_id", "number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id", ondelete="CASCADE"))
    # Given once, when the meeting is made (the next free number), and never changed: a
    # cancelled meeting keeps its number, so `theme 4` always means the same meeting.
    number: Mapped[int] = mapped_column(Integer)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    duration_minutes: Mapped[int] = mapped_column(Integer, default=120)
    theme: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default=MeetingStatus.PLANNED.value)
    # Its date follows the cadence (re-timed when the series changes). False for a meeting
    # added or moved by hand: the organiser chose that date.
    generated: Mapped[bool] = mapped_column(Boolean, default=False)
    # Its place in the cadence series (None: added by hand, or dropped from the series). A
    # meeting moved by hand keeps its place, so the series does not make a second one there.
    slot: Mapped[int | None] = mapped_column(Integer)
    # The day the cadence gives this place, before any shift off a holiday: where the series
    # continues from when the cadence changes halfway.
    series_day: Mapped[date | None] = mapped_column(Date)
    # Bumped at every change people's calendars must follow (iCalendar SEQUENCE).
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_default)

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    @property
    def is_cancelled(self) -> bool:
        return self.status == MeetingStatus.CANCELLED.value


class Blackout(Base):
    """A period (school holidays, summer) in which no meeting may take place."""

    __tablename__ = "blackouts"
    __table_args__ = (UniqueConstraint("community_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(
        ForeignKey("communities.id", ondelete="CASCADE"), index=True
    )
    # Stable per community, as meeting numbers are: `pause remove 2` stays the same pause.
    number: Mapped[int] = mapped_column(Integer)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    label: Mapped[str] = mapped_column(String(200))


class PendingChange(Base):
    """A schedule change that would move or drop what people decided, waiting for the
    organiser's confirmation. ``command`` is what they typed; confirming runs it again and
    applies it only when it still changes the same things (``fingerprint``)."""

    __tablename__ = "schedule_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(
        ForeignKey("communities.id", ondelete="CASCADE"), index=True
    )
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    command: Mapped[str] = mapped_column(Text)
    fingerprint: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(20), default="pending")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_default)
