"""An open question the bot asked a member, awaiting an answer in chat or through a form, and
a plain reply kept while copbot asks which open question it answers."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bot.db import Base, JSONType, UTCDateTime, now_default


class PromptStatus(StrEnum):
    OPEN = "open"
    ANSWERED = "answered"
    EXPIRED = "expired"


class Prompt(Base):
    __tablename__ = "prompts"
    # Prompts are read by person, by meeting and by community, always of one kind: each its
    # own index, so a read costs the same however many communities share the table (without
    # them every check-in wave and digest read every community's prompts).
    __table_args__ = (
        Index("ix_prompts_member_status", "member_id", "status"),
        Index("ix_prompts_meeting_kind", "meeting_id", "kind"),
        Index("ix_prompts_community_kind", "community_id", "kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(30))  # intake, checkin, evaluation, experiment, ...
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    ref: Mapped[str | None] = mapped_column(String(100))  # kind-specific reference
    step: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(20), default=PromptStatus.OPEN.value)
    answers: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_default)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Set when the member works on this prompt (a rating button, a reply to one of its
    # steps): their next plain reply belongs to it even when another prompt was opened
    # after it (``bot.prompts.replies``).
    touched_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Set when a reminder asks it again: the conversation is back at this question, but the
    # person has not answered it, so their next reply may still be for another one.
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class HeldReply(Base):
    """A plain reply that more than one open question could take, kept (so nothing said is
    lost) until the person picks the question it answers (``prompt.file``). ``prompt_ids``
    are the questions offered; the row goes once the text is filed under one of them."""

    __tablename__ = "held_replies"

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    prompt_ids: Mapped[list[int]] = mapped_column(JSONType, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_default)
