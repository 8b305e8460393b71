"""The channels a community lives in, and the one-time codes that link more of them.

A community starts in the channel where it was set up (its home) and may be linked to
channels in other Slack workspaces or Teams teams. Every place is one row here: a channel is
the place of at most one community (the unique key), and what copbot posts to "the channel"
goes to each place, rendered for its platform.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.db import Base, JSONType, UTCDateTime, now_default


class CommunityPlace(Base):
    __tablename__ = "community_places"
    __table_args__ = (
        UniqueConstraint("platform", "channel_id"),
        UniqueConstraint("community_id", "number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(
        ForeignKey("communities.id", ondelete="CASCADE"), index=True
    )
    # Shown in `places` and named by `unlink <n>`: the next after the highest in use.
    number: Mapped[int] = mapped_column(Integer)
    platform: Mapped[str] = mapped_column(String(20))
    channel_id: Mapped[str] = mapped_column(String(200))
    # Whose channel it is (Slack workspace or Teams team; the Teams tenant): `join` typed in
    # a private chat offers the communities of the person's workspace or tenant.
    team_id: Mapped[str | None] = mapped_column(String(200))
    tenant_id: Mapped[str | None] = mapped_column(String(200))
    # Opaque platform reference to the channel (Teams conversation reference), never read here.
    address: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    # The channel where the community was set up: it cannot be unlinked.
    home: Mapped[bool] = mapped_column(Boolean, default=False)
    linked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_default)


class CodeKind(StrEnum):
    PLACE = "place"  # `link`: another channel joins the community
    PERSON = "person"  # `link me`: a second account of the same person


class LinkCode(Base):
    """A one-time code: only its SHA-256 is kept, so the table never holds a usable code."""

    __tablename__ = "link_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(10))
    community_id: Mapped[int] = mapped_column(
        ForeignKey("communities.id", ondelete="CASCADE"), index=True
    )
    # Who asked for it: the organiser (a place) or the person (their other account).
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_default)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
