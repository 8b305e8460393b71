"""Logbook entries: a member's goals, notes and successes."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Boolean, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bot.db import Base, UTCDateTime, now_default


class EntryKind(StrEnum):
    GOAL = "goal"
    LOG = "log"
    SUCCESS = "success"
    REPORT = "report"  # a buddy experiment's report-back
    PROGRESS = "progress"  # how the learning goal is going, asked every few meetings
    # The halfway reflection's two answers (bot/reflection): learned so far, wanted next.
    HALFWAY_LEARNED = "halfway_learned"
    HALFWAY_NEXT = "halfway_next"
    # Wrote to or heard from a buddy through copbot: ``text`` is only the direction
    # (``sent``/``received``), never what was written.
    CONTACT = "contact"


class LogEntry(Base):
    __tablename__ = "log_entries"
    __table_args__ = (Index("ix_log_entries_community_created", "community_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id", ondelete="CASCADE"))
    # forget-me deletes the member's entries (their own words) and keeps the anonymised member
    # row; SET NULL only matters if a member row itself is ever removed.
    member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL"), index=True
    )
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    # A success its author chose to share with the group: shown in the channel, the digest
    # and the report with their name. Unshared ones stay anonymous.
    shared: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_default)
