"""A member's logbook for ``my-data`` and ``forget-me``."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.logbook.models import LogEntry
from bot.members.models import Member


def export(session: Session, *, member: Member) -> dict[str, Any]:
    entries = session.scalars(
        select(LogEntry)
        .where(LogEntry.member_id == member.id)
        .order_by(LogEntry.created_at, LogEntry.id)
    )
    return {
        "entries": [
            {
                "kind": entry.kind,
                "text": entry.text,
                "created_at": entry.created_at.isoformat(),
                "meeting_id": entry.meeting_id,
                "shared": entry.shared,
            }
            for entry in entries
        ]
    }


def forget(session: Session, *, member: Member, now: datetime) -> None:
    """Notes, goals and successes are the member's own words: all of them go."""
    session.execute(
        delete(LogEntry)
        .where(LogEntry.member_id == member.id)
        .execution_options(synchronize_session=False)
    )


def words(session: Session, *, member: Member) -> list[str]:
    """Their notes: a shared success is quoted in the channel, the digest and the report."""
    return list(session.scalars(select(LogEntry.text).where(LogEntry.member_id == member.id)))
