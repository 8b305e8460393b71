"""Members of a community: their role, status, intake answers and platform address."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Boolean, Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.db import Base, JSONType, UTCDateTime, now_default


class Role(StrEnum):
    PARTICIPANT = "participant"
    FACILITATOR = "facilitator"
    ORGANISER = "organiser"

    @property
    def rank(self) -> int:
        return {"participant": 0, "facilitator": 1, "organiser": 2}[self.value]


class Status(StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"
    LEFT = "left"
    FORGOTTEN = "forgotten"
    # A second account of a member (`link me`): the row stays to find the person by this
    # account, and ``merged_into_id`` names the member they are.
    MERGED = "merged"


class Member(Base):
    __tablename__ = "members"
    __table_args__ = (
        UniqueConstraint("community_id", "platform", "user_id"),
        Index("ix_members_platform_user", "platform", "user_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id", ondelete="CASCADE"))
    platform: Mapped[str] = mapped_column(String(20))
    user_id: Mapped[str] = mapped_column(String(200))
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20), default=Role.PARTICIPANT.value)
    status: Mapped[str] = mapped_column(String(20), default=Status.ACTIVE.value)
    lang: Mapped[str | None] = mapped_column(String(2))
    tz: Mapped[str | None] = mapped_column(String(64))
    # What the member chose themselves (`language`, `timezone`) is theirs: a new locale or time
    # zone on their platform changes it only while they never chose. ``platform_lang`` is the
    # language their platform last reported, so a different one is a change of locale.
    lang_chosen: Mapped[bool] = mapped_column(Boolean, default=False)
    tz_chosen: Mapped[bool] = mapped_column(Boolean, default=False)
    platform_lang: Mapped[str | None] = mapped_column(String(2))
    in_core_group: Mapped[bool] = mapped_column(Boolean, default=False)
    # Opaque platform reference (Teams conversation reference, Slack DM channel id).
    address: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    # The Slack workspace or Teams team the person reaches copbot through (where they
    # joined): a community may span several, and their DMs go through their own. None: the
    # workspace of the community's first place on their platform.
    team_id: Mapped[str | None] = mapped_column(String(200))

    organisation: Mapped[str | None] = mapped_column(String(200))
    discipline: Mapped[str | None] = mapped_column(String(200))
    practice_case: Mapped[str | None] = mapped_column(Text)
    learning_goals: Mapped[str | None] = mapped_column(Text)
    # School holiday region (noord, midden, zuid), asked in the intake: meetings in a school
    # holiday of a region where members live are warned about.
    region: Mapped[str | None] = mapped_column(String(10))
    # An e-mail address the member chose to share with their buddies (`share email ...`);
    # None: not shared. Buddies on other platforms cannot look each other up.
    email: Mapped[str | None] = mapped_column(String(254))
    # Set on a merged account's row: the member this account belongs to (``Status.MERGED``).
    merged_into_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL"), index=True
    )

    joined_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_default)
    left_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    paused_until: Mapped[date | None] = mapped_column(Date)
    last_active_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def role_enum(self) -> Role:
        return Role(self.role)

    @property
    def is_active(self) -> bool:
        return self.status == Status.ACTIVE.value

    @property
    def is_current(self) -> bool:
        """Still a member (active or paused), as opposed to left or forgotten."""
        return self.status in (Status.ACTIVE.value, Status.PAUSED.value)


class RequestStatus(StrEnum):
    OPEN = "open"
    APPROVED = "approved"
    DECLINED = "declined"


class Invitation(Base):
    """Someone a facilitator invited (``members sync``): they may join a closed community with
    the invitation's Join button, and nobody else may."""

    __tablename__ = "invitations"
    # Looked up by person across communities (joining, my-data, forget-me) too.
    __table_args__ = (
        UniqueConstraint("community_id", "platform", "user_id"),
        Index("ix_invitations_person", "platform", "user_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id", ondelete="CASCADE"))
    platform: Mapped[str] = mapped_column(String(20))
    user_id: Mapped[str] = mapped_column(String(200))
    invited_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_default)


class JoinRequest(Base):
    """Someone who asked to join a closed community, until an organiser lets them in or not.

    It keeps what the join itself would have stored (name, timezone, platform address), so an
    approval made later, by someone else, joins the person as they asked.
    """

    __tablename__ = "join_requests"
    # Looked up by person across communities (joining, my-data, forget-me) too.
    __table_args__ = (
        UniqueConstraint("community_id", "platform", "user_id"),
        Index("ix_join_requests_person", "platform", "user_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id", ondelete="CASCADE"))
    platform: Mapped[str] = mapped_column(String(20))
    user_id: Mapped[str] = mapped_column(String(200))
    display_name: Mapped[str] = mapped_column(String(200))
    tz: Mapped[str | None] = mapped_column(String(64))
    lang: Mapped[str | None] = mapped_column(String(2))
    address: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    status: Mapped[str] = mapped_column(String(20), default=RequestStatus.OPEN.value)
    asked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_default)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_by: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL"), index=True
    )
