"""A document waiting for its recipient's consent."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bot.db import Base, UTCDateTime, now_default


class HeldFile(Base):
    """A file offered to one person and kept until they accept or decline it, or it expires.

    Keyed by the person's platform and user id rather than a member row: a report asked for
    in a DM belongs to the person, and forget-me erases it with the rest of their data."""

    __tablename__ = "held_files"
    __table_args__ = (Index("ix_held_files_person", "platform", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    platform: Mapped[str] = mapped_column(String(20))
    user_id: Mapped[str] = mapped_column(String(200))
    name: Mapped[str] = mapped_column(String(200))
    mime: Mapped[str] = mapped_column(String(100))
    content: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_default)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
