"""The questions the bot asked a member and their answers, and the replies kept while copbot
asks which question they answer, for ``my-data`` and ``forget-me``."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.members.models import Member
from bot.prompts.models import HeldReply, Prompt


def export(session: Session, *, member: Member) -> dict[str, Any]:
    prompts = session.scalars(
        select(Prompt).where(Prompt.member_id == member.id).order_by(Prompt.created_at, Prompt.id)
    )
    return {
        "prompts": [
            {
                "kind": prompt.kind,
                "meeting_id": prompt.meeting_id,
                "status": prompt.status,
                "answers": prompt.answers,
                "asked_at": prompt.created_at.isoformat(),
                "answered_at": prompt.answered_at.isoformat() if prompt.answered_at else None,
            }
            for prompt in prompts
        ],
        # Replies kept until the person says which question they answer.
        "kept_replies": [
            {
                "text": held.text,
                "kept_at": held.created_at.isoformat(),
            }
            for held in session.scalars(
                select(HeldReply)
                .where(HeldReply.member_id == member.id)
                .order_by(HeldReply.created_at, HeldReply.id)
            )
        ],
    }


def forget(session: Session, *, member: Member, now: datetime) -> None:
    session.execute(
        delete(HeldReply)
        .where(HeldReply.member_id == member.id)
        .execution_options(synchronize_session=False)
    )
    session.execute(
        delete(Prompt)
        .where(Prompt.member_id == member.id)
        .execution_options(synchronize_session=False)
    )


def words(session: Session, *, member: Member) -> list[str]:
    """Every answer given to a question, and every reply kept (they are quoted elsewhere
    too: the question about a kept reply quotes it)."""
    answers = session.scalars(select(Prompt.answers).where(Prompt.member_id == member.id))
    kept = session.scalars(select(HeldReply.text).where(HeldReply.member_id == member.id))
    return [
        *(v for found in answers for v in (found or {}).values() if isinstance(v, str) and v),
        *(text for text in kept if text),
    ]
