"""Open, find and close prompts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from bot.members.models import Member
from bot.prompts.models import Prompt, PromptStatus


def open_prompt(
    session: Session,
    *,
    member: Member,
    kind: str,
    now: datetime,
    meeting_id: int | None = None,
    ref: str | None = None,
    expires_at: datetime | None = None,
) -> Prompt:
    """Open a prompt, or return the one already open for the same thing (idempotent)."""
    existing = session.scalars(
        select(Prompt).where(
            Prompt.member_id == member.id,
            Prompt.kind == kind,
            Prompt.meeting_id == meeting_id
            if meeting_id is not None
            else Prompt.meeting_id.is_(None),
            Prompt.ref == ref if ref is not None else Prompt.ref.is_(None),
        )
    ).first()
    if existing is not None:
        return existing
    prompt = Prompt(
        community_id=member.community_id,
        member_id=member.id,
        kind=kind,
        meeting_id=meeting_id,
        ref=ref,
        status=PromptStatus.OPEN.value,
        answers={},
        created_at=now,
        expires_at=expires_at,
    )
    session.add(prompt)
    session.flush()
    return prompt


def open_prompts_bulk(session: Session, *, rows: list[dict[str, Any]]) -> None:
    """Open many prompts in one statement (a fan-out over a whole community)."""
    if rows:
        session.execute(insert(Prompt), rows)


def current_prompt(session: Session, *, member_ids: list[int], now: datetime) -> Prompt | None:
    """The open, unexpired prompt of these members (one per community they are in) that was
    asked or worked on last: a plain reply answers it."""
    if not member_ids:
        return None
    prompts = session.scalars(
        select(Prompt)
        .where(Prompt.member_id.in_(member_ids), Prompt.status == PromptStatus.OPEN.value)
        .order_by(func.coalesce(Prompt.touched_at, Prompt.created_at).desc(), Prompt.id.desc())
    ).all()
    for prompt in prompts:
        if prompt.expires_at is None or prompt.expires_at > now:
            return prompt
    return None


def close(prompt: Prompt, *, now: datetime) -> None:
    prompt.status = PromptStatus.ANSWERED.value
    prompt.answered_at = now


def expire_for_meeting(session: Session, *, meeting_id: int, kind: str) -> None:
    session.execute(
        update(Prompt)
        .where(
            Prompt.meeting_id == meeting_id,
            Prompt.kind == kind,
            Prompt.status == PromptStatus.OPEN.value,
        )
        .values(status=PromptStatus.EXPIRED.value)
        .execution_options(synchronize_session=False)
    )
