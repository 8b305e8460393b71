"""Hold a document for a person, hand it over once, or drop it; keyword-only."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.files.models import HeldFile
from bot.messages import File

# A consent card left unanswered for a week is stale: the person can ask again.
HELD_FOR = timedelta(days=7)


def hold(session: Session, *, platform: str, user_id: str, file: File, now: datetime) -> str:
    """Keep ``file`` for this person; returns the unguessable token that fetches it."""
    session.execute(
        delete(HeldFile)
        .where(HeldFile.expires_at <= now)
        .execution_options(synchronize_session=False)
    )
    token = secrets.token_urlsafe(24)
    session.add(
        HeldFile(
            token=token,
            platform=platform,
            user_id=user_id,
            name=file.name,
            mime=file.mime,
            content=file.content,
            created_at=now,
            expires_at=now + HELD_FOR,
        )
    )
    session.flush()
    return token


def take(
    session: Session, *, platform: str, user_id: str, token: str, now: datetime
) -> File | None:
    """The file held under ``token`` for this very person, removed as it is handed over;
    None when it is not theirs, was taken already, or expired."""
    held = session.scalars(
        select(HeldFile).where(
            HeldFile.token == token,
            HeldFile.platform == platform,
            HeldFile.user_id == user_id,
        )
    ).first()
    if held is None:
        return None
    session.delete(held)
    session.flush()
    if held.expires_at <= now:
        return None
    return File(name=held.name, content=held.content, mime=held.mime)


def forget_person(session: Session, *, platform: str, user_id: str) -> None:
    session.execute(
        delete(HeldFile)
        .where(HeldFile.platform == platform, HeldFile.user_id == user_id)
        .execution_options(synchronize_session=False)
    )
