"""Where copbot cannot send right now: a workspace (the app was removed), a place (its channel
is archived, deleted, or copbot was taken out of it) or a person (a deactivated account)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.db import Base, UTCDateTime, now_default


class Scope(StrEnum):
    WORKSPACE = "workspace"  # a Slack workspace, a Teams team
    PLACE = "place"  # a channel or group chat
    PERSON = "person"  # someone's DMs


class Unreachable(Base):
    """While a row exists, the outbox holds what waits for its workspace, place or person
    (status ``held``) instead of failing it message by message; deleting the row (reinstalled,
    unarchived, reactivated) hands the held messages back to the outbox."""

    __tablename__ = "unreachable"
    __table_args__ = (UniqueConstraint("platform", "scope", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(20))
    scope: Mapped[str] = mapped_column(String(20))
    key: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(String(40))
    since: Mapped[datetime] = mapped_column(UTCDateTime, default=now_default)
